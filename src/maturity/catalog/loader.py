"""Reading questionnaire files into validated models, with errors that name file, line and id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from ..common.errors import FileFormatError
from ..contract.questionnaire import Questionnaire
from ..common.tomlfile import TomlDocument, read_toml, validation_error


@dataclass
class LoadedQuestionnaire:
    """A questionnaire with where it came from."""

    model: Questionnaire
    plugin: str
    source: str
    doc: TomlDocument | None = None

    @property
    def id(self) -> str:
        return self.model.id

    def capability_line(self, index: int, key: str | None = None) -> int | None:
        if self.doc is None:
            return None
        path: tuple[str | int, ...] = ("capabilities", index) + ((key,) if key else ())
        return self.doc.line(path)


def load_questionnaire(path: str | Path, plugin: str = "") -> LoadedQuestionnaire:
    """Read, parse and validate one questionnaire TOML file."""
    doc = read_toml(path)
    if "questionnaire" not in doc.data and ("answers" in doc.data or "profile" in doc.data):
        raise FileFormatError(
            "this file is an answer file, not a questionnaire; give it with --answers, "
            "and keep it out of questionnaire folders",
            path=path, line=doc.line(("profile",) if "profile" in doc.data else ("answers",)),
        )
    try:
        model = Questionnaire.model_validate(doc.data)
    except ValidationError as exc:
        raise validation_error(exc, doc) from None
    loaded = LoadedQuestionnaire(model, plugin, str(path), doc)
    check_questionnaire(loaded)
    return loaded


def check_questionnaire(loaded: LoadedQuestionnaire) -> None:
    """Checks within one file: unique ids, and capability ids under the questionnaire's prefix."""
    q = loaded.model
    prefix = q.questionnaire.prefix + "."
    # duplicates first: a copied capability block also repeats its question ids, and the
    # capability is the thing to rename
    first_cap: dict[str, int] = {}
    for index, cap in enumerate(q.capabilities):
        if cap.id in first_cap:
            first_line = loaded.capability_line(first_cap[cap.id], "id")
            also = f" (first defined at line {first_line})" if first_line else ""
            raise FileFormatError(
                f"duplicate capability id {cap.id!r}{also}",
                path=loaded.source, line=loaded.capability_line(index, "id"), key=cap.id,
            )
        first_cap[cap.id] = index
    first_question: dict[str, int | None] = {}
    for index, cap in enumerate(q.capabilities):
        if not cap.id.startswith(prefix):
            raise FileFormatError(
                f"capability id {cap.id!r} must start with the questionnaire prefix {prefix!r}",
                path=loaded.source, line=loaded.capability_line(index, "id"), key=cap.id,
            )
        for qindex, question in enumerate(cap.questions):
            line = loaded.doc.line(("capabilities", index, "questions", qindex, "id")) if loaded.doc else None
            if question.id in first_cap:
                raise FileFormatError(
                    f"question id {question.id!r} is also a capability id; questions are usually "
                    f"named {cap.id}.<something>",
                    path=loaded.source, line=line, key=question.id,
                )
            if question.id in first_question:
                first_line = first_question[question.id]
                also = f" (first defined at line {first_line})" if first_line else ""
                raise FileFormatError(
                    f"duplicate question id {question.id!r}{also}", path=loaded.source, line=line, key=question.id
                )
            first_question[question.id] = line
    check_when(loaded)


def check_when(loaded: LoadedQuestionnaire) -> None:
    """Each `when` names an earlier question of this file that is answered with options, and
    only options that question has."""
    questions = {question.id: question for question in loaded.model.questions()}
    seen: set[str] = set()
    for index, cap in enumerate(loaded.model.capabilities):
        for qindex, question in enumerate(cap.questions):
            rule = question.when
            seen.add(question.id)
            if rule is None:
                continue
            line = loaded.doc.line(("capabilities", index, "questions", qindex, "when")) if loaded.doc else None

            def fail(message: str) -> None:
                raise FileFormatError(f"question {question.id!r}: {message}", path=loaded.source, line=line, key=question.id)

            earlier = questions.get(rule.question)
            if earlier is None:
                fail(f"`when` names question {rule.question!r}, which this questionnaire does not have")
            assert earlier is not None
            if rule.question not in seen or earlier.id == question.id:
                fail(f"`when` names question {rule.question!r}, which must come before it in the file")
            if earlier.when is not None:
                fail(f"`when` names question {rule.question!r}, which has a `when` of its own; name the question it depends on")
            if earlier.type not in ("single", "multi", "yes_no"):
                fail(f"`when` names question {rule.question!r}, a {earlier.type} question; only questions with options can decide")
            known = [o.id for o in earlier.options]
            for option in rule.in_ + rule.not_in:
                if option not in known:
                    fail(f"`when` names option {option!r}, which question {rule.question!r} does not have "
                         f"(its options: {', '.join(known)})")
