"""The ranked recommendations: rank and name (shown whole, wrapped under itself), then domain,
cost and effort."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...common.formatting import money
from ...planning import Recommendation
from ..text import fit, lines, literal, name_block


@dataclass
class Entry:
    key: str
    rec: Recommendation
    kind: str  # "ranked", "over", "bet"
    label: str  # "1. ", "$ ", "★ "
    domain: str


class RecommendationList(OptionList):
    DEFAULT_CSS = """
    RecommendationList, RecommendationList:focus { height: 1fr; border: none; padding: 0; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]
        self.rows: list[Entry | str] = []
        self.currency = "USD"
        self._width = 0

    def show(self, rows: list[Entry | str], currency: str, select: str | None = None) -> None:
        """`rows`: entries, and headings (plain strings) between groups."""
        self.rows = rows
        self.currency = currency
        self._rebuild(select)

    def entry(self, key: str | None) -> Entry | None:
        return next((r for r in self.rows if isinstance(r, Entry) and r.key == key), None)

    def _rebuild(self, select: str | None = None) -> None:
        self._width = self.size.width
        room = (self._width or 40) - 3  # and room for a scroll bar
        options = []
        for row in self.rows:
            if isinstance(row, str):
                options.append(Option(literal(fit(row, room), "$text-muted"), disabled=True))
                continue
            rec = row.rec
            head = name_block((row.label, "bold $text-accent"), rec.name, room, style="bold")
            sub = name_block(" " * len(row.label), f"{row.domain} · {money(rec.cost, self.currency)} · {rec.effort}", room,
                             style="$text-muted")
            options.append(Option(lines([head, sub]), id=row.key))
        self.set_options(options)
        keys = [o.id for o in options]
        if select is not None and select in keys:
            self.highlighted = keys.index(select)
        else:
            self.highlighted = next((i for i, o in enumerate(options) if not o.disabled), None)

    async def _on_click(self, event: events.Click) -> None:
        """A click selects the recommendation (its details show beside it); enter, `i` or a
        double click acts on it."""
        event.prevent_default()  # not OptionList's click, which would act at once
        clicked = event.style.meta.get("option")
        if clicked is None or self._options[clicked].disabled:
            return
        self.focus()
        self.highlighted = clicked
        if event.chain >= 2:
            self.action_select()

    def on_resize(self, event: events.Resize) -> None:
        if self.rows and self.size.width != self._width:
            option = self.highlighted_option
            self._rebuild(option.id if option else None)
