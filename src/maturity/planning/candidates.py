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

from ..assessment.models import AnswerFile
from ..contract.result import Result
from .models import Adjustment, GoalContribution, Recommendation
from .problem import Item
from ..common.formatting import money
from ..contract.recommendation import ValuePart
from .tool import money_left, tool_in_place
from .value import SERVES, ValueModel

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog

#: A plugin's factor is kept within these bounds.
FACTOR_MIN, FACTOR_MAX = 0.0, 10.0
#: Relevance from which a capability is said to serve a goal strongly.
STRONGLY = 0.8


@dataclass
class Candidates:
    """Everything the solver and the explanations need, computed once."""

    benefit: ValueModel
    open_ids: list[str]  # topological order
    frontier: list[str]
    recs: dict[str, Recommendation]  # every open capability, as a recommendation
    items: dict[str, Item]
    ruled_out: dict[str, str]  # capability id -> why it does not apply
    added: set[str] = field(default_factory=set)  # brought in by a plugin
    beyond: list[str] = field(default_factory=list)  # open, but above the domain's target
    unassessed: list[str] = field(default_factory=list)  # domains without answers
    not_worth: dict[str, str] = field(default_factory=dict)  # open, but worth less than it costs: why
    left: dict[str, Recommendation] = field(default_factory=dict)  # their recommendations

    def ordered_items(self) -> list[Item]:
        return [self.items[c] for c in self.open_ids]


def prerequisites(cands: Candidates, cid: str) -> set[str]:
    """The open prerequisites of `cid`, at any depth."""
    out: set[str] = set()
    stack = list(cands.items[cid].requires) if cid in cands.items else []
    while stack:
        c = stack.pop()
        if c not in out:
            out.add(c)
            stack.extend(cands.items[c].requires)
    return out


