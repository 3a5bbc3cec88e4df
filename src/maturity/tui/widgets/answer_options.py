"""A question's options, numbered for the digit keys, the chosen ones marked.

Long labels wrap under their own text rather than under the number. The arrows left and right
and page up and down belong to the questionnaire (previous and next question or domain), not to
scrolling this short list.

On a question that already has an answer (a repeat assessment starts with the previous one's),
enter keeps that answer exactly, whatever it is (don't know and not applicable included), until
the user moves the highlight with the arrows: then enter chooses the highlighted option.
"""

from __future__ import annotations

import textwrap

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...contract.questionnaire import Question
from ..text import join, lines, literal

PREFIX = 7  # "[x] 1  " or "●  1  "


class AnswerOptions(OptionList):
    BINDINGS = [
        Binding("left", "screen.previous", "Previous", key_display="←", group=Binding.Group("Move")),
        Binding("right", "screen.next", "Next", key_display="→", group=Binding.Group("Move")),
        Binding("pageup", "screen.domain(-1)", "Previous domain", show=False),
        Binding("pagedown", "screen.domain(1)", "Next domain", show=False),
        Binding("enter", "enter", "Keep / choose", show=False),
    ]

    class Kept(Message):
        """Enter on a question that has an answer, the highlight untouched: keep the answer."""

    class Moved(Message):
        """The user moved the highlight: enter now chooses the highlighted option."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]
        self._question: Question | None = None
        self._chosen: set[str] = set()
        self._width = 0
        self.keeping = False

    def show(self, question: Question, chosen: set[str], *, answered: bool = False) -> None:
        """Show `question` with the `chosen` options marked; `answered` when it has an answer of
        any kind, which enter then keeps."""
        same = self._question is not None and self._question.id == question.id
        self._question = question
        self._chosen = set(chosen)
        self.keeping = answered
        self._rebuild()
        if not same or self.highlighted is None:
            # a new question: the highlight starts on its (first) answer
            ids = [o.id for o in question.options]
            self.highlighted = next((ids.index(i) for i in ids if i in chosen), 0)

    def action_enter(self) -> None:
        if self.keeping:
            self.post_message(self.Kept())
        else:
            self.action_select()

    def _moved(self) -> None:
        if self.keeping:
            self.keeping = False
            self.post_message(self.Moved())

    def action_cursor_up(self) -> None:
        super().action_cursor_up()
        self._moved()

    def action_cursor_down(self) -> None:
        super().action_cursor_down()
        self._moved()

    def action_first(self) -> None:
        super().action_first()
        self._moved()

    def action_last(self) -> None:
        super().action_last()
        self._moved()

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
            first = join((mark, "bold $text-success"), (digit, "bold $text-accent"), "  ", (wrapped[0], "bold" if picked else ""))
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
