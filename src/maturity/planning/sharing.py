"""Sharing the work out over the periods, once the periods in which items are complete are chosen.

Many ways of sharing the work out give the same completions. A linear program (the relaxation of
`program`, with the completions fixed) finds one within the limits, or the one that does the work
as late as the limits allow: close to each completion, so that a quarter lists what is worked on
then, and the split does not depend on the solver's path.
"""

from __future__ import annotations

from .problem import Item, Limits, Schedule
from .program import Program, decode, solve


def share_late(items: list[Item], limits: Limits, x, first: tuple[str, ...] = ()) -> Schedule:
    """The plan with the completions of `x` (a solution of the program, see `program.solve`) and
    the work done as late as the limits allow; `x`'s own sharing when that cannot be had."""
    import numpy as np

    done = np.round(x[: len(items) * limits.periods])
    late = solve(items, limits, relax=True, c_lower=done, c_upper=done, first=first, work_late=True)
    return decode(items, limits, x if late is None else np.concatenate([done, late[len(done):]]))


def share_work(items: list[Item], limits: Limits, index: dict[str, int], done: dict[str, int],
               program: Program | None = None, work_late: bool = False) -> Schedule | None:
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
    x = (program or Program(items, limits, relax=True)).run(lo, hi, work_late=work_late)
    if x is None:
        return None
    plan = decode(items, limits, np.concatenate([np.round(x[: n * P]), x[n * P:]]))
    return plan if plan.done == done else None
