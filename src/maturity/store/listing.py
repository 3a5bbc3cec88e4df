"""The organisations and where each stands, read with the standard library alone.

The terminal app lists the organisations on its first screen before the full store (SQLAlchemy
and the assessment models) has loaded: this reads the same facts `Store.orgs`, `Store.draft` and
`Store.assessments` give, from an SQLite file opened read-only, in one query (waiting at most
0.2 s for a writer that holds the file: the app reads it before its first screen). It answers None
whenever it cannot be sure: a PostgreSQL server, a file that is not this program's database or
is of another schema version, any SQLite error. The caller then waits for the store, which says
what is wrong. Nothing here writes, creates a file or takes a lock.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

#: The schema version whose tables the query below reads (tests/store check it is the latest).
READS_SCHEMA = 3

_QUERY = """
SELECT o.name,
       d.created,
       (SELECT count(*) FROM answers WHERE assessment_id = d.id),
       (SELECT count(*) FROM assessments a LEFT JOIN withdrawals w ON w.assessment_id = a.id
         WHERE a.org_id = o.id AND a.status = 'completed' AND w.assessment_id IS NULL),
       (SELECT max(a.completed) FROM assessments a LEFT JOIN withdrawals w ON w.assessment_id = a.id
         WHERE a.org_id = o.id AND a.status = 'completed' AND w.assessment_id IS NULL)
FROM orgs o
LEFT JOIN assessments d ON d.id = (SELECT max(id) FROM assessments WHERE org_id = o.id AND status = 'draft')
ORDER BY o.name
"""


@dataclass(frozen=True)
class Standing:
    """An organisation as its first screen lists it."""

    name: str
    #: when its open draft was started, and how many answers it holds (None: no draft)
    draft_started: dt.datetime | None
    draft_answers: int
    #: completed assessments, withdrawn ones left out, and when the last was completed
    completed: int
    last_completed: dt.datetime | None


def default_db_path() -> Path:
    """The database used when neither `--db` nor MATURITY_DB names one."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("maturity", appauthor=False)) / "maturity.db"


def list_orgs(location: str | os.PathLike[str] | None = None) -> list[Standing] | None:
    """Every organisation of the SQLite database at `location` (None: MATURITY_DB or the default
    file), by name; an empty list when the file does not exist yet; None when this cannot be
    read here for sure (see the module's docstring)."""
    path = _file(location)
    if path is None:
        return None
    if not path.exists():
        return []
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
    except (sqlite3.Error, ValueError, OSError):
        return None
    try:
        meta = dict(conn.execute("SELECT key, value FROM maturity_meta").fetchall())
        if meta.get("application") != "maturity" or meta.get("schema_version") != str(READS_SCHEMA):
            return None
        return [
            Standing(name, _when(started), int(answers or 0) if started else 0, int(done or 0), _when(last))
            for name, started, answers, done, last in conn.execute(_QUERY)
        ]
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()


def _file(location: str | os.PathLike[str] | None) -> Path | None:
    chosen = str(location) if location is not None and str(location) != "" else os.environ.get("MATURITY_DB") or ""
    if not chosen:
        return default_db_path()
    if chosen == ":memory:" or "://" in chosen:
        return None  # a server, an in-memory database or a URL: the store reads those
    try:
        return Path(chosen).expanduser()
    except RuntimeError:
        return None


def _when(stamp: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(stamp) if stamp else None
