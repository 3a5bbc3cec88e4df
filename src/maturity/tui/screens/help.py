"""The help screen: what the screen underneath is for and every key it takes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from ..text import join, lines, literal

#: Keys that work on every screen.
GLOBAL_KEYS: list[tuple[str, str]] = [
    ("F1", "this help"),
    ("ctrl+p", "command palette: every action by name"),
    ("ctrl+t", "light or dark theme"),
    ("ctrl+q", "quit (every answer is already saved)"),
]


def screen_keys(screen: Screen) -> list[tuple[str, str]]:
    """The keys a screen documents (its KEYS), else its bindings that have a description."""
    documented = getattr(screen, "KEYS", None)
    if documented:
        return list(documented)
    out = []
    seen = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or binding.action in seen or key in ("f1", "ctrl+p", "ctrl+q", "ctrl+t"):
            continue
        seen.add(binding.action)
        out.append((screen.app.get_key_display(binding), binding.description))
    return out


class HelpScreen(ModalScreen[None]):
    CSS_PATH = ["dialog.tcss", "help.tcss"]
    HELP = "Lists the keys of the screen you came from. Press escape to go back to it."
    BINDINGS = [
        Binding("escape", "dismiss", "Back"),
        Binding("f1", "dismiss", "Back", show=False),
        Binding("q", "dismiss", "Back", show=False),
        Binding("question_mark", "dismiss", "Back", show=False),
    ]

    def __init__(self, underneath: Screen) -> None:
        super().__init__()
        self.about = str(getattr(underneath, "HELP", "") or "")
        self.title_text = str(getattr(underneath, "SCREEN_NAME", "") or "maturity")
        self.keys = screen_keys(underneath)

    def compose(self) -> ComposeResult:
        width = max([len(k) for k, _ in self.keys + GLOBAL_KEYS] + [6])
        rows = [join((key.ljust(width), "bold $accent"), "  ", what) for key, what in self.keys]
        rows += [literal("")] + [join((key.ljust(width), "bold $accent"), "  ", what) for key, what in GLOBAL_KEYS]
        with Vertical(classes="dialog", id="help"):
            yield Static(literal(f"Help: {self.title_text}"), classes="dialog-title")
            with VerticalScroll():
                if self.about:
                    yield Static(literal(self.about), classes="dialog-text")
                yield Static(lines(rows), id="keys")
                yield Static(
                    "The mouse works too: click an option, a list row, a button or a key in the footer.",
                    classes="dialog-help",
                )
        yield Footer()
