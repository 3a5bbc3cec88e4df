"""Answering the questionnaires one question at a time: the order of the questions, which ones
apply to the business, progress per domain, and turning a keystroke or a typed value into an
Answer.

The terminal app walks an `Interview`; nothing here knows of Textual, so another front end (or
a test) can walk the same path.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..common.errors import UsageError
from .followups import chosen as chosen_options
from .models import AnswerFile, Answer
from ..contract.questionnaire import Capability, Confidence, Question
from ..contract.profile import Profile
from .followups import answered_of_asked, asked, is_moot
from .scoring import applicability, is_unanswered

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog

#: Not-applicable reasons offered before the user types their own (AWS Well-Architected's codes).
NOT_APPLICABLE_REASONS: tuple[str, ...] = (
    "Out of scope for this business",
    "Not a business priority",
    "Our set-up rules it out",
)


@dataclass(frozen=True)
class Step:
    """One question of the walk."""

    index: int  # position in the whole walk, 0-based
    domain: str
    capability: Capability
    question: Question


@dataclass(frozen=True)
class DomainProgress:
    domain: str
    name: str
    answered: int
    total: int
    skipped: int  # capabilities that do not fit this business

    @property
    def done(self) -> bool:
        return self.answered >= self.total

    @property
    def fraction(self) -> float:
        return self.answered / self.total if self.total else 1.0


@dataclass
class Interview:
    """The questions a business is asked, in questionnaire order, leaving out capabilities that
    do not fit its profile (a shop question for a business that sells nothing online). A
    follow-up that an earlier answer makes moot (its `when` rule) keeps its place in the walk
    but is stepped over, and counts neither as asked nor as unanswered."""

    catalog: Catalog
    profile: Profile
    steps: list[Step] = field(default_factory=list)
    skipped: dict[str, dict[str, str]] = field(default_factory=dict)  # domain -> {capability: why}
    _index: dict[str, int] = field(default_factory=dict)
    _ranges: dict[str, tuple[int, int]] = field(default_factory=dict)
    _questions: dict[str, Question] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.catalog = self.catalog.for_profile(self.profile)  # a sector's questions for that sector only
        rules_out = applicability(self.catalog, AnswerFile(profile=self.profile))
        for domain, loaded in self.catalog.questionnaires.items():
            self.skipped[domain] = {}
            first = len(self.steps)
            domain_steps: list[tuple[Capability, Question]] = []
            for cap in loaded.model.capabilities:
                if cap.id in rules_out:
                    self.skipped[domain][cap.id] = rules_out[cap.id]
                    continue
                domain_steps.extend((cap, q) for q in cap.questions)
            for cap, question in domain_steps:
                step = Step(len(self.steps), domain, cap, question)
                self._index[question.id] = step.index
                self._questions[question.id] = question
                self.steps.append(step)
            self._ranges[domain] = (first, len(self.steps))

    # -- where things are -----------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.steps)

    def domains(self) -> list[str]:
        return list(self.catalog.questionnaires)

    def index_of(self, question_id: str | None) -> int | None:
        return self._index.get(question_id) if question_id else None

    def domain_range(self, domain: str) -> tuple[int, int]:
        """(first index, index after the last) of a domain's questions; equal when it has none."""
        return self._ranges[domain]

    def first_of(self, domain: str) -> int | None:
        start, end = self._ranges[domain]
        return start if end > start else None

    def next_domain_start(self, index: int, direction: int) -> int | None:
        """The first question of the next (1) or previous (-1) domain that has questions."""
        domains = self.domains()
        here = self.steps[index].domain if self.steps else domains[0]
        position = domains.index(here) + direction
        while 0 <= position < len(domains):
            start = self.first_of(domains[position])
            if start is not None:
                return start
            position += direction
        return None

    # -- answers --------------------------------------------------------------------------

    def is_answered(self, step: Step, answers: dict[str, Answer]) -> bool:
        return not is_unanswered(answers.get(step.question.id))

    def is_moot(self, step: Step, answers: dict[str, Answer]) -> bool:
        """Whether an earlier answer makes this follow-up moot: it is not asked."""
        return is_moot(step.question, answers, self._questions)

    def is_open(self, step: Step, answers: dict[str, Answer]) -> bool:
        """Asked and not answered yet."""
        return not self.is_answered(step, answers) and not self.is_moot(step, answers)

    def step_from(self, index: int, direction: int, answers: dict[str, Answer]) -> int | None:
        """The next question to ask after (1) or before (-1) `index`, stepping over moot ones;
        None at either end."""
        i = index + direction
        while 0 <= i < len(self.steps):
            if not self.is_moot(self.steps[i], answers):
                return i
            i += direction
        return None

    def first_unanswered(self, answers: dict[str, Answer], start: int = 0) -> int | None:
        """The first unanswered question at or after `start`, wrapping round to the beginning."""
        n = len(self.steps)
        for offset in range(n):
            i = (start + offset) % n
            if self.is_open(self.steps[i], answers):
                return i
        return None

    def resume_at(self, answers: dict[str, Answer], position: str | None) -> int:
        """Where a draft resumes: the question it stopped at, else the first unanswered one."""
        index = self.index_of(position)
        if index is not None:
            if self.is_moot(self.steps[index], answers):
                index = self.step_from(index, 1, answers) or self.step_from(index, -1, answers) or index
            return index
        first = self.first_unanswered(answers)
        return first if first is not None else 0

    def position(self, step: Step, answers: dict[str, Answer]) -> tuple[int, int]:
        """(n, of): `step` is the n-th of the `of` questions its domain asks given the answers so
        far; a follow-up an earlier answer makes moot is not counted, so the count shrinks as
        answers make follow-ups moot (a moot step itself reads as the place it would have)."""
        start, end = self._ranges[step.domain]
        domain = [s.question for s in self.steps[start:end]]
        applying = {q.id for q in asked(domain, answers)}
        before = sum(1 for s in self.steps[start:step.index] if s.question.id in applying)
        return before + 1, len(applying)

    def progress(self, answers: dict[str, Answer]) -> list[DomainProgress]:
        out = []
        for domain in self.domains():
            start, end = self._ranges[domain]
            answered, total = answered_of_asked((s.question for s in self.steps[start:end]), answers)
            out.append(
                DomainProgress(
                    domain=domain,
                    name=self.catalog.questionnaire(domain).questionnaire.name,
                    answered=answered,
                    total=total,
                    skipped=len(self.skipped[domain]),
                )
            )
        return out

    def asked_count(self, answers: dict[str, Answer]) -> int:
        """How many questions the walk asks given the answers so far."""
        return len(asked((s.question for s in self.steps), answers))

    def unanswered_count(self, answers: dict[str, Answer]) -> int:
        return sum(1 for s in self.steps if self.is_open(s, answers))


