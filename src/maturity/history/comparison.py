"""Comparing two assessments: what changed in stages, capabilities and answers, and why not."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from ..common.errors import StoreError
from ..assessment.models import Answer
from ..contract.questionnaire import Question
from ..store.models import StoredAssessment
from .timeline import DomainPoint, movement_sentence

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog


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


class BaselineChange(BaseModel):
    """How a recognised baseline's coverage moved between A and B (both counted against
    today's version of the baseline)."""

    key: str
    name: str
    met_before: int
    met_after: int
    applicable_before: int
    applicable_after: int
    newly_met: list[str]
    no_longer_met: list[str]
    sentence: str


class AssessmentDiff(BaseModel):
    a: AssessmentRef
    b: AssessmentRef
    domains: list[DomainChange]
    achieved: list[CapabilityChange]  # newly in place
    lost: list[CapabilityChange]  # in place in A, not in B
    answers: list[AnswerChange]
    not_compared: list[str]
    summary: list[str]
    #: with a catalog: each recognised baseline's coverage before and after
    baselines: list[BaselineChange] = []


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
        sentence = movement_sentence(d.name, before, after)
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
    baselines = baseline_changes(a, b, catalog) if catalog is not None else []
    summary += [c.sentence for c in baselines if c.met_before != c.met_after]
    if not_compared:
        summary.append(f"{len(not_compared)} item(s) could not be compared because the questionnaires differ.")
    return AssessmentDiff(
        a=_ref(a), b=_ref(b), domains=domains, achieved=achieved, lost=lost, answers=answers,
        not_compared=not_compared, summary=summary, baselines=baselines,
    )


def baseline_changes(a: StoredAssessment, b: StoredAssessment, catalog: Catalog) -> list[BaselineChange]:
    """Each recognised baseline counted on A's answers and on B's, from the coverage service."""
    from ..coverage import coverage

    before = {x.key: x for x in coverage(catalog, a.answer_file, a.result).baselines}
    out = []
    for after in coverage(catalog, b.answer_file, b.result).baselines:
        first = before.get(after.key)
        if first is None:
            continue
        was = {i.id for i in first.items if i.status == "met"}
        now = {i.id for i in after.items if i.status == "met"}
        title = after.name  # the plain name an owner reads; the key keeps the version
        sentence = (f"{title}: {first.counts.met} of {first.counts.applicable} requirements met, now "
                    f"{after.counts.met} of {after.counts.applicable}.")
        out.append(BaselineChange(
            key=after.key, name=title, met_before=first.counts.met, met_after=after.counts.met,
            applicable_before=first.counts.applicable, applicable_after=after.counts.applicable,
            newly_met=[i.label for i in after.items if i.id in now - was],
            no_longer_met=[i.label for i in after.items if i.id in was - now],
            sentence=sentence,
        ))
    return out


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
            unit = question.unit
            if value == 1 and unit.endswith("s") and not unit.endswith("ss"):
                unit = unit[:-1]  # "1 hour", not "1 hours"
            return f"{value:g}" + (f" {unit}" if unit else "")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


__all__ = ["AnswerChange", "AssessmentDiff", "AssessmentRef", "CapabilityChange", "DomainChange", "describe_answer", "diff"]
