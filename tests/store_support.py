"""Databases for the store tests, on SQLite and on a PostgreSQL server.

The `database` fixture (in conftest.py) gives each test an empty database of its own on each
backend. The PostgreSQL ones are made on the server named by MATURITY_TEST_POSTGRES and dropped
after the test; without a server those tests are skipped, saying how to run them, unless
MATURITY_REQUIRE_POSTGRES is set (as .ci/run does), which makes the skip a failure.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

#: a PostgreSQL server for the tests, as postgresql+psycopg://USER@HOST:PORT/DBNAME of a user
#: that may create databases; every test gets a database of its own on it, dropped afterwards
POSTGRES_ENV = "MATURITY_TEST_POSTGRES"
#: set (by .ci/run) to fail, rather than skip, the PostgreSQL tests when there is no server
REQUIRE_POSTGRES_ENV = "MATURITY_REQUIRE_POSTGRES"
HOW_TO_RUN_POSTGRES = (
    f"set {POSTGRES_ENV}=postgresql+psycopg://USER@HOST:PORT/postgres (a user that may create databases), "
    "or run the tests under a throw-away server: scripts/pg-cluster run python -m pytest -q"
)


class Database:
    """A database for one test: ``location`` is what ``--db`` and ``open_store`` take."""

    def __init__(self, backend: str, location: str, make: Callable[[bool], "Database"]) -> None:
        self.backend = backend
        self.location = location
        self._make = make

    def __str__(self) -> str:
        return self.location

    def __repr__(self) -> str:
        return f"Database({self.backend}, {self.location})"

    def another(self) -> "Database":
        """A second, empty database on the same backend (for copies between two)."""
        return self._make(True)

    def absent(self) -> "Database":
        """A database on the same backend that does not exist yet (a new file in a folder that
        does not exist either, or a database the server does not have)."""
        return self._make(False)

    def exists(self) -> bool:
        if self.backend == "sqlite":
            return Path(self.location).exists()
        return postgres_server().exists(self.location)

    def execute(self, statement: str) -> list[Any]:
        """Run SQL on the database outside the store (as another program would) and commit."""
        from sqlalchemy import create_engine, text

        url = self.location if self.backend == "postgresql" else f"sqlite:///{self.location}"
        engine = create_engine(url)
        try:
            with engine.begin() as conn:
                result = conn.execute(text(statement))
                return list(result) if result.returns_rows else []
        finally:
            engine.dispose()


class _PostgresServer:
    """Creates and drops the databases of the tests on the server named by POSTGRES_ENV."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine, make_url

        self.url = make_url(url).set(drivername="postgresql+psycopg")
        self.engine = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=_null_pool())
        self.count = 0

    def create(self, make: bool = True) -> str:
        """A new database (only named, with ``make=False``), dropped first if a test run that was
        killed left one of the same name behind."""
        import os

        self.count += 1
        name = f"maturity_test_{os.getpid()}_{self.count}"
        with self.engine.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            if make:
                conn.exec_driver_sql(f"CREATE DATABASE {name}")
        return self.url.set(database=name).render_as_string(hide_password=False)

    def exists(self, location: str) -> bool:
        from sqlalchemy import make_url, text

        with self.engine.connect() as conn:
            found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": make_url(location).database})
            return found.first() is not None

    def drop(self, location: str) -> None:
        from sqlalchemy import make_url

        with self.engine.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {make_url(location).database} WITH (FORCE)")


def _null_pool() -> Any:
    from sqlalchemy.pool import NullPool

    return NullPool


def _no_postgres(reason: str) -> None:
    import os

    message = f"PostgreSQL tests not run: {reason}; {HOW_TO_RUN_POSTGRES}"
    if os.environ.get(REQUIRE_POSTGRES_ENV):
        pytest.fail(f"{message} ({REQUIRE_POSTGRES_ENV} is set, so they must run)", pytrace=False)
    pytest.skip(message)


_SERVER: list[_PostgresServer] = []


def postgres_server() -> _PostgresServer:
    """The test server, or a skip (a failure in CI) saying how to provide one."""
    import importlib.util
    import os

    if _SERVER:
        return _SERVER[0]
    url = os.environ.get(POSTGRES_ENV, "")
    if not url:
        _no_postgres(f"{POSTGRES_ENV} is not set")
    if importlib.util.find_spec("psycopg") is None:
        _no_postgres("the driver psycopg is not installed (pip install -e '.[test]')")
    server = _PostgresServer(url)
    try:
        with server.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - any failure to reach it is reported the same way
        _no_postgres(f"cannot reach the server {server.url.render_as_string(hide_password=True)} ({type(exc).__name__})")
    _SERVER.append(server)
    return server
