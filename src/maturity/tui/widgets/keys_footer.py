"""Textual's footer, built once per change of keys instead of once per request.

It looks and works exactly as Textual's `Footer`; two things make it cheaper to draw, which
matters most while the first screen comes up:

* Textual rebuilds the footer each time a screen's keys may have changed (the focus moved, an
  option was highlighted), once per request even when several come before the next refresh:
  here the requests that come before a rebuild share it, which reads the keys as they are then.
* each key starts "compact" and is switched to the footer's style once mounted, which restyles
  it twice (a class added, then removed): here a key bound to the footer's style is given it
  before it is mounted, so nothing changes when the binding first applies.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    _rebuild_due = False

    def compose(self) -> ComposeResult:
        self._rebuild_due = False  # what changed up to now is read here
        for widget in super().compose():
            # the command palette's key keeps its own style: Textual binds only the others
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        if self._rebuild_due and screen is self.screen:
            self._bindings_ready = True
            return  # the rebuild already asked for will read these keys too
        super().bindings_changed(screen)
        self._rebuild_due = self.is_attached and screen is self.screen and screen.app.app_focus
