"""Plain-language reasons for a recommendation, the same in every shell."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..common.formatting import hours as fmt_hours
from ..common.formatting import money, paid_hours
from ..contract.profile import Profile
from .models import Recommendation, YearTotals

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog

EFFORT_WORDS = {"S": "up to a month", "M": "one to three months", "L": "more than three months"}


def names(catalog: Catalog, ids: list[str], limit: int | None = None) -> str:
    """Capability names joined by semicolons: names themselves may hold commas."""
    shown = [catalog.capabilities[c].name for c in ids[:limit] if c in catalog.capabilities]
    more = len(ids) - len(shown)
    return "; ".join(shown) + (f"; and {more} more" if more > 0 and limit is not None else "")


def money_words(rec: Recommendation, currency: str) -> str:
    """"$0 one-off and $480 a year", or the part that is not zero."""
    parts = []
    if rec.one_off or not rec.yearly:
        parts.append(f"{money(rec.one_off, currency)} one-off")
    if rec.yearly:
        parts.append(f"{money(rec.yearly, currency)} a year")
    return " and ".join(parts)


def worth_words(rec: Recommendation, currency: str) -> str:
    """"Worth about £1,200 a year (£300 to £2,900): …" from the value model's parts; "" when it
    is worth nothing the figures can name."""
    if rec.value <= 0 or not rec.value_parts:
        return ""
    span = ""
    if rec.value_high > rec.value_low * 1.2:
        span = (f" (anywhere from {money(rec.value_low, currency)} to {money(rec.value_high, currency)}, "
                "as published figures differ)")
    parts = "; ".join(p.text for p in rec.value_parts[:3])
    more = len(rec.value_parts) - 3
    if more > 0:
        parts += f"; and {more} more"
    return f"Worth about {money(rec.value, currency)} a year{span}: {parts}."


def grounds(rec: Recommendation) -> str:
    seen = list(dict.fromkeys(s for p in rec.value_parts[:3] for s in p.sources if s and s != "your figure"))
    if not seen:
        return ""
    return "Grounds: " + "; ".join(seen[:4]) + ("; and more" if len(seen) > 4 else "") + "."


def explain(rec: Recommendation, catalog: Catalog, profile: Profile, period_budget: float | None) -> list[str]:
    """Reasons for one recommendation, most telling first."""
    cur = profile.currency
    out = []
    if rec.mandatory:
        why = catalog.for_profile(profile).mandatory_reason(rec.id) if rec.id in catalog.capabilities else None
        if why:  # what requires it and why, in the owner's words (no plugin named)
            out.append(f"Must-have: {why}")
        else:  # made mandatory by a plugin's adjustment: its reasons without the plugin's name
            said = "; ".join(a.split(": ", 1)[1] for a in rec.adjustments if ": " in a)
            out.append("Must-have for businesses like yours" + (f": {said}" if said else "") + ".")
    worth = worth_words(rec, cur)
    if worth:
        out.append(worth)
    if rec.pains:
        said = "; ".join(f"“{w}”" for w in rec.pains[:3])
        out.append(f"Addresses what you told us: {said}.")
    if rec.goals and not any(p.kind == "goal" for p in rec.value_parts):
        out.append("Serves your goals: " + ", ".join(g.name for g in rec.goals[:3]) + ".")
    if rec.builds_on:
        out.append("Builds on what you have: " + names(catalog, rec.builds_on) + ".")
    if rec.unlocks:
        out.append("Unlocks: " + names(catalog, rec.unlocks, 3) + ".")
    cost = f"About {money_words(rec, cur)}"
    if period_budget and rec.cost:
        cost += f" ({rec.cost / (period_budget * 4):.0%} of a year's budget of {money(period_budget * 4, cur)})"
    people = f", plus {rec.training_hours:g} h of training per person" if rec.training_hours else ""
    helped = ""
    if rec.help_hours >= 0.5:
        helped = f", of which about {paid_hours(rec.help_hours)} of an IT provider ({money(rec.help_cost, cur)})"
    out.append(f"{cost}; takes {EFFORT_WORDS[rec.effort]}, about {fmt_hours(rec.hours)} of work{helped}{people}.")
    g = grounds(rec)
    if g:
        out.append(g)
    if rec.kpi:
        out.append(f"Measure of success: {rec.kpi}.")
    if not rec.mandatory:
        for note in rec.adjustments:
            out.append(f"Adjusted by the {note}.")
    return out


def year_words(year: YearTotals | None, currency: str) -> list[str]:
    """The plan's first year in sentences: what it spends, in money, staff time and paid help,
    and what its steps are expected to return once in place. One wording for every surface."""
    if year is None:
        return []
    y = year
    if not (y.money or y.staff_hours or y.value):
        return ["Nothing in the plan this year."]
    spend = f"This year the plan spends {money(y.money, currency)} and {fmt_hours(y.staff_hours)} of staff time"
    if y.help_hours:
        spend += f", {money(y.help_cost, currency)} of it on {fmt_hours(y.help_hours)} of paid outside help"
    out = [spend + "."]
    gains = []
    if y.losses_avoided:
        gains.append(f"about {money(y.losses_avoided, currency)} of expected losses avoided")
    if y.hours_freed:
        gains.append(f"{fmt_hours(y.hours_freed)} of staff time freed")
    if y.goals:
        gains.append("the rest from the goals they advance")
    if y.value:
        lead = f"Once this year's steps are in place, they are expected to return about {money(y.value, currency)} a year"
        if gains:
            lead += ": " + (", ".join(gains[:-1]) + " and " if len(gains) > 1 else "") + gains[-1]
        out.append(lead + ".")
    if y.goals:
        out.append("Goals advanced: " + "; ".join(y.goals) + ".")
    return out
