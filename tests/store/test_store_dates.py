"""Dates the store accepts: implausible days are refused with the value named, every stored
timestamp reads back, and imports refuse what the command line refuses."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable

import pytest
from click.testing import Result

from conftest import ACME_ANSWERS as ANSWERS
from conftest import assert_bad_input
from maturity.catalog import Catalog
from maturity.common.errors import StoreError
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.profile import Profile
from maturity.assessment.scoring import score
from maturity.store import Store, open_store
from maturity.store.base import _parse_ts, _ts
from store_support import Database

UTC = dt.timezone.utc
Run = Callable[..., Result]



def answers() -> AnswerFile:
    return AnswerFile(
        profile=Profile(name="Acme"), questionnaires={"alpha": "1.0.0", "beta": "2.0.0"},
        answers={"al.one.q": Answer(answer="some")},
    )


@pytest.fixture
def store(database: Database) -> Store:
    with open_store(database.location) as s:
        yield s


def save(store: Store, catalog: Catalog, when: dt.datetime | None) -> int:
    af = answers()
    return store.save_completed("Acme", af, score(catalog, af), catalog.versions(), {}, completed=when)


@pytest.mark.parametrize("year", [1, 999, 1899, 2101, 9999])
def test_an_implausible_assessment_date_is_refused_and_nothing_is_stored(store: Store, mini: Catalog, year: int) -> None:
    save(store, mini, dt.datetime(2024, 1, 15, 12, tzinfo=UTC))
    when = dt.datetime(year, 1, 1, 12, tzinfo=UTC)
    with pytest.raises(StoreError, match=rf"the assessment date {year:04d}-01-01 is not a plausible date: give a day between 1900-01-01 and 2100-12-31"):
        save(store, mini, when)
    with pytest.raises(StoreError, match=f"{year:04d}-01-01"):
        store.save_completed("Newcomer", answers(), score(mini, answers()), {}, {}, completed=when)
    assert [a.completed.year for a in store.assessments("Acme")] == [2024]
    assert [o.name for o in store.orgs()] == ["Acme"]


def test_completing_a_draft_refuses_an_implausible_date(store: Store, mini: Catalog) -> None:
    draft = store.start_draft("Acme", Profile(name="Acme"))
    with pytest.raises(StoreError, match="the assessment date 0500-06-01"):
        store.complete(draft, score(mini, answers()), {}, {}, completed=dt.datetime(500, 6, 1, tzinfo=UTC))
    assert store.draft("Acme") is not None


def test_the_edges_of_the_range_are_accepted(store: Store, mini: Catalog) -> None:
    save(store, mini, dt.datetime(1900, 1, 1, tzinfo=UTC))
    save(store, mini, dt.datetime(2100, 12, 31, 12, tzinfo=UTC))
    assert [a.completed.date().isoformat() for a in store.assessments("Acme")] == ["1900-01-01", "2100-12-31"]


def test_timestamps_are_zero_padded_and_unpadded_ones_still_read() -> None:
    assert _ts(dt.datetime(1900, 2, 3, 4, 5, 6, 7, tzinfo=UTC)) == "1900-02-03T04:05:06.000007+00:00"
    with pytest.raises(StoreError, match="0001-01-01"):
        _ts(dt.datetime(1, 1, 1, 12, tzinfo=UTC))
    assert _parse_ts("1-01-01T12:00:00.000000+00:00") == dt.datetime(1, 1, 1, 12, tzinfo=UTC)
    assert _parse_ts("999-12-31T00:00:00.000000+00:00") == dt.datetime(999, 12, 31, tzinfo=UTC)


def test_a_stored_unpadded_year_does_not_make_the_organisation_unreadable(database: Database, mini: Catalog) -> None:
    path = database.location
    with open_store(path) as store:
        save(store, mini, dt.datetime(2024, 1, 15, 12, tzinfo=UTC))
        store.start_draft("Acme", Profile(name="Acme"))
    database.execute("UPDATE assessments SET created = '1-01-01T12:00:00.000000+00:00' WHERE status = 'draft'")
    with open_store(path) as store:
        assert store.draft("Acme").created.year == 1
        assert len(store.assessments("Acme")) == 1
        assert store.export_org("Acme")["assessments"][1]["created"].startswith("0001-01-01")


def test_investment_dates_are_checked(store: Store) -> None:
    store.create_org("Acme")
    day = dt.date(2024, 1, 1)
    for kwargs, name in (
        ({"start": dt.date(1, 1, 1)}, "the start date 0001-01-01"),
        ({"end": dt.date(3000, 1, 1)}, "the end date 3000-01-01"),
        ({"target_on": dt.date(1066, 10, 14)}, "the target date 1066-10-14"),
    ):
        with pytest.raises(StoreError, match=f"{name} is not a plausible date"):
            store.add_investment("Acme", "al.one", 10, **kwargs)
    assert store.investments("Acme") == []
    inv = store.add_investment("Acme", "al.one", 10, day)
    old = dt.date(999, 1, 1)
    with pytest.raises(StoreError, match="the date of the cost 0999-01-01"):
        store.record_cost(inv, "one_off", 5, old)
    with pytest.raises(StoreError, match="the date of the measurement 0999-01-01"):
        store.record_measurement(inv, 5, old)
    with pytest.raises(StoreError, match="the date of the benefit 0999-01-01"):
        store.record_benefit(inv, 5, old)
    got = store.get_investment(inv)
    assert (got.costs, got.measurements, got.benefits) == ([], [], [])


# -- import ----------------------------------------------------------------------------------


@pytest.fixture
def doc(database: Database, mini: Catalog) -> dict[str, Any]:
    with open_store(database.another().location) as source:
        save(source, mini, dt.datetime(2024, 1, 15, 12, tzinfo=UTC))
        inv = source.add_investment("Acme", "al.two", 100, dt.date(2024, 2, 1), dt.date(2024, 3, 1), "k", 1, 2)
        source.record_cost(inv, "one_off", 50, dt.date(2024, 2, 2))
        source.record_measurement(inv, -3, dt.date(2024, 2, 3))
        source.record_benefit(inv, 20, dt.date(2024, 2, 4))
        return source.export_org("Acme")


def changed(doc: dict[str, Any], change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    copy = json.loads(json.dumps(doc))
    change(copy)
    return copy


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["organisation"].update(created="0001-01-01T00:00:00Z"), "the organisation: the creation date 0001-01-01"),
        (lambda d: d["assessments"][0].update(completed="0001-01-01T12:00:00Z"), "assessment ref 1: the assessment date 0001-01-01"),
        (lambda d: d["assessments"][0].update(created="1800-01-01T12:00:00Z"), "assessment ref 1: the creation date 1800-01-01"),
        (lambda d: d["investments"][0].update(start="0201-01-01"), r"investment 1 \(al.two\): the start date 0201-01-01"),
        (lambda d: d["investments"][0].update(target_on="5000-01-01"), r"investment 1 \(al.two\): the target date 5000-01-01"),
        (lambda d: d["investments"][0]["costs"][0].update(on="0024-02-02"), r"investment 1 \(al.two\): the date of the cost 0024-02-02"),
        (lambda d: d["investments"][0]["measurements"][0].update(on="0024-02-03"), "the date of the measurement 0024-02-03"),
        (lambda d: d["investments"][0]["benefits"][0].update(on="0024-02-04"), "the date of the benefit 0024-02-04"),
        (lambda d: d["investments"][0]["costs"][0].update(amount=-50), r"investment 1 \(al.two\): a cost must be 0 or more, not -50"),
        (lambda d: d["investments"][0].update(planned_cost=-1), r"investment 1 \(al.two\): the planned cost must be 0 or more"),
        (lambda d: d["investments"][0].update(hourly_rate=-30), "the hourly rate must be 0 or more"),
        (lambda d: d["investments"][0]["benefits"][0].update(amount=-20), "a benefit must be 0 or more"),
        (lambda d: d["investments"][0].update(end="2024-01-01"), r"investment 1 \(al.two\): it ends \(2024-01-01\) before it starts"),
    ],
)
def test_import_refuses_what_the_command_line_refuses(store: Store, doc: dict[str, Any], change: Callable[[dict[str, Any]], object], message: str) -> None:
    with pytest.raises(StoreError, match=f"invalid export: .*{message}"):
        store.import_org(changed(doc, change))
    assert store.orgs() == []


def test_import_keeps_negative_kpi_values(store: Store, doc: dict[str, Any]) -> None:
    data = changed(doc, lambda d: d["investments"][0].update(baseline=-10, target=-2))
    assert store.import_org(data) == "Acme"
    inv = store.investments("Acme")[0]
    assert (inv.baseline, inv.target, inv.measurements[0].value) == (-10, -2, -3)


# -- the command line ------------------------------------------------------------------------


def test_assess_save_with_an_implausible_date_is_one_message(run: Run, database: Database, tmp_path: Path) -> None:
    db, path = database, tmp_path / "a.toml"
    path.write_text(ANSWERS)
    assert run("--db", db, "assess", "--answers", path, "--save", "--org", "Test Org", "--date", "2024-01-15").exit_code == 0
    assert_bad_input(
        run("--db", db, "assess", "--answers", path, "--save", "--org", "Test Org", "--date", "0001-01-01"),
        "the assessment date 0001-01-01 is not a plausible date: give a day between 1900-01-01 and 2100-12-31",
    )
    for args in (("history",), ("export", "--org", "Test Org"), ("invest", "list")):
        result = run("--db", db, *args)
        assert result.exit_code == 0, (args, result.output)
    assert "1 assessment\n" in run("--db", db, "history").stdout
