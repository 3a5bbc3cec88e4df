"""What a report holds: one pydantic model, rendered by every format and printed as is by the
JSON format (`maturity schema report` prints its JSON Schema; docs/reports.md explains it)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..assessment.peers import PeerFigures
from ..coverage.models import BaselineCoverage
from ..planning.models import YearTotals


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
    #: the sentence every surface shows (report/plain.py `weakest_link_text`)
    text: str = ""


class NextStep(_Model):
    id: str
    name: str
    domain: str
    cost: float
    cost_text: str
    why: list[str]
    #: who takes it on (the usual role for its domain; with paid help when the plan buys it)
    owner: str = ""
    #: the last day of the quarter the plan completes it in
    due: dt.date | None = None
    #: money in its first year, paid outside help included, and the hours of work it takes
    money: float = 0.0
    staff_hours: float = 0.0
    help_hours: float = 0.0
    help_cost: float = 0.0


class RiskLine(_Model):
    """One of the biggest losses the business can expect a year as things stand
    (`maturity.planning.board.biggest_risks`)."""

    name: str
    #: the expected loss a year (central estimate, with the range where sources disagree)
    expected: float
    low: float
    high: float
    #: what one such loss costs when it happens, and how likely it is a year, in words
    cost_when: float
    chance: str
    sources: list[str]
    #: the first step of the plan that lowers it, and the day it is complete ("" and None: none)
    first_step: str = ""
    first_step_due: dt.date | None = None


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
    #: a quarter's share of the year's money; None when the profile gives no budget (money is not limited)
    budget_per_period: float | None
    #: the money the quarters hold, in the planner's words ("€1,200 for the year (any of its
    #: quarters may spend it)"); "" when money is not limited
    money_held: str = ""
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
    #: the biggest losses the business can expect a year as things stand, largest first
    risks: list[RiskLine] = []
    #: what the plan's first year spends and returns
    year: YearTotals | None = None
    #: the names of the domains with no answer: named once, left out of charts and tables
    not_assessed: list[str] = []
    #: published survey figures beside the business's answers (docs/survey-figures.md)
    peer_figures: PeerFigures | None = None
    trace: Trace
    redacted: bool
    warnings: list[str]

    @property
    def assessed(self) -> list[DomainLine]:
        """The domains with answers: the only ones charts and tables show."""
        return [d for d in self.domains if d.assessed]

    @property
    def assessed_details(self) -> list[DomainDetail]:
        """The capabilities of the domains with answers, as the detail tables show them."""
        skipped = {d.domain for d in self.domains if not d.assessed}
        return [d for d in self.details if d.domain not in skipped]

    @property
    def in_trend(self) -> list[DomainLine]:
        """The domains assessed at least once in the trend: the columns of its table."""
        return [d for d in self.domains if any(d.domain in t.indices for t in self.trend)]

    def domain_name(self, domain: str) -> str:
        return next((d.name for d in self.domains if d.domain == domain), domain)
