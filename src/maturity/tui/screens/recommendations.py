"""What to invest in next: the ranked recommendations with their reasons, cost and effort
against the budget, and the roadmap by quarter. A recommendation can be accepted as an
investment here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static, TabbedContent, TabPane, Tabs

from ...common.formatting import money
from ...planning import Recommendation
from ..messages import Navigate
from ..problems import describe_error
from ..text import count, join, lines, literal, printable
from ..widgets.recommendation_details import RecommendationDetails
from ..widgets.recommendation_list import Entry, RecommendationList
from ..widgets.roadmap_view import RoadmapView

if TYPE_CHECKING:  # pragma: no cover
    from ...planning import Plan
    from ..workspace import Workspace
    from .invest import InvestmentPlan


class RecommendationsScreen(Screen[None]):
    CSS_PATH = "recommendations.tcss"
    SCREEN_NAME = "recommendations and roadmap"
    HELP = (
        "The next investments, best first: each is on the frontier (everything it needs is in "
        "place), serves your weighted goals, and fits what is left of the year's budget. Accept "
        "one as an investment to take it off the list and follow its KPI and return in History. "
        "The roadmap spreads the budget over four quarters, prerequisites first."
    )
    KEYS = [
        ("↑ ↓", "choose a recommendation (details on the right; a click chooses too)"),
        ("i / enter", "accept it as an investment (or a double click)"),
        ("pgup pgdn", "scroll the details"),
        ("r", "the recommendations"),
        ("m", "the roadmap by quarter"),
        ("g", "capability graph of its domain"),
        ("n", "show or hide the plan's notes: what it assumes and leaves out"),
        ("escape", "back to the results"),
    ]
    BINDINGS = [
        Binding("i", "invest", "Invest"),
        Binding("r", "tab('recs')", "Recommendations", show=False),  # the tabs name their keys
        Binding("m", "tab('roadmap')", "Roadmap", show=False),
        Binding("g", "graph", "Graph"),
        Binding("n", "notes", "Notes"),
        Binding("escape", "app.pop_screen", "Back"),
        Binding("pageup", "scroll_details(-1)", "Scroll details", show=False, priority=True),
        Binding("pagedown", "scroll_details(1)", "Scroll details", show=False, priority=True),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, workspace: Workspace, org: str, assessment_id: int) -> None:
        super().__init__()
        self.workspace = workspace
        self.org = org
        self.assessment_id = assessment_id
        self.steps: Plan | None = None
        self.entries: dict[str, tuple[Recommendation, str]] = {}
        self.notes: list[str] = []
        self.notes_open = False

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs", initial="recs"):
            with TabPane("Recommendations (r)", id="recs"):
                yield Static("Working out the recommendations…", id="budget")
                with Horizontal():
                    with Vertical(id="list-pane"):
                        yield RecommendationList(id="recs-list")
                    yield RecommendationDetails(id="details")
            with TabPane("Roadmap (m)", id="roadmap"):
                yield RoadmapView(id="roadmap-view")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = printable(f"{self.org}: what next")
        # r and m switch the tabs: focus stays on the list (or the roadmap), whose arrows move
        for tabs in self.query(Tabs):
            tabs.can_focus = False
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self, select: str | None = None) -> None:
        from ...planning.service import plan_assessment

        ws = self.workspace
        try:
            assessment = ws.store.get_assessment(self.assessment_id)
            investments = ws.store.investments(self.org)
            steps = plan_assessment(ws.catalog, assessment, investments, top=8, explore=True, today=ws.today())
        except Exception as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        warnings = []
        if ws.catalog.plugins is not None:
            warnings, ws.catalog.plugins.failures[:] = list(ws.catalog.plugins.failures), []
        self.app.call_from_thread(self._show, steps, select, warnings)

    def _failed(self, exc: Exception) -> None:
        title, message = describe_error(exc)
        self.query_one("#budget", Static).update(join((title + ": ", "bold $text-error"), message))

    def _show(self, steps: Plan, select: str | None, warnings: list[str]) -> None:
        for warning in warnings:
            self.notify(warning, title="Plugin problem", severity="warning", timeout=12, markup=False)
        self.steps = steps
        recs = steps.recommendations
        cur = recs.currency
        self.notes = list(recs.assumptions + recs.notes)
        self._show_head()
        rows: list[Entry | str] = []

        def add(rec: Recommendation, kind: str, label: str) -> None:
            rows.append(Entry(f"{kind}:{rec.id}", rec, kind, label, self.workspace.domain_name(rec.domain)))

        for n, rec in enumerate(recs.items, start=1):
            add(rec, "ranked", f"{n}. ")
        if recs.cheapest is not None and not recs.items:
            add(recs.cheapest, "ranked", "↓ ")
        if recs.next_in_line:
            rows.append("Next in line")
            for rec in recs.next_in_line:
                add(rec, "over", "· ")
        if recs.exploration is not None:
            rows.append("A deliberate bet")
            add(recs.exploration, "bet", "★ ")
        self.entries = {r.key: (r.rec, r.kind) for r in rows if isinstance(r, Entry)}
        listing = self.query_one(RecommendationList)
        listing.show(rows, cur, select)
        listing.focus()
        if not self.entries:
            self.query_one(RecommendationDetails).query_one("#rec-body", Static).update(literal("Nothing to recommend."))
        else:
            self._describe()
        names = {cid: cap.name for cid, cap in self.workspace.catalog.capabilities.items()}
        self.query_one(RoadmapView).show(steps.roadmap, names)

    def _show_head(self) -> None:
        """The budget line, then the plan's notes: folded into one line unless asked for, so
        that the recommendations keep the room."""
        if self.steps is None:
            return
        head = [self._budget_line(self.steps)]
        if self.notes and self.notes_open:
            # the key first: on a small screen the notes may run past the bottom
            head.append(literal("n hides these notes.", "$text-muted"))
            head += [literal(note, "$text-muted") for note in self.notes]
        elif self.notes:
            head.append(join((count(len(self.notes), "note") + " on what the plan assumes and leaves out: ", "$text-muted"),
                             ("n", "bold"), (" shows them.", "$text-muted")))
        self.query_one("#budget", Static).update(lines(head))

    def action_notes(self) -> None:
        self.notes_open = not self.notes_open
        self._show_head()

    def _budget_line(self, steps: Plan) -> object:
        recs = steps.recommendations
        cur = recs.currency
        if steps.budget is None:
            return join(("No yearly budget in the profile: ", "bold"), "money is not limited in this plan.")
        parts = [join(("Budget ", "bold"), f"{money(steps.budget, cur)} a year")]
        if steps.committed:
            parts.append(literal(f"{money(steps.committed, cur)} accepted"))
        parts.append(join((money(steps.remaining or 0.0, cur), "bold"), " left"))
        if recs.budget_per_year is not None:
            parts.append(literal("any quarter may spend it"))
        elif recs.period_budget is not None:
            parts.append(literal(f"{money(recs.period_budget, cur)} this quarter"))
        return join(*[p for part in parts for p in (part, literal(" · "))][:-1])

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._describe()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_invest()

    def _current(self) -> tuple[Recommendation, str] | None:
        option = self.query_one("#recs-list", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        return self.entries.get(option.id)

    def _describe(self) -> None:
        entry = self._current()
        if entry is None or self.steps is None:
            return
        rec, kind = entry
        self.query_one(RecommendationDetails).show(
            rec, domain_name=self.workspace.domain_name(rec.domain), currency=self.steps.recommendations.currency,
            remaining=self.steps.remaining, kind=kind,
        )

    # -- actions -------------------------------------------------------------------------------

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        if tab == "recs":
            self.query_one("#recs-list").focus()
        else:
            self.query_one(RoadmapView).focus()

    def action_scroll_details(self, direction: int) -> None:
        details = self.query_one(RecommendationDetails)
        if direction > 0:
            details.scroll_page_down(animate=False)
        else:
            details.scroll_page_up(animate=False)

    def action_invest(self) -> None:
        from .invest import InvestScreen

        entry = self._current()
        if entry is None or self.steps is None:
            self.notify("Choose a recommendation first.", markup=False)
            return
        rec, _ = entry
        key = self.query_one("#recs-list", OptionList).highlighted_option.id  # type: ignore[union-attr]

        def accepted(plan: InvestmentPlan | None) -> None:
            if plan is not None:
                self._save(plan, rec.name, key)

        self.app.push_screen(InvestScreen(rec, self.steps.recommendations.currency, self.workspace.today()), accepted)

    @work(thread=True, exit_on_error=False)
    def _save(self, plan: InvestmentPlan, name: str, key: str | None) -> None:
        try:
            self.workspace.store.add_investment(
                self.org, plan.capability_id, plan.planned_cost, plan.start, plan.end,
                kpi=plan.kpi, baseline=plan.baseline, target=plan.target,
            )
        except Exception as exc:
            self.app.call_from_thread(self.app.show_problem, exc)  # type: ignore[attr-defined]
            return
        self.app.call_from_thread(
            self.notify, f"{name} is now an investment in progress; History follows its KPI and return.", markup=False
        )
        self.app.call_from_thread(self._load)

    def action_graph(self) -> None:
        entry = self._current()
        domain = entry[0].domain if entry else None
        self.post_message(Navigate(self.org, "graph", assessment_id=self.assessment_id, domain=domain))

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Accept as an investment", "The highlighted recommendation", self.action_invest)
        yield SystemCommand("Roadmap", "What to fund in each quarter", lambda: self.action_tab("roadmap"))
        yield SystemCommand("Recommendations", "The ranked list", lambda: self.action_tab("recs"))
