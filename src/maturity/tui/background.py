"""The app's work off the screen: opening the database and loading the questionnaires in worker
threads while the first screen shows, storing a new draft, and saying so when saving fails."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
from typing import TYPE_CHECKING, Callable

from textual import work
from textual.app import App
from textual.message import Message

from .problems import describe_error
from .text import printable
from .workspace import Workspace
from .writer import StoreWriter

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..contract.profile import Profile
    from ..store import Store, StoredAssessment
    from ..store.listing import Standing

CatalogLoader = Callable[[], "tuple[Catalog, list[str]]"]
StoreOpener = Callable[[], "Store"]
#: the organisations read without the store; None where that cannot be done for sure
OrgLister = Callable[[], "list[Standing] | None"]


class WriteFailed(Message):
    """Saving to the database failed (posted from the writer's thread); `about` is the
    question whose answer was not stored, or ""."""

    def __init__(self, error: BaseException, about: str) -> None:
        super().__init__()
        self.error = error
        self.about = about


class BackgroundApp(App[None]):
    """The app's loading and saving; MaturityApp adds the screens, the keys and the flow
    between screens."""

    def __init__(
        self,
        *,
        load_catalog: CatalogLoader,
        open_store: StoreOpener,
        today: Callable[[], dt.date],
        freeze_gc: bool,
        list_orgs: OrgLister | None = None,
    ) -> None:
        super().__init__()
        self._list_orgs = list_orgs
        self._listing: list[Standing] | None = None
        self._freeze_gc = freeze_gc
        self._load_catalog = load_catalog
        self._open_store = open_store
        self._today = today
        self.workspace: Workspace | None = None
        #: the last error the database gave while saving: the app then exits with status 1
        self.database_error: BaseException | None = None
        #: set as soon as the user asks to quit: from then on keys do nothing, so that one typed
        #: while the last answers are stored cannot open a screen into an app that is closing
        self.quitting = False
        #: an error nothing in the app handled: the app has stopped, and says so in one line
        self.crash: BaseException | None = None

    # -- loading ----------------------------------------------------------------------------

    def early_listing(self) -> list[Standing] | None:
        """The organisations as the database file lists them, read without the store (see
        store/listing.py: one read-only query of a few milliseconds), so that the first screen
        waits for nothing; None where that cannot be done, and the store lists them."""
        self._listing = None
        if self._list_orgs is not None:
            try:
                self._listing = self._list_orgs()
            except Exception:  # the store reads the file next, and says what is wrong with it
                self._listing = None
        return self._listing

    def start_loading(self) -> None:
        """Open the database (unless the organisations are listed already: then once they are
        drawn), then load the questionnaires, in the background (once the app is mounted)."""
        self._catalog_ready = asyncio.Event()
        self._store_ready = asyncio.Event()
        self._listed = False
        if self._listing is None:
            self._load()

    @work(thread=True, exit_on_error=False, name="load")
    def _load(self) -> None:
        """Open the database (on a worker thread)."""
        try:
            store = self._open_store()
        except BaseException as exc:  # shown on screen: a bad database must not crash the app
            self.call_from_thread(self.show_problem, exc, fatal=True)
            return
        workspace = Workspace(store=store, writer=StoreWriter(on_error=self._write_failed), today=self._today)
        self.call_from_thread(self._workspace_ready, workspace)

    def _workspace_ready(self, workspace: Workspace) -> None:
        """The database is open (on the app's thread): MaturityApp then lists the organisations,
        or completes the list it showed."""
        self.workspace = workspace
        self._store_ready.set()
        if self._listed:
            self._start_loading_questionnaires()

    def on_listed(self, message: Message) -> None:
        # the organisations are on screen: open the database if it is not yet, then load the
        # questionnaires while the user reads them
        self._listed = True
        if self.workspace is not None:
            self._start_loading_questionnaires()
        elif not any(w.name == "load" for w in self.workers) and not self._store_ready.is_set():
            self._load()

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
        """The workspace once the database is open and the questionnaires are loaded (waiting for
        them if need be)."""
        await self._store_ready.wait()
        if not self._catalog_ready.is_set():
            self._start_loading_questionnaires()
            self.notify("Loading the questionnaires…", timeout=2, markup=False)
            await self._catalog_ready.wait()
        assert self.workspace is not None
        return self.workspace

    # -- saving -----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Store every answer still queued and close the database."""
        workspace, self.workspace = self.workspace, None
        if workspace is not None:
            workspace.writer.close()
            workspace.store.close()

    async def action_quit(self) -> None:
        if self.quitting:
            return
        self.quitting = True
        if self.workspace is not None:
            await asyncio.to_thread(self.workspace.writer.flush)
        await super().action_quit()

    def _handle_exception(self, error: Exception) -> None:
        # Textual stops the app and would print a full traceback with its locals on the
        # terminal; `run` says what happened in one line instead (and the exit status is 1)
        if self.crash is None:
            self.crash = error
        super()._handle_exception(error)
        self._exit_renderables.clear()

    def _write_failed(self, exc: BaseException, about: str) -> None:
        # runs on the writer's thread: post, never wait for the screen (flush may be waiting on us)
        self.post_message(WriteFailed(exc, about))

    def on_write_failed(self, message: WriteFailed) -> None:
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

    # -- problems ---------------------------------------------------------------------------

    def show_problem(self, exc: BaseException, *, fatal: bool = False) -> None:
        """A readable message on screen: a full screen when nothing can go on, else a notice."""
        from ..common.errors import StoreError

        if isinstance(exc, StoreError):
            self.database_error = exc
        title, message = describe_error(exc)
        if fatal:
            from .screens.problem import ProblemScreen

            self.push_screen(ProblemScreen(title, message))
        else:
            self.notify(message, title=title, severity="error", timeout=12, markup=False)

    def notify(self, message: str, *, title: str = "", **kwargs: object) -> None:  # type: ignore[override]
        """Notices name organisations and questions: their control characters are written out."""
        super().notify(printable(message), title=printable(title), **kwargs)  # type: ignore[arg-type]


def start_draft(ws: Workspace, org: str, profile: Profile) -> StoredAssessment:
    """Store a new draft for `org` with `profile` (on a worker thread), once every queued
    answer is stored; the draft as stored."""
    ws.writer.flush()
    ws.store.start_draft(org, profile, ws.catalog.for_profile(profile).versions(), from_previous=True, known_questions=list(ws.catalog.questions))
    draft = ws.store.draft(org)
    assert draft is not None
    return draft
