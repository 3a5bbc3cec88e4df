"""One line above the question: who is answering, and whose answer is shown."""

from __future__ import annotations

from textual.widgets import Static

from ...assessment.models import Answer, Respondent
from ..text import join


class RespondentBar(Static):
    """Hidden while a draft is answered without names."""

    DEFAULT_CSS = """
    RespondentBar { display: none; height: auto; padding: 0 1; background: $boost; }
    RespondentBar.-shown { display: block; }
    """

    def show(self, respondent: Respondent | None, answer: Answer | None) -> None:
        given_by = answer.by if answer is not None else None
        self.set_class(respondent is not None or given_by is not None, "-shown")
        who = ("Answering as ", (respondent.name, "bold")) if respondent else ("Answering without a name",)
        if answer is None:
            whose: tuple[object, ...] = (" · not answered yet",)
        elif respondent is not None and given_by == respondent.name:
            whose = (" · your answer",)
        elif given_by:
            whose = (" · shown: ", (f"{given_by}'s answer", "$text-warning"), ", yours replaces it")
        else:
            whose = (" · shown: an answer given without a name",)
        self.update(join(*who, *whose))  # type: ignore[arg-type]
