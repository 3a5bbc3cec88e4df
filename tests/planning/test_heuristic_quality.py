"""The heuristic's plans against the exact optimum on a seeded set of random roadmaps, and the
bounds the solvers state against the plans they return (no timing: speed is in bench/)."""

from __future__ import annotations

import random
import statistics

from maturity.planning.problem import prune
from maturity.planning.program import Program, decode
from maturity.planning.solver import Item, Limits, heuristic_gap, is_feasible, solve_exact, solve_greedy


def instance(rng: random.Random) -> tuple[list[Item], Limits]:
    """A random roadmap of 8 to 30 steps over 4 quarters (the same kind as bench/bench_plan.py's)."""
    n = rng.randint(8, 30)
    items: list[Item] = []
    for i in range(n):
        reqs = tuple(rng.sample([it.id for it in items], min(len(items), rng.randint(0, 2))))
        items.append(Item(
            id=f"c{i}", value=round(rng.random() * 3, 3), one_off=rng.choice([0, 200, 500, 1000, 2500, 5000]),
            yearly=rng.choice([0, 0, 120, 480, 1200]), hours=rng.choice([1, 4, 8, 16, 40, 80]),
            training=rng.choice([0, 0, 4, 12, 24]), requires=reqs,
        ))
    limits = Limits(periods=4, money=rng.choice([1000, 2500, 5000]), hours=rng.choice([24, 40, 80]),
                    training=rng.choice([16, 40, 80]), help_rate=rng.choice([0.0, 60.0, 120.0]),
                    help_hours=rng.choice([0.0, 20.0, float("inf")]))
    return items, limits


def test_the_heuristic_comes_close_to_the_exact_optimum_on_random_roadmaps():
    rng = random.Random(7)
    ratios = []
    for _ in range(40):
        items, limits = instance(rng)
        by_id = {it.id: it for it in items}
        exact = solve_exact(items, limits)
        greedy = solve_greedy(items, limits)
        assert is_feasible(by_id, greedy, limits)
        best = exact.value(by_id) if exact else 0.0
        if best > 0:
            ratios.append(greedy.value(by_id) / best)
    assert len(ratios) >= 30
    assert statistics.mean(ratios) >= 0.99, ratios
    assert min(ratios) >= 0.95, ratios


def test_the_bound_a_solver_states_is_never_below_the_plan_it_returns():
    rng = random.Random(11)
    for _ in range(15):
        items, limits = instance(rng)
        kept = prune(items, limits)
        if not kept:
            continue
        by_id = {it.id: it for it in kept}
        program = Program(kept, limits, relax=False)
        x = program.run(node_limit=2_000)
        assert x is not None
        value = decode(kept, limits, x).value(by_id)
        assert program.best_possible(relax=False) >= value * (1 - 1e-7) - 1e-9
        exact = solve_exact(items, limits)
        assert exact is not None and 0.0 <= exact.gap < 0.0101
        greedy = solve_greedy(items, limits)
        relaxed = Program(kept, limits, relax=True)
        assert relaxed.run() is not None
        assert relaxed.best_possible(relax=True) >= greedy.value(by_id) * (1 - 1e-7) - 1e-9
        gap = heuristic_gap(items, limits, greedy)
        assert gap is not None and 0.0 <= gap <= 1.0
