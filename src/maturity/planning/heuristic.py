"""The roadmap's heuristic, for graphs too large for the exact program: list scheduling, then
rounding the linear relaxation and a local search over completion periods.

`solve_greedy` places items one after another in order of priority, each as early as its
prerequisites and the capacity left allow (`_Capacity`); up to the limits below it also tries the
order the linear relaxation of `program` suggests, rounds that relaxation (`_dive`), moves
completions earlier one item at a time (`_shift`) and, for small graphs, runs a short
branch-and-bound search of the program from its plan (`_polish`), with the work shared out by
`sharing`.
"""

from __future__ import annotations

import math

from .problem import EPS, Item, Limits, Schedule, direct_requirements, is_feasible, prune, weight
from .program import Program, decode, vector
from .sharing import fill, share_work, without_pauses

#: Up to this many items, the heuristic also tries the order the linear relaxation suggests.
RELAXATION_LIMIT = 3000
#: Up to this many items, it also rounds the linear relaxation (`_dive`).
DIVE_LIMIT = 60
#: Up to this many items, it also moves completions earlier one at a time (`_shift`).
SHIFT_LIMIT = 400
#: Up to this many items, it also searches the program's branch and bound from its plan (`_polish`).
POLISH_LIMIT = 60
POLISH_NODES = 50


class _Capacity:
    """What is left in each period (and in each pot of money) as a heuristic places items one
    after another."""

    def __init__(self, limits: Limits) -> None:
        P = limits.periods
        self.limits = limits
        self.pot = [0] + [limits.pot(p) for p in range(1, P + 1)]
        self.money = [limits.pot_money(k) for k in range(len(limits.pots()))]
        self.hours = [limits.hours] * (P + 1)
        self.training = [limits.training] * (P + 1)
        helped = math.isfinite(limits.hours) and limits.help_rate > 0
        self.help = [limits.help_hours if helped else 0.0] * (P + 1)
        self.steps = [limits.steps] * (P + 1)  # completions left in each period (the pace)

    def place(self, it: Item, earliest: int, backward: bool = False) -> tuple[int, dict[int, float]] | None:
        """Do the item's work from period `earliest` on and return (period complete, shares),
        having taken the capacity; None (nothing taken) when it does not fit in the horizon.

        Forward, the work is done as early as capacity allows. Backward, the item is complete in
        the earliest period it can be, with its work done as late as possible up to then, which
        leaves the earlier periods' capacity to others."""
        P = self.limits.periods
        running = it.yearly / self.limits.periods_per_year
        pots = range(len(self.money))

        def room(p: int, money: float) -> float:
            share = 1.0
            if it.training > 0:
                share = min(share, max(0.0, self.training[p]) / it.training)
            return min(share, self._room(it, p, max(0.0, money)))

        def upkeep(done: int) -> list[float]:
            """What each pot pays of the running cost when the item is complete in `done`."""
            return [running * self.limits.running_periods(done, k) for k in pots]

        def can_run(money: list[float], charge: list[float]) -> bool:
            return all(money[k] >= charge[k] - EPS for k in pots)

        def paced(done: int) -> bool:  # room for one more completion in `done`
            return not it.counts_to_pace or self.steps[done] >= 1 - EPS

        if backward:
            for done in range(earliest, P + 1):
                charge = upkeep(done)
                if not can_run(self.money, charge) or not paced(done):
                    continue
                money = [self.money[k] - charge[k] for k in pots]
                left, shares = 1.0, {}
                for p in range(done, earliest - 1, -1):
                    take = min(left, room(p, money[self.pot[p]]))
                    if take > EPS:
                        shares[p] = take
                        money[self.pot[p]] -= self._cost(it, p, take)
                        left -= take
                    if left <= EPS:
                        break
                if left <= EPS and done in shares:
                    self._take(it, shares, done, charge)
                    return done, shares
            return None
        left = 1.0
        shares = {}
        money = list(self.money)
        for p in range(earliest, P + 1):
            charge = upkeep(p)
            if (paced(p) and can_run(money, charge)
                    and room(p, money[self.pot[p]] - charge[self.pot[p]]) >= left - EPS):
                shares[p] = left
                self._take(it, shares, p, charge)
                return p, shares
            take = min(left, room(p, money[self.pot[p]]))
            if take >= left - EPS:
                take = left - 1e-3  # it cannot be complete here: its running cost or the pace does not allow it
            if take > EPS:
                shares[p] = take
                money[self.pot[p]] -= self._cost(it, p, take)
                left -= take
        return None

    def _room(self, it: Item, p: int, money: float) -> float:
        """The share of the item's work period `p` can take on money and hours: staff time
        first, then outside help paid from the money left."""
        staff, rate = max(0.0, self.hours[p]), self.limits.help_rate
        by_staff = staff / it.hours if it.hours > 0 else math.inf
        by_money = money / it.one_off if it.one_off > 0 else math.inf
        if by_money <= by_staff or self.help[p] <= 0 or rate <= 0:
            return min(1.0, by_staff, by_money)
        with_help = (money + rate * staff) / (it.one_off + rate * it.hours)
        return min(1.0, with_help, (staff + self.help[p]) / it.hours)

    def _cost(self, it: Item, p: int, share: float) -> float:
        """The money a share of the item's work in `p` takes: its one-off part and the outside
        help for the hours beyond the staff's left in `p`."""
        paid = max(0.0, share * it.hours - max(0.0, self.hours[p]))
        return share * it.one_off + paid * self.limits.help_rate

    def _take(self, it: Item, shares: dict[int, float], done: int, charge: list[float]) -> None:
        for p, share in shares.items():
            need = share * it.hours
            staff = min(max(0.0, self.hours[p]), need)
            paid = need - staff
            self.money[self.pot[p]] -= share * it.one_off + paid * self.limits.help_rate
            self.hours[p] -= staff
            self.help[p] -= paid
            self.training[p] -= share * it.training
        for k, c in enumerate(charge):
            self.money[k] -= c
        if it.counts_to_pace:
            self.steps[done] -= 1


