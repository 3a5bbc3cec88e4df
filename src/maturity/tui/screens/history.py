"""History: the assessments over time with a trend per domain, what changed since the previous
one, and the investments with their KPI progress and return."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ...history import AssessmentDiff, History, InvestmentReport, diff, history, investment_report
from ...common.formatting import money
from ..problems import describe_error
from ..text import bar, hanging, join, lines, literal, printable, spark

if TYPE_CHECKING:  # pragma: no cover
    from ..workspace import Workspace


@dataclass
class Loaded:
    history: History
    diff: AssessmentDiff | None
    reports: list[InvestmentReport]
    currency: str


class HistoryScreen(Screen[None]):
    CSS_PATH = "history.tcss"
    SCREEN_NAME = "history"
    HELP = (
        "Every completed assessment of the organisation, oldest first: a trend per domain on the "
        "0-3 index scale, what changed since the previous assessment, and each accepted "
        "investment with its cost so far, KPI progress and return."
    )
    KEYS = [("↑ ↓ pgup pgdn", "scroll"), ("escape", "back")]
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, workspace: Workspace, org: str) -> None:
        super().__init__()
        self.workspace = workspace
        self.org = org

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="page"):
            yield Static("Loading the history…", id="assessments")
            yield Static("", id="trends")
            yield Static("", id="changes")
            yield Static("", id="investments")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{printable(self.org)}: history"
        self.query_one("#page").focus()
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        ws = self.workspace
        try:
            done = ws.store.assessments(self.org, with_answers=False)
            hist = history(self.org, done)
            change = None
            if len(done) > 1:
                change = diff(ws.store.get_assessment(done[-2].id), ws.store.get_assessment(done[-1].id), ws.catalog)
            currency = done[-1].answer_file.profile.currency if done else "USD"
            reports = [
                investment_report(inv, done, as_of=ws.today(), catalog=ws.catalog, currency=currency)
                for inv in ws.store.investments(self.org)
            ]
        except Exception as exc:
            title, message = describe_error(exc)
            self.app.call_from_thread(self.query_one("#assessments", Static).update, join((title + ": ", "bold $text-error"), message))
            return
        self.app.call_from_thread(self._show, Loaded(hist, change, reports, currency))

    def on_resize(self) -> None:
        if getattr(self, "_loaded", None) is not None:
            self._show(self._loaded)

    @property
    def _width(self) -> int | None:
        """The columns a line has before it wraps: the page less its padding, and less the
        scroll bar it may come to need once the lines are in."""
        page = self.query_one("#page", VerticalScroll)
        width = page.scrollable_content_region.width
        bar = 0 if page.show_vertical_scrollbar else page.styles.scrollbar_size_vertical
        return max(20, width - bar) if width else None

    def _show(self, loaded: Loaded) -> None:
        self._loaded = loaded
        self.query_one("#assessments", Static).update(self._assessments(loaded.history))
        self.query_one("#trends", Static).update(self._trends(loaded.history))
        self.query_one("#changes", Static).update(self._changes(loaded.diff))
        self.query_one("#investments", Static).update(self._investments(loaded.reports, loaded.currency))

    def _assessments(self, hist: History) -> Content:
        rows = hist.rows
        if not rows:
            return literal("No completed assessment yet: finish one to start the history.")
        out = [join(("Assessments", "bold $text-accent"), f"  {len(rows)}, from {rows[0].date:%d %b %Y} to {rows[-1].date:%d %b %Y}")]
        first = max(0, len(rows) - 6)
        for number, row in enumerate(rows[first:], start=first + 1):  # numbered per organisation
            weakest = ""
            if row.weakest_link:
                tied = len(row.weakest_link.domains)
                names = "every domain" if tied > 1 and tied == len(row.domains) else ", ".join(hist.domains.get(d, d) for d in row.weakest_link.domains)
                weakest = f"weakest: {names} ({row.weakest_link.stage_name})"
            out.append(join(f"  {number}".ljust(6), f"{row.date:%d %b %Y}  ", (weakest, "$text-muted")))
        if len(rows) > 6:
            out.append(literal(f"  and {len(rows) - 6} earlier", "$text-muted"))
        return lines(out)

    def _trends(self, hist: History) -> Content:
        if not hist.rows:
            return literal("")
        out = [join(("Trend per domain", "bold $text-accent"), ("  index 0-3, one mark per assessment", "$text-muted"))]
        width = max([len(n) for n in hist.domains.values()] + [10])
        sentences = {t.domain: t.sentence for t in hist.trends}
        for domain, name in hist.domains.items():
            # a domain not assessed has no index: it is left out of the trend, not drawn at 0
            values = [row.domains[domain].index for row in hist.rows if domain in row.domains and row.domains[domain].assessed]
            last = hist.rows[-1].domains.get(domain)
            if last is not None and not last.assessed:
                said = "  Not assessed"
            else:
                said = f"  {last.stage_name}" if last else ""
            line = join("  ", (name.ljust(width), "bold"), "  ", (spark(values, 3.0).ljust(8), "$text-accent"),
                        f"  {values[-1]:.2f}" if values and last is not None and last.assessed else "", (said, "$text-muted"))
            out.append(line)
            if domain in sentences and len(hist.rows) > 2:  # with two, the comparison below says it
                out += hanging(literal(sentences[domain], "$text-muted"), self._width, "    ", "    ")
        return lines(out)

    def _changes(self, change: AssessmentDiff | None) -> Content:
        if change is None:
            return literal("")
        out = [literal(f"Since the previous assessment ({change.a.date:%d %b %Y})", "bold $text-accent")]
        for sentence in change.summary[1:]:
            out += hanging(sentence, self._width)
        if change.answers:
            out.append(literal(f"  Answers that changed: {len(change.answers)}", "bold"))
            for a in change.answers:  # every one: the page scrolls
                out += hanging(join(a.question, "  ", (a.before, "$text-error"), " → ", (a.after, "$text-success")),
                               self._width, "    ", "      ")
        for note in change.not_compared[:4]:
            out += hanging(literal(note, "$text-muted"), self._width, "  ", "  ")
        return lines(out)

    def _investments(self, reports: list[InvestmentReport], currency: str) -> Content:
        out = [literal("Investments", "bold $text-accent")]
        if not reports:
            out += hanging(literal("None yet. Accept a recommendation (r on the results, then i) to follow its KPI and return here.",
                                   "$text-muted"), self._width, "  ", "  ")
            return lines(out)
        for r in reports:
            inv = r.investment
            head = [(r.capability, "bold"), f"  planned {money(r.planned_cost, currency)}, spent {money(r.cost_to_date, currency)}"]
            if r.roi is not None:
                head.append((f"  return {r.roi:+.0%}", "$text-success" if r.roi >= 0 else "$text-error"))
            out += hanging(join(*head), self._width, "  ", "    ")
            if r.kpi_progress is not None:
                out.append(join("    KPI ", (bar(max(0.0, r.kpi_progress), 1.0, 16).replace(" ", "·"), "$text-accent"),
                                f" {r.kpi_progress:.0%} of the way to the target"))
            dates = f"{inv.start:%d %b %Y}" if inv.start else "no start date"
            if inv.end:
                dates += f" to {inv.end:%d %b %Y}"
            out.append(literal(f"    {dates}", "$text-muted"))
            for sentence in r.sentences[1:]:
                out += hanging(literal(sentence, "$text-muted"), self._width, "    ", "    ")
        return lines(out)
