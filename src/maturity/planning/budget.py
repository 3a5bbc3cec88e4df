"""What a plan has to work with: investments already accepted, and what each quarter holds.

Investments accepted in the last twelve months (or since the assessment) are paid from the
year's budget, and those whose capability is not yet achieved are in progress: planned as done.
What is left of the budget, the staff time for change work and the training the staff can absorb
are shared out over the quarters (`period_limits`), with notes and assumptions saying how.
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

#: Periods are quarters: a year's budget is spread over four.
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
    """What each of `periods` quarters holds, with the notes and the assumptions that say how:
    the year's budget `year` less what accepted investments `committed`, spread over its
    quarters (later years: the budget less the running costs of the accepted investments), and
    the profile's staff time and training hours; `budget_per_period`, `hours_per_period` and
    `training_per_period` replace them."""
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
    limits = Limits(periods=periods, money=money_limit, hours=hours_per_period, training=training_per_period,
                    periods_per_year=PERIODS_PER_YEAR, later_money=later_money)
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