def solve_greedy(order: list[Item], limits: Limits, effort: int = 20_000, first: tuple[str, ...] = ()) -> Schedule:
    """List scheduling: items in order of priority, each done as early as its prerequisites and
    the capacity left allow. An item's priority is its benefit per resource used, and a
    prerequisite inherits the priority of the best item that needs it, so that it is placed just
    before. Runs with four exponents of the resource use (benefit per resource, per square root
    of resource, ..., benefit alone) and, for up to RELAXATION_LIMIT items, in the order of the
    linear relaxation's completions, each forward and backward (see `_Capacity.place`), and
    keeps the plan of most discounted benefit; for up to SHIFT_LIMIT items, moves completions
    earlier one item at a time (`_shift`); then tries each item not yet complete in the first
    period at the head of the list and behind what is complete by each period, keeping what gains;
    for up to POLISH_LIMIT items, searches the program's branch and bound from that plan for at
    most POLISH_NODES nodes (`_polish`). `effort` bounds the work of that second step (items placed in all), for large graphs. When
    `first` names items, the most valuable of them that fits is placed before anything else."""
    items = prune(order, limits)
    if not items:
        return Schedule()
    lead = [c for c in sorted(first, key=lambda c: -next((it.value for it in items if it.id == c), 0.0))
            if any(it.id == c for it in items)][:1]
    by_id = {it.id: it for it in items}
    position = {it.id: k for k, it in enumerate(items)}
    rankings = [_ranking(items, limits, alpha, position) for alpha in (1.0, 0.5, 0.25, 0.0)]
    relaxation = None
    if len(items) <= RELAXATION_LIMIT:
        relaxation = Program(items, limits, relax=True)
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
    if len(items) <= POLISH_LIMIT:
        best = _polish(items, limits, best, by_id, lead)
    if relaxation is not None and len(items) <= SHIFT_LIMIT:
        late = share_work(items, limits, position, best.done, relaxation, work_late=True)
        if late is not None and is_feasible(by_id, late, limits):
            best = late  # the same completions, the work shared out as `solve_exact` does
        best = fill(items, limits, without_pauses(items, limits, best, relaxation), relaxation)
    return best


def _polish(items: list[Item], limits: Limits, best: Schedule, by_id: dict[str, Item], lead: list[str]) -> Schedule:
    """A short branch-and-bound search of the program of `program` that starts from `best`:
    at most POLISH_NODES nodes, so a bounded amount of work; `best` when it finds nothing better."""
    program = Program(items, limits, relax=False, first=tuple(lead))
    x = program.run(node_limit=POLISH_NODES, start=vector(items, limits, best), stop=True)
    if x is None:
        return best
    plan = decode(items, limits, x)
    if is_feasible(by_id, plan, limits) and plan.value(by_id) > best.value(by_id) + 1e-12:
        return plan
    return best


def _shift(items: list[Item], limits: Limits, best: Schedule, by_id: dict[str, Item], lead: list[str],
           budget: int = 400, program: Program | None = None) -> Schedule:
    """Local search over completion periods: complete one item earlier (or at all), with its
    open prerequisites no later, and, where that does not fit, leave out one item worth less;
    a linear program shares the work out over the periods (`share_work`). At most `budget` linear
    programs."""
    P = limits.periods
    program = program or Program(items, limits, relax=True)
    index = {it.id: i for i, it in enumerate(items)}
    ancestors = direct_requirements(items)[1]
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
                    plan = share_work(items, limits, index, trial, program)
                    if plan is not None and is_feasible(by_id, plan, limits):
                        best, improved = plan, True
                        break
                if improved:
                    break
            if improved:
                break
    return best


def _dive(items: list[Item], limits: Limits, start: Schedule | None = None,
          program: Program | None = None) -> Schedule | None:
    """Rounding the linear relaxation: again and again, fix what it completes fully and the
    completion it comes closest to; when that leaves nothing feasible, forbid it instead.
    From `start`, its completions are kept and the relaxation fills what capacity is left,
    sharing the work out anew."""
    import numpy as np

    program = program or Program(items, limits, relax=True)
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
            return decode(items, limits, np.concatenate([np.round(c), x[n * P:]]))
        last = max(open_, key=lambda k: (c[k] * items[k // P].value * weight(k % P + 1), -(k % P)))
        lo[last] = 1.0
    return None


def _relaxed_ranking(items: list[Item], limits: Limits, position: dict[str, int],
                     program: Program | None = None) -> list[str] | None:
    """Items in order of how early and how fully the linear relaxation completes them."""
    x = (program or Program(items, limits, relax=True)).run()
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
