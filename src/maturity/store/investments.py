"""Investments: planned cost and dates, actual costs, KPI measurements and benefits."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from sqlalchemy import Connection, and_, insert, select, update

from ..common.errors import StoreError
from . import schema as t
from .base import StoreBase, _check_day, _day, _finite, _parse_day, _parse_ts, _ts, now
from .duplicates import open_investments
from .errors import Duplicate
from .models import COST_KINDS, Benefit, CostEntry, Investment, Measurement


class InvestmentStore(StoreBase):
    """The investment half of `Store`."""

    def add_investment(
        self,
        org: str,
        capability_id: str,
        planned_cost: float,
        start: dt.date | None = None,
        end: dt.date | None = None,
        kpi: str = "",
        baseline: float | None = None,
        target: float | None = None,
        notes: str = "",
        *,
        unit: str = "",
        target_on: dt.date | None = None,
        hourly_rate: float | None = None,
        only_open: bool = False,
    ) -> int:
        """Record an accepted recommendation with its planned cost, dates and KPI. With
        ``only_open``, an open investment of the organisation in the capability raises Duplicate,
        checked inside the write transaction (see `duplicates.py`)."""
        if not capability_id:
            raise StoreError("an investment needs a capability id")
        planned = _finite("the planned cost", planned_cost, minimum=0)
        baseline = _finite("the KPI baseline", baseline)
        target = _finite("the KPI target", target)
        hourly_rate = _finite("the hourly rate", hourly_rate, minimum=0)
        if baseline is not None and baseline == target:
            raise StoreError(
                f"the KPI target equals its baseline ({baseline:g}): give as target the value aimed for, "
                "different from the value before the investment"
            )
        _check_day("the start date", start)
        _check_day("the end date", end)
        _check_day("the target date", target_on)
        if start and end and end < start:
            raise StoreError(f"the investment ends ({end}) before it starts ({start})")
        with self._tx(write=True) as conn:
            org_row = self._org_row(conn, org)
            same = open_investments(conn, org_row.id, capability_id) if only_open else []
            if same:
                ids = ", ".join(f"#{i}" for i in same)
                raise Duplicate(f"{org_row.name} already has an open investment in {capability_id} ({ids})", same)
            new_id = conn.execute(
                insert(t.investments).values(
                    org_id=org_row.id, capability_id=capability_id, planned_cost=planned,
                    start_on=_day(start), end_on=_day(end), kpi=kpi.strip(), unit=unit.strip(),
                    baseline=baseline, target=target, target_on=_day(target_on), hourly_rate=hourly_rate,
                    notes=notes, created=_ts(now()), withdrawn_reason="",
                )
            ).inserted_primary_key[0]
            return int(new_id)

    def _investment_row(self, conn: Connection, investment_id: int) -> Any:
        if isinstance(investment_id, int) and investment_id < 1:
            raise StoreError(
                f"there is no investment #{investment_id}: investment numbers start at 1; `maturity invest list` lists them"
            )
        row = conn.execute(select(t.investments).where(t.investments.c.id == investment_id)).first()
        if row is None:
            raise StoreError(f"unknown investment #{investment_id} in {self.location}; `maturity invest list` lists them")
        return row

    def _load_investments(self, conn: Connection, where: Any) -> list[Investment]:
        rows = conn.execute(
            select(t.investments, t.orgs.c.name.label("org_name"))
            .join(t.orgs, t.orgs.c.id == t.investments.c.org_id)
            .where(where)
            .order_by(t.investments.c.id)
        ).all()
        if not rows:
            return []
        ids = [r.id for r in rows]
        costs: dict[int, list[CostEntry]] = {i: [] for i in ids}
        values: dict[int, list[Measurement]] = {i: [] for i in ids}
        gains: dict[int, list[Benefit]] = {i: [] for i in ids}
        for c in conn.execute(select(t.costs).where(t.costs.c.investment_id.in_(ids)).order_by(t.costs.c.on_date, t.costs.c.id)):
            costs[c.investment_id].append(CostEntry(id=c.id, kind=c.kind, amount=c.amount, on=_parse_day(c.on_date), note=c.note))
        for m in conn.execute(
            select(t.measurements).where(t.measurements.c.investment_id.in_(ids)).order_by(t.measurements.c.on_date, t.measurements.c.id)
        ):
            values[m.investment_id].append(Measurement(id=m.id, value=m.value, on=_parse_day(m.on_date), note=m.note))
        for b in conn.execute(select(t.benefits).where(t.benefits.c.investment_id.in_(ids)).order_by(t.benefits.c.on_date, t.benefits.c.id)):
            gains[b.investment_id].append(Benefit(id=b.id, amount=b.amount, on=_parse_day(b.on_date), note=b.note))
        return [
            Investment(
                id=r.id, org=r.org_name, capability_id=r.capability_id, planned_cost=r.planned_cost,
                start=_parse_day(r.start_on), end=_parse_day(r.end_on), kpi=r.kpi, unit=r.unit,
                baseline=r.baseline, target=r.target, target_on=_parse_day(r.target_on), hourly_rate=r.hourly_rate,
                notes=r.notes, created=_parse_ts(r.created), before_id=r.before_id, after_id=r.after_id,
                costs=costs[r.id], measurements=values[r.id], benefits=gains[r.id],
                closed_on=_parse_day(r.closed_on), withdrawn=_parse_ts(r.withdrawn), withdrawn_reason=r.withdrawn_reason or "",
            )
            for r in rows
        ]

    def investments(self, org: str, *, withdrawn: bool = False) -> list[Investment]:
        """The organisation's investments; withdrawn ones only with ``withdrawn=True``."""
        with self._tx() as conn:
            org_row = self._org_row(conn, org)
            where = t.investments.c.org_id == org_row.id
            if not withdrawn:
                where = and_(where, t.investments.c.withdrawn.is_(None))
            return self._load_investments(conn, where)

    def edit_investment(self, investment_id: int, **changes: Any) -> Investment:
        """Change what was planned: any of planned_cost, start, end, kpi, unit, baseline,
        target, target_on, hourly_rate, notes (the recorded costs and measurements stay)."""
        allowed = {"planned_cost", "start", "end", "kpi", "unit", "baseline", "target", "target_on", "hourly_rate", "notes"}
        unknown = set(changes) - allowed
        if unknown:
            raise StoreError(f"an investment has no field {', '.join(sorted(unknown))}")
        current = self.get_investment(investment_id)
        merged = current.model_dump() | changes
        planned = _finite("the planned cost", merged["planned_cost"], minimum=0)
        baseline = _finite("the KPI baseline", merged["baseline"])
        target = _finite("the KPI target", merged["target"])
        hourly_rate = _finite("the hourly rate", merged["hourly_rate"], minimum=0)
        if baseline is not None and baseline == target:
            raise StoreError(f"the KPI target equals its baseline ({baseline:g}): give as target the value aimed for")
        for name, key in (("the start date", "start"), ("the end date", "end"), ("the target date", "target_on")):
            _check_day(name, merged[key])
        if merged["start"] and merged["end"] and merged["end"] < merged["start"]:
            raise StoreError(f"the investment ends ({merged['end']}) before it starts ({merged['start']})")
        with self._tx(write=True) as conn:
            self._investment_row(conn, investment_id)
            conn.execute(
                update(t.investments).where(t.investments.c.id == investment_id).values(
                    planned_cost=planned, start_on=_day(merged["start"]), end_on=_day(merged["end"]),
                    kpi=str(merged["kpi"]).strip(), unit=str(merged["unit"]).strip(), baseline=baseline, target=target,
                    target_on=_day(merged["target_on"]), hourly_rate=hourly_rate, notes=merged["notes"],
                )
            )
        return self.get_investment(investment_id)

    def close_investment(self, investment_id: int, on: dt.date | None) -> Investment:
        """Mark an investment finished on ``on`` (None reopens it)."""
        _check_day("the closing date", on)
        with self._tx(write=True) as conn:
            row = self._investment_row(conn, investment_id)
            if on is not None and row.start_on and _day(on) < row.start_on:
                raise StoreError(f"investment #{investment_id} starts on {row.start_on}; it cannot be closed before that")
            conn.execute(update(t.investments).where(t.investments.c.id == investment_id).values(closed_on=_day(on)))
        return self.get_investment(investment_id)

    def withdraw_investment(self, investment_id: int, reason: str = "") -> Investment:
        """Mark an investment recorded by mistake (a duplicate) as withdrawn; undoable."""
        with self._tx(write=True) as conn:
            row = self._investment_row(conn, investment_id)
            if row.withdrawn:
                raise StoreError(f"investment #{investment_id} was already withdrawn on {row.withdrawn[:10]}")
            conn.execute(
                update(t.investments).where(t.investments.c.id == investment_id)
                .values(withdrawn=_ts(now()), withdrawn_reason=reason.strip())
            )
        return self.get_investment(investment_id)

    def restore_investment(self, investment_id: int) -> Investment:
        with self._tx(write=True) as conn:
            row = self._investment_row(conn, investment_id)
            if not row.withdrawn:
                raise StoreError(f"investment #{investment_id} is not withdrawn; there is nothing to restore")
            conn.execute(
                update(t.investments).where(t.investments.c.id == investment_id).values(withdrawn=None, withdrawn_reason="")
            )
        return self.get_investment(investment_id)

    def get_investment(self, investment_id: int) -> Investment:
        with self._tx() as conn:
            self._investment_row(conn, investment_id)
            return self._load_investments(conn, t.investments.c.id == investment_id)[0]

    def record_cost(
        self,
        investment_id: int,
        kind: Literal["one_off", "yearly", "internal_hours"],
        amount: float,
        on: dt.date,
        note: str = "",
    ) -> None:
        """An actual cost: a one-off amount, a yearly amount (recurring from `on`), or hours."""
        if kind not in COST_KINDS:
            raise StoreError(f"unknown cost kind {kind!r}; use one of: {', '.join(COST_KINDS)}")
        value = _finite("a cost", amount, minimum=0)
        _check_day("the date of the cost", on)
        with self._tx(write=True) as conn:
            self._investment_row(conn, investment_id)
            conn.execute(insert(t.costs).values(investment_id=investment_id, kind=kind, amount=value, on_date=_day(on), note=note))

    def record_measurement(self, investment_id: int, value: float, on: dt.date, note: str = "") -> None:
        number = _finite("a KPI measurement", value)
        _check_day("the date of the measurement", on)
        with self._tx(write=True) as conn:
            self._investment_row(conn, investment_id)
            conn.execute(
                insert(t.measurements).values(investment_id=investment_id, value=number, on_date=_day(on), note=note)
            )

    def record_benefit(self, investment_id: int, amount: float, on: dt.date, note: str = "") -> None:
        value = _finite("a benefit", amount, minimum=0)
        _check_day("the date of the benefit", on)
        with self._tx(write=True) as conn:
            self._investment_row(conn, investment_id)
            conn.execute(insert(t.benefits).values(investment_id=investment_id, amount=value, on_date=_day(on), note=note))

    def link_assessments(self, investment_id: int, before: int | None, after: int | None) -> None:
        """Pin the assessments before and after an investment (otherwise found from the dates)."""
        with self._tx(write=True) as conn:
            inv = self._investment_row(conn, investment_id)
            when: dict[int, str] = {}
            for role, aid in (("before", before), ("after", after)):
                if aid is None:
                    continue
                row = conn.execute(select(t.assessments).where(t.assessments.c.id == aid)).first()
                if row is None:
                    raise self._no_assessment(conn, aid)
                if row.org_id != inv.org_id:
                    raise StoreError(f"assessment #{aid} belongs to another organisation than investment #{investment_id}")
                if row.status != "completed":
                    raise StoreError(f"assessment #{aid} is a draft; link completed assessments only")
                when[aid] = row.completed
            if before is not None and before == after:
                raise StoreError(
                    f"assessment #{before} cannot be both before and after investment #{investment_id}; "
                    "give an earlier assessment as --before and a later one as --after"
                )
            if before is not None and after is not None and when[before] > when[after]:
                raise StoreError(f"assessment #{before} was completed after #{after}; give the earlier one as --before")
            conn.execute(update(t.investments).where(t.investments.c.id == investment_id).values(before_id=before, after_id=after))
