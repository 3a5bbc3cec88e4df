"""The built-in scoring strategies a questionnaire can ask for (`scoring = "gated"` or
`"additive"`); plugins add more through `register_scoring_strategies`.

A strategy turns the credits of a domain's capabilities into the domain's stage and index.
"""

from __future__ import annotations

from ..contract.questionnaire import STAGES, Capability, Questionnaire
from ..contract.result import CapabilityResult
from ..contract.returns import DomainScore, ScoringStrategy


def _coverage(items: list[tuple[Capability, CapabilityResult]], stage: int) -> float | None:
    """Weighted mean credit of a stage's applicable capabilities; None when it has none."""
    applicable = [(c, r) for c, r in items if r.stage == stage and r.status != "not_applicable"]
    if not applicable:
        return None
    return sum(c.weight * r.credit for c, r in applicable) / sum(c.weight for c, _ in applicable)


def _percent(items: list[tuple[Capability, CapabilityResult]]) -> float:
    applicable = [(c, r) for c, r in items if r.status != "not_applicable"]
    if not applicable:
        return 0.0
    return 100.0 * sum(c.weight * r.credit for c, r in applicable) / sum(c.weight for c, _ in applicable)


class GatedStrategy:
    """Staged: the highest stage at and below which every applicable capability is achieved;
    the index adds the coverage of the next stage (1.40 = Fundamentals done, 40 % into
    Intermediate)."""

    name = "gated"

    def score_domain(
        self, questionnaire: Questionnaire, capabilities: list[tuple[Capability, CapabilityResult]]
    ) -> DomainScore:
        stage = 0
        for number in range(1, len(STAGES) + 1):
            at_stage = [r for _, r in capabilities if r.stage == number and r.status != "not_applicable"]
            if all(r.status == "achieved" for r in at_stage):
                stage = number
            else:
                break
        if stage == len(STAGES):
            index = float(stage)
        else:
            coverage = _coverage(capabilities, stage + 1) or 0.0
            index = stage + coverage
        return DomainScore(stage=stage, index=round(index, 2), percent=round(_percent(capabilities), 1))


class AdditiveStrategy:
    """Additive (OWASP SAMM-like): the index is the sum of each stage's coverage (0..3) and the
    stage its whole part; a strong later stage can make up for gaps in an earlier one."""

    name = "additive"

    def score_domain(
        self, questionnaire: Questionnaire, capabilities: list[tuple[Capability, CapabilityResult]]
    ) -> DomainScore:
        index = 0.0
        for number in range(1, len(STAGES) + 1):
            coverage = _coverage(capabilities, number)
            index += 1.0 if coverage is None else coverage
        index = round(index, 2)
        return DomainScore(stage=min(len(STAGES), int(index + 1e-9)), index=index, percent=round(_percent(capabilities), 1))


def builtin_strategies() -> dict[str, ScoringStrategy]:
    return {"gated": GatedStrategy(), "additive": AdditiveStrategy()}
