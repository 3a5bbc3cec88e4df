"""A yes-or-no question in a dialog: dismissed with True, False, or None when escaped."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from ..keys import QUIT
from ..text import literal


class ConfirmScreen(ModalScreen[bool | None]):
    CSS_PATH = "dialog.tcss"
    HELP = "Answer the question: y for the first choice, n for the second, escape to go back."
    BINDINGS = [
        Binding("y", "choose(True)", "Yes", show=False),
        Binding("n", "choose(False)", "No", show=False),
        Binding("escape", "dismiss(None)", "Back"),
        QUIT,
    ]

    def __init__(self, title: str, message: str, *, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.dialog_title = title
        self.message = message
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(literal(self.dialog_title), classes="dialog-title")
            yield Static(literal(self.message), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(literal(f"{self.yes} (y)"), id="yes", variant="primary")
                yield Button(literal(f"{self.no} (n)"), id="no")
        yield Footer()

    def action_choose(self, value: bool) -> None:
        self.dismiss(value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")
