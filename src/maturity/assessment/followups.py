"""Follow-up questions an earlier answer makes moot.

A question with a `when` rule (see docs/questionnaire-format.md) is asked only while the
earlier question it names is answered in a way that leaves it open: after "never tested", what
happened to the last test's findings is moot. A moot question is not asked by the app and is
scored as not applicable (left out of its capability's score, and not counted as unanswered);
an answer the file still holds for it is kept but not counted.
"""

from __future__ import annotations

from typing import Iterable, Mapping

from ..contract.questionnaire import Question
from .models import Answer


def chosen(question: Question, answer: Answer | None) -> set[str]:
    """The option ids an answer picks (empty for don't know, not applicable or no answer)."""
    if answer is None or answer.state != "answered":
        return set()
    value = answer.answer
    if isinstance(value, bool):
        return {"yes" if value else "no"}
    if isinstance(value, str):
        return {value} if value else set()
    if isinstance(value, list):
        return {str(v) for v in value}
    return set()


def is_moot(question: Question, answers: Mapping[str, Answer], questions: Mapping[str, Question]) -> bool:
    """Whether an earlier answer makes `question` moot. An earlier question without a definite
    answer (unanswered, don't know, not applicable) leaves it open."""
    rule = question.when
    if rule is None:
        return False
    earlier = questions.get(rule.question)
    answer = answers.get(rule.question)
    if earlier is None or answer is None or answer.state != "answered" or answer.answer in ("", None):
        return False
    return rule.moot(chosen(earlier, answer))


def moot_reason(question: Question, answers: Mapping[str, Answer], questions: Mapping[str, Question]) -> str:
    """Why a moot question was not asked, in the owner's words."""
    assert question.when is not None
    earlier = questions[question.when.question]
    picked = chosen(earlier, answers.get(earlier.id))
    labels = [o.label for o in earlier.options if o.id in picked]
    said = " / ".join(f"“{label}”" for label in labels) or "“none of these”"
    return f"not asked after the answer {said} to “{earlier.text}”"


def moot_questions(questions: Iterable[Question], answers: Mapping[str, Answer]) -> dict[str, str]:
    """Every moot question among `questions` (id to the reason it was not asked)."""
    by_id = {q.id: q for q in questions}
    return {qid: moot_reason(q, answers, by_id) for qid, q in by_id.items() if is_moot(q, answers, by_id)}


def asked(questions: Iterable[Question], answers: Mapping[str, Answer]) -> list[Question]:
    """The questions that apply given these answers, in their order: every one but those an
    earlier answer makes moot. Every count of questions an owner reads ("3 of 40", "12
    unanswered") counts these, so that answering "never tested" shortens the count."""
    listed = list(questions)
    moot = moot_questions(listed, answers)
    return [q for q in listed if q.id not in moot]


def answered_of_asked(questions: Iterable[Question], answers: Mapping[str, Answer]) -> tuple[int, int]:
    """(answered, asked) among `questions` given these answers: don't know and not applicable
    are answers; a moot question is neither."""
    applying = asked(questions, answers)
    return sum(1 for q in applying if has_answer(answers.get(q.id))), len(applying)


def has_answer(answer: Answer | None) -> bool:
    """Whether a question has an answer: a value, don't know or not applicable (an empty value
    is no answer)."""
    return answer is not None and not (answer.state == "answered" and answer.answer in ("", None))


def with_moot(questions: Iterable[Question], answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """`answers` with each moot question answered "not applicable", with the reason: what
    scoring counts."""
    moot = moot_questions(questions, answers)
    if not moot:
        return dict(answers)
    return {**answers, **{qid: Answer(not_applicable=reason) for qid, reason in moot.items()}}
