"""The uniqueness rules the store keeps inside a write transaction.

Writers take the write lock when their transaction begins (SQLite's BEGIN IMMEDIATE, the
server's advisory lock), so a check made inside it sees every write committed before and none
can slip in between the check and the write: processes saving at once cannot both pass.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, and_, select

from . import schema as t


def same_day(conn: Connection, org_id: int, digest: str, day: dt.date) -> list[int]:
    """The organisation's (not withdrawn) assessments completed on ``day`` with content hash
    ``digest``."""
    rows = conn.execute(
        select(t.assessments.c.id, t.assessments.c.completed)
        .outerjoin(t.withdrawals, t.withdrawals.c.assessment_id == t.assessments.c.id)
        .where(and_(t.assessments.c.org_id == org_id, t.assessments.c.content_hash == digest,
                    t.withdrawals.c.assessment_id.is_(None)))
    ).all()
    return [r.id for r in rows if r.completed and r.completed[:10] == day.isoformat()]


def open_investments(conn: Connection, org_id: int, capability_id: str) -> list[int]:
    """The organisation's investments in the capability that are neither closed nor withdrawn."""
    i = t.investments
    rows = conn.execute(
        select(i.c.id).where(and_(i.c.org_id == org_id, i.c.capability_id == capability_id,
                                  i.c.closed_on.is_(None), i.c.withdrawn.is_(None))).order_by(i.c.id)
    ).all()
    return [int(r.id) for r in rows]
