"""The roadmap's optimisation: which capabilities to complete in which period.

Each open capability is an `Item` with a benefit, one-off money, yearly money, project hours and
training hours. A plan (`Schedule`) says, for each item it takes on, which share of its work is
done in each period and the period in which it is complete. Its rules (`is_feasible`):

* work on an item starts only once each of its open prerequisites is complete (it may share
  that period: the prerequisite is finished first);
* an item's one-off money, project hours and training hours are used as its work is done, in
  proportion; its yearly money is paid a period's share (1/`periods_per_year`) in every period
  from the one in which it is complete;
* no period uses more money, project hours or training hours than it has (the periods after
  the first year may hold money of their own: `Limits.later_money`);
* only items completed within the horizon are worked on.

An item completed in period p is worth its benefit times DISCOUNT^(p−1): the same capability is
worth more the sooner it is in place. The plan maximises the sum over all periods jointly.

`solve_exact` is a mixed-integer program solved by HiGHS: binary c[i,p] (item i complete by the
end of p, never undone) and continuous w[i,p] (the share of its work done by the end of p, never
undone; the work in p is w[i,p] − w[i,p−1]); work on an item is done by p only once each of its
direct prerequisites is complete by p, which carries over to theirs. It is exact; `solve_greedy`
is a list-scheduling heuristic for graphs too large for it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: An item completed one period later is worth this much of what it is worth now.
DISCOUNT = 0.9
EPS = 1e-6
GAP = 1e-6
#: Up to this many items, the heuristic also tries the order the linear relaxation suggests.
RELAXATION_LIMIT = 3000
#: Up to this many items, it also rounds the linear relaxation (`_dive`).
DIVE_LIMIT = 150
#: Up to this many items, it also moves completions earlier one at a time (`_shift`).
SHIFT_LIMIT = 400


@dataclass(frozen=True)
class Item:
    id: str
    value: float
    one_off: float = 0.0
    yearly: float = 0.0
    hours: float = 0.0
    training: float = 0.0
    requires: tuple[str, ...] = ()  # open prerequisites, all of them items too


@dataclass(frozen=True)
class Limits:
    """What each period holds. `math.inf` means no limit. `money` is what each period of the
    first year holds; `later_money`, when given, what each period after it holds (a later
    year has a budget of its own)."""

    periods: int
    money: float
    hours: float = math.inf
    training: float = math.inf
    periods_per_year: int = 4
    later_money: float | None = None

    def money_in(self, period: int) -> float:
        """The money `period` (1-based) holds."""
        if self.later_money is None or period <= self.periods_per_year:
            return self.money
        return self.later_money

    def money_to(self, period: int) -> float:
        """The money periods 1 to `period` hold together."""
        if self.later_money is None or period <= self.periods_per_year:
            return self.money * period
        return self.money * self.periods_per_year + self.later_money * (period - self.periods_per_year)


@dataclass
class Schedule:
    """For each item taken on: the period it is complete in, and its share of work per period."""

    done: dict[str, int] = field(default_factory=dict)
    work: dict[str, dict[int, float]] = field(default_factory=dict)

    def start(self, cid: str) -> int:
        periods = [p for p, share in self.work.get(cid, {}).items() if share > EPS]
        return min(periods, default=self.done[cid])

    def value(self, items: dict[str, Item]) -> float:
        return sum(items[c].value * DISCOUNT ** (p - 1) for c, p in self.done.items())

    def use(self, items: dict[str, Item], period: int, limits: Limits) -> tuple[float, float, float]:
        """(money, project hours, training hours) used in `period`."""
        money = hours = training = 0.0
        for cid, shares in self.work.items():
            share = shares.get(period, 0.0)
            it = items[cid]
            money += share * it.one_off
            hours += share * it.hours
            training += share * it.training
        for cid, p in self.done.items():
            if p <= period:
                money += items[cid].yearly / limits.periods_per_year
        return money, hours, training


def weight(period: int) -> float:
    """What completing an item in `period` (1-based) is worth, as a share of its benefit."""
    return DISCOUNT ** (period - 1)


def is_feasible(items: dict[str, Item], plan: Schedule, limits: Limits, tol: float = 1e-6) -> bool:
    """Every rule of a roadmap (see the module docstring)."""
    for cid, p in plan.done.items():
        if not 1 <= p <= limits.periods:
            return False
        shares = plan.work.get(cid, {})
        if any(s < -tol for s in shares.values()) or any(q > p or q < 1 for q, s in shares.items() if s > tol):
            return False
        if abs(sum(shares.values()) - 1.0) > 1e-4:
            return False
        for req in items[cid].requires:
            if req not in plan.done or plan.done[req] > p:
                return False
            if any(q < plan.done[req] for q, s in shares.items() if s > tol):
                return False
    if any(cid not in plan.done and any(s > tol for s in shares.values()) for cid, shares in plan.work.items()):
        return False
    for period in range(1, limits.periods + 1):
        money, hours, training = plan.use(items, period, limits)
        if money > limits.money_in(period) * (1 + 1e-7) + tol or hours > limits.hours * (1 + 1e-7) + tol:
            return False
        if training > limits.training * (1 + 1e-7) + tol:
            return False
    return True


def fits_alone(it: Item, limits: Limits) -> bool:
    """Whether the item on its own could be done within the horizon (prerequisites aside)."""
    P = limits.periods
    running = it.yearly / limits.periods_per_year
    if it.hours > limits.hours * P + EPS or it.training > limits.training * P + EPS:
        return False
    # complete in some period p, its running cost paid in every period from p on
    return any(
        all(running <= limits.money_in(q) + EPS for q in range(p, P + 1))
        and it.one_off <= limits.money_to(p) - running + EPS
        for p in range(1, P + 1)
    )


def _prune(order: list[Item], limits: Limits) -> list[Item]:
    """Items that could be part of a plan: each fits alone, its prerequisites can be taken on,
    and it is worth something itself or is needed by something that is."""
    ok: dict[str, Item] = {}
    for it in order:
        if fits_alone(it, limits) and all(r in ok for r in it.requires):
            ok[it.id] = it
    needed: set[str] = set()
    for it in reversed(list(ok.values())):
        if it.value > 0 or it.id in needed:
            needed.add(it.id)
            needed.update(it.requires)
    return [it for it in ok.values() if it.id in needed]


def solve_exact(order: list[Item], limits: Limits, node_limit: int = 20_000, first: tuple[str, ...] = ()) -> Schedule | None:
    """The plan of most discounted benefit over all periods jointly, or None when it cannot be
    proven optimal within `node_limit` branch-and-bound nodes (a limit on work rather than
    on time, so that the same data always gives the same plan, on any machine and under any
    load). `order` lists every prerequisite before what
    requires it. When `first` names items, at least one of them is complete in period 1."""
    items = _prune(order, limits)
    if not items:
        return Schedule()
    x = _solve(items, limits, relax=False, node_limit=node_limit, first=first)
    if x is None:
        return None
    # Many ways of sharing the work out give the same completions: take the one that does it as
    # late as the limits allow (close to each completion, so that a quarter lists what is worked
    # on then), and the split does not depend on the solver's path.
    import numpy as np

    done = np.round(x[: len(items) * limits.periods])
    late = _solve(items, limits, relax=True, c_lower=done, c_upper=done, first=first, work_late=True)
    return _decode(items, limits, x if late is None else np.concatenate([done, late[len(done):]]))


def _decode(items: list[Item], limits: Limits, x) -> Schedule:
    n, P = len(items), limits.periods
    plan = Schedule()
    for i, it in enumerate(items):
        done = next((p for p in range(1, P + 1) if x[i * P + p - 1] > 0.5), None)
        if done is None:
            continue
        by = [0.0] + [float(x[n * P + i * P + p - 1]) for p in range(1, P + 1)]  # work done by p
        shares = {p: by[p] - by[p - 1] for p in range(1, P + 1) if by[p] - by[p - 1] > EPS}
        total = sum(shares.values())
        plan.done[it.id] = done
        plan.work[it.id] = {p: s / total for p, s in shares.items()} if total > 0 else {done: 1.0}
    return plan


def _direct_requirements(items: list[Item]) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """Each item's prerequisites less those another of them already requires (a prerequisite's
    prerequisites are complete before it is), and each item's prerequisites at any depth."""
    ancestors: dict[str, set[str]] = {}
    for it in items:  # prerequisites come first
        ancestors[it.id] = set(it.requires).union(*(ancestors[r] for r in it.requires))
    direct = {it.id: [r for r in it.requires if not any(r in ancestors[o] for o in it.requires if o != r)]
              for it in items}
    return direct, ancestors


