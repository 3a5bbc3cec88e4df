"""A one-line box for a typed answer that leaves the questionnaire's keys working.

Letters that cannot be part of a number (n, d, e, ?) are not typed into a number box but reach
the questionnaire, so "don't know" and "not applicable" work the same on every question; the
left and right arrows move between questions as they do everywhere else.
"""

from __future__ import annotations

import re

from textual import events
from textual.binding import Binding
from textual.widgets import Input

NUMBER_CHAR = re.compile(r"[0-9.,\-+_]")


class NumberInput(Input):
    BINDINGS = [
        Binding("left", "screen.previous", "Previous", key_display="←", group=Binding.Group("Move")),
        Binding("right", "screen.next", "Next", key_display="→", group=Binding.Group("Move")),
        Binding("up", "screen.previous", "Previous", show=False),
        Binding("down", "screen.next", "Next", show=False),
        Binding("enter", "submit", "Save the number"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(restrict=r"[0-9.,\-+_]*", compact=True, **kwargs)  # type: ignore[arg-type]

    def check_consume_key(self, key: str, character: str | None) -> bool:
        # only what can be part of a number is ours; the footer shows the rest as the screen's
        return character is not None and NUMBER_CHAR.fullmatch(character) is not None

    async def _on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and not NUMBER_CHAR.fullmatch(event.character):
            # not ours: let the screen's bindings have it
            event.prevent_default()


class TextAnswerInput(Input):
    """A typed free-text answer; escape hands the keys back to the questionnaire."""

    BINDINGS = [
        Binding("enter", "submit", "Save the answer"),
        Binding("escape", "screen.leave_text", "Leave the box"),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(compact=True, max_length=2000, **kwargs)  # type: ignore[arg-type]
