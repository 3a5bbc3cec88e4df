"""The planning models a plugin sees: recommendations (`adjust_recommendations`) and the
capability overrides a sector plugin registers.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .profile import Profile
from .questionnaire import CAPABILITY_ID


def slug_ok(value: str) -> bool:
    return re.fullmatch(CAPABILITY_ID, value) is not None


# --------------------------------------------------------------------------------------------
# the plugin contract's models (plugins import them from maturity.contract)
# --------------------------------------------------------------------------------------------


class GoalContribution(BaseModel):
    """How much one of the business's goals counts towards a recommendation."""

    model_config = ConfigDict(extra="forbid")
    goal: str
    name: str
    weight: float
    relevance: float
    strength: str = ""  # "strongly" or "partly": how much the capability serves the goal
    target: str = ""  # the goal's numeric target, as the profile states it


class ValuePart(BaseModel):
    """One reason a step is worth something, in money a year (see docs/value.md)."""

    model_config = ConfigDict(extra="forbid")
    kind: str  # "loss" (a loss avoided), "time" (staff time freed) or "goal" (a goal advanced)
    key: str  # the incident kind, pain or goal
    amount: float  # money a year, the central estimate
    low: float
    high: float
    text: str  # in the owner's words
    hours: float = 0.0  # staff hours a year it frees
    sources: list[str] = []


class Recommendation(BaseModel):
    """One next investment and why (the ``candidates`` of `adjust_recommendations`)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    domain: str
    stage: str
    value: float  # the benefit the plan weighs (see docs/planning.md), plugin factors included
    credit: float
    gap: float
    alignment: float
    unlock: float
    feasibility: float
    floor: bool
    mandatory: bool
    cost: float  # first-year money: one-off plus one year of running cost
    one_off: float = 0.0
    yearly: float = 0.0
    cost_band: str
    effort: str
    hours: float  # staff hours of change work, for this business's size
    training_hours: float  # training per person
    training_total: float = 0.0  # training for everyone together
    goals: list[GoalContribution]
    builds_on: list[str]
    unlocks: list[str]
    kpi: str
    advice: str
    adjustments: list[str] = []
    addresses: list[str] = []  # the stated pain points (catalogue ids) it addresses
    pains: list[str] = []  # those pain points in the business's own words
    reasons: list[str] = []
    fits_budget: bool = True
    starts: int | None = None  # the period the plan starts it in, if it does
    finishes: int | None = None  # the period it is complete in, if within the plan
    why_not_now: str = ""  # for what is next in line: what stands in the way this period
    # the value model (docs/value.md): money a year, and what the step costs a year against it
    value_low: float = 0.0
    value_high: float = 0.0
    value_parts: list[ValuePart] = []
    cost_year: float = 0.0  # running cost plus one-off money and staff time spread over three years
    remaining: float = 1.0  # the share of the whole work still to do (less when partly in place)
    in_place: str = ""  # what is in place already, in the words of the answers
    losses_avoided: float = 0.0  # money a year
    hours_freed: float = 0.0  # staff hours a year
    beyond_target: bool = False  # above its domain's target, planned because it is worth it
    help_hours: float = 0.0  # hours of paid outside help the plan buys for it
    help_cost: float = 0.0


class CapabilityOverride(BaseModel):
    """A change to a capability of any plugin, applied by id (`register_capability_overrides`).

    ``priority`` scales the capability's goal relevance when recommending (2.0 doubles it);
    ``mandatory`` puts it first whatever the goals (a sector's regulatory must-have, with the
    ``reason`` and the ``source`` that says so); ``ignore`` takes it out of every target, as if
    answered not applicable; ``add_requires`` adds hard prerequisites, ``add_enhances`` soft
    links, ``add_goals`` goal relevances (``{"animal-welfare": 0.8}``, the plugin's own goals
    included); ``advice`` replaces the advice text.

    An override applies to every business unless it names ``when_industry`` (industry ids or
    words, any of them, matched to the profile's ``industry_id`` or ``industry``) or
    ``when_facts`` (profile facts, all of them). A conditional override may change ``priority``, ``mandatory``, ``ignore`` and ``advice`` only: what it
    changes depends on the business, the graph does not.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    add_requires: list[str] = []
    add_enhances: list[str] = []
    add_goals: dict[str, Annotated[float, Field(strict=True)]] = {}
    priority: float = Field(default=1.0, strict=True, ge=0.0, allow_inf_nan=False)
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
        industries = {i.lower() for i in self.when_industry}
        if industries and profile.industry_id not in industries and profile.industry.strip().lower() not in industries:
            return False
        return set(self.when_facts) <= profile.fact_set()
