"""The planning service: recommendations are the first quarter of the roadmap, investments and
plugins count in both, money and staff time hold in every period."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parents[2] / "bench"))
from synthetic import CodePlugin, synthetic_answers, synthetic_questionnaires  # noqa: E402

from maturity.catalog import Catalog, build_catalog  # noqa: E402
from maturity.common.errors import PluginError, UsageError  # noqa: E402
from maturity.contract.hooks import hookimpl  # noqa: E402
from maturity.assessment.models import Answer, AnswerFile  # noqa: E402
from maturity.contract.profile import Goal, Profile
from maturity.planning import Adjustment, plan  # noqa: E402
from maturity.planning.service import plan_assessment  # noqa: E402
from maturity.plugins import DirectoryPlugin, Plugins  # noqa: E402
from maturity.assessment.scoring import score  # noqa: E402
from maturity.store import open_store  # noqa: E402
import maturity_builtins.value as builtin_value  # noqa: E402

MINI = Path(__file__).parents[1] / "fixtures" / "mini"
UTC = dt.timezone.utc


#: one answer in each mini domain, so both are assessed
ASKED = {"al.three.q": Answer(dont_know=True), "be.top.q": Answer(dont_know=True)}
#: the mini domains are planned up to their top stage unless a test says otherwise
ALL_THE_WAY = {"alpha": "advanced", "beta": "advanced"}


def asked(profile: Profile | None = None, answers: dict | None = None) -> AnswerFile:
    """An answer file of the mini domains with both assessed, aiming at their top stage."""
    profile = profile or Profile()
    if not profile.targets:
        profile = profile.model_copy(update={"targets": ALL_THE_WAY})
    return AnswerFile(profile=profile, answers={**ASKED, **(answers or {})})


def mini_catalog(*extra_plugins, strict: bool = False):
    plugins = Plugins()
    plugins.add(DirectoryPlugin(MINI), "mini", module=str(MINI), version="", source="directory")
    plugins.add(builtin_value, "value", module="maturity_builtins.value", version="", source="built-in")
    for i, plugin in enumerate(extra_plugins):
        plugins.add(plugin, f"sector{i}", module="sector", version="1.0", source="code")
    if strict:
        plugins.strict = {f"sector{i}" for i in range(len(extra_plugins))}
    return build_catalog(plugins)


def test_only_what_can_start_is_recommended_and_prerequisites_come_first():
    catalog = mini_catalog()
    answers = asked(Profile(goals={"innovation": Goal(weight=5)}, budget=40000), {"al.one.q": Answer(answer="all")})
    out = plan(catalog, answers, top=10)
    ids = [r.id for r in out.recommendations.items]
    assert ids[0] == "be.base"  # al.two needs be.base too; al.three needs al.two
    assert ids.index("be.base") < ids.index("al.two") if "al.two" in ids else True
    assert "be.shop" in out.recommendations.not_fitting  # online sellers only
    assert "customers buy or book online" in out.recommendations.not_fitting["be.shop"]


def test_recommend_is_the_first_quarter_of_the_roadmap():
    catalog = mini_catalog()
    answers = asked(Profile(budget=12000, goals={"operations": Goal(weight=3)}, size=5))
    out = plan(catalog, answers, top=10)
    first = out.roadmap.periods[0]
    assert {r.id for r in out.recommendations.items} == {i.id for i in first.items}
    # the year's $12,000 is one pot: this quarter may spend all of it, a quarter's share is $3,000
    assert out.recommendations.period_budget == out.roadmap.budget_per_year == 12000
    assert out.roadmap.budget_per_period == 3000
    assert out.recommendations.money_held == out.roadmap.money_held == "$12,000 for the year (any of its quarters may spend it)"
    assert out.recommendations.period_hours == out.roadmap.hours_per_period


def test_reasons_name_goals_money_hours_and_kpi():
    catalog = mini_catalog()
    answers = asked(Profile(budget=10000, goals={"operations": Goal(weight=3)}))
    base = next(r for r in plan(catalog, answers).recommendations.items if r.id == "be.base")
    text = " ".join(base.reasons)
    assert "Worth about $" in text and "a year" in text
    assert "advances “Streamline operations”" in text
    assert "Unlocks: Two" in text
    assert "$500 one-off" in text and "of a year's budget of $10,000" in text
    assert "Measure of success: bases" in text


def test_a_goal_is_cited_only_where_the_capability_serves_it_materially():
    catalog = mini_catalog()
    answers = asked(Profile(budget=10000, goals={"operations": Goal(weight=3), "security": Goal(weight=1)}))
    recs = {r.id: r for r in plan(catalog, answers, top=10).recommendations.items}
    assert all(g.relevance >= 0.5 for r in recs.values() for g in r.goals)


def test_without_goals_every_goal_counts_and_the_list_says_so():
    catalog = mini_catalog()
    out = plan(catalog, asked(Profile(budget=10000)))
    assert out.recommendations.items
    assert any(n.startswith("No goals in the profile: every goal counts at weight 1") for n in out.recommendations.notes)


def test_defaults_for_staff_time_are_used_and_said():
    catalog = mini_catalog()
    out = plan(catalog, asked(Profile(budget=10000, size=6)))
    assert out.roadmap.hours_per_period == 24  # 4 h a person
    assert out.roadmap.training_hours_per_period == 12
    assert any("24 h a quarter assumed from the size (6 people)" in a for a in out.recommendations.assumptions)
    own = plan(catalog, asked(Profile(budget=10000, size=6, project_hours=30, training_hours=9)))
    assert own.roadmap.hours_per_period == 30
    assert not any("assumed" in a and ("staff time for change work" in a.lower() or "training" in a.lower())
                   for a in own.recommendations.assumptions)


def test_a_budget_too_small_names_the_same_cheapest_step_in_both():
    catalog = mini_catalog()
    answers = asked(Profile(goals={"security": Goal(weight=1)}))
    out = plan(catalog, answers, budget=100)
    assert out.recommendations.items == []
    assert out.recommendations.cheapest is not None and out.recommendations.cheapest.cost == 500
    recommend_note = next(n for n in out.recommendations.notes if n.startswith("Nothing fits"))
    assert recommend_note in out.roadmap.notes


def test_what_can_never_fit_says_what_it_would_take():
    catalog = mini_catalog()
    # worth a great deal to this business, so only the money stands in its way
    answers = asked(Profile(budget=2000, goals={"innovation": Goal(weight=5, worth=10**6)}), {"al.one.q": Answer(answer="all")})
    out = plan(catalog, answers)
    big = {i.id: i for i in out.roadmap.cannot_fit}
    assert "al.three" in big  # $25,000 against $2,000 a year
    assert "raise the budget to about" in big["al.three"].why_not


@pytest.mark.parametrize("option, value", [("budget", -1.0), ("budget", float("nan")), ("hours_per_period", -5.0),
                                           ("periods", 0), ("periods", 100_000), ("top", 0), ("method", "magic")])
def test_bad_options_are_refused(option, value):
    catalog = mini_catalog()
    with pytest.raises(UsageError):
        plan(catalog, AnswerFile(), **{option: value})


def test_all_goals_at_zero_weight_is_refused():
    catalog = mini_catalog()
    with pytest.raises(UsageError, match="weight"):
        plan(catalog, asked(Profile(goals={"security": Goal(weight=0)})))


def test_the_bet_is_off_unless_asked_and_is_true_to_itself():
    catalog = mini_catalog()
    answers = asked(Profile(goals={"security": Goal(weight=5)}, sales_channels=["online"], budget=40000))
    assert plan(catalog, answers, top=1).recommendations.exploration is None
    recs = plan(catalog, answers, top=1, explore=True).recommendations
    if recs.exploration is None:
        assert any(n.startswith("No bet to suggest") for n in recs.notes)
    else:
        text = " ".join(recs.exploration.reasons)
        assert "A bet:" in text and "Serves your goals" not in text
        assert "0 capabilities" not in text


class Sector:
    @hookimpl
    def adjust_recommendations(self, candidates):
        return [Adjustment(id="al.one", factor=0.0, reason="not for this sector"),
                Adjustment(id="be.top", mandatory=True, reason="required by the regulator"),
                Adjustment(id="be.top", mandatory=True, reason="required by the regulator")]


def test_a_plugin_adjusts_recommend_and_roadmap_alike_and_each_reason_shows_once():
    catalog = mini_catalog(Sector())
    answers = asked(Profile(goals={"security": Goal(weight=5)}, sales_channels=["online"], budget=200000))
    out = plan(catalog, answers, top=10)
    when = {i.id: p.number for p in out.roadmap.periods for i in p.items}
    assert "be.top" in when and "be.shop" in when and "be.base" in when  # the must-have and what it needs
    items = {r.id: r for r in out.recommendations.items}
    assert "be.base" in items
    assert sum("Needed before Top" in r for r in items["be.base"].reasons) == 1
    assert "al.one" not in when  # worth nothing to this sector
    # a must-have is planned whatever it is worth, and says why
    top = next(r for r in out.recommendations.items + out.recommendations.next_in_line if r.id == "be.top")
    assert top.mandatory and any("Must-have" in r for r in top.reasons)


class Broken:
    @hookimpl
    def adjust_recommendations(self, candidates):
        raise RuntimeError("boom")


class WrongType:
    @hookimpl
    def adjust_recommendations(self, candidates):
        return 5


class NotANumber:
    @hookimpl
    def adjust_recommendations(self, candidates):
        return [Adjustment(id="be.base", factor=float("nan"))]


@pytest.mark.parametrize("plugin, words", [(Broken(), "boom"), (WrongType(), "not a list"), (NotANumber(), "not a number")])
def test_a_failing_plugin_is_named_and_the_plan_goes_on(plugin, words):
    catalog = mini_catalog(plugin)
    out = plan(catalog, asked(Profile(budget=10000)))
    assert out.recommendations.items and out.roadmap.periods[0].items
    assert any("sector0" in f and words in f for f in catalog.plugins.failures)


def test_a_failing_plugin_named_by_the_user_stops_the_plan():
    catalog = mini_catalog(Broken(), strict=True)
    with pytest.raises(PluginError, match="sector0"):
        plan(catalog, asked(Profile(budget=10000)))


def test_funded_capabilities_are_respected():
    catalog = mini_catalog()
    answers = asked(Profile(goals={"security": Goal(weight=1)}, funded=["be.base"], budget=24000))
    out = plan(catalog, answers, periods=2)
    scheduled = [i.id for p in out.roadmap.periods for i in p.items]
    assert "be.base" not in scheduled and out.roadmap.in_progress == ["be.base"]
    assert "be.base" not in [r.id for r in out.recommendations.items]


def save(store, catalog: Catalog, when: dt.datetime) -> int:  # type: ignore[no-untyped-def]
    af = AnswerFile(
        profile=Profile(name="Acme", budget=4000, training_hours=100),
        questionnaires=catalog.versions(),
        answers={"al.one.q": Answer(answer="all"), "be.base.q": Answer(answer=["a", "b", "c"])},
    )
    return store.save_completed("Acme", af, score(catalog, af), catalog.versions(), {}, completed=when)


def test_an_investment_accepted_before_a_new_assessment_still_counts_this_year(tmp_path: Path, mini: Catalog) -> None:
    now = dt.datetime.now(UTC)
    with open_store(tmp_path / "m.db") as store:
        save(store, mini, now - dt.timedelta(days=90))
        store.add_investment("Acme", "al.two", 600)
        second = store.get_assessment(save(store, mini, now + dt.timedelta(minutes=1)))
        investments = store.investments("Acme")
    steps = plan_assessment(mini, second, investments, today=now.date())
    assert steps.committed == 600 and steps.remaining == 3400
    assert steps.roadmap.budget_per_period == 850
    assert [inv.capability_id for inv in steps.accepted] == ["al.two"]
    assert "al.two" in steps.answer_file.profile.funded and steps.roadmap.in_progress == ["al.two"]
    assert "al.two" not in [r.id for r in steps.recommendations.items]  # in progress, not offered again
    assert "al.two" not in [i.id for p in steps.roadmap.periods for i in p.items]
    next_year = plan_assessment(mini, second, investments, today=now.date() + dt.timedelta(days=400))
    assert next_year.committed == 0 and next_year.remaining == 4000


@st.composite
def worlds(draw):
    n = draw(st.integers(min_value=6, max_value=40))
    seed = draw(st.integers(min_value=0, max_value=10_000))
    plugins = Plugins()
    plugins.add(CodePlugin(synthetic_questionnaires(n, seed=seed)), "synthetic", module="s", version="", source="code")
    catalog = build_catalog(plugins)
    answers = synthetic_answers(catalog, seed=seed, size=draw(st.integers(min_value=1, max_value=80)))
    answers.profile.budget = draw(st.sampled_from([0.0, 600.0, 3000.0, 20000.0, None]))
    answers.profile.training_hours = draw(st.sampled_from([None, 0.0, 20.0, 500.0]))
    answers.profile.project_hours = draw(st.sampled_from([None, 0.0, 10.0, 200.0]))
    return catalog, answers


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds(), st.integers(min_value=1, max_value=4), st.sampled_from(["auto", "heuristic"]))
def test_every_plan_keeps_money_hours_and_prerequisites(world, periods, method):
    catalog, answers = world
    result = score(catalog, answers)
    out = plan(catalog, answers, result, periods=periods, method=method, top=8)
    road = out.roadmap
    done = result.achieved() | {c for c, r in result.capabilities.items() if r.status == "not_applicable"}
    complete = {c: p.number for p in road.periods for c in p.completed}
    spent = 0.0
    for period in road.periods:
        spent += period.cost
        if road.budget_per_year is not None:  # by the end of each quarter, within the year's money
            assert spent <= road.budget_per_year * (1 + 1e-6) + 1e-6
        assert period.hours <= road.hours_per_period * (1 + 1e-6) + 1e-6
        assert period.training_hours <= road.training_hours_per_period * (1 + 1e-6) + 1e-6
        for item in period.items:
            assert item.id not in done
            for req in catalog.graph.requires(item.id):
                assert req in done or complete.get(req, 99) <= period.number  # done before it starts
    first = {i.id for i in road.periods[0].items}
    assert {r.id for r in out.recommendations.items} <= first
    assert len(out.recommendations.items) == min(len(first), 8)


def test_a_domain_without_answers_is_not_planned_but_what_others_need_from_it_is():
    catalog = mini_catalog()
    # only alpha is answered: beta is not assessed; al.two needs be.base, so be.base is planned
    # as a prerequisite and says why, and nothing else of beta is
    answers = AnswerFile(profile=Profile(budget=40000, targets=ALL_THE_WAY, goals={"operations": Goal(weight=1, worth=10**6)}),
                         answers={"al.one.q": Answer(answer="all")})
    out = plan(catalog, answers, top=10)
    planned = {i.id for p in out.roadmap.periods for i in p.items}
    assert "be.top" not in planned and "be.shop" not in planned
    assert "be.base" in planned and "al.two" in planned
    base = next(r for r in out.recommendations.items if r.id == "be.base")
    assert any("its domain was not assessed" in r for r in base.reasons)
    assert out.recommendations.not_assessed == out.roadmap.not_assessed == ["beta"]
    assert any(n.startswith("Not assessed, so not planned: Beta") for n in out.recommendations.notes)


def test_the_plan_aims_at_the_targets_and_goes_beyond_only_when_asked():
    catalog = mini_catalog()
    profile = Profile(budget=400000, targets={"alpha": "fundamentals", "beta": "fundamentals"},
                      goals={"security": Goal(weight=1, worth=10**6)})
    answers = asked(profile, {"al.one.q": Answer(answer="all")})
    enough = plan(catalog, answers, top=10)
    planned = {i.id for p in enough.roadmap.periods for i in p.items}
    assert planned == {"be.base"}  # al.one is done; the rest lies above Fundamentals and serves no stated goal
    assert set(enough.roadmap.beyond_target) == {"al.two", "al.three"}
    assert any("beyond the stage" in n for n in enough.recommendations.notes)
    # the core names no command-line flag: the app shows the same notes
    assert not any("--" in n for n in enough.recommendations.notes + enough.roadmap.notes + enough.roadmap.assumptions)
    # every stage is in scope, and the worth test still holds: al.two serves no stated goal
    more = plan(catalog, answers, top=10, beyond_targets=True)
    assert "be.base" in {i.id for p in more.roadmap.periods for i in p.items}
    assert "al.two" in {i.id for i in more.roadmap.not_worth}
    assert more.roadmap.beyond_target == []


def test_a_step_beyond_the_target_is_planned_when_it_answers_a_stated_goal_and_is_worth_it():
    catalog = mini_catalog()
    profile = Profile(budget=400000, targets={"alpha": "fundamentals", "beta": "fundamentals"},
                      goals={"operations": Goal(weight=5, worth=10**6)})
    out = plan(catalog, asked(profile, {"al.one.q": Answer(answer="all")}), top=10)
    planned = {i.id for p in out.roadmap.periods for i in p.items}
    assert "al.two" in planned  # serves operations, far above its cost
    two = next(r for r in out.recommendations.items + out.recommendations.next_in_line if r.id == "al.two")
    assert two.beyond_target and any(r.startswith("Beyond this domain's target, planned because") for r in two.reasons)
    # the same goal worth little: the step is not worth its cost and stays out
    cheap = Profile(budget=400000, targets=profile.targets, goals={"operations": Goal(weight=1, worth=1)})
    out = plan(catalog, asked(cheap, {"al.one.q": Answer(answer="all")}), top=10)
    assert "al.two" not in {i.id for p in out.roadmap.periods for i in p.items}
