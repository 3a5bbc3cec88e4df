"""A budgeted roadmap: which capabilities to fund in which period.

Each period is a precedence-constrained, two-resource (money and staff hours) knapsack. A
capability never starts before all of its unmet prerequisites are done (it may share their
period, listed after them); no period exceeds its budget or hours. Work is done one piece
after another: a capability that needs more staff hours than a period has left starts in it with
the hours left and carries the rest into the next ones (one such capability a period at most);
what requires it waits until it is done. Periods are
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
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from .errors import UsageError
from .models import AnswerFile, Result

if TYPE_CHECKING:  # pragma: no cover
    from .catalog import Catalog

DELAY = 0.05
EXACT_LIMIT = 1500  # more open capabilities than this go to the heuristic directly
TIME_LIMIT = 20.0  # seconds before the exact search gives way to the heuristic
START_HOURS = 1e-3  # the least work that counts as starting in a period


def start_hours(free: float) -> float:
    """The hours an item that carries over must at least get in its first period."""
    return min(START_HOURS, free)


@dataclass(frozen=True)
class Item:
    id: str
    value: float
    cost: float
    hours: float
    requires: tuple[str, ...] = ()  # unmet prerequisites, all of them items too


@dataclass
class Schedule:
    """When each funded capability starts, and the staff hours it takes in each period.

    A capability's money is spent in the period it starts. Its hours are spent in that period
    and, when they are more than a period holds, carried into the following ones; it is done
    in the last period it has hours in (its finish)."""

    start: dict[str, int] = field(default_factory=dict)
    alloc: dict[str, dict[int, float]] = field(default_factory=dict)

    def finish(self, cid: str) -> int:
        periods = [p for p, h in self.alloc.get(cid, {}).items() if h > 0]
        return max(periods, default=self.start[cid])

    def hours_in(self, period: int) -> float:
        return sum(a.get(period, 0.0) for a in self.alloc.values())

    def value(self, items: dict[str, Item]) -> float:
        return sum(items[c].value * weight(p) for c, p in self.start.items())


def weight(period: int) -> float:
    """How much value funded in `period` (1-based) counts, for comparing plans."""
    return 1.0 - DELAY * (period - 1)


def is_feasible(items: dict[str, Item], plan: Schedule, periods: int, budget: float, hours: float) -> bool:
    """Every rule of a roadmap: periods in range, prerequisites done first, each item's hours
    all allocated from its start (work begins in the period it is funded in), and no period
    over its budget or hours."""
    eps = 1e-6
    spent = [0.0] * (periods + 2)
    for cid, p in plan.start.items():
        if not 1 <= p <= periods or plan.finish(cid) > periods:
            return False
        alloc = plan.alloc.get(cid, {})
        if any(q < p for q, h in alloc.items() if h > 0) or abs(sum(alloc.values()) - items[cid].hours) > eps:
            return False
        if items[cid].hours > eps and alloc.get(p, 0.0) <= 0.0:
            return False  # funded in p but no work done in p
        for req in items[cid].requires:
            if req not in plan.start or plan.finish(req) > p:
                return False
        spent[p] += items[cid].cost
    return all(s <= budget + eps for s in spent) and all(plan.hours_in(p) <= hours + eps for p in range(1, periods + 1))


class _Rolling:
    """The state shared by both solvers as they plan period after period."""

    def __init__(self, order: list[Item], periods: int, budget: float, hours: float) -> None:
        self.order = order
        self.items = {it.id: it for it in order}
        self.periods = periods
        self.budget = budget
        self.hours = hours
        self.plan = Schedule()

    def free_hours(self, p: int) -> float:
        return self.hours - self.plan.hours_in(p)

    def fits_from(self, it: Item, p: int) -> bool:
        """Whether it can start in period p: its hours fit in p, or p has hours left and the
        rest fits in the periods after it."""
        free = self.free_hours(p)
        if it.hours <= free + 1e-9:
            return True
        return free > 1e-9 and sum(self.free_hours(q) for q in range(p, self.periods + 1)) + 1e-9 >= it.hours

    def use_in(self, it: Item, p: int) -> float:
        """The hours `it` takes in its first period p: all of them, or all p has left."""
        return min(it.hours, max(0.0, self.free_hours(p)))

    def done_by(self, cid: str, p: int) -> bool:
        return cid in self.plan.start and self.plan.finish(cid) <= p

    def fund(self, cid: str, p: int) -> None:
        it = self.items[cid]
        self.plan.start[cid] = p
        left = it.hours
        alloc: dict[int, float] = {}
        q = p
        while left > 1e-9 and q <= self.periods:
            take = min(left, max(0.0, self.free_hours(q)))
            if take > 0:
                alloc[q] = take
                left -= take
            q += 1
        self.plan.alloc[cid] = alloc


def solve_exact(
    order: list[Item], periods: int, budget: float, hours: float, time_limit: float = TIME_LIMIT
) -> Schedule | None:
    """Period by period, the most valuable set that fits the period (rolling horizon), each
    solved exactly; None when a period cannot be proven optimal within `time_limit` seconds.

    `order` must list every prerequisite before what requires it.
    """
    state = _Rolling(order, periods, budget, hours)
    for p in range(1, periods + 1):
        chosen = best_period(state, p, time_limit)
        if chosen is None:
            return None
        for cid in chosen:
            state.fund(cid, p)
    return state.plan


def best_period(state: _Rolling, p: int, time_limit: float = TIME_LIMIT) -> list[str] | None:
    """The most valuable set of unfunded items that can start in period p within its budget
    and free hours, every prerequisite done by then or finished in the same period: a
    precedence-constrained knapsack, solved as a mixed-integer program (HiGHS branch and cut
    through SciPy). At most one item may carry work over into the later periods' free hours:
    it starts in p with p's last free hours and goes on into the next periods, as one piece of
    work follows another; it cannot share the period with a dependant.

    Returns the chosen ids, those that finish in p first, in the order they should be funded.
    """
    free = state.free_hours(p)
    later = sum(state.free_hours(q) for q in range(p + 1, state.periods + 1))
    available: dict[str, Item] = {}
    for it in state.order:
        if it.id in state.plan.start or it.cost > state.budget + 1e-9 or not state.fits_from(it, p):
            continue
        ok = True
        for r in it.requires:
            if state.done_by(r, p):
                continue
            if r in available and available[r].hours <= free + 1e-9:
                continue
            ok = False
            break
        if ok:
            available[it.id] = it
    needed = {r for it in available.values() for r in it.requires}
    items = [it for it in available.values() if it.value > 0 or it.id in needed]
    if not items:
        return []
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array

    n = len(items)
    index = {it.id: i for i, it in enumerate(items)}
    # variables: x_i (funded), y_i (hours spent in p), z_i (carries over), for i < n each
    X, Y, Z = 0, n, 2 * n
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    upper: list[float] = []

    def add(entries: list[tuple[int, float]], ub: float) -> None:
        r = len(upper)
        for col, v in entries:
            rows.append(r)
            cols.append(col)
            vals.append(v)
        upper.append(ub)

    add([(X + i, it.cost) for i, it in enumerate(items) if it.cost], state.budget)
    bounded = math.isfinite(free)
    if bounded:
        add([(Y + i, 1.0) for i in range(n)], free)  # hours spent in p
        add([(X + i, it.hours) for i, it in enumerate(items)] + [(Y + i, -1.0) for i in range(n)], later)  # carried over
    for i, it in enumerate(items):
        if bounded:
            add([(Y + i, 1.0), (X + i, -it.hours)], 0.0)  # y_i <= h_i x_i
            add([(X + i, it.hours), (Y + i, -1.0), (Z + i, -it.hours)], 0.0)  # h_i x_i - y_i <= h_i z_i
        add([(Z + i, 1.0), (X + i, -1.0)], 0.0)  # z_i <= x_i
        for req in it.requires:
            if req in index:
                add([(X + i, 1.0), (X + index[req], -1.0)], 0.0)  # x_i <= x_req
                add([(X + i, 1.0), (Z + index[req], 1.0)], 1.0)  # a carried-over req is not done in p
    objective = np.zeros(3 * n)
    objective[X : X + n] = [-it.value for it in items]
    integrality = np.concatenate([np.ones(n), np.zeros(n), np.ones(n)])
    y_upper = [it.hours if bounded else 0.0 for it in items]
    bounds = Bounds(np.zeros(3 * n), np.concatenate([np.ones(n), y_upper, np.ones(n)]))

    def solve() -> list[int] | None:
        matrix = coo_array((vals, (rows, cols)), shape=(len(upper), 3 * n)).tocsr()
        solution = milp(
            objective,
            constraints=[LinearConstraint(matrix, -np.inf, np.array(upper))],
            integrality=integrality,
            bounds=bounds,
            options={"time_limit": time_limit, "mip_rel_gap": 0.0, "disp": False},
        )
        if solution.status != 0 or solution.x is None:
            return None
        return [i for i in range(n) if solution.x[X + i] > 0.5]

    def in_turn(chosen: list[int]) -> list[str] | None:
        """The chosen ids in the order to fund them, or None when more than one would carry
        work over, or the one that does would get no hours in p."""
        if not bounded or sum(items[j].hours for j in chosen) <= free + 1e-9:
            return [items[i].id for i in chosen]
        for c in chosen:
            rest = sum(items[j].hours for j in chosen if j != c)
            dependants = any(items[c].id in items[j].requires for j in chosen)
            if items[c].hours > 0 and not dependants and rest + start_hours(free) <= free + 1e-9:
                return [items[i].id for i in chosen if i != c] + [items[c].id]
        return None

    # Solved first without limiting how many items carry work over, which is quicker; when
    # that optimum happens to carry over one item at most it is also the optimum with the limit.
    chosen = solve()
    if chosen is None:
        return None
    funded = in_turn(chosen)
    if funded is not None:
        return funded
    for i, it in enumerate(items):
        if it.hours > 0:
            add([(Z + i, start_hours(free)), (Y + i, -1.0)], 0.0)  # carrying over, it starts in p
    add([(Z + i, 1.0) for i in range(n)], 1.0)  # one piece of work carries over at most
    chosen = solve()
    return None if chosen is None else in_turn(chosen)


def solve_greedy(order: list[Item], periods: int, budget: float, hours: float) -> Schedule:
    """Period by period, fund the closure bundle with the best value per resource that fits.

    Runs with three exponents of the resource use (value per resource, value per square root
    of resource, value alone) and keeps the plan with the most value."""
    items = {it.id: it for it in order}
    plans = [_greedy(order, periods, budget, hours, alpha) for alpha in (1.0, 0.5, 0.0)]
    return max(plans, key=lambda plan: plan.value(items))


def _greedy(order: list[Item], periods: int, budget: float, hours: float, alpha: float) -> Schedule:
    state = _Rolling(order, periods, budget, hours)
    position = {it.id: i for i, it in enumerate(order)}
    scale_b = budget if budget > 0 else 1.0
    scale_h = hours if math.isfinite(hours) and hours > 0 else None
    for p in range(1, periods + 1):
        rem_b = budget
        while True:
            best_ratio, best_bundle = -1.0, None
            for it in order:
                if it.id in state.plan.start or it.value <= 0:
                    continue
                bundle = _bundle(state, it.id, p, rem_b)
                if bundle is None:
                    continue
                value = sum(state.items[c].value for c in bundle)
                cost = sum(state.items[c].cost for c in bundle)
                hrs = sum(state.use_in(state.items[c], p) for c in bundle)
                use = cost / scale_b + (hrs / scale_h if scale_h else 0.0)
                ratio = value / use**alpha if use > 0 else math.inf
                if ratio > best_ratio:
                    best_ratio, best_bundle = ratio, bundle
            if best_bundle is None:
                break
            for c in sorted(best_bundle, key=position.__getitem__):
                state.fund(c, p)
                rem_b -= state.items[c].cost
    return state.plan


def _bundle(state: _Rolling, cid: str, p: int, rem_b: float) -> set[str] | None:
    """`cid` with its unfunded prerequisites, when all can start in period p; else None.

    Only a bundle of one may carry hours over into later periods."""
    bundle: set[str] = set()
    stack = [cid]
    cost = hrs = 0.0
    while stack:
        c = stack.pop()
        if c in bundle or c in state.plan.start:
            if c in state.plan.start and not state.done_by(c, p):
                return None  # a prerequisite still running: wait for it
            continue
        bundle.add(c)
        it = state.items[c]
        cost += it.cost
        hrs += it.hours
        if cost > rem_b + 1e-9:
            return None
        stack.extend(it.requires)
    free = state.free_hours(p)
    if hrs <= free + 1e-9:
        return bundle
    if len(bundle) == 1 and state.fits_from(state.items[cid], p) and free > 0:
        return bundle
    return None


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
    finishes: int  # the period its work ends in; later than its start when its hours carry over
    hours_by_period: dict[int, float] = {}


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid")
    number: int
    items: list[ScheduledItem]  # the capabilities that start in this period
    cost: float
    hours: float  # staff hours used in this period, including work carried over
    continuing: list[str] = []  # capabilities started earlier whose work goes on in this period


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
        it = by_id[cid]
        funded = cid in plan.start
        return ScheduledItem(
            id=cid, name=cap.name, domain=catalog.domain_of[cid], stage=cap.stage,
            value=round(it.value, 4), cost=it.cost, hours=it.hours,
            requires=list(it.requires), kpi=cap.kpis[0] if cap.kpis else "",
            finishes=plan.finish(cid) if funded else 0,
            hours_by_period={q: round(h, 2) for q, h in plan.alloc.get(cid, {}).items()} if funded else {},
        )

    out_periods = []
    for p in range(1, periods + 1):
        ids = [cid for cid in open_ids if plan.start.get(cid) == p]
        out_periods.append(
            Period(
                number=p,
                items=[scheduled(c) for c in ids],
                cost=sum(by_id[c].cost for c in ids),
                hours=round(plan.hours_in(p), 2),
                continuing=[c for c in open_ids if c in plan.start and plan.start[c] < p and plan.alloc[c].get(p, 0) > 0],
            )
        )
    left = sorted((it for it in items if it.id not in plan.start and it.value > 0), key=lambda it: -it.value)[:5]
    notes = list(scorer.notes)
    if not plan.start and items:
        cheapest = min(items, key=lambda it: it.cost if not it.requires else math.inf)
        notes.append(
            f"Nothing fits a budget of {budget_per_period:,.0f} per period"
            + (f" and {hours_per_period:g} hours" if hours_per_period is not None else "")
            + f"; the cheapest next step is {catalog.capabilities[cheapest.id].name} at {cheapest.cost:,.0f}."
        )
    elif left and hours_per_period is not None:
        spare = max((budget_per_period - period.cost for period in out_periods), default=0.0)
        if any(it.cost <= spare + 1e-9 for it in left) and all(
            period.hours >= hours_per_period - min(it.hours for it in left) for period in out_periods
        ):
            notes.append(
                f"Staff hours, not money, hold back the rest: the {hours_per_period:g} hours a period leave "
                "too little time for the next steps. More time for training and change would let more in."
            )
    return Roadmap(
        method="exact" if note.startswith("exact") else "heuristic",
        method_note=note,
        periods=out_periods,
        budget_per_period=budget_per_period,
        hours_per_period=hours_per_period,
        currency=profile.currency,
        total_value=round(plan.value(by_id), 4),
        total_cost=sum(by_id[c].cost for c in plan.start),
        in_progress=[c for c in profile.funded],
        left_out=[scheduled(it.id) for it in left],
        notes=notes,
    )
