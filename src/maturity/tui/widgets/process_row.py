"""One core process in the onboarding form: its name, the known pains it suffers from (ticked in
the pain catalogue), and any other pain points in the owner's own words."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...contract.profile import Process
from ..text import literal, printable


class ProcessRow(Vertical):
    """A blank name: no process (unless pains are given, which asks for the name)."""

    DEFAULT_CSS = """
    ProcessRow { height: auto; margin-bottom: 1; }
    ProcessRow Horizontal { height: auto; }
    ProcessRow .process-label { width: 28; text-style: bold; }
    ProcessRow .process-name, ProcessRow .process-other { width: 1fr; max-width: 48; }
    ProcessRow SelectionList { height: auto; max-height: 8; margin: 1 0 0 0; }
    ProcessRow .process-help { color: $text-muted; padding-left: 2; }
    """

    def __init__(self, number: int, pains: dict[str, tuple[str, str]], process: Process | None) -> None:
        super().__init__(id=f"process-{number}", classes="process")
        self.number = number
        self.pains = pains
        self.process = process

    def compose(self) -> ComposeResult:
        process = self.process or Process(name="-")
        known = [p for p in process.pain_points if p in self.pains]
        own = [p for p in process.pain_points if p not in self.pains]
        with Horizontal():
            yield Static(literal(f"Process {self.number}"), classes="process-label")
            yield Input(printable(self.process.name if self.process else ""), placeholder="e.g. Invoicing",
                        compact=True, classes="process-name", select_on_focus=False)
        yield SelectionList[str](
            *(Selection(literal(label), pain, pain in known) for pain, (label, _) in self.pains.items()),
            classes="process-pains",
        )
        with Horizontal():
            yield Static(literal("Other pain points"), classes="process-label")
            yield Input(printable("; ".join(own)), placeholder="in your own words; separate them with ;",
                        compact=True, classes="process-other", select_on_focus=False)
        yield Static(literal("Tick what goes wrong in it (space); what is not listed goes in your own words."),
                     classes="process-help")

    def value(self) -> Process | None:
        """The process as entered; None when the row is blank; ValueError naming the problem."""
        name = self.query_one(".process-name", Input).value.strip()
        ticked = list(self.query_one(".process-pains", SelectionList).selected)
        other = [p.strip() for p in self.query_one(".process-other", Input).value.split(";") if p.strip()]
        if not name:
            if ticked or other:
                raise ValueError(f"Process {self.number}: give the process a name, or untick its pains")
            return None
        # what the pains cost, when the answer file says, is kept as it is
        cost = ({k: v for k in ("hours_per_week", "money_per_month") if (v := getattr(self.process, k)) is not None}
                if self.process else {})
        return Process(name=name, pain_points=[*ticked, *other], **cost)

    def name_input(self) -> Input:
        return self.query_one(".process-name", Input)
