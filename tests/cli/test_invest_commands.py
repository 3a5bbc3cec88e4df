"""Investment plans that cannot work are refused: a KPI target equal to its baseline, and the
same assessment given as both before and after."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result

from conftest import ACME_ANSWERS as ANSWERS
from conftest import assert_bad_input
from maturity.store import open_store
from store_support import Database

Run = Callable[..., Result]



@pytest.fixture
def db(run: Run, database: Database, tmp_path: Path) -> str:
    db, answers = database.location, tmp_path / "a.toml"
    answers.write_text(ANSWERS)
    for day in ("2024-01-15", "2024-07-10"):
        assert run("--db", db, "assess", "--answers", answers, "--save", "--date", day).exit_code == 0
    assert run("--db", db, "invest", "add", "al.two", "--cost", "100").exit_code == 0
    return db


def test_a_target_equal_to_the_baseline_is_refused(run: Run, db: str) -> None:
    assert_bad_input(
        run("--db", db, "invest", "add", "al.one", "--kpi", "coverage", "--baseline", "10", "--target", "10"),
        "the KPI target equals its baseline (10)",
    )
    with open_store(db) as store:
        assert len(store.investments("Acme Plumbing")) == 1
    ok = run("--db", db, "invest", "add", "al.one", "--kpi", "coverage", "--baseline", "10", "--target", "11")
    assert ok.exit_code == 0, ok.output


def test_the_same_assessment_before_and_after_is_refused(run: Run, db: str) -> None:
    assert_bad_input(
        run("--db", db, "invest", "link", "1", "--before", "2", "--after", "2"),
        "assessment #2 cannot be both before and after investment #1",
    )
    with open_store(db) as store:
        inv = store.get_investment(1)
        assert (inv.before_id, inv.after_id) == (None, None)
    assert_bad_input(run("--db", db, "invest", "link", "1", "--before", "2", "--after", "1"), "give the earlier one as --before")
    linked = run("--db", db, "invest", "link", "1", "--before", "1", "--after", "2")
    assert linked.exit_code == 0, linked.output


#: every `invest` command that acts on one organisation's investments, with its other arguments
BY_ID = {
    "edit": ["--notes", "x"], "close": [], "withdraw": [], "restore": [], "show": [],  # restore: what withdraw did
    "cost": ["10"], "measure": ["5"], "benefit": ["10"], "link": ["--before", "1"],
}


def test_every_invest_command_takes_org_the_same_way(run: Run, db: str, tmp_path: Path) -> None:
    from maturity.cli import cli

    for name, command in cli.commands["invest"].commands.items():  # type: ignore[attr-defined]
        options = {opt for param in command.params for opt in getattr(param, "opts", [])}
        assert "--org" in options, name
    other = tmp_path / "b.toml"
    other.write_text(ANSWERS.replace('name = "Acme Plumbing"', 'name = "Corner Bakery"'))
    assert run("--db", db, "assess", "--answers", other, "--save").exit_code == 0
    for name, extra in BY_ID.items():
        result = run("--db", db, "invest", name, "1", *extra, "--org", "acme plumbing")
        assert result.exit_code == 0, (name, result.output)
        assert_bad_input(run("--db", db, "invest", name, "1", *extra, "--org", "Corner Bakery"),
                         "investment #1 is Acme Plumbing's, not Corner Bakery's")
    assert run("--db", db, "invest", "list", "--org", "Acme Plumbing").exit_code == 0


@pytest.mark.parametrize(("command", "what"), [
    (["cost", "1", "900"], "a cost"), (["cost", "1", "3", "--kind", "hours"], "a cost"),
    (["measure", "1", "85"], "a measurement"), (["benefit", "1", "400"], "a benefit"), (["close", "1"], "its end"),
])
def test_a_day_to_come_is_refused(run: Run, db: str, command: list[str], what: str) -> None:
    import datetime as dt

    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert_bad_input(run("--db", db, "invest", *command, "--on", tomorrow),
                     f"--on {tomorrow} is in the future: record {what} on or after the day it happens")
    with open_store(db) as store:
        inv = store.get_investment(1)
        assert not inv.costs and not inv.measurements and not inv.benefits and inv.closed_on is None
    today = run("--db", db, "invest", *command, "--on", dt.date.today().isoformat())
    assert today.exit_code == 0, today.output
