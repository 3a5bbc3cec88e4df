"""The recommendation types plugins see (`adjust_recommendations`); the planner is
`maturity.planning`."""

from __future__ import annotations

from .planning.models import Adjustment, GoalContribution, Recommendation, Recommendations

__all__ = ["Adjustment", "GoalContribution", "Recommendation", "Recommendations"]
