"""What an investment brought: KPI progress, maturity progress, ROI and payback."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from pydantic import BaseModel

from ..store.models import Investment, Measurement, StoredAssessment

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog


class MaturityProgress(BaseModel):
    before_id: int | None
    before_date: dt.datetime | None
    after_id: int | None
    after_date: dt.datetime | None
    credit_before: float | None
    credit_after: float | None
    status_before: str | None
    status_after: str | None
    #: (S_now − S_base)/(S_target − S_base) on the capability's credit, target 1.0 (fully in place)
    progress: float | None
    domain: str | None
    stage_before: str | None
    stage_after: str | None


class InvestmentReport(BaseModel):
    investment: Investment
    capability: str
    as_of: dt.date
    planned_cost: float
    cost_to_date: float  # money: one-off + yearly (each year started) + hours × rate
    hours: float
    hours_cost: float | None  # None when hours were recorded but no hourly rate is known
    benefit_to_date: float
    roi: float | None  # (benefit − cost) / cost
    payback: dt.date | None
    payback_estimated: bool
    kpi_latest: Measurement | None
    kpi_progress: float | None  # (m_t − m_0)/(m* − m_0)
    maturity: MaturityProgress
    sentences: list[str]
    #: what the value model expects the capability to return a year once in place, judged on the
    #: assessment before the investment (docs/value.md); None without one
    expected_yearly: float | None = None
    expected_low: float | None = None
    expected_high: float | None = None


def cost_to(investment: Investment, day: dt.date) -> tuple[float, float]:
    """(money spent up to and including ``day``, internal hours up to it)."""
    money = hours = 0.0
    for c in investment.costs:
        if c.on > day:
            continue
        if c.kind == "one_off":
            money += c.amount
        elif c.kind == "yearly":
            money += c.amount * (_years_started(c.on, day))
        else:
            hours += c.amount
            if investment.hourly_rate is not None:
                money += c.amount * investment.hourly_rate
    return money, hours


def _years_started(start: dt.date, day: dt.date) -> int:
    """How many yearly periods beginning on ``start`` have begun by ``day`` (1 on the day itself)."""
    if day < start:
        return 0
    years = day.year - start.year
    if (day.month, day.day) < (start.month, start.day):
        years -= 1
    return years + 1


def benefit_to(investment: Investment, day: dt.date) -> float:
    return sum(b.amount for b in investment.benefits if b.on <= day)


def _anniversary(start: dt.date, years: int) -> dt.date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


#: an estimated payback further away than this is reported as "not on course"
PAYBACK_HORIZON_YEARS = 10


def payback_date(investment: Investment, as_of: dt.date) -> tuple[dt.date | None, bool]:
    """The first day cumulative benefit reached cumulative cost, or an estimate at the current pace.

    Returns (date, estimated). None when there is no cost or no benefit to go on yet, or when
    at the current pace it would take more than PAYBACK_HORIZON_YEARS.
    """
    days: set[dt.date] = {c.on for c in investment.costs if c.on <= as_of}
    days |= {b.on for b in investment.benefits if b.on <= as_of}
    for c in investment.costs:
        if c.kind == "yearly":
            n = 1
            while (when := _anniversary(c.on, n)) <= as_of:
                days.add(when)
                n += 1
    for day in sorted(days):
        cost, _ = cost_to(investment, day)
        gained = benefit_to(investment, day)
        if cost > 0 and gained > 0 and gained >= cost:
            return day, False
    cost, _ = cost_to(investment, as_of)
    gained = benefit_to(investment, as_of)
    firsts = [b.on for b in investment.benefits if b.on <= as_of]
    if cost <= 0 or not firsts:
        return None, False
    starts = [c.on for c in investment.costs if c.on <= as_of] + firsts
    elapsed = max((as_of - min(starts)).days, 1)
    rate = gained / elapsed
    yearly = sum(c.amount for c in investment.costs if c.kind == "yearly" and c.on <= as_of)
    net_rate = rate - yearly / 365.25
    if net_rate <= 0:
        return None, False
    remaining = (cost - gained) / net_rate
    if remaining > 365.25 * PAYBACK_HORIZON_YEARS:
        return None, False
    return as_of + dt.timedelta(days=max(1, math.ceil(remaining))), True


def linked_assessments(
    investment: Investment, assessments: list[StoredAssessment]
) -> tuple[StoredAssessment | None, StoredAssessment | None]:
    """The assessments before and after an investment: pinned ones, else found from the dates.

    Before: the last one completed on or before the start (or the day it was recorded). After:
    the latest one completed after that day.
    """
    done = sorted((a for a in assessments if a.status == "completed"), key=lambda a: (a.when, a.id))
    by_id = {a.id: a for a in done}
    pivot = investment.start or investment.created.date()
    before = by_id.get(investment.before_id) if investment.before_id else None
    if before is None:
        earlier = [a for a in done if a.when.date() <= pivot]
        before = earlier[-1] if earlier else None
    after = by_id.get(investment.after_id) if investment.after_id else None
    if after is None:
        later = [a for a in done if a.when.date() > pivot and (before is None or (a.when, a.id) > (before.when, before.id))]
        after = later[-1] if later else None
    return before, after


def kpi_progress(baseline: float | None, target: float | None, latest: float | None) -> float | None:
    """(m_t − m_0)/(m* − m_0): 0 at the baseline, 1 at the target; works for KPIs meant to fall."""
    if baseline is None or target is None or latest is None or target == baseline:
        return None
    return (latest - baseline) / (target - baseline)


def _money(value: float, currency: str) -> str:
    from ..common.formatting import money

    return money(value, currency)


def investment_report(
    investment: Investment,
    assessments: list[StoredAssessment],
    *,
    as_of: dt.date | None = None,
    catalog: Catalog | None = None,
    currency: str = "",
) -> InvestmentReport:
    """KPI progress, maturity progress, ROI and payback of one investment."""
    today = as_of or dt.date.today()
    cid = investment.capability_id
    name = catalog.capabilities[cid].name if catalog is not None and cid in catalog.capabilities else cid
    cost, hours = cost_to(investment, today)
    hours_cost = None
    if hours and investment.hourly_rate is not None:
        hours_cost = hours * investment.hourly_rate
    gained = benefit_to(investment, today)
    roi = (gained - cost) / cost if cost > 0 else None
    payback, estimated = payback_date(investment, today)
    measured = [m for m in investment.measurements if m.on <= today]
    latest = measured[-1] if measured else None
    progress = kpi_progress(investment.baseline, investment.target, latest.value if latest else None)

    before, after = linked_assessments(investment, [a for a in assessments if a.when.date() <= today])
    if not currency:
        source = after or before
        currency = source.answer_file.profile.currency if source else ""

    def cap(a: StoredAssessment | None) -> tuple[float | None, str | None, str | None, str | None]:
        if a is None or a.result is None or cid not in a.result.capabilities:
            return None, None, None, None
        c = a.result.capabilities[cid]
        stage = next((d.stage_name for d in a.result.domains if d.domain == c.domain), None)
        return c.credit, c.status, c.domain, stage

    credit_b, status_b, domain_b, stage_b = cap(before)
    credit_a, status_a, domain_a, stage_a = cap(after)
    maturity_progress = None
    if credit_b is not None and credit_a is not None and credit_b < 1.0:
        maturity_progress = (credit_a - credit_b) / (1.0 - credit_b)
    maturity = MaturityProgress(
        before_id=before.id if before else None, before_date=before.when if before else None,
        after_id=after.id if after else None, after_date=after.when if after else None,
        credit_before=credit_b, credit_after=credit_a, status_before=status_b, status_after=status_a,
        progress=maturity_progress, domain=domain_a or domain_b, stage_before=stage_b, stage_after=stage_a,
    )

    sentences = [f"{name}: planned {_money(investment.planned_cost, currency)}, spent {_money(cost, currency)} so far."]
    if hours:
        if hours_cost is not None:
            sentences.append(f"Internal time: {hours:g} hours, counted as {_money(hours_cost, currency)}.")
        else:
            sentences.append(f"Internal time: {hours:g} hours, not counted in the cost (no hourly rate given).")
    if investment.kpi:
        unit = f" {investment.unit}" if investment.unit else ""
        if latest is None:
            sentences.append(f"KPI {investment.kpi!r}: no measurement yet.")
        elif progress is None:
            if investment.baseline is not None and investment.baseline == investment.target:
                why = f"the target equals the baseline ({investment.baseline:g}{unit}), so there is no way to go"
            else:
                why = "give a baseline and a target to see progress"
            sentences.append(f"KPI {investment.kpi!r}: {latest.value:g}{unit} on {latest.on:%d %b %Y} ({why}).")
        else:
            sentences.append(
                f"KPI {investment.kpi!r}: from {investment.baseline:g} to {latest.value:g}{unit} "
                f"({latest.on:%d %b %Y}), target {investment.target:g}{unit}: {progress:.0%} of the way."
            )
    if after is None:
        sentences.append("Maturity: no assessment since the investment started; assess again to see its effect.")
    elif credit_b is not None and credit_a is not None:
        words = {"achieved": "in place", "partial": "partly in place", "not_started": "not started", "not_applicable": "not applicable"}
        sentences.append(
            f"Maturity: {name} went from {words.get(status_b or '', status_b)} to {words.get(status_a or '', status_a)} "
            f"between #{before.id if before else '?'} and #{after.id}"
            + (f" ({maturity_progress:.0%} of the way to fully in place)." if maturity_progress is not None else ".")
        )
    expected = _expected(investment, before, catalog)
    if expected is not None:
        central, low, high = expected
        span = f" ({_money(low, currency)} to {_money(high, currency)})" if high > low * 1.2 else ""
        sentences.append(
            f"Expected when in place: about {_money(central, currency)} a year{span}, by the value model on the "
            f"assessment before it; recorded so far: {_money(gained, currency)} of benefits."
        )
    if roi is not None:
        sentences.append(
            f"Return so far: {roi:+.0%} (benefits {_money(gained, currency)} against costs {_money(cost, currency)})."
        )
    if payback is not None:
        if estimated:
            sentences.append(f"Not paid back yet; at the current pace around {payback:%b %Y} (an estimate).")
        else:
            sentences.append(f"Paid back on {payback:%d %b %Y}.")
    elif cost > 0 and gained > 0:
        sentences.append(f"Not paid back yet, and not on course to pay back within {PAYBACK_HORIZON_YEARS} years at the current pace.")
    elif cost > 0:
        sentences.append("No benefit recorded yet.")
    if gained > 0:
        sentences.append("Benefits are this investment's contribution, not its sole doing.")
    return InvestmentReport(
        investment=investment, capability=name, as_of=today, planned_cost=investment.planned_cost,
        cost_to_date=cost, hours=hours, hours_cost=hours_cost, benefit_to_date=gained, roi=roi,
        payback=payback, payback_estimated=estimated, kpi_latest=latest, kpi_progress=progress,
        maturity=maturity, sentences=sentences,
        expected_yearly=None if expected is None else round(expected[0], 2),
        expected_low=None if expected is None else round(expected[1], 2),
        expected_high=None if expected is None else round(expected[2], 2),
    )


def _expected(investment: Investment, before: StoredAssessment | None,
              catalog: Catalog | None) -> tuple[float, float, float] | None:
    """The value a year the planner expected of the capability, on the assessment before it."""
    cid = investment.capability_id
    if catalog is None or before is None or before.result is None or cid not in catalog.capabilities:
        return None
    from ..common.errors import MaturityError
    from ..planning.value import ValueModel

    try:
        model = ValueModel(catalog.for_profile(before.answer_file.profile), before.answer_file, before.result)
        worth = model.valuation(cid)
    except MaturityError:  # figures that cannot be had (a broken plugin value file): leave it out
        return None
    return worth.total, worth.low, worth.high


__all__ = [
    "PAYBACK_HORIZON_YEARS",
    "InvestmentReport",
    "MaturityProgress",
    "benefit_to",
    "cost_to",
    "investment_report",
    "kpi_progress",
    "linked_assessments",
    "payback_date",
]
