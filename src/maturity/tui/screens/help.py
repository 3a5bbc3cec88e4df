"""The help screen: what the screen underneath is for and every key it takes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Static

from ..keys import QUIT
from ..text import join, literal

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


def key_rows(keys: list[tuple[str, str]], width: int) -> ComposeResult:
    """One row per key: the key in a column of its own, what it does wrapping beside it."""
    for key, what in keys:
        with Horizontal(classes="key-row"):
            yield Static(literal(key, "bold $text-accent"), classes="key").set_styles(f"width: {width + 2};")
            yield Static(literal(what), classes="what")


class HelpScreen(ModalScreen[None]):
    """Scrolls with the arrows and page keys when the list is longer than the terminal."""

    CSS_PATH = ["dialog.tcss", "help.tcss"]
    HELP = "Lists the keys of the screen you came from. Press escape to go back to it."
    BINDINGS = [
        Binding("escape", "dismiss", "Back"),
        Binding("f1", "dismiss", "Back", show=False),
        Binding("q", "dismiss", "Back", show=False),
        Binding("question_mark", "dismiss", "Back", show=False),
        QUIT,
    ]

    def __init__(self, underneath: Screen) -> None:
        super().__init__()
        self.about = str(getattr(underneath, "HELP", "") or "")
        self.title_text = str(getattr(underneath, "SCREEN_NAME", "") or "maturity")
        self.keys = screen_keys(underneath)

    def compose(self) -> ComposeResult:
        width = max([len(k) for k, _ in self.keys + GLOBAL_KEYS] + [6])
        with Vertical(classes="dialog", id="help"):
            yield Static(join((f"Help: {self.title_text}", "bold $text-accent"), ("  ↑ ↓ scroll · escape closes", "$text-muted")),
                         classes="dialog-title")
            with VerticalScroll(id="help-text"):
                if self.about:
                    yield Static(literal(self.about), classes="dialog-text")
                with Vertical(id="keys"):
                    yield from key_rows(self.keys, width)
                with Vertical(id="global-keys"):
                    yield from key_rows(GLOBAL_KEYS, width)
                yield Static(
                    "The mouse works too: click an option, a list row, a button or a key in the footer. "
                    "Escape, F1 or ? closes this help.",
                    classes="dialog-help",
                )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()



class QuestionHelpScreen(ModalScreen[None]):
    """The help of one question, over the question (whose text it repeats)."""

    CSS_PATH = ["dialog.tcss", "help.tcss"]
    SCREEN_NAME = "help of a question"
    HELP = "What the question means and what the capability is. Press ? or escape to go back to the question."
    BINDINGS = [
        Binding("escape", "dismiss", "Back to the question"),
        Binding("question_mark", "dismiss", "Close", key_display="?"),
        Binding("q", "dismiss", "Back", show=False),
        QUIT,
    ]

    def __init__(self, where: str, content: Content) -> None:
        super().__init__()
        self.where = where
        self.content = content

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Static(join(("Help", "bold $text-accent"), ("  " + self.where + "  ·  ↑ ↓ scroll · ? closes", "$text-muted")),
                         classes="dialog-title")
            with VerticalScroll(id="help-text"):
                yield Static(self.content, id="question-help")
                yield Static("? or escape closes this help; ↑ ↓ and page up / page down scroll it.", classes="dialog-help")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-text").focus()
