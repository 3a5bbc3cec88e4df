"""What a report holds: one pydantic model, rendered by every format and printed as is by the
JSON format (`maturity schema report` prints its JSON Schema; docs/reports.md explains it)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..assessment.peers import PeerFigures
from ..coverage.models import BaselineCoverage


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    """What the report was made from."""

    kind: Literal["answer_file", "assessment"]
    #: the answer file's path, for a report of an answer file
    path: str | None = None
    #: the saved assessment's number and the day it was completed
    assessment_id: int | None = None
    date: dt.date | None = None


class ProfileInfo(_Model):
    name: str
    industry: str
    industry_id: str
    size: int | None
    size_band: str | None
    currency: str
    budget: float | None


class DomainLine(_Model):
    """One domain's stage and progress: the figures of the result, with what peers reach."""

    domain: str
    name: str
    version: str
    stage: int
    stage_name: str
    #: the next stage's name, or "" at the top stage
    next_stage: str
    index: float
    percent: float
    achieved: int
    applicable: int
    unanswered: int
    dont_know: int
    weakest: bool
    #: the peers' median index in this domain, when a benchmark matched
    peers: float | None = None
    #: as `assess` shows it (assessment/presentation.py): no answer, no stage, index or progress
    assessed: bool = True
    #: the stage with the progress inside it: "Building Fundamentals", "Not assessed"
    label: str = ""
    #: the target stage and how far it is: "Intermediate", "1 stage to go"
    target: str = ""
    to_go: str = ""

    @property
    def target_text(self) -> str:
        return f"{self.target} ({self.to_go})" if self.target and self.to_go else self.target or "–"


class WeakestLinkLine(_Model):
    stage_name: str
    names: str
    domains: list[str]


class NextStep(_Model):
    id: str
    name: str
    domain: str
    cost: float
    cost_text: str
    why: list[str]


class AnswerLine(_Model):
    question_id: str
    question: str
    state: Literal["answered", "dont_know", "not_applicable", "unanswered"]
    answer: str
    note: str = ""
    evidence: list[str] = []
    confidence: str = ""


class CapabilityLine(_Model):
    id: str
    name: str
    domain: str
    stage: str
    status: str
    credit: float
    questions: int
    answered: int
    dont_know: int
    unanswered: int
    not_applicable_reason: str = ""
    answers: list[AnswerLine] = []


class DomainDetail(_Model):
    domain: str
    name: str
    capabilities: list[CapabilityLine]


class RoadmapItem(_Model):
    id: str
    name: str
    cost: float
    hours: float
    start: int
    finishes: int


class RoadmapPeriod(_Model):
    number: int
    cost: float
    hours: float
    items: list[RoadmapItem]
    continuing: list[str]


class RoadmapInfo(_Model):
    periods: list[RoadmapPeriod]
    #: money a quarter holds; None when the profile gives no budget (money is not limited)
    budget_per_period: float | None
    total_cost: float
    method_note: str


class TrendPoint(_Model):
    assessment_id: int
    date: dt.date
    #: domain id -> continuous index
    indices: dict[str, float]


class InvestmentLine(_Model):
    capability_id: str
    capability: str
    planned_cost: float
    cost_to_date: float
    benefit_to_date: float
    roi: float | None
    payback: dt.date | None
    payback_estimated: bool
    kpi: str
    kpi_progress: float | None
    sentences: list[str]


class BenchmarkInfo(_Model):
    """The peer figures matched to the profile, and whose they are."""

    plugin: str
    plugin_version: str
    industry_id: str
    size_band: str
    #: domain id -> the peers' median continuous index
    indices: dict[str, float]


class DomainMove(_Model):
    domain: str
    name: str
    stage_before: str
    stage_after: str
    index_before: float
    index_after: float
    percent_before: float
    percent_after: float
    sentence: str


class CapabilityMove(_Model):
    id: str
    name: str
    domain: str
    status_before: str
    status_after: str
    credit_before: float
    credit_after: float


class Comparison(_Model):
    """What moved between two assessments of one organisation, A (before) and B (after)."""

    a: int
    a_date: dt.date
    b: int
    b_date: dt.date
    summary: list[str]
    domains: list[DomainMove]
    capabilities: list[CapabilityMove]
    not_compared: list[str]


class Trace(_Model):
    """What the report can be traced to."""

    questionnaires: dict[str, str]
    plugins: dict[str, str]
    content_hash: str


class Report(_Model):
    """A report of one assessment, as `maturity report --format json` prints it."""

    schema_version: Literal[1] = 1
    title: str
    generated: dt.date
    source: Source
    profile: ProfileInfo
    domains: list[DomainLine]
    weakest_link: WeakestLinkLine | None
    next_steps: list[NextStep]
    next_steps_notes: list[str]
    #: sentences on what changed since the previous assessment (or between the compared ones)
    changes: list[str]
    details: list[DomainDetail]
    roadmap: RoadmapInfo | None
    roadmap_notes: list[str]
    trend: list[TrendPoint]
    investments: list[InvestmentLine]
    benchmark: BenchmarkInfo | None
    benchmark_note: str
    comparison: Comparison | None
    #: coverage of the recognised baselines (the same figures as `maturity coverage`)
    coverage: list[BaselineCoverage] = []
    #: published survey figures beside the business's answers (docs/survey-figures.md)
    peer_figures: PeerFigures | None = None
    trace: Trace
    redacted: bool
    warnings: list[str]

    def domain_name(self, domain: str) -> str:
        return next((d.name for d in self.domains if d.domain == domain), domain)
