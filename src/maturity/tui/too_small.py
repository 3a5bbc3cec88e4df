"""The notice every screen shows instead of itself while the terminal is below 80×24."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from .text import literal

MIN_WIDTH, MIN_HEIGHT = 80, 24
#: The keys the app takes while it is too small: the screen under the notice takes none (it
#: cannot be seen), so only quitting and the help remain.
WHILE_TOO_SMALL = frozenset({"ctrl+q", "ctrl+c", "f1"})


class TooSmall(Static):
    """Shown instead of the screen when the terminal is smaller than the app needs."""

    #: the widget that had the focus when the notice hid the screen: it gets it back
    focus_before: Widget | None = None

    def on_hide(self) -> None:
        widget, self.focus_before = self.focus_before, None
        if widget is not None and widget.is_attached and widget.screen is self.screen:
            widget.focus()

    def render(self) -> Content:
        width, height = self.app.size
        return literal(
            f"The terminal is {width}×{height}: maturity needs at least {MIN_WIDTH}×{MIN_HEIGHT} to show "
            "every word. Make the window larger (or the font smaller): until then keys wait, and "
            "the screen comes back as it was. ctrl+q quits; everything is saved."
        )
