"""The terminal app: the App class, the one factory the command line and the tests share, and
the flow between screens (which screen follows which is decided here, from the messages the
screens post)."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import TYPE_CHECKING, Callable, Iterable, TypeVar

from textual import events, work
from textual.app import SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.content import Content
from textual.screen import Screen

from .background import BackgroundApp, CatalogLoader, OrgLister, StoreOpener, start_draft
from .colours import DARK, LIGHT, READABLE_DARK, READABLE_LIGHT
from .commands import LiteralCommands
from .keys import QUIT
from .messages import Navigate
from .problems import describe_error
from .text import count, literal
from .too_small import MIN_HEIGHT, MIN_WIDTH, WHILE_TOO_SMALL, TooSmall
from .workspace import Workspace

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..contract.profile import Profile
    from ..store import Store, StoredAssessment
    from ..store.listing import Standing

T = TypeVar("T")


class MaturityApp(BackgroundApp):
    """Takes a business from its first question to its next investment."""

    #: the start screen's rules are read with the app's: it is usually the first screen, and
    #: a screen's own CSS_PATH read later would parse the whole stylesheet again
    CSS_PATH = ["app.tcss", "screens/start.tcss"]
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
        list_orgs: OrgLister | None = None,
    ) -> None:
        super().__init__(load_catalog=load_catalog, open_store=open_store, today=today, freeze_gc=freeze_gc,
                         list_orgs=list_orgs)
        self._initial_theme = theme
        #: dialogs the flow between screens is waiting on: while every running flow is waiting
        #: for the user, the app has nothing left to do of its own (tests wait for that state)
        self.asking = 0

    # -- starting and stopping ------------------------------------------------------------

    def get_default_screen(self) -> Screen:
        listing = self.early_listing()
        if listing is not None:
            # the organisations are known at once: they are the first screen drawn
            from .screens.start import StartScreen

            return StartScreen(None, listing)
        from .screens.loading import LoadingScreen

        return LoadingScreen()

    def on_mount(self) -> None:
        self.screen_change_signal.subscribe(self, self._add_too_small)
        self._add_too_small(self.screen)
        if self._initial_theme:
            self.theme = self._initial_theme
        self.start_loading()

    def _workspace_ready(self, workspace: Workspace) -> None:
        from .screens.start import StartScreen

        super()._workspace_ready(workspace)
        if self.quitting:
            return
        shown = [s for s in self.screen_stack if isinstance(s, StartScreen)]
        if shown:
            shown[0].attach(workspace)
        else:
            self.push_screen(StartScreen(workspace))

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
        if self.quitting and isinstance(event, (events.Key, events.Paste, events.MouseDown, events.MouseUp, events.Click)):
            # the user asked to quit: a key typed meanwhile must not start anything new
            event.stop()
            event.prevent_default()
            return
        # while the notice hides the screen, a key must not act on what cannot be seen
        if self.too_small and not event.is_forwarded:
            if isinstance(event, events.Paste) or (isinstance(event, events.Key) and event.key not in WHILE_TOO_SMALL):
                event.stop()
                event.prevent_default()
                return
        await super().on_event(event)

    def _add_too_small(self, screen: Screen) -> None:
        """Every screen carries the notice it shows instead of itself below 80×24."""
        if screen.is_attached and not screen.query_children(TooSmall):
            screen.mount(TooSmall())

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
            draft = await asyncio.to_thread(start_draft, ws, org, edited)
        except Exception as exc:
            self.show_problem(exc)
            return
        await self._questionnaire(org, draft)

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
        """The recommendations, the recognised baselines or the capability graph of a completed
        assessment."""
        from .screens.baselines import BaselinesScreen
        from .screens.graph import GraphScreen
        from .screens.recommendations import RecommendationsScreen

        ws = self.workspace
        assert ws is not None and assessment_id is not None
        if target == "recommendations":
            self.push_screen(RecommendationsScreen(ws, org, assessment_id))
        elif target == "baselines":
            self.push_screen(BaselinesScreen(ws, org, assessment_id))
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

    def list_orgs() -> list[Standing] | None:
        from ..store.listing import list_orgs as listed

        return listed(db)

    return MaturityApp(
        load_catalog=load_catalog, open_store=open_db, today=today or dt.date.today, theme=theme, freeze_gc=freeze_gc,
        list_orgs=list_orgs,
    )


def run(*, questionnaire_dirs: Iterable[str] = (), db: str | None = None) -> None:
    """Run the app for the command line until the user quits (the database and the extra
    questionnaire folders as `create_app` takes them); exit status 1 when the database failed
    to store something meanwhile."""
    import sys

    app = create_app(questionnaire_dirs=questionnaire_dirs, db=db, freeze_gc=True)
    try:
        app.run()
    finally:
        app.shutdown()
    if app.crash is not None:
        print(crash_message(app.crash), file=sys.stderr)
    if app.database_error is not None:
        _, message = describe_error(app.database_error)
        print(f"maturity: some answers were not saved: {message}", file=sys.stderr)
        raise SystemExit(1)
    if app.crash is not None or app.return_code not in (0, None):
        raise SystemExit(1)


def crash_message(error: BaseException) -> str:
    """One line for an error nothing in the app handled."""
    from ..common.termtext import shown

    text = shown(str(error)) or "no details"
    return (f"maturity: the app stopped on an unexpected error ({type(error).__name__}: {text}); "
            "every answer given before it is saved. Please report it.")
