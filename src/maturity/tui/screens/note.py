"""A note, evidence (links or file paths) and a confidence for the answer given."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Label, RadioButton, RadioSet, Static, TextArea

from ...assessment.models import Answer
from ..keys import QUIT
from ..text import literal, printable

CONFIDENCES = (("not said", None), ("high", "high"), ("medium", "medium"), ("low", "low"))
NoteResult = tuple[str, list[str], "str | None"]


class NoteScreen(ModalScreen["NoteResult | None"]):
    CSS_PATH = ["dialog.tcss", "note.tcss"]
    SCREEN_NAME = "note and evidence"
    HELP = (
        "Keep what backs an answer: a note for whoever repeats the assessment, evidence (a link "
        "or a file path per line), and how sure you are. Low-confidence answers are flagged in the results."
    )
    KEYS = [("tab", "next field"), ("ctrl+s", "save"), ("escape", "cancel")]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "dismiss(None)", "Cancel"),
        QUIT,
    ]

    def __init__(self, question: str, answer: Answer) -> None:
        super().__init__()
        self.question = question
        self.answer = answer

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Note and evidence", classes="dialog-title")
            yield Static(literal(self.question), classes="dialog-help")
            yield Label("Note")
            yield TextArea(printable(self.answer.note), id="note", soft_wrap=True, tab_behavior="focus", compact=True)
            yield Label("Evidence: one link or file path per line")
            yield TextArea(printable("\n".join(self.answer.evidence)), id="evidence", soft_wrap=False, tab_behavior="focus", compact=True)
            yield Label("How sure are you of this answer?")
            with RadioSet(id="confidence"):
                for label, value in CONFIDENCES:
                    yield RadioButton(label, value=self.answer.confidence == value)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#note", TextArea).focus()

    def action_save(self) -> None:
        note = self.query_one("#note", TextArea).text
        evidence = self.query_one("#evidence", TextArea).text.splitlines()
        index = self.query_one("#confidence", RadioSet).pressed_index
        confidence = CONFIDENCES[index][1] if index >= 0 else None
        self.dismiss((note, evidence, confidence))