#: HiGHS settings for the program below, chosen on the built-in examples and `bench/bench_plan.py`:
#: one thread (the same search, so the same plan, on every machine), no presolve, and no RINS
#: or RENS sub-searches (they cost more than they find on these programs).
HIGHS_OPTIONS = {
    "presolve": "off",
    "threads": 1,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
    "mip_pscost_minreliable": 2,
}


def _solve(items: list[Item], limits: Limits, relax: bool, node_limit: int = 20_000, c_lower=None, c_upper=None,
           first: tuple[str, ...] = (), work_late: bool = False):
    """The mixed-integer program of the module docstring (or its linear relaxation): the
    solution vector, c[i,p] at i·P + p − 1 and w[i,p] (the share of the work done by the end of
    p) at n·P + i·P + p − 1, or None. See `_Program.run` for the other arguments."""
    return _Program(items, limits, relax, first).run(c_lower, c_upper, node_limit, work_late)


class _Program:
    """The program of `_solve`, built once and solved again and again with other bounds on the
    completions: each solve of the linear relaxation starts from the last one's basis."""

    def __init__(self, items: list[Item], limits: Limits, relax: bool, first: tuple[str, ...] = ()) -> None:
        import numpy as np
        from highspy import _core as highs  # the package's `Highs` prints a banner before options can be set

        n, P = len(items), limits.periods
        index = {it.id: i for i, it in enumerate(items)}
        direct, ancestors = _direct_requirements(items)

        def C(i: int, p: int) -> int:  # complete by the end of p (p 1-based)
            return i * P + (p - 1)

        def W(i: int, p: int) -> int:  # share of its work done by the end of p
            return n * P + i * P + (p - 1)

        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        lower: list[float] = []
        upper: list[float] = []

        def add(entries: list[tuple[int, float]], lo: float, hi: float) -> None:
            r = len(upper)
            row: dict[int, float] = {}
            for col, v in entries:
                row[col] = row.get(col, 0.0) + v
            for col, v in row.items():
                if v:
                    rows.append(r)
                    cols.append(col)
                    vals.append(v)
            lower.append(lo)
            upper.append(hi)

        for i, it in enumerate(items):
            for p in range(1, P):
                add([(C(i, p), 1.0), (C(i, p + 1), -1.0)], -np.inf, 0.0)  # once complete, stays so
                add([(W(i, p), 1.0), (W(i, p + 1), -1.0)], -np.inf, 0.0)  # work done stays done
            for p in range(1, P + 1):
                add([(C(i, p), 1.0), (W(i, p), -1.0)], -np.inf, 0.0)  # complete by p: all its work done by p
            # no work on what is not complete within the horizon
            add([(W(i, P), 1.0), (C(i, P), -1.0)], -np.inf, 0.0)
            for req in direct[it.id]:
                j = index[req]
                for p in range(1, P + 1):
                    # work on it by p only once the prerequisite is complete by p; with the rows above
                    # this holds for the prerequisite's own prerequisites, and for completion too
                    add([(W(i, p), 1.0), (C(j, p), -1.0)], -np.inf, 0.0)
        running = [it.yearly / limits.periods_per_year for it in items]

        def in_period(i: int, p: int, need: float) -> list[tuple[int, float]]:
            return [(W(i, p), need)] + ([(W(i, p - 1), -need)] if p > 1 else [])

        for p in range(1, P + 1):
            if math.isfinite(limits.money_in(p)):
                add([e for i, it in enumerate(items) for e in in_period(i, p, it.one_off)]
                    + [(C(i, p), running[i]) for i in range(n)], -np.inf, limits.money_in(p))
            if math.isfinite(limits.hours):
                add([e for i, it in enumerate(items) for e in in_period(i, p, it.hours)], -np.inf, limits.hours)
            if math.isfinite(limits.training):
                add([e for i, it in enumerate(items) for e in in_period(i, p, it.training)], -np.inf, limits.training)

        wanted = [index[c] for c in first if c in index]
        if wanted:
            add([(C(i, 1), 1.0) for i in wanted], 1.0, np.inf)

        # The same limits over periods 1..p, on the completions alone: implied by the rows above,
        # but rows of whole-number variables only, from which the solver derives knapsack cuts.
        for p in range(1, P + 1):
            if math.isfinite(limits.money_to(p)):
                add([(C(i, p), it.one_off) for i, it in enumerate(items)]
                    + [(C(i, q), running[i]) for i in range(n) for q in range(1, p + 1) if running[i]],
                    -np.inf, limits.money_to(p))
            if math.isfinite(limits.hours):
                add([(C(i, p), it.hours) for i, it in enumerate(items)], -np.inf, limits.hours * p)
            if math.isfinite(limits.training):
                add([(C(i, p), it.training) for i, it in enumerate(items)], -np.inf, limits.training * p)

        objective = np.zeros(2 * n * P)
        scale = max((it.value for it in items), default=1.0) or 1.0
        for i, it in enumerate(items):
            for p in range(1, P + 1):
                gain = weight(p) - (weight(p + 1) if p < P else 0.0)  # completion in p is worth weight(p)
                objective[C(i, p)] = -it.value * gain / scale
        # what cannot be complete by p, with all it needs first, is fixed at "not yet"
        c_upper = np.ones(n * P)
        for i, it in enumerate(items):
            closure = ancestors[it.id] | {it.id}
            total = [sum(getattr(items[index[c]], a) for c in closure) for a in ("one_off", "hours", "training")]
            for p in range(1, P + 1):
                if (total[0] > limits.money_to(p) + EPS or total[1] > limits.hours * p + EPS
                        or total[2] > limits.training * p + EPS):
                    c_upper[C(i, p)] = 0.0

        m, N = len(upper), 2 * n * P
        order = np.argsort(np.asarray(rows, dtype=np.int64), kind="stable")
        lp = highs.HighsLp()
        lp.num_col_, lp.num_row_ = N, m
        lp.col_cost_ = objective
        lp.col_lower_ = np.zeros(N)
        lp.col_upper_ = np.concatenate([c_upper, np.ones(n * P)])
        lp.row_lower_, lp.row_upper_ = np.array(lower), np.array(upper)
        lp.a_matrix_.format_ = highs.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = N, m
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=m))]).astype(np.int32)
        lp.a_matrix_.index_ = np.asarray(cols, dtype=np.int32)[order]
        lp.a_matrix_.value_ = np.asarray(vals, dtype=float)[order]
        if not relax:
            lp.integrality_ = [highs.HighsVarType.kInteger] * (n * P) + [highs.HighsVarType.kContinuous] * (n * P)
        solver = highs._Highs()
        solver.setOptionValue("output_flag", False)
        for key, value in HIGHS_OPTIONS.items():
            solver.setOptionValue(key, value)
        solver.setOptionValue("mip_rel_gap", GAP)
        solver.passModel(lp)
        self.solver, self.highs, self.np = solver, highs, np
        self.size, self.closure_upper, self.objective = n * P, c_upper, objective

    def run(self, c_lower=None, c_upper=None, node_limit: int = 20_000, work_late: bool = False):
        """Solve with completions bounded by `c_lower` and `c_upper` (never above what the
        prerequisites allow); with `work_late`, minimise the work done ahead of time instead of
        maximising the benefit (for completions fixed through those bounds). The solution
        vector, or None."""
        np, highs, solver, size = self.np, self.highs, self.solver, self.size
        columns = np.arange(size, dtype=np.int32)
        lower = np.zeros(size) if c_lower is None else np.asarray(c_lower, dtype=float)
        upper = self.closure_upper if c_upper is None else np.minimum(self.closure_upper, c_upper)
        solver.changeColsBounds(size, columns, lower, upper)
        cost = self.objective.copy()
        if work_late:
            cost[:size] = 0.0
            cost[size:] = 1.0
        everything = np.arange(2 * size, dtype=np.int32)
        solver.changeColsCost(2 * size, everything, cost)
        solver.setOptionValue("mip_max_nodes", int(node_limit))
        solver.run()
        if solver.getModelStatus() != highs.HighsModelStatus.kOptimal:
            return None
        return np.array(solver.getSolution().col_value)


