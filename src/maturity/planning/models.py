"""What the planner returns: the models behind `recommend --json` and `roadmap --json`.

Field names follow the words of the command line: `one_off` and `yearly` money, `hours` of
change work and `training_hours`, `next_in_line`, `cannot_fit`.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

#: Bumped when a field changes meaning or goes away; new fields keep it.
SCHEMA_VERSION = 2


# the types plugins see live in the plugin contract
from ..contract.returns import Adjustment  # noqa: E402
from ..contract.recommendation import GoalContribution, Recommendation

__all__ = ["SCHEMA_VERSION", "Adjustment", "BaselinePlan", "GoalContribution", "Recommendation", "Recommendations"]


class BaselinePlan(BaseModel):
    """What the plan does toward the baseline the profile aims at (`profile.baseline`)."""

    model_config = ConfigDict(extra="forbid")
    id: str
    key: str  # id@version
    name: str
    short_name: str
    by: dt.date
    worth: float | None = None  # what reaching it is worth a year, as the owner says
    due_quarter: int  # the last quarter of the plan that ends on or before `by` (0: none does)
    due_quarter_ends: dt.date | None = None
    steps: list[str] = []  # the capabilities it needs, prerequisites first
    completed: dict[str, int] = {}  # of those, the quarter each is complete in
    reached: bool = False  # every step is complete by the end of `due_quarter`
    one_off: float = 0.0  # what the steps cost together
    yearly: float = 0.0
    hours: float = 0.0
    training_hours: float = 0.0
    unknown_items: list[str] = []  # items the answers leave unknown
    questions: list[str] = []  # the questions to answer for them
    out_of_reach: list[str] = []  # capabilities that would close items but do not apply
    lines: list[str] = []  # all of it in words, as the command line and the app show it


class Recommendations(BaseModel):
    """What `maturity recommend --json` prints: the first period of the plan."""

    model_config = ConfigDict(extra="forbid")

    schema_version: int = SCHEMA_VERSION
    budget: float | None  # the year's budget the plan works with (after accepted investments)
    period_budget: float | None = None  # the most money this quarter may spend
    budget_per_year: float | None = None  # the year's money, which any of its quarters may spend (None: each quarter its own)
    money_held: str = ""  # the money the quarters hold, in words ("" when it is not limited)
    period_hours: float = 0.0
    period_training_hours: float = 0.0
    currency: str
    items: list[Recommendation]
    more: int = 0  # items of the first period not shown (beyond --top)
    next_in_line: list[Recommendation] = []
    cheapest: Recommendation | None = None
    exploration: Recommendation | None = None
    not_fitting: dict[str, str] = {}
    beyond_target: list[str] = []  # open capabilities above their domain's target, left out
    not_assessed: list[str] = []  # domains without answers, left out
    not_worth: dict[str, str] = {}  # within target, but worth less than it costs: both figures
    baseline: BaselinePlan | None = None  # toward the baseline the profile aims at
    notes: list[str] = []
    assumptions: list[str] = []


class ScheduledItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str
    domain: str
    stage: str
    value: float
    cost: float  # first-year money: one-off plus one year of running cost
    one_off: float
    yearly: float
    hours: float
    training_hours: float  # for everyone together
    requires: list[str]
    kpi: str
    starts: int = 0  # the period its work starts in (0: not in the plan)
    finishes: int = 0  # the period it is complete in (0: not in the plan)
    share_by_period: dict[int, float] = {}  # the share of its work done in each period
    why_not: str = ""  # for what is left out: what it would take
    help_hours: float = 0.0  # hours of paid outside help the plan buys for it
    help_cost: float = 0.0
    value_low: float = 0.0
    value_high: float = 0.0
    cost_year: float = 0.0  # what it costs a year, set against its value
    #: for a step partly in place, what finishing it means, from the answers' best options
    to_finish: str = ""


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid")
    number: int
    items: list[ScheduledItem]  # the capabilities whose work starts in this period
    continuing: list[str] = []  # capabilities started earlier whose work goes on in this period
    completed: list[str] = []  # capabilities complete at the end of this period
    cost: float  # money used in the period: one-off work plus running costs
    one_off: float = 0.0
    running: float = 0.0
    hours: float  # hours of change work done in this period, staff and paid help together
    training_hours: float = 0.0
    staff_hours: float = 0.0  # of those, the staff's
    help_hours: float = 0.0  # of those, bought as outside help
    help_cost: float = 0.0  # what that help costs (inside `cost`)
    paced: int = 0  # of `completed`, those that count toward the pace (no quick protection, must-have or date)

    def pace_words(self) -> str:
        """How the quarter's completed steps stand against the pace of change, when some of them
        do not count toward it ("9 steps complete: 5 at the pace of change, and 4 urgent
        protections or steps the law requires on top"); "" when every one counts."""
        total, extra = len(self.completed), len(self.completed) - self.paced
        if extra <= 0:
            return ""
        return (f"{total} steps complete: {self.paced} at the pace of change, and {extra} urgent "
                f"protection{'s' if extra != 1 else ''} or step{'s' if extra != 1 else ''} the law, your insurer or "
                "a date requires on top")


class YearTotals(BaseModel):
    """What the plan's first year holds, all in the business's currency."""

    model_config = ConfigDict(extra="forbid")
    money: float  # spent: one-off, running and outside help
    staff_hours: float
    help_hours: float
    help_cost: float
    losses_avoided: float  # expected losses avoided a year once the year's steps are in place
    hours_freed: float  # staff hours a year freed
    value: float  # the year's steps' value a year, all parts
    goals: list[str] = []  # the goals the year's steps advance


class Roadmap(BaseModel):
    """What `maturity roadmap --json` prints."""

    model_config = ConfigDict(extra="forbid")
    schema_version: int = SCHEMA_VERSION
    method: str  # "exact" or "heuristic"
    method_note: str  # how close the plan is to the best possible, in words
    gap: float | None = None  # that distance as a share of the best possible value (0: the best)
    periods: list[Period]
    budget_per_period: float | None  # a quarter's share of the year's money (with `budget_per_year`, any may spend more)
    budget_per_year: float | None = None  # the first year's money, which any of its quarters may spend (None: each quarter its own)
    budget_total: float | None = None  # the most money the plan's quarters may spend together
    money_held: str = ""  # the money the quarters hold, in words ("" when it is not limited)
    hours_per_period: float
    training_hours_per_period: float
    currency: str
    discount: float
    total_value: float
    total_cost: float  # money the plan uses over all its periods
    in_progress: list[str]
    next_in_line: list[ScheduledItem]
    cannot_fit: list[ScheduledItem] = []
    beyond_target: list[str] = []
    not_assessed: list[str] = []
    goal_targets: list[str] = []  # the goals' targets the plan advances, in the profile's words
    not_worth: list[ScheduledItem] = []  # within target, but worth less than it costs (why_not says both)
    year: YearTotals | None = None
    help_rate: float = 0.0  # what an hour of outside help costs (0: none bought)
    help_hours_per_period: float | None = None  # the most outside help a quarter may buy (None: no limit)
    steps_per_period: int | None = None  # the most steps a quarter completes, the pace (None: no limit)
    baseline: BaselinePlan | None = None  # toward the baseline the profile aims at
    notes: list[str] = []
    assumptions: list[str] = []