def build(catalog: Catalog, answer_file: AnswerFile, result: Result, funded: set[str],
          beyond_targets: bool = False, required: frozenset[str] = frozenset()) -> Candidates:
    """The plannable capabilities: open ones in assessed domains and within the domain's target
    stage (all stages with `beyond_targets`), with the open prerequisites they need wherever
    those are. `required` (a baseline the business aims at) are planned as must-haves are,
    whatever they are worth and wherever they stand."""
    benefit = ValueModel(catalog, answer_file, result)
    graph = catalog.graph
    done = result.achieved()
    skip = {cid for cid, c in result.capabilities.items() if c.status == "not_applicable"}
    ruled_out = {cid: c.not_applicable_reason for cid, c in result.capabilities.items() if c.status == "not_applicable"}
    order = graph.topological_order()
    open_all = [cid for cid in order if cid not in done and cid not in skip and cid not in funded]
    assessed = set(result.assessed_domains())
    known = {cid for cid in result.capabilities}
    recs = {cid: recommendation(benefit, cid) for cid in open_all}
    # plugins see every open step that could start now and adjust before anything is chosen: a
    # must-have they name is planned whatever it is worth
    pre = Candidates(benefit=benefit, open_ids=list(open_all), recs=recs, items={}, ruled_out=ruled_out,
                     frontier=[c for c in graph.frontier(done, skip) if c in recs])
    _apply_adjustments(catalog, answer_file, result, pre, done | funded)
    open_all, recs, added = pre.open_ids, pre.recs, pre.added

    def assessed_domain(cid: str) -> bool:
        return cid not in known or result.capabilities[cid].domain in assessed

    def within(cid: str) -> bool:
        return cid not in known or beyond_targets or not result.beyond_target(cid)

    def answers_stated(cid: str) -> bool:
        return any(p.kind in ("time", "goal") and p.amount > 0 for p in recs[cid].value_parts)

    # a step's open prerequisites at any depth (its chain), as bit sets over the graph's
    # topological positions, and what each position is worth and costs: set arithmetic and sums
    # over arrays instead of walking the chain of every step again in every round
    chains = _Chains(graph, recs, done)

    # a step beyond its domain's target is planned when it answers a stated pain or goal and,
    # with the steps it needs first, is worth more than it costs
    wanted: dict[str, str] = {}
    not_worth: dict[str, str] = {}
    cur = answer_file.profile.currency
    considered = [cid for cid in open_all if cid in added or cid in required or (assessed_domain(cid)
                  and (recs[cid].mandatory or within(cid) or answers_stated(cid)))]
    # a step's prerequisites that the plan takes on anyway cost it nothing more: go round until
    # no step changes side
    changed = True
    while changed:
        changed = False
        taken = chains.closure(wanted)
        for cid in considered:
            if cid in wanted:
                continue
            rec = recs[cid]
            must = rec.mandatory or cid in added or cid in required
            steps = value = cost = 0
            if not must and rec.value >= rec.cost_year:  # only then do the steps before it count
                steps, extra_value, extra_cost = chains.sums(chains.chain(cid) & ~taken)
                value, cost = rec.value + extra_value, rec.cost_year + extra_cost
            if must or (rec.value >= rec.cost_year and value >= cost):
                wanted[cid] = "" if within(cid) or rec.mandatory or cid in required else "beyond"
                not_worth.pop(cid, None)
                changed = True
                taken |= chains.chain(cid) | chains.bit(cid)
            elif within(cid):
                if rec.value < rec.cost_year:
                    not_worth[cid] = (f"worth about {money(rec.value, cur)} a year against {money(rec.cost_year, cur)} "
                                      "a year of cost (running cost, and one-off money and staff time over three years)")
                else:
                    not_worth[cid] = (f"worth about {money(rec.value, cur)} a year, but with the {steps} "
                                      f"step{'s' if steps != 1 else ''} it needs first about {money(value, cur)} "
                                      f"against {money(cost, cur)} a year")
    core = set(wanted)
    open_set = set(open_all)
    needed = {p for p in graph.unmet_closure_of(core, done) if p in open_set}
    for cid, kind in wanted.items():
        if kind == "beyond":
            rec = recs[cid]
            rec.beyond_target = True
            rec.reasons.append(
                f"Beyond this domain's target, planned because it answers what you said and is worth about "
                f"{money(rec.value, cur)} a year against {money(rec.cost_year, cur)} a year of cost."
            )
    for cid in needed:
        not_worth.pop(cid, None)
    open_ids = [cid for cid in open_all if cid in core or cid in needed]
    left = {cid: recs[cid] for cid in not_worth}
    recs = {cid: recs[cid] for cid in open_ids}
    kept = set(open_ids)
    frontier = [cid for cid in graph.frontier(done, skip) if cid not in funded and cid in kept]
    cands = Candidates(benefit=benefit, open_ids=open_ids, frontier=frontier, recs=recs, items={}, ruled_out=ruled_out)
    cands.not_worth, cands.left, cands.added = not_worth, left, added
    cands.beyond = [cid for cid in open_all if cid not in kept and cid in known and cid not in not_worth
                    and result.capabilities[cid].domain in assessed]
    cands.unassessed = sorted(d for d in {c.domain for c in result.capabilities.values()} if d not in assessed)
    for cid in needed - core:
        dom = result.capabilities[cid].domain if cid in known else ""
        why = "its domain was not assessed, so check whether you have it already" if dom and dom not in assessed \
            else ("it is beyond this domain's target, but what your targets need builds on it"
                  if cid in known and result.beyond_target(cid) else "what is worth doing builds on it")
        recs[cid].reasons.append(f"Planned because other steps need it: {why}.")
    _paths(catalog, cands, done)
    open_set = set(cands.open_ids)
    # a must-have is worth more than everything else together: the plan completes it first
    bonus = 1.0 + sum(max(0.0, r.value) for r in cands.recs.values())
    cands.items = {cid: _item(catalog, cands, cid, open_set, bonus) for cid in cands.open_ids}
    return cands