# --------------------------------------------------------------------------------------------
# the heuristic
# --------------------------------------------------------------------------------------------


class _Capacity:
    """What is left in each period as a heuristic places items one after another."""

    def __init__(self, limits: Limits) -> None:
        P = limits.periods
        self.limits = limits
        self.money = [limits.money_in(p) for p in range(P + 1)]
        self.hours = [limits.hours] * (P + 1)
        self.training = [limits.training] * (P + 1)

    def place(self, it: Item, earliest: int, backward: bool = False) -> tuple[int, dict[int, float]] | None:
        """Do the item's work from period `earliest` on and return (period complete, shares),
        having taken the capacity; None (nothing taken) when it does not fit in the horizon.

        Forward, the work is done as early as capacity allows. Backward, the item is complete in
        the earliest period it can be, with its work done as late as possible up to then, which
        leaves the earlier periods' capacity to others."""
        P = self.limits.periods
        running = it.yearly / self.limits.periods_per_year

        def room(p: int, money: float) -> float:
            share = 1.0
            for need, have in ((it.one_off, money), (it.hours, self.hours[p]), (it.training, self.training[p])):
                if need > 0:
                    share = min(share, max(0.0, have) / need)
            return share

        def can_run_from(p: int) -> bool:
            return all(self.money[q] >= running - EPS for q in range(p, P + 1))

        if backward:
            for done in range(earliest, P + 1):
                if not can_run_from(done):
                    continue
                left, shares = 1.0, {}
                for p in range(done, earliest - 1, -1):
                    take = min(left, room(p, self.money[p] - (running if p == done else 0.0)))
                    if take > EPS:
                        shares[p] = take
                        left -= take
                    if left <= EPS:
                        break
                if left <= EPS and done in shares:
                    self._take(it, shares, done, running)
                    return done, shares
            return None
        left = 1.0
        shares = {}
        for p in range(earliest, P + 1):
            if can_run_from(p) and room(p, self.money[p] - running) >= left - EPS:
                shares[p] = left
                self._take(it, shares, p, running)
                return p, shares
            take = min(left, room(p, self.money[p]))
            if take >= left - EPS:
                take = left - 1e-3  # it cannot be complete here: its running cost does not fit
            if take > EPS:
                shares[p] = take
                left -= take
        return None

    def _take(self, it: Item, shares: dict[int, float], done: int, running: float) -> None:
        for p, share in shares.items():
            self.money[p] -= share * it.one_off
            self.hours[p] -= share * it.hours
            self.training[p] -= share * it.training
        for q in range(done, self.limits.periods + 1):
            self.money[q] -= running


