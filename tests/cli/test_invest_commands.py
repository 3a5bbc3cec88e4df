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
