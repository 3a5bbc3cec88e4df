"""The terminal app: the App class, the one factory the command line and the tests share, and
the flow between screens (which screen follows which is decided here, from the messages the
screens post)."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
from typing import TYPE_CHECKING, Callable, Iterable, TypeVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from ..common.errors import MaturityError
from .commands import LiteralCommands
from .keys import QUIT
from .messages import Navigate
from .text import count, literal, printable
from .screens.loading import LoadingScreen
from .screens.problem import ProblemScreen
from .workspace import Workspace
from .writer import StoreWriter

MIN_WIDTH, MIN_HEIGHT = 80, 24
#: The keys the app takes while it is too small: the screen under the notice takes none (it
#: cannot be seen), so only quitting and the help remain.
WHILE_TOO_SMALL = frozenset({"ctrl+q", "ctrl+c", "f1"})

#: Colours that reach 4.5:1 against every background they are drawn on (tests/tui/test_contrast.py
#: computes it, and checks what every screen draws): a darker highlighted row, so coloured text
#: stays readable on it; in the light theme darker accent, success and warning text; the sides of
#: text boxes (3:1, as WCAG asks of a control's outline) and a darker primary button.
READABLE_DARK = {
    "block-cursor-background": "#0B2E4F",
    "text-error": "#E48FA3",
    "input-outline": "#8A8A8A",
    "button-primary-background": "#0B5EA8",
}
READABLE_LIGHT = {
    "block-cursor-background": "#CFE0F0",
    "block-cursor-blurred-background": "#C8D4DE",
    "input-outline": "#6B6B6B",
    "button-primary-background": "#004578",
    "text-accent": "#6E4200",
    "text-warning": "#6E4200",
    "text-success": "#1B5E31",
    "footer-key-foreground": "#004578",
}


class TooSmall(Static):
    """Shown instead of the screen when the terminal is smaller than the app needs."""

    #: the widget that had the focus when the notice hid the screen: it gets it back
    focus_before: Widget | None = None

    def on_hide(self) -> None:
        widget, self.focus_before = self.focus_before, None
        if widget is not None and widget.is_attached and widget.screen is self.screen:
            widget.focus()

    def render(self) -> Content:
        width, height = self.app.size
        return literal(
            f"The terminal is {width}×{height}: maturity needs at least {MIN_WIDTH}×{MIN_HEIGHT} to show "
            "every word. Make the window larger (or the font smaller): until then keys wait, and "
            "the screen comes back as it was. ctrl+q quits; everything is saved."
        )

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..cli.context import Session
    from ..contract.profile import Profile
    from ..store import Store, StoredAssessment

CatalogLoader = Callable[[], "tuple[Catalog, list[str]]"]
StoreOpener = Callable[[], "Store"]

DARK, LIGHT = "textual-dark", "textual-light"
T = TypeVar("T")


def describe_error(exc: BaseException) -> tuple[str, str]:
    """A title and a message for the user, never a traceback."""
    if isinstance(exc, MaturityError):
        return exc.title.capitalize(), str(exc)
    return "Unexpected error", f"{type(exc).__name__}: {exc}"


class MaturityApp(App[None]):
    """Takes a business from its first question to its next investment."""

    CSS_PATH = "app.tcss"
    TITLE = "maturity"
    COMMANDS = {LiteralCommands}
    #: below 80×24 every screen says the terminal is too small (TooSmall) instead of cutting words
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-tall")]
    BINDINGS = [
        Binding("f1", "help", "Keys", tooltip="Every key of this screen, and what the screen is for."),
        QUIT,  # on every screen, text boxes included, so that every footer says how to leave
        Binding("ctrl+t", "toggle_theme", "Light/dark", show=False, tooltip="Switch between the light and the dark theme."),
    ]

    def __init__(
        self,
        *,
        load_catalog: CatalogLoader,
        open_store: StoreOpener,
        today: Callable[[], dt.date] = dt.date.today,
        theme: str | None = None,
        freeze_gc: bool = False,
    ) -> None:
        super().__init__()
        self._freeze_gc = freeze_gc
        self._load_catalog = load_catalog
        self._open_store = open_store
        self._today = today
        self._initial_theme = theme
        self.workspace: Workspace | None = None
        #: dialogs the flow between screens is waiting on: while every running flow is waiting
        #: for the user, the app has nothing left to do of its own (tests wait for that state)
        self.asking = 0
        #: the last error the database gave while saving: the app then exits with status 1
        self.database_error: BaseException | None = None

    # -- starting and stopping ------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        return LoadingScreen()

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._add_too_small)
        self._add_too_small(self.screen)
        if self._initial_theme:
            self.theme = self._initial_theme
        self._catalog_ready = asyncio.Event()
        self._load()

    @work(thread=True, exit_on_error=False, name="load")
    def _load(self) -> None:
        """Open the database, so that the organisations can be listed."""
        try:
            store = self._open_store()
        except BaseException as exc:  # shown on screen: a bad database must not crash the app
            self.call_from_thread(self.show_problem, exc, fatal=True)
            return
        workspace = Workspace(store=store, writer=StoreWriter(on_error=self._write_failed), today=self._today)
        self.call_from_thread(self._workspace_ready, workspace)

    def on_listed(self, message: Message) -> None:
        # the organisations are on screen: load the questionnaires while the user reads them
        self._start_loading_questionnaires()

    def _start_loading_questionnaires(self) -> None:
        if not self._catalog_ready.is_set() and not any(w.name == "catalog" for w in self.workers):
            self._load_questionnaires()

    @work(thread=True, exit_on_error=False, name="catalog")
    def _load_questionnaires(self) -> None:
        try:
            catalog, warnings = self._load_catalog()
        except BaseException as exc:  # a broken plugin or questionnaire: said on screen
            self.call_from_thread(self.show_problem, exc, fatal=True)
            return
        self.call_from_thread(self._catalog_loaded, catalog, warnings)

    def _workspace_ready(self, workspace: Workspace) -> None:
        from .screens.start import StartScreen

        self.workspace = workspace
        self.push_screen(StartScreen(workspace))

    def _catalog_loaded(self, catalog: Catalog, warnings: list[str]) -> None:
        assert self.workspace is not None
        self.workspace.loaded = catalog
        if self._freeze_gc:
            # everything loaded so far lives as long as the process: keep it out of the garbage
            # collector's full passes, which would otherwise stall a keystroke now and then
            gc.freeze()
        for warning in warnings:
            self.notify(warning, title="Plugin problem", severity="warning", timeout=15, markup=False)
        self._catalog_ready.set()

    async def _questionnaires(self) -> Workspace:
        """The workspace once the questionnaires are loaded (waiting for them if need be)."""
        if not self._catalog_ready.is_set():
            self._start_loading_questionnaires()
            self.notify("Loading the questionnaires…", timeout=2, markup=False)
            await self._catalog_ready.wait()
        assert self.workspace is not None
        return self.workspace

    def shutdown(self) -> None:
        """Store every answer still queued and close the database."""
        workspace, self.workspace = self.workspace, None
        if workspace is not None:
            workspace.writer.close()
            workspace.store.close()

    async def action_quit(self) -> None:
        if self.workspace is not None:
            await asyncio.to_thread(self.workspace.writer.flush)
        await super().action_quit()

    @property
    def too_small(self) -> bool:
        """Whether the terminal is below 80×24, so that the notice hides the screen."""
        width, height = self.size
        return width < MIN_WIDTH or height < MIN_HEIGHT

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Resize) and not self.too_small:
            width, height = event.size
            if width < MIN_WIDTH or height < MIN_HEIGHT:
                # the notice is about to hide the screen, and the focus with it
                for notice in self.screen.query_children(TooSmall):
                    notice.focus_before = self.screen.focused
        # while the notice hides the screen, a key must not act on what cannot be seen
        elif self.too_small and not event.is_forwarded:
            if isinstance(event, events.Paste) or (isinstance(event, events.Key) and event.key not in WHILE_TOO_SMALL):
                event.stop()
                event.prevent_default()
                return
        await super().on_event(event)

    def _add_too_small(self, screen: Screen) -> None:
        """Every screen carries the notice it shows instead of itself below 80×24."""
        if not screen.query_children(TooSmall):
            screen.mount(TooSmall())

    # -- problems -------------------------------------------------------------------------

    def show_problem(self, exc: BaseException, *, fatal: bool = False) -> None:
        """A readable message on screen: a full screen when nothing can go on, else a notice."""
        from ..common.errors import StoreError

        if isinstance(exc, StoreError):
            self.database_error = exc
        title, message = describe_error(exc)
        if fatal:
            self.push_screen(ProblemScreen(title, message))
        else:
            self.notify(message, title=title, severity="error", timeout=12, markup=False)

    class WriteFailed(Message):
        """Saving to the database failed (posted from the writer's thread); `about` is the
        question whose answer was not stored, or ""."""

        def __init__(self, error: BaseException, about: str) -> None:
            super().__init__()
            self.error = error
            self.about = about

    def _write_failed(self, exc: BaseException, about: str) -> None:
        # runs on the writer's thread: post, never wait for the screen (flush may be waiting on us)
        self.post_message(self.WriteFailed(exc, about))

    def on_maturity_app_write_failed(self, message: WriteFailed) -> None:
        # one keystroke queues several writes (the answer, the position): say it once
        first = self.database_error is None
        self.database_error = message.error
        if first:
            title, text = describe_error(message.error)
            self.notify(f"{text}. Answers given now are not saved; maturity says so after each one.",
                        title=f"{title}: not saved", severity="error", timeout=30, markup=False)
        unsaved = getattr(self.screen, "not_saved", None)
        if message.about and callable(unsaved):
            unsaved(message.about)

    def notify(self, message: str, *, title: str = "", **kwargs: object) -> None:  # type: ignore[override]
        """Notices name organisations and questions: their control characters are written out."""
        super().notify(printable(message), title=printable(title), **kwargs)  # type: ignore[arg-type]

    # -- keys -----------------------------------------------------------------------------

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_css_variables(self) -> dict[str, str]:
        """The theme's colours, with the few that fall short of WCAG AA (4.5:1 for text) on the
        app's backgrounds replaced: the highlighted row, and coloured text in the light theme."""
        variables = super().get_css_variables()
        variables.update(READABLE_DARK if self.current_theme.dark else READABLE_LIGHT)
        return variables

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's title: the screen's subtitle at full strength (Textual dims it, below
        4.5:1 in the light theme)."""
        return Content.assemble(literal(title), " — ", literal(sub_title)) if sub_title else literal(title)

    def action_toggle_theme(self) -> None:
        self.theme = LIGHT if self.theme == DARK or "dark" in self.theme else DARK

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        commands = getattr(screen, "palette_commands", None)
        if callable(commands):
            yield from commands()
        yield SystemCommand("Keys and help", "Every key of this screen, and what it is for", self.action_help)
        yield SystemCommand("Light or dark", "Switch between the light and the dark theme", self.action_toggle_theme)
        if self.workspace is not None:
            yield SystemCommand("Organisations", "Back to the list of organisations", self.go_home)
        # Textual's own "Keys" panel and theme picker would repeat the two above less well
        yield from (c for c in super().get_system_commands(screen) if c.title not in ("Keys", "Theme"))

    # -- the flow between screens ------------------------------------------------------------

    def on_navigate(self, message: Navigate) -> None:
        org, target = message.org, message.target
        if target == "open":
            self.open_org(org)
        elif target == "assess":
            self.new_assessment(org)
        elif target == "home":
            self.go_home()
        else:
            self._show_when_loaded(org, target, message.assessment_id, message.domain)

    @work(group="flow", exit_on_error=False)
    async def _show_when_loaded(self, org: str, target: str, assessment_id: int | None, domain: str | None) -> None:
        await self._questionnaires()
        if target == "results":
            self.show_results(org)
        elif target == "history":
            self.show_history(org)
        else:
            self.show_assessment(org, target, assessment_id, domain)

    def on_questionnaire_screen_completed(self, message: Message) -> None:
        self.show_results(message.org, replace=True)  # type: ignore[attr-defined]

    def go_home(self) -> None:
        from .screens.start import StartScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, StartScreen):
            self.pop_screen()
        if isinstance(self.screen, StartScreen):
            self.screen.refresh_orgs()

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def open_org(self, org: str) -> None:
        """Continue the draft, else show the latest results, else start a first assessment."""
        loaded = await self._org_state(org)
        if loaded is None:
            return
        ws, draft, done = loaded
        if draft is not None:
            await self._questionnaire(org, draft)
        elif done:
            self.show_results(org)
        else:
            await self._new_assessment(org, None)

    @work(exclusive=True, group="flow", exit_on_error=False)
    async def new_assessment(self, org: str) -> None:
        """Start a new assessment, from the previous one when there is one."""
        loaded = await self._org_state(org)
        if loaded is None:
            return
        ws, draft, done = loaded
        if draft is not None:
            from .screens.confirm import ConfirmScreen

            answered = len(draft.answer_file.answers)
            keep = await self._ask(
                ConfirmScreen(
                    "A draft is open",
                    f"{org} has a draft started {draft.created:%d %b %Y} with {count(answered, 'answer')}. "
                    "Continue it, or discard it and start again?",
                    yes="Continue the draft",
                    no="Discard and start again",
                )
            )
            if keep is None:
                return
            if keep:
                await self._questionnaire(org, draft)
                return
            if answered and not await self._ask(
                ConfirmScreen(
                    "Discard the draft?",
                    f"The draft of {org} started {draft.created:%d %b %Y} and its {count(answered, 'answer')} "
                    "will be deleted. Completed assessments are kept.",
                    yes="Discard",
                    no="Keep it",
                )
            ):
                return
            try:
                await asyncio.to_thread(ws.store.discard_draft, draft.id)
            except Exception as exc:
                self.show_problem(exc)
                return
        await self._new_assessment(org, done[-1] if done else None)

    async def _ask(self, screen: Screen[T]) -> T:
        """Show a dialog and wait for the user's answer."""
        self.asking += 1
        try:
            return await self.push_screen_wait(screen)
        finally:
            self.asking -= 1

    async def _org_state(self, org: str) -> tuple[Workspace, StoredAssessment | None, list[StoredAssessment]] | None:
        """The workspace, the open draft and the completed assessments of `org`; None (with the
        problem on screen) when the database cannot be read."""
        ws = await self._questionnaires()
        try:
            draft, done = await asyncio.to_thread(lambda: (ws.store.draft(org), ws.store.assessments(org, with_answers=False)))
        except Exception as exc:
            self.show_problem(exc)
            return None
        return ws, draft, done

    async def _new_assessment(self, org: str, previous: StoredAssessment | None) -> None:
        from ..contract.profile import Profile
        from .screens.onboarding import OnboardingScreen

        ws = self.workspace
        assert ws is not None
        profile = previous.answer_file.profile if previous is not None else Profile(name=org)
        edited: Profile | None = await self._ask(OnboardingScreen(ws, org, profile, repeat=previous is not None))
        if edited is None:
            return
        try:
            draft = await asyncio.to_thread(self._start_draft, ws, org, edited)
        except Exception as exc:
            self.show_problem(exc)
            return
        await self._questionnaire(org, draft)

    @staticmethod
    def _start_draft(ws: Workspace, org: str, profile: Profile) -> StoredAssessment:
        ws.writer.flush()
        ws.store.start_draft(org, profile, ws.versions(), from_previous=True, known_questions=list(ws.catalog.questions))
        draft = ws.store.draft(org)
        assert draft is not None
        return draft

    async def _questionnaire(self, org: str, draft: StoredAssessment) -> None:
        from .screens.questionnaire import QuestionnaireScreen

        await self.push_screen(QuestionnaireScreen(self.workspace, org, draft))  # type: ignore[arg-type]

    def show_results(self, org: str, *, replace: bool = False) -> None:
        from .screens.dashboard import DashboardScreen

        screen = DashboardScreen(self.workspace, org)  # type: ignore[arg-type]
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def show_assessment(self, org: str, target: str, assessment_id: int | None, domain: str | None) -> None:
        """The recommendations or the capability graph of a completed assessment."""
        from .screens.graph import GraphScreen
        from .screens.recommendations import RecommendationsScreen

        ws = self.workspace
        assert ws is not None and assessment_id is not None
        if target == "recommendations":
            self.push_screen(RecommendationsScreen(ws, org, assessment_id))
        else:
            self.push_screen(GraphScreen(ws, org, domain=domain, assessment_id=assessment_id))

    def show_history(self, org: str) -> None:
        from .screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.workspace, org))  # type: ignore[arg-type]

    def edit_profile(self, org: str, draft_id: int, profile: Profile, done: Callable[[Profile], None]) -> None:
        """Change the profile of the open draft, then hand the new profile back."""
        from .screens.onboarding import OnboardingScreen

        ws = self.workspace
        assert ws is not None

        def saved(edited: Profile | None) -> None:
            if edited is None:
                return
            ws.writer.submit(lambda: ws.store.save_profile(draft_id, edited))
            done(edited)

        self.push_screen(OnboardingScreen(ws, org, profile, repeat=True, editing=True), saved)