# -- building answers ---------------------------------------------------------------------------


def _carry(previous: Answer | None) -> dict[str, object]:
    """What an answer keeps when it is changed: the note, evidence and confidence."""
    if previous is None:
        return {}
    return {"note": previous.note, "evidence": list(previous.evidence), "confidence": previous.confidence}


def choose(question: Question, number: int, previous: Answer | None) -> Answer:
    """The answer after pressing option `number` (1-based).

    A single-choice or yes/no question takes the option; a multi-choice question toggles it in
    or out of the chosen set (an empty set is the answer "none of these"). Raises UsageError
    when the question has no such option or takes no options.
    """
    if question.type not in ("single", "yes_no", "multi"):
        raise UsageError("this question takes a typed answer, not an option")
    if not 1 <= number <= len(question.options):
        raise UsageError(f"choose an option from 1 to {len(question.options)}")
    option = question.options[number - 1]
    keep = _carry(previous)
    if question.type != "multi":
        return Answer(answer=option.id, **keep)
    chosen = chosen_options(question, previous)
    if option.id in chosen:
        chosen.remove(option.id)
    else:
        chosen.add(option.id)
    # an empty choice is an answer too: "none of these"
    return Answer(answer=[o.id for o in question.options if o.id in chosen], **keep)


def none_of_these(question: Question, previous: Answer | None) -> Answer:
    """A multi-choice answer that picks no option."""
    if question.type != "multi":
        raise UsageError("only a question with several choices can be answered with none of them")
    return Answer(answer=[], **_carry(previous))


def typed(question: Question, text: str, previous: Answer | None) -> Answer | None:
    """The answer to a number or text question from what was typed; None when it is blank.

    Raises UsageError with a message for the user when a number cannot be read.
    """
    text = text.strip()
    keep = _carry(previous)
    if not text:
        return None
    if question.type == "number":
        try:
            value = float(text.replace(",", "").replace("_", ""))
        except ValueError:
            raise UsageError(f"{text!r} is not a number") from None
        if math.isnan(value) or math.isinf(value):
            raise UsageError(f"{text!r} is not a number")
        from .answers import number_problem

        problem = number_problem(question, value)
        if problem:
            raise UsageError(problem[0].upper() + problem[1:])
        return Answer(answer=int(value) if value.is_integer() else value, **keep)
    if question.type == "text":
        return Answer(answer=text, **keep)
    raise UsageError("this question is answered by choosing an option")


def dont_know(previous: Answer | None) -> Answer:
    return Answer(dont_know=True, **_carry(previous))


def not_applicable(reason: str, previous: Answer | None) -> Answer:
    reason = reason.strip()
    if not reason:
        raise UsageError("say why the question does not apply")
    return Answer(not_applicable=reason, **_carry(previous))


def annotate(answer: Answer, note: str, evidence: list[str], confidence: Confidence | None) -> Answer:
    """The same answer with a new note, evidence (links or paths) and confidence."""
    return answer.model_copy(
        update={
            "note": note.strip(),
            "evidence": [e.strip() for e in evidence if e.strip()],
            "confidence": confidence,
        }
    )


def plugin_versions(catalog: Catalog) -> dict[str, str]:
    """Every loaded plugin and its version, as an assessment records them."""
    if catalog.plugins is None:
        return {}
    return {name: info.version for name, info in catalog.plugins.info.items()}
