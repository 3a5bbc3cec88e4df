"""The roadmap as a mixed-integer program for HiGHS, built once and solved with other bounds.

Binary c[i,p] (item i complete by the end of p, never undone), continuous w[i,p] (the share of
its work done by the end of p, never undone; the work in p is w[i,p] − w[i,p−1]) and, where
outside help may be bought, continuous h[p] (its hours in p, at least the hours beyond the
staff's); work on an item is done by p only once each of its direct prerequisites is complete by
p, which carries over to theirs. Money is kept with one row for each pot of money (a year's, or a
period's, see `problem.Limits`), and the pace with one row a period (the items that count toward
it complete in it). The rules are those of `problem`; the objective is the
discounted benefit. Solved
whole it is exact (`exact`); its linear relaxation guides the heuristic (`heuristic`) and shares
the work out for completions already chosen (`sharing`).
"""

from __future__ import annotations

import math

from .problem import EPS, Item, Limits, Schedule, direct_requirements, weight

GAP = 0.01
#: HiGHS settings for this program, chosen on the built-in examples and `bench/bench_plan.py`:
#: one thread (the same search, so the same plan, on every machine), no presolve, and no RINS
#: or RENS sub-searches (they cost more than they find on these programs).
HIGHS_OPTIONS = {
    "presolve": "off",
    "threads": 1,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
    "mip_pscost_minreliable": 2,
}


def solve(items: list[Item], limits: Limits, relax: bool, node_limit: int = 20_000, c_lower=None, c_upper=None,
          first: tuple[str, ...] = (), work_late: bool = False):
    """The mixed-integer program of the module docstring (or its linear relaxation): the
    solution vector, c[i,p] at i·P + p − 1, w[i,p] (the share of the work done by the end of
    p) at n·P + i·P + p − 1 and h[p] (when help is bought) at 2·n·P + p − 1, or None. See
    `Program.run` for the other arguments."""
    return Program(items, limits, relax, first).run(c_lower, c_upper, node_limit, work_late)


