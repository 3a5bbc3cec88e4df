"""What a maturity database must hold, and the refusals shared by both backends.

The structure of a database is a mapping ``"kind:name" -> [columns]`` (kind is table, index or
trigger; only tables have columns). What schema N holds is found by running the frozen steps up
to N on an in-memory SQLite database, so the check can never drift from the steps; a PostgreSQL
database of schema N must hold the same names (extra ones, such as the indexes behind its
primary keys, are allowed). `sqlite_structure` reads that mapping from an SQLite database.
"""

from __future__ import annotations

import sqlite3
from typing import Mapping

from ..common.errors import StoreError
from .migrations import APPLICATION, latest_version

UNTOUCHED = "it was left untouched"

_EXPECTED: dict[int, dict[str, list[str]]] = {}


def expected_structure(version: int) -> dict[str, list[str]]:
    """What a database of schema ``version`` holds (see the module's docstring)."""
    if version not in _EXPECTED:
        from sqlalchemy import create_engine

        from .migrations import MIGRATIONS, migrate

        engine = create_engine("sqlite+pysqlite:///:memory:")
        try:
            with engine.begin() as conn:
                migrate(conn, [m for m in MIGRATIONS if m.version <= version])
            raw = engine.raw_connection()
            try:
                _EXPECTED[version] = sqlite_structure(raw.driver_connection)  # type: ignore[arg-type]
            finally:
                raw.close()
        finally:
            engine.dispose()
    return _EXPECTED[version]


def judge(label: str, meta: Mapping[str, str], structure: Mapping[str, list[str]]) -> int:
    """The schema version of a database holding a maturity_meta table with ``meta``; raises
    StoreError for another program's, a newer or a damaged database."""
    untouched = UNTOUCHED
    if meta.get("application") != APPLICATION:
        raise StoreError(f"{label} is not a maturity database; {untouched}")
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError:
        raise StoreError(f"{label} is damaged: its schema version is unreadable; {untouched}") from None
    if version > latest_version():
        raise StoreError(
            f"{label} was written by a newer maturity (database schema {version}; this one knows "
            f"up to {latest_version()}); upgrade maturity to open it. {untouched[0].upper() + untouched[1:]}"
        )
    if version < 1:
        raise StoreError(f"{label} is damaged: it records no schema version; {untouched}")
    expected = expected_structure(version)
    missing = sorted(set(expected) - set(structure))
    if missing:
        verb = "is" if len(missing) == 1 else "are"
        raise StoreError(f"{label} is damaged: the {name_parts(missing)} of schema {version} {verb} missing; {untouched}")
    for name, columns in expected.items():
        lost = [c for c in columns if c not in structure[name]]
        if lost:
            raise StoreError(
                f"{label} is damaged: the table {name.split(':', 1)[1]} has no column {', '.join(lost)}; {untouched}"
            )
    return version


def foreign(label: str, tables: list[str], what: str = "a database") -> StoreError:
    shown = ", ".join(tables[:8]) + (", …" if len(tables) > 8 else "")
    return StoreError(
        f"{label} is {what} of another program, not a maturity database "
        f"(its tables: {shown or 'none'}); {UNTOUCHED}"
    )


def name_parts(names: list[str]) -> str:
    """ "table x, index y" for ["table:x", "index:y"]."""
    return ", ".join(n.replace(":", " ", 1) for n in names[:6]) + (", …" if len(names) > 6 else "")


def sqlite_structure(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """The tables (with their columns), indexes and triggers of a database, by 'kind:name'."""
    out: dict[str, list[str]] = {}
    for kind, name in conn.execute("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall():
        columns = []
        if kind == "table":
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{name}")').fetchall()]
        out[f"{kind}:{name}"] = columns
    return out
