"""The roadmap's problem: items, the limits of each period, plans, and the rules a plan keeps.

Each open capability is an `Item` with a benefit, one-off money, yearly money, project hours and
training hours. A plan (`Schedule`) says, for each item it takes on, which share of its work is
done in each period and the period in which it is complete. Its rules (`is_feasible`):

* work on an item starts only once each of its open prerequisites is complete (it may share
  that period: the prerequisite is finished first);
* an item's one-off money, project hours and training hours are used as its work is done, in
  proportion; its yearly money is paid a period's share (1/`periods_per_year`) in every period
  from the one in which it is complete;
* no period uses more project hours or training hours than it has; project hours beyond the
  staff's are bought as outside help at `Limits.help_rate` an hour, up to `Limits.help_hours` a
  period, and paid from the money;
* money comes in pots (`Limits.pots`): with `Limits.pooled`, a year's money is one pot that any
  of its periods may spend (by the end of period q the year has spent at most its money, and
  what is left is there for the periods after q); without it, each period is a pot of its own.
  A pot pays the one-off money and outside help of its periods' work and the running costs of
  its periods, including those of its periods after the horizon when its year runs on beyond it
  (what the plan puts in place is paid for to the end of the year). The periods after the first
  year may hold money of their own (`Limits.later_money`);
* only items completed within the horizon are worked on;
* at most `Limits.steps` items that count toward the pace are complete in any one period (the
  pace a small business can take changes on; must-haves and items with a date do not count);
* an item with a `due` period (a baseline the business means to reach by a date) is complete by
  then: the exact program keeps that rule, and `meets_due` checks a plan for it.

An item completed in period p is worth its benefit times DISCOUNT^(p−1): the same capability is
worth more the sooner it is in place. The solvers (`exact`, `heuristic`) maximise the sum over
all periods jointly.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

#: An item completed one period later is worth this much of what it is worth now.
DISCOUNT = 0.9
EPS = 1e-6


@dataclass(frozen=True)
class Item:
    id: str
    value: float
    one_off: float = 0.0
    yearly: float = 0.0
    hours: float = 0.0
    training: float = 0.0
    requires: tuple[str, ...] = ()  # open prerequisites, all of them items too
    #: the period by which it must be complete (0: none), for a baseline with a date
    due: int = 0
    #: whether its completion counts toward the pace of change (`Limits.steps`); a must-have's
    #: does not: the law or the insurer does not wait for it
    paced: bool = True

    @property
    def counts_to_pace(self) -> bool:
        return self.paced and not self.due


@dataclass(frozen=True)
class Limits:
    """What the periods hold. `math.inf` means no limit. `money` is each period's share of the
    first year's money; `later_money`, when given, that of each period after it (a later year
    has a budget of its own). With `pooled`, a year's money is one pot that any of its periods
    may spend; without it each period may spend its own share only."""

    periods: int
    money: float
    hours: float = math.inf
    training: float = math.inf
    periods_per_year: int = 4
    later_money: float | None = None
    #: outside help: what an hour costs, and the most hours a period may buy (0: none)
    help_rate: float = 0.0
    help_hours: float = 0.0
    pooled: bool = False
    #: the most items that count toward the pace complete in one period (the pace of change)
    steps: float = math.inf

    def paid_help(self, hours: float) -> float:
        """The hours of outside help a period that uses `hours` of change work buys."""
        return max(0.0, hours - self.hours) if math.isfinite(self.hours) else 0.0

    def money_in(self, period: int) -> float:
        """`period`'s (1-based) share of the money."""
        if self.later_money is None or period <= self.periods_per_year:
            return self.money
        return self.later_money

    def pot(self, period: int) -> int:
        """The pot (0-based) that pays for `period` (1-based)."""
        return (period - 1) // self.periods_per_year if self.pooled else period - 1

    def pots(self) -> list[tuple[int, int]]:
        """The first and the last period of each pot that pays for a period of the plan; the last
        pot's may lie beyond the horizon (its year runs on)."""
        return self._pots

    @cached_property
    def _pots(self) -> list[tuple[int, int]]:
        if not self.pooled:
            return [(p, p) for p in range(1, self.periods + 1)]
        per = self.periods_per_year
        return [(start, start + per - 1) for start in range(1, self.periods + 1, per)]

    def pot_money(self, k: int) -> float:
        """The money of pot `k`."""
        start, end = self.pots()[k]
        return self.money_in(start) * (end - start + 1)

    def running_periods(self, done: int, k: int) -> int:
        """In how many periods pot `k` pays the running cost of an item complete in `done`."""
        start, end = self.pots()[k]
        return max(0, end - max(start, done) + 1)

    def money_to(self, period: int) -> float:
        """The most money periods 1 to `period` may spend together: that of every pot that pays
        for one of them."""
        if not self.pooled:
            if self.later_money is None or period <= self.periods_per_year:
                return self.money * period
            return self.money * self.periods_per_year + self.later_money * (period - self.periods_per_year)
        return sum(self.pot_money(k) for k in range(self.pot(period) + 1))

    def pot_end(self, period: int) -> int:
        """The last period (possibly beyond the horizon) of the pot that pays for `period`."""
        return self.pots()[self.pot(period)][1]


