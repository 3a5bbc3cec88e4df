"""The consultant's loop: a repeat from the last assessment, corrections (withdraw, restore,
rename, delete, edit and close investments), duplicates refused, and output for scripts."""

from __future__ import annotations

import json
import shutil
import sys
import tomllib
from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result

from conftest import MINI, assert_bad_input

Run = Callable[..., Result]

ANSWERS = """
[profile]
name = "Acme Plumbing"
currency = "EUR"
budget = 5000
sales_channels = ["walk-in"]

[profile.goals]
security = { weight = 3, target = "no incident" }

[[profile.processes]]
name = "Quotes"
pain_points = ["slow"]

[answers]
"al.one.q" = { answer = "some", note = "only the owner" }
"be.base.q" = ["b"]
"al.three.q" = 1
"al.two.q" = { not_applicable = "no such thing here" }
"""


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "acme.db"


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text(ANSWERS)
    return path


def save(run: Run, db: Path, answers: Path, *extra: str) -> Result:
    return run("--db", db, "assess", "--answers", answers, "--save", *extra)


def test_a_repeat_is_written_from_the_last_assessment(run: Run, db: Path, answers: Path, tmp_path: Path) -> None:
    assert save(run, db, answers, "--date", "2024-01-15").exit_code == 0
    repeat = tmp_path / "repeat.toml"
    result = run("--db", db, "template", "--from", "acme plumbing", "-o", repeat)
    assert result.exit_code == 0, result.output
    text = repeat.read_text()
    assert text.startswith("# maturity answer file, filled in from assessment #1 of Acme Plumbing (2024-01-15)")
    data = tomllib.loads(text)
    assert data["profile"]["name"] == "Acme Plumbing" and data["profile"]["budget"] == 5000
    assert data["profile"]["goals"] == {"security": {"weight": 3, "target": "no incident"}}
    assert data["profile"]["processes"] == [{"name": "Quotes", "pain_points": ["slow"]}]
    assert data["answers"]["al.one.q"] == {"answer": "some", "note": "only the owner"}
    assert data["answers"]["al.two.q"] == {"not_applicable": "no such thing here"}
    # assessing the repeat gives exactly the saved result
    again = json.loads(run("assess", "--answers", repeat, "--json").stdout)
    first = json.loads(run("assess", "--answers", answers, "--json").stdout)
    assert again == first
    # edited and saved: a second assessment
    repeat.write_text(text.replace('"al.three.q" = 1', '"al.three.q" = 5'))
    assert save(run, db, repeat, "--date", "2024-07-10").exit_code == 0
    history = json.loads(run("--db", db, "history", "--json").stdout)
    assert [r["id"] for r in history["rows"]] == [1, 2]


def test_answers_to_questions_that_no_longer_exist_are_listed(run: Run, db: Path, answers: Path, tmp_path: Path) -> None:
    answers.write_text(ANSWERS + '"be.top.q" = true\n')
    assert save(run, db, answers).exit_code == 0
    newer = tmp_path / "newer"
    newer.mkdir()
    shutil.copy(MINI / "alpha.toml", newer)
    (newer / "beta.toml").write_text((MINI / "beta.toml").read_text().replace('id = "be.top.q"', 'id = "be.top.q2"'))
    result = run("--db", db, "template", "--from", "Acme Plumbing", dirs=[newer])
    assert result.exit_code == 0, result.output
    assert "1 saved answer(s) are to questions that no longer exist" in result.stderr and "be.top.q" in result.stderr
    assert '# "be.top.q" = true' in result.stdout
    data = tomllib.loads(result.stdout)
    assert "be.top.q" not in data["answers"] and data["answers"]["be.top.q2"] == ""


def test_template_from_an_unknown_org_or_assessment(run: Run, db: Path, answers: Path) -> None:
    assert save(run, db, answers).exit_code == 0
    assert_bad_input(run("--db", db, "template", "--from", "Nobody"), "unknown organisation 'Nobody'")
    assert_bad_input(run("--db", db, "template", "--from", "Acme Plumbing", "--assessment", "9"), "unknown assessment #9")


def test_the_same_answers_saved_twice_the_same_day_are_refused(run: Run, db: Path, answers: Path) -> None:
    first = save(run, db, answers, "--date", "2024-01-15", "--quiet")
    assert first.exit_code == 0 and first.stdout == "1\n"
    message = assert_bad_input(save(run, db, answers, "--date", "2024-01-15", "--quiet"), "already has assessment #1")
    assert "--force" in message
    assert save(run, db, answers, "--date", "2024-01-15", "--quiet", "--force").stdout == "2\n"
    assert save(run, db, answers, "--date", "2024-01-16", "--quiet").stdout == "3\n"


