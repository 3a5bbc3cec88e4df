"""The start: choose or create an organisation, continue its draft, start a new assessment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from ..messages import Navigate
from ..text import count, join, lines, literal, printable
from ..widgets.keys_footer import KeysFooter

if TYPE_CHECKING:  # pragma: no cover
    from ...contract.result import Result
    from ...store import StoredAssessment
    from ...store.listing import Standing
    from ..workspace import Workspace

NEW = "+new"


class Listed(Message):
    """The organisations are on screen: the user can start working."""


@dataclass
class OrgSummary:
    """An organisation as the list shows it: from the database file alone at first (`standing`),
    then from the store, with its draft and its completed assessments."""

    name: str
    draft: StoredAssessment | None = None
    completed: list[StoredAssessment] = field(default_factory=list)
    standing: Standing | None = None

    @classmethod
    def early(cls, standing: Standing) -> OrgSummary:
        return cls(standing.name, standing=standing)

    @property
    def has_draft(self) -> bool:
        return self.draft is not None or (self.standing is not None and self.standing.draft_started is not None)

    @property
    def draft_started(self) -> dt.datetime | None:
        if self.draft is not None:
            return self.draft.created
        return self.standing.draft_started if self.standing is not None else None

    @property
    def draft_answers(self) -> int:
        if self.draft is not None:
            return len(self.draft.answer_file.answers)
        return self.standing.draft_answers if self.standing is not None else 0

    @property
    def done(self) -> int:
        """How many completed assessments it has (withdrawn ones left out)."""
        return self.standing.completed if self.standing is not None else len(self.completed)

    @property
    def last_when(self) -> dt.datetime | None:
        if self.standing is not None:
            return self.standing.last_completed
        return self.completed[-1].when if self.completed else None

    @property
    def last_result(self) -> Result | None:
        return self.completed[-1].result if self.completed else None


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

    def __init__(self, workspace: Workspace | None, listing: list[Standing] | None = None) -> None:
        """`workspace` is None while the database opens: the organisations are then listed from
        `listing` (read from the file alone), and `attach` completes the list."""
        super().__init__()
        self.workspace = workspace
        self._early = listing
        self.summaries: dict[str, OrgSummary] = {}
        self.listed = False
        #: what the user asked for before the database was open, done once it is
        self._waiting: list[Callable[[], None]] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield Static("Organisations", classes="pane-title")
                yield OptionList(id="orgs", markup=False)
            with Vertical(id="right"):
                yield Static("", id="details")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "choose an organisation"
        if self.workspace is None and self._early is not None:
            self._show([OrgSummary.early(s) for s in self._early], None)
        else:
            self.refresh_orgs()

    # -- loading -------------------------------------------------------------------------

    def attach(self, workspace: Workspace) -> None:
        """The database is open: list the organisations from it, and do what was asked meanwhile."""
        self.workspace = workspace
        self.refresh_orgs()

    def _when_open(self, action: Callable[[], None]) -> None:
        if self.workspace is not None:
            action()
        else:
            self._waiting.append(action)

    def refresh_orgs(self, select: str | None = None) -> None:
        if self.workspace is not None:
            self._load(select)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load(self, select: str | None) -> None:
        assert self.workspace is not None
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
        # once the list is drawn: what comes next (opening the database, loading the
        # questionnaires) must not hold up the first screen
        self.call_after_refresh(self._announce)
        if self.workspace is not None:
            waiting, self._waiting = self._waiting, []
            for action in waiting:
                action()

    @staticmethod
    def _prompt(summary: OrgSummary) -> object:
        if summary.has_draft:
            status = f"draft, {count(summary.draft_answers, 'answer')}"
        elif summary.last_when is not None:
            status = f"assessed {summary.last_when:%d %b %Y}"
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
            if action == "results" and not summary.done:
                return False
            if action == "discard" and not summary.has_draft:
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
        if summary.has_draft:
            text.append(literal(f"Draft started {summary.draft_started:%d %b %Y}, {count(summary.draft_answers, 'answer')} so far."))
            keys.append(("enter", "continue the draft where you stopped"))
        if summary.done and summary.last_when is not None:
            number = summary.done  # numbered per organisation
            text.append(literal(f"Last assessment: {number} of {number}, on {summary.last_when:%d %b %Y}."))
            result = summary.last_result
            if result is not None and result.weakest_link is not None:
                from ...report.plain import weakest_link_text

                text.append(literal(weakest_link_text(result)))
            if not summary.has_draft:
                keys.append(("enter", f"results of assessment {number}"))
            else:
                keys.append(("r", f"results of assessment {number}"))
            keys.append(("a", f"new assessment, starting from the answers of {number}"))
            keys.append(("h", "history and investments"))
        elif not summary.has_draft:
            text.append(literal("Not assessed yet."))
            keys.append(("enter", "start the first assessment"))
        if summary.has_draft:
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
            if not summary.done:
                self.notify(f"{summary.name} has no completed assessment yet.", markup=False)
                return
            self.post_message(Navigate(summary.name, "results"))

    def action_history(self) -> None:
        if summary := self._need_org():
            self.post_message(Navigate(summary.name, "history"))

    def action_new_org(self) -> None:
        self._when_open(self._new_org)

    def _new_org(self) -> None:
        assert self.workspace is not None

        def created(name: str | None) -> None:
            if name:
                self.refresh_orgs(select=name)
                self.post_message(Navigate(name, "open"))

        from .new_org import NewOrgScreen

        self.app.push_screen(NewOrgScreen(self.workspace), created)

    def action_discard(self) -> None:
        self._when_open(self._ask_discard)

    def _ask_discard(self) -> None:
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
