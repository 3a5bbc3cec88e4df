"""A database that does not exist: reading commands say so and create nothing; saving creates
it; an unnamed profile is refused with a message about the name."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result

from conftest import assert_bad_input
from maturity.store import NoDatabase, open_store
from store_support import Database

Run = Callable[..., Result]

NAMED = """
[profile]
name = "Acme Plumbing"

[answers]
"al.one.q" = "some"
"""

UNNAMED = """
[profile]
name = ""

[answers]
"al.one.q" = "some"
"""

READING = [
    ("history",),
    ("orgs",),
    ("diff",),
    ("diff", "1", "2"),
    ("export",),
    ("export", "--org", "Acme"),
    ("invest", "list"),
    ("invest", "show", "1"),
    ("invest", "add", "al.one"),
    ("invest", "cost", "1", "5"),
    ("invest", "measure", "1", "5"),
    ("invest", "benefit", "1", "5"),
    ("invest", "link", "1", "--before", "1"),
    ("recommend", "--org", "Acme"),
    ("roadmap", "--org", "Acme"),
]


@pytest.mark.parametrize("args", READING, ids=" ".join)
def test_reading_a_missing_database_creates_nothing(run: Run, database: Database, args: tuple[str, ...]) -> None:
    db = database.absent()
    assert_bad_input(
        run("--db", db, *args),
        f"no database at {db} yet: save an assessment first (maturity assess --answers FILE --save)",
    )
    assert not db.exists()
    if db.backend == "sqlite":
        assert not Path(db.location).parent.exists()


def test_the_default_database_is_not_created_by_reading(run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from maturity.store import default_db_path

    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    assert_bad_input(run("history"), f"no database at {default_db_path()} yet")
    assert not data.exists()


def test_saving_creates_the_database(run: Run, database: Database, tmp_path: Path) -> None:
    db, answers = database.absent(), tmp_path / "a.toml"
    answers.write_text(NAMED)
    result = run("--db", db, "assess", "--answers", answers, "--save")
    assert result.exit_code == 0, result.output
    assert db.exists()
    assert "Acme Plumbing" in run("--db", db, "history").stdout


def test_importing_creates_the_database(run: Run, database: Database, tmp_path: Path) -> None:
    source, target, answers, doc = database, database.absent(), tmp_path / "a.toml", tmp_path / "doc.json"
    answers.write_text(NAMED)
    assert run("--db", source, "assess", "--answers", answers, "--save").exit_code == 0
    assert run("--db", source, "export", "-o", doc).exit_code == 0
    result = run("--db", target, "import", doc)
    assert result.exit_code == 0, result.output
    assert target.exists()


def test_open_store_without_create(database: Database) -> None:
    missing = database.absent()
    with pytest.raises(NoDatabase, match="no database at"):
        open_store(missing.location, create=False)
    assert not missing.exists()
    open_store(missing.location).close()
    with open_store(missing.location, create=False) as store:
        assert store.orgs() == []
    with open_store(missing.location, readonly=True) as store:
        assert store.orgs() == []


def test_saving_an_unnamed_profile_into_a_missing_database_asks_for_a_name(run: Run, database: Database, tmp_path: Path) -> None:
    db, answers = database.absent(), tmp_path / "t.toml"
    answers.write_text(UNNAMED)
    assert_bad_input(
        run("--db", db, "assess", "--answers", answers, "--save"),
        "the profile has no name: give one in [profile] name or with --org NAME",
    )
    assert not db.exists()


def test_saving_an_unnamed_profile_into_an_empty_database_asks_for_a_name(run: Run, database: Database, tmp_path: Path) -> None:
    db, answers = database.location, tmp_path / "t.toml"
    answers.write_text(UNNAMED)
    open_store(db).close()
    message = assert_bad_input(
        run("--db", db, "assess", "--answers", answers, "--save"),
        "the profile has no name: give one in [profile] name or with --org NAME",
    )
    assert "holds no organisation" not in message
    with open_store(db) as store:
        assert store.orgs() == []


def test_an_unnamed_profile_with_several_organisations_asks_for_a_name(run: Run, database: Database, tmp_path: Path) -> None:
    db, answers = database.location, tmp_path / "t.toml"
    answers.write_text(UNNAMED)
    with open_store(db) as store:
        store.create_org("One")
        store.create_org("Two")
    assert_bad_input(run("--db", db, "assess", "--answers", answers, "--save"), "the profile has no name")


def test_an_unnamed_profile_goes_to_the_only_organisation(run: Run, database: Database, tmp_path: Path) -> None:
    db, answers = database.location, tmp_path / "t.toml"
    answers.write_text(UNNAMED)
    with open_store(db) as store:
        store.create_org("Only One")
    result = run("--db", db, "assess", "--answers", answers, "--save", "--org", "")
    assert result.exit_code == 0, result.output
    assert "Saved as assessment #1 of Only One in" in result.stderr
