"""The roadmap solvers: prerequisites, budgets and hours always hold, and the exact solver
matches brute force."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.roadmap import Item, _Rolling, best_period, is_feasible, solve_exact, solve_greedy, start_hours


@st.composite
def instances(draw, max_items: int = 9):
    n = draw(st.integers(min_value=0, max_value=max_items))
    items: list[Item] = []
    for i in range(n):
        earlier = [it.id for it in items]
        requires = draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True)) if earlier else []
        items.append(
            Item(
                id=f"c{i}",
                value=draw(st.floats(min_value=0.0, max_value=5.0, allow_nan=False).map(lambda v: round(v, 3))),
                cost=draw(st.sampled_from([0.0, 500.0, 1000.0, 2500.0, 5000.0])),
                hours=draw(st.sampled_from([0.0, 8.0, 16.0, 40.0, 90.0])),
                requires=tuple(requires),
            )
        )
    periods = draw(st.integers(min_value=1, max_value=3))
    budget = draw(st.sampled_from([0.0, 1000.0, 3000.0, 6000.0]))
    hours = draw(st.sampled_from([math.inf, 16.0, 50.0]))
    return items, periods, budget, hours


def brute_force_period(state: _Rolling, p: int) -> float:
    """The best value period p can add given what earlier periods funded, by trying every
    subset of the items that may start in p. A subset fits when its money fits the budget and
    its work can be done one piece after another: all of it in p's free hours but for at most
    one item, which starts in p with the hours left and carries the rest into the free hours
    of the periods after p, and which no other item of the subset requires."""
    free = state.free_hours(p)
    later = sum(state.free_hours(q) for q in range(p + 1, state.periods + 1))
    open_items = [it for it in state.order if it.id not in state.plan.start and state.fits_from(it, p)]

    def work_fits(subset: tuple[Item, ...], inside: set[str]) -> bool:
        total = sum(it.hours for it in subset)
        if total <= free + 1e-9:
            return True
        for carried in subset:
            if carried.id in inside or carried.hours <= 0:
                continue
            rest = total - carried.hours
            if rest + start_hours(free) <= free + 1e-9 and total <= free + later + 1e-9:
                return True
        return False

    best = 0.0
    for r in range(len(open_items) + 1):
        for subset in itertools.combinations(open_items, r):
            chosen = {it.id: it for it in subset}
            if sum(it.cost for it in subset) > state.budget + 1e-9:
                continue
            if any(not (state.done_by(req, p) or req in chosen) for it in subset for req in it.requires):
                continue
            inside = {req for it in subset for req in it.requires if req in chosen}
            if not work_fits(subset, inside):
                continue
            best = max(best, sum(it.value for it in subset))
    return best


@settings(max_examples=150, deadline=None)
@given(instances())
def test_plans_respect_prerequisites_budgets_and_hours(instance):
    items, periods, budget, hours = instance
    by_id = {it.id: it for it in items}
    for plan in (solve_exact(items, periods, budget, hours), solve_greedy(items, periods, budget, hours)):
        assert plan is not None
        assert is_feasible(by_id, plan, periods, budget, hours)


@settings(max_examples=150, deadline=None)
@given(instances(max_items=8))
def test_each_exact_period_matches_brute_force(instance):
    items, periods, budget, hours = instance
    plan = solve_exact(items, periods, budget, hours)
    assert plan is not None
    by_id = {it.id: it for it in items}
    replay = _Rolling(items, periods, budget, hours)
    for p in range(1, periods + 1):
        best = brute_force_period(replay, p)
        chosen = best_period(replay, p)
        assert chosen is not None
        assert {c for c, q in plan.start.items() if q == p} == set(chosen)
        assert abs(sum(by_id[c].value for c in chosen) - best) < 1e-6
        for cid in chosen:
            replay.fund(cid, p)


@settings(max_examples=100, deadline=None)
@given(instances(max_items=8))
def test_greedy_never_beats_exact_on_the_first_period(instance):
    items, _, budget, hours = instance
    exact = best_period(_Rolling(items, 1, budget, hours), 1)
    greedy = solve_greedy(items, 1, budget, hours)
    by_id = {it.id: it for it in items}
    assert exact is not None
    assert sum(by_id[c].value for c in exact) >= sum(by_id[c].value for c in greedy.start) - 1e-6


def test_a_prerequisite_can_share_a_period_but_never_come_after():
    items = [Item("a", 0.1, 500, 0), Item("b", 5.0, 500, 0, ("a",))]
    assert solve_exact(items, 2, 1000, math.inf).start == {"a": 1, "b": 1}
    assert solve_exact(items, 2, 500, math.inf).start == {"a": 1, "b": 2}


def test_nothing_fits_a_zero_budget_but_free_items():
    items = [Item("a", 1.0, 500, 0), Item("free", 1.0, 0, 0)]
    assert solve_exact(items, 3, 0, math.inf).start == {"free": 1}


def test_work_bigger_than_a_period_carries_over_and_its_dependants_wait():
    items = [Item("crm", 5.0, 1000, 110), Item("service-desk", 3.0, 500, 20, ("crm",))]
    for plan in (solve_exact(items, 4, 5000, 50), solve_greedy(items, 4, 5000, 50)):
        assert plan.start["crm"] == 1
        assert plan.alloc["crm"] == {1: 50, 2: 50, 3: 10}
        assert plan.finish("crm") == 3
        assert plan.start["service-desk"] == 3  # shares period 3's remaining 40 hours
        assert is_feasible({it.id: it for it in items}, plan, 4, 5000, 50)


def test_work_too_big_for_all_periods_is_left_out():
    items = [Item("erp", 5.0, 1000, 500)]
    assert solve_exact(items, 4, 5000, 50).start == {}


def test_at_most_one_piece_of_work_carries_over_and_each_starts_where_it_is_funded():
    items = [Item(f"c{i}", 1.0, 500, h) for i, h in enumerate((22, 16, 16, 22))]
    for plan in (solve_exact(items, 4, 3000, 20), solve_greedy(items, 4, 3000, 20)):
        by_id = {it.id: it for it in items}
        assert is_feasible(by_id, plan, 4, 3000, 20)
        for cid, p in plan.start.items():
            assert plan.alloc[cid].get(p, 0) > 0, (cid, p, plan.alloc)
        for p in range(1, 5):
            carried = [c for c, q in plan.start.items() if q == p and plan.finish(c) > p]
            assert len(carried) <= 1
