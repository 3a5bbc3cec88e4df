"""The planning service: one plan, from which `recommend`, `roadmap`, the app and reports read.

From an answer file (or a saved assessment's) and the organisation's investments, it works out
the money and staff time each period holds, the capabilities that can be planned and what
plugins say about them, solves the roadmap, and reads the recommendations off its first period.
No shell assembles a plan itself.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from ..common.errors import UsageError
from ..common.formatting import hours as fmt_hours
from ..common.formatting import money
from ..assessment.models import AnswerFile
from ..contract.result import Result
from . import solver
from .candidates import Candidates, owner_words, build
from .explain import explain, money_words, names
from .models import Period, Recommendation, Recommendations, Roadmap, ScheduledItem

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..store.models import Investment

#: Periods are quarters: a year's budget is spread over four.
PERIODS_PER_YEAR = 4
#: Up to this many open capabilities the roadmap is solved exactly unless --method says
#: otherwise (more can take the exact search many seconds; --method exact still does it).
EXACT_LIMIT = 60
#: The most periods a roadmap plans (five years of quarters).
MAX_PERIODS = 20
#: Branch-and-bound nodes the exact search may take before the heuristic's plan is used
#: instead: a limit on work, not time, so that a plan never depends on the machine's load.
EXACT_NODE_LIMIT = 2_000


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


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.timezone.utc)


def accepted_this_year(investments: Iterable[Investment], since: dt.datetime | None, today: dt.date | None) -> list[Investment]:
    """Investments accepted in the last twelve months, or since `since` (the assessment)."""
    year_start = (today or dt.date.today()) - dt.timedelta(days=365)
    out = []
    for inv in investments:
        created = _aware(inv.created)
        if (since is not None and created >= _aware(since)) or created.date() > year_start:
            out.append(inv)
    return out


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
    if result is None:
        result = score(catalog, answer_file)
    profile = answer_file.profile
    achieved = result.achieved()
    this_year = accepted_this_year(investments, since, today)
    accepted = [inv for inv in this_year if inv.capability_id in catalog.capabilities and inv.capability_id not in achieved]
    funded = list(dict.fromkeys(list(profile.funded) + [inv.capability_id for inv in accepted]))
    answer_file = answer_file.model_copy(update={"profile": profile.model_copy(update={"funded": funded})})
    profile = answer_file.profile
    committed = sum(inv.planned_cost for inv in this_year)
    year = budget if budget is not None else profile.budget
    notes: list[str] = []
    assumptions: list[str] = []
    cur = profile.currency
    later_money = None
    if budget_per_period is None:
        if year is None:
            money_limit = math.inf
            notes.append(
                "No yearly technology budget in the profile, so money is not limited here: give `budget` in "
                "the profile (or --budget) for a plan that fits what you can spend."
            )
        else:
            left = max(0.0, year - committed)
            money_limit = left / PERIODS_PER_YEAR
            if committed:
                notes.append(
                    f"{money(committed, cur)} of the {money(year, cur)} budget is already accepted for investments "
                    f"of the last twelve months; {money(left, cur)} is left, {money(money_limit, cur)} a quarter."
                )
            if periods > PERIODS_PER_YEAR:
                # each later year has the same budget, less the running costs of what the
                # accepted investments put in place (what the plan completes pays its own)
                upkeep = sum(catalog.capabilities[inv.capability_id].yearly_cost(profile.size)
                             for inv in this_year if inv.capability_id in catalog.capabilities)
                later_money = max(0.0, year - upkeep) / PERIODS_PER_YEAR
                if later_money != money_limit:
                    notes.append(
                        f"From the second year on, {money(later_money, cur)} a quarter: the yearly budget of "
                        f"{money(year, cur)}" + (f" less {money(upkeep, cur)} a year of running costs of accepted "
                                                  "investments" if upkeep else "") + "."
                    )
    else:
        money_limit = budget_per_period
    if hours_per_period is None:
        hours_per_period, default = profile.project_hours_per_quarter()
        if default:
            assumptions.append(
                f"Staff time for change work: {fmt_hours(hours_per_period)} a quarter assumed from the size "
                f"({profile.people()} people); state the staff hours for change work in the profile to use your own."
            )
    if training_per_period is None:
        training_per_period, default = profile.training_hours_per_quarter()
        if default:
            assumptions.append(
                f"Training: {fmt_hours(training_per_period)} a quarter assumed ({profile.people()} people, 2 h each); "
                "state the training hours in the profile to use your own."
            )
    if profile.size is None:
        assumptions.append("Per-person costs and hours are worked out for 10 people; state the number of people in the profile.")
    limits = solver.Limits(periods=periods, money=money_limit, hours=hours_per_period, training=training_per_period,
                           periods_per_year=PERIODS_PER_YEAR, later_money=later_money)

    cands = build(catalog, answer_file, result, set(funded), beyond_targets=beyond_targets)
    if cands.unassessed:
        shown = ", ".join(catalog.questionnaires[d].model.questionnaire.name for d in cands.unassessed if d in catalog.questionnaires)
        notes.append(f"Not assessed, so not planned: {shown} (no question answered).")
    if cands.beyond:
        one = len(cands.beyond) == 1
        notes.append(
            f"{len(cands.beyond)} more "
            + ("capability lies beyond the target stage of its domain and is left out" if one
               else "capabilities lie beyond the target stage of their domain and are left out")
            + ": enough is enough."
        )
    schedule, method_used, method_note = _solve(cands, limits, method)
    roadmap = _roadmap(catalog, answer_file, cands, schedule, limits, method_used, method_note, notes, assumptions)
    roadmap.beyond_target, roadmap.not_assessed = list(cands.beyond), list(cands.unassessed)
    roadmap.goal_targets = _goal_targets(catalog, answer_file, cands, schedule)
    if roadmap.goal_targets:
        roadmap.notes.append("The plan advances your targets: " + "; ".join(roadmap.goal_targets) + ".")
    missing = _basics_missing(catalog, answer_file, cands, schedule, limits)
    if missing:
        roadmap.notes.append(missing)
    roadmap.notes.extend(_pains_left(catalog, cands, schedule, limits, answer_file.profile.currency))
    recs = _recommendations(catalog, answer_file, cands, schedule, limits, roadmap, top, explore, year, committed)
    recs.beyond_target, recs.not_assessed = list(cands.beyond), list(cands.unassessed)
    if missing:
        recs.notes.append(missing)
    recs.notes = list(cands.benefit.notes) + notes + recs.notes
    roadmap.notes = list(cands.benefit.notes) + notes + roadmap.notes
    return Plan(
        answer_file=answer_file, result=result, budget=year, committed=committed, accepted=accepted,
        recommendations=recs, roadmap=roadmap, periods=periods, notes=[],
    )


def _check(value: float | None, what: str) -> None:
    if value is not None and (math.isnan(value) or math.isinf(value) or value < 0):
        raise UsageError(f"{what} must be a number of 0 or more, not {value}")


def basics(cands: Candidates, limits: solver.Limits) -> tuple[str, ...]:
    """The basic hygiene steps (Fundamentals of cybersecurity and ethics) that could start now
    and be complete within one quarter: the plan completes at least one of them first."""
    out = []
    for cid in cands.frontier:
        rec, it = cands.recs.get(cid), cands.items.get(cid)
        if rec is None or it is None or not rec.floor or it.value <= 0:
            continue
        if (it.one_off + it.yearly / limits.periods_per_year <= limits.money + 1e-9 and it.hours <= limits.hours + 1e-9
                and it.training <= limits.training + 1e-9):
            out.append(cid)
    return tuple(out)


def _solve(cands: Candidates, limits: solver.Limits, method: str) -> tuple[solver.Schedule, str, str]:
    items = cands.ordered_items()
    size = len(items)
    first = basics(cands, limits)
    if method == "heuristic":
        return solver.solve_greedy(items, limits, first=first), "heuristic", "heuristic (list scheduling), as asked"
    if method == "exact" or size <= EXACT_LIMIT:
        plan = solver.solve_exact(items, limits, node_limit=EXACT_NODE_LIMIT if method == "auto" else 200_000, first=first)
        if plan is not None:
            return plan, "exact", "exact: the best plan over all periods together"
        if method == "exact":
            raise UsageError(f"the exact search over {size} capabilities is too large; use --method heuristic")
        return (solver.solve_greedy(items, limits, first=first), "heuristic",
                f"heuristic: the exact search over {size} capabilities was too large")
    return (solver.solve_greedy(items, limits, first=first), "heuristic",
            f"heuristic: {size} open capabilities is more than the exact search takes ({EXACT_LIMIT})")


def _what_it_takes(it: solver.Item, limits: solver.Limits, currency: str) -> str:
    """Why an item can never fit the plan's periods, and what would let it in."""
    P = limits.periods
    parts = []
    running = it.yearly / limits.periods_per_year
    if running > limits.money + 1e-9:
        parts.append(f"its running cost of {money(it.yearly, currency)} a year is more than a quarter's "
                     f"{money(limits.money, currency)}")
    elif it.one_off > limits.money_to(P) - running + 1e-9:
        need = (it.one_off + running) / P
        parts.append(f"it needs {money(it.one_off, currency)} one-off, more than the {P} quarters hold; "
                     f"raise the budget to about {money(need * PERIODS_PER_YEAR, currency)} a year or plan more quarters")
    if it.hours > limits.hours * P + 1e-9:
        parts.append(f"it takes {fmt_hours(it.hours)} of staff time, more than the {fmt_hours(limits.hours * P)} "
                     f"of {P} quarters; give more project hours or plan more quarters")
    if it.training > limits.training * P + 1e-9:
        parts.append(f"it needs {fmt_hours(it.training)} of training, more than the {fmt_hours(limits.training * P)} "
                     f"the staff can absorb in {P} quarters")
    return "; ".join(parts)


