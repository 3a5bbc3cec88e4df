"""The roadmap's optimisation: which solver plans which capabilities in which period.

A roadmap is solved exactly (`exact`: the mixed-integer program of `program` over all periods
jointly) when it has few enough open capabilities, and by the heuristic (`heuristic`: list
scheduling, rounding and local search) when it has more or the exact search is too large; the
rules a plan keeps are in `problem`. This module chooses between them (`solve`) and names the
basic steps a plan completes first (`basics`); it also offers the solvers' public names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..common.errors import UsageError
from .exact import solve_exact
from .heuristic import solve_greedy
from .problem import DISCOUNT, EPS, Item, Limits, Schedule, fits_alone, is_feasible, weight

if TYPE_CHECKING:  # pragma: no cover
    from .candidates import Candidates

__all__ = [
    "DISCOUNT", "EPS", "EXACT_LIMIT", "EXACT_NODE_LIMIT", "Item", "Limits", "Schedule", "basics", "fits_alone",
    "is_feasible", "solve", "solve_exact", "solve_items", "solve_greedy", "weight",
]

#: Up to this many open capabilities the roadmap is solved exactly unless --method says
#: otherwise (more can take the exact search many seconds; --method exact still does it).
EXACT_LIMIT = 60
#: Branch-and-bound nodes the exact search may take before the heuristic's plan is used
#: instead: a limit on work, not time, so that a plan never depends on the machine's load.
EXACT_NODE_LIMIT = 2_000


def basics(cands: Candidates, limits: Limits) -> tuple[str, ...]:
    """The must-haves (a law, an insurer, a sector plugin) that could start now and be complete
    within one quarter's hours and the money the first quarter may spend: the plan completes at
    least one of them first."""
    out = []
    for cid in cands.frontier:
        rec, it = cands.recs.get(cid), cands.items.get(cid)
        if rec is None or it is None or not rec.mandatory or it.value <= 0:
            continue
        # the first quarter's pot pays its one-off money and its running costs to the pot's end
        running = it.yearly / limits.periods_per_year * limits.running_periods(1, limits.pot(1))
        if (it.one_off + running <= limits.pot_money(limits.pot(1)) + 1e-9 and it.hours <= limits.hours + 1e-9
                and it.training <= limits.training + 1e-9):
            out.append(cid)
    return tuple(out)


def solve(cands: Candidates, limits: Limits, method: str) -> tuple[Schedule, str, str]:
    """The roadmap's plan by `method` (auto, exact or heuristic), the method used, and a note
    that says how close to the best plan possible it is."""
    return solve_items(cands.ordered_items(), limits, method, basics(cands, limits))


def solve_items(items: list[Item], limits: Limits, method: str, first: tuple[str, ...] = ()) -> tuple[Schedule, str, str]:
    """`solve` for items listed prerequisites first, `first` naming the basic steps."""
    size = len(items)
    if method != "heuristic" and (method == "exact" or size <= EXACT_LIMIT):
        plan = solve_exact(items, limits, node_limit=EXACT_NODE_LIMIT if method == "auto" else 200_000, first=first)
        if plan is not None:
            return plan, "exact", closeness(plan)
        if method == "exact":
            raise UsageError(f"the exact search over {size} capabilities is too large; use --method heuristic")
    plan = solve_greedy(items, limits, first=first)
    plan.gap = heuristic_gap(items, limits, plan)
    return plan, "heuristic", closeness(plan)


def heuristic_gap(items: list[Item], limits: Limits, plan: Schedule) -> float | None:
    """How far a heuristic plan may be below the best plan possible: against the optimum of the
    linear relaxation, which no plan exceeds."""
    from .problem import prune
    from .program import Program

    kept = prune(items, limits)
    if not kept:
        return 0.0
    program = Program(kept, limits, relax=True)
    if program.run() is None:
        return None
    bound = program.best_possible(relax=True)
    value = plan.value({it.id: it for it in kept})
    return max(0.0, 1.0 - value / bound) if bound > 0 else 0.0


def closeness(plan: Schedule) -> str:
    if plan.gap is None:
        return "how close this plan is to the best possible could not be proven"
    if plan.gap < 0.0005:
        return "the best plan these limits allow"
    return f"within {plan.gap * 100:.1f} % of the best plan these limits allow"
