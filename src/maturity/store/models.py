"""What the store hands out: organisations, stored assessments and investments.

Plain pydantic models with no database in them, so the terminal app, reports and the pure
computations in `maturity.history` can use them without importing SQLAlchemy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ..assessment.models import AnswerFile
from ..contract.result import Result

AssessmentStatus = Literal["draft", "completed"]
CostKind = Literal["one_off", "yearly", "internal_hours"]
COST_KINDS: tuple[str, ...] = ("one_off", "yearly", "internal_hours")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Org(_Model):
    """An organisation (a business) whose assessments and investments are kept."""

    id: int
    name: str
    created: dt.datetime


class OrgSummary(_Model):
    """An organisation with counts, for listing what a database holds."""

    name: str
    created: dt.datetime
    assessments: int
    drafts: int
    investments: int
    last_assessed: dt.datetime | None = None
    withdrawn: int = 0


class StoredAssessment(_Model):
    """An assessment as stored: a draft being answered, or a completed, immutable one."""

    id: int
    org: str
    status: AssessmentStatus
    created: dt.datetime
    updated: dt.datetime
    completed: dt.datetime | None = None
    #: the profile snapshot, the questionnaire versions the answers were written for, the answers
    answer_file: AnswerFile
    result: Result | None = None
    #: questionnaire id -> version actually loaded when the assessment was completed
    versions: dict[str, str] = {}
    #: plugin name -> version of every plugin loaded when the assessment was completed
    plugin_versions: dict[str, str] = {}
    content_hash: str | None = None
    #: the question the user was on, to resume a draft exactly where it stopped
    position: str | None = None
    #: when a completed assessment was withdrawn (kept, left out of history; undoable)
    withdrawn: dt.datetime | None = None
    withdrawn_reason: str = ""

    @property
    def when(self) -> dt.datetime:
        """The moment the assessment stands for: completion, or creation for a draft."""
        return self.completed or self.created

    def label(self) -> str:
        return f"#{self.id} ({self.when.date().isoformat()})"

    def hash_matches(self) -> bool:
        """True when a completed assessment is exactly what was sealed (drafts have no hash)."""
        if self.content_hash is None:
            return self.status == "draft"
        return content_hash(self.answer_file, self.result, self.versions, self.plugin_versions) == self.content_hash


class CostEntry(_Model):
    """An actual cost: money spent once, money spent every year from `on`, or internal hours."""

    id: int
    kind: CostKind
    amount: float
    on: dt.date
    note: str = ""


class Measurement(_Model):
    """A KPI value measured on a day."""

    id: int
    value: float
    on: dt.date
    note: str = ""


class Benefit(_Model):
    """Money gained or saved thanks to an investment (a contribution, not sole attribution)."""

    id: int
    amount: float
    on: dt.date
    note: str = ""


class Investment(_Model):
    """An accepted recommendation: what was planned, what it cost, and how its KPI moved."""

    id: int
    org: str
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
    #: assessments pinned as "before" and "after"; when unset they are found from the dates
    before_id: int | None = None
    after_id: int | None = None
    costs: list[CostEntry] = []
    measurements: list[Measurement] = []
    benefits: list[Benefit] = []
    #: the day the investment was finished (or stopped); None while it runs
    closed_on: dt.date | None = None
    #: when it was withdrawn (recorded by mistake, a duplicate): kept, left out of lists
    withdrawn: dt.datetime | None = None
    withdrawn_reason: str = ""


def sealed_form(answer_file: AnswerFile) -> AnswerFile:
    """The answer file as a completed assessment keeps it (and its content hash covers it):
    answers in question order, respondents in their order with their answers in question order."""
    return AnswerFile(
        profile=answer_file.profile,
        questionnaires=answer_file.questionnaires,
        respondents=[r.model_copy(update={"answers": dict(sorted(r.answers.items()))}) for r in answer_file.respondents],
        answers=dict(sorted(answer_file.answers.items())),
    )


def canonical_json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(
    answer_file: AnswerFile, result: Result | None, versions: dict[str, str], plugin_versions: dict[str, str]
) -> str:
    """A SHA-256 over what was assessed and found (not who or when), to detect any change."""
    payload = {
        "answer_file": answer_file.model_dump(mode="json"),
        "result": result.model_dump(mode="json") if result is not None else None,
        "versions": versions,
        "plugin_versions": plugin_versions,
    }
    return "sha256:" + hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()
