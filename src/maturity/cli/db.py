"""`maturity db status` and `maturity db copy FROM TO`: the database itself.

Thin commands over `Store.status` and `maturity.store.copy`; a PostgreSQL URL is shown with its
password masked.
"""

from __future__ import annotations

from typing import Any

import click

from .context import Session, pass_session
from .output import echo, echo_json, with_version
from .root import cli


@cli.group(short_help="The database: where it is, what it holds; copy it to another.")
def db() -> None:
    """The database that --db (or MATURITY_DB) names: an SQLite file or a PostgreSQL URL,
    postgresql+psycopg://USER@HOST:PORT/DBNAME (needs `pip install 'maturity[postgres]'`)."""


@db.command("status", short_help="The backend, the schema version and what the database holds.")
@click.option("--json", "json_", is_flag=True, help="Print JSON.")
@pass_session
def db_status(session: Session, json_: bool) -> None:
    """Show which database is used, its schema version and how much it holds."""
    from ..store import open_store

    from .stores import tell_notices

    with open_store(session.db, create=False, readonly=True) as store:
        tell_notices(store)
        status = store.status()
    if json_:
        echo_json(with_version(status))
        return
    for label, value in _status_lines(status):
        echo(f"{label:<15}{value}")


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _status_lines(status: dict[str, Any]) -> list[tuple[str, str]]:
    if status["backend"] == "postgresql":
        server = status["server"]
        where = f"{server['host']}" + (f":{server['port']}" if server["port"] else "")
        lines = [
            ("Backend", f"PostgreSQL {server['version']}"),
            ("Database", status["location"]),
            ("Connected", f"as {server['user']} to {server['database']} on {where}"),
        ]
    else:
        file = status["file"]
        size = f" ({file['bytes'] / 1e6:,.1f} MB)" if file["path"] else ""
        lines = [("Backend", "SQLite"), ("Database", f"{status['location']}{size}")]
    schema = status["database_schema"]
    latest = status["latest_database_schema"]
    lines.append(("Schema", f"{schema}" + (" (current)" if schema == latest else f" (this maturity writes {latest})")))
    lines += [
        ("Organisations", f"{status['organisations']:,}"),
        ("Assessments", f"{status['assessments']:,} completed, {_plural(status['drafts'], 'draft')}, "
                        f"{status['withdrawn']:,} withdrawn; {_plural(status['answers'], 'answer')}"),
        ("Investments", f"{status['investments']:,}"),
    ]
    return lines


@db.command("copy", short_help="Copy everything into another, empty database (SQLite ⇄ PostgreSQL).")
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO")
def db_copy(source: str, target: str) -> None:
    """Copy every organisation, assessment and investment from FROM into TO, ids included.

    FROM and TO are SQLite files or PostgreSQL URLs. TO is created when missing and must hold
    nothing yet; the copy is one transaction, so a failed one leaves TO empty. FROM is only
    read.
    """
    from ..common.errors import StoreError
    from ..store import open_store
    from ..store.copy import copy_database

    from .stores import tell_notices

    with open_store(source, create=False, readonly=True) as src:
        with open_store(target) as dst:
            tell_notices(src)
            tell_notices(dst)
            if _same(src, dst):
                raise StoreError(f"FROM and TO are the same database ({src.location}); give another TO")
            report = copy_database(src, dst)
            shown_from, shown_to = src.location, dst.location
    rows = report.rows
    echo(
        f"Copied {_plural(report.organisations, 'organisation')}, {_plural(report.assessments, 'assessment')} "
        f"({_plural(rows.get('answers', 0), 'answer')}) and {_plural(rows.get('investments', 0), 'investment')} "
        f"from {shown_from} to {shown_to}."
    )


def _same(a: Any, b: Any) -> bool:
    import os

    if a.backend != b.backend:
        return False
    if a.backend == "sqlite":
        return os.path.realpath(a.location) == os.path.realpath(b.location)
    return bool(a.location == b.location)