def test_withdraw_and_restore_an_assessment(run: Run, db: Path, answers: Path) -> None:
    for day in ("2024-01-15", "2024-02-15"):
        assert save(run, db, answers, "--date", day).exit_code == 0
    done = run("--db", db, "withdraw", "2", "--reason", "saved by mistake")
    assert done.exit_code == 0 and "maturity restore 2" in done.stdout
    text = run("--db", db, "history").stdout
    assert "#2  " not in text and "Withdrawn, not shown: #2 (2024-02-15: saved by mistake)" in text
    data = json.loads(run("--db", db, "history", "--json").stdout)
    assert [r["id"] for r in data["rows"]] == [1] and data["withdrawn"][0]["reason"] == "saved by mistake"
    assert_bad_input(run("--db", db, "diff", "1", "2"), "#2 was withdrawn")
    assert_bad_input(run("--db", db, "withdraw", "2"), "already withdrawn")
    assert run("--db", db, "restore", "2").exit_code == 0
    assert [r["id"] for r in json.loads(run("--db", db, "history", "--json").stdout)["rows"]] == [1, 2]
    assert_bad_input(run("--db", db, "restore", "2"), "not withdrawn")
    # the completed assessment itself never changed
    from maturity.store import open_store

    with open_store(db) as store:
        assert all(a.hash_matches() for a in store.assessments("Acme Plumbing"))


def test_duplicate_and_not_applicable_investments(run: Run, db: Path, answers: Path) -> None:
    assert save(run, db, answers).exit_code == 0
    d = ("--db", db)
    assert run(*d, "invest", "add", "al.one", "--cost", "100").exit_code == 0
    message = assert_bad_input(run(*d, "invest", "add", "al.one", "--cost", "100"), "already has an open investment", "#1")
    assert "maturity invest edit 1" in message
    assert_bad_input(run(*d, "invest", "add", "be.shop"), "does not apply to Acme Plumbing", "--force")
    assert run(*d, "invest", "add", "al.one", "--cost", "100", "--force").exit_code == 0
    assert run(*d, "invest", "withdraw", "2", "--reason", "recorded twice").exit_code == 0
    listed = json.loads(run(*d, "invest", "list", "--json").stdout)["investments"]
    assert [r["investment"]["id"] for r in listed] == [1]
    assert run(*d, "invest", "restore", "2").exit_code == 0
    assert len(json.loads(run(*d, "invest", "list", "--json").stdout)["investments"]) == 2


def test_edit_and_close_an_investment(run: Run, db: Path, answers: Path) -> None:
    assert save(run, db, answers).exit_code == 0
    d = ("--db", db)
    assert run(*d, "invest", "add", "al.one", "--cost", "100", "--start", "2024-01-01").exit_code == 0
    assert run(*d, "invest", "edit", "1", "--cost", "250", "--kpi", "incidents", "--baseline", "4", "--target", "0").exit_code == 0
    assert_bad_input(run(*d, "invest", "edit", "1", "--end", "2023-01-01"), "ends (2023-01-01) before it starts")
    assert_bad_input(run(*d, "invest", "edit", "1"), "give at least one option")
    assert run(*d, "invest", "close", "1", "--on", "2024-06-30").exit_code == 0
    shown = json.loads(run(*d, "invest", "show", "1", "--json").stdout)
    assert shown["investment"]["planned_cost"] == 250 and shown["investment"]["kpi"] == "incidents"
    assert shown["investment"]["closed_on"] == "2024-06-30"
    assert "Closed on 2024-06-30." in run(*d, "invest", "show", "1").stdout
    # a closed investment does not block a new one in the same capability
    assert run(*d, "invest", "add", "al.one", "--cost", "50").exit_code == 0


