"""One question: where it sits, its text, its options or a box to type in, and the answer given
(its help, on request, is a dialog of its own: `question_help` builds what it says)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static

from ...history import describe_answer
from ...assessment.interview import Step, chosen_options
from ...assessment.models import Answer
from ...contract.questionnaire import Questionnaire
from ...assessment.scoring import is_unanswered
from ..text import join, lines, literal, printable
from .answer_options import AnswerOptions
from .number_input import NumberInput, TextAnswerInput

KIND_HINT = {
    "single": "Press a digit (or click) to choose one; enter chooses the highlighted one.",
    "yes_no": "Press 1 for yes, 2 for no (or click); enter chooses the highlighted one.",
    "multi": "Several can apply: press each digit (or enter, or click) to tick or untick it; 0 for none of these; → when done.",
    "number": "Type a number and press enter.",
    "text": "Type your answer and press enter; escape leaves the box.",
}
#: What the keys do on a question that already has an answer (a repeat starts with them all).
KEEP_HINT = {
    "single": "enter or → keeps this answer and moves on; a digit changes it.",
    "yes_no": "enter or → keeps this answer and moves on; 1 or 2 changes it.",
    "multi": "enter or → keeps these ticks and moves on; a digit ticks or unticks an option.",
    "number": "enter or → keeps this answer and moves on; type a new number to change it.",
    "text": "enter keeps this answer and moves on; type to change it.",
}
MOVED_HINT = {
    "single": "enter chooses the highlighted option; → keeps the answer and moves on.",
    "yes_no": "enter chooses the highlighted option; → keeps the answer and moves on.",
    "multi": "enter ticks or unticks the highlighted option; → keeps the ticks and moves on.",
}


def shown_number(value: object) -> str:
    """A stored number as typed: whole numbers without a decimal point, others in full."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return str(value)


