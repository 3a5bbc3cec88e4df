"""A refused duplicate says so, on each backend: the same answers saved again for the same day,
and a second open investment in one capability, each refused with what to do instead (the rule
itself holds with many processes at once: tests/store/test_store_uniqueness.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from click.testing import Result

from conftest import assert_bad_input
from store_support import Database

Run = Callable[..., Result]


def ok(result: Result) -> Result:
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.output}\n{result.stderr}"
    return result


def test_the_same_answers_saved_again_the_same_day_are_refused(run: Run, database: Database, tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text('[profile]\nname = "Acme"\n\n[answers]\n"al.one.q" = "some"\n')
    ok(run("--db", database, "assess", "--answers", answers, "--save", "--date", "2024-03-01"))
    assert_bad_input(
        run("--db", database, "assess", "--answers", answers, "--save", "--date", "2024-03-01"),
        "Acme already has assessment #1 of the same day with exactly these answers; nothing was saved "
        "(add --force to save it again)",
    )
    ok(run("--db", database, "assess", "--answers", answers, "--save", "--date", "2024-03-02"))
    ok(run("--db", database, "assess", "--answers", answers, "--save", "--date", "2024-03-01", "--force"))
    assert "Assessments    3 completed" in ok(run("--db", database, "db", "status")).stdout


def test_a_second_open_investment_is_refused(run: Run, database: Database, tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text('[profile]\nname = "Acme"\n\n[answers]\n"al.one.q" = "some"\n')
    ok(run("--db", database, "assess", "--answers", answers, "--save"))
    ok(run("--db", database, "invest", "add", "al.one", "--cost", "100"))
    message = assert_bad_input(run("--db", database, "invest", "add", "al.one", "--cost", "50"),
                               "Acme already has an open investment in", "(#1); change it with `maturity invest edit 1`")
    assert "al.one" not in message.split("investment in", 1)[1].split("(")[0]  # the capability's name, not its id
    ok(run("--db", database, "invest", "add", "al.one", "--cost", "50", "--force"))
    ok(run("--db", database, "invest", "close", "1"))
    ok(run("--db", database, "invest", "close", "2"))
    ok(run("--db", database, "invest", "add", "al.one", "--cost", "50"))  # none open any more
