"""The results of the latest assessment: stage and index per domain, the weakest link, and
what changed since the previous assessment."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static

from ...history import AssessmentDiff, diff
from ...report.plain import progress_text, target_text, weakest_link_text, weakest_marked
from ...assessment.scoring import standing
from ..messages import Navigate
from ..problems import describe_error
from ..text import join, lines, literal, percent, printable
from ..widgets.domain_bars import DomainBars

if TYPE_CHECKING:  # pragma: no cover
    from pathlib import Path

    from ...store import StoredAssessment
    from ..workspace import Workspace


@dataclass
class Loaded:
    latest: StoredAssessment
    previous: StoredAssessment | None
    diff: AssessmentDiff | None
    count: int
    #: published survey figures beside the business's answers, one line each
    survey_figures: list[str] = field(default_factory=list)


class DashboardScreen(Screen[None]):
    CSS_PATH = "dashboard.tcss"
    SCREEN_NAME = "results"
    HELP = (
        "The stage of each domain (Not started, then Fundamentals, Intermediate, Advanced) and its "
        "index: the stage reached plus progress into the next, so 1.40 means Fundamentals done and "
        "40% of Intermediate. \"Largely\" means more than half of the next stage is in place. Each "
        "domain has a target stage that fits the business; the weakest link is the domain furthest "
        "below its target. A domain with no answers is not assessed and left out. Change is "
        "measured against the previous assessment."
    )
    KEYS = [
        ("↑ ↓", "choose a domain (its details show below)"),
        ("PgUp PgDn", "scroll the page, down to what changed since the last assessment"),
        ("enter / g", "capability graph of the domain"),
        ("r", "recommendations and roadmap"),
        ("b", "recognised baselines and what each lacks"),
        ("h", "history and investments"),
        ("a", "new assessment, starting from this one"),
        ("w", "write the report (HTML) to a file"),
        ("escape", "back to the organisations"),
    ]
    BINDINGS = [
        Binding("r", "recommendations", "Next steps"),
        Binding("b", "baselines", "Baselines"),
        Binding("g", "graph", "Graph", show=False),  # enter does it too, as the page says
        Binding("h", "history", "History"),
        Binding("a", "assess", "Reassess"),
        Binding("w", "write_report", "Write report", show=False),
        Binding("escape", "back", "Back"),
        Binding("pagedown", "scroll_page(1)", "Scroll", show=False, priority=True),
        Binding("pageup", "scroll_page(-1)", "Scroll", show=False, priority=True),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, workspace: Workspace, org: str) -> None:
        super().__init__()
        self.workspace = workspace
        self.org = org
        self.loaded: Loaded | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        # the table keeps the keyboard (its arrows choose a domain); the page scrolls with pgup pgdn
        with VerticalScroll(id="page", can_focus=False):
            yield Static("Loading the results…", id="title")
            yield DomainBars(id="bars")
            yield Static("", id="domain-details")
            yield Static("", id="weakest")
            yield Static("", id="peers")
            yield Static("", id="survey-figures")
            yield Static("", id="changes")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{printable(self.org)}: results"
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        store = self.workspace.store
        try:
            done = store.assessments(self.org, with_answers=False)
            if not done:
                raise LookupError(f"{self.org} has no completed assessment yet.")
            latest = store.get_assessment(done[-1].id)
            previous = store.get_assessment(done[-2].id) if len(done) > 1 else None
            change = diff(previous, latest, self.workspace.catalog) if previous is not None else None
            figures = _survey_figures(self.workspace.catalog, latest)
        except Exception as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._show, Loaded(latest, previous, change, len(done), figures))

    def _failed(self, exc: Exception) -> None:
        title, message = describe_error(exc) if not isinstance(exc, LookupError) else ("No results", str(exc))
        self.query_one("#title", Static).update(join((title + ": ", "bold $text-error"), message))

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        latest = loaded.latest
        result = latest.result
        assert result is not None
        self.query_one("#title", Static).update(
            # numbered per organisation (the database's own ids run across all of them)
            join(("Results of assessment ", "bold"), (f"{loaded.count} of {loaded.count}", "bold"), f", {latest.when:%d %b %Y}")
        )
        bars = self.query_one(DomainBars)
        bars.show(result, loaded.diff)
        bars.focus(scroll_visible=False)  # the page stays at its top until the user scrolls it
        if result.weakest_link is not None:
            sentence = weakest_link_text(result)
            if weakest_marked(result):
                text = join(("◀ ", "bold $text-error"), sentence, (" Press r for what to do next.", "$text-muted"))
            else:
                text = join(sentence, (" Press r for what to do next.", "$text-muted"))
        else:
            text = literal(weakest_link_text(result))
        self.query_one("#weakest", Static).update(text)
        self.query_one("#changes", Static).update(self._changes(loaded))
        self._show_peers(result)
        if loaded.survey_figures:
            shown = self.query_one("#survey-figures", Static)
            shown.update(lines([literal("Beside businesses like yours (published survey figures)", "bold $text-accent")]
                               + [literal(f"• {line}") for line in loaded.survey_figures]))
            shown.add_class("shown")
        self._describe_domain()

    def _changes(self, loaded: Loaded) -> object:
        out = []
        if loaded.diff is None:
            out.append(literal("What changed", "bold $text-accent"))
            out.append(literal("This is the first assessment: the next one will show what changed since.", "$text-muted"))
        else:
            out.append(literal(f"What changed since assessment {loaded.count - 1} ({loaded.diff.a.date:%d %b %Y})", "bold $text-accent"))
            out += [literal(f"• {s}") for s in loaded.diff.summary[1:]]
        assert loaded.latest.result is not None
        out += [literal(f"Note: {w}", "$text-warning") for w in loaded.latest.result.warnings]
        return lines(out)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._describe_domain()

    def _selected_domain(self) -> str | None:
        option = self.query_one(DomainBars).highlighted_option
        return option.id if option else None

    def _describe_domain(self) -> None:
        if self.loaded is None or self.loaded.latest.result is None:
            return
        domain = self._selected_domain()
        if domain is None:
            return
        result = self.loaded.latest.result
        d = result.domain(domain)
        catalog = self.workspace.catalog
        if not d.is_assessed:
            out = [join((d.name, "bold"), ": not assessed (no question answered); left out of the weakest link.")]
            if d.target is not None:
                out.append(literal(target_text(d)))
            out.append(literal("enter: its capability graph", "$text-muted"))
            self.query_one("#domain-details", Static).update(lines(out))
            return
        applicable = d.capabilities - d.not_applicable
        facts = [f"{d.achieved} of {applicable} capabilities in place", f"{d.percent:.0f}% of all that applies"]
        if open_questions := result.open_questions(domain):
            facts.append(f"{open_questions} unanswered")
        if d.dont_know:
            facts.append(f"{d.dont_know} don't know (counted as no)")
        if d.low_confidence:
            many = len(d.low_confidence)
            facts.append(f"{many} low-confidence answer{'s' if many != 1 else ''}")
        out = [join((d.name, "bold"), ": ", "; ".join(facts), ".")]
        _, progress = standing(result, domain, catalog)
        if progress is not None:
            missing = [
                f"{catalog.capabilities[cid].name} ({percent(result.capabilities[cid].credit)})" if cid in catalog.capabilities else cid
                for cid in progress.missing
            ]
            shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
            out.append(join((progress_text(progress), "bold"), f"; missing: {shown}" if shown else ""))
        elif d.stage >= 3:
            out.append(literal("Every stage is reached."))
        if d.target is not None:
            out.append(literal(target_text(d)))
        out.append(literal("enter: its capability graph", "$text-muted"))
        self.query_one("#domain-details", Static).update(lines(out))

    def on_domain_bars_chosen(self, message: DomainBars.Chosen) -> None:
        self._navigate("graph", message.domain)

    def _navigate(self, target: str, domain: str | None = None) -> None:
        if self.loaded is None:
            self.notify("The results are still loading.", markup=False)
            return
        self.post_message(Navigate(self.org, target, assessment_id=self.loaded.latest.id, domain=domain))  # type: ignore[arg-type]

    def action_scroll_page(self, direction: int) -> None:
        page = self.query_one("#page", VerticalScroll)
        if direction > 0:
            page.scroll_page_down()
        else:
            page.scroll_page_up()

    def action_recommendations(self) -> None:
        self._navigate("recommendations")

    def action_baselines(self) -> None:
        self._navigate("baselines")

    def action_graph(self) -> None:
        self._navigate("graph", self._selected_domain())

    def action_history(self) -> None:
        self.post_message(Navigate(self.org, "history"))

    def action_assess(self) -> None:
        self.post_message(Navigate(self.org, "assess"))

    def action_back(self) -> None:
        self.post_message(Navigate(self.org, "home"))

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Recommendations and roadmap", "What to invest in next", self.action_recommendations)
        yield SystemCommand("Recognised baselines", "Cyber Essentials, CIS Controls, Essential Eight, NIST CSF", self.action_baselines)
        yield SystemCommand("Capability graph", "The capabilities of the chosen domain", self.action_graph)
        yield SystemCommand("History", "Assessments over time and investments", self.action_history)
        yield SystemCommand("New assessment", "Start again from this assessment", self.action_assess)
        yield SystemCommand("Write the report", "The latest assessment's report as an HTML file, in the current folder", self.action_write_report)

    # -- peer benchmarks and the report ------------------------------------------------------

    def _show_peers(self, result: object) -> None:
        """The peer comparison, when a plugin provides benchmarks."""
        from ...assessment.benchmarks import collect_benchmarks, match_benchmark, peer_lines

        plugins = self.workspace.catalog.plugins
        benchmarks = collect_benchmarks(plugins) if plugins is not None else []
        if benchmarks and self.loaded is not None:
            shown = peer_lines(result, match_benchmark(benchmarks, self.loaded.latest.answer_file.profile))  # type: ignore[arg-type]
            peers = self.query_one("#peers", Static)
            peers.update(lines([literal(shown[0], "$text-muted")] + [literal(x) for x in shown[1:]]))
            peers.add_class("shown")

    def action_write_report(self) -> None:
        if self.loaded is None:
            self.notify("The results are still loading.", markup=False)
            return
        self.notify("Writing the report…", markup=False)
        self._write_report(self.loaded.latest.id)

    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def _write_report(self, number: int) -> None:
        from pathlib import Path

        from ...assessment.benchmarks import collect_benchmarks
        from ...report import BUILTIN, render, report_of_assessment

        try:
            catalog = self.workspace.catalog
            benchmarks = collect_benchmarks(catalog.plugins) if catalog.plugins is not None else []
            built, result = report_of_assessment(catalog, self.workspace.store, self.org, number=number, benchmarks=benchmarks)
            page = render(BUILTIN["html"], built, result, catalog)
            target = _free_name(Path.cwd(), self.org, number)
            target.write_text(str(page), encoding="utf-8")
        except Exception as exc:
            self.app.call_from_thread(self.notify, f"The report could not be written: {exc}", severity="error", markup=False)
            return
        self.app.call_from_thread(self.notify, f"Report written to {target}", title="Report", timeout=10, markup=False)


def _survey_figures(catalog: object, stored: StoredAssessment) -> list[str]:
    """The survey figure lines of a saved assessment (computed by the core, shown as they are)."""
    from ...assessment.peers import peer_figures

    if stored.result is None:
        return []
    return peer_figures(catalog, stored.answer_file, stored.result).lines()  # type: ignore[arg-type]


def _free_name(folder: Path, org: str, number: int) -> Path:
    """report-<org>-<number>.html in the folder, numbered on so that no file is overwritten."""
    import re

    slug = re.sub(r"[^a-z0-9]+", "-", org.lower()).strip("-") or "organisation"
    stem = f"report-{slug}-{number}"
    target = folder / f"{stem}.html"
    n = 2
    while target.exists():
        target = folder / f"{stem}-{n}.html"
        n += 1
    return target