def solve_greedy(order: list[Item], limits: Limits, effort: int = 50_000, first: tuple[str, ...] = ()) -> Schedule:
    """List scheduling: items in order of priority, each done as early as its prerequisites and
    the capacity left allow. An item's priority is its benefit per resource used, and a
    prerequisite inherits the priority of the best item that needs it, so that it is placed just
    before. Runs with four exponents of the resource use (benefit per resource, per square root
    of resource, ..., benefit alone) and, for up to RELAXATION_LIMIT items, in the order of the
    linear relaxation's completions, each forward and backward (see `_Capacity.place`), and
    keeps the plan of most discounted benefit; for up to SHIFT_LIMIT items, moves completions
    earlier one item at a time (`_shift`); then tries each item not yet complete in the first
    period at the head of the list and behind what is complete by each period, keeping what gains.
    `effort` bounds the work of that second step (items placed in all), for large graphs. When
    `first` names items, the most valuable of them that fits is placed before anything else."""
    items = _prune(order, limits)
    if not items:
        return Schedule()
    lead = [c for c in sorted(first, key=lambda c: -next((it.value for it in items if it.id == c), 0.0))
            if any(it.id == c for it in items)][:1]
    by_id = {it.id: it for it in items}
    position = {it.id: k for k, it in enumerate(items)}
    rankings = [_ranking(items, limits, alpha, position) for alpha in (1.0, 0.5, 0.25, 0.0)]
    relaxation = None
    if len(items) <= RELAXATION_LIMIT:
        relaxation = _Program(items, limits, relax=True)
        guided = _relaxed_ranking(items, limits, position, relaxation)
        if guided is not None:
            rankings.insert(0, guided)
    rankings = [lead + [c for c in ranking if c not in lead] for ranking in rankings]
    variants = [(ranking, backward) for ranking in rankings for backward in (False, True)]
    plans = [_greedy(ranking, by_id, limits, position, backward) for ranking, backward in variants]
    k = max(range(len(plans)), key=lambda j: plans[j].value(by_id))
    best, (ranking, backward) = plans[k], variants[k]
    if len(items) <= DIVE_LIMIT:
        for dived in (_dive(items, limits, program=relaxation) if not lead else None,
                      _dive(items, limits, start=best, program=relaxation)):
            if dived is not None and is_feasible(by_id, dived, limits) and dived.value(by_id) > best.value(by_id) + 1e-12:
                best = dived
    if len(items) <= SHIFT_LIMIT:
        best = _shift(items, limits, best, by_id, lead, budget=min(400, 12_000 // len(items)), program=relaxation)
    tries = max(0, effort // len(items))
    for _ in range(3):
        improved = False
        for it in sorted(items, key=lambda it: -it.value):
            if tries <= 0:
                break
            if best.done.get(it.id) == 1 or it.value <= 0:
                continue
            rest = [c for c in ranking if c != it.id and c not in lead]
            # move it to the head of the list, or just behind what the plan completes by the
            # end of period q: early enough to be complete sooner, late enough to leave the
            # more valuable items before it where they are
            cuts = [0]
            for q in range(1, limits.periods):
                cut = max((k + 1 for k, c in enumerate(rest) if best.done.get(c, limits.periods + 1) <= q), default=0)
                if cut not in cuts:
                    cuts.append(cut)
            for cut in cuts:
                if tries <= 0:
                    break
                tries -= 1
                order_ = lead + rest[:cut] + [it.id] + rest[cut:]
                trial = _greedy(order_, by_id, limits, position, backward)
                if trial.value(by_id) > best.value(by_id) + 1e-12:
                    best, ranking, improved = trial, order_, True
                    break
        if not improved:
            break
    if relaxation is not None and len(items) <= SHIFT_LIMIT:
        late = _fixed(items, limits, position, best.done, relaxation, work_late=True)
        if late is not None and is_feasible(by_id, late, limits):
            best = late  # the same completions, the work shared out as `solve_exact` does
    return best


def _shift(items: list[Item], limits: Limits, best: Schedule, by_id: dict[str, Item], lead: list[str],
           budget: int = 400, program: _Program | None = None) -> Schedule:
    """Local search over completion periods: complete one item earlier (or at all), with its
    open prerequisites no later, and, where that does not fit, leave out one item worth less;
    a linear program shares the work out over the periods (`_fixed`). At most `budget` linear
    programs."""
    P = limits.periods
    program = program or _Program(items, limits, relax=True)
    index = {it.id: i for i, it in enumerate(items)}
    ancestors = _direct_requirements(items)[1]
    dependants: dict[str, set[str]] = {it.id: set() for it in items}
    for it in items:
        for a in ancestors[it.id]:
            dependants[a].add(it.id)
    improved = True
    while improved and budget > 0:
        improved = False
        for it in sorted(items, key=lambda it: -it.value):
            now = best.done.get(it.id, P + 1)
            for p in range(1, now):
                done = dict(best.done)
                done[it.id] = p
                for a in ancestors[it.id]:
                    done[a] = min(done.get(a, P + 1), p)
                gain = Schedule(done=done).value(by_id) - best.value(by_id)
                if gain <= 1e-12:
                    continue
                drops = [None] + sorted(
                    (c for c in done if c != it.id and c not in ancestors[it.id] and c not in lead
                     and by_id[c].value * weight(done[c]) < gain),
                    key=lambda c: by_id[c].value * weight(done[c]))
                for drop in drops:
                    if budget <= 0:
                        return best
                    trial = dict(done)
                    if drop is not None:
                        for c in {drop} | dependants[drop]:
                            trial.pop(c, None)
                    if Schedule(done=trial).value(by_id) <= best.value(by_id) + 1e-12:
                        continue
                    budget -= 1
                    plan = _fixed(items, limits, index, trial, program)
                    if plan is not None and is_feasible(by_id, plan, limits):
                        best, improved = plan, True
                        break
                if improved:
                    break
            if improved:
                break
    return best


def _fixed(items: list[Item], limits: Limits, index: dict[str, int], done: dict[str, int],
           program: _Program | None = None, work_late: bool = False) -> Schedule | None:
    """The plan that completes each item of `done` in its period, when its work can be shared
    out over the periods within the limits; None when it cannot. `program`: the linear
    relaxation of `items`, when there is one already; `work_late`: the work done as late as
    the limits allow."""
    import numpy as np

    n, P = len(items), limits.periods
    lo, hi = np.zeros(n * P), np.zeros(n * P)
    for cid, p in done.items():
        i = index[cid]
        lo[i * P + p - 1: (i + 1) * P] = 1.0
        hi[i * P + p - 1: (i + 1) * P] = 1.0
    x = (program or _Program(items, limits, relax=True)).run(lo, hi, work_late=work_late)
    if x is None:
        return None
    plan = _decode(items, limits, np.concatenate([np.round(x[: n * P]), x[n * P:]]))
    return plan if plan.done == done else None


def _dive(items: list[Item], limits: Limits, start: Schedule | None = None,
          program: _Program | None = None) -> Schedule | None:
    """Rounding the linear relaxation: again and again, fix what it completes fully and the
    completion it comes closest to; when that leaves nothing feasible, forbid it instead.
    From `start`, its completions are kept and the relaxation fills what capacity is left,
    sharing the work out anew."""
    import numpy as np

    program = program or _Program(items, limits, relax=True)
    n, P = len(items), limits.periods
    lo, hi = np.zeros(n * P), np.ones(n * P)
    if start is not None:
        for i, it in enumerate(items):
            if it.id in start.done:
                lo[i * P + start.done[it.id] - 1: (i + 1) * P] = 1.0
    last = None
    for _ in range(4 * n * P):
        x = program.run(lo, hi)
        if x is None:
            if last is None:
                return None
            lo[last], hi[last] = 0.0, 0.0  # that completion cannot be had: rule it out
            last = None
            continue
        c = x[: n * P]
        lo[c >= 1 - 1e-7] = 1.0
        open_ = [k for k in range(n * P) if lo[k] < 1 and hi[k] > 0 and c[k] > 1e-7]
        if not open_:
            return _decode(items, limits, np.concatenate([np.round(c), x[n * P:]]))
        last = max(open_, key=lambda k: (c[k] * items[k // P].value * weight(k % P + 1), -(k % P)))
        lo[last] = 1.0
    return None


def _relaxed_ranking(items: list[Item], limits: Limits, position: dict[str, int],
                     program: _Program | None = None) -> list[str] | None:
    """Items in order of how early and how fully the linear relaxation completes them."""
    x = (program or _Program(items, limits, relax=True)).run()
    if x is None:
        return None
    P = limits.periods
    done = {it.id: sum(x[i * P + p] for p in range(P)) for i, it in enumerate(items)}
    for it in reversed(items):  # a prerequisite comes no later than what needs it
        for req in it.requires:
            done[req] = max(done[req], done[it.id])
    return [it.id for it in sorted(items, key=lambda it: (-round(done[it.id], 6), -it.value, position[it.id]))]


def _use(it: Item, limits: Limits) -> float:
    total = 0.0
    for need, have in ((it.one_off + it.yearly, limits.money_to(limits.periods)),
                       (it.hours, limits.hours * limits.periods),
                       (it.training, limits.training * limits.periods)):
        if need > 0 and math.isfinite(have) and have > 0:
            total += need / have
    return total


def _ranking(items: list[Item], limits: Limits, alpha: float, position: dict[str, int]) -> list[str]:
    priority: dict[str, float] = {}
    for it in items:
        use = _use(it, limits)
        priority[it.id] = it.value / (use**alpha) if use > 0 else (math.inf if it.value > 0 else 0.0)
    # prerequisites inherit the priority of what needs them: walk dependants first
    for it in reversed(items):
        for req in it.requires:
            if priority[it.id] > priority[req]:
                priority[req] = priority[it.id]
    return [it.id for it in sorted(items, key=lambda it: (-priority[it.id], position[it.id]))]


def _greedy(ranking: list[str], by_id: dict[str, Item], limits: Limits, position: dict[str, int],
            backward: bool = False) -> Schedule:
    capacity = _Capacity(limits)
    plan = Schedule()
    failed: set[str] = set()
    for cid in ranking:
        if cid in plan.done or cid in failed or by_id[cid].value <= 0:
            continue  # an item worth nothing itself is placed only when something needs it
        _place_with_prerequisites(cid, by_id, capacity, plan, failed, position, backward)
    return plan


def _place_with_prerequisites(cid: str, by_id: dict[str, Item], capacity: _Capacity, plan: Schedule,
                              failed: set[str], position: dict[str, int], backward: bool = False) -> bool:
    """Place `cid` after placing its unplaced prerequisites; all or nothing for `cid` itself
    (prerequisites placed stay, as they are worth having on their own or for others)."""
    stack, closure = [cid], []
    seen: set[str] = set()
    while stack:
        c = stack.pop()
        if c in seen or c in plan.done:
            continue
        if c in failed:
            failed.add(cid)
            return False
        seen.add(c)
        closure.append(c)
        stack.extend(by_id[c].requires)
    for c in sorted(closure, key=position.__getitem__):
        it = by_id[c]
        earliest = max((plan.done[r] for r in it.requires), default=1)
        placed = capacity.place(it, earliest, backward)
        if placed is None:
            failed.add(c)
            failed.add(cid)
            return False
        plan.done[c], plan.work[c] = placed
    return True
