"""A goal's target that names a recognised baseline ("Cyber Essentials before the renewals"): the
plan aims at it by the end of its first year when the profile names no baseline, claims the target
only when the baseline is reached, and says what it does toward it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from maturity.assessment.answers import load_answers
from maturity.catalog import load_catalog
from maturity.contract.profile import BaselineTarget
from maturity.coverage.projection import projected
from maturity.planning import plan
from maturity.planning.toward import quarter_end

CASTLEGATE = Path(__file__).parents[1] / "fixtures" / "heldout" / "castlegate-services.toml"
TARGET = "Cyber Essentials before the housing-association renewals"
TODAY = dt.date(2026, 12, 8)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def with_profile(answers, **profile):
    return answers.model_copy(update={"profile": answers.profile.model_copy(update=profile)})


def test_the_target_becomes_the_baseline_to_reach_within_the_year(catalog):
    road = plan(catalog, load_answers(CASTLEGATE, catalog), today=TODAY).roadmap
    assert road.baseline is not None and road.baseline.id == "cyber-essentials"
    assert road.baseline.by == quarter_end(TODAY, 4)
    assert any(a.startswith(f"Your target “{TARGET}” names Cyber Essentials: the plan aims to meet every")
               for a in road.assumptions)
    # the target is claimed exactly when the plan reaches the baseline and the answers show every
    # requirement (Castlegate's leave 16 of them unknown)
    reached = road.baseline.reached and not road.baseline.unknown_items
    assert any(t.endswith(TARGET) for t in road.goal_targets) == reached
    assert road.baseline.unknown_items and not reached


def test_a_target_the_plan_cannot_reach_is_not_claimed(catalog):
    answers = with_profile(load_answers(CASTLEGATE, catalog), project_hours=4.0, training_hours=4.0, budget=500.0,
                           outside_help=None)
    road = plan(catalog, answers, today=TODAY).roadmap
    assert road.baseline is not None and not road.baseline.reached
    assert not any(t.endswith(TARGET) for t in road.goal_targets)


def test_a_target_naming_another_baseline_than_the_profiles_is_said_and_claimed_only_when_met(catalog):
    answers = with_profile(load_answers(CASTLEGATE, catalog),
                           baseline=BaselineTarget(id="cis-controls-ig1", by=TODAY + dt.timedelta(days=300)))
    road = plan(catalog, answers, today=TODAY).roadmap
    assert road.baseline is not None and road.baseline.id == "cis-controls-ig1"
    done = {c for p in road.periods for c in p.completed}
    after = projected(catalog, answers, done, "cyber-essentials")
    note = next(n for n in road.notes if n.startswith(f"Your target “{TARGET}” names Cyber Essentials"))
    claimed = any(t.endswith(TARGET) for t in road.goal_targets)
    if after.missing():
        assert not claimed
        assert f"meet {after.counts.met} of its {after.counts.total} requirements, so the plan does not reach it" in note
        assert after.missing()[0].label in note
    else:
        assert claimed and f"meet all {after.counts.total} of its requirements" in note
        assert "comes from an independent check" in note


def test_the_profiles_own_date_is_kept(catalog):
    by = TODAY + dt.timedelta(days=200)
    answers = with_profile(load_answers(CASTLEGATE, catalog), baseline=BaselineTarget(id="cyber-essentials", by=by))
    road = plan(catalog, answers, today=TODAY).roadmap
    assert road.baseline is not None and road.baseline.by == by
    assert not any(n.startswith(f"Your target “{TARGET}”") for n in road.notes + road.assumptions)


def test_a_dated_target_the_plan_reaches_too_late_is_not_claimed_and_says_when(catalog):
    harwood = Path(__file__).parents[1] / "fixtures" / "heldout" / "harwood-vets.toml"
    answers = load_answers(harwood, catalog)
    goal = answers.profile.goals["customer-service"]
    assert goal.by == dt.date(2027, 3, 31)
    road = plan(catalog, answers, today=TODAY).roadmap
    note = next(n for n in road.notes if n.startswith(f"Your target “{goal.target}” is due by 31 March 2027"))
    assert not any(t.endswith(goal.target) for t in road.goal_targets)
    late = int(note.split("completes at the end of quarter ")[1].split(",")[0])
    assert quarter_end(TODAY, late) > goal.by
    # with the date a year later, the same plan keeps it and claims the target
    later = with_profile(answers, goals={**answers.profile.goals, "customer-service": goal.model_copy(
        update={"by": dt.date(2028, 3, 31)})})
    road = plan(catalog, later, today=TODAY).roadmap
    assert any(t.endswith(goal.target) for t in road.goal_targets)
