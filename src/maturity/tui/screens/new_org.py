"""A dialog that names a new organisation and creates it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from ..keys import QUIT
from ..problems import describe_error
from ..text import literal

if TYPE_CHECKING:  # pragma: no cover
    from ..workspace import Workspace


class NewOrgScreen(ModalScreen[str | None]):
    CSS_PATH = "dialog.tcss"
    SCREEN_NAME = "new organisation"
    HELP = "Name the business you are assessing. You can keep several organisations in one database."
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel"), QUIT]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("New organisation", classes="dialog-title")
            yield Static("The name of the business you are assessing, as you want to see it in lists and reports.", classes="dialog-help")
            yield Input(placeholder="e.g. Harbour Bakery Ltd", id="name", max_length=120)
            yield Static("", id="error", classes="dialog-help")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create (enter)", id="create", variant="primary")
                yield Button("Cancel (esc)", id="cancel")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._create(event.value)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self._create(self.query_one("#name", Input).value)
        else:
            self.dismiss(None)

    def _create(self, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            self._error("Type a name first.")
            return
        self._save(name)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _save(self, name: str) -> None:
        try:
            org = self.workspace.store.create_org(name)
        except Exception as exc:
            self.app.call_from_thread(self._error, describe_error(exc)[1])
            return
        self.app.call_from_thread(self.dismiss, org.name)

    def _error(self, message: str) -> None:
        error = self.query_one("#error", Static)
        error.update(literal(message, "$text-error"))
