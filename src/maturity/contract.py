"""The plugin contract in one place: the hooks' markers and version, and every type a plugin
sees or returns.

A plugin imports from here only::

    from maturity.contract import Adjustment, CapabilityOverride, DomainScore, hookimpl

This module imports nothing of the engine: only the data models (:mod:`maturity.models`) and
the hook specifications (:mod:`maturity.hookspecs`). The engine imports its types from here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .hookspecs import CONTRACT_VERSION, hookimpl, hookspec
from .models import (
    Capability,
    CapabilityResult,
    DomainResult,
    Profile,
    Question,
    Questionnaire,
    Result,
)

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
    """A plugin's change to the recommendations (returned from `adjust_recommendations`).

    ``factor`` scales the value (2.0 doubles it, 0.5 halves it; a finite number, at least 0);
    ``mandatory`` puts it first whatever the goals; ``add`` brings in a capability the profile
    had ruled out. When the capability is not yet on the frontier, the adjustment applies to
    its missing prerequisites.
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
    if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not math.isfinite(factor) or factor < 0:
        return f"returned an Adjustment for {adj.id!r} whose factor {factor!r} is not a finite number of at least 0"
    if not isinstance(adj.reason, str):
        return f"returned an Adjustment for {adj.id!r} whose reason is not text"
    return None


class GoalContribution(BaseModel):
    """How much one of the business's goals counts towards a recommendation."""

    model_config = ConfigDict(extra="forbid")
    goal: str
    name: str
    weight: float
    relevance: float


class Recommendation(BaseModel):
    """One next investment and why (the ``candidates`` of `adjust_recommendations`)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    domain: str
    stage: str
    value: float
    credit: float
    gap: float
    alignment: float
    unlock: float
    feasibility: float
    floor: bool
    mandatory: bool
    cost: float
    cost_band: str
    effort: str
    hours: float
    training_hours: float
    goals: list[GoalContribution]
    builds_on: list[str]
    unlocks: list[str]
    kpi: str
    advice: str
    adjustments: list[str] = []
    reasons: list[str] = []
    fits_budget: bool = True


# --------------------------------------------------------------------------------------------
# capability overrides: sector rules as data
# --------------------------------------------------------------------------------------------


class CapabilityOverride(BaseModel):
    """A change to a capability of any plugin, applied by id (`register_capability_overrides`).

    ``priority`` scales the capability's goal relevance when recommending (2.0 doubles it);
    ``mandatory`` puts it first whatever the goals (a sector's regulatory must-have, with the
    ``reason`` and the ``source`` that says so); ``ignore`` takes it out of every target, as if
    answered not applicable; ``add_requires`` adds hard prerequisites, ``add_enhances`` soft
    links, ``add_goals`` goal relevances (``{"animal-welfare": 0.8}``, the plugin's own goals
    included); ``advice`` replaces the advice text.

    An override applies to every business unless it names ``when_industry`` (profile
    industries, any of them) or ``when_facts`` (profile facts, all of them). A conditional
    override may change ``priority``, ``mandatory``, ``ignore`` and ``advice`` only: what it
    changes depends on the business, the graph does not.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    add_requires: list[str] = []
    add_enhances: list[str] = []
    add_goals: dict[str, float] = {}
    priority: float = Field(default=1.0, ge=0.0, allow_inf_nan=False)
    mandatory: bool | None = None
    ignore: bool = False
    advice: str | None = None
    reason: str = ""
    source: str = ""
    when_industry: list[str] = []
    when_facts: list[str] = []

    @model_validator(mode="after")
    def _check(self) -> CapabilityOverride:
        if self.conditional and (self.add_requires or self.add_enhances or self.add_goals):
            raise ValueError(
                "a conditional override (when_industry, when_facts) cannot change add_requires, "
                "add_enhances or add_goals: the capability graph is the same for every business"
            )
        for goal, relevance in self.add_goals.items():
            if not 0.0 <= relevance <= 1.0:
                raise ValueError(f"add_goals: relevance of {goal!r} must be between 0 and 1, not {relevance}")
        return self

    @property
    def conditional(self) -> bool:
        return bool(self.when_industry or self.when_facts)

    def applies_to(self, profile: Profile | None) -> bool:
        """Whether this override holds for a business (unconditional ones hold for all; a
        conditional one holds for no business when there is no profile)."""
        if not self.conditional:
            return True
        if profile is None:
            return False
        if self.when_industry and profile.industry.strip().lower() not in {i.lower() for i in self.when_industry}:
            return False
        return set(self.when_facts) <= profile.fact_set()


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


__all__ = [
    "CONTRACT_VERSION",
    "SIZE_BANDS",
    "Adjustment",
    "Benchmark",
    "Capability",
    "CapabilityOverride",
    "CapabilityResult",
    "DomainResult",
    "DomainScore",
    "GoalContribution",
    "Profile",
    "Question",
    "Questionnaire",
    "Recommendation",
    "Result",
    "ScoringStrategy",
    "adjustment_problem",
    "hookimpl",
    "hookspec",
]
