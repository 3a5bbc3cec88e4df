"""Negative numbers on the command line: a KPI value may be negative; a negative cost, benefit
or id is refused with a message about the value, not taken for an unknown option."""

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
    assert run("--db", db, "assess", "--answers", answers, "--save", "--date", "2024-01-15").exit_code == 0
    added = run("--db", db, "invest", "add", "al.two", "--cost", "100", "--kpi", "temperature", "--baseline", "-10", "--target", "-2")
    assert added.exit_code == 0, added.output
    return db


def test_a_negative_kpi_value_is_recorded(run: Run, db: str) -> None:
    result = run("--db", db, "invest", "measure", "1", "-5", "--on", "2024-05-02")
    assert result.exit_code == 0, result.output
    assert "Recorded KPI value -5 on 2024-05-02 for investment #1." in result.stdout
    result = run("--db", db, "invest", "measure", "1", "-4.5", "--on", "2024-06-02", "--note", "colder")
    assert result.exit_code == 0, result.output
    shown = run("--db", db, "invest", "show", "1", "--as-of", "2024-12-31").stdout
    assert "-5.00" in shown and "-4.50  colder" in shown


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("invest", "cost", "1", "-100"), "a cost must be 0 or more, not -100"),
        (("invest", "cost", "1", "-3", "--kind", "hours"), "a cost must be 0 or more, not -3"),
        (("invest", "benefit", "1", "-100", "--on", "2024-01-01"), "a benefit must be 0 or more, not -100"),
        (("invest", "show", "-1"), "there is no investment #-1: investment numbers start at 1"),
        (("invest", "measure", "-1", "5"), "there is no investment #-1"),
        (("invest", "link", "-1", "--before", "1"), "there is no investment #-1"),
        (("invest", "link", "1", "--before", "-1"), "there is no assessment #-1: assessment numbers start at 1"),
        (("invest", "show", "0"), "there is no investment #0"),
    ],
)
def test_negative_amounts_and_ids_get_a_clear_message(run: Run, db: str, args: tuple[str, ...], message: str) -> None:
    text = assert_bad_input(run("--db", db, *args), message)
    assert "No such option" not in text
    with open_store(db) as store:
        inv = store.get_investment(1)
        assert (inv.costs, inv.benefits, inv.measurements, inv.before_id) == ([], [], [], None)
