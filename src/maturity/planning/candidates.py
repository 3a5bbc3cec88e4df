"""The capabilities a plan can take on, what each is worth and costs, and what plugins say.

A capability is *open* when it applies to the business, is not achieved and is not already
funded. It is on the *frontier* when every hard prerequisite is achieved (or does not apply):
work on it could start today. Every open capability can be planned; its open prerequisites are
planned before it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..models import AnswerFile, Result
from .benefit import MANDATORY_BONUS, BenefitModel
from .models import Adjustment, GoalContribution, Recommendation
from .solver import Item

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog

#: A plugin's factor is kept within these bounds.
FACTOR_MIN, FACTOR_MAX = 0.0, 10.0
#: Relevance from which a capability is said to serve a goal, and to serve it strongly.
SERVES, STRONGLY = 0.5, 0.8


@dataclass
class Candidates:
    """Everything the solver and the explanations need, computed once."""

    benefit: BenefitModel
    open_ids: list[str]  # topological order
    frontier: list[str]
    recs: dict[str, Recommendation]  # every open capability, as a recommendation
    items: dict[str, Item]
    ruled_out: dict[str, str]  # capability id -> why it does not apply
    added: set[str] = field(default_factory=set)  # brought in by a plugin

    def ordered_items(self) -> list[Item]:
        return [self.items[c] for c in self.open_ids]


def build(catalog: Catalog, answer_file: AnswerFile, result: Result, funded: set[str]) -> Candidates:
    benefit = BenefitModel(catalog, answer_file, result)
    graph = catalog.graph
    done = result.achieved()
    skip = {cid for cid, c in result.capabilities.items() if c.status == "not_applicable"}
    ruled_out = {cid: c.not_applicable_reason for cid, c in result.capabilities.items() if c.status == "not_applicable"}
    open_ids = [cid for cid in graph.topological_order() if cid not in done and cid not in skip and cid not in funded]
    frontier = [cid for cid in graph.frontier(done, skip) if cid not in funded]
    recs = {cid: recommendation(benefit, cid) for cid in open_ids}
    cands = Candidates(benefit=benefit, open_ids=open_ids, frontier=frontier, recs=recs, items={}, ruled_out=ruled_out)
    _apply_adjustments(catalog, answer_file, result, cands, done | funded)
    cands.items = {cid: _item(catalog, answer_file, cands, cid) for cid in cands.open_ids}
    return cands


def _item(catalog: Catalog, answer_file: AnswerFile, cands: Candidates, cid: str) -> Item:
    rec = cands.recs[cid]
    open_set = set(cands.open_ids)
    return Item(
        id=cid,
        value=round(rec.value + (MANDATORY_BONUS if rec.mandatory else 0.0), 6),
        one_off=rec.one_off,
        yearly=rec.yearly,
        hours=rec.hours,
        training=rec.training_total,
        requires=tuple(r for r in catalog.graph.requires(cid) if r in open_set),
    )


def recommendation(benefit: BenefitModel, cid: str) -> Recommendation:
    catalog = benefit.catalog
    cap = catalog.capabilities[cid]
    profile = benefit.profile
    people = profile.people()
    value, alignment, unlock, feasibility = benefit.terms(cid)
    goals = sorted(
        (
            GoalContribution(
                goal=g, name=catalog.goals.get(g, (g, ""))[0],
                weight=profile.goals[g].weight if g in profile.goals else 0.0, relevance=r,
                strength="strongly" if r >= STRONGLY else "partly",
            )
            for g, r in cap.goals.items()
            if benefit.weights.get(g, 0.0) > 0 and r >= SERVES
        ),
        key=lambda gc: -gc.weight * gc.relevance,
    )
    graph = catalog.graph
    fits = benefit.result.capabilities

    def applies(other: str) -> bool:
        return other not in fits or fits[other].status != "not_applicable"

    one_off, yearly = cap.one_off_cost(people), cap.yearly_cost(people)
    credit = fits[cid].credit if cid in fits else 0.0
    return Recommendation(
        id=cid,
        name=cap.name,
        domain=catalog.domain_of[cid],
        stage=cap.stage,
        value=round(value, 4),
        credit=credit,
        gap=round(benefit.gap(cid), 4),
        alignment=round(alignment, 4),
        unlock=round(unlock, 4),
        feasibility=round(feasibility, 4),
        floor=benefit.floor(cid),
        mandatory=catalog.is_mandatory(cid),
        cost=round(one_off + yearly, 2),
        one_off=round(one_off, 2),
        yearly=round(yearly, 2),
        cost_band=cap.cost,
        effort=cap.effort,
        hours=round(cap.project_hours(people), 2),
        training_hours=cap.training_hours,
        training_total=round(cap.training_total(people), 2),
        goals=goals,
        builds_on=[r for r in graph.requires(cid) if applies(r)],
        unlocks=[d for d in graph.required_by(cid) if applies(d)],
        kpi=cap.kpis[0] if cap.kpis else "",
        advice=cap.advice,
        adjustments=_unique(f"{a.plugin}: {a.override.reason}" for a in catalog.applied_overrides(cid) if a.override.reason),
    )


def _unique(texts) -> list[str]:
    return list(dict.fromkeys(texts))


def _apply_adjustments(catalog: Catalog, answer_file: AnswerFile, result: Result, cands: Candidates, done: set[str]) -> None:
    """Ask each plugin once; apply what it returns to the capability it names (see Adjustment)."""
    plugins = catalog.plugins
    if plugins is None:
        return
    snapshot = [cands.recs[c].model_copy(deep=True) for c in sorted(cands.frontier, key=lambda c: -cands.recs[c].value)]
    needed_for: dict[str, list[str]] = {}
    for plugin_name, returned in plugins.call_each(
        "adjust_recommendations", profile=answer_file.profile, result=result, candidates=snapshot
    ):
        if returned is None:
            continue
        if not isinstance(returned, (list, tuple)):
            plugins.fail(plugin_name, f"returned {type(returned).__name__} from adjust_recommendations, not a list of Adjustment")
            continue
        for adj in returned:
            if not isinstance(adj, Adjustment):
                plugins.fail(plugin_name, f"returned {adj!r} from adjust_recommendations, not an Adjustment")
                continue
            if adj.id not in catalog.capabilities:
                plugins.fail(plugin_name, f"returned an adjustment for an unknown capability: {adj.id!r}")
                continue
            factor = adj.factor
            if not isinstance(factor, (int, float)) or isinstance(factor, bool) or math.isnan(factor):
                plugins.fail(plugin_name, f"returned factor {factor!r} for {adj.id}, not a number")
                continue
            factor = min(FACTOR_MAX, max(FACTOR_MIN, float(factor)))
            note = f"{plugin_name}: {adj.reason}" if adj.reason else plugin_name
            cid = adj.id
            if cid not in cands.recs:
                if not (adj.add and cid in cands.ruled_out):
                    continue  # achieved or funded already: nothing to plan
                if any(p not in done and p not in cands.ruled_out and p not in cands.recs for p in catalog.graph.requires(cid)):
                    continue
                cands.recs[cid] = recommendation(cands.benefit, cid)
                cands.recs[cid].value = max(cands.recs[cid].value, 0.01)
                cands.added.add(cid)
                order = catalog.graph.topological_order()
                cands.open_ids = [c for c in order if c in cands.recs]
                if all(p in done or p in cands.ruled_out for p in catalog.graph.requires(cid)):
                    cands.frontier.append(cid)
            rec = cands.recs[cid]
            rec.value = round(rec.value * factor, 4)
            rec.mandatory = rec.mandatory or adj.mandatory
            if note not in rec.adjustments:
                rec.adjustments.append(note)
            for pre in catalog.graph.unmet_closure(cid, done):
                if pre in cands.recs and pre != cid:
                    needed_for.setdefault(pre, [])
                    if cid not in needed_for[pre]:
                        needed_for[pre].append(cid)
    names = catalog.capabilities
    for pre, targets in needed_for.items():
        shown = "; ".join(names[t].name for t in targets)
        reason = f"Needed before {shown}, which a sector plugin raises."
        if reason not in cands.recs[pre].reasons:
            cands.recs[pre].reasons.append(reason)
