"""Inputs that once escaped the rule: each ends in one clear message and exit status 2 (or
works, where it should), with nothing stored changed."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result

from conftest import MINI, assert_bad_input

Run = Callable[..., Result]

ANSWERS = """
[profile]
name = "Acme Plumbing"
budget = 5000

[profile.goals]
security = 3

[answers]
"al.one.q" = "some"
"""


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text(ANSWERS)
    return path


@pytest.fixture
def db(run: Run, tmp_path: Path, answers: Path) -> Path:
    path = tmp_path / "acme.db"
    assert run("--db", path, "assess", "--answers", answers, "--save").exit_code == 0
    return path


def state(path: Path) -> tuple[str, list[str]]:
    """The file's content and the files beside it: what must not change."""
    return hashlib.sha256(path.read_bytes()).hexdigest(), sorted(p.name for p in path.parent.iterdir())


def test_deeply_nested_tables_in_a_questionnaire(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "deep.toml").write_text("[questionnaire]\nx = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n")
    assert_bad_input(run("questionnaires", dirs=[folder]), "deep.toml", "nest more than 32 levels deep")
    (folder / "deep.toml").write_text("x = " + "[" * 100 + "]" * 100 + "\n")
    assert_bad_input(run("questionnaires", dirs=[folder]), "nest more than 32 levels deep")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_as_an_answer_file_questionnaire_or_import(run: Run, tmp_path: Path, db: Path) -> None:
    assert_bad_input(run("assess", "--answers", "/dev/zero"), "/dev/zero: is a character device, not a regular file")
    assert_bad_input(run("--db", db, "import", "/dev/zero"), "character device")
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "zero.toml").symlink_to("/dev/zero")
    assert_bad_input(run("questionnaires", dirs=[folder]), "zero.toml: is a character device")
    assert_bad_input(run("validate", folder / "zero.toml"), "not a regular file")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_not_waited_for(run: Run, tmp_path: Path, db: Path) -> None:
    fifo = tmp_path / "answers.toml.fifo"
    os.mkfifo(fifo)
    assert_bad_input(run("assess", "--answers", fifo), "named pipe (FIFO), not a regular file")
    assert_bad_input(run("validate", fifo), "not a regular file")
    assert_bad_input(run("--db", db, "import", fifo), "named pipe")


