"""Everything about the selected capability, and its links: what it requires and what it
unlocks, each one a step away."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...contract.questionnaire import DEFAULT_SIZE
from ...contract.result import Result
from ...common.formatting import money
from ...planning.explain import EFFORT_WORDS
from ..text import join, lines, literal, name_block, percent
from .capability_list import MARKS, STATE_STYLE, STATE_WORD

if TYPE_CHECKING:  # pragma: no cover
    from ...catalog import Catalog


class CapabilityDetails(VerticalScroll):
    DEFAULT_CSS = """
    CapabilityDetails { padding: 0 1 0 2; }
    CapabilityDetails #links, CapabilityDetails #links:focus { height: auto; max-height: 10; border: none; padding: 0; margin: 1 0; background: transparent; }
    """

    # the links take the keyboard; the text around them scrolls with the mouse or page keys
    can_focus = False

    class Follow(Message):
        """Go to capability `cid` (a prerequisite or something it unlocks)."""

        def __init__(self, cid: str) -> None:
            super().__init__()
            self.cid = cid

    def compose(self) -> ComposeResult:
        yield Static("", id="cap-head")
        yield OptionList(id="links", markup=False)
        yield Static("", id="cap-body")

    def show(self, catalog: Catalog, cid: str, states: dict[str, str], result: Result, currency: str,
             people: int | None = None) -> None:
        """The capability's details, its money and hours for a business of `people` (the
        profile's size; the default size when it gives none), as its recommendation says."""
        cap = catalog.capabilities[cid]
        graph = catalog.graph
        domain = catalog.domain_of[cid]
        questionnaire = catalog.questionnaire(domain)
        state = states.get(cid, "blocked")
        c = result.capabilities.get(cid)
        head: list[Content] = [
            literal(cap.name, "bold"),
            literal(f"{questionnaire.questionnaire.name} · {questionnaire.stage_label(cap.stage_number)}", "$text-muted"),
            literal(""),
        ]
        requires = graph.requires(cid)
        missing = [r for r in requires if states.get(r) not in ("achieved", "not_applicable")]
        if state == "achieved":
            head.append(join((f"{MARKS[state]} In place", STATE_STYLE[state]), f" (credit {percent(c.credit)})" if c else ""))
        elif state == "not_applicable":
            reason = c.not_applicable_reason if c else ""
            head.append(join((f"{MARKS[state]} Not applicable", "bold"), f": {reason}" if reason else ""))
        elif state == "in_progress":
            names = ", ".join(catalog.capabilities[r].name for r in missing)
            head.append(join((f"{MARKS[state]} In progress", STATE_STYLE[state]), ": an investment in it is accepted",
                             f"; it also needs {names}" if names else ""))
        elif state == "next":
            head.append(join((f"{MARKS[state]} Next", STATE_STYLE[state]), ": everything it needs is in place",
                             f"; {percent(c.credit)} done" if c and c.credit else ""))
        else:
            names = ", ".join(catalog.capabilities[r].name for r in missing)
            head.append(join((f"{MARKS[state]} Blocked", "bold"), f": needs {names} first" if names else ""))
        self.query_one("#cap-head", Static).update(lines(head))

        links = self.query_one("#links", OptionList)
        options: list[Option] = []
        unlocks = graph.required_by(cid)
        if requires:
            options.append(Option(literal("Requires", "bold $text-accent"), disabled=True))
            options += [self._link(catalog, r, states, domain) for r in requires]
        if unlocks:
            options.append(Option(literal("Unlocks", "bold $text-accent"), disabled=True))
            options += [self._link(catalog, u, states, domain) for u in unlocks]
        if not options:
            options.append(Option(literal("No prerequisite, and nothing depends on it.", "$text-muted"), disabled=True))
        links.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        links.highlighted = first

        body: list[Content] = []
        staff = people or DEFAULT_SIZE
        yearly = cap.yearly_cost(staff)
        body.append(join(("Cost    ", "bold"), f"about {money(cap.one_off_cost(staff), currency)} one-off"
                         + (f" and {money(yearly, currency)} a year" if yearly else "") + f" for {staff} people"))
        body.append(join(("Effort  ", "bold"), f"{EFFORT_WORDS.get(cap.effort, cap.effort)}, about {cap.project_hours(staff):.0f} staff hours"))
        if cap.training_hours:
            body.append(join(("Training", "bold"), f" {cap.training_hours:g} h per person"))
        if cap.kpis:
            body.append(join(("KPIs    ", "bold"), "; ".join(cap.kpis)))
        if cap.references:
            body.append(join(("Refs    ", "bold"), ", ".join(cap.references)))
        if cap.description:
            body += [literal(""), literal(cap.description)]
        if cap.advice:
            body += [literal(""), literal("To put it in place", "bold $text-accent"), literal(cap.advice)]
        self.query_one("#cap-body", Static).update(lines(body))
        self.scroll_home(animate=False)

    def _link(self, catalog: Catalog, cid: str, states: dict[str, str], here: str) -> Option:
        state = states.get(cid, "blocked")
        other = catalog.domain_of[cid]
        where = "" if other == here else f"  ({catalog.questionnaire(other).questionnaire.name})"
        word = f"  {STATE_WORD[state]}"
        room = (self.scrollable_content_region.width or 40) - 2  # room for the list's scroll bar
        return Option(name_block((f" {MARKS[state]} ", STATE_STYLE[state]), catalog.capabilities[cid].name, room,
                                 tail=((where, "$text-muted"), (word, "$text-muted"))), id=cid)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Follow(event.option.id))
