"""A problem nothing can go on without (a broken questionnaire, an unreadable database): what
went wrong in words, and how to leave."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ..text import literal


class ProblemScreen(Screen[None]):
    CSS_PATH = "problem.tcss"
    HELP = "Something maturity needs could not be loaded. The message says what and where; fix it and start maturity again."
    BINDINGS = [Binding("q", "app.quit", "Quit", show=False), Binding("escape", "app.quit", "Quit", show=False)]

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.problem_title = title
        self.message = message

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="box"):
            yield Static(literal(self.problem_title), id="title")
            with VerticalScroll():
                yield Static(literal(self.message), id="message")
            yield Static("Nothing has been changed. Fix the problem and start maturity again; press q to quit.", id="hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "cannot start"
