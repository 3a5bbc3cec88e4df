"""How many rows each table of a database holds: for `maturity db status` and to check a copy."""

from __future__ import annotations

from sqlalchemy import Connection, Table, func, select

from . import schema as t


def data_tables() -> list[Table]:
    """Every table of the schema but maturity_meta, parents before children."""
    return [table for table in t.metadata.sorted_tables if table is not t.meta]


def row_counts(conn: Connection) -> dict[str, int]:
    return {table.name: int(conn.execute(select(func.count()).select_from(table)).scalar() or 0) for table in data_tables()}


__all__ = ["data_tables", "row_counts"]