def _roadmap(catalog: Catalog, answer_file: AnswerFile, cands: Candidates, schedule: solver.Schedule,
             limits: solver.Limits, method: str, method_note: str, notes: list[str], assumptions: list[str]) -> Roadmap:
    profile = answer_file.profile
    cur = profile.currency
    items = cands.items
    recs = cands.recs

    def scheduled(cid: str, why: str = "") -> ScheduledItem:
        it, rec = items[cid], recs[cid]
        planned = cid in schedule.done
        return ScheduledItem(
            id=cid, name=rec.name, domain=rec.domain, stage=rec.stage, value=round(it.value, 4),
            cost=rec.cost, one_off=rec.one_off, yearly=rec.yearly, hours=rec.hours, training_hours=rec.training_total,
            requires=list(it.requires), kpi=rec.kpi,
            starts=schedule.start(cid) if planned else 0, finishes=schedule.done.get(cid, 0),
            share_by_period={p: round(s, 4) for p, s in schedule.work.get(cid, {}).items()} if planned else {},
            why_not=why,
        )

    out_periods = []
    total = 0.0
    for p in range(1, limits.periods + 1):
        starting = [c for c in cands.open_ids if c in schedule.done and schedule.start(c) == p]
        continuing = [c for c in cands.open_ids if c in schedule.done and schedule.start(c) < p
                      and schedule.work[c].get(p, 0.0) > solver.EPS]
        one_off = sum(schedule.work.get(c, {}).get(p, 0.0) * items[c].one_off for c in schedule.done)
        running = sum(items[c].yearly / limits.periods_per_year for c, q in schedule.done.items() if q <= p)
        _, hours, training = schedule.use(items, p, limits)
        total += one_off + running
        out_periods.append(Period(
            number=p, items=[scheduled(c) for c in starting], continuing=continuing,
            completed=[c for c in cands.open_ids if schedule.done.get(c) == p],
            cost=round(one_off + running, 2), one_off=round(one_off, 2), running=round(running, 2),
            hours=round(hours, 2), training_hours=round(training, 2),
        ))
    cannot = [c for c in cands.open_ids if not solver.fits_alone(items[c], limits) and items[c].value > 0]
    cannot_fit = [scheduled(c, _what_it_takes(items[c], limits, cur)) for c in cannot]
    frontier = set(cands.frontier)
    waiting = sorted(
        (c for c in cands.open_ids if c not in schedule.done and c in frontier and c not in cannot and items[c].value > 0),
        key=lambda c: -items[c].value,
    )[:5]
    road_notes: list[str] = []
    if not schedule.done and cands.open_ids:
        cheapest = cheapest_step(cands)
        if cheapest is not None:
            road_notes.append(nothing_fits(cheapest, limits, cur))
    elif waiting:
        note = _what_holds_back(out_periods, [items[c] for c in waiting], limits)
        if note:
            road_notes.append(note)
    return Roadmap(
        method=method, method_note=method_note, periods=out_periods,
        budget_per_period=None if math.isinf(limits.money) else round(limits.money, 2),
        hours_per_period=limits.hours, training_hours_per_period=limits.training,
        currency=cur, discount=solver.DISCOUNT,
        total_value=round(schedule.value(items), 4), total_cost=round(total, 2),
        in_progress=list(profile.funded),
        next_in_line=[scheduled(c, _why_waiting(items[c], limits, cur)) for c in waiting],
        cannot_fit=cannot_fit, notes=road_notes, assumptions=assumptions,
    )


