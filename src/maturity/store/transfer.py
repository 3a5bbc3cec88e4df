"""The export document: one organisation's assessments and investments as JSON.

Lossless: exporting, importing into an empty database and exporting again gives the same
document. Database ids are not part of it (they differ between databases); assessments carry a
`ref` (1, 2, … in the order they were stored) that investments use to point at them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..common.errors import MaturityError, StoreError
from ..assessment.models import Answer, AnswerFile, Respondent
from ..contract.profile import Profile
from ..contract.result import Result
from .base import _check_day, _finite
from .models import CostKind, Investment, Org, StoredAssessment, content_hash, sealed_form

FORMAT = "maturity-export"
#: 2 added withdrawn assessments and investments and closed investments; 3 added respondents
#: (left out of an assessment that has none, so such an assessment reads as in 2); 1 and 2 are
#: still read
FORMAT_VERSION = 3


class _Doc(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExportedOrg(_Doc):
    name: str
    created: dt.datetime


class ExportedAssessment(_Doc):
    ref: int
    status: Literal["draft", "completed"]
    created: dt.datetime
    updated: dt.datetime
    completed: dt.datetime | None = None
    profile: Profile
    questionnaires: dict[str, str] = {}
    #: who answered, each with their own answers; `answers` are the assessment's, merged
    respondents: list[Respondent] = Field([], exclude_if=lambda value: not value)
    answers: dict[str, Answer] = {}
    result: Result | None = None
    versions: dict[str, str] = {}
    plugin_versions: dict[str, str] = {}
    content_hash: str | None = None
    position: str | None = None
    withdrawn: dt.datetime | None = None
    withdrawn_reason: str = ""

    @model_validator(mode="after")
    def _sealed(self) -> ExportedAssessment:
        if self.status == "completed" and (self.completed is None or self.result is None or not self.content_hash):
            raise ValueError("a completed assessment needs completed, result and content_hash")
        return self


class ExportedCost(_Doc):
    kind: CostKind
    amount: float
    on: dt.date
    note: str = ""


class ExportedMeasurement(_Doc):
    value: float
    on: dt.date
    note: str = ""


class ExportedBenefit(_Doc):
    amount: float
    on: dt.date
    note: str = ""


class ExportedInvestment(_Doc):
    capability_id: str
    planned_cost: float
    start: dt.date | None = None
    end: dt.date | None = None
    kpi: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    target_on: dt.date | None = None
    hourly_rate: float | None = None
    notes: str = ""
    created: dt.datetime
    before: int | None = None
    after: int | None = None
    costs: list[ExportedCost] = []
    measurements: list[ExportedMeasurement] = []
    benefits: list[ExportedBenefit] = []
    closed_on: dt.date | None = None
    withdrawn: dt.datetime | None = None
    withdrawn_reason: str = ""


class ExportDocument(_Doc):
    format: Literal["maturity-export"]
    format_version: int
    organisation: ExportedOrg
    assessments: list[ExportedAssessment] = []
    investments: list[ExportedInvestment] = []


def export_document(org: Org, assessments: list[StoredAssessment], investments: list[Investment]) -> dict[str, Any]:
    refs = {a.id: n for n, a in enumerate(assessments, start=1)}
    doc = ExportDocument(
        format=FORMAT,
        format_version=FORMAT_VERSION,
        organisation=ExportedOrg(name=org.name, created=org.created),
        assessments=[
            ExportedAssessment(
                ref=refs[a.id], status=a.status, created=a.created, updated=a.updated, completed=a.completed,
                profile=a.answer_file.profile, questionnaires=a.answer_file.questionnaires,
                respondents=a.answer_file.respondents, answers=a.answer_file.answers, result=a.result, versions=a.versions,
                plugin_versions=a.plugin_versions, content_hash=a.content_hash, position=a.position,
                withdrawn=a.withdrawn, withdrawn_reason=a.withdrawn_reason,
            )
            for a in assessments
        ],
        investments=[
            ExportedInvestment(
                capability_id=i.capability_id, planned_cost=i.planned_cost, start=i.start, end=i.end,
                kpi=i.kpi, unit=i.unit, baseline=i.baseline, target=i.target, target_on=i.target_on,
                hourly_rate=i.hourly_rate, notes=i.notes, created=i.created,
                before=refs.get(i.before_id) if i.before_id else None,
                after=refs.get(i.after_id) if i.after_id else None,
                costs=[ExportedCost(kind=c.kind, amount=c.amount, on=c.on, note=c.note) for c in i.costs],
                measurements=[ExportedMeasurement(value=m.value, on=m.on, note=m.note) for m in i.measurements],
                benefits=[ExportedBenefit(amount=b.amount, on=b.on, note=b.note) for b in i.benefits],
                closed_on=i.closed_on, withdrawn=i.withdrawn, withdrawn_reason=i.withdrawn_reason,
            )
            for i in investments
        ],
    )
    return doc.model_dump(mode="json")


class _DuplicateKey(ValueError):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def parse_json(text: str, source: str) -> Any:
    """The JSON of an export file: no duplicate keys, nesting bounded, one message per problem."""
    import json

    from ..common.safeio import MAX_NESTING, check_depth
    from ..common.termtext import shown

    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates)
    except RecursionError:
        raise StoreError(f"{source}: not a maturity export: it nests more than {MAX_NESTING} levels deep") from None
    except _DuplicateKey as exc:
        raise StoreError(f"{source}: the key '{shown(exc.args[0])}' appears twice in one object; nothing was imported") from None
    except json.JSONDecodeError as exc:
        raise StoreError(f"{source}:{exc.lineno}: not valid JSON ({exc.msg})") from None
    try:
        check_depth(data, source)
    except MaturityError as exc:
        raise StoreError(f"{source}: not a maturity export: {exc.message}") from None
    return data


def parse_document(data: Any) -> ExportDocument:
    """Validate an export document; refuse newer formats and altered completed assessments."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError("not a maturity export (its \"format\" is not \"maturity-export\")")
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise StoreError(
            f"invalid export: format_version must be a whole number from 1 to {FORMAT_VERSION}, not {version!r}"
        )
    if version > FORMAT_VERSION:
        raise StoreError(
            f"this export was written by a newer maturity (format {version}; this one reads up to "
            f"{FORMAT_VERSION}); upgrade maturity to import it"
        )
    try:
        doc = ExportDocument.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise StoreError(f"invalid export at {where}: {error['msg']}{more}") from None
    if not doc.organisation.name.strip():
        raise StoreError("invalid export: the organisation has no name")
    _check_values(doc)
    refs = [a.ref for a in doc.assessments]
    if len(set(refs)) != len(refs):
        raise StoreError("invalid export: two assessments have the same ref")
    for inv in doc.investments:
        for role in ("before", "after"):
            ref = getattr(inv, role)
            if ref is not None and ref not in refs:
                raise StoreError(f"invalid export: investment in {inv.capability_id} points {role} at assessment ref {ref}, which is not in the file")
    for a in doc.assessments:
        if a.status != "completed":
            continue
        af = sealed_form(AnswerFile(profile=a.profile, questionnaires=a.questionnaires, respondents=a.respondents,
                                    answers=a.answers))
        if content_hash(af, a.result, a.versions, a.plugin_versions) != a.content_hash:
            raise StoreError(
                f"assessment ref {a.ref} (completed {a.completed.date() if a.completed else '?'}) was changed after it "
                "was completed: its content hash does not match; nothing was imported"
            )
    return doc


