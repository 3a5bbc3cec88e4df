"""Next recommended investments: the frontier, ranked by what serves the business's goals.

A capability is a candidate when it applies to the business, is not achieved, and every hard
prerequisite is achieved (or does not apply). Its value combines, for a capability c:

* goal alignment  A_c = fit_c · priority_c · Σ_g W_g · r_cg   (W normalised to sum to 1)
* the gap         gap_c = 1 − credit_c
* a hygiene floor β for Fundamentals of cybersecurity and ethics
* what it unlocks U_c = 1 − exp(−Σ_{d ∈ descendants(c)} gap_d · A_d / depth(c, d))
* feasibility     φ_c = confidence_c · min(1, hours available / hours needed) · effort factor

    V_c = φ_c · (gap_c · (A_c + β · floor_c) + γ · U_c)

The unlock term is bounded (1 − exp) so that one hub capability cannot crowd out everything
that serves the goals, and basic hygiene is never starved: when a floor capability is on the
frontier, at least one is kept in the shortlist whatever the goals. Plugins adjust through the
`adjust_recommendations` hook; their reasons are shown with the plugin's name.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from .errors import UsageError
from .formatting import money
from .contract import Adjustment, GoalContribution, Recommendation
from .models import AnswerFile, Capability, Profile, Result

if TYPE_CHECKING:  # pragma: no cover
    from .catalog import Catalog

BETA = 0.6  # hygiene floor, against a goal alignment of at most 1
GAMMA = 0.35  # weight of what a capability unlocks
FLOOR_DOMAINS = ("cybersecurity", "ethics")
EFFORT_FACTOR = {"S": 1.0, "M": 0.9, "L": 0.75}
CONFIDENCE = {"high": 1.0, "medium": 0.95, None: 1.0, "low": 0.75}
DONT_KNOW_CONFIDENCE = 0.85
UNLOCK_DEPTH = 6


class Recommendations(BaseModel):
    """What `maturity recommend --json` prints."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int = 1
    budget: float | None
    currency: str
    items: list[Recommendation]
    over_budget: list[Recommendation] = []
    cheapest: Recommendation | None = None
    exploration: Recommendation | None = None
    not_fitting: dict[str, str] = {}
    notes: list[str] = []




def goal_weights(profile: Profile, catalog: Catalog) -> tuple[dict[str, float], list[str]]:
    """Normalised goal weights (sum 1) and notes for the user."""
    notes = []
    raw = {g: goal.weight for g, goal in profile.goals.items() if goal.weight > 0}
    if not raw:
        if profile.goals:
            raise UsageError("every goal has weight 0: give at least one goal a weight above 0")
        notes.append("No goals in the profile: every goal counts equally. Give the business's goals and their weights in its profile to rank by what matters to you.")
        raw = {g: 1.0 for g in catalog.goals}
    total = sum(raw.values())
    return {g: w / total for g, w in raw.items()}, notes


def hours_needed(cap: Capability, profile: Profile) -> float:
    """Staff time a capability takes: project work plus training for everyone."""
    return cap.hours_value + cap.training_hours * (profile.size or 1)


class Scorer:
    """Computes each capability's value terms for one profile and result."""

    def __init__(self, catalog: Catalog, answer_file: AnswerFile, result: Result) -> None:
        self.catalog = catalog
        self.profile = answer_file.profile
        self.answers = answer_file.answers
        self.result = result
        self.weights, self.notes = goal_weights(self.profile, catalog)
        self.facts = self.profile.fact_set()
        self._alignment: dict[str, float] = {}

    def gap(self, cid: str) -> float:
        c = self.result.capabilities.get(cid)
        if c is None or c.status == "not_applicable":
            return 0.0
        return max(0.0, 1.0 - c.credit)

    def fit(self, cap: Capability) -> float:
        factor = 1.0
        for fact, multiplier in cap.fit.items():
            if fact in self.facts:
                factor *= multiplier
        return factor

    def alignment(self, cid: str) -> float:
        if cid not in self._alignment:
            cap = self.catalog.capabilities[cid]
            base = sum(self.weights.get(g, 0.0) * r for g, r in cap.goals.items())
            self._alignment[cid] = base * self.fit(cap) * self.catalog.priority(cid)
        return self._alignment[cid]

    def floor(self, cid: str) -> bool:
        cap = self.catalog.capabilities[cid]
        return cap.stage == "fundamentals" and self.catalog.domain_of[cid] in FLOOR_DOMAINS

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
        need = cap.training_hours * (self.profile.size or 1)
        capacity = 1.0
        if self.profile.training_hours is not None and need > 0:
            capacity = min(1.0, self.profile.training_hours / need) if self.profile.training_hours > 0 else 0.25
        return self.confidence(cap) * max(capacity, 0.25) * EFFORT_FACTOR[cap.effort]

    def value(self, cid: str) -> tuple[float, float, float, float]:
        """(value, alignment, unlock, feasibility)"""
        cap = self.catalog.capabilities[cid]
        a = self.alignment(cid)
        u = self.unlock(cid)
        f = self.feasibility(cap)
        v = f * (self.gap(cid) * (a + (BETA if self.floor(cid) else 0.0)) + GAMMA * u)
        return v, a, u, f


