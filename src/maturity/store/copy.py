"""Copying a whole database into another, empty one: SQLite to PostgreSQL and back.

Everything is copied row for row, ids included, so that assessment numbers (`maturity diff 3 7`)
and investment numbers mean the same in the copy; the tables and columns are those of
`schema.py`, so a table that a later schema adds is copied too. The source is read in one
snapshot, the target written in one transaction: a copy that fails leaves the target empty.

A completed assessment cannot be written with its answers in one go (the database refuses
answers to a completed assessment), so each is written as it was sealed: as a draft, its
answers, then completed, without changing a stored value. An organisation's open draft comes
last, since an organisation has at most one draft at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from sqlalchemy import Connection, Table, func, insert, select, text, update

from ..common.errors import StoreError
from . import schema as t
from .counts import data_tables, row_counts
from .store import Store

CHUNK = 500


@dataclass
class CopyReport:
    """How many rows of each table were copied."""

    rows: dict[str, int] = field(default_factory=dict)

    @property
    def organisations(self) -> int:
        return self.rows.get(t.orgs.name, 0)

    @property
    def assessments(self) -> int:
        return self.rows.get(t.assessments.name, 0)


def _rows(conn: Connection, table: Table, where: Any = None) -> Iterator[list[dict[str, Any]]]:
    query = select(table).order_by(*table.primary_key.columns)
    if where is not None:
        query = query.where(where)
    result = conn.execution_options(yield_per=CHUNK).execute(query)
    for part in result.partitions():
        yield [dict(row._mapping) for row in part]


def copy_database(source: Store, target: Store, progress: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy everything in ``source`` into ``target``, which must hold nothing yet."""
    if source.schema_version() != target.schema_version():  # both were brought up to date on open
        raise StoreError(
            f"{source.location} is at schema {source.schema_version()} and {target.location} at "
            f"{target.schema_version()}; open both with the same maturity"
        )
    report = CopyReport()
    with source._snapshot() as src, target._tx(write=True) as dst:
        held = {name: n for name, n in row_counts(dst).items() if n}
        if held:
            what = ", ".join(f"{name}: {n:,}" for name, n in held.items())
            raise StoreError(
                f"{target.location} holds data already ({what}); db copy writes only into a new or empty "
                "database, and nothing was copied"
            )
        for table in data_tables():
            if table is t.answers:
                continue  # written with their assessments
            if table is t.assessments:
                count = _copy_assessments(src, dst)
            else:
                count = 0
                for chunk in _rows(src, table):
                    dst.execute(insert(table), chunk)
                    count += len(chunk)
            report.rows[table.name] = count
            if progress is not None:
                progress(table.name, count)
        report.rows[t.answers.name] = int(dst.execute(select(func.count()).select_from(t.answers)).scalar() or 0)
        if dst.dialect.name == "postgresql":
            _advance_sequences(dst)
        copied = row_counts(dst)
    expected = row_counts_of(source)
    if copied != expected:  # pragma: no cover - a safety net, not a path
        raise StoreError(f"the copy into {target.location} does not match its source ({copied} != {expected})")
    return report


def row_counts_of(store: Store) -> dict[str, int]:
    with store._snapshot() as conn:
        return row_counts(conn)


def _copy_assessments(src: Connection, dst: Connection) -> int:
    a = t.assessments
    count = 0
    for status in ("completed", "draft"):
        for chunk in _rows(src, a, a.c.status == status):
            ids = [row["id"] for row in chunk]
            answers: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
            for part in _rows(src, t.answers, t.answers.c.assessment_id.in_(ids)):
                for row in part:
                    answers[row["assessment_id"]].append(row)
            for row in chunk:
                dst.execute(insert(a).values({**row, "status": "draft"}))
                if answers[row["id"]]:
                    dst.execute(insert(t.answers), answers[row["id"]])
                if status == "completed":
                    dst.execute(update(a).where(a.c.id == row["id"]).values(status="completed"))
            count += len(chunk)
    return count


def _advance_sequences(conn: Connection) -> None:
    """Rows copied with their ids leave PostgreSQL's id sequences behind: move them on."""
    for table in data_tables():
        if "id" in table.c and table.c.id.primary_key:
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
                f"FROM {table.name}"
            ))


__all__ = ["CopyReport", "copy_database", "row_counts"]
