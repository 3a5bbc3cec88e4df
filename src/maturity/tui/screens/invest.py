"""Accept a recommendation as an investment: planned cost, dates, and the KPI to judge it by."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.validation import Number
from textual.widgets import Button, Footer, Input, Static

from ...assessment.overview import planned_end
from ...common.formatting import money
from ...planning import Recommendation
from ..keys import QUIT
from ..text import join, literal, printable


@dataclass
class InvestmentPlan:
    capability_id: str
    planned_cost: float
    start: dt.date
    end: dt.date | None
    kpi: str
    baseline: float | None
    target: float | None


class InvestScreen(ModalScreen["InvestmentPlan | None"]):
    CSS_PATH = ["dialog.tcss", "invest.tcss"]
    SCREEN_NAME = "accept as an investment"
    HELP = (
        "An accepted recommendation becomes an investment: it leaves the list, its cost comes off "
        "the budget, and later assessments show whether its KPI moved and what it returned."
    )
    KEYS = [("tab", "next field"), ("ctrl+s / enter", "save"), ("escape", "cancel")]
    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True), Binding("escape", "dismiss(None)", "Cancel"), QUIT]

    def __init__(self, rec: Recommendation, currency: str, today: dt.date) -> None:
        super().__init__()
        self.rec = rec
        self.currency = currency
        self.today = today

    def compose(self) -> ComposeResult:
        rec = self.rec
        with Vertical(classes="dialog"):
            yield Static(join("Invest in ", (rec.name, "bold")), classes="dialog-title")
            yield Static(literal(f"Estimated at {money(rec.cost, self.currency)}; change the figures to your own."), classes="dialog-help")
            yield from self._row("Planned cost", Input(f"{rec.cost:g}", id="cost", type="number", compact=True, validators=[Number(minimum=0)]))
            yield from self._row("Start (YYYY-MM-DD)", Input(self.today.isoformat(), id="start", compact=True))
            yield from self._row("Done by", Input(planned_end(self.today, rec.effort).isoformat(), id="end", compact=True))
            yield from self._row("KPI to watch", Input(printable(rec.kpi), id="kpi", compact=True, max_length=200))
            yield from self._row("KPI today", Input("", id="baseline", type="number", compact=True, placeholder="optional"))
            yield from self._row("KPI target", Input("", id="target", type="number", compact=True, placeholder="optional"))
            yield Static("", id="error", classes="dialog-help")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Accept (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")
        yield Footer()

    @staticmethod
    def _row(label: str, field: Input) -> ComposeResult:
        with Horizontal(classes="invest-row"):
            yield Static(literal(label), classes="invest-label")
            yield field

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "target":
            self.action_save()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def read(self) -> InvestmentPlan:
        def number(field_id: str, label: str, required: bool = False) -> float | None:
            text = self._value(field_id).replace(",", "")
            if not text:
                if required:
                    raise ValueError(f"{label}: give an amount")
                return None
            try:
                return float(text)
            except ValueError:
                raise ValueError(f"{label}: {text!r} is not a number") from None

        def day(field_id: str, label: str, required: bool = False) -> dt.date | None:
            text = self._value(field_id)
            if not text:
                if required:
                    raise ValueError(f"{label}: give a date like {self.today.isoformat()}")
                return None
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                raise ValueError(f"{label}: {text!r} is not a date like {self.today.isoformat()}") from None

        cost = number("cost", "Planned cost", required=True)
        assert cost is not None
        if cost < 0:
            raise ValueError("Planned cost: it cannot be negative")
        start = day("start", "Start", required=True)
        assert start is not None
        end = day("end", "Done by")
        if end is not None and end < start:
            raise ValueError("Done by: the end is before the start")
        return InvestmentPlan(self.rec.id, cost, start, end, self._value("kpi"), number("baseline", "KPI today"), number("target", "KPI target"))

    def action_save(self) -> None:
        try:
            plan = self.read()
        except ValueError as exc:
            self.query_one("#error", Static).update(literal(str(exc), "$text-error"))
            return
        self.dismiss(plan)
