"""What a plan has to work with: investments already accepted, and what each quarter holds.

Investments accepted in the last twelve months (or since the assessment) are paid from the
year's budget, and those whose capability is not yet achieved are in progress: planned as done.
What is left of the budget, the staff time for change work and the training the staff can absorb
make the limits of the plan's quarters (`period_limits`), with notes and assumptions saying how.

**A year's budget is one pot.** What is left of the year's budget may be spent in any of the
year's quarters: by the end of quarter q the plan has spent at most the year's money, so a
one-off set-up larger than a quarter's share is paid in quarter 1 when that is where it is worth
most, and the quarters after it have what is left. The pot pays the running costs of every
quarter of its year, even those after the plan's last quarter, so money spent early never leaves
a later quarter unable to pay for what is in place. Each later year of a longer plan is a pot of
its own (the budget again, less the running costs of the accepted investments); what one year
leaves is not carried into the next. This is the rule an owner means by a yearly budget, and one
rule for all money: a quarter's share plus what earlier quarters left, with only one-offs allowed
to draw ahead, would treat running costs and set-ups by two rules and could not say plainly
what a quarter may spend. Staff time and training stay per quarter: hours not used in a quarter
do not carry over. `--budget-per-period` keeps each quarter to its own money, for a business
whose money comes quarter by quarter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from typing import TYPE_CHECKING, Iterable

from ..assessment.models import AnswerFile
from ..common.formatting import hours as fmt_hours
from ..common.formatting import money
from .problem import Limits

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..contract.profile import Profile
    from ..store.models import Investment

#: Periods are quarters: four share a year's budget.
PERIODS_PER_YEAR = 4


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


def in_progress(catalog: Catalog, answer_file: AnswerFile, achieved: set[str],
                this_year: list[Investment]) -> tuple[AnswerFile, list[Investment], list[str]]:
    """The answers with the accepted investments whose capability is not yet achieved marked as
    funded, those investments (in progress), and every funded capability."""
    profile = answer_file.profile
    accepted = [inv for inv in this_year if inv.capability_id in catalog.capabilities and inv.capability_id not in achieved]
    funded = list(dict.fromkeys(list(profile.funded) + [inv.capability_id for inv in accepted]))
    answer_file = answer_file.model_copy(update={"profile": profile.model_copy(update={"funded": funded})})
    return answer_file, accepted, funded


def period_limits(catalog: Catalog, profile: Profile, this_year: list[Investment], *, year: float | None,
                  committed: float, periods: int, budget_per_period: float | None, hours_per_period: float | None,
                  training_per_period: float | None) -> tuple[Limits, list[str], list[str]]:
    """What the `periods` quarters hold, with the notes and the assumptions that say how: the
    year's budget `year` less what accepted investments `committed`, one pot for the year's
    quarters (later years: the budget less the running costs of the accepted investments, a pot
    each), and the profile's staff time and training hours a quarter; `budget_per_period` (each
    quarter its own money), `hours_per_period` and `training_per_period` replace them."""
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
                    f"of the last twelve months; {money(left, cur)} is left for this year's quarters."
                )
            if periods > PERIODS_PER_YEAR:
                # each later year has the same budget, less the running costs of what the
                # accepted investments put in place (what the plan completes pays its own)
                upkeep = sum(catalog.capabilities[inv.capability_id].yearly_cost(profile.size)
                             for inv in this_year if inv.capability_id in catalog.capabilities)
                later_money = max(0.0, year - upkeep) / PERIODS_PER_YEAR
                if later_money != money_limit:
                    notes.append(
                        f"From the second year on, {money(later_money * PERIODS_PER_YEAR, cur)} a year: the yearly "
                        f"budget of {money(year, cur)}" + (f" less {money(upkeep, cur)} a year of running costs of "
                                                           "accepted investments" if upkeep else "") + "."
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
    steps, default = profile.changes_per_quarter_value()
    if default:
        assumptions.append(
            f"At most {steps} steps are completed a quarter, so that a team of {profile.people()} can take each "
            "change on (a judgement; your own figure in the profile replaces it); urgent protections, what the law "
            "or your insurer requires, and steps with a date come on top."
        )
    else:
        assumptions.append(
            f"At most {steps} steps are completed a quarter, as the profile says; urgent protections, what the law "
            "or your insurer requires, and steps with a date come on top."
        )
    limits = Limits(periods=periods, money=money_limit, hours=hours_per_period, training=training_per_period,
                    periods_per_year=PERIODS_PER_YEAR, later_money=later_money,
                    pooled=budget_per_period is None and math.isfinite(money_limit), steps=steps)
    return limits, notes, assumptions


def outside_help(limits: Limits, model, notes: list[str], assumptions: list[str]) -> Limits:
    """`limits` with the outside help the business will buy: none when it refuses it or when no
    budget limits the money (nothing to pay it from); else at the profile's rate or the
    country's, up to the profile's most a year, spread evenly over the quarters."""
    profile = model.profile
    cur = profile.currency
    cfg = profile.outside_help
    if not math.isfinite(limits.hours):
        return limits
    if cfg is not None and not cfg.allowed:
        notes.append("You said the business does not pay for outside help: every hour of change work is your staff's.")
        return limits
    if not math.isfinite(limits.money):
        return limits
    rate = model.help_rate
    most = math.inf
    if cfg is not None and cfg.max_per_year is not None:
        most = float(cfg.max_per_year) / rate / PERIODS_PER_YEAR
        assumptions.append(
            f"Outside help: up to {money(float(cfg.max_per_year), cur)} a year, about {fmt_hours(most)} a quarter "
            f"at {money(rate, cur)} an hour."
        )
    return dataclasses.replace(limits, help_rate=rate, help_hours=most)


def money_held(limits: Limits, currency: str) -> str:
    """The money the plan's quarters hold, in words to go after "within" or "with": the year's
    money and that any of its quarters may spend it, or a quarter's own; "" when money is not
    limited."""
    if not math.isfinite(limits.money):
        return ""
    if not limits.pooled:
        return f"{money(limits.money, currency)} a quarter"
    first = limits.pot_money(0)
    if len(limits.pots()) == 1:
        return f"{money(first, currency)} for the year (any of its quarters may spend it)"
    later = limits.pot_money(1)
    if abs(later - first) < 0.005:
        return f"{money(first, currency)} for each year (any of its quarters may spend it)"
    return (f"{money(first, currency)} for the first year and {money(later, currency)} for each later year "
            "(any quarter of a year may spend its money)")
