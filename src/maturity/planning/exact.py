"""The exact roadmap: the plan of most discounted benefit over all periods jointly.

The mixed-integer program of `program`, solved by HiGHS within a limit on branch-and-bound nodes
(a limit on work, not time); of the many ways of sharing the work out that give its completions,
the plan takes the one that does the work as late as the limits allow (`sharing`).
"""

from __future__ import annotations

from .problem import Item, Limits, Schedule, prune
from .program import Program
from .sharing import PAUSE_COST, fill, hold_back, pauses, share_late

#: How many times the exact search is run again to keep work from pausing.
PAUSE_SOLVES = 3



def solve_exact(order: list[Item], limits: Limits, node_limit: int = 20_000, first: tuple[str, ...] = ()) -> Schedule | None:
    """The plan of most discounted benefit over all periods jointly, or None when it cannot be
    proven optimal within `node_limit` branch-and-bound nodes (a limit on work rather than
    on time, so that the same data always gives the same plan, on any machine and under any
    load). `order` lists every prerequisite before what
    requires it. When `first` names items, at least one of them is complete in period 1."""
    items = prune(order, limits)
    if not items:
        return Schedule(gap=0.0)
    program = Program(items, limits, relax=False, first=first)
    x = program.run(node_limit=node_limit)
    if x is None:
        return None
    bound = program.best_possible(relax=False)
    # Many ways of sharing the work out give the same completions: take the one that does it as
    # late as the limits allow (close to each completion, so that a quarter lists what is worked
    # on then), and the split does not depend on the solver's path.
    plan = share_late(items, limits, x, first)
    by_id = {it.id: it for it in items}
    best = plan.value(by_id)
    held, current = None, plan
    for _ in range(PAUSE_SOLVES):
        if not pauses(current):
            break
        # work that would pause: solve again with it held back until its last stretch, so that
        # the completions are chosen for work that runs without a break, as long as that costs
        # the plan no more than the search's own tolerance; what pauses then is held back too
        held = hold_back(items, limits, current, held)
        again = program.run(node_limit=node_limit, w_upper=held)
        if again is None:
            break
        current = share_late(items, limits, again, first, w_upper=held)
        if current.value(by_id) < best * (1 - PAUSE_COST):
            break
        if len(pauses(current)) < len(pauses(plan)):
            plan = current
    plan = fill(items, limits, plan)
    value = plan.value(by_id)
    plan.gap = max(0.0, 1.0 - value / bound) if bound > 1e-12 else 0.0
    return plan