class _Chains:
    """The open prerequisites of each step as bit sets over the graph's topological positions,
    with what each position is worth and costs a year."""

    def __init__(self, graph, recs: dict[str, Recommendation], done: set[str]) -> None:
        import numpy as np

        self.np, self.graph = np, graph
        self.size = len(graph.topological_order())
        self.value, self.cost = np.zeros(self.size), np.zeros(self.size)
        self.open = 0
        for cid, rec in recs.items():
            if cid in done:
                continue
            k = graph.position(cid)
            self.open |= 1 << k
            self.value[k], self.cost[k] = rec.value, rec.cost_year

    def bit(self, cid: str) -> int:
        return 1 << self.graph.position(cid)

    def chain(self, cid: str) -> int:
        """The open prerequisites of `cid` at any depth."""
        return self.graph.ancestor_mask(cid) & self.open

    def closure(self, cids) -> int:
        """`cids` and their open prerequisites at any depth."""
        out = 0
        for cid in cids:
            out |= self.chain(cid) | self.bit(cid)
        return out

    def sums(self, bits: int) -> tuple[int, float, float]:
        """How many steps `bits` holds, what they are worth and what they cost a year."""
        if not bits:
            return 0, 0.0, 0.0
        np = self.np
        flags = np.unpackbits(np.frombuffer(bits.to_bytes((self.size + 7) // 8, "little"), np.uint8),
                              bitorder="little")[: self.size].astype(bool)
        return bits.bit_count(), float(self.value[flags].sum()), float(self.cost[flags].sum())


def _item(catalog: Catalog, cands: Candidates, cid: str, open_set: set[str], bonus: float) -> Item:
    rec = cands.recs[cid]
    return Item(
        id=cid,
        # what the step returns above what it costs a year: the plan's objective
        value=round(max(0.0, rec.value - rec.cost_year) + (bonus if rec.mandatory else 0.0), 6),
        one_off=rec.one_off,
        yearly=rec.yearly,
        hours=rec.hours,
        training=rec.training_total,
        requires=tuple(r for r in catalog.graph.requires(cid) if r in open_set),
        paced=not rec.mandatory,
    )


def recommendation(model: ValueModel, cid: str) -> Recommendation:
    catalog = model.catalog
    cap = catalog.capabilities[cid]
    profile = model.profile
    people = profile.size
    worth = model.valuation(cid)
    goals = sorted(
        (
            GoalContribution(
                goal=g, name=catalog.goals.get(g, (g, ""))[0],
                weight=profile.goals[g].weight if g in profile.goals else 0.0, relevance=r,
                strength="strongly" if r >= STRONGLY else "partly",
                target=profile.goals[g].target if g in profile.goals else "",
            )
            for g in model.weights
            if model.weights[g] > 0 and (r := model.relevance(cap, g)) >= SERVES
        ),
        key=lambda gc: -gc.weight * gc.relevance,
    )
    graph = catalog.graph
    fits = model.result.capabilities

    def applies(other: str) -> bool:
        return other not in fits or fits[other].status != "not_applicable"

    left = worth.remaining
    one_off, yearly = money_left(cap, model.answers, people, left)
    gap = model.gap(cid)
    parts = [ValuePart(kind=p.kind, key=p.key, amount=round(p.amount, 2), low=round(p.low, 2), high=round(p.high, 2),
                       text=p.text, hours=round(p.hours, 1), sources=p.sources) for p in worth.parts]
    rec = Recommendation(
        id=cid,
        name=cap.name,
        domain=catalog.domain_of[cid],
        stage=cap.stage,
        value=round(worth.total, 2),
        value_low=round(worth.low, 2),
        value_high=round(worth.high, 2),
        value_parts=parts,
        cost_year=round(worth.cost_year, 2),
        remaining=round(left, 3),
        in_place=model.in_place(cid) if model.credit(cid) > 0 else "",
        losses_avoided=round(sum(p.amount for p in worth.parts if p.kind == "loss"), 2),
        hours_freed=round(sum(p.hours for p in worth.parts), 1),
        credit=model.credit(cid),
        gap=round(gap, 4),
        alignment=round(sum(p.amount for p in worth.parts if p.kind != "loss"), 2),
        unlock=0.0,
        feasibility=round(model.confidence(cap), 4),
        floor=False,
        mandatory=catalog.is_mandatory(cid),
        cost=round(one_off + yearly, 2),
        one_off=round(one_off, 2),
        yearly=round(yearly, 2),
        cost_band=cap.cost,
        effort=cap.effort,
        hours=round(cap.project_hours(people) * left, 2),
        training_hours=cap.training_hours,
        # only the part not yet in place is still to learn: people already trained, or already
        # using what is in place, are not trained again
        training_total=round(cap.training_total(people) * (gap if cid in fits else 1.0), 2),
        goals=goals,
        builds_on=[r for r in graph.requires(cid) if applies(r)],
        unlocks=[d for d in graph.required_by(cid) if applies(d)],
        kpi=cap.kpis[0] if cap.kpis else "",
        advice=cap.advice,
        adjustments=_unique(f"{a.plugin}: {a.override.reason}" for a in catalog.applied_overrides(cid) if a.override.reason),
        addresses=[p for p in cap.addresses if p in model.pains],
        pains=_unique(owner_words(catalog, w) for p in cap.addresses if p in model.pains for w in model.pains[p]),
    )
    tool = tool_in_place(cap, model.answers)
    if tool is not None:
        rec.reasons.append(
            f"You already have a system for this (“{tool}”): no new tool or licence is counted, only about "
            f"{_h(rec.hours)} of work to use it fully."
        )
    elif rec.in_place and left < 1.0:
        rec.reasons.append(
            f"Partly in place already ({rec.in_place}): about {_h(rec.hours)} and "
            f"{money(rec.one_off, profile.currency)} to finish, {left * 100:.0f} % of starting from nothing."
        )
    if rec.in_place and left < 1.0:
        for question, now, aim in left_to_do(model, cid):
            rec.reasons.append(f"Still to do: {question} Today “{now}”; to finish, “{aim}”.")
    return rec


#: A business of at most this many people finishes a step at a question's `enough` (a judgement:
#: beyond it, a device-management tool or a provider's service is the usual way).
SMALL_TEAM = 25


def left_to_do(model: ValueModel, cid: str) -> list[tuple[str, str, str]]:
    """For a capability partly in place: each question answered short of what finishes it, as
    (the question, the option chosen, the option to reach), so that the step reads as finishing
    what is there ("a second administrator") rather than starting over. The option to reach is
    the best one, or, for a small business (at most SMALL_TEAM people, or one that buys no
    outside help), the question's `enough` where it has one: a three-person office finishes its
    updates with "automatic, and someone checks every month", not with a central tool run by an
    IT provider."""
    if model.credit(cid) <= 0:
        return []
    profile = model.profile
    small = profile.people() <= SMALL_TEAM or (profile.outside_help is not None and profile.outside_help.allowed is False)
    out = []
    for q in model.catalog.capabilities[cid].questions:
        a = model.answers.get(q.id)
        if a is None or a.dont_know or a.not_applicable or not isinstance(a.answer, str) or not q.options:
            continue
        chosen = next((o for o in q.options if o.id == a.answer), None)
        aim = q.option(q.enough) if small and q.enough else None
        aim = aim or max(q.options, key=lambda o: o.credit)
        if chosen is not None and chosen.credit < aim.credit:
            out.append((q.text, chosen.label, aim.label))
    return out


def finishing(model: ValueModel, cid: str) -> str:
    """A short line for a roadmap: what finishing a partly-in-place capability means."""
    # a short answer ("No", "All of them") means nothing without its question
    aims = [aim if len(aim.split()) >= 4 else f"{question} {aim}" for question, _, aim in left_to_do(model, cid)]
    tool = tool_in_place(model.catalog.capabilities[cid], model.answers)
    start = f"in the system you already have (“{tool}”), nothing new to buy" if tool else "partly in place"
    return (start + "; to finish: " + "; ".join(f"“{a}”" for a in aims)) if aims else ""


def _h(hours: float) -> str:
    return f"{hours:.0f} h" if hours >= 10 else f"{hours:.1f} h".replace(".0 h", " h")


def _paths(catalog: Catalog, cands: Candidates, done: set[str]) -> None:
    """Prerequisites of a capability that addresses a stated pain say so: a path to it."""
    from collections import defaultdict

    names = catalog.capabilities
    towards: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for cid in cands.open_ids:
        rec = cands.recs[cid]
        if not rec.pains:
            continue
        steps = [p for p in catalog.graph.unmet_closure(cid, done) if p in cands.recs and p != cid]
        steps = sorted(steps, key=catalog.graph.position)
        if not steps:
            continue
        words = "; ".join(f"“{w}”" for w in rec.pains[:2])
        path = "; ".join(names[p].name for p in steps) + f"; then {rec.name}"
        rec.reasons.append(f"{len(steps) + 1} steps to {rec.name}, which addresses {words}: {path}.")
        for k, pre in enumerate(steps, start=1):
            towards[pre].append((len(steps) + 1, k, rec.name, words))
    for pre, paths in towards.items():
        # the shortest path a step is on is the one worth telling
        total, k, name, words = min(paths)
        more = f" (and on the way to {len(paths) - 1} more)" if len(paths) > 1 else ""
        cands.recs[pre].reasons.append(f"Step {k} of {total} towards {name}, which addresses {words}{more}.")


def owner_words(catalog: Catalog, text: str) -> str:
    """A pain point as the business gave it, or the catalogue's words when it gave an id."""
    return catalog.pains[text][0] if text in catalog.pains else text


def _unique(texts) -> list[str]:
    return list(dict.fromkeys(texts))


def _apply_adjustments(catalog: Catalog, answer_file: AnswerFile, result: Result, cands: Candidates, done: set[str]) -> None:
    """Ask each plugin once; apply what it returns to the capability it names (see Adjustment)."""
    plugins = catalog.plugins
    if plugins is None or not plugins.pm.hook.adjust_recommendations.get_hookimpls():
        return  # no plugin adjusts: no copies to hand out
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
