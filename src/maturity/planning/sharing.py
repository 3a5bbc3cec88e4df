"""Sharing the work out over the periods, once the periods in which items are complete are chosen.

Many ways of sharing the work out give the same completions. A linear program (the relaxation of
`program`, with the completions fixed) finds one within the limits, or the one that does the work
as late as the limits allow: close to each completion, so that a quarter lists what is worked on
then, and the split does not depend on the solver's path.
"""

from __future__ import annotations

import math

from .problem import EPS, Item, Limits, Schedule, is_feasible
from .program import Program, decode

#: How many rounds `without_pauses` tries before it leaves a plan as it is.
PAUSE_ROUNDS = 12


def pauses(plan: Schedule) -> list[str]:
    """The items whose work stops for a period and starts again."""
    out = []
    for cid, shares in plan.work.items():
        worked = sorted(p for p, s in shares.items() if s > EPS)
        if worked and worked[-1] - worked[0] + 1 != len(worked):
            out.append(cid)
    return out


def without_pauses(items: list[Item], limits: Limits, plan: Schedule, program: Program | None = None,
                   held=None) -> Schedule:
    """The plan with the same completions and no item's work paused: an item whose work stops
    and starts again is held back until the period its last stretch of work begins, and the work
    shared out again as late as the limits allow; where that cannot be had, it may start in the
    gap instead. Items that still pause after PAUSE_ROUNDS rounds keep their sharing."""
    import numpy as np

    if not pauses(plan):
        return plan
    n, P = len(items), limits.periods
    index = {it.id: i for i, it in enumerate(items)}
    by_id = {it.id: it for it in items}
    program = program or Program(items, limits, relax=True)
    done = np.zeros(n * P)
    for cid, p in plan.done.items():
        done[index[cid] * P + p - 1: (index[cid] + 1) * P] = 1.0
    held = np.ones(n * P) if held is None else np.array(held, dtype=float)
    for _ in range(PAUSE_ROUNDS):
        paused = pauses(plan)
        if not paused:
            break
        changed = False
        for cid in paused:
            worked = sorted(p for p, s in plan.work[cid].items() if s > EPS)
            i = index[cid]
            # the first period of the last stretch of work
            last = max(p for k, p in enumerate(worked) if k == 0 or worked[k - 1] != p - 1)
            for start in (last, worked[0] + 1):
                trial = held.copy()
                trial[i * P: i * P + start - 1] = 0.0  # nothing done before `start`
                x = program.run(done, done, work_late=True, w_upper=trial)
                if x is None:
                    continue
                candidate = decode(items, limits, np.concatenate([done, x[n * P:]]))
                if candidate.done == plan.done and is_feasible(by_id, candidate, limits) \
                        and len(pauses(candidate)) < len(paused):
                    plan, held, changed = candidate, trial, True
                    break
            if changed:
                break
        if not changed:
            break
    for cid in pauses(plan):  # still paused: complete it later, or leave it for a later plan
        plan = _later_or_out(items, limits, plan, cid, index, program)
    return plan


#: The most value (as a share) a plan gives up so that no work pauses, and how many other
#: completions are tried to that end.
PAUSE_COST = 0.01
PAUSE_TRIES = 200


def _later_or_out(items: list[Item], limits: Limits, plan: Schedule, cid: str, index: dict[str, int],
                  program: Program) -> Schedule:
    """`plan` with its work shared without `cid` pausing, where that costs at most PAUSE_COST of
    its value: `cid` complete later, another step complete in another period (a step worth
    nothing on its own moved earlier often makes room), or `cid` left for a later plan when
    nothing needs it; `plan` itself otherwise."""
    by_id = {it.id: it for it in items}
    value = plan.value(by_id)

    def needed_by(c: str) -> list[str]:
        return [d for d in plan.done if c in by_id[d].requires]

    options = [{**plan.done, cid: p} for p in range(plan.done[cid] + 1,
               min([limits.periods] + [plan.done[d] for d in needed_by(cid)]) + 1)]
    for other in sorted(plan.done, key=lambda c: by_id[c].value):
        if other == cid:
            continue
        low = max((plan.done[r] for r in by_id[other].requires), default=1)
        high = min([limits.periods] + [plan.done[d] for d in needed_by(other)])
        options += [{**plan.done, other: q} for q in range(low, high + 1) if q != plan.done[other]]
    if not needed_by(cid):
        options.append({c: p for c, p in plan.done.items() if c != cid})
    for done in options[:PAUSE_TRIES]:
        trial = share_work(items, limits, index, done, program, work_late=True)
        if trial is None or not is_feasible(by_id, trial, limits):
            continue
        if cid not in pauses(trial) and len(pauses(trial)) < len(pauses(plan)) \
                and trial.value(by_id) >= value * (1 - PAUSE_COST) - 1e-12:
            return trial
    return plan