def test_a_file_over_the_size_limit(run: Run, tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import maturity.common.safeio

    monkeypatch.setattr(maturity.common.safeio, "MAX_FILE_BYTES", 4000)
    big = tmp_path / "big.toml"
    big.write_text(ANSWERS + "# " + "x" * 5000 + "\n")
    assert_bad_input(run("assess", "--answers", big), "big.toml: is 5", "maturity reads files of at most 4000 bytes")
    assert_bad_input(run("--db", db, "import", "-", input="[" + " " * 5000 + "]"), "more than 4000 bytes on standard input")


def test_home_of_an_unknown_user(run: Run) -> None:
    assert_bad_input(run("--db", "~nonexistentuser-xyz/x.db", "history"), "cannot find the home folder of 'nonexistentuser-xyz'")


def test_true_for_a_number_question(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('[answers]\n"al.three.q" = true\n')
    assert_bad_input(run("--db", tmp_path / "x.db", "assess", "--answers", path, "--save"), "al.three.q: the answer must be a number")
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize("table", ["kpi_measurements", "withdrawals", "answers"])
def test_a_database_with_a_table_missing_is_refused_untouched(run: Run, db: Path, answers: Path, table: str) -> None:
    conn = sqlite3.connect(db)
    conn.execute(f"DROP TABLE {table}")
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = state(db)
    for args in (("history",), ("orgs",), ("assess", "--answers", answers, "--save", "--force"), ("invest", "add", "al.one")):
        assert_bad_input(run("--db", db, *args), "is damaged", table, "untouched")
        assert state(db) == before


def test_read_only_commands_do_not_change_the_file(run: Run, db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = state(db)
    for args in (("history",), ("orgs",), ("export",), ("diff",), ("invest", "list"), ("template", "--from", "Acme Plumbing")):
        result = run("--db", db, *args)
        assert result.exit_code in (0, 2), result.output
        assert state(db) == before, args
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_history_in_a_read_only_folder(run: Run, db: Path) -> None:
    folder = db.parent
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        result = run("--db", db, "history")
        assert result.exit_code == 0, result.output
        assert "Acme Plumbing: 1 assessment" in result.stdout
    finally:
        folder.chmod(stat.S_IRWXU)


def test_a_read_only_store_refuses_writes(db: Path) -> None:
    from maturity.common.errors import StoreError
    from maturity.store import open_store

    with open_store(db, readonly=True) as store:
        assert store.readonly and [o.name for o in store.orgs()] == ["Acme Plumbing"]
        with pytest.raises(StoreError, match="opened for reading only"):
            store.create_org("Other")


def test_an_empty_file_is_initialised_private(run: Run, answers: Path, tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    path.chmod(0o644)
    assert run("--db", path, "assess", "--answers", answers, "--save").exit_code == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


ESCAPES = "\x1b[2J\x1b]0;owned\x07 Evil"


def test_control_characters_never_reach_the_terminal(run: Run, db: Path, answers: Path) -> None:
    assert_bad_input(run("--db", db, "assess", "--answers", answers, "--save", "--org", ESCAPES), "control character")
    # a name written into the database by another program
    conn = sqlite3.connect(db)
    conn.execute("UPDATE orgs SET name = ?", (ESCAPES,))
    conn.commit()
    conn.close()
    assert run("--db", db, "invest", "add", "al.one", "--cost", "10").exit_code == 0
    outputs = [
        run("--db", db, "orgs"), run("--db", db, "history"), run("--db", db, "invest", "list"),
        run("--db", db, "invest", "show", "1"), run("--db", db, "history", "--org", "nope"),
        run("--db", db, "orgs", "--json"), run("--db", db, "export"),
    ]
    for result in outputs:
        assert "\x1b" not in result.output and "\x07" not in result.output, result.output
    assert "\\e[2J\\e]0;owned\\a Evil" in outputs[0].stdout
    assert json.loads(outputs[5].stdout)["organisations"][0]["name"] == ESCAPES


def test_profile_names_are_escaped_in_assess(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('[profile]\nname = "\\u001b[2J\\u009b31m Evil"\n[answers]\n"al.one.q" = "all"\n')
    result = run("assess", "--answers", path)
    assert result.exit_code == 0
    assert "\x1b" not in result.output and "\x9b" not in result.output and "\\e[2J" in result.stdout
    assert "\x9b" not in run("assess", "--answers", path, "--json").stdout


def test_control_characters_and_newlines_in_questionnaire_texts(run: Run, tmp_path: Path) -> None:
    import tomllib

    folder = tmp_path / "q"
    folder.mkdir()
    text = (MINI / "alpha.toml").read_text()
    text = text.replace('name = "Alpha"', 'name = "Alpha\\n\\"al.one.q\\" = \\"all\\"\\u001b[2J"', 1)
    text = text.replace('text = "', 'text = "Line one\\nLine \\u0007two ', 1)
    (folder / "alpha.toml").write_text(text)
    (folder / "beta.toml").write_text((MINI / "beta.toml").read_text())
    result = run("template", dirs=[folder])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    data = tomllib.loads(result.stdout)  # valid TOML
    assert data["answers"]["al.one.q"] == ""  # the name did not become a live answer line


def test_import_of_hostile_json(run: Run, db: Path, tmp_path: Path) -> None:
    before = state(db)
    cases = {
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "deep-object.json": '{"a":' * 50 + "1" + "}" * 50,
        "v0.json": '{"format": "maturity-export", "format_version": 0}',
        "v-5.json": '{"format": "maturity-export", "format_version": -5}',
        "vtrue.json": '{"format": "maturity-export", "format_version": true}',
        "dup.json": '{"format": "maturity-export", "format": "maturity-export", "format_version": 1}',
        "nul.json": json.dumps({"format": "maturity-export", "format_version": 1,
                                "organisation": {"name": "A\x00B", "created": "2024-01-01T00:00:00+00:00"}}),
    }
    needles = {
        "deep.json": "nests more than 32 levels deep", "deep-object.json": "nest more than 32 levels deep",
        "v0.json": "format_version must be a whole number from 1", "v-5.json": "not -5", "vtrue.json": "not True",
        "dup.json": "the key 'format' appears twice", "nul.json": "control character",
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text)
        assert_bad_input(run("--db", db, "import", path), needles[name])
    assert state(db)[0] == before[0]


def test_ctrl_c_is_interrupted_with_status_130(run: Run, monkeypatch: pytest.MonkeyPatch, answers: Path) -> None:
    import maturity.assessment.scoring

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(maturity.assessment.scoring, "score", interrupted)
    result = run("assess", "--answers", answers)
    assert result.exit_code == 130
    assert result.stderr == "Interrupted.\n" and "Aborted" not in result.output


def test_validate_of_an_empty_folder(run: Run, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert_bad_input(run("validate", tmp_path / "empty"), "no *.toml file in this folder, so nothing was checked")


def test_a_failed_export_leaves_no_temporary_file(run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import maturity.common.safeio

    real = os.fsync

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(maturity.common.safeio.os, "fsync", full)
    out = tmp_path / "out" / "acme.json"
    out.parent.mkdir()
    assert_bad_input(run("--db", db, "export", "-o", out), "cannot write", "No space left on device")
    assert list(out.parent.iterdir()) == []
    monkeypatch.setattr(maturity.common.safeio.os, "fsync", real)
    assert run("--db", db, "export", "-o", out).exit_code == 0
    assert [p.name for p in out.parent.iterdir()] == ["acme.json"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_reading_does_not_wait_for_a_writer(run: Run, db: Path) -> None:
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another process in the middle of saving
        writer.execute("INSERT INTO orgs (name, created) VALUES ('Other', '2024-01-01T00:00:00.000000+00:00')")
        for args in (("orgs",), ("history", "--org", "Acme Plumbing"), ("export", "--org", "Acme Plumbing")):
            result = run("--db", db, *args)
            assert result.exit_code == 0, result.output
        assert "Other" not in run("--db", db, "orgs").stdout  # not committed yet
    finally:
        writer.execute("ROLLBACK")
        writer.close()
