"""Why a question does not apply: a common reason by its digit, or one typed in."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ...assessment.interview import NOT_APPLICABLE_REASONS
from ..keys import QUIT
from ..text import join, literal, printable


class ReasonScreen(ModalScreen[str | None]):
    CSS_PATH = "dialog.tcss"
    SCREEN_NAME = "not applicable"
    HELP = (
        "A question that does not apply to the business is left out of its score, with the reason "
        "kept for whoever reads the assessment later."
    )
    KEYS = [("1-3", "choose a common reason"), ("tab", "type your own, then enter"), ("escape", "cancel")]
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel"),
        *(Binding(str(i), f"pick({i})", show=False) for i in range(1, len(NOT_APPLICABLE_REASONS) + 1)),
        QUIT,
    ]

    def __init__(self, question: str, current: str | None) -> None:
        super().__init__()
        self.question = question
        self.current = current or ""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Not applicable: why?", classes="dialog-title")
            yield Static(literal(self.question), classes="dialog-text")
            yield OptionList(
                *(Option(join((f"{i}", "bold $text-accent"), "  ", reason), id=str(i))
                  for i, reason in enumerate(NOT_APPLICABLE_REASONS, start=1)),
                id="reasons",
                markup=False,
            )
            yield Input(printable(self.current) if self.current not in NOT_APPLICABLE_REASONS else "",
                        placeholder="or type your own reason and press enter", id="own", max_length=300)
            yield Static("1-3 choose · tab then type your own · escape cancel", classes="dialog-help")
        yield Footer()

    def on_mount(self) -> None:
        if self.current and self.current not in NOT_APPLICABLE_REASONS:
            self.query_one("#own", Input).focus()
        else:
            self.query_one("#reasons", OptionList).focus()

    def action_pick(self, number: int) -> None:
        if self.focused is self.query_one("#own", Input):
            return
        self.dismiss(NOT_APPLICABLE_REASONS[number - 1])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(NOT_APPLICABLE_REASONS[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value.strip())
