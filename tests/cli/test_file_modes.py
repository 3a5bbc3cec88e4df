"""Everything written from the database is its owner's alone (mode 0600): the database, reports
(report -o), exports, answer files filled in from a saved assessment; a database others can
read is said so once, naming the file and the chmod that fixes it."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result

Run = Callable[..., Result]


def ok(result: Result) -> Result:
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.output}\n{result.stderr}"
    return result


@pytest.fixture
def saved(run: Run, tmp_path: Path) -> Path:
    db = tmp_path / "acme.db"
    answers = tmp_path / "a.toml"
    answers.write_text('[profile]\nname = "Acme"\n\n[answers]\n"al.one.q" = "some"\n')
    ok(run("--db", db, "assess", "--answers", answers, "--save"))
    return db


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.mark.parametrize("fmt", ["html", "markdown", "csv", "json"])
def test_reports_are_written_for_their_owner_only(run: Run, saved: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    ok(run("--db", saved, "report", "--org", "Acme", "--format", fmt, "-o", out))
    assert mode(out) == 0o600
    ok(run("--db", saved, "report", "--org", "Acme", "--format", fmt, "-o", out, "--force"))
    assert mode(out) == 0o600


def test_every_file_written_from_the_database_is_its_owners_alone(run: Run, saved: Path, tmp_path: Path) -> None:
    assert mode(saved) == 0o600
    ok(run("--db", saved, "export", "--org", "Acme", "-o", tmp_path / "acme.json"))
    ok(run("--db", saved, "template", "--from", "Acme", "-o", tmp_path / "again.toml"))
    ok(run("db", "copy", saved, tmp_path / "copy.db"))
    for name in ("acme.json", "again.toml", "copy.db"):
        assert mode(tmp_path / name) == 0o600, name


def test_a_database_others_can_read_gets_one_warning_with_the_fix(run: Run, saved: Path, tmp_path: Path) -> None:
    saved.chmod(0o644)
    for args in (("history",), ("orgs",), ("db", "status"), ("report", "--org", "Acme", "--format", "markdown")):
        result = ok(run("--db", saved, *args))
        warnings = [line for line in result.stderr.splitlines() if "other users" in line]
        assert warnings == [
            f"warning: the database {saved} can be read by other users (mode 0644); it describes security "
            f"gaps: make it yours alone with chmod 600 {saved}"
        ], args
    saved.chmod(0o600)
    assert "other users" not in ok(run("--db", saved, "history")).stderr
