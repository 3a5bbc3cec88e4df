"""A plan toward a baseline: the profile's `baseline = { id, by, worth }`.

The steps a baseline needs are the capabilities whose completion closes its items partly met or
not met (`coverage.projection.needed`, from the coverage service's `closed_by`), with their open
prerequisites. They are planned as must-haves are, with a date: quarter p of the plan runs from
today plus 3(p − 1) months to the day before today plus 3p months, and the steps are complete in
the quarters that end on or before the date.

When the steps can be complete by then within the money and hours of those quarters (the exact
program decides, on the steps alone), each carries that quarter as its `due` period and every
plan keeps it. When they cannot, the rest is planned as usual with the steps first, as far as
the limits allow, and the plan says what stands in the way: the steps and what they cost, the
money or staff hours a quarter, or the later date, that would make them fit. What reaching the
baseline is worth a year (`worth`) is shared among its steps in proportion to their cost a year
and counts in their value (docs/value.md).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..common.errors import AnswerError
from ..common.formatting import hours, money
from ..contract.recommendation import ValuePart
from .models import BaselinePlan
from .problem import Item, Limits, Schedule, prune

if TYPE_CHECKING:  # pragma: no cover
    from ..assessment.models import AnswerFile
    from ..catalog import Catalog
    from ..contract.result import Result
    from ..coverage.projection import Needs
    from .candidates import Candidates

#: the latest quarter a later date is looked for in (five years), as `service.MAX_PERIODS`
LATEST = 20
#: steps of the search for the money or hours that would make the steps fit
SEARCH_STEPS = 24


def add_months(day: dt.date, months: int) -> dt.date:
    import calendar

    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def quarter_end(today: dt.date, p: int) -> dt.date:
    """The last day of quarter `p` (1-based) of a plan made `today`."""
    return add_months(today, 3 * p) - dt.timedelta(days=1)


def due_quarter(today: dt.date, by: dt.date) -> int:
    """The last quarter that ends on or before `by` (0: the first quarter ends after it)."""
    p = 0
    while p < 400 and quarter_end(today, p + 1) <= by:
        p += 1
    return p


def day(when: dt.date) -> str:
    """"30 June 2027"."""
    return f"{when.day} {when:%B %Y}"


@dataclass
class Target:
    """The baseline the profile aims at, resolved, with what it needs now."""

    key: str  # id@version
    name: str  # its short name, as the owner reads it
    by: dt.date
    worth: float | None
    due: int  # the last quarter ending on or before `by`
    today: dt.date
    needs: Needs
    closers: list[str] = field(default_factory=list)  # open capabilities that close its items
    steps: list[str] = field(default_factory=list)  # those and their open prerequisites, in order
    out_of_reach: list[str] = field(default_factory=list)  # closers the plan cannot take on (do not apply)
    fits: bool | None = None  # the steps can be complete by `due` (None: not checked)

    @property
    def required(self) -> frozenset[str]:
        return frozenset(self.closers)


def named_in(catalog: Catalog, text: str) -> tuple[str, str] | None:
    """(id, short name) of the recognised baseline a text names ("Cyber Essentials before the
    renewals": its name or short name, in any case), or None."""
    from ..catalog.baselines import baselines_of, latest

    words = text.casefold()
    for key, one in latest(baselines_of(catalog)).items():
        info = one.model.baseline
        if any(n.casefold() in words for n in (info.short_name, info.name)):
            return key, info.short_name
    return None


def from_goal(catalog: Catalog, answer_file: AnswerFile, today: dt.date, periods: int,
              assumptions: list[str]) -> AnswerFile:
    """The answers with the baseline a goal's target names as the one to reach, by the end of the
    plan's first year, when the profile names none: an owner whose security target reads
    "Cyber Essentials before the renewals" has said what to reach. `assumptions` says so, and
    how to give the date instead."""
    from ..contract.profile import BaselineTarget

    profile = answer_file.profile
    if profile.baseline is not None:
        return answer_file
    for goal in profile.goals.values():
        found = named_in(catalog, goal.target) if goal.target and goal.weight > 0 else None
        if found is None:
            continue
        bid, name = found
        by = quarter_end(today, min(periods, 4))
        assumptions.append(
            f"Your target “{goal.target}” names {name}: the plan aims to meet every requirement of it by "
            f"{day(by)}, the end of its first year; give the date you need it by in the profile to plan to that date."
        )
        aim = BaselineTarget(id=bid, by=by)
        return answer_file.model_copy(update={"profile": profile.model_copy(update={"baseline": aim})})
    return answer_file


def check(catalog: Catalog, answer_file: AnswerFile, today: dt.date) -> None:
    """The profile's baseline names a known baseline and a date still to come; else an
    AnswerError keyed by the profile's field (the command line adds the file and line)."""
    from ..assessment.answers import baseline_problem

    aim = answer_file.profile.baseline
    if aim is None:
        return
    if problem := baseline_problem(catalog, aim.id):
        raise AnswerError(f"profile.baseline.id: {problem}", key="profile.baseline.id")
    if aim.by <= today:
        raise AnswerError(
            f"profile.baseline.by: {aim.by.isoformat()} is not after today ({today.isoformat()}); "
            "give the date by which the baseline should be reached",
            key="profile.baseline.by",
        )


def target(catalog: Catalog, answer_file: AnswerFile, result: Result, today: dt.date) -> Target | None:
    """The profile's baseline and what it needs, or None when the profile names none."""
    from ..coverage.projection import needed

    aim = answer_file.profile.baseline
    if aim is None:
        return None
    check(catalog, answer_file, today)
    needs = needed(catalog, answer_file, result, aim.id)
    done = result.achieved()
    found = Target(key=needs.baseline.key, name=needs.baseline.short_name, by=aim.by,
                   worth=float(aim.worth) if aim.worth is not None else None, due=due_quarter(today, aim.by),
                   today=today, needs=needs)
    for cid in needs.capabilities:
        cap = result.capabilities.get(cid)
        if cid in done:
            continue
        if cap is not None and cap.status == "not_applicable":
            found.out_of_reach.append(cid)
        else:
            found.closers.append(cid)
    return found


def aim(target: Target, cands: Candidates, limits: Limits) -> None:
    """Make the baseline's steps part of the plan: its worth shared into their value, the reasons
    that say so, and, when they fit by the date, the due quarter on each (see the module)."""
    from .candidates import prerequisites

    planned = [c for c in target.closers if c in cands.items]
    target.out_of_reach += [c for c in target.closers if c not in cands.items]
    needed = set(planned)
    for cid in planned:
        needed |= prerequisites(cands, cid)
    target.steps = [c for c in cands.open_ids if c in needed]
    if not target.steps:
        target.fits = not target.out_of_reach
        return
    cur = cands.benefit.profile.currency
    when = day(target.by)
    valued = f", which you value at {money(target.worth, cur)} a year" if target.worth else ""
    costs = {c: max(cands.recs[c].cost_year, 0.0) for c in target.steps}
    total = sum(costs.values())
    names = cands.benefit.catalog.capabilities
    for cid in target.steps:
        rec = cands.recs[cid]
        share = (target.worth or 0.0) * (costs[cid] / total if total > 0 else 1.0 / len(target.steps))
        if share > 0:
            rec.value_parts.append(ValuePart(
                kind="baseline", key=target.key, amount=round(share, 2), low=round(share, 2), high=round(share, 2),
                text=f"counts toward {target.name} by {when}{valued} (about {money(share, cur)} of it, "
                     "this step's share of what reaching it costs)", sources=["your figure"]))
            rec.value, rec.value_low, rec.value_high = (round(v + share, 2) for v in (rec.value, rec.value_low, rec.value_high))
        closes = target.needs.capabilities.get(cid, [])
        if closes:
            said = (f"Counts toward {target.name} by {when}: it closes {len(closes)} of its "
                    f"requirement{'s' if len(closes) != 1 else ''}.")
        else:
            users = [names[c].name for c in planned if cid in prerequisites(cands, c)]
            more = f"; and {len(users) - 3} more" if len(users) > 3 else ""
            said = f"Counts toward {target.name} by {when}: needed first for {'; '.join(users[:3])}{more}."
        rec.reasons.insert(0, said)
    bonus = 1.0 + sum(max(0.0, r.value) for r in cands.recs.values())
    for cid in target.steps:
        rec = cands.recs[cid]
        cands.items[cid] = dataclasses.replace(
            cands.items[cid], value=round(max(0.0, rec.value - rec.cost_year) + (bonus if rec.mandatory else 0.0), 6))
    if 1 <= target.due <= limits.periods:
        target.fits = fits(steps_of(target, cands), limits, target.due)
        if target.fits:
            for cid in target.steps:
                cands.items[cid] = dataclasses.replace(cands.items[cid], due=target.due)
            return
    elif target.due > limits.periods:
        target.fits = fits(steps_of(target, cands), limits, min(target.due, LATEST))
    else:
        target.fits = False
    first(target, cands)


def first(target: Target, cands: Candidates) -> None:
    """The baseline's steps ahead of everything else, as must-haves are, without a date."""
    bonus = 1.0 + sum(max(0.0, it.value) for it in cands.items.values())
    for cid in target.steps:
        cands.items[cid] = dataclasses.replace(cands.items[cid], value=cands.items[cid].value + bonus, due=0)


def steps_of(target: Target, cands: Candidates) -> list[Item]:
    return [cands.items[c] for c in target.steps]


def fits(steps: list[Item], limits: Limits, periods: int) -> bool:
    """Whether `steps` (prerequisites first, each one's open prerequisites among them) can all be
    complete by the end of quarter `periods` within `limits`: the exact program on them alone."""
    from .program import Program

    if not steps:
        return True
    if periods < 1:
        return False
    lim = dataclasses.replace(limits, periods=periods)
    items = [dataclasses.replace(it, value=1.0, due=periods) for it in steps]
    if len(prune(items, lim)) < len(items):
        return False
    return Program(items, lim, relax=False).run(node_limit=20_000) is not None


def _least(works, top: float) -> float | None:
    """The least x in [0, top] for which works(x) holds (works grows with x), or None."""
    if not works(top):
        return None
    low, high = 0.0, top
    for _ in range(SEARCH_STEPS):
        mid = (low + high) / 2
        if works(mid):
            high = mid
        else:
            low = mid
    return high


def report(target: Target, cands: Candidates, schedule: Schedule, limits: Limits, currency: str) -> BaselinePlan:
    """What the plan does toward the baseline, in figures and in the owner's words."""
    catalog = cands.benefit.catalog
    names = catalog.capabilities
    b = target.needs.baseline
    when = day(target.by)
    steps = target.steps
    done_by = {c: schedule.done[c] for c in steps if c in schedule.done}
    in_time = [c for c in steps if 0 < done_by.get(c, 0) <= target.due]
    reached = bool(steps) and len(in_time) == len(steps) and not target.out_of_reach
    one_off = sum(cands.recs[c].one_off for c in steps)
    yearly = sum(cands.recs[c].yearly for c in steps)
    staff = sum(cands.recs[c].hours for c in steps)
    training = sum(cands.recs[c].training_total for c in steps)
    missing = b.counts.partly + b.counts.not_met
    out = BaselinePlan(
        id=b.id, key=b.key, name=b.name, short_name=target.name, by=target.by, worth=target.worth, due_quarter=target.due,
        due_quarter_ends=quarter_end(target.today, target.due) if target.due else None,
        steps=list(steps), completed=done_by, reached=reached or (not steps and not target.out_of_reach and missing == 0),
        one_off=round(one_off, 2), yearly=round(yearly, 2), hours=round(staff, 1), training_hours=round(training, 1),
        unknown_items=[i.id for i in target.needs.unknown], questions=target.needs.questions(),
        out_of_reach=list(target.out_of_reach),
    )
    lines = out.lines
    head = f"{target.name} by {when}"
    ends = f" (quarter {target.due} of the plan ends {day(quarter_end(target.today, target.due))})" if target.due else ""
    lines.append(f"{head}{ends}: {b.counts.met} of {b.counts.applicable} requirements met now, {missing} to close"
                 + (f", {b.counts.unknown} not known from your answers" if b.counts.unknown else "") + ".")
    if b.certificate:
        lines.append(f"Met by the certificate you hold: {b.certificate}.")
    cost = (f"{money(one_off, currency)} one-off, {money(yearly, currency)} a year, {hours(staff)} of staff time"
            + (f" and {hours(training)} of training" if training >= 0.5 else ""))
    if steps:
        lines.append(f"What it needs: {len(steps)} step{'s' if len(steps) != 1 else ''}, {cost}"
                     + (f"; you value reaching it at {money(target.worth, currency)} a year." if target.worth else "."))
    if reached:
        within = (f"by the end of quarter {target.due}" if target.due <= limits.periods
                  else f"within its {limits.periods} quarters, before the date")
        lines.append(f"The plan completes every step {within}: "
                     + "; ".join(f"{names[c].name} (quarter {done_by[c]})" for c in _by_quarter(steps, done_by)) + ".")
        if target.worth:
            lines.append(f"It counts toward {target.name} by {when}, which you value at {money(target.worth, currency)} a year.")
    elif steps:
        if target.due > limits.periods:
            lines.append(f"The date lies beyond the {limits.periods} quarters planned: maturity roadmap --periods "
                         f"{min(target.due, LATEST)} plans up to it. Within these quarters the plan takes its steps first.")
        else:
            lines += _in_the_way(target, cands, limits, currency, cost)
        shown = [f"{names[c].name} (quarter {done_by[c]})" if c in done_by else f"{names[c].name} (not in this plan)"
                 for c in _by_quarter(steps, done_by)]
        lines.append("Its steps in this plan: " + "; ".join(shown) + ".")
    for cid in target.out_of_reach:
        lines.append(f"{names[cid].name} would close some of its items, but does not apply to this business as answered.")
    for item in target.needs.short:
        closer = item.closed_by
        for short in closer.short if closer else []:
            given = f"answered “{short.given}”" if short.given is not None else "not answered"
            lines.append(f"Also needed, though {closer.name if closer else 'the step'} is in place: “{short.text}” {given}; "
                         f"it needs “{short.needed}”.")
    if out.questions:
        one = len(target.needs.unknown) == 1
        lines.append(f"{len(target.needs.unknown)} of its requirements {'is' if one else 'are'} not known from your answers; "
                     f"answer {'this' if len(out.questions) == 1 else 'these'} to know: "
                     + " ".join(f"“{q}”" for q in out.questions))
    return out


def _by_quarter(steps: list[str], done_by: dict[str, int]) -> list[str]:
    """The steps in the order they are complete (those not in the plan last), prerequisites first."""
    return sorted(steps, key=lambda c: done_by.get(c, 10_000))


def _together(items: list[Item], limits: Limits, due: int, currency: str) -> list[str]:
    """When no one of money, staff hours and training alone makes the steps fit: the training,
    then the staff hours (without outside help), then the money, each the least that fits with
    the ones before it and the rest unlimited."""
    inf = math.inf
    lim = limits
    grown: list[str] = []
    if math.isfinite(limits.training):
        free = dataclasses.replace(lim, money=inf, hours=inf, later_money=None)
        extra = _least(lambda x: fits(items, dataclasses.replace(free, training=lim.training + x), due),
                       sum(it.training for it in items) + 1.0)
        if extra is None:
            return []
        lim = dataclasses.replace(lim, training=lim.training + extra)
        if extra > 1e-6:
            grown.append(f"{hours(math.ceil(extra))} more training a quarter")
    if math.isfinite(limits.hours):
        free = dataclasses.replace(lim, money=inf, later_money=None, help_hours=0.0)
        extra = _least(lambda x: fits(items, dataclasses.replace(free, hours=lim.hours + x), due), sum(it.hours for it in items) + 1.0)
        if extra is None:
            return []
        lim = dataclasses.replace(lim, hours=lim.hours + extra)
        if extra > 1e-6:
            grown.append(f"{hours(math.ceil(extra))} more staff time a quarter")
    if math.isfinite(limits.money):
        def more(x: float) -> Limits:
            return dataclasses.replace(lim, money=lim.money + x, later_money=None if lim.later_money is None else lim.later_money + x)

        extra = _least(lambda x: fits(items, more(x), due), sum(it.one_off + it.yearly for it in items) + 1.0)
        if extra is None:
            return []
        if extra > 1e-6:
            grown.insert(0, f"{money(math.ceil(extra * limits.periods_per_year), currency)} more budget a year")
    if len(grown) < 2:
        return grown
    return [", ".join(grown[:-1]) + " and " + grown[-1] + ", all together"]


def _in_the_way(target: Target, cands: Candidates, limits: Limits, currency: str, cost: str) -> list[str]:
    """Why the steps cannot be complete by the date, and what would make them fit."""
    when = day(target.by)
    due = target.due
    items = steps_of(target, cands)
    out: list[str] = []
    if due < 1:
        out.append(f"Nothing can be complete by {when}: the plan's first quarter ends {day(quarter_end(target.today, 1))}.")
    elif fits(items, limits, due):
        # on their own they fit: what the plan had to keep beside them (a must-have first) or a
        # plan too large to solve exactly left them short
        out.append(f"On their own its steps fit by the end of quarter {due}, but not beside what this plan must "
                   "also keep (a must-have in the first quarter), or the plan was too large to search exactly.")
        out.append("The plan takes its steps first, as far as the limits allow, and plans the rest around them.")
        return out
    else:
        have = [f"{money(limits.money_to(due), currency)}" if math.isfinite(limits.money_to(due)) else "",
                f"{hours(limits.hours * due)} of staff time" if math.isfinite(limits.hours) else "",
                f"{hours(limits.training * due)} of training" if math.isfinite(limits.training) else ""]
        held = ", ".join(h for h in have if h)
        span = "quarter 1 holds" if due == 1 else f"quarters 1 to {due} hold"
        out.append(f"What stands in the way: its steps need {cost} by the end of quarter {due}, "
                   f"and {span} {held or 'no more'}, with the rest of the plan beside them.")
        fixes = []
        if math.isfinite(limits.money):
            top = sum(it.one_off + it.yearly + it.hours * max(limits.help_rate, 0.0) for it in items) + 1.0
            more = _least(lambda x: fits(items, dataclasses.replace(
                limits, money=limits.money + x, later_money=None if limits.later_money is None else limits.later_money + x), due), top)
            if more is not None:
                fixes.append(f"{money(math.ceil(more * limits.periods_per_year), currency)} more budget a year")
        if math.isfinite(limits.hours):
            more = _least(lambda x: fits(items, dataclasses.replace(limits, hours=limits.hours + x), due),
                          sum(it.hours for it in items) + 1.0)
            if more is not None:
                fixes.append(f"{hours(math.ceil(more))} more staff time a quarter")
        if math.isfinite(limits.training):
            more = _least(lambda x: fits(items, dataclasses.replace(limits, training=limits.training + x), due),
                          sum(it.training for it in items) + 1.0)
            if more is not None:
                fixes.append(f"{hours(math.ceil(more))} more training a quarter")
        if not fixes:
            fixes += _together(items, limits, due, currency)
        if fixes:
            out.append("They would fit by then with " + ", or ".join(fixes) + ".")
    later = next((p for p in range(max(due, 0) + 1, LATEST + 1) if fits(items, limits, p)), None)
    if later is not None:
        out.append(f"With the money and hours as they are, they would fit by {day(quarter_end(target.today, later))} "
                   f"(the end of quarter {later}).")
    else:
        out.append(f"With the money and hours as they are, they do not fit within {LATEST} quarters.")
    out.append("The plan takes its steps first, as far as the limits allow, and plans the rest around them.")
    return out


__all__ = ["Target", "add_months", "aim", "check", "day", "due_quarter", "fits", "quarter_end", "report", "target"]
