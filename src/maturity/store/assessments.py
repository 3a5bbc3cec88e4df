"""Assessments: drafts saved answer by answer, completed ones sealed with a content hash."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable

from pydantic import ValidationError
from sqlalchemy import Connection, and_, delete, func, insert, select, update

from ..common.errors import StoreError
from ..assessment.models import Answer, AnswerFile, Respondent
from ..contract.profile import Profile
from ..contract.questionnaire import Question
from ..contract.result import Result
from . import schema as t
from .duplicates import same_day
from .errors import Duplicate
from .base import StoreBase, _check_day, _parse_ts, _ts, now
from .models import StoredAssessment, content_hash, sealed_form


class AssessmentStore(StoreBase):
    def _load_assessments(self, conn: Connection, where: Any, *, answers: bool = True) -> list[StoredAssessment]:
        query = (
            select(
                t.assessments, t.orgs.c.name.label("org_name"),
                t.withdrawals.c.withdrawn.label("withdrawn_at"), t.withdrawals.c.reason.label("withdrawn_reason"),
            )
            .join(t.orgs, t.orgs.c.id == t.assessments.c.org_id)
            .outerjoin(t.withdrawals, t.withdrawals.c.assessment_id == t.assessments.c.id)
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
        people = self._load_respondents(conn, list(by_id)) if answers and rows else {}
        return [self._assessment(r, by_id[r.id], people.get(r.id, [])) for r in rows]

    def _load_respondents(self, conn: Connection, ids: list[int]) -> dict[int, list[Respondent]]:
        """Who answered each assessment, in their order, with their own answers."""
        out: dict[int, list[Respondent]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            named: dict[tuple[int, str], Respondent] = {}
            for r in conn.execute(
                select(t.respondents).where(t.respondents.c.assessment_id.in_(chunk))
                .order_by(t.respondents.c.assessment_id, t.respondents.c.position)
            ):
                try:
                    person = Respondent(name=r.name, role=r.role, deciding=bool(r.deciding))
                except ValidationError as exc:
                    raise self._unreadable(r.assessment_id, exc) from None
                named[(r.assessment_id, r.name)] = person
                out.setdefault(r.assessment_id, []).append(person)
            for a in conn.execute(
                select(t.respondent_answers).where(t.respondent_answers.c.assessment_id.in_(chunk))
                .order_by(t.respondent_answers.c.assessment_id, t.respondent_answers.c.question_id)
            ):
                try:
                    named[(a.assessment_id, a.respondent)].answers[a.question_id] = Answer.model_validate_json(a.answer)
                except (ValidationError, KeyError) as exc:
                    raise self._unreadable(a.assessment_id, exc) from None
        return out

    def _unreadable(self, assessment_id: int, exc: Exception) -> StoreError:
        first = str(exc).splitlines()
        return StoreError(
            f"assessment #{assessment_id} in {self.location} cannot be read "
            f"({first[0] if first else exc}); the database was changed by another program"
        )

    def _assessment(self, row: Any, answers: dict[str, Answer], respondents: list[Respondent]) -> StoredAssessment:
        try:
            answer_file = AnswerFile(
                profile=Profile.model_validate_json(row.profile),
                questionnaires=json.loads(row.questionnaires),
                respondents=respondents,
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
                withdrawn=_parse_ts(row.withdrawn_at),
                withdrawn_reason=row.withdrawn_reason or "",
            )
        except (ValidationError, ValueError, TypeError) as exc:
            raise self._unreadable(row.id, exc) from None

    def assessments(self, org: str, *, with_answers: bool = True, withdrawn: bool = False) -> list[StoredAssessment]:
        """The organisation's completed assessments, oldest first; withdrawn ones only with
        ``withdrawn=True``.

        With ``with_answers=False`` the answers are not read (their `answer_file.answers` is
        empty): enough for history, which needs only the results.
        """
        with self._tx() as conn:
            org_row = self._org_row(conn, org)
            where = and_(t.assessments.c.org_id == org_row.id, t.assessments.c.status == "completed")
            if not withdrawn:
                where = and_(where, t.withdrawals.c.assessment_id.is_(None))
            return self._load_assessments(conn, where, answers=with_answers)

    # -- withdrawing -----------------------------------------------------------------------

    def withdraw_assessment(self, assessment_id: int, reason: str = "") -> StoredAssessment:
        """Mark a completed assessment as withdrawn (saved by mistake): it stays as it was
        sealed, is left out of history, comparisons and repeats, and can be restored."""
        with self._tx(write=True) as conn:
            row = conn.execute(select(t.assessments).where(t.assessments.c.id == assessment_id)).first()
            if row is None:
                raise self._no_assessment(conn, assessment_id)
            if row.status != "completed":
                raise StoreError(
                    f"assessment #{assessment_id} is a draft: discard it instead (in the terminal app), "
                    "only completed assessments are withdrawn"
                )
            done = conn.execute(select(t.withdrawals).where(t.withdrawals.c.assessment_id == assessment_id)).first()
            if done is not None:
                raise StoreError(f"assessment #{assessment_id} was already withdrawn on {done.withdrawn[:10]}")
            conn.execute(insert(t.withdrawals).values(assessment_id=assessment_id, withdrawn=_ts(now()), reason=reason.strip()))
        return self.get_assessment(assessment_id)

    def restore_assessment(self, assessment_id: int) -> StoredAssessment:
        """Undo `withdraw_assessment`."""
        with self._tx(write=True) as conn:
            row = conn.execute(select(t.assessments.c.id).where(t.assessments.c.id == assessment_id)).first()
            if row is None:
                raise self._no_assessment(conn, assessment_id)
            gone = conn.execute(delete(t.withdrawals).where(t.withdrawals.c.assessment_id == assessment_id)).rowcount
            if not gone:
                raise StoreError(f"assessment #{assessment_id} is not withdrawn; there is nothing to restore")
        return self.get_assessment(assessment_id)

    def same_assessments(self, org: str, answer_file: AnswerFile, result: Result, versions: dict[str, str],
                         plugin_versions: dict[str, str], day: dt.date) -> list[int]:
        """Ids of the organisation's (not withdrawn) assessments of ``day`` with exactly this
        content: saving it again would only record a duplicate."""
        digest = content_hash(sealed_form(answer_file), result, versions, plugin_versions)
        with self._tx() as conn:
            org_row = conn.execute(select(t.orgs).where(t.orgs.c.name == (org or "").strip())).first()
            return same_day(conn, org_row.id, digest, day) if org_row is not None else []

    def get_assessment(self, assessment_id: int) -> StoredAssessment:
        with self._tx() as conn:
            found = self._load_assessments(conn, t.assessments.c.id == assessment_id)
            if not found:
                raise self._no_assessment(conn, assessment_id)
            return found[0]

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
            previous_people: list[Respondent] = []
            previous_profile: str | None = None
            if from_previous:
                last = conn.execute(
                    select(t.assessments.c.id, t.assessments.c.profile)
                    .outerjoin(t.withdrawals, t.withdrawals.c.assessment_id == t.assessments.c.id)
                    .where(and_(t.assessments.c.org_id == org_row.id, t.assessments.c.status == "completed",
                                t.withdrawals.c.assessment_id.is_(None)))
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
                    previous_people = self._load_respondents(conn, [last.id]).get(last.id, [])
                    for person in previous_people:
                        person.answers = {q: a for q, a in person.answers.items() if keep is None or q in keep}
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
            # who answered last time comes along, so that their answers are shown as theirs
            self._insert_respondents(conn, new_id, previous_people, stamp)
            return int(new_id)

    def add_respondent(self, assessment_id: int, respondent: Respondent) -> Respondent:
        """Add someone who answers a draft (after those already listed); a respondent of that
        name (in any case) is already there: returned as they are."""
        with self._tx(write=True) as conn:
            self._draft_row(conn, assessment_id)
            listed = self._load_respondents(conn, [assessment_id]).get(assessment_id, [])
            same = next((r for r in listed if r.name.casefold() == respondent.name.strip().casefold()), None)
            if same is not None:
                return same
            if respondent.deciding and any(r.deciding for r in listed):
                raise StoreError(f"{next(r.name for r in listed if r.deciding)} already decides this assessment; "
                                 "at most one respondent decides")
            conn.execute(insert(t.respondents).values(
                assessment_id=assessment_id, name=respondent.name, position=len(listed) + 1,
                role=respondent.role, deciding=int(respondent.deciding),
            ))
            if not listed:
                self._adopt_unnamed(conn, assessment_id, respondent.name)
            conn.execute(update(t.assessments).where(t.assessments.c.id == assessment_id).values(updated=_ts(now())))
            return Respondent(name=respondent.name, role=respondent.role, deciding=respondent.deciding)

    def save_answer(self, assessment_id: int, question_id: str, answer: Answer | None, *,
                    respondent: str | None = None, question: Question | None = None) -> None:
        """Save (or, with None, remove) one answer of a draft, in one transaction.

        With ``respondent`` (added with `add_respondent`) it is that person's answer, stamped
        with the time, and the assessment's answer to the question is merged again from every
        respondent's (`maturity.assessment.respondents`; ``question`` gives the credits the rule needs)."""
        if not question_id:
            raise StoreError("an answer needs a question id")
        if respondent is not None:
            self._save_respondent_answer(assessment_id, question_id, answer, respondent, question)
            return
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

    def _adopt_unnamed(self, conn: Connection, assessment_id: int, name: str) -> None:
        """The first respondent named on a draft answered without names takes over its
        answers so far (given before anyone named themselves, or carried from last time)."""
        rows = conn.execute(select(t.answers).where(t.answers.c.assessment_id == assessment_id)).all()
        for row in rows:
            answer = Answer.model_validate_json(row.answer)
            if answer.by is not None:
                continue
            own = answer.model_copy(update={"at": answer.at or _parse_ts(row.updated)})
            conn.execute(insert(t.respondent_answers).values(
                assessment_id=assessment_id, respondent=name, question_id=row.question_id,
                answer=own.model_dump_json(), updated=row.updated,
            ))
            conn.execute(update(t.answers).where(and_(t.answers.c.assessment_id == assessment_id,
                                                      t.answers.c.question_id == row.question_id))
                         .values(answer=own.model_copy(update={"by": name}).model_dump_json()))

    def _save_respondent_answer(self, assessment_id: int, question_id: str, answer: Answer | None,
                                respondent: str, question: Question | None) -> None:
        from ..assessment.respondents import merge_one

        with self._tx(write=True) as conn:
            self._draft_row(conn, assessment_id)
            listed = self._load_respondents(conn, [assessment_id]).get(assessment_id, [])
            person = next((r for r in listed if r.name.casefold() == respondent.strip().casefold()), None)
            if person is None:
                raise StoreError(f"{respondent!r} does not answer assessment #{assessment_id}; add them as a respondent first")
            moment = now()
            stamp = _ts(moment)
            key = and_(t.respondent_answers.c.assessment_id == assessment_id, t.respondent_answers.c.respondent == person.name,
                       t.respondent_answers.c.question_id == question_id)
            conn.execute(delete(t.respondent_answers).where(key))
            person.answers.pop(question_id, None)
            if answer is not None:
                given = answer.model_copy(update={"by": None, "at": answer.at or moment})
                conn.execute(insert(t.respondent_answers).values(
                    assessment_id=assessment_id, respondent=person.name, question_id=question_id,
                    answer=given.model_dump_json(), updated=stamp,
                ))
                person.answers[question_id] = given
            merged = merge_one(question, [(r, r.answers[question_id]) for r in listed if question_id in r.answers])
            conn.execute(delete(t.answers).where(
                and_(t.answers.c.assessment_id == assessment_id, t.answers.c.question_id == question_id)))
            if merged is not None:
                conn.execute(insert(t.answers).values(
                    assessment_id=assessment_id, question_id=question_id, answer=merged[0].model_dump_json(), updated=stamp))
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
            for table in (t.respondent_answers, t.respondents, t.answers):
                conn.execute(delete(table).where(table.c.assessment_id == assessment_id))
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
        _check_day("the assessment date", completed)
        with self._tx(write=True) as conn:
            self._draft_row(conn, assessment_id)
            answer_file = sealed_form(self._load_assessments(conn, t.assessments.c.id == assessment_id)[0].answer_file)
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
        once_a_day: bool = False,
    ) -> int:
        """Store a scored answer file as a completed assessment in one transaction.

        The organisation is created if new. ``completed`` back-dates an assessment made earlier.
        With ``once_a_day``, the same content already saved for the same day raises Duplicate,
        checked inside the write transaction, so processes saving at once cannot both pass.
        """
        _check_day("the assessment date", completed)
        with self._tx(write=True) as conn:
            org_row = self._ensure_org_row(conn, org)
            stamp = completed or now()
            if once_a_day:
                digest = content_hash(sealed_form(answer_file), result, versions, plugin_versions)
                same = same_day(conn, org_row.id, digest, dt.date.fromisoformat(_ts(stamp)[:10]))
                if same:
                    raise Duplicate(f"{org_row.name} already has assessment #{same[0]} of the same day with exactly these answers", same)
            new_id = conn.execute(
                insert(t.assessments).values(
                    org_id=org_row.id, status="draft", created=_ts(stamp), updated=_ts(now()),
                    profile=answer_file.profile.model_dump_json(),
                    questionnaires=json.dumps(answer_file.questionnaires, sort_keys=True),
                    versions="{}", plugin_versions="{}",
                )
            ).inserted_primary_key[0]
            self._insert_answers(conn, new_id, answer_file.answers, _ts(stamp))
            self._insert_respondents(conn, new_id, answer_file.respondents, _ts(stamp))
            self._seal(conn, new_id, sealed_form(answer_file), result, versions, plugin_versions, stamp)
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

    @staticmethod
    def _insert_respondents(conn: Connection, assessment_id: int, respondents: list[Respondent], stamp: str) -> None:
        if not respondents:
            return
        conn.execute(insert(t.respondents), [
            {"assessment_id": assessment_id, "name": r.name, "position": n, "role": r.role, "deciding": int(r.deciding)}
            for n, r in enumerate(respondents, start=1)
        ])
        rows = [
            {"assessment_id": assessment_id, "respondent": r.name, "question_id": qid, "answer": a.model_dump_json(),
             "updated": _ts(a.at) if a.at else stamp}
            for r in respondents for qid, a in sorted(r.answers.items())
        ]
        if rows:
            conn.execute(insert(t.respondent_answers), rows)
