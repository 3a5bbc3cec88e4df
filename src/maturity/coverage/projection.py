"""Coverage as it would be once some capabilities are in place, and what a baseline still needs.

A capability put in place is taken to be done fully: each of its questions answered with the
option (or options) of most credit. `needed` works out, item by item, which capabilities close
what a baseline is missing: the capability that closes each item partly met or not met (the
same `closed_by` the coverage service names), then again with those in place, until nothing
new is needed (an item that needs every one of its rows asks for the next one each round).
Items the answers leave unknown are not counted: their questions are to be answered first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from ..assessment.models import Answer
from ..contract.questionnaire import Question
from .models import BaselineCoverage, ItemCoverage
from .service import coverage

if TYPE_CHECKING:  # pragma: no cover
    from ..assessment.models import AnswerFile
    from ..catalog import Catalog
    from ..contract.result import Result

#: rounds of `needed` before it stops (each round adds at least one capability)
MAX_ROUNDS = 20


def best_answer(question: Question) -> Answer | None:
    """The answer of most credit a question takes, or None for a question without options."""
    if question.type in ("single", "yes_no") and question.options:
        return Answer(answer=max(question.options, key=lambda o: o.credit).id)
    if question.type == "multi" and question.options:
        return Answer(answer=[o.id for o in question.options if o.credit > 0])
    if question.type == "number" and question.thresholds:
        return Answer(answer=float(max(question.thresholds, key=lambda t: t.credit).at_least))
    return None


def with_in_place(catalog: Catalog, answer_file: AnswerFile, completed: Iterable[str]) -> AnswerFile:
    """The answers as they would be once `completed` capabilities are in place: each of their
    questions answered as fully as it can be, except those answered "not applicable"."""
    answers = dict(answer_file.answers)
    for cid in completed:
        cap = catalog.capabilities.get(cid)
        if cap is None:
            continue
        for question in cap.questions:
            given = answers.get(question.id)
            if given is not None and given.state == "not_applicable":
                continue
            best = best_answer(question)
            if best is not None:
                answers[question.id] = best
    return answer_file.model_copy(update={"answers": answers})


def projected(catalog: Catalog, answer_file: AnswerFile, completed: Iterable[str], baseline: str) -> BaselineCoverage:
    """One baseline's coverage once `completed` capabilities are in place."""
    return coverage(catalog, with_in_place(catalog, answer_file, completed), None, [baseline]).baselines[0]


@dataclass
class Needs:
    """What a baseline needs of a business, from its coverage now."""

    baseline: BaselineCoverage  # coverage now
    #: capability id -> the ids of the items it closes, in the order found
    capabilities: dict[str, list[str]] = field(default_factory=dict)
    #: items whose closing capability is in place, but answers to it fall short
    short: list[ItemCoverage] = field(default_factory=list)
    #: items the answers leave unknown: their questions are to be answered
    unknown: list[ItemCoverage] = field(default_factory=list)
    #: items still missing once every capability above is in place (no capability closes them)
    open: list[ItemCoverage] = field(default_factory=list)
    after: BaselineCoverage | None = None  # coverage once every capability above is in place

    def questions(self) -> list[str]:
        """The questions to answer for the unknown items, in words, each once."""
        out: list[str] = []
        for item in self.unknown:
            for short in item.closed_by.short if item.closed_by else []:
                if short.text not in out:
                    out.append(short.text)
        return out


def needed(catalog: Catalog, answer_file: AnswerFile, result: Result | None, baseline: str) -> Needs:
    """The capabilities whose completion closes what `baseline` is missing (see the module)."""
    now = coverage(catalog, answer_file, result, [baseline]).baselines[0]
    needs = Needs(baseline=now, unknown=[i for i in now.items if i.status == "unknown"])
    counted = {i.id for i in now.items if i.status in ("partly", "not_met")}
    current = now
    for _ in range(MAX_ROUNDS):
        added = False
        for item in current.items:
            if item.id not in counted or item.status not in ("partly", "not_met") or item.closed_by is None:
                continue
            closer = item.closed_by
            if closer.in_place:
                continue
            ids = needs.capabilities.setdefault(closer.capability, [])
            if item.id not in ids:
                ids.append(item.id)
                added = True
        if not added:
            break
        current = projected(catalog, answer_file, needs.capabilities, now.key)
    needs.after = current
    left = [i for i in current.items if i.id in counted and i.status in ("partly", "not_met")]
    needs.short = [i for i in left if i.closed_by is not None and i.closed_by.in_place]
    needs.open = [i for i in left if i not in needs.short]
    return needs


__all__ = ["Needs", "best_answer", "needed", "projected", "with_in_place"]
