"""Recognised baselines: how far the assessment meets Cyber Essentials, the CIS Controls' first
group, the Essential Eight and the NIST CSF, per theme, and what closes each missing item. The
figures come from the coverage service, as on the command line and in the report."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from ...coverage.text import MISSING_WORDS, closer_text, counts_text, title, verdict
from ..problems import describe_error
from ..text import bar, hanging, join, lines, literal, printable

if TYPE_CHECKING:  # pragma: no cover
    from textual.content import Content

    from ...coverage import BaselineCoverage, Coverage
    from ..workspace import Workspace

BAR_WIDTH = 10


class BaselinesScreen(Screen[None]):
    CSS_PATH = "baselines.tcss"
    SCREEN_NAME = "baselines"
    HELP = (
        "Recognised baselines a customer, an insurer or a board may ask about, counted from the "
        "answers of this assessment: each requirement is met, partly met, not met, unknown (a "
        "question it needs was not answered) or not applicable (for a stated reason). Partly met "
        "is never counted as met, and a baseline's own hard rules hold: under Cyber Essentials "
        "one online service without two-step login fails the whole baseline. Each missing "
        "requirement names what would close it and what that costs."
    )
    KEYS = [("↑ ↓ pgup pgdn", "scroll"), ("escape", "back")]
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, workspace: Workspace, org: str, assessment_id: int) -> None:
        super().__init__()
        self.workspace = workspace
        self.org = org
        self.assessment_id = assessment_id
        self.coverage: Coverage | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="page"):
            yield Static("Counting the recognised baselines…", id="summary")
            yield Static("", id="baselines")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"{printable(self.org)}: recognised baselines"
        self.query_one("#page").focus()
        self._load()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self) -> None:
        from ...coverage import coverage

        try:
            stored = self.workspace.store.get_assessment(self.assessment_id)
            found = coverage(self.workspace.catalog, stored.answer_file, stored.result)
        except Exception as exc:
            self.app.call_from_thread(self._failed, exc)
            return
        self.app.call_from_thread(self._show, found)

    def _failed(self, exc: Exception) -> None:
        heading, message = describe_error(exc)
        self.query_one("#summary", Static).update(join((heading + ": ", "bold $text-error"), message))

    def _show(self, found: Coverage) -> None:
        self.coverage = found
        if not found.baselines:
            self.query_one("#summary", Static).update(literal("No recognised baseline is loaded."))
            return
        width = max(len(b.short_name) for b in found.baselines)
        wrap = self.size.width - 4 if self.size.width > 40 else None
        indent = " " * (width + BAR_WIDTH + 4)
        out: list[Content | str] = [literal("Recognised baselines", "bold $text-accent")]
        for b in found.baselines:
            share = b.counts.met / b.counts.applicable if b.counts.applicable else 0.0
            fails = ("; fails a rule that allows no exception", "bold $text-error") if b.automatic_fails else ""
            head = join(f"{b.short_name.ljust(width)}  ", (bar(share, 1.0, BAR_WIDTH), "$success"), "  ")
            body = join(counts_text(b.counts), fails)
            pieces = body.wrap(max(20, wrap - len(indent))) if wrap else [body]
            out += [head + pieces[0]] + [literal(indent) + piece for piece in pieces[1:]]
        out.append(literal("Partly met is never counted as met.", "$text-muted"))
        self.query_one("#summary", Static).update(lines(out))
        self.query_one("#baselines", Static).update(lines(self._details(b, found.currency) for b in found.baselines))

    def _details(self, b: BaselineCoverage, currency: str) -> Content:
        width = self.size.width - 4 if self.size.width > 20 else None
        out: list[Content | str] = [literal(title(b), "bold $text-accent"), literal(counts_text(b.counts))]
        said = verdict(b)
        if said:
            out.append(literal(said, "bold $text-error" if b.automatic_fails else "bold"))
        name_width = max(len(t.name) for t in b.themes)
        for theme in b.themes:
            reached = "" if theme.reached is None else ("  level reached" if theme.reached else "  level not reached")
            out.append(literal(f"  {theme.name.ljust(name_width)}  {counts_text(theme.counts)}{reached}"))
        missing = b.missing()
        if missing:
            out.append(literal("What is missing", "bold"))
            for item in missing:
                out += hanging(join(item.label, (f" ({MISSING_WORDS[item.status]})", "$text-muted")), width)
                closes = closer_text(item, currency)
                if closes:
                    out += hanging(literal(closes, "$text-muted"), width, first="    ", rest="    ")
        out.append("")
        return lines(out)