def create_app(
    *,
    questionnaire_dirs: Iterable[str] = (),
    db: str | None = None,
    catalog: Catalog | None = None,
    today: Callable[[], dt.date] | None = None,
    theme: str | None = None,
    freeze_gc: bool = False,
) -> MaturityApp:
    """The app, for the command line and the tests alike.

    :param questionnaire_dirs: extra folders of TOML questionnaires (``--questionnaires``).
    :param db: the database file; None for MATURITY_DB or the default file.
    :param catalog: a catalog already built (tests); by default plugins are loaded as the
        command line loads them.
    :param today: the date the app takes as today (tests pin it).
    :param theme: a Textual theme name, e.g. ``textual-light``.
    :param freeze_gc: once loaded, keep the long-lived objects out of full garbage collections
        (for a process that runs only the app; tests that start many apps leave it off).
    """

    def load_catalog() -> tuple[Catalog, list[str]]:
        if catalog is not None:
            failures = catalog.plugins.failures if catalog.plugins is not None else []
            warnings = list(failures)
            failures.clear()
            return catalog, warnings
        from ..catalog import build_catalog
        from ..plugins import load_plugins, user_questionnaire_dir

        plugins = load_plugins(list(questionnaire_dirs), user_dir=user_questionnaire_dir())
        built = build_catalog(plugins)
        warnings = list(plugins.failures)
        plugins.failures.clear()
        return built, warnings

    def open_db() -> Store:
        from ..store import open_store

        return open_store(db)

    return MaturityApp(
        load_catalog=load_catalog, open_store=open_db, today=today or dt.date.today, theme=theme, freeze_gc=freeze_gc
    )


def run(session: Session) -> None:
    """Run the app for a command-line session until the user quits; exit status 1 when the
    database failed to store something meanwhile."""
    import sys

    app = create_app(questionnaire_dirs=session.questionnaire_dirs, db=session.db, freeze_gc=True)
    try:
        app.run()
    finally:
        app.shutdown()
    if app.database_error is not None:
        _, message = describe_error(app.database_error)
        print(f"maturity: some answers were not saved: {message}", file=sys.stderr)
        raise SystemExit(1)
