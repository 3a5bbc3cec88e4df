"""The organisations read from the database file alone (store/listing.py), for the app's first
screen: the same facts the store gives, or None where they cannot be read for sure."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from maturity.assessment.models import Answer, AnswerFile
from maturity.assessment.scoring import score
from maturity.catalog import Catalog
from maturity.contract.profile import Profile
from maturity.store import migrations, open_store
from maturity.store.listing import READS_SCHEMA, Standing, list_orgs

UTC = dt.timezone.utc


def _answers(catalog: Catalog, name: str, **given: str) -> AnswerFile:
    return AnswerFile(profile=Profile(name=name), questionnaires=catalog.versions(),
                      answers={q.replace("_", "."): Answer(answer=v) for q, v in given.items()})


def _as_the_store_says(db: Path) -> list[Standing]:
    with open_store(db) as store:
        out = []
        for org in store.orgs():
            draft = store.draft(org.name)
            done = store.assessments(org.name, with_answers=False)
            out.append(Standing(org.name, draft.created if draft else None,
                                len(draft.answer_file.answers) if draft else 0, len(done), done[-1].completed if done else None))
        return out


def test_the_query_reads_the_latest_schema() -> None:
    # a migration that changes the tables this reads must change the query with it
    assert READS_SCHEMA == migrations.latest_version()


def test_it_lists_what_the_store_lists(mini: Catalog, tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    with open_store(db) as store:
        store.create_org("Zebra Cafe")
        af = _answers(mini, "Acme", al_one_q="all")
        first = store.save_completed("Acme", af, score(mini, af), mini.versions(), {}, completed=dt.datetime(2025, 3, 1, 9, tzinfo=UTC))
        store.save_completed("Acme", af, score(mini, af), mini.versions(), {}, completed=dt.datetime(2025, 9, 1, 9, tzinfo=UTC))
        withdrawn = store.save_completed("Acme", af, score(mini, af), mini.versions(), {}, completed=dt.datetime(2026, 1, 5, 9, tzinfo=UTC))
        store.withdraw_assessment(withdrawn, "saved by mistake")
        draft = store.start_draft("Acme", Profile(name="Acme"), mini.versions(), from_previous=True)
        store.save_answer(draft, "al.two.q", Answer(answer="no"))
        store.start_draft("Beta Bakes", Profile(name="Beta Bakes"), mini.versions())
    listed = list_orgs(db)
    assert listed == _as_the_store_says(db)
    acme = listed[0]
    assert acme.name == "Acme" and acme.completed == 2 and acme.last_completed == dt.datetime(2025, 9, 1, 9, tzinfo=UTC)
    assert acme.draft_started is not None and acme.draft_answers == 2  # one from the previous assessment, one new
    assert first is not None


def test_nothing_is_written(mini: Catalog, tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    with open_store(db) as store:
        store.create_org("Acme")
    before = db.read_bytes()
    assert [s.name for s in list_orgs(db) or []] == ["Acme"]
    assert db.read_bytes() == before
    missing = tmp_path / "none.db"
    assert list_orgs(missing) == [] and not missing.exists()


def test_what_it_cannot_read_for_sure_is_left_to_the_store(tmp_path: Path) -> None:
    assert list_orgs("postgresql+psycopg://someone@localhost/maturity") is None
    assert list_orgs(":memory:") is None
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    assert list_orgs(text) is None
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE orgs (id INTEGER, name TEXT)")
    assert list_orgs(foreign) is None
    newer = tmp_path / "newer.db"
    with open_store(newer) as store:
        store.create_org("Acme")
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE maturity_meta SET value = ? WHERE key = 'schema_version'", (str(READS_SCHEMA + 1),))
    assert list_orgs(newer) is None
