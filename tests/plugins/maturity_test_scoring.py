"""A sample plugin that replaces the built-in ``gated`` strategy and adds ``best-stage``."""

from maturity import hookimpl
from maturity.contract.returns import DomainScore


class LenientGated:
    """Counts a stage as reached when half of its capabilities are achieved."""

    name = "gated"

    def score_domain(self, questionnaire, capabilities):
        stage = 0
        for number in (1, 2, 3):
            results = [r for _, r in capabilities if r.stage == number and r.status != "not_applicable"]
            if results and sum(r.status == "achieved" for r in results) * 2 >= len(results):
                stage = number
            else:
                break
        return DomainScore(stage=stage, index=float(stage), percent=0.0)


class BestStage:
    """The highest stage with any achieved capability, gaps or not."""

    name = "best-stage"

    def score_domain(self, questionnaire, capabilities):
        achieved = [r.stage for _, r in capabilities if r.status == "achieved"]
        stage = max(achieved, default=0)
        return DomainScore(stage=stage, index=float(stage), percent=100.0 * len(achieved) / max(1, len(capabilities)))


@hookimpl
def register_scoring_strategies(register):
    register(LenientGated())
    register(BestStage())
