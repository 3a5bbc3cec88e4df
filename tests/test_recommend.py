"""Recommendations: only the frontier, within the budget, explained, following the goals, with
hygiene never starved, and plugins able to adjust them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[1] / "bench"))

from synthetic import CodePlugin, synthetic_answers, synthetic_questionnaires  # noqa: E402

from maturity.catalog import build_catalog  # noqa: E402
from maturity.errors import UsageError  # noqa: E402
from maturity.hookspecs import hookimpl  # noqa: E402
from maturity.models import Answer, AnswerFile, Goal, Profile  # noqa: E402
from maturity.plugins import DirectoryPlugin, Plugins  # noqa: E402
from maturity.recommend import Adjustment, recommend  # noqa: E402
from maturity.roadmap import plan_roadmap  # noqa: E402
from maturity.scoring import score  # noqa: E402

MINI = Path(__file__).parent / "fixtures" / "mini"


def mini_catalog(*extra_plugins):
    plugins = Plugins()
    plugins.add(DirectoryPlugin(MINI), "mini", module=str(MINI), version="", source="directory")
    for i, plugin in enumerate(extra_plugins):
        plugins.add(plugin, f"sector{i}", module="sector", version="1.0", source="code")
    return build_catalog(plugins)


def test_only_the_frontier_is_recommended():
    catalog = mini_catalog()
    answers = AnswerFile(profile=Profile(goals={"innovation": Goal(weight=5)}), answers={"al.one.q": Answer(answer="all")})
    result = score(catalog, answers)
    recs = recommend(catalog, answers, result, top=10)
    ids = [r.id for r in recs.items]
    # al.two needs be.base too; al.three needs al.two: neither may come before their prerequisites
    assert ids == ["be.base"]
    assert "be.shop" in recs.not_fitting  # applies only to online sellers; this profile has none
    assert "customers buy or book online" in recs.not_fitting["be.shop"]


def test_reasons_name_goals_cost_unlocks_and_kpi():
    catalog = mini_catalog()
    answers = AnswerFile(profile=Profile(budget=10000, goals={"operations": Goal(weight=3)}))
    result = score(catalog, answers)
    base = next(r for r in recommend(catalog, answers, result).items if r.id == "be.base")
    text = " ".join(base.reasons)
    assert "Streamline operations" in text
    assert "Unlocks: Two" in text
    assert "$500" in text and "of your $10,000 budget" in text
    assert "KPI to watch: bases" in text
    assert not recommend(catalog, answers, result).notes  # goals given: no note about them


def test_without_goals_every_goal_counts_and_the_list_says_so():
    catalog = mini_catalog()
    answers = AnswerFile(profile=Profile(budget=10000))
    recs = recommend(catalog, answers, score(catalog, answers))
    assert recs.items
    assert any(n.startswith("No goals in the profile: every goal counts equally.") and "weights in its profile" in n for n in recs.notes)


def test_a_budget_too_small_is_not_an_error_and_shows_the_cheapest_step():
    catalog = mini_catalog()
    answers = AnswerFile(profile=Profile(goals={"security": Goal(weight=1)}))
    result = score(catalog, answers)
    recs = recommend(catalog, answers, result, budget=100)
    assert recs.items == []
    assert recs.cheapest is not None and recs.cheapest.cost == 500
    assert any("too small" in note for note in recs.notes)


@pytest.mark.parametrize("budget", [-1.0, float("nan")])
def test_a_bad_budget_is_refused(budget):
    catalog = mini_catalog()
    answers = AnswerFile()
    with pytest.raises(UsageError):
        recommend(catalog, answers, score(catalog, answers), budget=budget)


def test_all_goals_at_zero_weight_is_refused():
    catalog = mini_catalog()
    answers = AnswerFile(profile=Profile(goals={"security": Goal(weight=0)}))
    with pytest.raises(UsageError, match="weight"):
        recommend(catalog, answers, score(catalog, answers))


def test_exploration_is_off_unless_asked_and_is_labelled_a_bet():
    catalog = mini_catalog()
    answers = AnswerFile(profile=Profile(goals={"security": Goal(weight=5)}, sales_channels=["online"]))
    result = score(catalog, answers)
    assert recommend(catalog, answers, result, top=1).exploration is None
    bet = recommend(catalog, answers, result, top=1, explore=True).exploration
    assert bet is not None
    assert "explicit bet" in bet.reasons[0]


class Sector:
    @hookimpl
    def adjust_recommendations(self, candidates):
        return [Adjustment(id="al.one", factor=0.0, reason="not for this sector"),
                Adjustment(id="be.top", mandatory=True, reason="required by the regulator")]


def test_a_plugin_can_lower_and_make_mandatory_and_is_named():
    catalog = mini_catalog(Sector())
    answers = AnswerFile(profile=Profile(goals={"security": Goal(weight=5)}, sales_channels=["online"]))
    result = score(catalog, answers)
    recs = recommend(catalog, answers, result, top=5)
    first = recs.items[0]
    # be.top is not reachable yet: the must-have lands on its missing prerequisite first
    assert first.id == "be.base" and first.mandatory
    assert any("sector0: required by the regulator (needed before Top)" in a for a in first.adjustments)
    one = next(r for r in recs.items + recs.over_budget if r.id == "al.one")
    assert one.value == 0 and "sector0: not for this sector" in one.adjustments


@st.composite
def worlds(draw):
    n = draw(st.integers(min_value=6, max_value=60))
    seed = draw(st.integers(min_value=0, max_value=10_000))
    plugins = Plugins()
    plugins.add(CodePlugin(synthetic_questionnaires(n, seed=seed)), "synthetic", module="s", version="", source="code")
    catalog = build_catalog(plugins)
    answers = synthetic_answers(catalog, seed=seed, size=draw(st.integers(min_value=1, max_value=80)))
    answers.profile.budget = draw(st.sampled_from([0.0, 600.0, 3000.0, 20000.0, 100000.0]))
    answers.profile.training_hours = draw(st.sampled_from([None, 0.0, 20.0, 500.0]))
    return catalog, answers


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds(), st.integers(min_value=1, max_value=8))
def test_recommendations_respect_prerequisites_and_budget(world, top):
    catalog, answers = world
    result = score(catalog, answers)
    done = result.achieved() | {c for c, r in result.capabilities.items() if r.status == "not_applicable"}
    recs = recommend(catalog, answers, result, top=top)
    assert len(recs.items) <= top
    for rec in recs.items:
        assert rec.id not in done
        assert all(p in done for p in catalog.graph.requires(rec.id))
    assert sum(r.cost for r in recs.items) <= answers.profile.budget + 1e-6


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds(), st.integers(min_value=1, max_value=4), st.sampled_from([500.0, 3000.0, 12000.0]), st.sampled_from([None, 30.0, 200.0]))
def test_roadmaps_respect_prerequisites_budgets_and_hours(world, periods, budget, hours):
    catalog, answers = world
    result = score(catalog, answers)
    plan = plan_roadmap(catalog, answers, result, periods=periods, budget_per_period=budget, hours_per_period=hours)
    done = result.achieved() | {c for c, r in result.capabilities.items() if r.status == "not_applicable"}
    when = {item.id: period.number for period in plan.periods for item in period.items}
    for period in plan.periods:
        assert period.cost <= budget + 1e-6
        if hours is not None:
            assert period.hours <= hours + 1e-6
        for item in period.items:
            assert item.id not in done
            for req in catalog.graph.requires(item.id):
                assert req in done or when.get(req, 99) <= period.number


def test_zero_periods_is_refused():
    catalog = mini_catalog()
    answers = AnswerFile()
    with pytest.raises(UsageError, match="at least one period"):
        plan_roadmap(catalog, answers, score(catalog, answers), periods=0, budget_per_period=1000)


def test_funded_capabilities_are_respected():
    catalog = mini_catalog()
    answers = AnswerFile(profile=Profile(goals={"security": Goal(weight=1)}, funded=["be.base"]))
    result = score(catalog, answers)
    plan = plan_roadmap(catalog, answers, result, periods=2, budget_per_period=6000)
    scheduled = [i.id for p in plan.periods for i in p.items]
    assert "be.base" not in scheduled
    assert plan.in_progress == ["be.base"]
    assert "be.base" not in [r.id for r in recommend(catalog, answers, result).items]

