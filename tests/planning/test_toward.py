"""A plan toward a baseline (`profile.baseline`): the steps a baseline needs are complete by the
quarters ending on or before its date when money and hours allow, and otherwise the plan says
what stands in the way; bad ids and dates are named with their file and line."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from maturity.assessment.answers import load_answers
from maturity.catalog import load_catalog
from maturity.cli import cli
from maturity.contract.profile import BaselineTarget
from maturity.coverage import coverage
from maturity.coverage.projection import with_in_place
from maturity.planning.problem import Item, Limits
from maturity.planning.service import plan
from maturity.planning.toward import due_quarter, quarter_end

EXAMPLES = Path(__file__).parents[2] / "examples"
TODAY = dt.date(2026, 12, 7)
A_YEAR_OUT = dt.date(2027, 12, 7)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def bakery(catalog, **baseline):
    answers = load_answers(EXAMPLES / "corner-bakery.toml", catalog)
    answers.profile.baseline = BaselineTarget(**baseline)
    return answers


def with_baseline(text: str, line: str) -> str:
    """The bakery's answer file with `line` written into its profile."""
    return text.replace("funded = []\n", f"funded = []\n{line}\n", 1)


def test_quarters_run_three_months_from_today_and_the_date_takes_those_ending_by_it() -> None:
    assert quarter_end(TODAY, 1) == dt.date(2027, 3, 6)
    assert quarter_end(TODAY, 4) == dt.date(2027, 12, 6)
    assert due_quarter(TODAY, A_YEAR_OUT) == 4
    assert due_quarter(TODAY, dt.date(2027, 6, 30)) == 2  # quarter 3 ends 6 September
    assert due_quarter(TODAY, dt.date(2027, 3, 5)) == 0  # the first quarter ends after it
    assert quarter_end(dt.date(2026, 11, 30), 1) == dt.date(2027, 2, 27)  # no 30 February


def test_the_bakery_meets_cyber_essentials_a_year_out(catalog) -> None:
    answers = bakery(catalog, id="cyber-essentials", by=A_YEAR_OUT, worth=5000)
    made = plan(catalog, answers, today=TODAY)
    toward = made.roadmap.baseline
    assert toward is not None and toward.reached and toward.due_quarter == 4
    assert toward.steps and set(toward.completed) == set(toward.steps)
    assert all(1 <= q <= 4 for q in toward.completed.values())
    # the coverage service, on the answers as they would be once the plan's steps are in place,
    # finds every requirement met that the answers make known
    done = {c for p in made.roadmap.periods for c in p.completed if p.number <= toward.due_quarter}
    after = coverage(catalog, with_in_place(catalog, answers, done), None, ["cyber-essentials"]).baselines[0]
    before = coverage(catalog, answers, None, ["cyber-essentials"]).baselines[0]
    unknown = {i.id for i in before.items if i.status == "unknown"}
    assert unknown == set(toward.unknown_items) == {"CE-SC6"}
    assert [i.id for i in after.items if i.status != "met" and i.id not in unknown] == []
    # the words: the steps by quarter, the worth, and the question to answer for the unknown item
    text = "\n".join(toward.lines)
    assert "Cyber Essentials by 7 December 2027 (quarter 4 of the plan ends 6 December 2027)" in text
    assert "The plan completes every step by the end of quarter 4" in text
    assert "which you value at $5,000 a year" in text
    assert "“Which of these are done on every computer, phone and piece of equipment?”" in text
    # each step says what it counts toward, and carries its share of the worth
    steps = {i.id: i for p in made.roadmap.periods for i in p.items}
    recs = made.recommendations.items
    first = [r for r in recs if r.id in toward.steps]
    assert first, "the first quarter starts some of the baseline's steps"
    for rec in first:
        part = next(p for p in rec.value_parts if p.kind == "baseline")
        assert part.text.startswith("counts toward Cyber Essentials by 7 December 2027, which you value at $5,000 a year")
        assert any(r.startswith("Counts toward Cyber Essentials by 7 December 2027") for r in rec.reasons)
    assert set(toward.steps) <= set(steps) | set(made.roadmap.in_progress)


def test_a_date_the_steps_can_meet_is_kept_even_when_later_would_be_worth_more(catalog) -> None:
    answers = bakery(catalog, id="cyber-essentials", by=A_YEAR_OUT)
    answers.profile.budget = 16000  # room enough for every step in two quarters
    free = plan(catalog, bakery(catalog, id="cyber-essentials", by=dt.date(2031, 1, 1)), today=TODAY).roadmap
    assert free.baseline is not None and free.baseline.due_quarter == 16  # beyond the plan: its steps go first
    assert free.baseline.reached and max(free.baseline.completed.values()) <= 4
    assert any("The plan completes every step within its 4 quarters, before the date" in line for line in free.baseline.lines)
    answers.profile.baseline = BaselineTarget(id="cyber-essentials", by=dt.date(2027, 6, 30))
    made = plan(catalog, answers, today=TODAY).roadmap
    assert made.baseline is not None and made.baseline.reached
    assert max(made.baseline.completed.values()) <= 2


