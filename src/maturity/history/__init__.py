"""History, comparison and return on investment: pure computations over stored assessments.

No database and no user interface here: the command line and the terminal app both call these
functions on what the store hands out and render the results. Every result is a pydantic model,
so `--json` prints it as is, and carries sentences written for a business owner.

- `timeline`: history over time (`history`);
- `comparison`: what changed between two assessments (`diff`, `describe_answer`);
- `investments`: KPI progress, maturity progress, ROI and payback (`investment_report`).
"""

from __future__ import annotations

from .comparison import (
    AnswerChange,
    AssessmentDiff,
    AssessmentRef,
    BaselineChange,
    CapabilityChange,
    DomainChange,
    describe_answer,
    diff,
)
from .investments import (
    PAYBACK_HORIZON_YEARS,
    InvestmentReport,
    MaturityProgress,
    benefit_to,
    cost_to,
    investment_report,
    kpi_progress,
    linked_assessments,
    payback_date,
)
from .timeline import BaselinePoint, DomainPoint, DomainTrend, History, HistoryRow, history

__all__ = [
    "BaselineChange",
    "BaselinePoint",
    "AnswerChange",
    "AssessmentDiff",
    "AssessmentRef",
    "CapabilityChange",
    "DomainChange",
    "DomainPoint",
    "DomainTrend",
    "History",
    "HistoryRow",
    "InvestmentReport",
    "MaturityProgress",
    "PAYBACK_HORIZON_YEARS",
    "benefit_to",
    "cost_to",
    "describe_answer",
    "diff",
    "history",
    "investment_report",
    "kpi_progress",
    "linked_assessments",
    "payback_date",
]