def _what_holds_back(periods: list[Period], waiting: list[solver.Item], limits: solver.Limits) -> str:
    """Which of the quarters' resources is used up when what could start now is left waiting:
    staff time for change work or the training the staff can absorb ("" when it is money, or
    nothing is used up)."""
    spare_money = sum(limits.money_in(per.number) - per.cost for per in periods)
    if not any(it.one_off <= spare_money + 1e-9 for it in waiting):
        return ""
    full = []
    if math.isfinite(limits.hours) and sum(per.hours for per in periods) >= 0.9 * limits.hours * limits.periods:
        full.append(f"the {fmt_hours(limits.hours)} a quarter for change work are taken; more project hours would let more in")
    if math.isfinite(limits.training) and sum(per.training_hours for per in periods) >= 0.9 * limits.training * limits.periods \
            and any(it.training > 0 for it in waiting):
        full.append(f"the {fmt_hours(limits.training)} of training the staff can absorb a quarter are taken; "
                    "more training time would let more in")
    if not full:
        return ""
    return "Staff time, not money, holds back the rest: " + "; and ".join(full) + "."


def _why_waiting(it: solver.Item, limits: solver.Limits, currency: str) -> str:
    return _what_it_takes(it, limits, currency) or "fits on its own, but what the plan takes on is worth more in these periods"


