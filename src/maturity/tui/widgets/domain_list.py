"""The questionnaire's side bar: each domain with how much of it is answered."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...assessment.interview import DomainProgress
from ..text import bar, join, lines, wrapped


class DomainList(OptionList):
    """Click or choose a domain to jump to it."""

    DEFAULT_CSS = """
    DomainList, DomainList:focus { width: 26; height: 1fr; border: none; padding: 0; }
    """

    class Jump(Message):
        def __init__(self, domain: str) -> None:
            super().__init__()
            self.domain = domain

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]
        self._shown: dict[str, tuple[int, int, bool]] = {}
        self._last: tuple[list[DomainProgress], str] | None = None
        self._width = 0

    def on_resize(self) -> None:
        if self._last is not None and self.size.width != self._width:
            self.show(*self._last, redraw=True)

    def show(self, progress: list[DomainProgress], current: str, *, redraw: bool = False) -> None:
        """Draw every domain's progress; redraws only what changed."""
        self._last = (progress, current)
        ids = [p.domain for p in progress]
        if redraw or self.size.width != self._width:
            self._width = self.size.width
            self._shown = {}
        if [o.id for o in self.options] != ids or not self._shown:
            self._shown = {}
            self.set_options(Option(self._prompt(p, p.domain == current), id=p.domain) for p in progress)
        else:
            for p in progress:
                key = (p.answered, p.total, p.domain == current)
                if self._shown.get(p.domain) != key:
                    self.replace_option_prompt(p.domain, self._prompt(p, p.domain == current))
        self._shown = {p.domain: (p.answered, p.total, p.domain == current) for p in progress}
        if current in ids and self.highlighted != ids.index(current):
            self.highlighted = ids.index(current)

    def _prompt(self, p: DomainProgress, current: bool) -> object:
        width = max(18, (self._width or 26) - 2)
        count = f"{p.answered}/{p.total}" if p.total else "n/a"
        # the whole name, on as many lines as it takes beside the count
        name, *more = wrapped(p.name, width - 3 - len(count))
        mark = "✔ " if p.done and p.total else ("▸ " if current else "  ")
        weight = "bold" if current else ""
        head = join((mark, "$text-success" if p.done and p.total else "$text-accent"), (name, weight),
                    count.rjust(width - 2 - len(name)))
        fill = bar(p.answered, p.total, width - 2) if p.total else "".ljust(width - 2)
        return lines([head, *(join("  ", (line, weight)) for line in more),
                      join("  ", (fill.replace(" ", "·"), "$text-success" if p.done else "$text-accent"))])

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Jump(event.option.id))
