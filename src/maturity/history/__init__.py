"""History, comparison and return on investment: pure computations over stored assessments.

No database and no user interface here: the command line and the terminal app both call these
functions on what the store hands out and render the results. Every result is a pydantic model,
so `--json` prints it as is, and carries sentences written for a business owner.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from ..common.errors import StoreError
from ..assessment.models import Answer
from ..contract.questionnaire import Question
from ..contract.result import WeakestLink
from ..store.models import Investment, Measurement, StoredAssessment

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog


# --------------------------------------------------------------------------------------------
# history over time
# --------------------------------------------------------------------------------------------


class DomainPoint(BaseModel):
    stage: int
    stage_name: str
    index: float
    percent: float


class HistoryRow(BaseModel):
    id: int
    date: dt.datetime
    domains: dict[str, DomainPoint]
    weakest_link: WeakestLink | None = None
    versions: dict[str, str] = {}


class DomainTrend(BaseModel):
    domain: str
    name: str
    first: DomainPoint
    last: DomainPoint
    sentence: str


class History(BaseModel):
    org: str
    domains: dict[str, str]  # id -> name, in the order first seen
    rows: list[HistoryRow]
    trends: list[DomainTrend]


def history(org: str, assessments: list[StoredAssessment]) -> History:
    """Per-domain stage and index of each completed assessment, oldest first, and the trend."""
    names: dict[str, str] = {}
    rows: list[HistoryRow] = []
    for a in sorted(assessments, key=lambda a: (a.when, a.id)):
        if a.result is None:
            continue
        points = {}
        for d in a.result.domains:
            names.setdefault(d.domain, d.name)
            points[d.domain] = DomainPoint(stage=d.stage, stage_name=d.stage_name, index=d.index, percent=d.percent)
        rows.append(HistoryRow(id=a.id, date=a.when, domains=points, weakest_link=a.result.weakest_link, versions=a.versions))
    trends = []
    for domain, name in names.items():
        seen = [r for r in rows if domain in r.domains]
        if len(seen) < 2:
            continue
        first, last = seen[0].domains[domain], seen[-1].domains[domain]
        trends.append(
            DomainTrend(domain=domain, name=name, first=first, last=last, sentence=_movement(name, first, last))
        )
    return History(org=org, domains=names, rows=rows, trends=trends)


def _movement(name: str, first: DomainPoint, last: DomainPoint) -> str:
    span = f"({first.index:.2f} → {last.index:.2f})"
    if last.stage > first.stage:
        return f"{name} moved up from {first.stage_name} to {last.stage_name} {span}."
    if last.stage < first.stage:
        return f"{name} fell back from {first.stage_name} to {last.stage_name} {span}: something that was in place no longer is."
    if last.index > first.index + 0.005:
        return f"{name} stayed at {last.stage_name} but moved forward {span}."
    if last.index < first.index - 0.005:
        return f"{name} stayed at {last.stage_name} but slipped back {span}."
    return f"{name} did not change ({last.stage_name}, {last.index:.2f})."


# --------------------------------------------------------------------------------------------
# comparing two assessments
# --------------------------------------------------------------------------------------------


class AssessmentRef(BaseModel):
    id: int
    date: dt.datetime
    versions: dict[str, str]


class DomainChange(BaseModel):
    domain: str
    name: str
    before: DomainPoint
    after: DomainPoint
    version_before: str
    version_after: str
    direction: Literal["up", "down", "forward", "back", "same"]
    sentence: str


class CapabilityChange(BaseModel):
    id: str
    name: str
    domain: str
    status_before: str
    status_after: str
    credit_before: float
    credit_after: float


class AnswerChange(BaseModel):
    question_id: str
    question: str
    #: the answers in words (option labels), as the text output shows them
    before: str
    after: str
    #: the answers as stored, with option ids (None where the question was not answered)
    before_answer: Answer | None = None
    after_answer: Answer | None = None


class AssessmentDiff(BaseModel):
    a: AssessmentRef
    b: AssessmentRef
    domains: list[DomainChange]
    achieved: list[CapabilityChange]  # newly in place
    lost: list[CapabilityChange]  # in place in A, not in B
    answers: list[AnswerChange]
    not_compared: list[str]
    summary: list[str]


def _ref(a: StoredAssessment) -> AssessmentRef:
    return AssessmentRef(id=a.id, date=a.when, versions=a.versions or a.answer_file.questionnaires)


def _span(start: dt.datetime, end: dt.datetime) -> str:
    days = abs((end - start).days)
    if days < 45:
        return f"{days} day{'s' if days != 1 else ''}"
    months = round(days / 30.44)
    if months < 24:
        return f"{months} months"
    return f"{days / 365.25:.1f} years"


def diff(a: StoredAssessment, b: StoredAssessment, catalog: Catalog | None = None) -> AssessmentDiff:
    """What changed from assessment A to B: stages, capabilities, answers.

    Works across questionnaire versions: what exists on one side only is listed in
    `not_compared` with the reason, and the rest is compared. With a catalog, capabilities and
    questions are named and answers shown as their option labels.
    """
    if a.result is None or b.result is None:
        which = a if a.result is None else b
        raise StoreError(f"assessment #{which.id} is a draft; only completed assessments can be compared")
    va = a.versions or a.answer_file.questionnaires
    vb = b.versions or b.answer_file.questionnaires
    not_compared: list[str] = []

    domains: list[DomainChange] = []
    b_domains = {d.domain: d for d in b.result.domains}
    a_domains = {d.domain: d for d in a.result.domains}
    for d in a.result.domains:
        other = b_domains.get(d.domain)
        if other is None:
            not_compared.append(f"{d.name} was assessed in #{a.id} but not in #{b.id}.")
            continue
        before = DomainPoint(stage=d.stage, stage_name=d.stage_name, index=d.index, percent=d.percent)
        after = DomainPoint(stage=other.stage, stage_name=other.stage_name, index=other.index, percent=other.percent)
        direction: Literal["up", "down", "forward", "back", "same"]
        if after.stage != before.stage:
            direction = "up" if after.stage > before.stage else "down"
        elif abs(after.index - before.index) > 0.005:
            direction = "forward" if after.index > before.index else "back"
        else:
            direction = "same"
        sentence = _movement(d.name, before, after)
        if d.version != other.version:
            sentence += f" The questionnaire changed from version {d.version} to {other.version} in between."
        domains.append(
            DomainChange(
                domain=d.domain, name=d.name, before=before, after=after, version_before=d.version,
                version_after=other.version, direction=direction, sentence=sentence,
            )
        )
    for d in b.result.domains:
        if d.domain not in a_domains:
            not_compared.append(f"{d.name} was not assessed in #{a.id}; it is new in #{b.id}.")

    def cap_name(cid: str) -> str:
        if catalog is not None and cid in catalog.capabilities:
            return catalog.capabilities[cid].name
        return cid

    def version_note(domain: str) -> str:
        if va.get(domain) and vb.get(domain) and va[domain] != vb[domain]:
            return f" ({domain} {va[domain]} → {vb[domain]})"
        return ""

    achieved: list[CapabilityChange] = []
    lost: list[CapabilityChange] = []
    caps_a, caps_b = a.result.capabilities, b.result.capabilities
    for cid in sorted(set(caps_a) | set(caps_b)):
        ca, cb = caps_a.get(cid), caps_b.get(cid)
        if ca is None or cb is None:
            present = cb or ca
            assert present is not None
            if present.domain in a_domains and present.domain in b_domains:
                side = f"#{b.id}" if ca is None else f"#{a.id}"
                not_compared.append(
                    f"{cap_name(cid)} exists only in the questionnaire of {side}{version_note(present.domain)}."
                )
            continue
        change = CapabilityChange(
            id=cid, name=cap_name(cid), domain=cb.domain, status_before=ca.status, status_after=cb.status,
            credit_before=ca.credit, credit_after=cb.credit,
        )
        if cb.status == "achieved" and ca.status != "achieved":
            achieved.append(change)
        elif ca.status == "achieved" and cb.status != "achieved":
            lost.append(change)

    answers: list[AnswerChange] = []
    ans_a, ans_b = a.answer_file.answers, b.answer_file.answers
    for qid in sorted(set(ans_a) | set(ans_b)):
        xa, xb = ans_a.get(qid), ans_b.get(qid)
        if _scored(xa) == _scored(xb):
            continue
        domain = _domain_of(qid, caps_a, caps_b, catalog)
        question = _question(qid, catalog)
        if (xa is None or xb is None) and domain and va.get(domain) != vb.get(domain):
            side = f"#{a.id}" if xb is None else f"#{b.id}"
            not_compared.append(
                f"The answer to {question.text if question else qid!r} is only in {side}{version_note(domain)}."
            )
            continue
        answers.append(
            AnswerChange(
                question_id=qid, question=question.text if question else qid,
                before=describe_answer(xa, question), after=describe_answer(xb, question),
                before_answer=xa, after_answer=xb,
            )
        )

    summary = [f"From #{a.id} ({a.when:%d %b %Y}) to #{b.id} ({b.when:%d %b %Y}), {_span(a.when, b.when)} apart:"]
    moved = [c for c in domains if c.direction != "same"]
    summary += [c.sentence for c in moved] or ["No domain changed stage or index."]
    if achieved:
        summary.append("Newly in place: " + "; ".join(c.name for c in achieved) + ".")
    if lost:
        summary.append("No longer in place: " + "; ".join(c.name for c in lost) + ". Check what changed.")
    wa, wb = a.result.weakest_link, b.result.weakest_link
    if wa and wb and (wa.domains != wb.domains or wa.stage != wb.stage):
        summary.append(
            f"Weakest area: was {_names(wa.domains, a_domains)} ({wa.stage_name}), now {_names(wb.domains, b_domains)} ({wb.stage_name})."
        )
    if not_compared:
        summary.append(f"{len(not_compared)} item(s) could not be compared because the questionnaires differ.")
    return AssessmentDiff(
        a=_ref(a), b=_ref(b), domains=domains, achieved=achieved, lost=lost, answers=answers,
        not_compared=not_compared, summary=summary,
    )


def _names(domain_ids: list[str], known: dict[str, object]) -> str:
    return " and ".join(getattr(known.get(d), "name", d) for d in domain_ids)


def _scored(answer: Answer | None) -> tuple[object, ...] | None:
    if answer is None:
        return None
    value = answer.answer
    if isinstance(value, list):
        value = tuple(sorted(value))
    return (value, answer.dont_know, answer.not_applicable)


def _domain_of(qid: str, caps_a: dict, caps_b: dict, catalog: Catalog | None) -> str | None:  # type: ignore[type-arg]
    if catalog is not None:
        domain = catalog.domain_for_question(qid)
        if domain:
            return domain
    # question ids start with their capability's id
    for caps in (caps_b, caps_a):
        for cid, cap in caps.items():
            if qid == cid or qid.startswith(cid + "."):
                return str(cap.domain)
    return None


def _question(qid: str, catalog: Catalog | None) -> Question | None:
    if catalog is not None and qid in catalog.questions:
        return catalog.questions[qid][0]
    return None


def describe_answer(answer: Answer | None, question: Question | None = None) -> str:
    """An answer in words: the option's label, the number with its unit, "don't know"…"""
    if answer is None:
        return "no answer"
    if answer.dont_know:
        return "don't know"
    if answer.not_applicable is not None:
        return f"not applicable ({answer.not_applicable})"
    value = answer.answer
    if value in ("", None):
        return "no answer"
    if question is not None:
        if isinstance(value, bool):
            value = "yes" if value else "no"
        if question.type in ("single", "yes_no") and isinstance(value, str):
            option = question.option(value)
            return option.label if option else value
        if question.type == "multi":
            chosen = [value] if isinstance(value, str) else list(value)  # type: ignore[arg-type]
            labels = [o.label for o in question.options if o.id in chosen]
            return ", ".join(labels) if labels else "none"
        if question.type == "number" and isinstance(value, (int, float)):
            return f"{value:g}" + (f" {question.unit}" if question.unit else "")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


# --------------------------------------------------------------------------------------------
# investments: KPI progress, maturity progress, ROI and payback
# --------------------------------------------------------------------------------------------


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
    )


__all__ = [
    "AssessmentDiff",
    "History",
    "InvestmentReport",
    "cost_to",
    "describe_answer",
    "diff",
    "history",
    "investment_report",
    "kpi_progress",
    "linked_assessments",
    "payback_date",
]