class Program:
    """The program of `solve`, built once and solved again and again with other bounds on the
    completions: each solve of the linear relaxation starts from the last one's basis."""

    def __init__(self, items: list[Item], limits: Limits, relax: bool, first: tuple[str, ...] = ()) -> None:
        import numpy as np
        from highspy import _core as highs  # the package's `Highs` prints a banner before options can be set

        n, P = len(items), limits.periods
        index = {it.id: i for i, it in enumerate(items)}
        direct, ancestors = direct_requirements(items)

        def C(i: int, p: int) -> int:  # complete by the end of p (p 1-based)
            return i * P + (p - 1)

        def W(i: int, p: int) -> int:  # share of its work done by the end of p
            return n * P + i * P + (p - 1)

        def H(p: int) -> int:  # hours of outside help bought in p
            return 2 * n * P + (p - 1)

        rate = limits.help_rate
        helped = _helped(limits)

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
            work = [e for i, it in enumerate(items) for e in in_period(i, p, it.hours)]
            if helped:
                # the hours beyond the staff's are outside help: H(p) ≥ hours − staff hours
                add(work + [(H(p), -1.0)], -np.inf, limits.hours)
            elif math.isfinite(limits.hours):
                add(work, -np.inf, limits.hours)
            if math.isfinite(limits.training):
                add([e for i, it in enumerate(items) for e in in_period(i, p, it.training)], -np.inf, limits.training)
        for k, (first_p, last_p) in enumerate(limits.pots()):
            # a pot pays the one-off money of the work done in its periods (the work done by its
            # last period less that done before its first), the running costs of its periods
            # (those after the horizon at the rate of what is complete by the end of it) and the
            # outside help its periods buy
            if not math.isfinite(limits.pot_money(k)):
                continue
            end = min(last_p, P)
            spend = [(W(i, end), it.one_off) for i, it in enumerate(items)]
            if first_p > 1:
                spend += [(W(i, first_p - 1), -it.one_off) for i, it in enumerate(items)]
            spend += [(C(i, q), running[i]) for i in range(n) if running[i] for q in range(first_p, end + 1)]
            if last_p > P:
                spend += [(C(i, P), running[i] * (last_p - P)) for i in range(n) if running[i]]
            if helped:
                spend += [(H(q), rate) for q in range(first_p, end + 1)]
            add(spend, -np.inf, limits.pot_money(k))

        if math.isfinite(limits.steps):
            paced = [i for i, it in enumerate(items) if it.counts_to_pace]
            for p in range(1, P + 1):  # the pace of change: completions in p
                row = [(C(i, p), 1.0) for i in paced] + ([(C(i, p - 1), -1.0) for i in paced] if p > 1 else [])
                add(row, -np.inf, limits.steps)
        for i, it in enumerate(items):
            if 1 <= it.due <= P:  # a baseline's step with a date: complete by then
                add([(C(i, it.due), 1.0)], 1.0, np.inf)
        wanted = [index[c] for c in first if c in index]
        if wanted:
            add([(C(i, 1), 1.0) for i in wanted], 1.0, np.inf)

        # The same limits over periods 1..p, on the completions alone: implied by the rows above,
        # but rows of whole-number variables only, from which the solver derives knapsack cuts.
        # The pots that pay for periods 1..p pay the running costs up to the end of p's pot.
        for p in range(1, P + 1):
            if math.isfinite(limits.money_to(p)):
                to = limits.pot_end(p)
                upkeep = [(C(i, min(q, P)), running[i]) for i in range(n) if running[i] for q in range(1, to + 1)]
                if not limits.pooled or p == min(to, P):  # within a pot the last period's row is the tightest
                    add([(C(i, p), it.one_off) for i, it in enumerate(items)] + upkeep, -np.inf, limits.money_to(p))
                if helped:
                    # every hour of work beyond the staff's is paid for: one-off money plus the
                    # rate for each hour, less the staff's hours, is within the money
                    add([(C(i, p), it.one_off + rate * it.hours) for i, it in enumerate(items)] + upkeep,
                        -np.inf, limits.money_to(p) + rate * limits.hours * p)
            if math.isfinite(limits.hours):
                reach = limits.hours + (limits.help_hours if helped else 0.0)
                if math.isfinite(reach):
                    add([(C(i, p), it.hours) for i, it in enumerate(items)], -np.inf, reach * p)
            if math.isfinite(limits.training):
                add([(C(i, p), it.training) for i, it in enumerate(items)], -np.inf, limits.training * p)

        N = 2 * n * P + (P if helped else 0)
        objective = np.zeros(N)
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
                bought = max(0.0, total[1] - limits.hours * p) if helped else 0.0
                if (total[0] + bought * rate > limits.money_to(p) + EPS
                        or total[1] > (limits.hours + (limits.help_hours if helped else 0.0)) * p + EPS
                        or total[2] > limits.training * p + EPS):
                    c_upper[C(i, p)] = 0.0

        m = len(upper)
        order = np.argsort(np.asarray(rows, dtype=np.int64), kind="stable")
        lp = highs.HighsLp()
        lp.num_col_, lp.num_row_ = N, m
        lp.col_cost_ = objective
        lp.col_lower_ = np.zeros(N)
        help_upper = np.full(P if helped else 0, limits.help_hours if math.isfinite(limits.help_hours) else np.inf)
        lp.col_upper_ = np.concatenate([c_upper, np.ones(n * P), help_upper])
        lp.row_lower_, lp.row_upper_ = np.array(lower), np.array(upper)
        lp.a_matrix_.format_ = highs.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = N, m
        lp.a_matrix_.start_ = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=m))]).astype(np.int32)
        lp.a_matrix_.index_ = np.asarray(cols, dtype=np.int32)[order]
        lp.a_matrix_.value_ = np.asarray(vals, dtype=float)[order]
        if not relax:
            lp.integrality_ = [highs.HighsVarType.kInteger] * (n * P) + [highs.HighsVarType.kContinuous] * (N - n * P)
        solver = highs._Highs()
        solver.setOptionValue("output_flag", False)
        for key, value in HIGHS_OPTIONS.items():
            solver.setOptionValue(key, value)
        solver.setOptionValue("mip_rel_gap", GAP)
        solver.passModel(lp)
        self.solver, self.highs, self.np = solver, highs, np
        self.size, self.closure_upper, self.objective, self.scale = n * P, c_upper, objective, scale
        self.columns = N

    def run(self, c_lower=None, c_upper=None, node_limit: int = 20_000, work_late: bool = False, w_upper=None,
            start=None, stop: bool = False):
        """Solve with completions bounded by `c_lower` and `c_upper` (never above what the
        prerequisites allow) and, with `w_upper`, the work done by each period bounded too (0
        holds an item's work back until a period); with `work_late`, minimise the work done
        ahead of time instead of maximising the benefit (for completions fixed through those
        bounds). `start`: a solution vector the search starts from (a plan already known, see
        `vector`). With `stop`, a search stopped by the node limit still returns the best
        solution it has. The solution vector, or None."""
        np, highs, solver, size = self.np, self.highs, self.solver, self.size
        columns = np.arange(size, dtype=np.int32)
        lower = np.zeros(size) if c_lower is None else np.asarray(c_lower, dtype=float)
        upper = self.closure_upper if c_upper is None else np.minimum(self.closure_upper, c_upper)
        solver.changeColsBounds(size, columns, lower, upper)
        work = np.ones(size) if w_upper is None else np.asarray(w_upper, dtype=float)
        solver.changeColsBounds(size, columns + size, np.zeros(size), work)
        cost = self.objective.copy()
        if work_late:
            cost[:size] = 0.0
            cost[size:2 * size] = 1.0
        everything = np.arange(self.columns, dtype=np.int32)
        solver.changeColsCost(self.columns, everything, cost)
        solver.setOptionValue("mip_max_nodes", int(node_limit))
        if start is not None:  # after the changes above, which would drop it
            known = highs.HighsSolution()
            known.col_value = list(start)
            known.value_valid = True
            solver.setSolution(known)
        solver.run()
        status = solver.getModelStatus()
        if status != highs.HighsModelStatus.kOptimal and not (
                stop and status == highs.HighsModelStatus.kSolutionLimit and solver.getInfo().primal_solution_status == 2):
            return None
        return np.array(solver.getSolution().col_value)

    def best_possible(self, relax: bool) -> float:
        """After a solve: the most value any plan can have, as the solver proved it (the dual
        bound of the search, or the linear relaxation's optimum)."""
        info = self.solver.getInfo()
        bound = info.objective_function_value if relax else info.mip_dual_bound
        return max(0.0, -bound * self.scale)


def _helped(limits: Limits) -> bool:
    """Whether the program buys outside help (then it has a column for each period's)."""
    return math.isfinite(limits.hours) and limits.help_hours > 0 and limits.help_rate > 0


def vector(items: list[Item], limits: Limits, plan: Schedule):
    """The solution vector of the program (see `solve`) that stands for `plan`."""
    import numpy as np

    n, P = len(items), limits.periods
    x = np.zeros(2 * n * P + (P if _helped(limits) else 0))
    if _helped(limits):
        by_id = {it.id: it for it in items}
        for p in range(1, P + 1):
            x[2 * n * P + p - 1] = limits.paid_help(plan.use(by_id, p, limits)[1])
    for i, it in enumerate(items):
        if it.id not in plan.done:
            continue
        x[i * P + plan.done[it.id] - 1: (i + 1) * P] = 1.0
        by = 0.0
        for p in range(1, P + 1):
            by += plan.work[it.id].get(p, 0.0)
            x[n * P + i * P + p - 1] = min(1.0, by) if p < plan.done[it.id] else 1.0
    return x


def decode(items: list[Item], limits: Limits, x) -> Schedule:
    """The plan a solution vector of the program (see `solve`) stands for."""
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
