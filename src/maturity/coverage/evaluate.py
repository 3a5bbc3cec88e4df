"""The status of one baseline item for one business: its certificate, its not-applicable rules,
its evidence rows against the answers. docs/baseline-format.md gives the rules in words."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..assessment.models import Answer
from ..assessment.scoring import is_unanswered, question_credit
from ..contract.baseline import FULL_RELATIONS, Certificate, Evidence, Item
from ..contract.questionnaire import Question
from .models import Closer, ShortAnswer, Status

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..contract.result import Result

#: the reason of an item every evidence of which was answered "not applicable" (then the
#: respondent's own reason, which a redacted report leaves out)
ANSWERED_NOT_APPLICABLE = "answered not applicable"
RowState = Literal["satisfied", "short", "unknown", "not_applicable"]
_EPSILON = 1e-9


@dataclass
class RowOutcome:
    row: Evidence
    state: RowState
    #: some credit toward the row, though short of it
    some: bool = False
    short: list[ShortAnswer] = field(default_factory=list)
    reason: str = ""


@dataclass
class Facts:
    """What an item is judged on: the catalog, the answers and the scored result."""

    catalog: Catalog
    answers: dict[str, Answer]
    result: Result
    people: int | None
    currency: str


def answer_words(question: Question, answer: Answer) -> str:
    value = answer.answer
    if isinstance(value, bool):
        value = "yes" if value else "no"
    chosen = value if isinstance(value, list) else [value]
    labels = [(question.option(str(v)).label if question.option(str(v)) else str(v)) for v in chosen]
    return "; ".join(labels) if labels else "nothing chosen"


def need_words(question: Question, need: float | list[str]) -> str:
    if isinstance(need, list):
        labels = [question.option(o).label for o in need if question.option(o)]
        if question.type == "multi":
            return "all of: " + "; ".join(labels) if len(labels) > 1 else labels[0]
        return " or ".join(labels)
    good = sorted((o for o in question.options if o.credit + _EPSILON >= need), key=lambda o: o.credit)
    if question.type != "multi" and good:
        return good[0].label + (" (or better)" if len(good) > 1 else "")
    return f"at least {need:.0%} of the answer's credit"


def _meets(question: Question, answer: Answer, need: float | list[str]) -> tuple[bool, bool]:
    """(meets the need, earns some credit toward it)."""
    if isinstance(need, list):
        value = answer.answer
        chosen = {str(v) for v in (value if isinstance(value, list) else [value])}
        if question.type == "multi":
            hits = len(chosen & set(need))
            return hits == len(need), hits > 0
        return bool(chosen & set(need)), question_credit(question, answer) > 0
    credit = question_credit(question, answer)
    return credit + _EPSILON >= need, credit > 0


def evaluate_row(row: Evidence, facts: Facts) -> RowOutcome:
    if not row.needs:
        cap = facts.result.capabilities.get(row.capability)
        if cap is None or cap.status == "not_applicable":
            return RowOutcome(row, "not_applicable", reason=cap.not_applicable_reason if cap else "")
        if cap.answered == 0:
            return RowOutcome(row, "unknown")
        if cap.credit + _EPSILON >= row.min_credit:
            return RowOutcome(row, "satisfied")
        return RowOutcome(row, "short", some=cap.credit > 0)
    states: list[str] = []
    some = False
    short: list[ShortAnswer] = []
    na_reason = ""
    for qid, need in row.needs.items():
        question = facts.catalog.questions[qid][0]
        answer = facts.answers.get(qid)
        if is_unanswered(answer) or answer is None or answer.state == "dont_know":
            states.append("unknown")
            short.append(ShortAnswer(question=qid, text=question.text, given=None, needed=need_words(question, need)))
            continue
        if answer.state == "not_applicable":
            states.append("not_applicable")
            na_reason = answer.not_applicable or ""
            continue
        meets, earns = _meets(question, answer, need)
        some = some or earns
        if meets:
            states.append("satisfied")
        else:
            states.append("short")
            short.append(ShortAnswer(question=qid, text=question.text, given=answer_words(question, answer), needed=need_words(question, need)))
    if "short" in states:
        return RowOutcome(row, "short", some=some or "satisfied" in states, short=short)
    if "unknown" in states:
        return RowOutcome(row, "unknown", short=short)
    if states and all(s == "not_applicable" for s in states):
        return RowOutcome(row, "not_applicable", reason=na_reason)
    return RowOutcome(row, "satisfied")


def certificate_held(certificate: Certificate | None, facts: Facts) -> str | None:
    """The certificate's name when the answers say it is held (naming which), else None."""
    if certificate is None:
        return None
    answer = facts.answers.get(certificate.question)
    if answer is None or answer.state != "answered" or answer.answer is None:
        return None
    value = answer.answer
    chosen = {str(v) for v in (value if isinstance(value, list) else [value])}
    return certificate.name if chosen & set(certificate.options) else None


