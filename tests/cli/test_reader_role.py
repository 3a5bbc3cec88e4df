"""A PostgreSQL user that may only read (SELECT on the tables, USAGE on the schema, the grants
docs/databases.md lists): every reading command works for it and so does `db copy` from its
database, and every writing command says in one line that it may only read."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator

import pytest
from click.testing import Result
from sqlalchemy import create_engine, make_url

from conftest import assert_bad_input
from store_support import postgres_server

Run = Callable[..., Result]


def ok(result: Result) -> str:
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.output}\n{result.stderr}"
    return result.stdout


@pytest.fixture
def shared(run: Run, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A database holding one organisation with two assessments and an investment, and the URL
    of a user given only the documented reading grants on it."""
    server = postgres_server()
    location = server.create()
    role = f"maturity_reader_{os.getpid()}"
    answers = tmp_path / "a.toml"
    answers.write_text('[profile]\nname = "Acme"\n\n[answers]\n"al.one.q" = "some"\n')
    try:
        ok(run("--db", location, "assess", "--answers", answers, "--save", "--date", "2024-01-15"))
        answers.write_text('[profile]\nname = "Acme"\n\n[answers]\n"al.one.q" = "most"\n')
        ok(run("--db", location, "assess", "--answers", answers, "--save", "--date", "2024-02-15"))
        ok(run("--db", location, "invest", "add", "al.one", "--cost", "100"))
        with server.engine.connect() as conn:
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")
            conn.exec_driver_sql(f"CREATE ROLE {role} LOGIN")
        owner = create_engine(location, isolation_level="AUTOCOMMIT")
        try:
            with owner.connect() as conn:
                name = make_url(location).database
                conn.exec_driver_sql(f"GRANT CONNECT ON DATABASE {name} TO {role}")
                conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {role}")
                conn.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
        finally:
            owner.dispose()
        yield location, make_url(location).set(username=role).render_as_string(hide_password=False)
    finally:
        server.drop(location)
        with server.engine.connect() as conn:
            conn.exec_driver_sql(f"DROP ROLE IF EXISTS {role}")


def test_a_reader_runs_every_reading_command(run: Run, shared: tuple[str, str], tmp_path: Path) -> None:
    _, reader = shared
    assert "Acme" in ok(run("--db", reader, "orgs"))
    assert "Organisations  1" in ok(run("--db", reader, "db", "status"))
    ok(run("--db", reader, "history", "--org", "Acme"))
    ok(run("--db", reader, "diff", "1", "2"))
    ok(run("--db", reader, "invest", "list", "--org", "Acme"))
    ok(run("--db", reader, "recommend", "--org", "Acme"))
    ok(run("--db", reader, "roadmap", "--org", "Acme"))
    ok(run("--db", reader, "report", "--org", "Acme", "--format", "markdown"))
    ok(run("--db", reader, "export", "--org", "Acme", "-o", tmp_path / "acme.json"))
    ok(run("--db", reader, "invest", "show", "1"))
    ok(run("--db", reader, "template", "--from", "Acme", "-o", tmp_path / "again.toml"))
    ok(run("--db", reader, "report", "--compare", "1", "2", "--format", "markdown"))


def test_a_reader_copies_the_database_out(run: Run, shared: tuple[str, str], tmp_path: Path) -> None:
    _, reader = shared
    ok(run("db", "copy", reader, tmp_path / "copy.db"))
    assert "Acme" in ok(run("--db", tmp_path / "copy.db", "orgs"))


def test_a_reader_is_told_plainly_it_may_not_write(run: Run, shared: tuple[str, str], tmp_path: Path) -> None:
    location, reader = shared
    answers = tmp_path / "b.toml"
    answers.write_text('[profile]\nname = "Acme"\n\n[answers]\n"al.one.q" = "all"\n')
    for args in (("assess", "--answers", answers, "--save"), ("invest", "add", "al.one", "--cost", "5", "--force"),
                 ("withdraw", "1"), ("orgs", "rename", "Acme", "Acme Ltd")):
        message = assert_bad_input(run("--db", reader, *args), "may only read it")
        assert "damaged" not in message
    assert "Acme Ltd" not in ok(run("--db", location, "orgs"))
