"""`maturity` run bare in a terminal opens the app at once, without loading click or the
commands; with anything for click to parse or check, the command line opens it as before, with
the same database and questionnaire folders."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import maturity.cli.app as opening

#: run in a fresh interpreter: a terminal is assumed and the app's run is replaced by a print of
#: what it was given and of the command-line modules loaded by then
PROBE = """
import json, sys
import maturity.cli.app as opening
import maturity.tui.app as tui

opening.has_terminal = lambda: True

def run(**given):
    loaded = sorted(m for m in sys.modules if m == "click" or m.startswith("maturity.cli."))
    print(json.dumps({"given": given, "loaded": loaded}))

tui.run = run
from maturity.cli import main
main(json.loads(sys.argv[1]))
"""


def probe(args: list[str], env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], env={**os.environ, **env},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_bare_maturity_opens_the_app_without_click(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    shown = probe([], {"MATURITY_DB": db})
    assert shown["given"] == {"questionnaire_dirs": [], "db": db}
    assert shown["loaded"] == ["maturity.cli.app", "maturity.cli.guard"]


def test_with_options_the_command_line_opens_the_same_app(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    assert probe(["--db", db], {})["given"] == probe([], {"MATURITY_DB": db})["given"]
    extra = str(tmp_path)
    shown = probe(["--questionnaires", extra], {"MATURITY_DB": db})
    assert shown["given"] == {"questionnaire_dirs": [extra], "db": db}
    assert "click" in shown["loaded"]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr(opening, "has_terminal", lambda: True)
    monkeypatch.delenv("MATURITY_DB", raising=False)
    monkeypatch.delenv("_MATURITY_COMPLETE", raising=False)
    return monkeypatch


def test_only_a_bare_command_in_a_terminal_opens_at_once(terminal: pytest.MonkeyPatch) -> None:
    assert opening.opens_at_once([])
    for args in (["--help"], ["-V"], ["--db", "m.db"], ["orgs"]):
        assert not opening.opens_at_once(args)
    terminal.setattr(opening, "has_terminal", lambda: False)
    assert not opening.opens_at_once([])  # click prints the help and says why (exit status 2)


def test_shell_completion_goes_to_click(terminal: pytest.MonkeyPatch) -> None:
    terminal.setenv("_MATURITY_COMPLETE", "bash_source")
    assert not opening.opens_at_once([])


@pytest.mark.parametrize("value", ["", "m.db", "postgresql+psycopg://owner@localhost/maturity"])
def test_a_database_the_option_takes_as_it_is_opens_at_once(terminal: pytest.MonkeyPatch, tmp_path: Path,
                                                              value: str) -> None:
    terminal.chdir(tmp_path)
    terminal.setenv("MATURITY_DB", value)
    assert opening.opens_at_once([])
    (tmp_path / "m.db").write_bytes(b"")
    assert opening.opens_at_once([])


def test_a_database_the_option_refuses_goes_to_click(terminal: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # click then says "is a directory" and exits with status 2, as it always has
    terminal.setenv("MATURITY_DB", str(tmp_path))
    assert not opening.opens_at_once([])
