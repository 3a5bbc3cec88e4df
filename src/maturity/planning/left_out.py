"""Why capabilities are left out of a plan, and plainly what would let them in.

The notes of a roadmap and of the recommendations about what the plan does not take on: a step
that can never fit the quarters, the steps that could start now but wait, the basic security
steps a business with regulated data does not complete, the pain points nothing in the plan
addresses, and, when nothing fits, the cheapest next step.
"""

from __future__ import annotations

import dataclasses
import math
from typing import TYPE_CHECKING

from ..assessment.models import AnswerFile
from ..common.formatting import hours as fmt_hours
from ..common.formatting import money
from .candidates import Candidates, owner_words, prerequisites
from .explain import money_words
from .models import Period, Recommendation
from .problem import Item, Limits, Schedule, fits_alone

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog


def what_it_takes(it: Item, limits: Limits, currency: str) -> str:
    """Why an item can never fit the plan's periods, and what would let it in."""
    P = limits.periods
    parts = []
    running = it.yearly / limits.periods_per_year
    pots = range(len(limits.pots()))
    if not any(all(running * limits.running_periods(p, k) <= limits.pot_money(k) + 1e-9 for k in pots)
               for p in range(1, P + 1)):
        held = (f"the year's {money(limits.pot_money(0), currency)}" if limits.pooled
                else f"a quarter's {money(limits.money, currency)}")
        parts.append(f"its running cost of {money(it.yearly, currency)} a year is more than {held}")
    elif it.one_off > limits.money_to(P) - running * limits.running_periods(P, limits.pot(P)) + 1e-9:
        parts.append(f"it needs {money(it.one_off, currency)} one-off, more than the {P} quarters hold; "
                     f"raise the budget to about {money(budget_for(it, limits), currency)} a year or plan more quarters")
    reach = limits.hours + (limits.help_hours if limits.help_rate > 0 else 0.0)
    if it.hours > reach * P + 1e-9:
        held = fmt_hours(limits.hours * P) + (" of staff time and outside help" if limits.help_rate > 0 and limits.help_hours > 0
                                              else " of staff time")
        parts.append(f"it takes {fmt_hours(it.hours)} of work, more than the {held} of {P} quarters; "
                     "give more staff time for change work, allow more paid help, or plan more quarters")
    if it.training > limits.training * P + 1e-9:
        parts.append(f"it needs {fmt_hours(it.training)} of training, more than the {fmt_hours(limits.training * P)} "
                     f"the staff can absorb in {P} quarters")
    return "; ".join(parts)


def budget_for(it: Item, limits: Limits) -> float:
    """The least yearly budget (the same every year) with which the item's money alone fits
    the plan's quarters."""
    free = dataclasses.replace(limits, hours=math.inf, training=math.inf, help_hours=0.0, later_money=None,
                               steps=math.inf)

    def fits(year: float) -> bool:
        return fits_alone(it, dataclasses.replace(free, money=year / limits.periods_per_year))

    low, high = 0.0, limits.periods_per_year * (it.one_off + it.yearly) + 1.0
    for _ in range(40):
        mid = (low + high) / 2
        low, high = (low, mid) if fits(mid) else (mid, high)
    return high


def why_waiting(it: Item, limits: Limits, currency: str) -> str:
    return what_it_takes(it, limits, currency) or "fits on its own, but what the plan takes on is worth more in these periods"


def what_holds_back(periods: list[Period], waiting: list[Item], limits: Limits) -> str:
    """Which of the quarters' resources is used up when what could start now is left waiting:
    staff time for change work, the training the staff can absorb, or the pace of change (the
    steps a quarter completes) ("" when it is money, or nothing is used up)."""
    spare_money = limits.money_to(limits.periods) - sum(per.cost for per in periods)
    if not any(it.one_off <= spare_money + 1e-9 for it in waiting):
        return ""
    full = []
    if math.isfinite(limits.hours) and sum(per.staff_hours for per in periods) >= 0.9 * limits.hours * limits.periods:
        if limits.help_rate > 0:
            full.append(f"the {fmt_hours(limits.hours)} a quarter of staff time for change work are taken, and paid help "
                        "is bought only while it is worth its price")
        else:
            full.append(f"the {fmt_hours(limits.hours)} a quarter for change work are taken; more staff time for "
                        "change work would let more in")
    if math.isfinite(limits.training) and sum(per.training_hours for per in periods) >= 0.9 * limits.training * limits.periods \
            and any(it.training > 0 for it in waiting):
        full.append(f"the {fmt_hours(limits.training)} of training the staff can absorb a quarter are taken; "
                    "more training time would let more in")
    staff = bool(full)
    paced = [per.number for per in periods if math.isfinite(limits.steps) and per.paced >= limits.steps]
    if paced:
        quarters = ", ".join(str(n) for n in paced[:-1]) + (" and " if len(paced) > 1 else "") + str(paced[-1])
        full.append(f"the plan completes at most {int(limits.steps)} steps a quarter, so that the team can take "
                    f"each change on, and quarter{'s' if len(paced) > 1 else ''} {quarters} "
                    f"{'have' if len(paced) > 1 else 'has'} that many")
    if not full:
        return ""
    what = ("Staff time and the pace of change, not money, hold back" if staff and paced
            else "Staff time, not money, holds back" if staff else "The pace of change, not money, holds back")
    return f"{what} the rest: " + "; and ".join(full) + "."