def test_rename_and_delete_an_organisation(run: Run, db: Path, answers: Path, tmp_path: Path) -> None:
    assert save(run, db, answers).exit_code == 0
    d = ("--db", db)
    assert run(*d, "invest", "add", "al.one", "--cost", "100").exit_code == 0
    assert run(*d, "orgs", "rename", "acme plumbing", "Acme Plumbing Ltd").exit_code == 0
    assert [o["name"] for o in json.loads(run(*d, "orgs", "--json").stdout)["organisations"]] == ["Acme Plumbing Ltd"]
    assert_bad_input(run(*d, "orgs", "delete", "Acme Plumbing Ltd"), "needs confirmation: add --yes")
    assert run(*d, "orgs", "delete", "Acme Plumbing Ltd", input="n\n").exit_code != 0
    deleted = run(*d, "orgs", "delete", "Acme Plumbing Ltd", "--yes")
    assert deleted.exit_code == 0, deleted.output
    [backup] = tmp_path.glob("acme-plumbing-ltd-deleted-*.json")
    assert f"maturity import {backup}" in deleted.stdout
    assert json.loads(run(*d, "orgs", "--json").stdout)["organisations"] == []
    # the backup brings everything back
    assert run(*d, "import", backup).exit_code == 0
    summary = json.loads(run(*d, "orgs", "--json").stdout)["organisations"][0]
    assert (summary["name"], summary["assessments"], summary["investments"]) == ("Acme Plumbing Ltd", 1, 1)
    assert run(*d, "orgs", "delete", "Acme Plumbing Ltd", "--yes", "--no-backup").exit_code == 0
    assert len(list(tmp_path.glob("acme-plumbing-ltd-deleted-*.json"))) == 1


def test_export_all(run: Run, db: Path, answers: Path, tmp_path: Path) -> None:
    assert save(run, db, answers).exit_code == 0
    assert save(run, db, answers, "--org", "Client Two").exit_code == 0
    folder = tmp_path / "exports"
    result = run("--db", db, "export", "--all", "-o", folder)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["acme-plumbing.json", "client-two.json"]
    assert json.loads((folder / "client-two.json").read_text())["organisation"]["name"] == "Client Two"
    assert_bad_input(run("--db", db, "export", "--all", "-o", folder), "exists", "--force")
    assert run("--db", db, "export", "--all", "-o", folder, "--force").exit_code == 0
    assert_bad_input(run("--db", db, "export", "--all"), "give the folder with -o FOLDER")


def test_hints_work_when_typed(run: Run, db: Path, answers: Path) -> None:
    assert save(run, db, answers).exit_code == 0
    assert save(run, db, answers, "--org", "Client Two").exit_code == 0
    message = assert_bad_input(run("--db", db, "diff", "1", "99"), "unknown assessment #99")
    assert "maturity history --org NAME" in message


def test_validate_reports_every_problem_of_a_file_at_once(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[profile]\nname = "X"\ncurrency = "eur"\nsize = "ten"\n\n[profile.goals]\nspeed = 2\n\n'
        '[answers]\n"al.one.q" = "sometimes"\n"al.onee.q" = "all"\n"al.three.q" = true\n'
    )
    result = run("validate", path)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines == [
        f"{path}:3: profile.currency: must be three capital letters such as USD, EUR or GBP, not 'eur'",
        f"{path}:4: profile.size: must be a whole number, not 'ten'",
        f"{path}:7: profile.goals: unknown goal 'speed'; goals: market-reach, customer-service, operations, innovation, cost, security",
        f"{path}:10: al.one.q: 'sometimes' is not an option of this question; choose one of: none, some, most, all",
        lines[4],
        f"{path}:12: al.three.q: the answer must be a number (threes)",
        "6 problems found.",
    ]
    assert lines[4].startswith(f"{path}:11: al.onee.q: unknown question id 'al.onee.q'")
    # assess names the first and says how many more
    assert_bad_input(run("assess", "--answers", path), f"{path}:3: profile.currency", "(and 5 more problems; `maturity validate")


def test_a_blank_template_warns_of_what_is_missing(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "blank.toml"
    path.write_text(run("template").stdout)
    result = run("validate", path)
    assert result.exit_code == 0 and "No problems found." in result.stdout
    assert "answers: no question is answered" in result.stderr and "profile.name: empty" in result.stderr
    assessed = run("assess", "--answers", path)
    assert assessed.exit_code == 0 and "answers: no question is answered" in assessed.stderr
    data = json.loads(run("validate", path, "--json").stdout)
    # and what the owner has still to decide: the goals and the budget
    assert data["ok"] is True and len(data["warnings"]) == 4
    assert {w["message"].split(":")[0] for w in data["warnings"]} == {"answers", "profile.name", "profile.goals", "profile.budget"}


def test_quiet_goes_with_save(run: Run, answers: Path) -> None:
    assert_bad_input(run("assess", "--answers", answers, "--quiet"), "go with --save")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX terminals")
def test_no_terminal_prints_the_help_and_exits_2(tmp_path: Path) -> None:
    import subprocess

    out = tmp_path / "out"
    with open(out, "w") as handle:
        done = subprocess.run([sys.executable, "-m", "maturity"], stdin=subprocess.DEVNULL, stdout=handle,
                              stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 2
    assert "Usage: maturity" in out.read_text() and "\x1b" not in out.read_text()
    assert "no terminal to open the app in" in done.stderr
