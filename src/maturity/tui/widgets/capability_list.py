"""A domain's capabilities by stage, each marked with its state: in place, next (everything it
needs is in place), blocked (something it needs is missing) or not applicable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...contract.questionnaire import STAGES
from ...contract.result import Result
from ...report.plain import STATE_MARK
from ..text import join, lines, literal, name_block, percent

if TYPE_CHECKING:  # pragma: no cover
    from ...catalog import Catalog

#: The core's marks, and one for a capability not in place yet with an investment accepted
MARKS = {**STATE_MARK, "in_progress": "◐"}
STATE_STYLE = {
    "achieved": "$text-success",
    "in_progress": "bold $text-accent",
    "next": "bold $text-warning",
    "blocked": "$text-muted",
    "not_applicable": "$text-muted",
}
STATE_WORD = {"achieved": "in place", "in_progress": "in progress", "next": "next", "blocked": "blocked", "not_applicable": "n/a"}


def legend() -> object:
    """Each mark with its word, on two lines that fit the narrowest list (a mark is never
    parted from its word)."""
    def line(states: tuple[str, ...]) -> object:
        return join(*[piece for i, state in enumerate(states)
                      for piece in (("  " if i else ""), (f"{MARKS[state]} {STATE_WORD[state]}", STATE_STYLE[state]))])

    return lines([line(("achieved", "in_progress")), line(("next", "blocked", "not_applicable"))])


class CapabilityList(OptionList):
    DEFAULT_CSS = """
    CapabilityList { height: 1fr; border: none; padding: 0; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]
        self._shown: tuple[Catalog, str, dict[str, str], Result] | None = None
        self._width = 0

    def on_resize(self, event: events.Resize) -> None:
        if self._shown is not None and self.size.width != self._width:
            option = self.highlighted_option
            self.show(*self._shown, select=option.id if option else None)

    def show(self, catalog: Catalog, domain: str, states: dict[str, str], result: Result, select: str | None = None) -> None:
        """A row per capability, its name whole (wrapped under itself where it is long)."""
        self._shown = (catalog, domain, states, result)
        self._width = self.size.width
        room = (self._width or 40) - 5  # the mark, and room for a scroll bar
        questionnaire = catalog.questionnaire(domain)
        order = {cid: i for i, cid in enumerate(catalog.graph.topological_order())}
        options: list[Option] = []
        for number, _stage in enumerate(STAGES, start=1):
            caps = sorted((c for c in questionnaire.capabilities if c.stage_number == number), key=lambda c: order[c.id])
            if not caps:
                continue
            options.append(Option(literal(questionnaire.stage_label(number), "bold $text-accent"), disabled=True))
            for cap in caps:
                state = states.get(cap.id, "blocked")
                credit = result.capabilities[cap.id].credit if cap.id in result.capabilities else 0.0
                share = "" if state in ("achieved", "not_applicable") or credit == 0 else f" {percent(credit)}"
                options.append(Option(name_block((f" {MARKS[state]} ", STATE_STYLE[state]), cap.name, room + 3,
                                                 style=STATE_STYLE[state], tail=((share, "$text-muted"),)), id=cap.id))
        self.set_options(options)
        ids = [o.id for o in options]
        if select is not None and select in ids:
            self.highlighted = ids.index(select)
        else:
            first = next((i for i, o in enumerate(options) if not o.disabled), None)
            self.highlighted = first
