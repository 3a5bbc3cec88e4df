"""Recommend and roadmap on synthetic graphs of 100, 1,000 and 10,000 capabilities, the
built-in domains, and the greedy heuristic's value against the exact optimum.

    python bench/bench_plan.py            # all sizes
    python bench/bench_plan.py --quick    # skip 10,000

Targets: recommend <= 50 ms for the built-in domains and <= 2 s for 10,000 capabilities;
the exact roadmap for <= 100 capabilities in <= 1 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from synthetic import synthetic_answers, synthetic_catalog  # noqa: E402

from maturity.recommend import recommend  # noqa: E402
from maturity.roadmap import Item, plan_roadmap, solve_exact, solve_greedy  # noqa: E402
from maturity.scoring import score  # noqa: E402


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def builtin() -> None:
    from maturity.catalog import load_catalog

    from maturity.errors import MaturityError

    try:
        catalog = load_catalog()
    except MaturityError as exc:
        print(f"built-in domains: could not load ({exc})")
        return
    if not catalog.capabilities:
        print("built-in domains: none loaded")
        return
    answers = synthetic_answers(catalog, seed=1, size=20)
    answers.profile.sales_channels = ["walk-in", "online"]
    result = score(catalog, answers)
    t, _ = timed(lambda: recommend(catalog, answers, result, top=5), repeat=7)
    t_road, plan = timed(lambda: plan_roadmap(catalog, answers, result, periods=4, budget_per_period=10000, hours_per_period=300), repeat=3)
    print(f"built-in ({len(catalog.capabilities)} capabilities): recommend {t * 1000:.1f} ms (target <= 50 ms); "
          f"roadmap 4 periods {t_road * 1000:.0f} ms, {plan.method}")


def sizes(quick: bool) -> None:
    for n in (100, 1000) if quick else (100, 1000, 10000):
        catalog = synthetic_catalog(n, seed=n)
        answers = synthetic_answers(catalog, seed=n)
        result = score(catalog, answers)
        t_rec, _ = timed(lambda: recommend(catalog, answers, result, top=5), repeat=3 if n < 10000 else 1)
        t_road, plan = timed(
            lambda: plan_roadmap(catalog, answers, result, periods=4, budget_per_period=10000, hours_per_period=400),
            repeat=1,
        )
        target = " (target <= 2 s)" if n == 10000 else ""
        exact = " (target <= 1 s)" if n <= 100 else ""
        print(f"{n:>6} capabilities: recommend {t_rec * 1000:8.1f} ms{target}; roadmap {t_road * 1000:8.1f} ms, {plan.method}{exact}")


def quality(instances: int = 40) -> None:
    ratios, firsts = [], []
    rng = random.Random(7)
    for k in range(instances):
        n = rng.randint(8, 30)
        items: list[Item] = []
        for i in range(n):
            reqs = tuple(rng.sample([it.id for it in items], min(len(items), rng.randint(0, 2))))
            items.append(Item(id=f"c{i}", value=round(rng.random() * 3, 3), cost=rng.choice([500, 1000, 2500, 5000]), hours=rng.choice([8, 16, 40, 80]), requires=reqs))
        periods, budget, hours = rng.randint(1, 3), rng.choice([2500, 5000, 8000]), rng.choice([40, 80, 160])
        exact = solve_exact(items, periods, budget, hours)
        greedy = solve_greedy(items, periods, budget, hours)
        by_id = {it.id: it for it in items}
        best = exact.value(by_id) if exact else 0.0
        if best > 0:
            ratios.append(greedy.value(by_id) / best)
        first_exact = sum(by_id[c].value for c, p in (exact.start if exact else {}).items() if p == 1)
        first_greedy = sum(by_id[c].value for c, p in greedy.start.items() if p == 1)
        if first_exact > 0:
            firsts.append(first_greedy / first_exact)
    print(f"heuristic value / exact optimum of the first period over {len(firsts)} instances of 8-30 capabilities: "
          f"mean {statistics.mean(firsts):.3f}, worst {min(firsts):.3f}")
    print(f"heuristic value / exact rolling plan over all periods: mean {statistics.mean(ratios):.3f}, "
          f"worst {min(ratios):.3f}, best {max(ratios):.3f} (each exact period is optimal given the earlier "
          "ones, so the greedy can do better over a whole plan)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-capability graph")
    args = parser.parse_args()
    builtin()
    sizes(args.quick)
    quality()


if __name__ == "__main__":
    main()