def _goal_targets(catalog: Catalog, answer_file: AnswerFile, cands: Candidates, schedule: solver.Schedule) -> list[str]:
    """The profile's goal targets that a capability completed in the plan serves strongly."""
    out = []
    for gid, goal in answer_file.profile.goals.items():
        if not goal.target or goal.weight <= 0:
            continue
        if any(g.goal == gid and g.strength == "strongly" for c in schedule.done for g in cands.recs[c].goals):
            name = catalog.goals.get(gid, (gid, ""))[0]
            out.append(f"{name}: {goal.target}")
    return out


def _basics_missing(catalog: Catalog, answer_file: AnswerFile, cands: Candidates, schedule: solver.Schedule,
                    limits: solver.Limits) -> str:
    """For a business with regulated data: the basic security steps the plan does not complete,
    and why; "" when there are none."""
    profile = answer_file.profile
    if not profile.regulated_data:
        return ""
    left = [c for c in cands.open_ids if cands.recs[c].floor and cands.recs[c].domain == "cybersecurity"
            and c not in schedule.done]
    if not left:
        return ""
    why = []
    for c in left:
        reason = _what_it_takes(cands.items[c], limits, profile.currency)
        why.append(f"{cands.recs[c].name} ({reason or 'the money and staff time of these quarters go to steps worth more'})")
    kinds = profile.regulated_data
    kinds_text = ", ".join(kinds[:-1]) + f" and {kinds[-1]}" if len(kinds) > 1 else kinds[0]
    return (f"Your business handles {kinds_text} data, yet these basics are not complete within "
            f"{limits.periods} quarters: " + "; ".join(why) + ".")


