"""The Store: organisations, assessments and investments kept in one database.

Every public method that writes runs in exactly one transaction; a completed assessment is
immutable (the database itself refuses changes to it). Everything that goes wrong with the
database or with what is asked of it raises StoreError with a message for the user.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import insert, select, update

from ..common.errors import StoreError
from . import schema as t
from .assessments import AssessmentStore
from .base import _day, _ts
from .investments import InvestmentStore


class Store(AssessmentStore, InvestmentStore):
    """A maturity database. Open one with `maturity.store.open_store`."""

    def status(self) -> dict[str, Any]:
        """What `maturity db status` shows: the backend, where it is, its schema, and counts."""
        from sqlalchemy import and_, func, text

        from .counts import row_counts
        from .migrations import latest_version

        a, w = t.assessments, t.withdrawals
        with self._snapshot() as conn:
            rows = row_counts(conn)
            version = self._read_version(conn)

            def count(where: Any) -> int:
                query = select(func.count()).select_from(a.outerjoin(w, w.c.assessment_id == a.c.id)).where(where)
                return int(conn.execute(query).scalar() or 0)

            out: dict[str, Any] = {
                "backend": self.backend,
                "location": self.location,
                "database_schema": version,
                "latest_database_schema": latest_version(),
                "organisations": rows[t.orgs.name],
                "assessments": count(and_(a.c.status == "completed", w.c.assessment_id.is_(None))),
                "withdrawn": rows[t.withdrawals.name],
                "drafts": count(a.c.status == "draft"),
                "answers": rows[t.answers.name],
                "investments": rows[t.investments.name],
            }
            if self.backend == "postgresql":
                server = conn.execute(text(
                    "SELECT current_user AS user, current_database() AS database, "
                    "COALESCE(host(inet_server_addr()), 'local socket') AS host, inet_server_port() AS port, "
                    "current_setting('server_version') AS version"
                )).one()
                out["server"] = {"host": server.host, "port": server.port, "database": server.database,
                                 "user": server.user, "version": server.version}
        if self.backend == "sqlite":
            from pathlib import Path

            path = Path(self.location)
            if path.is_file():  # not an in-memory database; its write-ahead log counts too
                size = sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
                out["file"] = {"path": str(path), "bytes": size}
            else:
                out["file"] = {"path": None, "bytes": 0}
        return out

    @staticmethod
    def _read_version(conn: Any) -> int:
        from .migrations import read_version

        return read_version(conn) or 0

    # -- export and import -----------------------------------------------------------------

    def export_org(self, org: str) -> dict[str, Any]:
        """Everything stored about one organisation, as a JSON-ready document."""
        from .transfer import export_document

        with self._tx() as conn:
            org_row = self._org_row(conn, org)
            assessments = self._load_assessments(conn, t.assessments.c.org_id == org_row.id)
            investments = self._load_investments(conn, t.investments.c.org_id == org_row.id)  # withdrawn too
        assessments.sort(key=lambda a: a.id)
        return export_document(self._org(org_row), assessments, investments)

    def import_org(self, data: dict[str, Any], name: str | None = None) -> str:
        """Add an exported organisation (under ``name`` if given); returns its name.

        All or nothing: one transaction. An organisation of the same name is never merged into.
        """
        from .transfer import parse_document

        doc = parse_document(data)
        org_name = (name or doc.organisation.name).strip()
        with self._tx(write=True) as conn:
            exists = conn.execute(select(t.orgs.c.name).where(t.orgs.c.name == org_name)).first()
            if exists is not None:
                raise StoreError(
                    f"organisation {exists.name!r} already exists in {self.location}; import under another name with --as NAME"
                )
            org_row = self._insert_org(conn, org_name, doc.organisation.created)
            ids: dict[int, int] = {}
            for a in doc.assessments:
                new_id = conn.execute(
                    insert(t.assessments).values(
                        org_id=org_row.id, status="draft", created=_ts(a.created), updated=_ts(a.updated),
                        profile=a.profile.model_dump_json(),
                        questionnaires=json.dumps(a.questionnaires, sort_keys=True),
                        versions=json.dumps(a.versions, sort_keys=True),
                        plugin_versions=json.dumps(a.plugin_versions, sort_keys=True),
                        position=a.position,
                    )
                ).inserted_primary_key[0]
                self._insert_answers(conn, new_id, a.answers, _ts(a.updated))
                self._insert_respondents(conn, new_id, a.respondents, _ts(a.updated))
                if a.status == "completed":
                    # sealed exactly as exported: same timestamps, result and hash
                    conn.execute(
                        update(t.assessments)
                        .where(t.assessments.c.id == new_id)
                        .values(
                            status="completed", completed=_ts(a.completed), updated=_ts(a.updated),
                            result=a.result.model_dump_json(), content_hash=a.content_hash,
                        )
                    )
                if a.withdrawn is not None:
                    conn.execute(insert(t.withdrawals).values(assessment_id=new_id, withdrawn=_ts(a.withdrawn), reason=a.withdrawn_reason))
                ids[a.ref] = int(new_id)
            for inv in doc.investments:
                inv_id = conn.execute(
                    insert(t.investments).values(
                        org_id=org_row.id, capability_id=inv.capability_id, planned_cost=inv.planned_cost,
                        start_on=_day(inv.start), end_on=_day(inv.end), kpi=inv.kpi, unit=inv.unit,
                        baseline=inv.baseline, target=inv.target, target_on=_day(inv.target_on),
                        hourly_rate=inv.hourly_rate, notes=inv.notes, created=_ts(inv.created),
                        before_id=ids.get(inv.before) if inv.before else None,
                        after_id=ids.get(inv.after) if inv.after else None,
                        closed_on=_day(inv.closed_on), withdrawn=_ts(inv.withdrawn) if inv.withdrawn else None,
                        withdrawn_reason=inv.withdrawn_reason,
                    )
                ).inserted_primary_key[0]
                for c in inv.costs:
                    conn.execute(insert(t.costs).values(investment_id=inv_id, kind=c.kind, amount=c.amount, on_date=_day(c.on), note=c.note))
                for m in inv.measurements:
                    conn.execute(insert(t.measurements).values(investment_id=inv_id, value=m.value, on_date=_day(m.on), note=m.note))
                for b in inv.benefits:
                    conn.execute(insert(t.benefits).values(investment_id=inv_id, amount=b.amount, on_date=_day(b.on), note=b.note))
            return str(org_row.name)


__all__ = ["Store"]