def not_applicable_reason(item: Item, facts: Facts) -> str | None:
    for rule in item.not_applicable_if:
        if rule.capability is not None:
            cap = facts.result.capabilities.get(rule.capability)
            if cap is not None and cap.status == "not_applicable":
                return rule.reason
        else:
            answer = facts.answers.get(rule.question or "")
            if answer is not None and answer.state == "answered":
                value = answer.answer
                chosen = {str(v) for v in (value if isinstance(value, list) else [value])}
                if chosen & set(rule.options):
                    return rule.reason
    return None


def item_status(item: Item, facts: Facts, certificate: str | None) -> tuple[Status, str, list[RowOutcome]]:
    """The status of an item, why, and the outcome of each evidence row."""
    if certificate is not None:
        return "met", f"{certificate} is held", []
    reason = not_applicable_reason(item, facts)
    if reason is not None:
        return "not_applicable", reason, []
    if not item.evidence:
        return "unknown", "no question asks about it yet", []
    outcomes = [evaluate_row(row, facts) for row in item.evidence]
    live = [o for o in outcomes if o.state != "not_applicable"]
    if not live:
        given = next((o.reason for o in outcomes if o.reason), "")
        return "not_applicable", ANSWERED_NOT_APPLICABLE + (f": {given}" if given else ""), outcomes
    satisfied = [o for o in live if o.state == "satisfied"]
    if item.needs_all:
        met = len(satisfied) == len(live)
        partly = bool(satisfied) or any(o.some for o in live)
    else:
        met = any(o.row.relation in FULL_RELATIONS for o in satisfied)
        partly = bool(satisfied) or any(o.some for o in live if o.state == "short" and o.row.relation in FULL_RELATIONS)
    if met:
        return "met", "", outcomes
    unknown = any(o.state == "unknown" for o in live)
    if item.automatic_fail:
        if any(o.state == "short" and o.row.relation in FULL_RELATIONS for o in live) or not unknown:
            return "not_met", "a hard rule of the baseline: anything short of it fails", outcomes
        return "unknown", "a question it needs is not answered", outcomes
    if partly:
        partial = [o for o in satisfied if o.row.relation not in FULL_RELATIONS]
        why = ""
        if partial:
            cap = facts.catalog.capabilities[partial[0].row.capability]
            why = f"{cap.name} covers part of it" + (f": {partial[0].row.note}" if partial[0].row.note else "")
        return "partly", why, outcomes
    if unknown:
        return "unknown", "a question it needs is not answered", outcomes
    return "not_met", "", outcomes


def closer(outcomes: list[RowOutcome], facts: Facts) -> Closer | None:
    """The capability that would close an item: the first full-relation row not yet satisfied
    (else the first partial one), with its cost for this business."""
    open_rows = [o for o in outcomes if o.state in ("short", "unknown")]
    if not open_rows:
        return None
    chosen = next((o for o in open_rows if o.row.relation in FULL_RELATIONS), open_rows[0])
    cap = facts.catalog.capabilities[chosen.row.capability]
    result = facts.result.capabilities.get(cap.id)
    in_place = result is not None and result.status == "achieved"
    return Closer(
        capability=cap.id, name=cap.name, in_place=in_place,
        one_off=0.0 if in_place else round(cap.one_off_cost(facts.people), 2),
        yearly=0.0 if in_place else round(cap.yearly_cost(facts.people), 2),
        hours=0.0 if in_place else round(cap.project_hours(facts.people), 1),
        short=chosen.short,
    )


__all__ = ["Facts", "RowOutcome", "certificate_held", "closer", "evaluate_row", "item_status"]