def candidates(catalog: Catalog, result: Result) -> tuple[list[str], dict[str, str]]:
    """The frontier (ids in topological order) and the capabilities ruled out with why."""
    done = result.achieved()
    skip = {cid for cid, c in result.capabilities.items() if c.status == "not_applicable"}
    ruled_out = {cid: c.not_applicable_reason for cid, c in result.capabilities.items() if c.status == "not_applicable"}
    return catalog.graph.frontier(done, skip), ruled_out


def build_recommendation(scorer: Scorer, cid: str) -> Recommendation:
    catalog = scorer.catalog
    cap = catalog.capabilities[cid]
    profile = scorer.profile
    value, alignment, unlock, feasibility = scorer.value(cid)
    goals = sorted(
        (
            GoalContribution(goal=g, name=catalog.goals.get(g, (g, ""))[0], weight=profile.goals[g].weight if g in profile.goals else 0.0, relevance=r)
            for g, r in cap.goals.items()
            if scorer.weights.get(g, 0.0) > 0 and r > 0
        ),
        key=lambda gc: -gc.weight * gc.relevance,
    )
    graph = catalog.graph
    fits = scorer.result.capabilities

    def applies(other: str) -> bool:
        return other not in fits or fits[other].status != "not_applicable"

    builds_on = [r for r in graph.requires(cid) if applies(r)]
    unlocks = [d for d in graph.required_by(cid) if applies(d)]
    credit = scorer.result.capabilities[cid].credit if cid in scorer.result.capabilities else 0.0
    return Recommendation(
        id=cid,
        name=cap.name,
        domain=catalog.domain_of[cid],
        stage=cap.stage,
        value=round(value, 4),
        credit=credit,
        gap=round(scorer.gap(cid), 4),
        alignment=round(alignment, 4),
        unlock=round(unlock, 4),
        feasibility=round(feasibility, 4),
        floor=scorer.floor(cid),
        mandatory=catalog.is_mandatory(cid),
        cost=cap.cost_value,
        cost_band=cap.cost,
        effort=cap.effort,
        hours=hours_needed(cap, profile),
        training_hours=cap.training_hours,
        goals=goals,
        builds_on=builds_on,
        unlocks=unlocks,
        kpi=cap.kpis[0] if cap.kpis else "",
        advice=cap.advice,
        adjustments=[f"{a.plugin}: {a.override.reason}" for a in catalog.overrides.get(cid, []) if a.override.reason],
    )


EFFORT_WORDS = {"S": "up to a month", "M": "one to three months", "L": "more than three months"}


def explain(rec: Recommendation, catalog: Catalog, profile: Profile, budget: float | None) -> list[str]:
    """Plain-language reasons for one recommendation."""
    names = catalog.capabilities
    cur = profile.currency
    out = []
    if rec.mandatory:
        out.append("Must-have for your sector" + (f" ({'; '.join(rec.adjustments)})" if rec.adjustments else "") + ".")
    if rec.goals:
        served = ", ".join(f"{g.name} (weight {g.weight:g})" if g.weight else g.name for g in rec.goals[:3])
        out.append(f"Serves your goals: {served}.")
    if rec.floor:
        out.append("Basic hygiene every business needs, whatever its goals.")
    if rec.credit > 0:
        out.append(f"You are {int(rec.credit * 100 + 1e-9)}% of the way there already.")
    if rec.builds_on:
        # names may hold commas themselves ("Personal accounts, strong passwords, …"): semicolons
        out.append("Builds on what you have: " + "; ".join(names[b].name for b in rec.builds_on) + ".")
    if rec.unlocks:
        shown = "; ".join(names[u].name for u in rec.unlocks[:3])
        more = f"; and {len(rec.unlocks) - 3} more" if len(rec.unlocks) > 3 else ""
        out.append(f"Unlocks: {shown}{more}.")
    cost = f"About {money(rec.cost, cur)} in the first year"
    if budget:
        cost += f" ({rec.cost / budget:.0%} of your {money(budget, cur)} budget)"
    people = f", {rec.training_hours:g} h of training per person" if rec.training_hours else ""
    out.append(f"{cost}; takes {EFFORT_WORDS[rec.effort]}, about {rec.hours:.0f} staff hours{people}.")
    if rec.kpi:
        out.append(f"KPI to watch: {rec.kpi}.")
    for note in rec.adjustments:
        if not rec.mandatory:
            out.append(f"Adjusted by plugin {note}.")
    return out


