"""What a board reads first, from one plan: the biggest risks the business still faces, who
takes each next step and by when.

A risk is an incident kind of the value model (docs/value.md) with the loss the business can
expect from it a year as things stand: its likelihood for the business's size times what it
costs when it happens in the business's country, less what the capabilities already in place
take off (each capability j that reduces it, in place to its credit x_j, leaves 1 − r_j · x_j
of it). That is the loss the plan's steps work against; the steps' own "losses avoided" are
shares of it. The figures are central estimates with their sources, the same rows the value
model reads.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .value import ValueModel

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from .models import Recommendation
    from .service import Plan

#: How many risks the first page names.
TOP_RISKS = 3
#: Months in one period (quarter) of a plan.
MONTHS_PER_PERIOD = 3


@dataclass
class Risk:
    """One loss the business can expect a year, as things stand."""

    id: str  # the incident kind
    name: str  # in the owner's words ("Ransomware attack")
    expected: float  # money a year, central estimate
    low: float
    high: float
    cost_when: float  # what one such loss costs when it happens
    chance: str  # how likely it is a year, in words ("about 12 % a year", "about 0.3 a year")
    sources: list[str] = field(default_factory=list)
    #: the open steps that lower it, in the order the plan takes them (names)
    lowered_by: list[str] = field(default_factory=list)
    #: of those, the first the plan takes, and the quarter it is complete in (0: not this plan)
    first_step: str = ""
    first_step_period: int = 0


def biggest_risks(catalog: Catalog, plan: Plan, top: int = TOP_RISKS) -> list[Risk]:
    """The `top` incident kinds with the largest expected loss a year left to the business, with
    the steps of the plan that lower each one."""
    catalog = catalog.for_profile(plan.answer_file.profile)
    model = ValueModel(catalog, plan.answer_file, plan.result)
    content = catalog.value
    when: dict[str, int] = {}
    for period in plan.roadmap.periods:
        for item in period.items:
            when.setdefault(item.id, item.finishes or period.number)
    reducers: dict[str, list[str]] = {}
    for cid, rows in content.reductions.items():
        if model.gap(cid) <= 0 or cid not in catalog.capabilities:
            continue
        for row in rows:
            reducers.setdefault(row.incident, [])
            if cid not in reducers[row.incident]:
                reducers[row.incident].append(cid)
    out = []
    for kid, incident in content.incidents.items():
        p, c, _weight, sources = model._incident(kid)
        left = model._others(kid, "likelihood", "") * model._others(kid, "cost", "")
        expected = p[0] * c[0] * left
        if expected <= 0:
            continue
        open_steps = sorted(reducers.get(kid, []), key=lambda cid: (when.get(cid, 10_000), catalog.capabilities[cid].name))
        planned = [cid for cid in open_steps if cid in when]
        chance = f"about {p[0]:.2g} a year" if incident.per_person else f"about {_percent(p[0])} a year"
        out.append(Risk(
            id=kid, name=incident.name, expected=round(expected, 2), low=round(p[1] * c[1] * left, 2),
            high=round(p[2] * c[2] * left, 2), cost_when=round(c[0], 2), chance=chance,
            sources=list(dict.fromkeys(s for s in sources if s)),
            lowered_by=[catalog.capabilities[cid].name for cid in open_steps],
            first_step=catalog.capabilities[planned[0]].name if planned else "",
            first_step_period=when[planned[0]] if planned else 0,
        ))
    out.sort(key=lambda r: (-r.expected, r.name))
    return out[:top]


def period_end(start: dt.date, period: int) -> dt.date:
    """The last day of plan period `period` (1 = the first quarter) for a plan made on `start`:
    quarters run from the plan's day, so the first ends the day before the same day three
    months on."""
    month = start.month - 1 + MONTHS_PER_PERIOD * period
    year, month = start.year + month // 12, month % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day) - dt.timedelta(days=1)


#: Who usually takes a step on in a small business, by domain; the owner otherwise.
USUAL_ROLE = {
    "cybersecurity": "the owner, with whoever looks after the computers",
    "cloud": "the owner, with whoever looks after the computers",
    "data": "the owner, with whoever keeps the records",
    "automation": "the manager of the process it changes",
    "talent": "the owner or office manager",
    "ethics": "the owner",
}


def step_owner(rec: Recommendation) -> str:
    """Who takes a step on: the usual role for its domain, with paid help when the plan buys it."""
    who = USUAL_ROLE.get(rec.domain, "the owner")
    return who + (" and paid outside help" if rec.help_hours > 0 else "")


def _percent(p: float) -> str:
    if p >= 0.1:
        return f"{p * 100:.0f} %"
    if p >= 0.01:
        return f"{p * 100:.1f} %"
    return f"{p * 100:.2f} %"
