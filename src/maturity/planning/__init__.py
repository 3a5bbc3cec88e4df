"""Planning: what a business should fund next, and when.

* `benefit` — what closing each gap is worth to this business (the benefit model);
* `candidates` — the capabilities a plan can take on, their money and hours, plugin adjustments;
* `budget` — investments already accepted, and the money and staff time each quarter holds;
* `solver` — the multi-period optimisation: chooses between `exact` (the mixed-integer
  program of `program`) and `heuristic` (for large graphs); `problem` holds the rules a plan
  keeps and `sharing` shares the work out over the quarters;
* `roadmap`, `recommendations` — the plan read quarter by quarter, and its first quarter's steps;
* `left_out`, `explain` — why capabilities are left out, and the reasons shown with each step;
* `service` — `plan()`, the one entry point the command line, the app and reports call.
"""

from __future__ import annotations

from .budget import PERIODS_PER_YEAR
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
from .service import Plan, plan

__all__ = [
    "SCHEMA_VERSION", "Adjustment", "GoalContribution", "Period", "Plan", "PERIODS_PER_YEAR",
    "Recommendation", "Recommendations", "Roadmap", "ScheduledItem", "plan",
]