def recommend(
    catalog: Catalog,
    answer_file: AnswerFile,
    result: Result,
    *,
    budget: float | None = None,
    top: int = 5,
    explore: bool = False,
) -> Recommendations:
    """The next investments, best first, that fit the budget; see the module docstring."""
    if budget is not None and (budget < 0 or math.isnan(budget)):
        raise UsageError(f"the budget must be a number of 0 or more, not {budget}")
    if top < 1:
        raise UsageError("--top must be at least 1")
    profile = answer_file.profile
    if budget is None:
        budget = profile.budget
    scorer = Scorer(catalog, answer_file, result)
    frontier, ruled_out = candidates(catalog, result)
    funded = set(profile.funded)
    recs = {cid: build_recommendation(scorer, cid) for cid in frontier if cid not in funded}
    _apply_adjustments(catalog, scorer, answer_file, result, recs, ruled_out)

    ranked = sorted(recs.values(), key=lambda r: (not r.mandatory, -r.value, catalog.graph.position(r.id)))
    items: list[Recommendation] = []
    over: list[Recommendation] = []
    remaining = budget
    for rec in ranked:
        if len(items) >= top:
            break
        if remaining is not None and rec.cost > remaining and not rec.mandatory:
            rec.fits_budget = False
            if len(over) < top:
                over.append(rec)
            continue
        items.append(rec)
        if remaining is not None:
            remaining -= rec.cost
    # basic hygiene is never starved: keep the best affordable floor capability in the list
    floor_items = [r for r in ranked if r.floor]
    if items and floor_items and not any(r.floor for r in items):
        spare = None if remaining is None else remaining + items[-1].cost
        keep = next((r for r in floor_items if spare is None or r.cost <= spare), None)
        if keep is not None and not items[-1].mandatory:
            items[-1] = keep
            keep.fits_budget = True
            over = [r for r in over if r.id != keep.id]
            keep.reasons.append("Kept in the list so that basic security and privacy are never crowded out.")
    notes = list(scorer.notes)
    cheapest = None
    if budget is not None and not items and ranked:
        cheapest = min(ranked, key=lambda r: (r.cost, -r.value))
        notes.append(
            f"Your budget of {money(budget, profile.currency)} is too small for any next step; "
            f"the cheapest is {cheapest.name} at about {money(cheapest.cost, profile.currency)}."
        )
    if not ranked:
        notes.append("Nothing is left to recommend: every capability that applies is achieved or funded.")
    exploration = None
    if explore:
        chosen = {r.id for r in items} | {r.id for r in over}
        bets = [r for r in ranked if r.id not in chosen]
        if bets:
            exploration = max(bets, key=lambda r: (r.unlock, -catalog.graph.position(r.id))).model_copy(deep=True)
            exploration.reasons = []
            bet = [
                "An explicit bet: your stated goals would not pick it now, but it unlocks the most "
                f"({len(catalog.graph.descendants(exploration.id))} capabilities depend on it). "
                "Worth a look if your strategy may change."
            ]
    explained: set[int] = set()
    for rec in items + over + ([cheapest] if cheapest else []) + ([exploration] if exploration else []):
        if id(rec) not in explained:
            explained.add(id(rec))
            rec.reasons = explain(rec, catalog, profile, budget) + rec.reasons
    if exploration is not None:
        exploration.reasons = bet + exploration.reasons
    not_fitting = {cid: reason for cid, reason in ruled_out.items() if "does not fit" in reason or "ignored" in reason}
    return Recommendations(
        budget=budget,
        currency=profile.currency,
        items=items,
        over_budget=over if budget is not None else [],
        cheapest=cheapest,
        exploration=exploration,
        not_fitting=not_fitting,
        notes=notes,
    )


def _apply_adjustments(
    catalog: Catalog,
    scorer: Scorer,
    answer_file: AnswerFile,
    result: Result,
    recs: dict[str, Recommendation],
    ruled_out: dict[str, str],
) -> None:
    plugins = catalog.plugins
    if plugins is None:
        return
    ranked = sorted(recs.values(), key=lambda r: -r.value)
    snapshot = [r.model_copy(deep=True) for r in ranked]
    done = result.achieved()
    for plugin_name, adjustments in plugins.call_each(
        "adjust_recommendations", profile=answer_file.profile, result=result, candidates=snapshot
    ):
        for adj in adjustments or []:
            if not isinstance(adj, Adjustment) or adj.id not in catalog.capabilities:
                plugins.fail(plugin_name, f"returned an adjustment for an unknown capability: {getattr(adj, 'id', adj)!r}")
                continue
            note = f"{plugin_name}: {adj.reason}" if adj.reason else plugin_name
            targets = [adj.id]
            if adj.id not in recs:
                if adj.add and adj.id in ruled_out and all(p in done or p in ruled_out for p in catalog.graph.requires(adj.id)):
                    recs[adj.id] = build_recommendation(scorer, adj.id)
                    if recs[adj.id].value == 0:
                        recs[adj.id].value = 0.01
                else:
                    # not yet reachable: help its missing prerequisites instead
                    needed = [p for p in catalog.graph.unmet_closure(adj.id, done) if p in recs]
                    targets = needed
                    note += f" (needed before {catalog.capabilities[adj.id].name})"
            for cid in targets:
                rec = recs[cid]
                rec.value = round(rec.value * max(adj.factor, 0.0), 4)
                rec.mandatory = rec.mandatory or adj.mandatory
                rec.adjustments.append(note)
