"""The answer-file template is honest: what the owner must decide (size, budget, hours, goals)
is blank, with what is assumed then named beside it; and the assumed hours are one rule, used
by the plan, the template and the app alike."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from conftest import MINI, catalog_of
from maturity.assessment.answers import load_answers
from maturity.assessment.assumed import WHEN_BLANK, assumptions
from maturity.assessment.template import render_template
from maturity.contract.profile import Profile
from maturity.planning.service import plan


@pytest.fixture
def template() -> str:
    return render_template(catalog_of(MINI))


def test_what_the_owner_decides_is_blank(template: str) -> None:
    profile = tomllib.loads(template)["profile"]
    for name in ("size", "budget", "training_hours", "project_hours"):
        assert profile[name] == "", name
    assert profile["goals"] == {}


def test_each_blank_names_what_is_assumed(template: str) -> None:
    for name, text in (("size", WHEN_BLANK["size"]), ("budget", WHEN_BLANK["budget"])):
        assert re.search(rf'^{name} = "" +# .*blank: {re.escape(text)}$', template, re.M), name
    for name in ("training_hours", "project_hours"):
        assert re.search(rf'^{name} = "" .*\n# +blank: {re.escape(WHEN_BLANK[name])}$', template, re.M), name
    assert f"With none, {WHEN_BLANK['goals']}." in template
    assert "10 people" in WHEN_BLANK["size"] and "4 staff hours a quarter for each person" in WHEN_BLANK["project_hours"]


def test_a_blank_template_reads_as_not_given(template: str, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(template)
    profile = load_answers(path, catalog_of(MINI)).profile
    assert (profile.size, profile.budget, profile.training_hours, profile.project_hours, profile.goals) == (None, None, None, None, {})


def test_after_the_size_is_given_the_plan_and_the_app_assume_the_same_hours(template: str, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(template.replace('size = ""', "size = 6", 1))
    catalog = catalog_of(MINI)
    answers = load_answers(path, catalog)
    roadmap = plan(catalog, answers).roadmap
    assert (roadmap.hours_per_period, roadmap.training_hours_per_period) == (24, 12)
    # the app's notice after the profile is saved says the same figures
    said = "; ".join(assumptions(answers.profile))
    assert "24 h of staff time a quarter for change work (4 h for each of 6 people)" in said
    assert "12 h of training a quarter (2 h for each of 6 people)" in said
    assert "every goal counts the same" in said


def test_the_app_says_what_the_core_says() -> None:
    from maturity.tui.screens import onboarding

    assert onboarding.assumptions is assumptions
    small = "; ".join(assumptions(Profile(size=2)))
    assert "12 h of staff time a quarter for change work (4 h for each of 2 people, kept between" in small
