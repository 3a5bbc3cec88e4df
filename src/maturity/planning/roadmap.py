"""The roadmap of a plan: what starts, continues and is complete in each quarter, what it costs,
what waits and what can never fit, and the goal targets the plan advances.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from ..assessment.models import AnswerFile
from ..contract.vocabulary import match_pains
from .budget import money_held
from .candidates import Candidates, finishing
from .left_out import cheapest_step, nothing_fits, what_holds_back, what_it_takes, why_waiting
from .models import Period, Roadmap, ScheduledItem, YearTotals
from .problem import DISCOUNT, EPS, Item, Limits, Schedule, fits_alone


def help_split(items: dict[str, Item], schedule: Schedule, limits: Limits) -> dict[str, dict[int, float]]:
    """The hours of outside help each item gets in each period: a period's paid help shared
    among the items worked on then, in proportion to their hours."""
    out: dict[str, dict[int, float]] = {}
    for p in range(1, limits.periods + 1):
        _, hours, _ = schedule.use(items, p, limits)
        paid = limits.paid_help(hours)
        if paid <= EPS or hours <= EPS:
            continue
        for cid, shares in schedule.work.items():
            part = shares.get(p, 0.0) * items[cid].hours
            if part > EPS:
                out.setdefault(cid, {})[p] = paid * part / hours
    return out

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog


def build_roadmap(catalog: Catalog, answer_file: AnswerFile, cands: Candidates, schedule: Schedule,
                  limits: Limits, method: str, method_note: str, notes: list[str], assumptions: list[str]) -> Roadmap:
    """The roadmap of `schedule`: its quarters, what waits, what cannot fit, and why."""
    profile = answer_file.profile
    cur = profile.currency
    items = cands.items
    recs = cands.recs
    paid = help_split(items, schedule, limits)

    def scheduled(cid: str, why: str = "") -> ScheduledItem:
        it, rec = items.get(cid), recs[cid] if cid in recs else cands.left[cid]
        if it is None:  # left out before planning (not worth its cost): as it would be
            it = Item(cid, rec.value, rec.one_off, rec.yearly, rec.hours, rec.training_total)
        planned = cid in schedule.done
        bought = sum(paid.get(cid, {}).values())
        return ScheduledItem(
            id=cid, name=rec.name, domain=rec.domain, stage=rec.stage, value=round(rec.value, 2),
            value_low=rec.value_low, value_high=rec.value_high, cost_year=rec.cost_year,
            help_hours=round(bought, 1), help_cost=round(bought * limits.help_rate, 2),
            cost=rec.cost, one_off=rec.one_off, yearly=rec.yearly, hours=rec.hours, training_hours=rec.training_total,
            requires=list(it.requires), kpi=rec.kpi,
            starts=schedule.start(cid) if planned else 0, finishes=schedule.done.get(cid, 0),
            share_by_period={p: round(s, 4) for p, s in schedule.work.get(cid, {}).items()} if planned else {},
            why_not=why, to_finish=finishing(cands.benefit, cid) if rec.in_place else "",
        )

    out_periods = []
    total = 0.0
    for p in range(1, limits.periods + 1):
        starting = [c for c in cands.open_ids if c in schedule.done and schedule.start(c) == p]
        # started earlier and not yet complete: listed in every quarter until it is, even one
        # that gives it no work
        continuing = [c for c in cands.open_ids if c in schedule.done and schedule.start(c) < p <= schedule.done[c]]
        one_off = sum(schedule.work.get(c, {}).get(p, 0.0) * items[c].one_off for c in schedule.done)
        running = sum(items[c].yearly / limits.periods_per_year for c, q in schedule.done.items() if q <= p)
        _, hours, training = schedule.use(items, p, limits)
        bought = limits.paid_help(hours)
        total += one_off + running + bought * limits.help_rate
        out_periods.append(Period(
            number=p, items=[scheduled(c) for c in starting], continuing=continuing,
            completed=[c for c in cands.open_ids if schedule.done.get(c) == p],
            cost=round(one_off + running + bought * limits.help_rate, 2), one_off=round(one_off, 2),
            running=round(running, 2), hours=round(hours, 2), training_hours=round(training, 2),
            staff_hours=round(hours - bought, 2), help_hours=round(bought, 2),
            help_cost=round(bought * limits.help_rate, 2),
            paced=sum(1 for c, q in schedule.done.items() if q == p and items[c].counts_to_pace),
        ))
    cannot = [c for c in cands.open_ids if not fits_alone(items[c], limits) and items[c].value > 0]
    cannot_fit = [scheduled(c, what_it_takes(items[c], limits, cur)) for c in cannot]
    frontier = set(cands.frontier)
    # everything open that is neither planned nor beyond reach waits: next in line, with why
    waiting = sorted(
        (c for c in cands.open_ids if c not in schedule.done and c not in cannot),
        key=lambda c: (c not in frontier, -items[c].value),
    )
    road_notes: list[str] = []
    if not schedule.done and cands.open_ids:
        cheapest = cheapest_step(cands)
        if cheapest is not None:
            road_notes.append(nothing_fits(cheapest, limits, cur))
    elif waiting:
        note = what_holds_back(out_periods, [items[c] for c in waiting], limits)
        if note:
            road_notes.append(note)
    return Roadmap(
        method=method, method_note=method_note, gap=None if schedule.gap is None else round(schedule.gap, 4),
        periods=out_periods,
        budget_per_period=None if math.isinf(limits.money) else round(limits.money, 2),
        budget_per_year=round(limits.pot_money(0), 2) if limits.pooled and math.isfinite(limits.money) else None,
        budget_total=round(limits.money_to(limits.periods), 2) if math.isfinite(limits.money) else None,
        money_held=money_held(limits, cur),
        hours_per_period=limits.hours, training_hours_per_period=limits.training,
        currency=cur, discount=DISCOUNT,
        total_value=round(schedule.value(items), 4), total_cost=round(total, 2),
        in_progress=list(profile.funded),
        next_in_line=[scheduled(c, why_waiting(items[c], limits, cur) if c in frontier else _after(cands, c, schedule))
                      for c in waiting],
        cannot_fit=cannot_fit, notes=road_notes, assumptions=assumptions,
        not_worth=[scheduled(c, why) for c, why in cands.not_worth.items()],
        year=year_totals(catalog, cands, schedule, limits, out_periods),
        help_rate=round(limits.help_rate, 2),
        help_hours_per_period=None if not math.isfinite(limits.help_hours) else round(limits.help_hours, 2),
        steps_per_period=int(limits.steps) if math.isfinite(limits.steps) else None,
    )


def _after(cands: Candidates, cid: str, schedule: Schedule) -> str:
    """Why a step that cannot start yet waits: the steps it needs first that the plan leaves out."""
    recs = cands.recs
    missing = [recs[r].name for r in cands.items[cid].requires if r not in schedule.done]
    if missing:
        return "it needs " + "; ".join(missing) + " first, which the plan does not reach this time"
    return "it needs steps the plan completes too late to leave room for it"


def year_totals(catalog: Catalog, cands: Candidates, schedule: Schedule, limits: Limits,
                periods: list[Period]) -> YearTotals:
    """What the first year of the plan spends and what the steps complete in it return."""
    first = periods[: limits.periods_per_year]
    done = [c for c, p in schedule.done.items() if p <= limits.periods_per_year]
    recs = cands.recs
    goals = []
    for c in done:
        for part in recs[c].value_parts:
            if part.kind == "goal":
                name = catalog.goals.get(part.key, (part.key, ""))[0]
                if name not in goals:
                    goals.append(name)
    return YearTotals(
        money=round(sum(p.cost for p in first), 2),
        staff_hours=round(sum(p.staff_hours for p in first), 1),
        help_hours=round(sum(p.help_hours for p in first), 1),
        help_cost=round(sum(p.help_cost for p in first), 2),
        losses_avoided=round(sum(recs[c].losses_avoided for c in done), 2),
        hours_freed=round(sum(recs[c].hours_freed for c in done), 1),
        value=round(sum(recs[c].value for c in done), 2),
        goals=goals,
    )


def goal_targets(catalog: Catalog, answer_file: AnswerFile, cands: Candidates, schedule: Schedule,
                 notes: list[str] | None = None, today: dt.date | None = None, reached: bool = False) -> list[str]:
    """The profile's goal targets that a capability completed in the plan serves strongly. A
    target whose words name a known pain ("we never run out of the drugs we use most" names
    stock-outs) is claimed only when a completed step addresses one of those pains: a plan
    that leaves the pain "not addressed" does not also say it advances the target. A target
    that names a recognised baseline ("Cyber Essentials before the renewals") is claimed only
    when the plan reaches it: the baseline the profile aims at when `reached` (the plan toward it
    completes every step and the answers leave no requirement unknown), another when the plan
    leaves every requirement of it met, and `notes` gets what the plan does toward that one
    (`named_baseline`). A target with a date (`by`) that the plan's first step toward
    it completes after is not claimed either: `notes` says when that step completes."""
    from .toward import day, quarter_end

    out = []
    for gid, goal in answer_file.profile.goals.items():
        if not goal.target or goal.weight <= 0:
            continue
        named = set(match_pains(goal.target, catalog.pain_keywords))
        if named and not any(named & set(catalog.capabilities[c].addresses) for c in schedule.done):
            continue
        baseline = named_baseline(catalog, answer_file, goal.target, schedule, reached)
        if baseline is not None:
            met, note = baseline
            if notes is not None and note:
                notes.append(note)
            if not met:
                continue
        serving = [c for c in schedule.done
                   if any(g.goal == gid and g.strength == "strongly" for g in cands.recs[c].goals)
                   and (not named or named & set(catalog.capabilities[c].addresses))]
        if not serving:
            continue
        first = min(schedule.done[c] for c in serving)
        if goal.by is not None and today is not None and quarter_end(today, first) > goal.by:
            if notes is not None:
                notes.append(f"Your target “{goal.target}” is due by {day(goal.by)}, but the first step toward it "
                             f"({cands.recs[min(serving, key=schedule.done.get)].name}) completes at the end of "
                             f"quarter {first}, on {day(quarter_end(today, first))}: more staff time or a later date "
                             "would be needed to keep the date.")
            continue
        name = catalog.goals.get(gid, (gid, ""))[0]
        out.append(f"{name}: {goal.target}")
    return out


def named_baseline(catalog: Catalog, answer_file: AnswerFile, target: str, schedule: Schedule,
                   reached: bool) -> tuple[bool, str] | None:
    """For a goal's target that names a recognised baseline: whether the plan reaches it, and a
    note that says what the plan does toward it. For the baseline the profile aims at, `reached`
    and no note (`toward.report` says what the plan does toward it); None when the target names
    none."""
    from ..catalog.baselines import baselines_of, latest
    from ..coverage.projection import needed, projected
    from .toward import named_in

    found = named_in(catalog, target)
    if found is None:
        return None
    bid, name = found
    aim = answer_file.profile.baseline
    if aim is not None and aim.id.split("@")[0] == bid:
        return reached, ""
    one = latest(baselines_of(catalog))[bid]
    after = projected(catalog, answer_file, schedule.done, bid)
    if after.certificate:
        return None
    said = f"Your target “{target}” names {name}"
    missing = after.missing()
    if not missing and not after.fails:
        certificate = one.model.certificate
        last = max((schedule.done[c] for c in needed(catalog, answer_file, None, bid).capabilities
                    if c in schedule.done), default=0)
        when = f", at the end of quarter {last}" if last else ""
        told = (f" The certificate itself ({certificate.name}) comes from an independent check that this plan "
                f"does not book: book it once the steps it needs are complete{when}." if certificate else "")
        return True, (f"{said}: once this plan's steps are complete, your answers meet all {after.counts.total} "
                      f"of its requirements.{told}")
    names = [i.label for i in missing]
    shown = "; ".join(names[:3]) + (f"; and {len(names) - 3} more" if len(names) > 3 else "")
    return False, (f"{said}: once this plan's steps are complete, your answers meet {after.counts.met} of its "
                   f"{after.counts.total} requirements, so the plan does not reach it. Still open: {shown}. Name "
                   f"{name} as the baseline to reach in the profile, with the date you need it by, "
                   "and the plan aims at each requirement by then.")
