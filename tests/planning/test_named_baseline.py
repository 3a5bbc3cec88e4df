"""A goal's target that names a recognised baseline ("Cyber Essentials before the renewals"): the
roadmap claims it only when the plan leaves every requirement met, and says what it does toward it."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity.assessment.answers import load_answers
from maturity.catalog import load_catalog
from maturity.coverage.projection import projected
from maturity.planning import plan

CASTLEGATE = Path(__file__).parents[1] / "fixtures" / "heldout" / "castlegate-services.toml"
TARGET = "Cyber Essentials before the housing-association renewals"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def with_limits(answers, **profile):
    return answers.model_copy(update={"profile": answers.profile.model_copy(update=profile)})


def test_a_target_met_in_full_is_claimed_and_the_certificate_is_named(catalog):
    answers = load_answers(CASTLEGATE, catalog)
    road = plan(catalog, answers).roadmap
    done = {c for p in road.periods for c in p.completed}
    after = projected(catalog, answers, done, "cyber-essentials")
    assert not after.missing()
    assert any(t.endswith(TARGET) for t in road.goal_targets)
    note = next(n for n in road.notes if n.startswith(f"Your target “{TARGET}”"))
    assert f"meet all {after.counts.total} of its requirements" in note
    assert "Cyber Essentials Plus certificate) comes from an independent check" in note
    assert "quarter" in note


def test_a_target_the_plan_does_not_reach_is_not_claimed_and_what_is_open_is_said(catalog):
    answers = with_limits(load_answers(CASTLEGATE, catalog), project_hours=4, training_hours=4, budget=500,
                          outside_help=None)
    road = plan(catalog, answers).roadmap
    done = {c for p in road.periods for c in p.completed}
    after = projected(catalog, answers, done, "cyber-essentials")
    assert after.missing()  # 4 h a quarter cannot reach all of it
    assert not any(t.endswith(TARGET) for t in road.goal_targets)
    note = next(n for n in road.notes if n.startswith(f"Your target “{TARGET}”"))
    assert f"meet {after.counts.met} of its {after.counts.total} requirements, so the plan does not reach it" in note
    assert after.missing()[0].label in note
    if len(after.missing()) > 3:
        assert f"and {len(after.missing()) - 3} more" in note


def test_a_baseline_the_profile_aims_at_is_left_to_the_plan_toward_it(catalog):
    import datetime as dt

    from maturity.contract.profile import BaselineTarget

    answers = with_limits(load_answers(CASTLEGATE, catalog),
                          baseline=BaselineTarget(id="cyber-essentials", by=dt.date.today() + dt.timedelta(days=300)))
    road = plan(catalog, answers).roadmap
    assert not any(n.startswith(f"Your target “{TARGET}”") for n in road.notes)
    assert road.baseline is not None
