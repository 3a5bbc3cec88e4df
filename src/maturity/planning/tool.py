"""A tool the business already has: the money a capability's costs pay for is spent already.

A capability's `costs` price the tool it needs: a CRM's licences and set-up, say. A business
whose answers show it has one (patient history kept in the clinic system, guests in the hotel's
property system) pays for neither again; what is left is the staff time to use the tool fully,
shrunk by what is in place like any work. The capability names the answer that shows it
(`tool = { question = "cloud.crm.history", credit = 0.67 }` in its questionnaire).
"""

from __future__ import annotations

from typing import Mapping

from ..assessment.models import Answer
from ..assessment.scoring import question_credit
from ..contract.questionnaire import Capability


def tool_in_place(cap: Capability, answers: Mapping[str, Answer]) -> str | None:
    """The owner's words for the tool the business already has for `cap` (the answer's note, or
    the option chosen), or None when it has none (or the capability names no such answer)."""
    if cap.tool is None:
        return None
    question = next(q for q in cap.questions if q.id == cap.tool.question)
    answer = answers.get(question.id)
    if answer is None or answer.dont_know or answer.not_applicable or answer.answer is None:
        return None
    if question_credit(question, answer) < cap.tool.credit - 1e-9:
        return None
    if answer.note:
        return answer.note.strip()
    chosen = answer.answer if isinstance(answer.answer, list) else [answer.answer]
    return "; ".join(o.label for o in question.options if o.id in chosen) or None


def money_left(cap: Capability, answers: Mapping[str, Answer], people: int | None, remaining: float) -> tuple[float, float]:
    """(one-off, yearly) money still to spend on `cap`: none when the business has the tool
    already, else the costs for `people` times the share of the work `remaining`."""
    if tool_in_place(cap, answers) is not None:
        return 0.0, 0.0
    return cap.one_off_cost(people) * remaining, cap.yearly_cost(people) * remaining
