"""`maturity db status` and `maturity db copy`, and PostgreSQL URLs at the command line: the
copy between SQLite and PostgreSQL loses nothing (every export is the same before and after),
passwords are never printed, and a missing driver is one message."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable

import jsonschema
import pytest
from click.testing import CliRunner, Result

from conftest import MINI, assert_bad_input, catalog_of
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.profile import Profile
from maturity.assessment.scoring import score
from maturity.store import migrations, open_store
from store_support import Database, postgres_server

EXAMPLES = Path(__file__).parents[2] / "examples"
Run = Callable[..., Result]
UTC = dt.timezone.utc


def ok(result: Result) -> str:
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.output}\n{result.stderr}"
    return result.stdout


def maturity(*args: object) -> Result:
    """The command line with the built-in questionnaires, as a user has it."""
    from maturity.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="maturity")


def exports(location: str) -> dict[str, Any]:
    with open_store(location, create=False, readonly=True) as store:
        return {o.name: store.export_org(o.name) for o in store.orgs()}


def ids(location: str) -> list[tuple[str, list[int], list[int]]]:
    with open_store(location, create=False, readonly=True) as store:
        return [
            (o.name, [a.id for a in store.assessments(o.name, withdrawn=True)],
             [i.id for i in store.investments(o.name, withdrawn=True)])
            for o in store.orgs()
        ]


def a_pg_database(request: pytest.FixtureRequest) -> str:
    server = postgres_server()
    location = server.create()
    request.addfinalizer(lambda: server.drop(location))
    return location


# -- status ----------------------------------------------------------------------------------


def test_status_on_each_backend(run: Run, database: Database, tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text('[profile]\nname = "Acme"\n\n[answers]\n"al.one.q" = "some"\n')
    ok(run("--db", database, "assess", "--answers", answers, "--save", "--date", "2024-01-15"))
    ok(run("--db", database, "assess", "--answers", answers, "--save", "--date", "2024-02-15"))
    ok(run("--db", database, "withdraw", "2"))
    text = ok(run("--db", database, "db", "status"))
    assert f"Schema         {migrations.latest_version()} (current)\n" in text
    assert "Organisations  1\n" in text
    assert "Assessments    1 completed, 0 drafts, 1 withdrawn; 2 answers\n" in text
    data = json.loads(ok(run("--db", database, "db", "status", "--json")))
    jsonschema.validate(data, json.loads(ok(run("schema", "db-status"))))
    assert (data["backend"], data["organisations"], data["assessments"], data["withdrawn"]) == (database.backend, 1, 1, 1)
    if database.backend == "postgresql":
        assert text.startswith("Backend        PostgreSQL ")
        assert data["server"]["database"] in database.location
    else:
        assert text.startswith("Backend        SQLite\n") and data["file"]["path"] == database.location


def test_status_of_a_missing_database_creates_nothing(run: Run, database: Database) -> None:
    missing = database.absent()
    assert_bad_input(run("--db", missing, "db", "status"), f"no database at {missing} yet")
    assert not missing.exists()


# -- copy ------------------------------------------------------------------------------------


def test_the_examples_go_to_postgresql_and_back_with_nothing_lost(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    first, back = tmp_path / "laptop.db", tmp_path / "back.db"
    for n, example in enumerate(sorted(EXAMPLES.glob("*.toml"))):
        ok(maturity("--db", first, "assess", "--answers", example, "--save", "--date", f"2024-0{1 + n % 9}-15"))
    ok(maturity("--db", first, "invest", "add", "cyber.mfa", "--org", "Corner Bakery", "--cost", "400", "--start", "2024-02-01"))
    ok(maturity("--db", first, "invest", "cost", "1", "120", "--on", "2024-02-03", "--note", "tokens"))
    ok(maturity("--db", first, "withdraw", "3", "--reason", "saved twice"))
    server = a_pg_database(request)
    before = exports(str(first))
    assert len(before) == len(list(EXAMPLES.glob("*.toml")))
    copied = ok(maturity("db", "copy", first, server))
    assert copied.startswith(f"Copied {len(before)} organisations, {len(before)} assessments (")
    assert exports(server) == before and ids(server) == ids(str(first))
    ok(maturity("db", "copy", server, back))
    assert exports(str(back)) == before and ids(str(back)) == ids(str(first))
    # the same report, and the server goes on numbering after the copied ids
    assert ok(maturity("--db", server, "history", "--org", "Corner Bakery")) == ok(maturity("--db", first, "history", "--org", "Corner Bakery"))
    saved = maturity("--db", server, "assess", "--answers", EXAMPLES / "corner-bakery.toml", "--save", "--date", "2024-12-01")
    assert f"Saved as assessment #{len(before) + 1} of Corner Bakery" in ok(saved) + saved.stderr


def _hundred_organisations(location: str) -> None:
    mini = catalog_of(MINI)
    choices = ["none", "some", "most", "all"]
    with open_store(location) as store:
        for o in range(100):
            name = f"Client {o:03d}" if o % 7 else f"client {o:03d} – Ünïcode ✓"
            for n in range(2):
                af = AnswerFile(
                    profile=Profile(name=name), questionnaires=mini.versions(),
                    answers={"al.one.q": Answer(answer=choices[(o + n) % 4], note=f"n{n}"), "be.base.q": Answer(answer=["b"]),
                             "al.three.q": Answer(answer=o / 3)},
                )
                store.save_completed(name, af, score(mini, af), mini.versions(), {"maturity": "0.1.0"},
                                     completed=dt.datetime(2024, 1 + n * 6, 1 + o % 28, 12, tzinfo=UTC))
            if o % 10 == 0:
                inv = store.add_investment(name, "al.two", 100.25 + o, dt.date(2024, 2, 1), None, "k", 1.5, 2.5)
                store.record_cost(inv, "yearly", 12.5, dt.date(2024, 2, 2), "licence")
                store.record_measurement(inv, 2.0, dt.date(2024, 5, 2))
                store.record_benefit(inv, 30, dt.date(2024, 6, 2))
            if o % 25 == 0:
                draft = store.start_draft(name, None, mini.versions())
                store.save_answer(draft, "al.two.q", Answer(answer=True))
                store.set_position(draft, "al.two.q")


def test_a_hundred_organisations_go_to_postgresql_and_back(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    first, back = tmp_path / "first.db", tmp_path / "back.db"
    _hundred_organisations(str(first))
    server = a_pg_database(request)
    before = exports(str(first))
    assert len(before) == 100
    ok(maturity("db", "copy", first, server))
    assert exports(server) == before
    ok(maturity("db", "copy", server, back))
    assert exports(str(back)) == before and ids(str(back)) == ids(str(first))
    with open_store(str(back), readonly=True) as store:
        assert all(a.hash_matches() for o in store.orgs() for a in store.assessments(o.name))


def test_copy_refuses_a_target_that_holds_data_and_changes_nothing(run: Run, database: Database, tmp_path: Path) -> None:
    source, target = database, database.another()
    for db, name in ((source, "Acme"), (target, "Kept")):
        with open_store(db.location) as store:
            store.create_org(name)
    assert_bad_input(run("db", "copy", source, target), f"{target} holds data already (orgs: 1)", "nothing was copied")
    assert list(exports(target.location)) == ["Kept"]
    assert_bad_input(run("db", "copy", source, source), "the same database")
    missing = database.absent()
    assert_bad_input(run("db", "copy", missing, target), f"no database at {missing} yet")
    assert not missing.exists()


def test_copy_into_a_new_database_on_the_same_backend(run: Run, database: Database) -> None:
    with open_store(database.location) as store:
        store.create_org("Acme")
    target = database.absent()
    assert ok(run("db", "copy", database, target)).startswith("Copied 1 organisation, 0 assessments")
    assert list(exports(target.location)) == ["Acme"]


# -- URLs, passwords and the driver ------------------------------------------------------------


def test_a_password_is_never_printed(run: Run) -> None:
    url = "postgresql+psycopg://alice:s3cr%40t-pw@127.0.0.1:1/books"
    for args in (("history",), ("db", "status"), ("assess", "--answers", "x.toml", "--save")):
        result = run("--db", url, *args)
        assert result.exit_code == 2 and "s3cr" not in result.output + result.stderr, result.output
    message = assert_bad_input(run("--db", url, "db", "status"), "cannot connect to the database postgresql+psycopg://alice:***@127.0.0.1:1/books")
    assert "s3cr" not in message
    assert_bad_input(run("db", "copy", url, "x.db"), "alice:***@")
    in_query = "postgresql+psycopg://alice@127.0.0.1:1/books?password=qu3ry-pw"
    assert "qu3ry" not in assert_bad_input(run("--db", in_query, "db", "status"), "password=***")
    assert_bad_input(run("--db", "postgresql+psycopg2://bob:pw@h/db", "history"), "unsupported database URL postgresql+psycopg2")


def test_the_password_given_is_masked_in_what_the_server_says(request: pytest.FixtureRequest, run: Run) -> None:
    from sqlalchemy import make_url

    location = a_pg_database(request)
    open_store(location).close()
    with_password = make_url(location).set(password="hunter2").render_as_string(hide_password=False)
    text = ok(run("--db", with_password, "db", "status"))  # trust authentication ignores it
    assert "hunter2" not in text and ":***@" in text


def test_without_the_driver_one_message_says_what_to_install(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "psycopg" else real(name, *a))
    assert_bad_input(
        run("--db", "postgresql+psycopg://alice@db.example/books", "history"),
        "a PostgreSQL database needs the driver psycopg, which is not installed: pip install 'maturity[postgres]'",
    )


def test_what_the_url_leaves_out_comes_from_the_pg_variables(request: pytest.FixtureRequest, run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from sqlalchemy import make_url

    url = make_url(a_pg_database(request))
    for name, value in (("PGHOST", url.host), ("PGPORT", str(url.port)), ("PGUSER", url.username), ("PGDATABASE", url.database)):
        monkeypatch.setenv(name, str(value))
    answers = tmp_path / "a.toml"
    answers.write_text('[profile]\nname = "Acme"\n\n[answers]\n"al.one.q" = "some"\n')
    ok(run("--db", "postgresql+psycopg://", "assess", "--answers", answers, "--save"))
    data = json.loads(ok(run("--db", "postgresql://", "db", "status", "--json")))
    assert (data["server"]["database"], data["organisations"]) == (url.database, 1)