def _pains_left(catalog: Catalog, cands: Candidates, schedule: solver.Schedule, limits: solver.Limits,
                currency: str) -> list[str]:
    """For the stated pain points that no capability completed in the plan addresses: the
    nearest step that would address them, and plainly what stands in its way."""
    by_text: dict[str, set[str]] = {}
    for pain, texts in cands.benefit.pains.items():
        for text in texts:
            by_text.setdefault(text, set()).add(pain)

    def path(cid: str) -> list[str]:
        return [c for c in cands.open_ids if c not in schedule.done and (c == cid or c in _closure(cands, cid))]

    left: dict[str, list[str]] = {}  # the nearest step -> the pain points it would address
    for text, pains in by_text.items():
        options = [c for c in cands.open_ids if pains & set(cands.recs[c].addresses) and cands.items[c].value > 0]
        if not options or any(c in schedule.done for c in options):
            continue
        nearest = min(options, key=lambda c: (sum(cands.items[p].hours for p in path(c)), -cands.items[c].value))
        left.setdefault(nearest, []).append(text)
    out = []
    for cid, texts in left.items():
        name = cands.recs[cid].name
        why = _what_it_takes(cands.items[cid], limits, currency)
        if not why:
            steps = path(cid)
            hours = sum(cands.items[c].hours for c in steps)
            training = sum(cands.items[c].training for c in steps)
            before = {1: "it needs", 2: "it and the step before it need"}.get(len(steps), f"it and the {len(steps) - 1} steps before it need")
            why = (f"{before} {fmt_hours(hours)} of staff time and {fmt_hours(training)} of training, and the "
                   f"{fmt_hours(limits.hours * limits.periods)} of staff time these {limits.periods} quarters hold go to "
                   "basics and steps worth more first")
            if math.isfinite(limits.hours):
                why += (f"; about {fmt_hours(math.ceil(hours / limits.periods))} more a quarter (project_hours, or paid "
                        "help with the set-up) would make room for it")
        said = "; ".join(f"“{owner_words(catalog, t)}”" for t in texts)
        out.append(f"Not addressed within {limits.periods} quarters: {said}. {name} would address "
                   f"{'it' if len(texts) == 1 else 'them'}, but {why}.")
    return out


def cheapest_step(cands: Candidates) -> Recommendation | None:
    """The frontier capability that costs least (money first, then staff time)."""
    options = [cands.recs[c] for c in cands.frontier if c in cands.recs]
    if not options:
        return None
    return min(options, key=lambda r: (r.cost, r.hours + r.training_total, -r.value))


def nothing_fits(rec: Recommendation, limits: solver.Limits, currency: str) -> str:
    held = f"{money(limits.money, currency)} and {fmt_hours(limits.hours)} a quarter" if math.isfinite(limits.money) \
        else f"{fmt_hours(limits.hours)} a quarter"
    return (f"Nothing fits {held} in {limits.periods} quarters; the cheapest next step is {rec.name} at about "
            f"{money_words(rec, currency)} and {fmt_hours(rec.hours)}.")