class QuestionView(Vertical):
    """Attributes down (`show`), messages up (`Chosen`, `Typed`).

    A plain container that scrolls (not a VerticalScroll), so that the arrow and page keys stay
    the questionnaire's.
    """

    class Chosen(Message):
        """Option `number` (1-based) was chosen with the mouse or enter."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    class Typed(Message):
        """A number or text answer was submitted; `unchanged` when it is still the one shown."""

        def __init__(self, value: str, unchanged: bool) -> None:
            super().__init__()
            self.value = value
            self.unchanged = unchanged

    class Kept(Message):
        """Enter on an answered question, nothing changed: keep the answer and move on."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._shown = ""
        self._kind = ""

    def compose(self) -> ComposeResult:
        yield Static("", id="where")
        yield Static("", id="capability")
        yield Static("", id="question")
        yield AnswerOptions(id="options")
        with Horizontal(id="typed"):
            yield NumberInput(id="number", placeholder="a number")
            yield TextAnswerInput(id="text", placeholder="your answer")
            yield Static("", id="unit")
        yield Static("", id="answer")
        yield Static("", id="hint")

    def show(self, step: Step, questionnaire: Questionnaire, answer: Answer | None, *, saved: bool = True,
             position: tuple[int, int] = (1, 1)) -> None:
        """Show `step`, the `position[0]`-th of the `position[1]` questions its domain asks given
        the answers so far (`Interview.position`)."""
        q = step.question
        cap = step.capability
        stage = questionnaire.stage_label(cap.stage_number)
        number, of = position
        self.query_one("#where", Static).update(
            join((questionnaire.questionnaire.name, "bold $text-accent"), f" · {number} of {of} · {stage}")
        )
        self.query_one("#capability", Static).update(literal(cap.name, "$text-muted"))
        self.query_one("#question", Static).update(literal(q.text, "bold"))
        options = self.query_one("#options", AnswerOptions)
        number = self.query_one("#number", NumberInput)
        text = self.query_one("#text", TextAnswerInput)
        unit = self.query_one("#unit", Static)
        choice = q.type in ("single", "yes_no", "multi")
        options.display = choice
        self.query_one("#typed").display = not choice
        number.display = q.type == "number"
        text.display = q.type == "text"
        chosen = chosen_options(q, answer)
        answered = not is_unanswered(answer)
        self._kind = q.type
        if choice:
            options.show(q, chosen, answered=answered)
        else:
            value = "" if not answered or answer is None or answer.state != "answered" else answer.answer
            self._shown = printable(shown_number(value))
            if q.type == "number":
                number.value = self._shown
                unit.update(literal(q.unit))
            else:
                text.value = self._shown
                unit.update("")
            for box in (number, text):
                box.cursor_position = len(box.value)
        self._hint(KEEP_HINT[q.type] if answered else KIND_HINT[q.type])
        self.query_one("#answer", Static).update(self._answer_line(q, answer, saved))
        self.scroll_home(animate=False)

    def focus_input(self) -> None:
        """Put the keyboard where the answer is given."""
        for selector in ("#options", "#number", "#text"):
            widget = self.query_one(selector)
            if widget.display:
                widget.focus()
                return

    @staticmethod
    def _answer_line(question: object, answer: Answer | None, saved: bool = True) -> Content:
        if not saved:
            said = "cleared" if is_unanswered(answer) else describe_answer(answer, question)  # type: ignore[arg-type]
            return join(("Your answer: ", "$text-muted"), (said, "bold"),
                        ("  NOT SAVED: the database refused it", "bold $text-error"))
        if is_unanswered(answer):
            parts = [join(("Your answer: ", "$text-muted"), ("not answered yet", "italic"),
                          ("  (d don't know · n not applicable)", "$text-muted"))]
        else:
            assert answer is not None
            style = {"dont_know": "$text-warning", "not_applicable": "$text-muted"}.get(answer.state, "$text-success")
            parts = [join(("Your answer: ", "$text-muted"), (describe_answer(answer, question), f"bold {style}"),  # type: ignore[arg-type]
                          ("  (saved; e adds a note)", "$text-muted"))]
            if answer.note:
                parts.append(join(("Note: ", "$text-muted"), answer.note))
            if answer.evidence:
                parts.append(join(("Evidence: ", "$text-muted"), ", ".join(answer.evidence)))
            if answer.confidence:
                parts.append(join(("Confidence: ", "$text-muted"), answer.confidence))
        return lines(parts)

    def _hint(self, text: str) -> None:
        self.query_one("#hint", Static).update(literal(text, "$text-muted"))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option_index + 1))

    def on_answer_options_kept(self, event: AnswerOptions.Kept) -> None:
        event.stop()
        self.post_message(self.Kept())

    def on_answer_options_moved(self, event: AnswerOptions.Moved) -> None:
        event.stop()
        self._hint(MOVED_HINT.get(self._kind, KIND_HINT.get(self._kind, "")))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Typed(event.value, unchanged=event.value.strip() == self._shown.strip()))


def question_help(step: Step) -> Content:
    """What the help of a question says: the question's and its options' help, what the
    capability is, and how to improve it."""
    q = step.question
    cap = step.capability
    out: list[Content] = [literal(q.text, "bold")]
    if q.help:
        out.append(literal(q.help))
    for i, option in enumerate(q.options, start=1):
        if option.help:
            out.append(join((f"{i} {option.label}: ", "bold"), option.help))
    if cap.description:
        out.append(join(("About ", "bold"), (cap.name, "bold"), ": ", cap.description))
    if cap.advice:
        out.append(join(("To improve: ", "bold"), cap.advice))
    if cap.references:
        out.append(join(("References: ", "bold"), ", ".join(cap.references)))
    if len(out) == 1:
        out.append(literal("This question has no further help."))
    out.append(literal("Not sure? Press d for don't know: it counts as not in place, and is reported. F1 lists every key.", "$text-muted"))
    return lines(out)
