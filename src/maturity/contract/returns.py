"""The plain values a plugin returns from its hooks: a domain's score from a scoring strategy,
adjustments to recommendations, and peer benchmarks."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:  # pragma: no cover
    from .questionnaire import Capability, Questionnaire
    from .result import CapabilityResult


# --------------------------------------------------------------------------------------------
# scoring
# --------------------------------------------------------------------------------------------


@dataclass
class DomainScore:
    """What a scoring strategy decides for one domain (returned from ``score_domain``).

    :param stage: 0 (not started) up to 3 (advanced).
    :param index: the continuous index, 0.0 to 3.0.
    :param percent: the percentage of the applicable target achieved, 0 to 100.
    """

    stage: int
    index: float
    percent: float


@runtime_checkable
class ScoringStrategy(Protocol):
    """A way to turn capability results into a domain's stage and index.

    ``score_domain`` receives the questionnaire and a ``(Capability, CapabilityResult)`` pair
    per capability and returns a :class:`DomainScore`.
    """

    name: str

    def score_domain(
        self, questionnaire: Questionnaire, capabilities: list[tuple[Capability, CapabilityResult]]
    ) -> DomainScore: ...


# --------------------------------------------------------------------------------------------
# recommendations
# --------------------------------------------------------------------------------------------


@dataclass
class Adjustment:
    """A plugin's change to the plan (returned from `adjust_recommendations`).

    ``factor`` scales the named capability's benefit (2.0 doubles it, 0.5 halves it; a number,
    kept between 0 and 10, never NaN); ``mandatory`` makes it a must-have, planned before
    anything optional; ``add`` brings in a capability the profile had ruled out. A factor
    changes only the capability it names: its prerequisites gain nothing themselves, but the
    plan takes them on when the raised capability is worth it, and says that they are needed
    for it.
    """

    id: str
    factor: float = 1.0
    mandatory: bool = False
    add: bool = False
    reason: str = ""

    def __post_init__(self) -> None:
        problem = adjustment_problem(self)
        if problem:
            raise ValueError(problem)


def adjustment_problem(adj: object) -> str | None:
    """What is wrong with one returned adjustment, or None when it is a valid Adjustment."""
    if not isinstance(adj, Adjustment):
        return f"returned {adj!r} where an Adjustment was expected"
    if not isinstance(adj.id, str) or not adj.id:
        return f"returned an Adjustment whose id is not a capability id: {adj.id!r}"
    factor = adj.factor
    if isinstance(factor, bool) or not isinstance(factor, (int, float)) or math.isnan(factor):
        return f"returned an Adjustment for {adj.id!r} whose factor {factor!r} is not a number"
    if not isinstance(adj.reason, str):
        return f"returned an Adjustment for {adj.id!r} whose reason is not text"
    return None


# --------------------------------------------------------------------------------------------
# benchmarks
# --------------------------------------------------------------------------------------------

#: The size bands benchmarks are given for.
SIZE_BANDS = ("1-9", "10-49", "50-249")


@dataclass(frozen=True)
class Benchmark:
    """Peer medians for an industry and size band (``register_benchmarks``)."""

    industry: str
    size_band: str
    indices: dict[str, float] = field(default_factory=dict)
    plugin: str = ""