def _recommendations(catalog: Catalog, answer_file: AnswerFile, cands: Candidates, schedule: solver.Schedule,
                     limits: solver.Limits, roadmap: Roadmap, top: int, explore: bool, year: float | None,
                     committed: float) -> Recommendations:
    profile = answer_file.profile
    cur = profile.currency
    recs = cands.recs
    position = {c: k for k, c in enumerate(cands.open_ids)}
    first = [c for c in cands.open_ids if c in schedule.done and schedule.start(c) == 1]
    ranked = sorted(first, key=lambda c: (not recs[c].mandatory, -recs[c].value, position[c]))
    # a prerequisite is listed before what needs it
    ordered: list[str] = []
    for c in ranked:
        for pre in [p for p in cands.open_ids if p in first and p not in ordered and p in _closure(cands, c)]:
            ordered.append(pre)
        if c not in ordered:
            ordered.append(c)
    period_budget = None if math.isinf(limits.money) else limits.money
    chosen: list[Recommendation] = []
    for c in ordered:
        rec = recs[c].model_copy(deep=True)
        rec.starts, rec.finishes = 1, schedule.done[c]
        chosen.append(rec)
    shown, more = chosen[:top], max(0, len(chosen) - top)
    # basic hygiene is never crowded out of the list: the best basic step the quarter starts
    # stays in it, in place of the last one shown
    floor = [r for r in chosen if r.floor]
    if floor and not any(r.floor for r in shown) and not shown[-1].mandatory:
        keep = floor[0]
        keep.reasons.append("Kept in the list so that basic security and privacy are never crowded out.")
        shown = shown[:-1] + [keep]
    waiting = []
    for item in roadmap.next_in_line[:top]:
        rec = recs[item.id].model_copy(deep=True)
        rec.fits_budget = False
        rec.why_not_now = item.why_not
        waiting.append(rec)
    for c in cands.frontier:  # the frontier items that start later in the plan come next
        if c in schedule.done and schedule.start(c) > 1 and len(waiting) < top:
            rec = recs[c].model_copy(deep=True)
            rec.starts, rec.finishes = schedule.start(c), schedule.done[c]
            rec.why_not_now = f"planned to start in quarter {rec.starts}"
            waiting.append(rec)
    notes: list[str] = []
    cheapest = None
    if not chosen and cands.open_ids:
        best = cheapest_step(cands)
        if best is not None:
            cheapest = best.model_copy(deep=True)
            notes.append(nothing_fits(cheapest, limits, cur))
    if not cands.open_ids:
        notes.append("Nothing is left to recommend: every capability that applies is achieved or funded.")
    if more:
        notes.append(f"{more} more {'capability starts' if more == 1 else 'capabilities start'} this quarter; "
                     "`maturity roadmap` shows the whole plan.")
    exploration = None
    if explore:
        exploration, bet_note = _bet(catalog, cands, {r.id for r in chosen} | {r.id for r in waiting})
        if bet_note:
            notes.append(bet_note)
    for rec in shown + waiting + ([cheapest] if cheapest else []):
        rec.reasons = _unique(explain(rec, catalog, profile, period_budget) + rec.reasons)
        if rec.finishes and rec.finishes > 1 and rec.starts == 1:
            rec.reasons.append(f"Work starts this quarter and is complete in quarter {rec.finishes}.")
    if exploration is not None:
        # a bet is what the goals would not pick: its reasons do not claim they would
        told = [r for r in explain(exploration, catalog, profile, period_budget) if not r.startswith("Serves your goals")]
        exploration.reasons = _unique(exploration.reasons + told)
    not_fitting = {cid: reason for cid, reason in cands.ruled_out.items()
                   if cid not in cands.added and ("does not fit" in reason or "ignored" in reason)}
    return Recommendations(
        budget=None if year is None else max(0.0, year - committed),
        period_budget=None if period_budget is None else round(period_budget, 2),
        period_hours=limits.hours, period_training_hours=limits.training,
        currency=cur, items=shown, more=more, next_in_line=waiting, cheapest=cheapest,
        exploration=exploration, not_fitting=not_fitting, notes=notes, assumptions=list(roadmap.assumptions),
    )


def _closure(cands: Candidates, cid: str) -> set[str]:
    out: set[str] = set()
    stack = list(cands.items[cid].requires) if cid in cands.items else []
    while stack:
        c = stack.pop()
        if c not in out:
            out.add(c)
            stack.extend(cands.items[c].requires)
    return out


def _unique(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))


def _bet(catalog: Catalog, cands: Candidates, chosen: set[str]) -> tuple[Recommendation | None, str]:
    """One open, applicable frontier capability the stated goals rank low but that opens the
    way to the most others; or None and why there is none."""
    frontier = [c for c in cands.frontier if c in cands.recs and c not in chosen]
    if not frontier:
        return None, "No deliberate bet: every capability that could start now is already in the list."
    alignments = sorted(cands.recs[c].alignment for c in cands.open_ids)
    median = alignments[len(alignments) // 2] if alignments else 0.0
    open_set = set(cands.open_ids)
    # basic hygiene and must-haves are never a bet: the plan takes them whatever the strategy
    low = [c for c in frontier if cands.recs[c].alignment <= median and not cands.recs[c].floor
           and not cands.recs[c].mandatory]
    scored = [(len([d for d in catalog.graph.descendants(c) if d in open_set]), c) for c in low]
    scored = [(n, c) for n, c in scored if n > 0]
    if not scored:
        return None, ("No deliberate bet: none of the capabilities your goals rank low opens the way to others.")
    count, cid = max(scored, key=lambda nc: (nc[0], -catalog.graph.position(nc[1])))
    bet = cands.recs[cid].model_copy(deep=True)
    ahead = names(catalog, [d for d in catalog.graph.required_by(cid) if d in open_set], 3)
    bet.reasons = [
        f"An explicit bet: your stated goals rank it low, but {count} "
        f"{'capability builds' if count == 1 else 'capabilities build'} on it, directly or further on "
        f"(first {ahead}). Worth a look if your strategy may change."
    ]
    return bet, ""


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
