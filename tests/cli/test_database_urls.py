"""PostgreSQL URLs are read as the driver reads them: a password is never shown, whole or in
part, and a URL whose password holds an unencoded @ is refused, saying to write it as %40,
before any connection is tried."""

from __future__ import annotations

from typing import Callable

import pytest
from click.testing import Result

from conftest import assert_bad_input

Run = Callable[..., Result]


@pytest.fixture
def no_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach a server fails the test."""
    import maturity.store.postgresql as pg

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a connection was tried")

    monkeypatch.setattr(pg, "create_engine", refuse)


def test_an_unencoded_at_in_the_password_is_refused_before_connecting(run: Run, no_connection: None) -> None:
    url = "postgresql+psycopg://team:Left@Right-3f3a29@127.0.0.1:5432/teamdb"
    for args in (("history",), ("db", "status"), ("orgs",)):
        message = assert_bad_input(
            run("--db", url, *args),
            "the database URL postgresql+psycopg://team:***@127.0.0.1:5432/teamdb has more than one @", "%40",
            "no connection was tried",
        )
        assert "Left" not in message.replace("Left%40Right", "").replace("Left@Right", "") and "3f3a29" not in message
    message = assert_bad_input(run("db", "copy", url, "x.db"), "%40")
    assert "3f3a29" not in message
    # an @ in the user name is as ambiguous
    assert_bad_input(run("--db", "postgresql://anna@branch:pw@127.0.0.1/db", "history"), "more than one @", "%40")


def test_no_part_of_a_password_is_shown(run: Run) -> None:
    cases = {
        "postgresql://team:Zx9secret/db": "Zx9secret",  # no @: the driver would take it for a port
        "postgresql://team:Qw/Er:Ty@127.0.0.1:1/db": "Er:Ty",  # a / and a : in it
        "postgresql://team:Pq%40Rs@127.0.0.1:1/db?password=Mn8": "Mn8",
    }
    for url, secret in cases.items():
        result = run("--db", url, "history")
        assert result.exit_code == 2, result.output
        shown = result.output + result.stderr
        assert secret not in shown and "Qw" not in shown and "Rs" not in shown and "Pq" not in shown, shown
        assert "***" in shown


def test_an_encoded_at_is_a_password_like_any_other(run: Run) -> None:
    message = assert_bad_input(run("--db", "postgresql://team:Left%40Right@127.0.0.1:1/teamdb", "history"),
                               "cannot connect to the database postgresql+psycopg://team:***@127.0.0.1:1/teamdb")
    assert "Left" not in message and "Right" not in message