#: The basics a business holding regulated data completes in its first year, or is told why not.
BASICS = ("cyber.mfa", "cyber.backups", "cyber.device-protection")


def basics_missing(catalog: Catalog, answer_file: AnswerFile, cands: Candidates, schedule: Schedule,
                   limits: Limits) -> str:
    """For a business with regulated data: the basics (two-step login, tested backups, protected
    devices) the plan does not complete within its first year, and why; "" when there are none."""
    profile = answer_file.profile
    if not profile.regulated_data:
        return ""
    year = min(limits.periods, limits.periods_per_year)
    result = cands.benefit.result
    left = [c for c in BASICS if c in catalog.capabilities and c in result.capabilities
            and result.capabilities[c].status != "not_applicable" and c not in result.achieved()
            and c not in profile.funded and schedule.done.get(c, 99) > year]
    if not left:
        return ""
    why = []
    for c in left:
        name = catalog.capabilities[c].name
        if c in cands.not_worth:
            reason = cands.not_worth[c]
        elif c not in cands.items:
            reason = "its domain was not assessed" if c not in cands.recs else "it is left out of this plan"
        else:
            reason = what_it_takes(cands.items[c], limits, profile.currency) or (
                f"planned for quarter {schedule.done[c]}" if c in schedule.done
                else _crowded(cands, c, schedule, limits, year, profile.currency))
        why.append(f"{name} ({reason})")
    kinds = profile.regulated_data
    kinds_text = ", ".join(kinds[:-1]) + f" and {kinds[-1]}" if len(kinds) > 1 else kinds[0]
    return (f"Your business handles {kinds_text} data, yet these basics are not complete within "
            f"{year} quarters: " + "; ".join(why) + ".")


def _crowded(cands: Candidates, cid: str, schedule: Schedule, limits: Limits, year: int, currency: str) -> str:
    """Why a basic that fits on its own waits: which of the year's limits the steps worth more
    per hour or per pound use up, with the basic's own figures."""
    used = [schedule.use(cands.items, p, limits) for p in range(1, year + 1)]
    full = []
    if sum(u[0] for u in used) >= 0.95 * limits.money_to(year):
        full.append("money")
    if math.isfinite(limits.hours) and sum(u[1] for u in used) >= 0.95 * limits.hours * year \
            and not (limits.help_rate > 0 and limits.help_hours > 0):
        full.append("staff time")
    if math.isfinite(limits.training) and sum(u[2] for u in used) >= 0.9 * limits.training * year:
        full.append("training time the staff can absorb")
    paced = [sum(1 for c, q in schedule.done.items() if q == p and cands.items[c].counts_to_pace) for p in range(1, year + 1)]
    if math.isfinite(limits.steps) and all(n >= limits.steps for n in paced):
        full.append(f"{int(limits.steps)} steps a quarter the team can take on")
    rec = cands.recs[cid]
    if rec.value < rec.cost_year:
        return (f"worth about {money(rec.value, currency)} a year against {money(rec.cost_year, currency)} a year "
                "of cost")
    figures = f"worth about {money(rec.value, currency)} a year against {money(rec.cost_year, currency)} of cost"
    if not full:
        return f"{figures}; the steps planned first are worth more"
    limits_text = " and ".join(full) if len(full) < 3 else f"{full[0]}, {full[1]} and {full[2]}"
    return f"{figures}, but steps worth more take the {limits_text} in these quarters"


def pains_left(catalog: Catalog, cands: Candidates, schedule: Schedule, limits: Limits,
               currency: str) -> list[str]:
    """For the stated pain points that no capability completed in the plan addresses: the
    nearest step that would address them, and plainly what stands in its way."""
    by_text: dict[str, set[str]] = {}
    for pain, texts in cands.benefit.pains.items():
        for text in texts:
            by_text.setdefault(text, set()).add(pain)

    def path(cid: str) -> list[str]:
        return [c for c in cands.open_ids if c not in schedule.done and (c == cid or c in prerequisites(cands, cid))]

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
        why = what_it_takes(cands.items[cid], limits, currency)
        if not why:
            steps = path(cid)
            hours = sum(cands.items[c].hours for c in steps)
            training = sum(cands.items[c].training for c in steps)
            before = {1: "it needs", 2: "it and the step before it need"}.get(len(steps), f"it and the {len(steps) - 1} steps before it need")
            why = (f"{before} {fmt_hours(hours)} of staff time and {fmt_hours(training)} of training, and the "
                   f"{fmt_hours(limits.hours * limits.periods)} of staff time these {limits.periods} quarters hold go to "
                   "basics and steps worth more first")
            if math.isfinite(limits.hours):
                why += (f"; about {fmt_hours(math.ceil(hours / limits.periods))} more a quarter of staff time, or "
                        "paid help with the set-up, would make room for it")
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


def nothing_fits(rec: Recommendation, limits: Limits, currency: str) -> str:
    if not math.isfinite(limits.money):
        held = f"{fmt_hours(limits.hours)} a quarter"
    elif limits.pooled:
        held = f"{money(limits.pot_money(0), currency)} a year and {fmt_hours(limits.hours)} a quarter"
    else:
        held = f"{money(limits.money, currency)} and {fmt_hours(limits.hours)} a quarter"
    return (f"Nothing fits {held} in {limits.periods} quarters; the cheapest next step is {rec.name} at about "
            f"{money_words(rec, currency)} and {fmt_hours(rec.hours)}.")
