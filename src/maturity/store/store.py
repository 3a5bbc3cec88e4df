"""The Store: organisations, assessments and investments kept in one database.

Every public method that writes runs in exactly one transaction; a completed assessment is
immutable (the database itself refuses changes to it). Everything that goes wrong with the
database or with what is asked of it raises StoreError with a message for the user.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import math
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Literal

from pydantic import ValidationError
from sqlalchemy import Connection, Engine, and_, case, delete, func, insert, select, update
from sqlalchemy import exc as sa_exc

from ..errors import StoreError
from ..models import Answer, AnswerFile, Profile, Result
from . import schema as t
from .migrations import latest_version, migrate, read_version
from .models import (
    COST_KINDS,
    Benefit,
    CostEntry,
    Investment,
    Measurement,
    Org,
    OrgSummary,
    StoredAssessment,
    content_hash,
)

UTC = dt.timezone.utc


def now() -> dt.datetime:
    return dt.datetime.now(UTC)


def _ts(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    # fixed width, so that text order is time order
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def _parse_ts(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _finite(name: str, value: float | None, *, minimum: float | None = None) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise StoreError(f"{name} must be a number, not {value!r}")
    if minimum is not None and value < minimum:
        raise StoreError(f"{name} must be {minimum:g} or more, not {value:g}")
    return float(value)


class Store:
    """A maturity database. Open one with `maturity.store.open_store`."""

    def __init__(self, engine: Engine, location: str) -> None:
        self._engine = engine
        self.location = location

    # -- life cycle ------------------------------------------------------------------------

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
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

    @contextmanager
    def _tx(self, write: bool = False) -> Iterator[Connection]:
        """One transaction; database errors become StoreErrors that say what to do."""
        try:
            with self._engine.connect() as conn:
                if write:
                    conn = conn.execution_options(maturity_write=True)
                with conn.begin():
                    yield conn
        except sa_exc.IntegrityError as exc:
            raise StoreError(self._integrity_message(exc)) from None
        except sa_exc.OperationalError as exc:
            text = str(exc.orig)
            if "locked" in text or "busy" in text:
                raise StoreError(
                    f"the database {self.location} is busy: another program kept it locked for too long; try again"
                ) from None
            if "readonly" in text or "read-only" in text:
                raise StoreError(f"cannot write to the database {self.location}: it is read-only") from None
            raise StoreError(f"cannot use the database {self.location}: {text}") from None
        except sa_exc.DatabaseError as exc:
            raise StoreError(f"the database {self.location} is damaged: {exc.orig}") from None

    @staticmethod
    def _integrity_message(exc: sa_exc.IntegrityError) -> str:
        text = str(exc.orig)
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
        done = func.sum(case((a.c.status == "completed", 1), else_=0))
        drafts = func.sum(case((a.c.status == "draft", 1), else_=0))
        with self._tx() as conn:
            counts = {
                r.org_id: r
                for r in conn.execute(
                    select(a.c.org_id, done.label("done"), drafts.label("drafts"), func.max(a.c.completed).label("last"))
                    .group_by(a.c.org_id)
                )
            }
            invested = dict(
                conn.execute(select(t.investments.c.org_id, func.count()).group_by(t.investments.c.org_id)).all()
            )
            out = []
            for row in conn.execute(select(t.orgs).order_by(t.orgs.c.name)):
                c = counts.get(row.id)
                out.append(
                    OrgSummary(
                        name=row.name, created=_parse_ts(row.created),
                        assessments=int(c.done or 0) if c else 0, drafts=int(c.drafts or 0) if c else 0,
                        investments=int(invested.get(row.id, 0)), last_assessed=_parse_ts(c.last) if c else None,
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
        if len(name) > 200:
            raise StoreError("an organisation name is at most 200 characters")
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

    # -- reading assessments ---------------------------------------------------------------

    def _load_assessments(self, conn: Connection, where: Any, *, answers: bool = True) -> list[StoredAssessment]:
        query = (
            select(t.assessments, t.orgs.c.name.label("org_name"))
            .join(t.orgs, t.orgs.c.id == t.assessments.c.org_id)
            .where(where)
            .order_by(func.coalesce(t.assessments.c.completed, t.assessments.c.created), t.assessments.c.id)
        )
        rows = conn.execute(query).all()
        by_id: dict[int, dict[str, Answer]] = {r.id: {} for r in rows}
        if answers and rows:
            ids = list(by_id)
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                for a in conn.execute(
                    select(t.answers.c.assessment_id, t.answers.c.question_id, t.answers.c.answer)
                    .where(t.answers.c.assessment_id.in_(chunk))
                    .order_by(t.answers.c.assessment_id, t.answers.c.question_id)
                ):
                    try:
                        by_id[a.assessment_id][a.question_id] = Answer.model_validate_json(a.answer)
                    except ValidationError as exc:
                        raise self._unreadable(a.assessment_id, exc) from None
        return [self._assessment(r, by_id[r.id]) for r in rows]

    def _unreadable(self, assessment_id: int, exc: Exception) -> StoreError:
        first = str(exc).splitlines()
        return StoreError(
            f"assessment #{assessment_id} in {self.location} cannot be read "
            f"({first[0] if first else exc}); the database was changed by another program"
        )

    def _assessment(self, row: Any, answers: dict[str, Answer]) -> StoredAssessment:
        try:
            answer_file = AnswerFile(
                profile=Profile.model_validate_json(row.profile),
                questionnaires=json.loads(row.questionnaires),
                answers=answers,
            )
            result = Result.model_validate_json(row.result) if row.result else None
            return StoredAssessment(
                id=row.id,
                org=row.org_name,
                status=row.status,
                created=_parse_ts(row.created),
                updated=_parse_ts(row.updated),
                completed=_parse_ts(row.completed),
                answer_file=answer_file,
                result=result,
                versions=json.loads(row.versions),
                plugin_versions=json.loads(row.plugin_versions),
                content_hash=row.content_hash,
                position=row.position,
            )
        except (ValidationError, ValueError, TypeError) as exc:
            raise self._unreadable(row.id, exc) from None

    def assessments(self, org: str, *, with_answers: bool = True) -> list[StoredAssessment]:
        """The organisation's completed assessments, oldest first.

        With ``with_answers=False`` the answers are not read (their `answer_file.answers` is
        empty): enough for history, which needs only the results.
        """
        with self._tx() as conn:
            org_row = self._org_row(conn, org)
            where = and_(t.assessments.c.org_id == org_row.id, t.assessments.c.status == "completed")
            return self._load_assessments(conn, where, answers=with_answers)

    def get_assessment(self, assessment_id: int) -> StoredAssessment:
        with self._tx() as conn:
            found = self._load_assessments(conn, t.assessments.c.id == assessment_id)
            if not found:
                raise self._no_assessment(conn, assessment_id)
            return found[0]

    def _no_assessment(self, conn: Connection, assessment_id: Any) -> StoreError:
        highest = conn.execute(select(func.max(t.assessments.c.id))).scalar()
        if highest is None:
            return StoreError(f"unknown assessment #{assessment_id}: {self.location} has no assessments yet")
        return StoreError(
            f"unknown assessment #{assessment_id} in {self.location}; `maturity history` lists them"
        )

    def draft(self, org: str) -> StoredAssessment | None:
        """The organisation's open draft, if any."""
        with self._tx() as conn:
            org_row = self._org_row(conn, org)
            where = and_(t.assessments.c.org_id == org_row.id, t.assessments.c.status == "draft")
            found = self._load_assessments(conn, where)
        return found[-1] if found else None

    # -- writing assessments ---------------------------------------------------------------

    def _draft_row(self, conn: Connection, assessment_id: int) -> Any:
        row = conn.execute(select(t.assessments).where(t.assessments.c.id == assessment_id)).first()
        if row is None:
            raise self._no_assessment(conn, assessment_id)
        if row.status != "draft":
            raise StoreError(
                f"assessment #{assessment_id} was completed on {row.completed[:10]} and cannot be changed; "
                "start a new assessment instead"
            )
        return row

    def start_draft(
        self,
        org: str,
        profile: Profile | None = None,
        versions: dict[str, str] | None = None,
        from_previous: bool = True,
        *,
        known_questions: Iterable[str] | None = None,
    ) -> int:
        """Open a new draft for the organisation (created if new) and return its id.

        With ``from_previous`` it starts from the last completed assessment's answers (only
        those in ``known_questions`` when given, so answers to questions a newer questionnaire
        dropped are left behind) and, when no profile is given, its profile.
        """
        with self._tx(write=True) as conn:
            org_row = self._ensure_org_row(conn, org)
            open_draft = conn.execute(
                select(t.assessments.c.id, t.assessments.c.created).where(
                    and_(t.assessments.c.org_id == org_row.id, t.assessments.c.status == "draft")
                )
            ).first()
            if open_draft is not None:
                raise StoreError(
                    f"{org_row.name} already has a draft assessment (#{open_draft.id}, started "
                    f"{open_draft.created[:10]}); resume or discard it first"
                )
            previous_answers: list[Any] = []
            previous_profile: str | None = None
            if from_previous:
                last = conn.execute(
                    select(t.assessments.c.id, t.assessments.c.profile)
                    .where(and_(t.assessments.c.org_id == org_row.id, t.assessments.c.status == "completed"))
                    .order_by(t.assessments.c.completed.desc(), t.assessments.c.id.desc())
                    .limit(1)
                ).first()
                if last is not None:
                    previous_profile = last.profile
                    keep = set(known_questions) if known_questions is not None else None
                    previous_answers = [
                        a
                        for a in conn.execute(
                            select(t.answers.c.question_id, t.answers.c.answer).where(t.answers.c.assessment_id == last.id)
                        )
                        if keep is None or a.question_id in keep
                    ]
            if profile is not None:
                profile_json = profile.model_dump_json()
            else:
                profile_json = previous_profile or Profile().model_dump_json()
            stamp = _ts(now())
            versions_json = json.dumps(versions or {}, sort_keys=True)
            new_id = conn.execute(
                insert(t.assessments).values(
                    org_id=org_row.id, status="draft", created=stamp, updated=stamp, profile=profile_json,
                    questionnaires=versions_json, versions=versions_json, plugin_versions="{}",
                )
            ).inserted_primary_key[0]
            if previous_answers:
                conn.execute(
                    insert(t.answers),
                    [{"assessment_id": new_id, "question_id": a.question_id, "answer": a.answer, "updated": stamp} for a in previous_answers],
                )
            return int(new_id)

    def save_answer(self, assessment_id: int, question_id: str, answer: Answer | None) -> None:
        """Save (or, with None, remove) one answer of a draft, in one transaction."""
        if not question_id:
            raise StoreError("an answer needs a question id")
        with self._tx(write=True) as conn:
            self._draft_row(conn, assessment_id)
            stamp = _ts(now())
            conn.execute(
                delete(t.answers).where(
                    and_(t.answers.c.assessment_id == assessment_id, t.answers.c.question_id == question_id)
                )
            )
            if answer is not None:
                conn.execute(
                    insert(t.answers).values(
                        assessment_id=assessment_id, question_id=question_id, answer=answer.model_dump_json(), updated=stamp
                    )
                )
            conn.execute(update(t.assessments).where(t.assessments.c.id == assessment_id).values(updated=stamp))

    def save_profile(self, assessment_id: int, profile: Profile) -> None:
        with self._tx(write=True) as conn:
            self._draft_row(conn, assessment_id)
            conn.execute(
                update(t.assessments)
                .where(t.assessments.c.id == assessment_id)
                .values(profile=profile.model_dump_json(), updated=_ts(now()))
            )

    def set_position(self, assessment_id: int, question_id: str | None) -> None:
        """Remember the question the user is on, to resume the draft there."""
        with self._tx(write=True) as conn:
            self._draft_row(conn, assessment_id)
            conn.execute(
                update(t.assessments)
                .where(t.assessments.c.id == assessment_id)
                .values(position=question_id, updated=_ts(now()))
            )

    def discard_draft(self, assessment_id: int) -> None:
        with self._tx(write=True) as conn:
            self._draft_row(conn, assessment_id)
            conn.execute(delete(t.answers).where(t.answers.c.assessment_id == assessment_id))
            conn.execute(delete(t.assessments).where(t.assessments.c.id == assessment_id))

    def complete(
        self,
        assessment_id: int,
        result: Result,
        versions: dict[str, str],
        plugin_versions: dict[str, str],
        *,
        completed: dt.datetime | None = None,
    ) -> None:
        """Seal a draft with its result: immutable afterwards, with its content hash."""
        with self._tx(write=True) as conn:
            row = self._draft_row(conn, assessment_id)
            answers = {
                a.question_id: Answer.model_validate_json(a.answer)
                for a in conn.execute(
                    select(t.answers.c.question_id, t.answers.c.answer)
                    .where(t.answers.c.assessment_id == assessment_id)
                    .order_by(t.answers.c.question_id)
                )
            }
            answer_file = AnswerFile(
                profile=Profile.model_validate_json(row.profile),
                questionnaires=json.loads(row.questionnaires),
                answers=answers,
            )
            self._seal(conn, assessment_id, answer_file, result, versions, plugin_versions, completed or now())

    def _seal(
        self,
        conn: Connection,
        assessment_id: int,
        answer_file: AnswerFile,
        result: Result,
        versions: dict[str, str],
        plugin_versions: dict[str, str],
        completed: dt.datetime,
    ) -> None:
        conn.execute(
            update(t.assessments)
            .where(t.assessments.c.id == assessment_id)
            .values(
                status="completed",
                completed=_ts(completed),
                updated=_ts(now()),
                result=result.model_dump_json(),
                versions=json.dumps(versions, sort_keys=True),
                plugin_versions=json.dumps(plugin_versions, sort_keys=True),
                content_hash=content_hash(answer_file, result, versions, plugin_versions),
            )
        )

    def save_completed(
        self,
        org: str,
        answer_file: AnswerFile,
        result: Result,
        versions: dict[str, str],
        plugin_versions: dict[str, str],
        *,
        completed: dt.datetime | None = None,
    ) -> int:
        """Store a scored answer file as a completed assessment in one transaction.

        The organisation is created if new. ``completed`` back-dates an assessment made earlier.
        """
        with self._tx(write=True) as conn:
            org_row = self._ensure_org_row(conn, org)
            stamp = completed or now()
            new_id = conn.execute(
                insert(t.assessments).values(
                    org_id=org_row.id, status="draft", created=_ts(stamp), updated=_ts(now()),
                    profile=answer_file.profile.model_dump_json(),
                    questionnaires=json.dumps(answer_file.questionnaires, sort_keys=True),
                    versions="{}", plugin_versions="{}",
                )
            ).inserted_primary_key[0]
            self._insert_answers(conn, new_id, answer_file.answers, _ts(stamp))
            stored = AnswerFile(
                profile=answer_file.profile,
                questionnaires=answer_file.questionnaires,
                answers=dict(sorted(answer_file.answers.items())),
            )
            self._seal(conn, new_id, stored, result, versions, plugin_versions, stamp)
            return int(new_id)

    @staticmethod
    def _insert_answers(conn: Connection, assessment_id: int, answers: dict[str, Answer], stamp: str) -> None:
        if answers:
            conn.execute(
                insert(t.answers),
                [
                    {"assessment_id": assessment_id, "question_id": qid, "answer": a.model_dump_json(), "updated": stamp}
                    for qid, a in sorted(answers.items())
                ],
            )

    # -- investments -----------------------------------------------------------------------

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
    ) -> int:
        """Record an accepted recommendation with its planned cost, dates and KPI."""
        if not capability_id:
            raise StoreError("an investment needs a capability id")
        planned = _finite("the planned cost", planned_cost, minimum=0)
        baseline = _finite("the KPI baseline", baseline)
        target = _finite("the KPI target", target)
        hourly_rate = _finite("the hourly rate", hourly_rate, minimum=0)
        if start and end and end < start:
            raise StoreError(f"the investment ends ({end}) before it starts ({start})")
        with self._tx(write=True) as conn:
            org_row = self._org_row(conn, org)
            new_id = conn.execute(
                insert(t.investments).values(
                    org_id=org_row.id, capability_id=capability_id, planned_cost=planned,
                    start_on=_day(start), end_on=_day(end), kpi=kpi.strip(), unit=unit.strip(),
                    baseline=baseline, target=target, target_on=_day(target_on), hourly_rate=hourly_rate,
                    notes=notes, created=_ts(now()),
                )
            ).inserted_primary_key[0]
            return int(new_id)

    def _investment_row(self, conn: Connection, investment_id: int) -> Any:
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
            )
            for r in rows
        ]

    def investments(self, org: str) -> list[Investment]:
        with self._tx() as conn:
            org_row = self._org_row(conn, org)
            return self._load_investments(conn, t.investments.c.org_id == org_row.id)

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
        with self._tx(write=True) as conn:
            self._investment_row(conn, investment_id)
            conn.execute(insert(t.costs).values(investment_id=investment_id, kind=kind, amount=value, on_date=_day(on), note=note))

    def record_measurement(self, investment_id: int, value: float, on: dt.date, note: str = "") -> None:
        number = _finite("a KPI measurement", value)
        with self._tx(write=True) as conn:
            self._investment_row(conn, investment_id)
            conn.execute(
                insert(t.measurements).values(investment_id=investment_id, value=number, on_date=_day(on), note=note)
            )

    def record_benefit(self, investment_id: int, amount: float, on: dt.date, note: str = "") -> None:
        value = _finite("a benefit", amount, minimum=0)
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
            if before is not None and after is not None and when[before] > when[after]:
                raise StoreError(f"assessment #{before} was completed after #{after}; give the earlier one as --before")
            conn.execute(update(t.investments).where(t.investments.c.id == investment_id).values(before_id=before, after_id=after))

    # -- export and import -----------------------------------------------------------------

    def export_org(self, org: str) -> dict[str, Any]:
        """Everything stored about one organisation, as a JSON-ready document."""
        from .transfer import export_document

        with self._tx() as conn:
            org_row = self._org_row(conn, org)
            assessments = self._load_assessments(conn, t.assessments.c.org_id == org_row.id)
            investments = self._load_investments(conn, t.investments.c.org_id == org_row.id)
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
                    )
                ).inserted_primary_key[0]
                for c in inv.costs:
                    conn.execute(insert(t.costs).values(investment_id=inv_id, kind=c.kind, amount=c.amount, on_date=_day(c.on), note=c.note))
                for m in inv.measurements:
                    conn.execute(insert(t.measurements).values(investment_id=inv_id, value=m.value, on_date=_day(m.on), note=m.note))
                for b in inv.benefits:
                    conn.execute(insert(t.benefits).values(investment_id=inv_id, amount=b.amount, on_date=_day(b.on), note=b.note))
            return str(org_row.name)


def open_sqlite(location: str | None) -> Store:
    from .sqlite import create_sqlite_engine, prepare_file, resolve

    url, path, label = resolve(location)
    if path is not None:
        prepare_file(path)
    engine = create_sqlite_engine(url)
    store = Store(engine, label)
    try:
        store._migrate()
    except BaseException:
        store.close()
        raise
    return store


__all__ = ["Store", "open_sqlite", "latest_version"]
