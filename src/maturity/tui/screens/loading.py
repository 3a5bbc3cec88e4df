"""The first screen, shown for the moment the questionnaires and the database take to load."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

from ..widgets.keys_footer import KeysFooter


class LoadingScreen(Screen[None]):
    CSS_PATH = "loading.tcss"
    HELP = "maturity is loading the questionnaires and opening the database."

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield Static("maturity", id="name")
            with Center():
                yield Static("Loading the questionnaires and the database…", id="what")
        yield KeysFooter()
