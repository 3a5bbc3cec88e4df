"""A question's options, numbered for the digit keys, the chosen ones marked.

Long labels wrap under their own text rather than under the number. The arrows left and right
and page up and down belong to the questionnaire (previous and next question or domain), not to
scrolling this short list.
"""

from __future__ import annotations

import textwrap

from textual import events
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...models import Question
from ..text import join, lines, literal

PREFIX = 7  # "[x] 1  " or "●  1  "


class AnswerOptions(OptionList):
    BINDINGS = [
        Binding("left", "screen.previous", "Previous", key_display="←", group=Binding.Group("Move")),
        Binding("right", "screen.next", "Next", key_display="→", group=Binding.Group("Move")),
        Binding("pageup", "screen.domain(-1)", "Previous domain", show=False),
        Binding("pagedown", "screen.domain(1)", "Next domain", show=False),
    ]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]
        self._question: Question | None = None
        self._chosen: set[str] = set()
        self._width = 0

    def show(self, question: Question, chosen: set[str]) -> None:
        self._question = question
        self._chosen = set(chosen)
        self._rebuild()
        ids = [o.id for o in question.options]
        self.highlighted = next((ids.index(i) for i in ids if i in chosen), 0)

    def _rebuild(self) -> None:
        question = self._question
        if question is None:
            return
        self._width = self.scrollable_content_region.width or self.size.width
        room = max(20, (self._width or 72) - PREFIX - 1)
        options = []
        for number, option in enumerate(question.options, start=1):
            picked = option.id in self._chosen
            if question.type == "multi":
                mark = "[x] " if picked else "[ ] "
            else:
                mark = " ●  " if picked else "    "
            digit = f"{number}" if number < 10 else " "
            wrapped = textwrap.wrap(option.label, room, break_on_hyphens=False) or [""]
            first = join((mark, "bold $success"), (digit, "bold $accent"), "  ", (wrapped[0], "bold" if picked else ""))
            rest = [literal(" " * PREFIX + more, "bold" if picked else "") for more in wrapped[1:]]
            options.append(Option(lines([first, *rest]), id=option.id))
        keep = self.highlighted
        self.set_options(options)
        if keep is not None and keep < len(options):
            self.highlighted = keep

    def on_resize(self, event: events.Resize) -> None:
        width = self.scrollable_content_region.width or self.size.width
        if width != self._width:
            self._rebuild()
