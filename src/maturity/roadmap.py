"""A budgeted roadmap: which capabilities to fund in which period.

Each period is a precedence-constrained, two-resource (money and staff hours) knapsack. A
capability is never placed in an earlier period than any of its unmet prerequisites (it may
share their period, listed after them); no period exceeds its budget or hours. Periods are
planned in turn (a rolling horizon): each one funds the most valuable set that fits, given what
the earlier ones funded, so the most value comes first. Value already counts what a capability
unlocks downstream, which is what keeps an early period from ignoring foundations.

``solve_exact`` solves each period as a mixed-integer program (HiGHS's branch and cut, through
SciPy), exact for the sizes of real questionnaires; for very large graphs the greedy
``solve_greedy`` over closure bundles (a capability with its unmet prerequisites, best value per
resource first) is used instead, and the output says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from .errors import UsageError
from .models import AnswerFile, Result

if TYPE_CHECKING:  # pragma: no cover
    from .catalog import Catalog

DELAY = 0.05
EXACT_LIMIT = 1500  # more open capabilities than this go to the heuristic directly
TIME_LIMIT = 20.0  # seconds before the exact search gives way to the heuristic


@dataclass(frozen=True)
class Item:
    id: str
    value: float
    cost: float
    hours: float
    requires: tuple[str, ...] = ()  # unmet prerequisites, all of them items too


def weight(period: int) -> float:
    """How much value funded in `period` (1-based) counts."""
    return 1.0 - DELAY * (period - 1)


def schedule_value(items: dict[str, Item], plan: dict[str, int]) -> float:
    return sum(items[c].value * weight(p) for c, p in plan.items())


def is_feasible(items: dict[str, Item], plan: dict[str, int], periods: int, budget: float, hours: float) -> bool:
    spent = [0.0] * (periods + 1)
    used = [0.0] * (periods + 1)
    for cid, p in plan.items():
        if not 1 <= p <= periods:
            return False
        for req in items[cid].requires:
            if req not in plan or plan[req] > p:
                return False
        spent[p] += items[cid].cost
        used[p] += items[cid].hours
    eps = 1e-9
    return all(s <= budget + eps for s in spent) and all(u <= hours + eps for u in used)


def solve_exact(
    order: list[Item], periods: int, budget: float, hours: float, time_limit: float = TIME_LIMIT
) -> dict[str, int] | None:
    """Period by period, the most valuable set that fits the period (rolling horizon), each
    solved exactly; None when a period cannot be proven optimal within `time_limit` seconds.

    `order` must list every prerequisite before what requires it.
    """
    plan: dict[str, int] = {}
    for p in range(1, periods + 1):
        chosen = best_period(order, plan, budget, hours, time_limit)
        if chosen is None:
            return None
        for cid in chosen:
            plan[cid] = p
    return plan


def best_period(
    order: list[Item], funded: dict[str, int], budget: float, hours: float, time_limit: float = TIME_LIMIT
) -> list[str] | None:
    """The most valuable set of unfunded items that fits one period's budget and hours, with
    every prerequisite funded before or in the same set: a precedence-constrained knapsack,
    solved as a mixed-integer program (HiGHS branch and cut through SciPy)."""
    open_items = [it for it in order if it.id not in funded and it.cost <= budget + 1e-9 and it.hours <= hours + 1e-9]
    # an item whose prerequisite can never be in this period's set cannot be either
    available: dict[str, Item] = {}
    for it in open_items:
        if all(r in funded or r in available for r in it.requires):
            available[it.id] = it
    items = [it for it in available.values() if it.value > 0 or any(it.id in o.requires for o in available.values())]
    if not items:
        return []
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    index = {it.id: i for i, it in enumerate(items)}
    n = len(items)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    upper: list[float] = []
    for resource, cap in ((lambda it: it.cost, budget), (lambda it: it.hours, hours)):
        if math.isfinite(cap):
            r = len(upper)
            for i, it in enumerate(items):
                rows.append(r)
                cols.append(i)
                vals.append(resource(it))
            upper.append(cap)
    for i, it in enumerate(items):
        for req in it.requires:
            if req in index:  # x_item <= x_prerequisite
                r = len(upper)
                rows += [r, r]
                cols += [i, index[req]]
                vals += [1.0, -1.0]
                upper.append(0.0)
    objective = -np.array([it.value for it in items])
    constraints = []
    if upper:
        matrix = coo_array((vals, (rows, cols)), shape=(len(upper), n)).tocsr()
        constraints = [LinearConstraint(matrix, -np.inf, np.array(upper))]
    solution = milp(
        objective,
        constraints=constraints,
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        options={"time_limit": time_limit, "mip_rel_gap": 0.0, "disp": False},
    )
    if solution.status != 0 or solution.x is None:
        return None
    return [it.id for i, it in enumerate(items) if solution.x[i] > 0.5]


def solve_greedy(order: list[Item], periods: int, budget: float, hours: float) -> dict[str, int]:
    """Period by period, fund the closure bundle with the best value per resource that fits.

    Runs with three exponents of the resource use (value per resource, value per square root
    of resource, value alone) and keeps the plan with the most value."""
    items = {it.id: it for it in order}
    plans = [_greedy(order, periods, budget, hours, alpha) for alpha in (1.0, 0.5, 0.0)]
    return max(plans, key=lambda plan: schedule_value(items, plan))


def _greedy(order: list[Item], periods: int, budget: float, hours: float, alpha: float) -> dict[str, int]:
    items = {it.id: it for it in order}
    position = {it.id: i for i, it in enumerate(order)}
    plan: dict[str, int] = {}
    scale_b = budget if budget > 0 else 1.0
    scale_h = hours if math.isfinite(hours) and hours > 0 else None
    for p in range(1, periods + 1):
        rem_b, rem_h = budget, hours
        while True:
            best_ratio, best_bundle = -1.0, None
            for it in order:
                if it.id in plan or it.value <= 0:
                    continue
                bundle = _bundle(items, plan, it.id, rem_b, rem_h)
                if bundle is None:
                    continue
                value = sum(items[c].value for c in bundle)
                cost = sum(items[c].cost for c in bundle)
                hrs = sum(items[c].hours for c in bundle)
                use = cost / scale_b + (hrs / scale_h if scale_h else 0.0)
                ratio = value / use**alpha if use > 0 else math.inf
                if ratio > best_ratio:
                    best_ratio, best_bundle = ratio, bundle
            if best_bundle is None:
                break
            for c in sorted(best_bundle, key=position.__getitem__):
                plan[c] = p
                rem_b -= items[c].cost
                rem_h -= items[c].hours
    return plan


def _bundle(items: dict[str, Item], plan: dict[str, int], cid: str, rem_b: float, rem_h: float) -> set[str] | None:
    """`cid` with its unfunded prerequisites, or None when they cannot fit."""
    bundle: set[str] = set()
    stack = [cid]
    cost = hrs = 0.0
    while stack:
        c = stack.pop()
        if c in bundle or c in plan:
            continue
        bundle.add(c)
        cost += items[c].cost
        hrs += items[c].hours
        if cost > rem_b + 1e-9 or hrs > rem_h + 1e-9:
            return None
        stack.extend(items[c].requires)
    return bundle


# --------------------------------------------------------------------------------------------
# from an assessment to a roadmap
# --------------------------------------------------------------------------------------------


class ScheduledItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    domain: str
    stage: str
    value: float
    cost: float
    hours: float
    requires: list[str]
    kpi: str


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid")
    number: int
    items: list[ScheduledItem]
    cost: float
    hours: float


class Roadmap(BaseModel):
    """What `maturity roadmap --json` prints."""

    model_config = ConfigDict(extra="forbid")
    schema_version: int = 1
    method: str  # "exact" or "heuristic"
    method_note: str
    periods: list[Period]
    budget_per_period: float
    hours_per_period: float | None
    currency: str
    total_value: float
    total_cost: float
    in_progress: list[str]
    left_out: list[ScheduledItem]
    notes: list[str] = []


def plan_roadmap(
    catalog: Catalog,
    answer_file: AnswerFile,
    result: Result,
    *,
    periods: int,
    budget_per_period: float,
    hours_per_period: float | None = None,
    method: str = "auto",
) -> Roadmap:
    """Fund the most valuable capabilities over `periods` periods; see the module docstring."""
    from .recommend import Scorer, hours_needed

    if periods < 1:
        raise UsageError("a roadmap needs at least one period (--periods 1 or more)")
    if not (budget_per_period >= 0) or math.isinf(budget_per_period):
        raise UsageError(f"the budget per period must be a number of 0 or more, not {budget_per_period}")
    if hours_per_period is not None and not (hours_per_period >= 0):
        raise UsageError(f"the hours per period must be a number of 0 or more, not {hours_per_period}")
    if method not in ("auto", "exact", "heuristic"):
        raise UsageError(f"unknown method {method!r}: use auto, exact or heuristic")
    profile = answer_file.profile
    scorer = Scorer(catalog, answer_file, result)
    graph = catalog.graph
    done = result.achieved() | set(profile.funded)
    skip = {cid for cid, c in result.capabilities.items() if c.status == "not_applicable"}
    open_ids = [cid for cid in graph.topological_order() if cid not in done and cid not in skip]
    open_set = set(open_ids)
    items = []
    for cid in open_ids:
        cap = catalog.capabilities[cid]
        value = scorer.value(cid)[0]
        if catalog.is_mandatory(cid):
            value += 10.0
        items.append(
            Item(
                id=cid,
                value=round(value, 6),
                cost=cap.cost_value,
                hours=hours_needed(cap, profile),
                requires=tuple(r for r in graph.requires(cid) if r in open_set),
            )
        )
    hours = math.inf if hours_per_period is None else hours_per_period
    plan = None
    note = ""
    if method == "heuristic":
        note = "heuristic (greedy over capabilities with their prerequisites), as asked"
    elif method == "exact" or len(items) <= EXACT_LIMIT:
        plan = solve_exact(items, periods, budget_per_period, hours)
        if plan is None:
            if method == "exact":
                raise UsageError(f"the exact search for {len(items)} capabilities is too large; use --method heuristic")
            note = f"heuristic: the exact search over {len(items)} capabilities was too large"
        else:
            note = "exact: each period funds the most valuable set that fits it (mixed-integer branch and cut)"
    else:
        note = f"heuristic: {len(items)} open capabilities is more than the exact search handles ({EXACT_LIMIT})"
    if plan is None:
        plan = solve_greedy(items, periods, budget_per_period, hours)
    by_id = {it.id: it for it in items}

    def scheduled(cid: str) -> ScheduledItem:
        cap = catalog.capabilities[cid]
        return ScheduledItem(
            id=cid, name=cap.name, domain=catalog.domain_of[cid], stage=cap.stage,
            value=round(by_id[cid].value, 4), cost=by_id[cid].cost, hours=by_id[cid].hours,
            requires=list(by_id[cid].requires), kpi=cap.kpis[0] if cap.kpis else "",
        )

    out_periods = []
    for p in range(1, periods + 1):
        ids = [cid for cid in open_ids if plan.get(cid) == p]
        out_periods.append(
            Period(
                number=p,
                items=[scheduled(c) for c in ids],
                cost=sum(by_id[c].cost for c in ids),
                hours=sum(by_id[c].hours for c in ids),
            )
        )
    left = sorted((it for it in items if it.id not in plan and it.value > 0), key=lambda it: -it.value)[:5]
    notes = list(scorer.notes)
    if not plan and items:
        cheapest = min(items, key=lambda it: it.cost if not it.requires else math.inf)
        notes.append(
            f"Nothing fits a budget of {budget_per_period:,.0f} per period"
            + (f" and {hours_per_period:g} hours" if hours_per_period is not None else "")
            + f"; the cheapest next step is {catalog.capabilities[cheapest.id].name} at {cheapest.cost:,.0f}."
        )
    return Roadmap(
        method="exact" if note.startswith("exact") else "heuristic",
        method_note=note,
        periods=out_periods,
        budget_per_period=budget_per_period,
        hours_per_period=hours_per_period,
        currency=profile.currency,
        total_value=round(schedule_value(by_id, plan), 4),
        total_cost=sum(by_id[c].cost for c in plan),
        in_progress=[c for c in profile.funded],
        left_out=[scheduled(it.id) for it in left],
        notes=notes,
    )
