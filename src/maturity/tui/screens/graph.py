"""The capability graph of a domain: each capability's state and prerequisites, navigable along
its links (even into other domains), with the details of the selected one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static, Tab, Tabs

from ...assessment.models import AnswerFile
from ...contract.result import Result
from ..text import literal, printable
from ..widgets.capability_details import CapabilityDetails
from ..widgets.capability_list import CapabilityList, legend

if TYPE_CHECKING:  # pragma: no cover
    from ..workspace import Workspace
    from ...catalog import Catalog


class GraphScreen(Screen[None]):
    CSS_PATH = "graph.tcss"
    SCREEN_NAME = "capability graph"
    HELP = (
        "A domain's capabilities by stage. In place: achieved. Next: not achieved, and everything "
        "it requires is in place, so it can be started now. Blocked: something it requires is "
        "missing. Not applicable: ruled out by the profile or the answers. Follow a link to a "
        "prerequisite or to what a capability unlocks, in this domain or another."
    )
    KEYS = [
        ("↑ ↓", "choose a capability"),
        ("tab", "to its links (requires / unlocks); enter follows one"),
        ("b", "back along the links followed"),
        ("pgup pgdn", "scroll the details"),
        ("[ ]", "previous / next domain"),
        ("escape", "back"),
    ]
    BINDINGS = [
        Binding("tab", "switch_focus", "Links", tooltip="Between the capabilities and the selected one's links"),
        Binding("shift+tab", "switch_focus", "Links", show=False),
        Binding("left_square_bracket", "domain(-1)", "Previous domain", key_display="[", group=Binding.Group("Domain")),
        Binding("right_square_bracket", "domain(1)", "Next domain", key_display="]", group=Binding.Group("Domain")),
        Binding("b", "back_link", "Back link"),
        Binding("pageup", "scroll_details(-1)", "Scroll details", show=False),
        Binding("pagedown", "scroll_details(1)", "Scroll details", show=False),
        Binding("escape", "app.pop_screen", "Back"),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, workspace: Workspace, org: str, *, domain: str | None = None,
                 assessment_id: int | None = None, answer_file: AnswerFile | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.org = org
        self.assessment_id = assessment_id
        self.answer_file = answer_file
        domains = list(workspace.catalog.questionnaires)
        self.domain = domain if domain in domains else (domains[0] if domains else "")
        self.result: Result | None = None
        self.states: dict[str, str] = {}
        self.trail: list[str] = []
        self.currency = "USD"
        self.scoped: Catalog | None = None
        self.people: int | None = None

    def compose(self) -> ComposeResult:
        catalog = self.workspace.catalog
        yield Header()
        # short names, so that every domain's tab fits an 80-column terminal
        yield Tabs(*(Tab(literal(lq.model.questionnaire.short), id=f"d-{d}") for d, lq in catalog.questionnaires.items()),
                   active=f"d-{self.domain}" if self.domain else None, id="domain-tabs")
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield CapabilityList(id="caps")
                yield Static(legend(), id="legend")
            yield CapabilityDetails(id="details")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{printable(self.org)}: capability graph"
        self.query_one(Tabs).can_focus = False  # [ and ] change the domain; the lists keep the arrows
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        from ...report.plain import capability_states
        from ...assessment.scoring import score

        ws = self.workspace
        try:
            answer_file = self.answer_file
            if answer_file is None:
                if self.assessment_id is None:
                    raise LookupError("no assessment to show")
                answer_file = ws.store.get_assessment(self.assessment_id).answer_file
            catalog = ws.catalog.for_profile(answer_file.profile)  # a sector's domain only for that sector
            result = score(catalog, answer_file)
            states = capability_states(catalog, result)
            # accepted investments (and what the profile says is funded) that are not in place yet
            invested = {inv.capability_id for inv in ws.store.investments(self.org)} | set(answer_file.profile.funded)
            states.update({cid: "in_progress" for cid in invested if states.get(cid) in ("next", "blocked")})
        except Exception as exc:
            self.app.call_from_thread(self.app.show_problem, exc)  # type: ignore[attr-defined]
            return
        self.currency = answer_file.profile.currency
        self.people = answer_file.profile.people()
        self.app.call_from_thread(self._scope, catalog)
        self.app.call_from_thread(self._show, result, states)

    @property
    def catalog(self) -> Catalog:
        """The questionnaires this business answers (all of them until its profile is read)."""
        return self.scoped or self.workspace.catalog

    def _scope(self, catalog: Catalog) -> None:
        self.scoped = catalog
        tabs = self.query_one(Tabs)
        for domain in self.workspace.catalog.questionnaires:
            if domain not in catalog.questionnaires:
                tabs.remove_tab(f"d-{domain}")
        if self.domain not in catalog.questionnaires:
            self.domain = next(iter(catalog.questionnaires), "")
            tabs.active = f"d-{self.domain}" if self.domain else ""

    def _show(self, result: Result, states: dict[str, str], select: str | None = None) -> None:
        self.result = result
        self.states = states
        self._draw(select)

    def _draw(self, select: str | None = None) -> None:
        if self.result is None or not self.domain:
            return
        caps = self.query_one(CapabilityList)
        caps.show(self.catalog, self.domain, self.states, self.result, select)
        caps.focus()
        self._describe()

    def _describe(self) -> None:
        option = self.query_one(CapabilityList).highlighted_option
        if option is None or option.id is None or self.result is None:
            return
        self.query_one(CapabilityDetails).show(self.catalog, option.id, self.states, self.result, self.currency, self.people)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "caps":
            self._describe()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "caps":
            event.stop()
            self.query_one("#links").focus()

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        domain = (event.tab.id or "")[2:]
        if domain and domain != self.domain:
            self.domain = domain
            self._draw()

    # -- moving -----------------------------------------------------------------------------------

    def go_to(self, cid: str, *, remember: bool = True) -> None:
        catalog = self.catalog
        if cid not in catalog.capabilities:
            return
        current = self.query_one(CapabilityList).highlighted_option
        if remember and current is not None and current.id:
            self.trail.append(current.id)
        domain = catalog.domain_of[cid]
        if domain != self.domain:
            self.domain = domain
            with self.prevent(Tabs.TabActivated):
                self.query_one(Tabs).active = f"d-{domain}"
        self._draw(cid)

    def on_capability_details_follow(self, message: CapabilityDetails.Follow) -> None:
        self.go_to(message.cid)

    def action_back_link(self) -> None:
        if not self.trail:
            self.notify("No link followed yet: tab to the links, then enter follows one.", markup=False)
            return
        self.go_to(self.trail.pop(), remember=False)

    def action_switch_focus(self) -> None:
        links = self.query_one("#links")
        if self.focused is links:
            self.query_one(CapabilityList).focus()
        else:
            links.focus()

    def action_scroll_details(self, direction: int) -> None:
        details = self.query_one(CapabilityDetails)
        if direction > 0:
            details.scroll_page_down(animate=False)
        else:
            details.scroll_page_up(animate=False)

    def action_domain(self, direction: int) -> None:
        domains = list(self.catalog.questionnaires)
        if not domains:
            return
        position = (domains.index(self.domain) + direction) % len(domains)
        self.query_one(Tabs).active = f"d-{domains[position]}"

    def palette_commands(self) -> Iterable[SystemCommand]:
        for domain, loaded in self.catalog.questionnaires.items():
            yield SystemCommand(f"Graph of {printable(loaded.model.questionnaire.name)}", "Show this domain's capabilities",
                                lambda d=domain: setattr(self.query_one(Tabs), "active", f"d-{d}"))
        if self.result is not None:
            for cid, state in self.states.items():
                if state == "next":
                    name = self.workspace.capability_name(cid)
                    yield SystemCommand(f"Capability: {printable(name)}", "Next: can be started now", lambda c=cid: self.go_to(c))