def test_a_tiny_budget_names_what_stands_in_the_way(catalog) -> None:
    answers = bakery(catalog, id="cyber-essentials", by=A_YEAR_OUT, worth=5000)
    answers.profile.budget = 300
    made = plan(catalog, answers, today=TODAY)
    toward = made.roadmap.baseline
    assert toward is not None and not toward.reached
    text = "\n".join(toward.lines)
    assert "What stands in the way: its steps need $1,635 one-off, $2,106 a year" in text
    assert "quarters 1 to 4 hold $300" in text
    more = re.search(r"They would fit by then with \$([\d,]+) more budget a year", text)
    assert more, text
    for name in ("Company accounts in one cloud suite", "Single sign-on and access by role"):
        assert f"{name} (not in this plan)" in text
    # the figure named is enough: with it, the plan reaches the baseline by the date
    answers.profile.budget = 300 + int(more.group(1).replace(",", ""))
    assert plan(catalog, answers, today=TODAY).roadmap.baseline.reached
    # the rest of the plan goes on around the steps that fit
    assert made.roadmap.periods[0].items


def test_a_date_too_soon_names_the_earliest_that_fits(catalog) -> None:
    answers = bakery(catalog, id="cyber-essentials", by=dt.date(2027, 3, 10))
    answers.profile.budget = 3000  # the year's money, which quarter 1 may spend whole, is short too
    toward = plan(catalog, answers, today=TODAY).roadmap.baseline
    assert toward is not None and not toward.reached and toward.due_quarter == 1
    text = "\n".join(toward.lines)
    assert "they would fit by 6 September 2027 (the end of quarter 3)" in text
    assert "all together" in text  # no one limit alone is enough by then


def test_a_date_beyond_the_plan_says_how_many_quarters_reach_it(catalog) -> None:
    answers = bakery(catalog, id="cyber-essentials", by=dt.date(2031, 1, 1))
    answers.profile.budget = 300
    toward = plan(catalog, answers, today=TODAY).roadmap.baseline
    assert toward is not None and not toward.reached
    assert "The date lies beyond the 4 quarters planned: maturity roadmap --periods 16 plans up to it." in " ".join(toward.lines)


def test_a_plan_without_a_baseline_says_nothing_of_one(catalog) -> None:
    made = plan(catalog, load_answers(EXAMPLES / "corner-bakery.toml", catalog), today=TODAY)
    assert made.roadmap.baseline is None and made.recommendations.baseline is None


def test_a_due_period_is_kept_by_the_exact_program() -> None:
    from maturity.planning.exact import solve_exact

    limits = Limits(periods=4, money=100.0)
    late = Item("late", value=1.0, one_off=100.0)
    rich = Item("rich", value=50.0, one_off=100.0)
    free = solve_exact([late, rich], limits)
    assert free is not None and free.done["rich"] == 1 and free.done["late"] == 2
    kept = solve_exact([Item("late", value=1.0, one_off=100.0, due=1), rich], limits)
    assert kept is not None and kept.done["late"] == 1 and kept.done["rich"] == 2


def test_the_roadmap_and_recommend_show_the_baseline(tmp_path: Path) -> None:
    text = (EXAMPLES / "corner-bakery.toml").read_text(encoding="utf-8")
    by = (dt.date.today() + dt.timedelta(days=365)).isoformat()
    path = tmp_path / "bakery.toml"
    path.write_text(with_baseline(text, f'baseline = {{ id = "cyber-essentials", by = {by}, worth = 5000 }}'), encoding="utf-8")
    for command in ("roadmap", "recommend"):
        run = CliRunner().invoke(cli, [command, "--answers", str(path)], env={"MATURITY_LOAD_PLUGINS": "", "COLUMNS": "100"})
        assert run.exit_code == 0, run.output
        flat = " ".join(run.output.split())
        assert "Cyber Essentials by" in flat and "which you value at $5,000 a year" in flat
        assert "cyber-essentials" not in run.output  # the owner reads names, not ids


@pytest.mark.parametrize(("line", "said"), [
    ('baseline = { id = "cyber-essential", by = 2099-06-30 }',
     "profile.baseline.id: unknown baseline 'cyber-essential' (did you mean cyber-essentials?)"),
    ('baseline = { id = "cyber-essentials", by = 2020-06-30 }', "profile.baseline.by: 2020-06-30 is not after today"),
    ('baseline = { id = "cyber-essentials", by = "soon" }', "profile.baseline.by: "),
    ('baseline = { id = "cyber-essentials", by = 2099-06-30, worth = -5 }', "profile.baseline.worth: "),
])
def test_a_bad_baseline_is_named_with_its_file_and_line(tmp_path: Path, line: str, said: str) -> None:
    text = (EXAMPLES / "corner-bakery.toml").read_text(encoding="utf-8")
    path = tmp_path / "bakery.toml"
    written = with_baseline(text, line)
    path.write_text(written, encoding="utf-8")
    number = written.splitlines().index(line) + 1
    for command in ("roadmap", "recommend"):
        run = CliRunner().invoke(cli, [command, "--answers", str(path)], env={"MATURITY_LOAD_PLUGINS": ""})
        assert run.exit_code == 2, run.output
        assert f"{path}:{number}: {said}" in run.output
        assert "Traceback" not in run.output
