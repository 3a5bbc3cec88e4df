"""The benefit model: what funding one capability is worth to this business.

Not to be confused with scoring (how far along a business is): the benefit model takes the
scored result and says how much closing each gap would serve the business's stated goals. For a
capability c:

* goal alignment  A_c = fit_c · priority_c · (Σ_g W_g · r_cg + π · pain_c)   (W normalised
  to sum to 1; pain_c is 1 when c addresses one pain point the profile states, and 0.25 more for each further one up to 1.5; π = 1: a stated pain counts as much as the top goal)
* the gap         gap_c = 1 − credit_c
* a hygiene floor β for Fundamentals of cybersecurity and ethics, unless the profile makes the
  capability matter less (fit below 1: an AI use policy for a business that uses no AI tools)
* what it unlocks U_c = 1 − exp(−Σ_{d ∈ descendants(c)} gap_d · A_d / depth(c, d))
* confidence      φ_c = confidence of the answers · effort factor

    B_c = φ_c · (gap_c · (A_c + β · floor_c) + γ · U_c)

The unlock term is bounded (1 − exp) so that one hub capability cannot crowd out everything
that serves the goals. Money and staff time are not part of the benefit: the solver weighs them
as the resources they are (see `solver`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..common.errors import UsageError
from ..assessment.models import AnswerFile
from ..contract.questionnaire import Capability
from ..contract.profile import Profile
from ..contract.result import Result

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog

BETA = 0.6  # hygiene floor, against a goal alignment of at most 1
GAMMA = 0.35  # weight of what a capability unlocks
FLOOR_DOMAINS = ("cybersecurity", "ethics")
EFFORT_FACTOR = {"S": 1.0, "M": 0.9, "L": 0.75}
CONFIDENCE = {"high": 1.0, "medium": 0.95, None: 1.0, "low": 0.75}
DONT_KNOW_CONFIDENCE = 0.85
UNLOCK_DEPTH = 6
#: What a sector's must-have adds to its benefit, so that the plan completes it first.
MANDATORY_BONUS = 10.0
#: What addressing a pain the business stated adds to a capability's alignment.
PAIN_WEIGHT = 1.0
#: The most that stated pain points add, in units of PAIN_WEIGHT (three or more pain points).
PAIN_MAX = 1.5
#: A `fit` key starting with this holds when the profile does not state the fact after it.
NOT = "not:"


def goal_weights(profile: Profile, goals: dict[str, tuple[str, str]]) -> tuple[dict[str, float], list[str]]:
    """Normalised goal weights (sum 1) and notes for the user."""
    notes = []
    raw = {g: goal.weight for g, goal in profile.goals.items() if goal.weight > 0}
    if not raw:
        if profile.goals:
            raise UsageError("every goal has weight 0: give at least one goal a weight above 0")
        notes.append(
            "No goals in the profile: every goal counts equally. Give the business's goals and their "
            "weights in its profile to rank by what matters to you."
        )
        raw = {g: 1.0 for g in goals}
    total = sum(raw.values())
    return {g: w / total for g, w in raw.items()}, notes


class BenefitModel:
    """Each capability's benefit terms for one profile and result."""

    def __init__(self, catalog: Catalog, answer_file: AnswerFile, result: Result) -> None:
        self.catalog = catalog
        self.profile = answer_file.profile
        self.answers = answer_file.answers
        self.result = result
        self.weights, self.notes = goal_weights(self.profile, catalog.goals)
        self.facts = self.profile.fact_set()
        self.pains = catalog.profile_pains(self.profile)  # pain id -> the business's own words
        self._alignment: dict[str, float] = {}
        self.factors: dict[str, float] = {}  # plugin factors, by capability

    def gap(self, cid: str) -> float:
        c = self.result.capabilities.get(cid)
        if c is None or c.status == "not_applicable":
            return 0.0
        return max(0.0, 1.0 - c.credit)

    def fit(self, cap: Capability) -> float:
        """The product of the capability's `fit` multipliers that hold for this profile: a fact
        when the profile states it, `not:fact` when it does not."""
        factor = 1.0
        for fact, multiplier in cap.fit.items():
            negated = fact.startswith(NOT)
            if (fact[len(NOT):] not in self.facts) if negated else (fact in self.facts):
                factor *= multiplier
        return factor

    def alignment(self, cid: str) -> float:
        if cid not in self._alignment:
            cap = self.catalog.capabilities[cid]
            base = sum(self.weights.get(g, 0.0) * r for g, r in cap.goals.items())
            base += PAIN_WEIGHT * self.pain_points(cap)
            self._alignment[cid] = base * self.fit(cap) * self.catalog.priority(cid)
        return self._alignment[cid]

    def pain_points(self, cap: Capability) -> float:
        """How many of the pain points the business stated the capability addresses, counting
        the first fully and each further one a quarter, up to PAIN_MAX."""
        said = {text for p in cap.addresses if p in self.pains for text in self.pains[p]}
        return min(PAIN_MAX, 0.0 if not said else 1.0 + 0.25 * (len(said) - 1))

    def floor(self, cid: str) -> bool:
        """Basic hygiene: a Fundamentals capability of cybersecurity or ethics that this
        profile does not make matter less (a fit below 1)."""
        cap = self.catalog.capabilities[cid]
        return (cap.stage == "fundamentals" and self.catalog.domain_of[cid] in FLOOR_DOMAINS
                and self.fit(cap) >= 1.0)

    def unlock(self, cid: str) -> float:
        depths = self.catalog.graph.depths(cid, UNLOCK_DEPTH)
        total = sum(self.gap(d) * self.alignment(d) / depth for d, depth in depths.items())
        return 1.0 - math.exp(-total)

    def confidence(self, cap: Capability) -> float:
        values = []
        for q in cap.questions:
            a = self.answers.get(q.id)
            if a is None:
                continue
            values.append(DONT_KNOW_CONFIDENCE if a.dont_know else CONFIDENCE.get(a.confidence, 1.0))
        return sum(values) / len(values) if values else 1.0

    def feasibility(self, cap: Capability) -> float:
        return self.confidence(cap) * EFFORT_FACTOR[cap.effort]

    def terms(self, cid: str) -> tuple[float, float, float, float]:
        """(benefit before plugin factors, alignment, unlock, feasibility)"""
        cap = self.catalog.capabilities[cid]
        a = self.alignment(cid)
        u = self.unlock(cid)
        f = self.feasibility(cap)
        b = f * (self.gap(cid) * (a + (BETA if self.floor(cid) else 0.0)) + GAMMA * u)
        return b, a, u, f
