"""The store keeps who answered what, when: drafts answered by several people, completed
assessments sealed with their respondents, schema 3 and its fixture."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from maturity.catalog import Catalog
from maturity.common.errors import StoreError
from maturity.assessment.models import Answer, AnswerFile, Respondent
from maturity.contract.profile import Profile
from maturity.assessment.respondents import merged_file
from maturity.assessment.scoring import score
from maturity.store import Store, open_store

from store_support import Database

FIXTURES = Path(__file__).parents[1] / "fixtures" / "db"
UTC = dt.timezone.utc


@pytest.fixture
def store(database: Database) -> Store:
    with open_store(database.location) as s:
        yield s


def team(catalog: Catalog) -> AnswerFile:
    return merged_file(AnswerFile(profile=Profile(name="Acme"), questionnaires=catalog.versions(), respondents=[
        Respondent(name="Ana", role="owner", answers={"al.one.q": Answer(answer="all"), "al.two.q": Answer(answer=True)}),
        Respondent(name="Ben", role="IT provider", deciding=True,
                   answers={"al.one.q": Answer(answer="some", at=dt.datetime(2026, 5, 1, 9, tzinfo=UTC))}),
    ]), catalog)


def test_a_completed_assessment_keeps_its_respondents(store: Store, mini: Catalog) -> None:
    af = team(mini)
    new_id = store.save_completed("Acme", af, score(mini, af), mini.versions(), {})
    stored = store.get_assessment(new_id)
    assert stored.hash_matches()
    assert stored.answer_file.respondents == af.respondents
    assert stored.answer_file.answers["al.one.q"].by == "Ben"
    assert store.same_assessments("Acme", af, score(mini, af), mini.versions(), {}, dt.date.today()) == [new_id]
    # history reads results only, as before
    assert len(store.assessments("Acme", with_answers=False)) == 1


def test_a_draft_answered_by_two_people(store: Store, mini: Catalog) -> None:
    draft = store.start_draft("Acme", Profile(name="Acme"), mini.versions())
    question = mini.questions["al.one.q"][0]
    store.add_respondent(draft, Respondent(name="Ana", role="owner"))
    store.save_answer(draft, "al.one.q", Answer(answer="all"), respondent="Ana", question=question)
    assert store.draft("Acme").answer_file.answers["al.one.q"].by == "Ana"  # type: ignore[union-attr]
    assert store.add_respondent(draft, Respondent(name="ben")).name == "ben"
    assert store.add_respondent(draft, Respondent(name="BEN", role="other")).name == "ben"  # the same person
    store.save_answer(draft, "al.one.q", Answer(answer="some"), respondent="Ben", question=question)
    got = store.draft("Acme")
    assert got is not None
    merged = got.answer_file.answers["al.one.q"]
    assert (merged.answer, merged.by) == ("some", "ben")  # the lower credit
    ana, ben = got.answer_file.respondents
    assert ana.answers["al.one.q"].answer == "all" and ana.answers["al.one.q"].at is not None
    store.save_answer(draft, "al.one.q", None, respondent="ben", question=question)
    assert store.draft("Acme").answer_file.answers["al.one.q"].by == "Ana"  # type: ignore[union-attr]
    with pytest.raises(StoreError, match="add them as a respondent first"):
        store.save_answer(draft, "al.one.q", Answer(answer="all"), respondent="Zed", question=question)
    store.complete(draft, score(mini, got.answer_file), mini.versions(), {})
    done = store.get_assessment(draft)
    assert done.hash_matches() and [r.name for r in done.answer_file.respondents] == ["Ana", "ben"]
    # a repeat starts from last time's answers, still shown as theirs
    repeat = store.start_draft("Acme", None, mini.versions())
    again = store.get_assessment(repeat)
    assert [r.name for r in again.answer_file.respondents] == ["Ana", "ben"]
    assert again.answer_file.respondents[0].answers["al.one.q"].answer == "all"
    store.discard_draft(repeat)
    store.delete_org("Acme")
    assert store.orgs() == []


def test_only_one_respondent_decides(store: Store, mini: Catalog) -> None:
    draft = store.start_draft("Acme", Profile(name="Acme"), mini.versions())
    store.add_respondent(draft, Respondent(name="Ana", deciding=True))
    with pytest.raises(StoreError, match="already decides"):
        store.add_respondent(draft, Respondent(name="Ben", deciding=True))


def test_the_database_refuses_changes_to_who_answered_a_completed_assessment(database: Database, mini: Catalog) -> None:
    from sqlalchemy.exc import IntegrityError

    with open_store(database.location) as store:
        af = team(mini)
        store.save_completed("Acme", af, score(mini, af), mini.versions(), {})
    for statement in ("UPDATE respondents SET deciding = 0", "DELETE FROM respondent_answers",
                      "UPDATE respondent_answers SET answer = '{}'",
                      "INSERT INTO respondents (assessment_id, name, position) VALUES (1, 'Eve', 9)"):
        with pytest.raises(IntegrityError, match="completed assessment cannot be changed"):
            database.execute(statement)


def test_fixture_of_schema_3_opens_with_nothing_lost(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    shutil.copyfile(FIXTURES / "schema-v3.db", path)
    with open_store(path) as store:
        done = store.assessments("Team Bakery")[0]
        assert done.hash_matches()
        ana, ben = done.answer_file.respondents
        assert (ana.name, ana.role, ana.deciding, ben.role) == ("Ana Owner", "owner", True, "IT provider")
        assert ana.answers["al.one.q"].at == dt.datetime(2024, 9, 2, 10, 30, tzinfo=UTC)
        assert done.answer_file.answers["al.one.q"].by == "Ana Owner"
        assert done.answer_file.answers["al.three.q"].answer == 5  # Ana did not know; Ben did
        draft = store.draft("Team Bakery")
        assert draft is not None
        assert [r.name for r in draft.answer_file.respondents] == ["Ana Owner", "Ben IT", "Cleo Manager"]
        assert draft.answer_file.answers["al.two.q"].by == "Ben IT"
        # and the schema-2 content is all still there
        assert len(store.assessments("Fixture Bakery", withdrawn=True)) == 3
        assert store.export_org("Team Bakery")["assessments"][0]["respondents"][1]["name"] == "Ben IT"


def test_an_export_with_respondents_round_trips(database: Database, mini: Catalog) -> None:
    with open_store(database.location) as a, open_store(database.another().location) as b:
        af = team(mini)
        a.save_completed("Acme", af, score(mini, af), mini.versions(), {})
        draft = a.start_draft("Acme", None, mini.versions())
        a.add_respondent(draft, Respondent(name="Cleo"))
        a.save_answer(draft, "al.two.q", Answer(answer=False), respondent="Cleo", question=mini.questions["al.two.q"][0])
        first = a.export_org("Acme")
        b.import_org(first)
        assert b.export_org("Acme") == first
        assert [r["name"] for r in first["assessments"][1]["respondents"]] == ["Ana", "Ben", "Cleo"]


def test_an_export_whose_respondents_were_changed_is_refused(database: Database, mini: Catalog) -> None:
    with open_store(database.location) as a, open_store(database.another().location) as b:
        af = team(mini)
        a.save_completed("Acme", af, score(mini, af), mini.versions(), {})
        doc = a.export_org("Acme")
        doc["assessments"][0]["respondents"][0]["role"] = "someone else"
        with pytest.raises(StoreError, match="content hash does not match"):
            b.import_org(doc)
        doc["assessments"][0]["respondents"][0]["deciding"] = True
        with pytest.raises(StoreError, match="at most one respondent decides"):
            b.import_org(doc)
        assert b.orgs() == []


def test_an_export_without_respondents_has_no_respondents_key(store: Store, mini: Catalog) -> None:
    af = AnswerFile(profile=Profile(name="Acme"), answers={"al.one.q": Answer(answer="all")})
    store.save_completed("Acme", af, score(mini, af), mini.versions(), {})
    assert "respondents" not in store.export_org("Acme")["assessments"][0]
