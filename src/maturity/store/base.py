"""The store's foundation: the connection, transactions that turn database errors into
StoreErrors, timestamps, and organisations."""

from __future__ import annotations

import datetime as dt
import difflib
import math
from contextlib import contextmanager
from typing import Any, Iterator, TypeVar

from sqlalchemy import Connection, Engine, and_, case, delete, func, insert, select, update
from sqlalchemy import exc as sa_exc

from ..common.errors import StoreError
from . import schema as t
from .migrations import POSTGRESQL_LOCK, latest_version, migrate, read_version
from .models import Org, OrgSummary

UTC = dt.timezone.utc
_S = TypeVar("_S", bound="StoreBase")


def now() -> dt.datetime:
    return dt.datetime.now(UTC)


#: the days the store accepts: anything outside is a typing mistake, not a business date
EARLIEST_DAY = dt.date(1900, 1, 1)
LATEST_DAY = dt.date(2100, 12, 31)


def _check_day(name: str, value: dt.date | dt.datetime | None) -> None:
    """Refuse a day outside EARLIEST_DAY to LATEST_DAY, naming what it is the date of."""
    if value is None:
        return
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise StoreError(
            f"{name} {day.isoformat()} is not a plausible date: give a day between "
            f"{EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()}"
        )


def _ts(value: dt.datetime, name: str = "the date") -> str:
    _check_day(name, value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    # fixed width (the year zero-padded to four digits), so that text order is time order
    return (
        f"{value.year:04d}-{value.month:02d}-{value.day:02d}T"
        f"{value.hour:02d}:{value.minute:02d}:{value.second:02d}.{value.microsecond:06d}+00:00"
    )


def _padded_year(value: str) -> str:
    """A stored date whose year was written without its leading zeros, written with them."""
    year, sep, rest = value.partition("-")
    if sep and year.isdigit() and len(year) < 4:
        return year.zfill(4) + sep + rest
    return value


def _parse_ts(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return dt.datetime.fromisoformat(_padded_year(value))


def _day(value: dt.date | None, name: str = "the date") -> str | None:
    if value is None:
        return None
    _check_day(name, value)
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _parse_day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return dt.date.fromisoformat(_padded_year(value))


def _finite(name: str, value: float | None, *, minimum: float | None = None) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise StoreError(f"{name} must be a number, not {value!r}")
    if minimum is not None and value < minimum:
        raise StoreError(f"{name} must be {minimum:g} or more, not {value:g}")
    return float(value)


def _check_name(name: str) -> None:
    """Refuse an organisation name that could not be shown or typed back."""
    from ..common.termtext import has_control, shown

    if len(name) > 200:
        raise StoreError("an organisation name is at most 200 characters")
    if has_control(name):
        raise StoreError(
            f"the organisation name '{shown(name)}' holds a control character (such as a line break, "
            "an escape or NUL); give a name of plain text"
        )


class StoreBase:
    """The connection and the organisations; `Store` adds assessments and investments."""

    def __init__(self, engine: Engine, location: str, *, readonly: bool = False) -> None:
        self._engine = engine
        self.location = location
        #: opened for reading only (SQLite mode=ro): every write raises StoreError
        self.readonly = readonly
        #: why it was opened for reading only, said at the first write
        self.readonly_reason = ""
        #: warnings about the database for the user (a file others can read), said once on open
        self.notices: list[str] = []

    # -- life cycle ------------------------------------------------------------------------

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int:
        with self._tx() as conn:
            return read_version(conn) or 0

    def _migrate(self) -> list[int]:
        try:
            with self._tx(write=True) as conn:
                return migrate(conn)
        except StoreError:
            raise
        except Exception as exc:  # a failed step rolls back with its transaction
            raise StoreError(
                f"could not upgrade the database {self.location} to schema {latest_version()} "
                f"({type(exc).__name__}: {exc}); it was left as it was"
            ) from None

    def _snapshot(self) -> Any:
        """A read transaction that sees one state of the database throughout (SQLite's read
        transactions do; PostgreSQL's need REPEATABLE READ)."""
        return self._tx(snapshot=True)

    @contextmanager
    def _tx(self, write: bool = False, *, snapshot: bool = False) -> Iterator[Connection]:
        """One transaction; database errors become StoreErrors that say what to do."""
        if write and self.readonly:
            raise StoreError(self.readonly_reason or f"the database {self.location} was opened for reading only")
        try:
            with self._engine.connect() as conn:
                if write:
                    conn = conn.execution_options(maturity_write=True)
                if snapshot and self.backend == "postgresql":
                    conn = conn.execution_options(isolation_level="REPEATABLE READ")
                with conn.begin():
                    if write and self.backend == "postgresql":
                        # the store's writes check, then write, as SQLite's one writer at a time
                        # may; on the server one write transaction at a time keeps that true
                        # (readers never wait). SQLite takes its lock at BEGIN IMMEDIATE.
                        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({POSTGRESQL_LOCK})")
                    yield conn
        except sa_exc.IntegrityError as exc:
            raise StoreError(self._integrity_message(exc)) from None
        except sa_exc.OperationalError as exc:
            text = self._driver_text(exc)
            if "locked" in text or "busy" in text or "lock timeout" in text:
                raise StoreError(
                    f"the database {self.location} is busy: another program kept it locked for too long; try again"
                ) from None
            if "readonly" in text or "read-only" in text:
                raise StoreError(f"cannot write to the database {self.location}: it is read-only") from None
            raise StoreError(f"cannot use the database {self.location}: {text}") from None
        except sa_exc.DatabaseError as exc:
            text = self._driver_text(exc)
            if self.backend == "postgresql":
                if getattr(exc.orig, "sqlstate", None) == "42501" and write:  # insufficient privilege
                    raise StoreError(
                        f"cannot write to the database {self.location}: this user may only read it ({text}); "
                        "connect as a user granted INSERT, UPDATE and DELETE on its tables"
                    ) from None
                if getattr(exc.orig, "sqlstate", None) == "42501":
                    raise StoreError(
                        f"cannot read the database {self.location}: this user may not ({text}); a reader needs "
                        "USAGE on its schema and SELECT on all its tables"
                    ) from None
                if "read-only transaction" in text:
                    raise StoreError(f"cannot write to the database {self.location}: it was opened for reading only") from None
                if "does not exist" in text:
                    raise StoreError(f"the database {self.location} is damaged: {text}") from None
                raise StoreError(f"cannot use the database {self.location}: {text}") from None
            raise StoreError(f"the database {self.location} is damaged: {text}") from None

    @property
    def backend(self) -> str:
        """The kind of database: "sqlite" or "postgresql"."""
        return str(self._engine.dialect.name)

    def _driver_text(self, exc: sa_exc.DBAPIError) -> str:
        """The driver's message on one line; for a server, with its password masked."""
        orig = exc.orig
        primary = getattr(getattr(orig, "diag", None), "message_primary", None)
        text = " ".join(str(primary or orig).split())
        url = self._engine.url
        given = url.query.get("password")
        for secret in [url.password, *([given] if isinstance(given, str) else list(given or ()))]:
            if secret:
                text = text.replace(str(secret), "***")
        return text

    def _integrity_message(self, exc: sa_exc.IntegrityError) -> str:
        text = self._driver_text(exc)
        if "completed assessment" in text:
            return text
        return f"the database refused the change: {text}"

    # -- organisations ---------------------------------------------------------------------

    @staticmethod
    def _org(row: Any) -> Org:
        return Org(id=row.id, name=row.name, created=_parse_ts(row.created))

    def orgs(self) -> list[Org]:
        with self._tx() as conn:
            rows = conn.execute(select(t.orgs).order_by(t.orgs.c.name)).all()
        return [self._org(r) for r in rows]

    def summary(self) -> list[OrgSummary]:
        """Every organisation with its number of assessments, drafts and investments."""
        a = t.assessments
        w = t.withdrawals
        live = and_(a.c.status == "completed", w.c.assessment_id.is_(None))
        done = func.sum(case((live, 1), else_=0))
        drafts = func.sum(case((a.c.status == "draft", 1), else_=0))
        gone = func.sum(case((w.c.assessment_id.is_not(None), 1), else_=0))
        last = func.max(case((live, a.c.completed), else_=None))
        with self._tx() as conn:
            counts = {
                r.org_id: r
                for r in conn.execute(
                    select(a.c.org_id, done.label("done"), drafts.label("drafts"), gone.label("gone"), last.label("last"))
                    .outerjoin(w, w.c.assessment_id == a.c.id)
                    .group_by(a.c.org_id)
                )
            }
            invested = dict(
                conn.execute(
                    select(t.investments.c.org_id, func.count())
                    .where(t.investments.c.withdrawn.is_(None))
                    .group_by(t.investments.c.org_id)
                ).all()
            )
            out = []
            for row in conn.execute(select(t.orgs).order_by(t.orgs.c.name)):
                c = counts.get(row.id)
                out.append(
                    OrgSummary(
                        name=row.name, created=_parse_ts(row.created),
                        assessments=int(c.done or 0) if c else 0, drafts=int(c.drafts or 0) if c else 0,
                        investments=int(invested.get(row.id, 0)), last_assessed=_parse_ts(c.last) if c else None,
                        withdrawn=int(c.gone or 0) if c else 0,
                    )
                )
            return out

    def _org_row(self, conn: Connection, name: str) -> Any:
        name = (name or "").strip()
        row = conn.execute(select(t.orgs).where(t.orgs.c.name == name)).first()
        if row is None:
            known = [r.name for r in conn.execute(select(t.orgs.c.name).order_by(t.orgs.c.name))]
            if not known:
                raise StoreError(f"unknown organisation {name!r}: {self.location} has no organisations yet")
            lowered = {k.lower(): k for k in known}
            close = [k for k in lowered if name and k.startswith(name.lower())][:1]
            close = close or difflib.get_close_matches(name.lower(), list(lowered), n=1)
            hint = f" (did you mean {lowered[close[0]]!r}?)" if close else ""
            raise StoreError(f"unknown organisation {name!r}{hint}; known: {', '.join(known)}")
        return row

    def get_org(self, name: str) -> Org:
        with self._tx() as conn:
            return self._org(self._org_row(conn, name))

    def _insert_org(self, conn: Connection, name: str, created: dt.datetime | None = None) -> Any:
        name = (name or "").strip()
        if not name:
            raise StoreError("an organisation needs a name")
        _check_name(name)
        exists = conn.execute(select(t.orgs).where(t.orgs.c.name == name)).first()
        if exists is not None:
            raise StoreError(f"organisation {exists.name!r} already exists in {self.location}")
        conn.execute(insert(t.orgs).values(name=name, created=_ts(created or now())))
        return conn.execute(select(t.orgs).where(t.orgs.c.name == name)).one()

    def create_org(self, name: str) -> Org:
        with self._tx(write=True) as conn:
            return self._org(self._insert_org(conn, name))

    def _ensure_org_row(self, conn: Connection, name: str) -> Any:
        row = conn.execute(select(t.orgs).where(t.orgs.c.name == (name or "").strip())).first()
        return row if row is not None else self._insert_org(conn, name)

    def ensure_org(self, name: str) -> Org:
        with self._tx(write=True) as conn:
            return self._org(self._ensure_org_row(conn, name))

    def rename_org(self, old: str, new: str) -> Org:
        """Give an organisation a new name; everything stored about it keeps belonging to it."""
        new = (new or "").strip()
        if not new:
            raise StoreError("an organisation needs a name")
        _check_name(new)
        with self._tx(write=True) as conn:
            row = self._org_row(conn, old)
            clash = conn.execute(select(t.orgs).where(t.orgs.c.name == new)).first()
            if clash is not None and clash.id != row.id:
                raise StoreError(f"organisation {clash.name!r} already exists in {self.location}; choose another name")
            conn.execute(update(t.orgs).where(t.orgs.c.id == row.id).values(name=new))
            return self._org(conn.execute(select(t.orgs).where(t.orgs.c.id == row.id)).one())

    def delete_org(self, name: str) -> None:
        """Delete an organisation with its assessments (completed ones too) and investments, in
        one transaction. A completed assessment cannot be deleted any other way."""
        with self._tx(write=True) as conn:
            row = self._org_row(conn, name)
            # the organisation's row goes first: the triggers that guard completed assessments
            # let them go only once it is gone; the foreign keys are checked at commit
            if self.backend == "postgresql":
                conn.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")
            else:
                conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
            conn.execute(delete(t.orgs).where(t.orgs.c.id == row.id))
            ids = select(t.assessments.c.id).where(t.assessments.c.org_id == row.id).scalar_subquery()
            invs = select(t.investments.c.id).where(t.investments.c.org_id == row.id).scalar_subquery()
            for table in (t.costs, t.measurements, t.benefits):
                conn.execute(delete(table).where(table.c.investment_id.in_(invs)))
            conn.execute(delete(t.investments).where(t.investments.c.org_id == row.id))
            for table in (t.respondent_answers, t.respondents, t.answers):
                conn.execute(delete(table).where(table.c.assessment_id.in_(ids)))
            conn.execute(delete(t.withdrawals).where(t.withdrawals.c.assessment_id.in_(ids)))
            conn.execute(delete(t.assessments).where(t.assessments.c.org_id == row.id))

    def _no_assessment(self, conn: Connection, assessment_id: Any) -> StoreError:
        names = [r.name for r in conn.execute(select(t.orgs.c.name).order_by(t.orgs.c.name).limit(2))]
        # a hint that works when typed: with several organisations, history needs --org
        lister = "`maturity history` lists them" if len(names) == 1 else (
            "`maturity history --org NAME` lists an organisation's (`maturity orgs` names them)"
        )
        if isinstance(assessment_id, int) and assessment_id < 1:
            return StoreError(f"there is no assessment #{assessment_id}: assessment numbers start at 1; {lister}")
        highest = conn.execute(select(func.max(t.assessments.c.id))).scalar()
        if highest is None:
            return StoreError(f"unknown assessment #{assessment_id}: {self.location} has no assessments yet")
        return StoreError(f"unknown assessment #{assessment_id} in {self.location}; {lister}")
