"""Schema versions and refusals: old databases open with nothing lost, foreign, damaged and
newer ones are refused and left byte for byte as they were."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect

from maturity.common.errors import StoreError
from maturity.assessment.models import Answer
from maturity.store import migrations, open_store, schema
from store_support import Database

FIXTURES = Path(__file__).parents[1] / "fixtures" / "db"
UTC = dt.timezone.utc


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


@pytest.fixture
def v1(tmp_path: Path) -> Path:
    path = tmp_path / "v1.db"
    shutil.copyfile(FIXTURES / "schema-v1.db", path)
    return path


def test_fixture_of_schema_1_opens_with_nothing_lost(v1: Path) -> None:
    with open_store(v1) as store:
        assert store.schema_version() == migrations.latest_version()
        assert [o.name for o in store.orgs()] == ["Fixture Bakery", "Second Org"]
        first, second = store.assessments("Fixture Bakery")
        assert (first.completed, second.completed) == (dt.datetime(2024, 1, 15, 12, tzinfo=UTC), dt.datetime(2024, 7, 10, 12, tzinfo=UTC))
        assert first.answer_file.profile.name == "Fixture Bakery" and first.answer_file.profile.currency == "EUR"
        assert first.answer_file.profile.goals["operations"].target == "halve invoice time"
        assert first.answer_file.answers["al.one.q"] == Answer(answer="some", note="only the owner")
        assert first.answer_file.answers["al.three.q"].not_applicable == "we make no threes"
        assert second.answer_file.answers["al.one.q"].evidence == ["https://example.com/policy"]
        assert first.versions == {"alpha": "1.0.0", "beta": "2.0.0"}
        assert first.plugin_versions == {"dir:mini": "", "maturity": "0.1.0"}
        assert first.result is not None and second.result is not None
        assert [d.stage for d in second.result.domains] == [2, 2]
        assert all(a.hash_matches() for a in (first, second))
        draft = store.draft("Fixture Bakery")
        assert draft is not None and draft.position == "al.two.q"
        assert draft.answer_file.answers["al.two.q"] == Answer(answer=False, note="changed our mind")
        (inv,) = store.investments("Fixture Bakery")
        assert (inv.capability_id, inv.planned_cost, inv.kpi, inv.unit, inv.hourly_rate) == ("al.two", 3000, "hours to invoice", "h/week", 40)
        assert [(c.kind, c.amount) for c in inv.costs] == [("one_off", 1800), ("yearly", 600), ("internal_hours", 20)]
        assert (inv.before_id, inv.after_id) == (first.id, second.id)
        assert [m.value for m in inv.measurements] == [6] and [b.amount for b in inv.benefits] == [900]
        (other,) = store.assessments("Second Org")
        assert other.hash_matches()
        # and it keeps working
        store.save_answer(draft.id, "al.one.q", Answer(answer="most"))
        assert store.export_org("Fixture Bakery")["assessments"][0]["ref"] == 1


def test_migrated_database_matches_the_table_definitions(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    open_store(path).close()
    found = inspect(create_engine(f"sqlite:///{path}"))
    assert set(found.get_table_names()) == set(schema.metadata.tables)
    for name, table in schema.metadata.tables.items():
        columns = {c["name"]: c for c in found.get_columns(name)}
        assert list(columns) == [c.name for c in table.columns], name
        for column in table.columns:
            if not column.primary_key:  # SQLite lets a TEXT primary key be null; the rest must match
                assert columns[column.name]["nullable"] == column.nullable, (name, column.name)


def test_a_new_migration_runs_on_open(v1: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def add_column(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("ALTER TABLE orgs ADD COLUMN country TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, migrations.Migration(migrations.latest_version() + 1, "country", add_column)])
    with open_store(v1) as store:
        assert store.schema_version() == migrations.latest_version()
        assert len(store.assessments("Fixture Bakery")) == 2
    columns = [r[1] for r in sqlite3.connect(v1).execute("PRAGMA table_info(orgs)")]
    assert "country" in columns


def test_a_failing_migration_changes_nothing(v1: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def half_done(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("CREATE TABLE half (x INTEGER)")
        conn.exec_driver_sql("DELETE FROM investment_costs")
        raise RuntimeError("step two broke")

    target = migrations.latest_version() + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, migrations.Migration(target, "broken", half_done)])
    with pytest.raises(StoreError, match=f"could not upgrade .* to schema {target} .*step two broke.*left as it was"):
        open_store(v1)
    assert sqlite3.connect(v1).execute("SELECT value FROM maturity_meta WHERE key = 'schema_version'").fetchone()[0] == "1"
    monkeypatch.undo()
    with open_store(v1) as store:
        assert store.schema_version() == migrations.latest_version()
        assert len(store.investments("Fixture Bakery")[0].costs) == 3
    tables = {r[0] for r in sqlite3.connect(v1).execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half" not in tables


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE maturity_meta SET value = '99' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()


def _foreign(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER, total REAL)")
    conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    conn.commit()
    conn.close()


def _other_app(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE maturity_meta SET value = 'something-else' WHERE key = 'application'")
    conn.commit()
    conn.close()


def _text(path: Path) -> None:
    path.write_text("name,amount\nacme,12\n" * 20)


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:60])


def _garbage_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(4096 - 100)  # the schema page, after the header
    path.write_bytes(bytes(data))


def _bad_version(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE maturity_meta SET value = 'one' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_newer, f"written by a newer maturity \\(database schema 99; this one knows up to {migrations.latest_version()}\\)"),
        (_foreign, "SQLite database of another program.*invoices"),
        (_other_app, "is not a maturity database"),
        (_text, "not a maturity database \\(it is not an SQLite file\\)"),
        (_truncated, "not an SQLite file|damaged"),
        (_garbage_pages, "damaged or not a database"),
        (_bad_version, "schema version is unreadable"),
    ],
)
def test_refused_and_never_modified(v1: Path, spoil, message: str) -> None:  # type: ignore[no-untyped-def]
    spoil(v1)
    before, files = digest(v1), siblings(v1)
    with pytest.raises(StoreError, match=message) as info:
        open_store(v1)
    assert "untouched" in str(info.value)
    assert digest(v1) == before and siblings(v1) == files


def test_damage_found_later_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "big.db"
    with open_store(path) as store:
        store.create_org("Acme")
        for n in range(300):
            store.add_investment("Acme", "al.one", n, notes="x" * 500)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 4096] = b"\xff" * 4096
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged|malformed|cannot"):
        with open_store(path) as store:
            store.investments("Acme")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(v1: Path) -> None:
    v1.chmod(0)
    with pytest.raises(StoreError, match="cannot read the database"):
        open_store(v1)


def test_migration_refuses_tables_it_does_not_know(tmp_path: Path) -> None:
    # a foreign table that only a write-ahead log holds is caught under the write lock
    from sqlalchemy import create_engine as make

    engine = make(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE stranger (a)")
        with pytest.raises(StoreError, match="another program"):
            migrations.migrate(conn)


def test_fixture_of_schema_2_opens_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "v2.db"
    shutil.copyfile(FIXTURES / "schema-v2.db", path)
    with open_store(path) as store:
        assert store.schema_version() == migrations.latest_version()
        shown = store.assessments("Fixture Bakery")
        everything = store.assessments("Fixture Bakery", withdrawn=True)
        assert [a.id for a in shown] == [1, 2] and len(everything) == 3
        mistake = everything[-1]
        assert mistake.withdrawn is not None and mistake.withdrawn_reason == "saved twice" and mistake.hash_matches()
        investments = store.investments("Fixture Bakery")
        assert len(investments) == 1 and investments[0].closed_on == dt.date(2024, 6, 30)
        assert store.investments("Fixture Bakery", withdrawn=True)[1].withdrawn_reason == "recorded twice"
        store.restore_assessment(mistake.id)
        assert len(store.assessments("Fixture Bakery")) == 3


# -- on both backends ------------------------------------------------------------------------


def test_a_new_database_matches_the_table_definitions_on_each_backend(database: Database) -> None:
    open_store(database.location).close()
    url = database.location if database.backend == "postgresql" else f"sqlite:///{database.location}"
    engine = create_engine(url)
    try:
        found = inspect(engine)
        assert set(found.get_table_names()) == set(schema.metadata.tables)
        for name, table in schema.metadata.tables.items():
            columns = {c["name"]: c for c in found.get_columns(name)}
            assert list(columns) == [c.name for c in table.columns], name
            for column in table.columns:
                if not column.primary_key:
                    assert columns[column.name]["nullable"] == column.nullable, (name, column.name)
    finally:
        engine.dispose()
    # every table, index and trigger that SQLite has at this schema, PostgreSQL has too
    with open_store(database.location) as store:
        assert store.schema_version() == migrations.latest_version()


def _drop_trigger(database: Database) -> str:
    return "DROP TRIGGER completed_answer_insert" + (" ON answers" if database.backend == "postgresql" else "")


SPOILS = [
    (lambda db: "UPDATE maturity_meta SET value = '99' WHERE key = 'schema_version'",
     f"written by a newer maturity \\(database schema 99; this one knows up to {migrations.latest_version()}\\)"),
    (lambda db: "UPDATE maturity_meta SET value = 'something-else' WHERE key = 'application'", "is not a maturity database"),
    (lambda db: "UPDATE maturity_meta SET value = 'one' WHERE key = 'schema_version'", "schema version is unreadable"),
    (lambda db: "DELETE FROM maturity_meta WHERE key = 'schema_version'", "schema version is unreadable"),
    (lambda db: "DROP TABLE withdrawals", f"is damaged: the table withdrawals of schema {migrations.latest_version()} is missing"),
    (_drop_trigger, f"is damaged: the trigger completed_answer_insert of schema {migrations.latest_version()} is missing"),
    (lambda db: "ALTER TABLE investments DROP COLUMN withdrawn_reason", "is damaged: the table investments has no column withdrawn_reason"),
]


def _snapshot(database: Database) -> tuple[list[Any], list[Any]]:
    query = (
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1"
        if database.backend == "postgresql" else "SELECT name FROM sqlite_master ORDER BY 1"
    )
    return [tuple(r) for r in database.execute("SELECT key, value FROM maturity_meta ORDER BY key")], [tuple(r) for r in database.execute(query)]


@pytest.mark.parametrize(("spoil", "message"), SPOILS)
def test_a_newer_or_damaged_database_is_refused_and_left_as_it_was(database: Database, spoil, message: str) -> None:  # type: ignore[no-untyped-def]
    with open_store(database.location) as store:
        store.create_org("Acme")
    database.execute(spoil(database))
    before = _snapshot(database)
    for readonly in (False, True):
        with pytest.raises(StoreError, match=message) as info:
            open_store(database.location, readonly=readonly)
        assert "untouched" in str(info.value)
        assert database.location.split("://")[-1].split("?")[0] in str(info.value)
    assert _snapshot(database) == before


def test_another_programs_database_is_refused_on_each_backend(database: Database) -> None:
    database.execute("CREATE TABLE invoices (id INTEGER, total DOUBLE PRECISION)")
    database.execute("INSERT INTO invoices VALUES (1, 9.5)")
    with pytest.raises(StoreError, match="of another program, not a maturity database \\(its tables: invoices\\); it was left untouched"):
        open_store(database.location)
    assert database.execute("SELECT total FROM invoices") == [(9.5,)]


def test_a_later_step_runs_on_both_backends(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule for every step after the frozen ones: it is written once and runs on both."""
    from maturity.store import structure

    existing = database.another()
    with open_store(existing.location) as store:
        store.create_org("Acme")

    def add_country(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("ALTER TABLE orgs ADD COLUMN country TEXT NOT NULL DEFAULT ''")
        conn.exec_driver_sql("CREATE INDEX orgs_by_country ON orgs (country)")

    step = migrations.Migration(migrations.latest_version() + 1, "country", add_country)
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, step])
    monkeypatch.setattr(structure, "_EXPECTED", {})
    for db in (database, existing):  # a new database, and one of the schema before
        with open_store(db.location) as store:
            assert store.schema_version() == step.version
        with open_store(db.location) as store:  # and it passes the check of its schema
            assert [o.name for o in store.orgs()] == ([] if db is database else ["Acme"])
        assert db.execute("SELECT country FROM orgs") == ([] if db is database else [("",)])


def test_a_failing_later_step_changes_nothing_on_each_backend(database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(database.location) as store:
        store.create_org("Acme")

    def half_done(conn) -> None:  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("CREATE TABLE half (x INTEGER)")
        conn.exec_driver_sql("DELETE FROM orgs")
        raise RuntimeError("step broke")

    target = migrations.latest_version() + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, migrations.Migration(target, "broken", half_done)])
    with pytest.raises(StoreError, match=f"could not upgrade .* to schema {target} .*step broke.*left as it was"):
        open_store(database.location)
    monkeypatch.undo()
    with open_store(database.location) as store:
        assert [o.name for o in store.orgs()] == ["Acme"]
    assert "half" not in [r[0] for r in database.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        if database.backend == "postgresql" else "SELECT name FROM sqlite_master")]
