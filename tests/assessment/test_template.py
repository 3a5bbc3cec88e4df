"""The answer-file template offers the value model's inputs (revenue, staff cost, outside help,
what a goal is worth, what a process's pains cost) commented out, each with its default named,
and keeps them when it is filled in from a saved profile."""

from __future__ import annotations

import re
import sys

from conftest import MINI, catalog_of

from maturity.assessment.answers import parse_answers
from maturity.assessment.models import AnswerFile
from maturity.assessment.template import render_template
from maturity.common.tomlfile import parse_toml
from maturity.contract.profile import Goal, OutsideHelp, Process, Profile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


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
