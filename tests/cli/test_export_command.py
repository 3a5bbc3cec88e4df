"""`export -o FILE` keeps an existing file unless --force is given, like `template -o`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from click.testing import Result

from conftest import ACME_ANSWERS as ANSWERS
from conftest import assert_bad_input
from store_support import Database

Run = Callable[..., Result]



def test_export_refuses_to_overwrite_without_force(run: Run, database: Database, tmp_path: Path) -> None:
    db, answers, out = database.location, tmp_path / "a.toml", tmp_path / "existing.json"
    answers.write_text(ANSWERS)
    assert run("--db", db, "assess", "--answers", answers, "--save").exit_code == 0
    out.write_text("precious\n")
    assert_bad_input(run("--db", db, "export", "-o", out), f"{out} exists; use --force to overwrite it")
    assert out.read_text() == "precious\n"
    forced = run("--db", db, "export", "-o", out, "--force")
    assert forced.exit_code == 0, forced.output
    assert json.loads(out.read_text())["organisation"]["name"] == "Acme Plumbing"
    fresh = tmp_path / "new.json"
    assert run("--db", db, "export", "--org", "Acme Plumbing", "-o", fresh).exit_code == 0
    assert fresh.exists()
