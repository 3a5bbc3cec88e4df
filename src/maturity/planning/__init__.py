"""Planning: what a business should fund next, and when.

* `benefit` — what closing each gap is worth to this business (the benefit model);
* `candidates` — the capabilities a plan can take on, their money and hours, plugin adjustments;
* `solver` — the multi-period optimisation (exact MILP, and a heuristic for large graphs);
* `explain` — the reasons shown with each step;
* `service` — `plan()`, the one entry point the command line, the app and reports call.
"""

from __future__ import annotations

from .models import (
    SCHEMA_VERSION,
    Adjustment,
    GoalContribution,
    Period,
    Recommendation,
    Recommendations,
    Roadmap,
    ScheduledItem,
)
from .service import PERIODS_PER_YEAR, Plan, plan

__all__ = [
    "SCHEMA_VERSION", "Adjustment", "GoalContribution", "Period", "Plan", "PERIODS_PER_YEAR",
    "Recommendation", "Recommendations", "Roadmap", "ScheduledItem", "plan",
]
