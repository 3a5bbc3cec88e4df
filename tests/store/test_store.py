"""The store's API: organisations, drafts, completed assessments, investments, export."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from maturity.catalog import Catalog
from maturity.common.errors import MaturityError, StoreError
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.profile import Profile
from maturity.assessment.scoring import score
from maturity.store import Store, content_hash, default_db_path, open_store
from maturity.store import migrations

from store_support import Database

UTC = dt.timezone.utc


def at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 12, tzinfo=UTC)


def answers(name: str = "Acme", **given: object) -> AnswerFile:
    mapped = {qid.replace("_", "."): (v if isinstance(v, Answer) else Answer(answer=v)) for qid, v in given.items()}
    return AnswerFile(profile=Profile(name=name), questionnaires={"alpha": "1.0.0", "beta": "2.0.0"}, answers=mapped)


@pytest.fixture
def store(database: Database) -> Store:
    with open_store(database.location) as s:
        yield s


def save(store: Store, catalog: Catalog, af: AnswerFile, when: dt.datetime | None = None, org: str = "Acme") -> int:
    return store.save_completed(org, af, score(catalog, af), catalog.versions(), {"maturity": "0.1.0"}, completed=when)


# -- opening ---------------------------------------------------------------------------------


def test_store_error_is_a_maturity_error() -> None:
    assert issubclass(StoreError, MaturityError)


def test_new_file_is_private_and_current(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "m.db"
    with open_store(path) as s:
        assert s.schema_version() == migrations.latest_version()
        s.create_org("Acme")
        files = sorted(path.parent.iterdir())
        assert [p.name for p in files] == ["m.db", "m.db-shm", "m.db-wal"]
        assert all(p.stat().st_mode & 0o777 == 0o600 for p in files)  # the log too
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o077 == 0  # a folder it created


def test_default_path_and_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    default = default_db_path()
    assert default.name == "maturity.db"
    if sys.platform.startswith("linux"):
        assert str(default).startswith(os.environ["XDG_DATA_HOME"])  # the user data folder
    with open_store() as s:
        assert s.location == str(default)
    assert default.stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("MATURITY_DB", str(tmp_path / "env.db"))
    with open_store() as s:
        assert s.location == str(tmp_path / "env.db")
    assert (tmp_path / "env.db").exists()


def test_sqlite_url_and_memory(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'u.db'}") as s:
        s.create_org("X")
    assert (tmp_path / "u.db").exists()
    with open_store("sqlite://") as s:
        s.create_org("Y")
        assert [o.name for o in s.orgs()] == ["Y"]


def test_other_urls_are_refused() -> None:
    with pytest.raises(StoreError, match="unsupported database URL mysql"):
        open_store("mysql://user@host/db")
    with pytest.raises(StoreError, match="unsupported database URL postgresql\\+psycopg2.*psycopg://"):
        open_store("postgresql+psycopg2://user@host/db")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_refused() -> None:
    with pytest.raises(StoreError, match="not a regular file"):
        open_store("/dev/null")


def test_empty_file_is_initialised(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with open_store(path) as s:
        assert s.schema_version() == migrations.latest_version()


# -- organisations ---------------------------------------------------------------------------


def test_orgs(store: Store) -> None:
    acme = store.create_org("Acme")
    assert acme.id and acme.name == "Acme" and acme.created.tzinfo is not None
    store.create_org("Beta Ltd")
    assert [o.name for o in store.orgs()] == ["Acme", "Beta Ltd"]
    assert store.get_org("acme").name == "Acme"  # names are case-insensitive
    assert store.ensure_org("ACME").id == acme.id
    with pytest.raises(StoreError, match="already exists"):
        store.create_org("acme")
    with pytest.raises(StoreError, match="needs a name"):
        store.create_org("  ")


def test_unknown_org_names_known_ones(store: Store) -> None:
    with pytest.raises(StoreError, match="has no organisations yet"):
        store.get_org("Nobody")
    store.create_org("Acme Plumbing")
    store.create_org("Zeta")
    with pytest.raises(StoreError) as info:
        store.get_org("acme")
    assert "did you mean 'Acme Plumbing'" in str(info.value) and "Zeta" in str(info.value)


# -- completed assessments -------------------------------------------------------------------


def test_save_completed_keeps_everything(store: Store, mini: Catalog) -> None:
    af = answers(al_one_q=Answer(answer="some", note="n", evidence=["x"], confidence="low"), be_base_q=["b"])
    new_id = save(store, mini, af, at(2024, 1, 15))
    got = store.get_assessment(new_id)
    assert got.status == "completed" and got.org == "Acme"
    assert got.completed == at(2024, 1, 15)
    assert got.answer_file == AnswerFile(profile=af.profile, questionnaires=af.questionnaires, answers=dict(sorted(af.answers.items())))
    assert got.result == score(mini, af)
    assert got.versions == {"alpha": "1.0.0", "beta": "2.0.0"}
    assert got.plugin_versions == {"maturity": "0.1.0"}
    assert got.content_hash and got.content_hash.startswith("sha256:")
    assert got.hash_matches()


def test_assessments_are_oldest_first_and_per_org(store: Store, mini: Catalog) -> None:
    late = save(store, mini, answers(al_one_q="all"), at(2024, 7, 1))
    early = save(store, mini, answers(al_one_q="none"), at(2024, 1, 1))
    save(store, mini, answers("Other", al_one_q="some"), at(2024, 3, 1), org="Other")
    assert [a.id for a in store.assessments("Acme")] == [early, late]
    light = store.assessments("Acme", with_answers=False)
    assert [a.answer_file.answers for a in light] == [{}, {}] and light[0].result is not None


def test_content_hash_ignores_who_and_when(mini: Catalog) -> None:
    af = answers(al_one_q="some")
    result = score(mini, af)
    first = content_hash(af, result, {"alpha": "1.0.0"}, {})
    assert first == content_hash(af.model_copy(deep=True), result, {"alpha": "1.0.0"}, {})
    assert first != content_hash(answers(al_one_q="all"), result, {"alpha": "1.0.0"}, {})
    assert first != content_hash(af, result, {"alpha": "1.0.1"}, {})


def test_completed_assessments_are_immutable(store: Store, mini: Catalog, database: Database) -> None:
    new_id = save(store, mini, answers(al_one_q="some"))
    for attempt in (
        lambda: store.save_answer(new_id, "al.one.q", Answer(answer="all")),
        lambda: store.save_answer(new_id, "al.one.q", None),
        lambda: store.save_profile(new_id, Profile(name="Changed")),
        lambda: store.set_position(new_id, "al.one.q"),
        lambda: store.discard_draft(new_id),
        lambda: store.complete(new_id, score(mini, answers()), {}, {}),
    ):
        with pytest.raises(StoreError, match="cannot be changed"):
            attempt()
    # the database itself refuses, whatever program writes to it
    for sql in (
        f"UPDATE assessments SET profile = '{{}}' WHERE id = {new_id}",
        f"DELETE FROM assessments WHERE id = {new_id}",
        f"UPDATE answers SET answer = '{{}}' WHERE assessment_id = {new_id}",
        f"DELETE FROM answers WHERE assessment_id = {new_id}",
        f"INSERT INTO answers VALUES ({new_id}, 'al.two.q', '{{}}', 'x')",
    ):
        with pytest.raises(IntegrityError, match="completed assessment"):
            database.execute(sql)
    assert store.get_assessment(new_id).hash_matches()


def test_unknown_assessment(store: Store, mini: Catalog) -> None:
    with pytest.raises(StoreError, match="no assessments yet"):
        store.get_assessment(1)
    save(store, mini, answers(al_one_q="some"))
    with pytest.raises(StoreError, match="unknown assessment #42"):
        store.get_assessment(42)
    with pytest.raises(StoreError, match="unknown organisation"):
        store.assessments("Nobody")


# -- drafts ----------------------------------------------------------------------------------


def test_draft_saved_answer_by_answer_and_resumed(database: Database, mini: Catalog) -> None:
    path = database.location
    with open_store(path) as s:
        draft_id = s.start_draft("Acme", Profile(name="Acme", industry="retail"), mini.versions())
        s.save_answer(draft_id, "al.one.q", Answer(answer="most"))
        s.save_answer(draft_id, "be.base.q", Answer(answer=["b"]))
        s.save_answer(draft_id, "al.two.q", Answer(dont_know=True))
        s.save_answer(draft_id, "be.base.q", None)
        s.set_position(draft_id, "al.two.q")
    with open_store(path) as s:  # a new process, as after a crash
        draft = s.draft("Acme")
        assert draft is not None and draft.id == draft_id and draft.status == "draft"
        assert draft.position == "al.two.q"
        assert draft.answer_file.profile.industry == "retail"
        assert draft.answer_file.answers == {"al.one.q": Answer(answer="most"), "al.two.q": Answer(dont_know=True)}
        assert draft.answer_file.questionnaires == mini.versions()
        assert s.assessments("Acme") == []  # drafts are not history
        s.save_profile(draft_id, Profile(name="Acme", industry="retail", size=9))
        result = score(mini, s.draft("Acme").answer_file)
        s.complete(draft_id, result, mini.versions(), {"maturity": "0.1.0"}, completed=at(2024, 2, 1))
        assert s.draft("Acme") is None
        done = s.get_assessment(draft_id)
        assert done.status == "completed" and done.result == result and done.hash_matches()
        assert done.answer_file.profile.size == 9 and done.completed == at(2024, 2, 1)


def test_one_draft_at_a_time(store: Store, mini: Catalog) -> None:
    first = store.start_draft("Acme", Profile(name="Acme"), mini.versions())
    with pytest.raises(StoreError, match="already has a draft"):
        store.start_draft("Acme", Profile(name="Acme"), mini.versions())
    store.discard_draft(first)
    assert store.draft("Acme") is None
    second = store.start_draft("Acme", Profile(name="Acme"), mini.versions())
    assert second != first  # ids are never reused


def test_new_draft_starts_from_the_previous_assessment(store: Store, mini: Catalog) -> None:
    profile = Profile(name="Acme", industry="retail")
    af = AnswerFile(profile=profile, answers={"al.one.q": Answer(answer="some"), "be.base.q": Answer(answer=["b"])})
    save(store, mini, af, at(2024, 1, 1))
    save(store, mini, answers(al_one_q="all"), at(2023, 1, 1))  # older: not "the previous"
    draft_id = store.start_draft("Acme", None, mini.versions())
    draft = store.get_assessment(draft_id)
    assert draft.answer_file.answers == af.answers and draft.answer_file.profile == profile
    store.discard_draft(draft_id)
    # only answers to questions that still exist, and a given profile wins
    draft_id = store.start_draft("Acme", Profile(name="Acme 2"), mini.versions(), known_questions={"al.one.q"})
    draft = store.get_assessment(draft_id)
    assert list(draft.answer_file.answers) == ["al.one.q"] and draft.answer_file.profile.name == "Acme 2"
    store.discard_draft(draft_id)
    fresh = store.get_assessment(store.start_draft("Acme", None, mini.versions(), from_previous=False))
    assert fresh.answer_file.answers == {} and fresh.answer_file.profile == Profile()


def test_draft_errors(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown assessment"):
        store.save_answer(5, "al.one.q", Answer(answer="all"))
    with pytest.raises(StoreError, match="unknown organisation"):
        store.draft("Nobody")


# -- investments -----------------------------------------------------------------------------


def test_investments(store: Store, mini: Catalog) -> None:
    before = save(store, mini, answers(al_one_q="some"), at(2024, 1, 1))
    after = save(store, mini, answers(al_one_q="all"), at(2024, 6, 1))
    inv_id = store.add_investment(
        "Acme", "al.one", 1000, dt.date(2024, 2, 1), dt.date(2024, 3, 1), kpi="ones", baseline=1, target=5,
        notes="n", unit="per week", target_on=dt.date(2024, 12, 1), hourly_rate=50,
    )
    store.record_cost(inv_id, "one_off", 800, dt.date(2024, 2, 2), "setup")
    store.record_cost(inv_id, "yearly", 100, dt.date(2024, 2, 2))
    store.record_cost(inv_id, "internal_hours", 10, dt.date(2024, 2, 3))
    store.record_measurement(inv_id, 3, dt.date(2024, 4, 1))
    store.record_benefit(inv_id, 500, dt.date(2024, 5, 1))
    store.link_assessments(inv_id, before, after)
    (inv,) = store.investments("Acme")
    assert inv == store.get_investment(inv_id)
    assert (inv.capability_id, inv.planned_cost, inv.start, inv.end, inv.kpi, inv.unit) == (
        "al.one", 1000, dt.date(2024, 2, 1), dt.date(2024, 3, 1), "ones", "per week")
    assert (inv.baseline, inv.target, inv.target_on, inv.hourly_rate, inv.notes) == (1, 5, dt.date(2024, 12, 1), 50, "n")
    assert [(c.kind, c.amount, c.note) for c in inv.costs] == [("one_off", 800, "setup"), ("yearly", 100, ""), ("internal_hours", 10, "")]
    assert [(m.value, m.on) for m in inv.measurements] == [(3, dt.date(2024, 4, 1))]
    assert [(b.amount, b.on) for b in inv.benefits] == [(500, dt.date(2024, 5, 1))]
    assert (inv.before_id, inv.after_id) == (before, after)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda s: s.add_investment("Acme", "al.one", -1), "planned cost must be 0 or more"),
        (lambda s: s.add_investment("Acme", "al.one", float("nan")), "must be a number"),
        (lambda s: s.add_investment("Acme", "al.one", 1, dt.date(2024, 2, 1), dt.date(2024, 1, 1)), "ends"),
        (lambda s: s.add_investment("Acme", "al.one", 1, baseline=float("inf")), "must be a number"),
        (lambda s: s.add_investment("Nobody", "al.one", 1), "unknown organisation"),
        (lambda s: s.record_cost(1, "monthly", 5, dt.date(2024, 1, 1)), "unknown cost kind"),
        (lambda s: s.record_cost(1, "one_off", -5, dt.date(2024, 1, 1)), "0 or more"),
        (lambda s: s.record_cost(99, "one_off", 5, dt.date(2024, 1, 1)), "unknown investment #99"),
        (lambda s: s.record_measurement(99, 5, dt.date(2024, 1, 1)), "unknown investment #99"),
        (lambda s: s.record_benefit(1, float("nan"), dt.date(2024, 1, 1)), "must be a number"),
        (lambda s: s.link_assessments(1, 77, None), "unknown assessment #77"),
    ],
)
def test_investment_errors(store: Store, call, message: str) -> None:  # type: ignore[no-untyped-def]
    store.create_org("Acme")
    store.add_investment("Acme", "al.one", 10)
    with pytest.raises(StoreError, match=message):
        call(store)


def test_link_checks_org_status_and_order(store: Store, mini: Catalog) -> None:
    a = save(store, mini, answers(al_one_q="some"), at(2024, 1, 1))
    b = save(store, mini, answers(al_one_q="all"), at(2024, 6, 1))
    other = save(store, mini, answers("O", al_one_q="all"), at(2024, 6, 1), org="Other")
    draft = store.start_draft("Acme", None, mini.versions())
    inv = store.add_investment("Acme", "al.one", 10)
    with pytest.raises(StoreError, match="another organisation"):
        store.link_assessments(inv, other, None)
    with pytest.raises(StoreError, match="is a draft"):
        store.link_assessments(inv, None, draft)
    with pytest.raises(StoreError, match="completed after"):
        store.link_assessments(inv, b, a)


def test_summary(store: Store, mini: Catalog) -> None:
    save(store, mini, answers(al_one_q="some"), at(2024, 1, 1))
    save(store, mini, answers(al_one_q="all"), at(2024, 6, 1))
    store.start_draft("Acme", None, mini.versions())
    store.add_investment("Acme", "al.one", 10)
    store.create_org("Empty")
    rows = {r.name: r for r in store.summary()}
    assert (rows["Acme"].assessments, rows["Acme"].drafts, rows["Acme"].investments) == (2, 1, 1)
    assert rows["Acme"].last_assessed == at(2024, 6, 1)
    assert (rows["Empty"].assessments, rows["Empty"].last_assessed) == (0, None)


# -- export and import -----------------------------------------------------------------------


def _populate(store: Store, mini: Catalog) -> None:
    a = save(store, mini, answers(al_one_q=Answer(answer="some", note="ü ✓"), be_base_q=["b"], al_three_q=3.5), at(2024, 1, 1))
    b = save(store, mini, answers(al_one_q="all", al_two_q=True, al_three_q=Answer(not_applicable="none here")), at(2024, 6, 1))
    draft = store.start_draft("Acme", None, mini.versions())
    store.save_answer(draft, "al.two.q", Answer(answer=False))
    store.set_position(draft, "al.two.q")
    inv = store.add_investment("Acme", "al.two", 1234.5, dt.date(2024, 2, 1), None, "k", 1, 2, "notes", unit="u", hourly_rate=30)
    store.record_cost(inv, "yearly", 99.99, dt.date(2024, 2, 1), "licence")
    store.record_measurement(inv, 1.5, dt.date(2024, 3, 1))
    store.record_benefit(inv, 10, dt.date(2024, 4, 1))
    store.link_assessments(inv, a, b)
    store.add_investment("Acme", "al.one", 0)
    save(store, mini, answers("Other", al_one_q="none"), org="Other")


def test_export_import_round_trip(database: Database, mini: Catalog) -> None:
    with open_store(database.location) as source:
        _populate(source, mini)
        doc = source.export_org("Acme")
    text = json.dumps(doc)
    assert "Other" not in text and doc["format"] == "maturity-export"
    with open_store(database.another().location) as target:
        assert target.import_org(json.loads(text)) == "Acme"
        again = target.export_org("Acme")
        assert again == doc
        assert json.dumps(again, sort_keys=True) == json.dumps(doc, sort_keys=True)
        assert all(a.hash_matches() for a in target.assessments("Acme"))
        assert target.draft("Acme").position == "al.two.q"
        with pytest.raises(StoreError, match="already exists.*--as"):
            target.import_org(doc)
        assert target.import_org(doc, "Acme copy") == "Acme copy"
        copy = target.export_org("Acme copy")
        assert copy["organisation"]["name"] == "Acme copy"
        copy["organisation"]["name"] = "Acme"
        assert copy == doc


def test_import_refuses_bad_documents(store: Store, database: Database, mini: Catalog) -> None:
    with open_store(database.another().location) as source:
        _populate(source, mini)
        doc = source.export_org("Acme")

    def broken(change) -> dict:  # type: ignore[no-untyped-def]
        copy = json.loads(json.dumps(doc))
        change(copy)
        return copy

    cases = [
        ([], "not a maturity export"),
        ({"format": "other"}, "not a maturity export"),
        (broken(lambda d: d.update(format_version=99)), "newer maturity"),
        (broken(lambda d: d["organisation"].pop("created")), "organisation.created"),
        (broken(lambda d: d["assessments"][0]["answers"]["al.one.q"].update(answer="all")), "content hash does not match"),
        (broken(lambda d: d["assessments"][0].update(surprise=1)), "assessments.0.surprise"),
        (broken(lambda d: d["investments"][0].update(before=42)), "ref 42"),
        (broken(lambda d: d["investments"][0]["costs"][0].update(kind="monthly")), "kind"),
    ]
    for data, message in cases:
        with pytest.raises(StoreError, match=message):
            store.import_org(data)
    assert store.orgs() == []  # all or nothing
