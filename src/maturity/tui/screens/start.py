"""The start: choose or create an organisation, continue its draft, start a new assessment."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from ...report.plain import weakest_link_text
from ..messages import Navigate
from ..text import count, join, lines, literal, printable
from .new_org import NewOrgScreen

if TYPE_CHECKING:  # pragma: no cover
    from ...store import StoredAssessment
    from ..workspace import Workspace

NEW = "+new"


class Listed(Message):
    """The organisations are on screen: the user can start working."""


@dataclass
class OrgSummary:
    name: str
    draft: StoredAssessment | None
    completed: list[StoredAssessment]

    @property
    def last(self) -> StoredAssessment | None:
        return self.completed[-1] if self.completed else None


class StartScreen(Screen[None]):
    CSS_PATH = "start.tcss"
    SCREEN_NAME = "organisations"
    HELP = (
        "Each organisation is a business you assess. Choose one to continue where you stopped: "
        "its open draft, or the results of its last assessment. A new assessment starts from "
        "the previous one, so a repeat only asks you to confirm or change your answers."
    )
    KEYS = [
        ("↑ ↓", "choose an organisation"),
        ("enter", "open it: continue the draft, else its latest results"),
        ("n", "new organisation"),
        ("a", "new assessment (starts from the previous one)"),
        ("r", "results of the latest assessment"),
        ("h", "history: assessments over time and investments"),
        ("x", "discard the open draft"),
    ]
    BINDINGS = [
        Binding("enter", "open", "Open", show=True, priority=False),
        Binding("n", "new_org", "New organisation"),
        Binding("a", "assess", "New assessment"),
        Binding("r", "results", "Results"),
        Binding("h", "history", "History"),
        Binding("x", "discard", "Discard draft", show=False),
        Binding("question_mark", "app.help", "Help", show=False),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.summaries: dict[str, OrgSummary] = {}
        self.listed = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield Static("Organisations", classes="pane-title")
                yield OptionList(id="orgs", markup=False)
            with Vertical(id="right"):
                yield Static("", id="details")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "choose an organisation"
        self.refresh_orgs()

    # -- loading -------------------------------------------------------------------------

    def refresh_orgs(self, select: str | None = None) -> None:
        self._load(select)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self, select: str | None) -> None:
        store = self.workspace.store
        try:
            summaries = [
                OrgSummary(org.name, store.draft(org.name), store.assessments(org.name, with_answers=False))
                for org in store.orgs()
            ]
        except Exception as exc:
            self.app.call_from_thread(self.app.show_problem, exc)  # type: ignore[attr-defined]
            self._announce()
            return
        self.app.call_from_thread(self._show, summaries, select)

    def _announce(self) -> None:
        """Say (once) that the user can start, listed or not, so the questionnaires load."""
        if not self.listed:
            self.listed = True
            self.post_message(Listed())

    def _show(self, summaries: list[OrgSummary], select: str | None) -> None:
        orgs = self.query_one("#orgs", OptionList)
        previous = orgs.highlighted_option.id if orgs.highlighted_option else None
        self.summaries = {s.name: s for s in summaries}
        options = [Option(self._prompt(s), id=s.name) for s in summaries]
        options.append(Option(join(("+ New organisation…", "$text-accent")), id=NEW))
        orgs.set_options(options)
        wanted = select or previous
        ids = [o.id for o in options]
        orgs.highlighted = ids.index(wanted) if wanted in ids else 0
        orgs.focus()
        self._describe()
        self._announce()

    @staticmethod
    def _prompt(summary: OrgSummary) -> object:
        if summary.draft is not None:
            status = f"draft, {count(len(summary.draft.answer_file.answers), 'answer')}"
        elif summary.last is not None:
            status = f"assessed {summary.last.when:%d %b %Y}"
        else:
            status = "not assessed yet"
        return lines([literal(summary.name, "bold"), literal(f"  {status}", "$text-muted")])

    # -- the details pane -------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._describe()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys that need an organisation (or its draft, or its results) show only when they apply."""
        if action in ("assess", "results", "history", "discard"):
            summary = self._current()
            if summary is None:
                return False
            if action == "results" and summary.last is None:
                return False
            if action == "discard" and summary.draft is None:
                return False
        return True

    def _current(self) -> OrgSummary | None:
        found = self.query("#orgs")
        if not found:
            return None
        option = found.first(OptionList).highlighted_option
        if option is None or option.id == NEW:
            return None
        return self.summaries.get(option.id or "")

    def _describe(self) -> None:
        details = self.query_one("#details", Static)
        summary = self._current()
        if summary is None:
            text = [literal("New organisation", "bold")]
            if not self.summaries:
                text.append(literal("No organisation yet. Add the business you are assessing to begin."))
            text += [
                literal(""),
                literal("You will describe the business (goals, budget, how it sells), then answer "
                        "questions domain by domain. Every answer is saved as you give it."),
                literal(""),
                join(("enter", "bold $text-accent"), "  create an organisation"),
            ]
            details.update(lines(text))
            return
        text = [literal(summary.name, "bold"), literal("")]
        keys: list[tuple[str, str]] = []
        if summary.draft is not None:
            d = summary.draft
            text.append(literal(f"Draft started {d.created:%d %b %Y}, {count(len(d.answer_file.answers), 'answer')} so far."))
            keys.append(("enter", "continue the draft where you stopped"))
        last = summary.last
        if last is not None and last.result is not None:
            number = len(summary.completed)  # numbered per organisation
            text.append(literal(f"Last assessment: {number} of {number}, on {last.when:%d %b %Y}."))
            weakest = last.result.weakest_link
            if weakest is not None:
                text.append(literal(weakest_link_text(last.result)))
            if summary.draft is None:
                keys.append(("enter", f"results of assessment {number}"))
            else:
                keys.append(("r", f"results of assessment {number}"))
            keys.append(("a", f"new assessment, starting from the answers of {number}"))
            keys.append(("h", "history and investments"))
        elif summary.draft is None:
            text.append(literal("Not assessed yet."))
            keys.append(("enter", "start the first assessment"))
        if summary.draft is not None:
            keys.append(("x", "discard the draft"))
        keys.append(("n", "new organisation"))
        text.append(literal(""))
        text += [join((k.ljust(5), "bold $text-accent"), "  ", what) for k, what in keys]
        details.update(lines(text))

    # -- actions ----------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        option = self.query_one("#orgs", OptionList).highlighted_option
        if option is None or option.id == NEW:
            self.action_new_org()
            return
        self.post_message(Navigate(option.id or "", "open"))

    def _need_org(self) -> OrgSummary | None:
        summary = self._current()
        if summary is None:
            self.notify("Choose an organisation first (↑ ↓), or press n to create one.", markup=False)
        return summary

    def action_assess(self) -> None:
        if summary := self._need_org():
            self.post_message(Navigate(summary.name, "assess"))

    def action_results(self) -> None:
        if summary := self._need_org():
            if summary.last is None:
                self.notify(f"{summary.name} has no completed assessment yet.", markup=False)
                return
            self.post_message(Navigate(summary.name, "results"))

    def action_history(self) -> None:
        if summary := self._need_org():
            self.post_message(Navigate(summary.name, "history"))

    def action_new_org(self) -> None:
        def created(name: str | None) -> None:
            if name:
                self.refresh_orgs(select=name)
                self.post_message(Navigate(name, "open"))

        self.app.push_screen(NewOrgScreen(self.workspace), created)

    def action_discard(self) -> None:
        from .confirm import ConfirmScreen

        summary = self._need_org()
        if summary is None:
            return
        draft = summary.draft
        if draft is None:
            self.notify(f"{summary.name} has no open draft.", markup=False)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._discard(draft.id)

        self.app.push_screen(
            ConfirmScreen(
                "Discard the draft?",
                f"The draft of {summary.name} started {draft.created:%d %b %Y} and its "
                f"{count(len(draft.answer_file.answers), 'answer')} will be deleted. Completed assessments are kept.",
                yes="Discard",
                no="Keep it",
            ),
            confirmed,
        )

    @work(thread=True, exit_on_error=False)
    def _discard(self, draft_id: int) -> None:
        try:
            self.workspace.writer.flush()
            self.workspace.store.discard_draft(draft_id)
        except Exception as exc:
            self.app.call_from_thread(self.app.show_problem, exc)  # type: ignore[attr-defined]
            return
        self.app.call_from_thread(self.refresh_orgs)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("New organisation", "Add a business to assess", self.action_new_org)
        for name in self.summaries:
            yield SystemCommand(f"Open {printable(name)}", "Continue its draft or see its latest results",
                                lambda name=name: self.post_message(Navigate(name, "open")))