def _check_values(doc: ExportDocument) -> None:
    """Refuse dates and amounts the store would refuse if they were typed in, saying where."""

    def check(where: str, *problems: tuple[str, Any, str]) -> None:
        for name, value, kind in problems:
            try:
                if kind == "day":
                    _check_day(name, value)
                else:
                    _finite(name, value, minimum=0 if kind == "amount" else None)
            except StoreError as exc:
                raise StoreError(f"invalid export: {where}: {exc.message}; nothing was imported") from None

    check("the organisation", ("the creation date", doc.organisation.created, "day"))
    for a in doc.assessments:
        check(
            f"assessment ref {a.ref}",
            ("the creation date", a.created, "day"),
            ("the date of the last change", a.updated, "day"),
            ("the assessment date", a.completed, "day"),
            ("the withdrawal date", a.withdrawn, "day"),
        )
        from ..assessment.respondents import deciding_problem

        if problem := deciding_problem(a.respondents):
            raise StoreError(f"invalid export: assessment ref {a.ref}: {problem}; nothing was imported")
        for r in a.respondents:
            for qid, given in r.answers.items():
                check(f"assessment ref {a.ref}", (f"the time {r.name} answered {qid}", given.at, "day"))
        if a.withdrawn is not None and a.status != "completed":
            raise StoreError(f"invalid export: assessment ref {a.ref} is a draft marked withdrawn; nothing was imported")
    for number, inv in enumerate(doc.investments, start=1):
        where = f"investment {number} ({inv.capability_id})"
        check(
            where,
            ("the planned cost", inv.planned_cost, "amount"),
            ("the KPI baseline", inv.baseline, "number"),
            ("the KPI target", inv.target, "number"),
            ("the hourly rate", inv.hourly_rate, "amount"),
            ("the start date", inv.start, "day"),
            ("the end date", inv.end, "day"),
            ("the target date", inv.target_on, "day"),
            ("the creation date", inv.created, "day"),
            ("the closing date", inv.closed_on, "day"),
            ("the withdrawal date", inv.withdrawn, "day"),
        )
        if inv.start and inv.end and inv.end < inv.start:
            raise StoreError(
                f"invalid export: {where}: it ends ({inv.end}) before it starts ({inv.start}); nothing was imported"
            )
        for c in inv.costs:
            check(where, ("a cost", c.amount, "amount"), ("the date of the cost", c.on, "day"))
        for m in inv.measurements:
            check(where, ("a KPI measurement", m.value, "number"), ("the date of the measurement", m.on, "day"))
        for b in inv.benefits:
            check(where, ("a benefit", b.amount, "amount"), ("the date of the benefit", b.on, "day"))
