"""The roadmap of a plan: what starts, continues and is complete in each quarter, what it costs,
what waits and what can never fit, and the goal targets the plan advances.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..assessment.models import AnswerFile
from .candidates import Candidates
from .left_out import cheapest_step, nothing_fits, what_holds_back, what_it_takes, why_waiting
from .models import Period, Roadmap, ScheduledItem
from .problem import DISCOUNT, EPS, Limits, Schedule, fits_alone

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog


def build_roadmap(catalog: Catalog, answer_file: AnswerFile, cands: Candidates, schedule: Schedule,
                  limits: Limits, method: str, method_note: str, notes: list[str], assumptions: list[str]) -> Roadmap:
    """The roadmap of `schedule`: its quarters, what waits, what cannot fit, and why."""
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
                      and schedule.work[c].get(p, 0.0) > EPS]
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
    cannot = [c for c in cands.open_ids if not fits_alone(items[c], limits) and items[c].value > 0]
    cannot_fit = [scheduled(c, what_it_takes(items[c], limits, cur)) for c in cannot]
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
        note = what_holds_back(out_periods, [items[c] for c in waiting], limits)
        if note:
            road_notes.append(note)
    return Roadmap(
        method=method, method_note=method_note, periods=out_periods,
        budget_per_period=None if math.isinf(limits.money) else round(limits.money, 2),
        hours_per_period=limits.hours, training_hours_per_period=limits.training,
        currency=cur, discount=DISCOUNT,
        total_value=round(schedule.value(items), 4), total_cost=round(total, 2),
        in_progress=list(profile.funded),
        next_in_line=[scheduled(c, why_waiting(items[c], limits, cur)) for c in waiting],
        cannot_fit=cannot_fit, notes=road_notes, assumptions=assumptions,
    )


def goal_targets(catalog: Catalog, answer_file: AnswerFile, cands: Candidates, schedule: Schedule) -> list[str]:
    """The profile's goal targets that a capability completed in the plan serves strongly."""
    out = []
    for gid, goal in answer_file.profile.goals.items():
        if not goal.target or goal.weight <= 0:
            continue
        if any(g.goal == gid and g.strength == "strongly" for c in schedule.done for g in cands.recs[c].goals):
            name = catalog.goals.get(gid, (gid, ""))[0]
            out.append(f"{name}: {goal.target}")
    return out