def share_late(items: list[Item], limits: Limits, x, first: tuple[str, ...] = (), w_upper=None) -> Schedule:
    """The plan with the completions of `x` (a solution of the program, see `program.solve`) and
    the work done as late as the limits allow, without pauses where that can be had; `x`'s own
    sharing when it cannot. `w_upper` holds items' work back as in `Program.run`."""
    import numpy as np

    done = np.round(x[: len(items) * limits.periods])
    program = Program(items, limits, relax=True, first=first)
    late = program.run(done, done, work_late=True, w_upper=w_upper)
    plan = decode(items, limits, x if late is None else np.concatenate([done, late[len(done):]]))
    return without_pauses(items, limits, plan, program, held=w_upper)


def hold_back(items: list[Item], limits: Limits, plan: Schedule, held=None):
    """Bounds on the work done by each period (see `Program.run`) that hold each paused item of
    `plan` back until its last stretch of work, on top of `held`."""
    import numpy as np

    P = limits.periods
    out = np.ones(len(items) * P) if held is None else np.array(held, dtype=float)
    index = {it.id: i for i, it in enumerate(items)}
    for cid in pauses(plan):
        worked = sorted(p for p, s in plan.work[cid].items() if s > EPS)
        last = max(p for k, p in enumerate(worked) if k == 0 or worked[k - 1] != p - 1)
        i = index[cid]
        out[i * P: i * P + last - 1] = 0.0
    return out


def share_work(items: list[Item], limits: Limits, index: dict[str, int], done: dict[str, int],
               program: Program | None = None, work_late: bool = False) -> Schedule | None:
    """The plan that completes each item of `done` in its period, when its work can be shared
    out over the periods within the limits; None when it cannot. `program`: the linear
    relaxation of `items`, when there is one already; `work_late`: the work done as late as
    the limits allow."""
    import numpy as np

    if not could_fit([(items[index[cid]], p) for cid, p in done.items()], limits):
        return None  # no sharing of the work can fit it: no need to ask the linear program
    n, P = len(items), limits.periods
    lo, hi = np.zeros(n * P), np.zeros(n * P)
    for cid, p in done.items():
        i = index[cid]
        lo[i * P + p - 1: (i + 1) * P] = 1.0
        hi[i * P + p - 1: (i + 1) * P] = 1.0
    x = (program or Program(items, limits, relax=True)).run(lo, hi, work_late=work_late)
    if x is None:
        return None
    plan = decode(items, limits, np.concatenate([np.round(x[: n * P]), x[n * P:]]))
    return plan if plan.done == done else None


def could_fit(done: list[tuple[Item, int]], limits: Limits) -> bool:
    """Whether the items, each complete in its period, fit the limits of periods 1 to p taken
    together, for every p: all the work of an item complete by p is done by p, whatever the
    sharing; the pots that pay for periods 1 to p pay the running costs to the end of p's pot.
    A quick test that rules out what `share_work` would find infeasible (and no more)."""
    tol = 1e-7
    reach = limits.hours + limits.help_hours
    helped = math.isfinite(limits.hours) and limits.help_rate > 0 and limits.help_hours > 0
    for p in range(1, limits.periods + 1):
        money = hours = training = 0.0
        to = limits.pot_end(p)
        for it, q in done:
            if q <= to:
                money += it.yearly / limits.periods_per_year * (to - q + 1)
            if q <= p:
                money += it.one_off
                hours += it.hours
                training += it.training
        if helped:
            money += limits.help_rate * max(0.0, hours - limits.hours * p)
        if (money > limits.money_to(p) * (1 + tol) + tol or hours > reach * p * (1 + tol) + tol
                or training > limits.training * p * (1 + tol) + tol):
            return False
    return True


def fill(items: list[Item], limits: Limits, plan: Schedule, program: Program | None = None) -> Schedule:
    """`plan` with every step it leaves out that still fits added, most valuable first, each
    complete as early as its prerequisites and the room left allow: a search stopped within a
    small distance of the best plan can leave a small step out while a quarter keeps the money
    and hours it would take."""
    by_id = {it.id: it for it in items}
    index = {it.id: i for i, it in enumerate(items)}
    program = program or Program(items, limits, relax=True)
    for it in sorted(items, key=lambda it: -it.value):
        if it.id in plan.done or it.value <= 0 or any(r not in plan.done for r in it.requires):
            continue
        earliest = max((plan.done[r] for r in it.requires), default=1)
        for p in range(earliest, limits.periods + 1):
            trial = share_work(items, limits, index, {**plan.done, it.id: p}, program, work_late=True)
            if trial is not None and is_feasible(by_id, trial, limits):
                trial = without_pauses(items, limits, trial, program)
                if not pauses(trial) or pauses(plan):
                    plan = trial
                    break
    return plan