@dataclass
class Schedule:
    """For each item taken on: the period it is complete in, and its share of work per period."""

    done: dict[str, int] = field(default_factory=dict)
    work: dict[str, dict[int, float]] = field(default_factory=dict)
    #: how far the plan's value may be below the best plan possible, as the solver proves it
    #: (0: the best; None: not known)
    gap: float | None = None

    def start(self, cid: str) -> int:
        periods = [p for p, share in self.work.get(cid, {}).items() if share > EPS]
        return min(periods, default=self.done[cid])

    def value(self, items: dict[str, Item]) -> float:
        return sum(items[c].value * DISCOUNT ** (p - 1) for c, p in self.done.items())

    def use(self, items: dict[str, Item], period: int, limits: Limits) -> tuple[float, float, float]:
        """(money, project hours, training hours) used in `period`: the money includes the outside
        help bought for the hours beyond the staff's, and the hours include those."""
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
        money += limits.paid_help(hours) * limits.help_rate
        return money, hours, training


def meets_due(items: dict[str, Item], plan: Schedule) -> bool:
    """Whether every item with a `due` period is complete by then."""
    return all(0 < plan.done.get(it.id, 0) <= it.due for it in items.values() if it.due)


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
    if math.isfinite(limits.steps):
        paced = [p for cid, p in plan.done.items() if items[cid].counts_to_pace]
        if any(paced.count(p) > limits.steps + tol for p in set(paced)):
            return False
    spent = pot_spending(items, plan, limits)
    if any(spent[k] > limits.pot_money(k) * (1 + 1e-7) + tol for k in range(len(spent))):
        return False
    for period in range(1, limits.periods + 1):
        money, hours, training = plan.use(items, period, limits)
        if hours > (limits.hours + limits.help_hours) * (1 + 1e-7) + tol:
            return False
        if training > limits.training * (1 + 1e-7) + tol:
            return False
    return True


def pot_spending(items: dict[str, Item], plan: Schedule, limits: Limits) -> list[float]:
    """The money each pot of `limits.pots()` pays for `plan`: what its periods use, and the
    running costs of its periods after the horizon."""
    spent = [0.0] * len(limits.pots())
    for period in range(1, limits.periods + 1):
        spent[limits.pot(period)] += plan.use(items, period, limits)[0]
    beyond = limits.pot_end(limits.periods) - limits.periods
    if beyond > 0:
        spent[-1] += beyond * sum(items[c].yearly for c in plan.done) / limits.periods_per_year
    return spent


def fits_alone(it: Item, limits: Limits) -> bool:
    """Whether the item on its own could be done within the horizon (prerequisites aside)."""
    P = limits.periods
    running = it.yearly / limits.periods_per_year
    if it.hours > (limits.hours + limits.help_hours) * P + EPS or it.training > limits.training * P + EPS:
        return False
    # complete in some period p, its running cost paid in every period from p on (each pot from
    # p's on pays its share), and the hours beyond the staff's of periods 1..p bought as outside help
    return any(
        all(running * limits.running_periods(p, k) <= limits.pot_money(k) + EPS
            for k in range(limits.pot(p), len(limits.pots())))
        and it.one_off + limits.paid_help(it.hours / p) * p * limits.help_rate
        <= limits.money_to(p) - running * limits.running_periods(p, limits.pot(p)) + EPS
        and it.hours <= (limits.hours + limits.help_hours) * p + EPS
        for p in range(1, P + 1)
    )


def prune(order: list[Item], limits: Limits) -> list[Item]:
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


def direct_requirements(items: list[Item]) -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """Each item's prerequisites less those another of them already requires (a prerequisite's
    prerequisites are complete before it is), and each item's prerequisites at any depth."""
    ancestors: dict[str, set[str]] = {}
    for it in items:  # prerequisites come first
        ancestors[it.id] = set(it.requires).union(*(ancestors[r] for r in it.requires))
    direct = {it.id: [r for r in it.requires if not any(r in ancestors[o] for o in it.requires if o != r)]
              for it in items}
    return direct, ancestors
