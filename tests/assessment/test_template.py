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
import sys

from maturity.assessment.answers import parse_answers
from maturity.assessment.models import AnswerFile
from maturity.common.tomlfile import parse_toml
from maturity.contract.profile import Goal, OutsideHelp, Process, Profile
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
    from maturity.assessment.assumed import assumed_briefly
    from maturity.tui.screens import onboarding

    assert onboarding.assumed_briefly is assumed_briefly
    assert "12 h of change work a quarter" in assumed_briefly(Profile(size=2))
    small = "; ".join(assumptions(Profile(size=2)))
    assert "12 h of staff time a quarter for change work (4 h for each of 2 people, kept between" in small

def test_the_value_inputs_are_offered_commented_out_with_their_defaults() -> None:
    text = render_template(catalog_of(MINI))
    lines = text.splitlines()
    assert re.search(r"^# revenue = 450000 +# yearly revenue; without it, estimated from size and industry$", text, re.M)
    assert re.search(r"^# staff_cost = 30 +# what an hour of staff time costs, wage and employer costs; "
                     r"without it, the typical figure for the country$", text, re.M)
    assert re.search(r"^# outside_help = \{ allowed = true, rate = 80, max_per_year = 5000 \} +# paid IT help when staff "
                     r"hours run out; without it, allowed, at the country's typical rate, up to the budget$", text, re.M)
    assert any("worth = 20000" in line and line.startswith("#") for line in lines)
    assert any(line.startswith("# hours_per_week = 4") and "money_per_month = 600" in line for line in lines)
    # commented out, they are not set
    profile = tomllib.loads(text)["profile"]
    assert not {"revenue", "staff_cost", "outside_help"} & set(profile)


def test_uncommented_the_offered_lines_are_a_valid_profile() -> None:
    catalog = catalog_of(MINI)
    text = render_template(catalog)
    live = re.sub(r"^# ((?:revenue|staff_cost|outside_help) = )", r"\1", text, flags=re.M)
    parsed = parse_answers(parse_toml(live, "answers.toml"), catalog).profile
    assert (parsed.revenue, parsed.staff_cost) == (450000, 30)
    assert parsed.outside_help == OutsideHelp(allowed=True, rate=80, max_per_year=5000)


def test_a_saved_profile_keeps_its_value_inputs() -> None:
    catalog = catalog_of(MINI)
    profile = Profile(
        name="Acme", revenue=820000, staff_cost=27.5, outside_help=OutsideHelp(allowed=False),
        goals={"security": Goal(weight=6, worth=15000)},
        processes=[Process(name="Billing", pain_points=["late-invoices"], hours_per_week=3),
                   Process(name="Orders", pain_points=["lost-orders"], money_per_month=450)],
    )
    text = render_template(catalog, previous=AnswerFile(profile=profile), source="assessment #1")
    again = parse_answers(parse_toml(text, "repeat.toml"), catalog).profile
    assert (again.revenue, again.staff_cost, again.outside_help) == (820000, 27.5, OutsideHelp(allowed=False))
    assert again.goals["security"].worth == 15000
    assert [(p.hours_per_week, p.money_per_month) for p in again.processes] == [(3, None), (None, 450)]


def test_the_baseline_to_reach_is_offered_commented_with_its_meaning() -> None:
    import datetime as dt

    from maturity.catalog import load_catalog
    from maturity.contract.profile import BaselineTarget

    catalog = load_catalog(user_dir=None, env={})
    text = render_template(catalog)
    year = dt.date.today().year + 1
    line = f'# baseline = {{ id = "cyber-essentials", by = {year}-06-30, worth = 5000 }}'
    assert line in text.splitlines()
    meaning = text.split(line, 1)[1].split("\n\n", 1)[0]
    assert "a recognised baseline to reach by a date" in meaning
    assert "the roadmap completes what it needs by then, or says what stands in the way" in meaning
    assert "worth: what reaching it is worth a year" in meaning
    assert "baselines: cyber-essentials, cis-controls-ig1, essential-eight, nist-csf" in meaning
    assert "baseline" not in tomllib.loads(text)["profile"]  # commented out, not set
    live = text.replace(line, line[2:])
    parsed = parse_answers(parse_toml(live, "answers.toml"), catalog).profile
    assert parsed.baseline == BaselineTarget(id="cyber-essentials", by=dt.date(year, 6, 30), worth=5000)
    # a saved profile's baseline is written back as it was
    again = render_template(catalog, previous=AnswerFile(profile=parsed), source="assessment #1")
    assert parse_answers(parse_toml(again, "repeat.toml"), catalog).profile.baseline == parsed.baseline
