"""Who is answering: a name (and a role) under which the answers of a draft are saved, so that
the owner, the office manager and the IT provider can each answer the same assessment."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...assessment.models import Respondent
from ..keys import QUIT
from ..text import join, literal


def respondent_label(respondent: Respondent) -> str:
    return respondent.name + (f" ({respondent.role})" if respondent.role else "") + (", deciding" if respondent.deciding else "")


class RespondentScreen(ModalScreen["Respondent | None"]):
    CSS_PATH = "dialog.tcss"
    SCREEN_NAME = "who is answering"
    HELP = (
        "Several people can answer the same assessment, each under their own name: every answer is "
        "kept as theirs, with the time, and the assessment takes the cautious one where they differ "
        "(the lowest credit, or the deciding respondent's). `maturity disagreements` and the "
        "export list who said what."
    )
    KEYS = [("1-9", "continue as someone already answering"), ("tab", "next field"),
            ("enter", "answer under the name typed"), ("escape", "answer without a name")]
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Without a name"),
        *(Binding(str(i), f"pick({i})", show=False) for i in range(1, 10)),
        QUIT,
    ]

    def __init__(self, respondents: list[Respondent], current: Respondent | None = None) -> None:
        super().__init__()
        self.respondents = respondents
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Who is answering?", classes="dialog-title")
            yield Static(literal("Your answers are saved under your name; answers others gave are shown as theirs "
                                 "until you give your own."), classes="dialog-text")
            if self.respondents:
                yield OptionList(
                    *(Option(join((f"{i}", "bold $text-accent"), "  ", respondent_label(r)), id=str(i))
                      for i, r in enumerate(self.respondents[:9], start=1)),
                    id="respondents", markup=False,
                )
            yield Label("Name")
            yield Input(self.current.name if self.current else "", placeholder="your name", id="name", max_length=100)
            yield Label("Role (optional)")
            yield Input(self.current.role if self.current else "", placeholder="e.g. owner, office manager, IT provider",
                        id="role", max_length=100)
            count = min(9, len(self.respondents))
            listed = ("1 continue as · " if count == 1 else f"1-{count} continue as · ") if self.respondents else ""
            yield Static(f"{listed}tab next field · enter save · escape answer without a name", classes="dialog-help")
        yield Footer()

    def on_mount(self) -> None:
        if self.respondents and self.current is None:
            self.query_one("#respondents", OptionList).focus()
        else:
            self.query_one("#name", Input).focus()

    def action_pick(self, number: int) -> None:
        if isinstance(self.focused, Input) or number > len(self.respondents):
            return
        self.dismiss(self.respondents[number - 1])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.respondents[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = self.query_one("#name", Input).value.strip()
        if not name:
            self.query_one("#name", Input).focus()
            self.notify("Type your name, or press escape to answer without one.", severity="warning", markup=False)
            return
        same = next((r for r in self.respondents if r.name.casefold() == name.casefold()), None)
        role = self.query_one("#role", Input).value.strip()
        self.dismiss(same or Respondent(name=name, role=role))
