"""After an assessment: what stands between each domain and its next stage, and the next
steps (recommendations and a roadmap) with the investments already accepted taken into account.

Plain functions over the core's models, shared by the terminal app and anything else that shows
an assessment's outcome.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .models import AnswerFile, Capability, CapabilityResult, Result

if TYPE_CHECKING:  # pragma: no cover
    from .catalog import Catalog
    from .recommend import Recommendations
    from .roadmap import Roadmap
    from .store.models import Investment, StoredAssessment

#: Roadmap periods are quarters: the year's budget is spread over four.
PERIODS_PER_YEAR = 4
#: Months an investment of each effort band is planned to take.
EFFORT_MONTHS = {"S": 1, "M": 3, "L": 6}


def stage_gaps(catalog: Catalog, result: Result, domain: str) -> list[tuple[Capability, CapabilityResult]]:
    """The capabilities of a domain's next stage that are not achieved yet: what stands between
    the domain and that stage (empty at the top stage)."""
    d = result.domain(domain)
    if domain not in catalog.questionnaires:
        return []
    out = []
    for cap in catalog.questionnaire(domain).capabilities:
        c = result.capabilities.get(cap.id)
        if c is not None and c.stage == d.stage + 1 and c.status not in ("achieved", "not_applicable"):
            out.append((cap, c))
    return out


def weakest_names(result: Result) -> str:
    """The weakest link's domains by name, or "every domain" when they all tie."""
    weakest = result.weakest_link
    if weakest is None:
        return ""
    ranked = [d for d in result.domains if d.capabilities > d.not_applicable]
    if len(weakest.domains) > 1 and len(weakest.domains) == len(ranked):
        return "every domain"
    return ", ".join(d.name for d in result.domains if d.domain in weakest.domains)


def planned_end(start: dt.date, effort: str) -> dt.date:
    """When an investment of this effort started on `start` is planned to be done."""
    months = EFFORT_MONTHS.get(effort, 3)
    year, month = divmod(start.month - 1 + months, 12)
    day = min(start.day, 28)
    return dt.date(start.year + year, month + 1, day)


@dataclass
class NextSteps:
    """Recommendations and roadmap for one assessment, as of now."""

    answer_file: AnswerFile  # the assessment's answers, accepted investments marked as funded
    result: Result  # the answers scored with the questionnaires loaded now
    budget: float | None  # the year's technology budget from the profile
    committed: float  # planned cost of the investments accepted in the last twelve months or since
    accepted: list[Investment]  # those of them not yet in place: in progress
    recommendations: Recommendations
    roadmap: Roadmap | None
    periods: int
    notes: list[str] = field(default_factory=list)

    @property
    def remaining(self) -> float | None:
        if self.budget is None:
            return None
        return max(0.0, self.budget - self.committed)


def next_steps(
    catalog: Catalog,
    assessment: StoredAssessment,
    investments: list[Investment],
    *,
    top: int = 8,
    periods: int = PERIODS_PER_YEAR,
    today: dt.date | None = None,
) -> NextSteps:
    """Rank the next investments for a completed assessment and plan them over `periods`
    quarters, within what is left of the year's budget once the investments accepted in the
    last twelve months (or since the assessment) are paid for. Those not yet in place by the
    assessment count as funded: they are in progress, not recommended again.

    The stored answers are scored again with the questionnaires loaded now, so a capability that
    a newer questionnaire added or renamed is treated like any other.
    """
    from .recommend import recommend
    from .roadmap import plan_roadmap
    from .scoring import score

    base = assessment.answer_file
    result = score(catalog, base)
    achieved = result.achieved()
    since = _aware(assessment.when)
    year_start = (today or dt.date.today()) - dt.timedelta(days=365)
    this_year = [inv for inv in investments if _aware(inv.created) >= since or _aware(inv.created).date() > year_start]
    accepted = [inv for inv in this_year if inv.capability_id in catalog.capabilities and inv.capability_id not in achieved]
    funded = list(dict.fromkeys(list(base.profile.funded) + [inv.capability_id for inv in accepted]))
    answer_file = base.model_copy(update={"profile": base.profile.model_copy(update={"funded": funded})})
    budget = base.profile.budget
    committed = sum(inv.planned_cost for inv in this_year)
    remaining = None if budget is None else max(0.0, budget - committed)
    recs = recommend(catalog, answer_file, result, budget=remaining, top=top, explore=True)
    notes: list[str] = []
    roadmap = None
    if remaining is None:
        notes.append("No yearly technology budget in the profile, so there is no roadmap; give one in the next assessment's profile.")
    else:
        # the profile's training hours are per quarter already, all staff together
        roadmap = plan_roadmap(
            catalog, answer_file, result, periods=periods,
            budget_per_period=remaining / PERIODS_PER_YEAR, hours_per_period=answer_file.profile.training_hours,
        )
    return NextSteps(
        answer_file=answer_file, result=result, budget=budget, committed=committed, accepted=accepted,
        recommendations=recs, roadmap=roadmap, periods=periods, notes=notes,
    )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)


def share(amount: float, of: float | None) -> float | None:
    """amount / of, or None when there is nothing to compare with."""
    if of is None or of <= 0 or math.isnan(of):
        return None
    return amount / of
