"""The planning service: one plan, from which `recommend`, `roadmap`, the app and reports read.

From an answer file (or a saved assessment's) and the organisation's investments, it works out
the money and staff time each period holds (`budget`), the capabilities that can be planned and
what plugins say about them (`candidates`), solves the roadmap (`solver`), and reads the roadmap
(`roadmap`), the notes on what is left out (`left_out`) and the recommendations off its first
period (`recommendations`). No shell assembles a plan itself.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from ..assessment.models import AnswerFile
from ..common.errors import UsageError
from ..contract.result import Result
from .budget import PERIODS_PER_YEAR, accepted_this_year, in_progress, outside_help, period_limits
from .candidates import build
from .left_out import basics_missing, pains_left
from .models import Recommendations, Roadmap
from .recommendations import build_recommendations
from .roadmap import build_roadmap, goal_targets
from . import quick, toward
from .problem import meets_due
from .sharing import pauses
from .solver import EXACT_LIMIT, basics, solve

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..store.models import Investment

#: The most periods a roadmap plans (five years of quarters).
MAX_PERIODS = 20


@dataclass
class Plan:
    """Recommendations and roadmap for one set of answers, as of now."""

    answer_file: AnswerFile  # the answers, with accepted investments marked as funded
    result: Result
    budget: float | None  # the year's technology budget
    committed: float  # planned cost of investments accepted in the last twelve months
    accepted: list[Investment]  # those of them not yet in place: in progress
    recommendations: Recommendations
    roadmap: Roadmap
    periods: int
    notes: list[str] = field(default_factory=list)

    @property
    def remaining(self) -> float | None:
        if self.budget is None:
            return None
        return max(0.0, self.budget - self.committed)


def plan(
    catalog: Catalog,
    answer_file: AnswerFile,
    result: Result | None = None,
    *,
    investments: Iterable[Investment] = (),
    budget: float | None = None,
    periods: int = PERIODS_PER_YEAR,
    budget_per_period: float | None = None,
    hours_per_period: float | None = None,
    training_per_period: float | None = None,
    top: int = 5,
    explore: bool = False,
    method: str = "auto",
    beyond_targets: bool = False,
    since: dt.datetime | None = None,
    today: dt.date | None = None,
) -> Plan:
    """Plan `periods` quarters for a business; see docs/planning.md.

    `budget` replaces the profile's yearly budget; `budget_per_period`, `hours_per_period` and
    `training_per_period` replace what a period holds. Investments accepted in the last twelve
    months (or since `since`) are paid from the year's budget, and those whose capability is
    not yet achieved are in progress: planned as done, not recommended again. The plan aims at
    each domain's target stage; `beyond_targets` plans the stages above it as well. Domains
    without answers are not planned.
    """
    from ..assessment.scoring import score

    _check(budget, "the budget")
    _check(budget_per_period, "the budget per period")
    _check(hours_per_period, "the hours per period")
    _check(training_per_period, "the training hours per period")
    if top < 1:
        raise UsageError("--top must be at least 1")
    if not 1 <= periods <= MAX_PERIODS:
        raise UsageError(f"a roadmap plans 1 to {MAX_PERIODS} periods (quarters), not {periods}")
    if method not in ("auto", "exact", "heuristic"):
        raise UsageError(f"unknown method {method!r}: use auto, exact or heuristic")
    catalog = catalog.for_profile(answer_file.profile)  # the sector rules that hold for this business
    today = today or dt.date.today()
    toward.check(catalog, answer_file, today)
    if result is None:
        result = score(catalog, answer_file)
    achieved = result.achieved()
    this_year = accepted_this_year(investments, since, today)
    answer_file, accepted, funded = in_progress(catalog, answer_file, achieved, this_year)
    profile = answer_file.profile
    committed = sum(inv.planned_cost for inv in this_year)
    year = budget if budget is not None else profile.budget
    limits, notes, assumptions = period_limits(
        catalog, profile, this_year, year=year, committed=committed, periods=periods,
        budget_per_period=budget_per_period, hours_per_period=hours_per_period, training_per_period=training_per_period,
    )
    aimed = toward.from_goal(catalog, answer_file, today, periods, assumptions)
    aim = toward.target(catalog, aimed, result, today)
    cands = build(catalog, answer_file, result, set(funded), beyond_targets=beyond_targets,
                  required=aim.required if aim else frozenset())
    limits = outside_help(limits, cands.benefit, notes, assumptions)
    if aim is not None:
        toward.aim(aim, cands, limits)
    if cands.unassessed:
        shown = ", ".join(catalog.questionnaires[d].model.questionnaire.name for d in cands.unassessed if d in catalog.questionnaires)
        notes.append(f"Not assessed, so not planned: {shown} (no question answered).")
    if answer_file.profile.regulated_data and not answer_file.profile.country:
        notes.append("Your profile names no country, so no law that makes a step required where you are is "
                     "applied to this plan (data-protection law, for one, for the data you hold). Say "
                     "which country the business is in to apply it.")
    if cands.beyond:
        one = len(cands.beyond) == 1
        notes.append(
            f"{len(cands.beyond)} more advanced "
            + ("step, beyond the stage its area aims at for now, is left for later" if one
               else "steps, beyond the stage each area aims at for now, are left for later")
            + (": it does not" if one else ": none of them")
            + " both answer a problem or goal you named and return more than it costs."
        )
    # cheap protections, and those against what the business says happened, in the first
    # quarter (see planning/quick.py); only the exact program keeps a quarter
    exact = method == "exact" or (method == "auto" and len(cands.items) <= EXACT_LIMIT)
    first = quick.chosen(cands, limits, basics(cands, limits), year) if exact else {}
    quick.hold(cands, first)
    schedule, method_used, method_note = solve(cands, limits, method)
    kept = not first or meets_due(cands.items, schedule)
    if first and (not kept or pauses(schedule)):
        # the quarter cannot be kept beside the rest, or keeping it leaves work that stops and
        # starts again: the plan by value alone, unless that pauses too
        quick.release(cands, first)
        again = solve(cands, limits, method)
        if kept and pauses(again[0]):
            quick.hold(cands, first)
        else:
            first = {}
            schedule, method_used, method_note = again
    quick.explain(cands, first, schedule.done)
    if aim is not None and not meets_due(cands.items, schedule):
        # the exact search could not keep the date beside the rest (or the heuristic planned):
        # the baseline's steps go first instead, and the plan says how far that gets
        aim.fits = False
        toward.first(aim, cands)
        schedule, method_used, method_note = solve(cands, limits, method)
    roadmap = build_roadmap(catalog, answer_file, cands, schedule, limits, method_used, method_note, notes, assumptions)
    roadmap.beyond_target, roadmap.not_assessed = list(cands.beyond), list(cands.unassessed)
    if aim is not None:
        roadmap.baseline = toward.report(aim, cands, schedule, limits, answer_file.profile.currency)
    toward_named: list[str] = []
    reached = roadmap.baseline is not None and roadmap.baseline.reached and not roadmap.baseline.unknown_items
    roadmap.goal_targets = goal_targets(catalog, aimed, cands, schedule, toward_named, today, reached)
    if roadmap.goal_targets:
        roadmap.notes.append("The plan advances your targets: " + "; ".join(roadmap.goal_targets) + ".")
    roadmap.notes.extend(toward_named)
    missing = basics_missing(catalog, answer_file, cands, schedule, limits)
    if missing:
        roadmap.notes.append(missing)
    roadmap.notes.extend(pains_left(catalog, cands, schedule, limits, answer_file.profile.currency))
    recs = build_recommendations(catalog, answer_file, cands, schedule, limits, roadmap, top, explore, year, committed)
    recs.beyond_target, recs.not_assessed = list(cands.beyond), list(cands.unassessed)
    recs.baseline = roadmap.baseline
    if missing:
        recs.notes.append(missing)
    recs.not_worth = {c: why for c, why in cands.not_worth.items()}
    recs.notes = list(cands.benefit.notes) + notes + recs.notes
    roadmap.notes = list(cands.benefit.notes) + notes + roadmap.notes
    for more in cands.benefit.assumptions:
        if more not in roadmap.assumptions:
            roadmap.assumptions.append(more)
    recs.assumptions = list(roadmap.assumptions)
    return Plan(
        answer_file=answer_file, result=result, budget=year, committed=committed, accepted=accepted,
        recommendations=recs, roadmap=roadmap, periods=periods, notes=[],
    )


def _check(value: float | None, what: str) -> None:
    if value is not None and (math.isnan(value) or math.isinf(value) or value < 0):
        raise UsageError(f"{what} must be a number of 0 or more, not {value}")


def saved_answers(catalog: Catalog, assessment) -> tuple[AnswerFile, list[str]]:
    """A saved assessment's answers for planning now: answers to questions no longer asked are
    left out (and listed), so that the questionnaires loaded now score them."""
    answers = assessment.answer_file.model_copy(deep=True)
    dropped = [qid for qid in answers.answers if qid not in catalog.questions]
    for qid in dropped:
        del answers.answers[qid]
    return answers, dropped


def plan_assessment(catalog: Catalog, assessment, investments: Iterable[Investment] = (), **options) -> Plan:
    """`plan` for a saved assessment of an organisation, with its investments: the stored answers
    are scored again with the questionnaires loaded now, and investments accepted since the
    assessment or in the last twelve months count as in progress."""
    answers, dropped = saved_answers(catalog, assessment)
    out = plan(catalog, answers, investments=investments, since=assessment.when, **options)
    if dropped:
        note = f"{len(dropped)} saved answers belong to questions no longer asked; they are left out."
        out.recommendations.notes.insert(0, note)
        out.roadmap.notes.insert(0, note)
    return out
