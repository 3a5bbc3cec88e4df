"""The exact roadmap: the plan of most discounted benefit over all periods jointly.

The mixed-integer program of `program`, solved by HiGHS within a limit on branch-and-bound nodes
(a limit on work, not time); of the many ways of sharing the work out that give its completions,
the plan takes the one that does the work as late as the limits allow (`sharing`).
"""

from __future__ import annotations

from .problem import Item, Limits, Schedule, prune
from .program import solve
from .sharing import share_late


def solve_exact(order: list[Item], limits: Limits, node_limit: int = 20_000, first: tuple[str, ...] = ()) -> Schedule | None:
    """The plan of most discounted benefit over all periods jointly, or None when it cannot be
    proven optimal within `node_limit` branch-and-bound nodes (a limit on work rather than
    on time, so that the same data always gives the same plan, on any machine and under any
    load). `order` lists every prerequisite before what
    requires it. When `first` names items, at least one of them is complete in period 1."""
    items = prune(order, limits)
    if not items:
        return Schedule()
    x = solve(items, limits, relax=False, node_limit=node_limit, first=first)
    if x is None:
        return None
    # Many ways of sharing the work out give the same completions: take the one that does it as
    # late as the limits allow (close to each completion, so that a quarter lists what is worked
    # on then), and the split does not depend on the solver's path.
    return share_late(items, limits, x, first)
