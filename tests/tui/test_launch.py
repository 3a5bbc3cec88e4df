"""The first screen lists the organisations from the database file alone, before the store has
opened; what needs the store waits for it."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path
from typing import Callable

from textual.pilot import Pilot

from maturity.assessment.models import Answer
from maturity.catalog import Catalog
from maturity.tui.screens.new_org import NewOrgScreen
from maturity.tui.screens.start import StartScreen

from .tui_support import PATIENCE, make_app, run, screen_text, seed_history, settle, start_draft


async def _until(pilot: Pilot, done: Callable[[], bool]) -> None:
    """Wait for the app to reach a state while a worker is held (settle would wait for it)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE
    while not done():
        assert loop.time() < deadline, "the app did not get there"
        await pilot.pause()


@run
async def test_the_organisations_show_before_the_database_is_open(catalog: Catalog, db: Path) -> None:
    seed_history(db, catalog)
    start_draft(db, catalog, org="Beta Bakes", answers={"al.one.q": Answer(answer="all")})
    app = make_app(catalog, db)
    gate = threading.Event()
    opening = app._open_store

    def held():
        gate.wait()
        return opening()

    app._open_store = held
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await _until(pilot, lambda: isinstance(app.screen, StartScreen) and app.screen.listed)
            assert app.workspace is None
            text = screen_text(app)
            assert "Acme" in text and "assessed 16 Feb 2026" in text and "Last assessment: 2 of 2" in text
            assert "Beta Bakes" in text and "draft, 1 answer" in text
            await pilot.press("n")  # a new organisation needs the database: it waits for it
            await pilot.pause()
            assert isinstance(app.screen, StartScreen)
            gate.set()
            await settle(pilot)
            assert isinstance(app.screen, NewOrgScreen)
            await pilot.press("escape")
            await settle(pilot)
            # with the store open, the details give what only the results say
            assert "weakest" in screen_text(app).lower()
    finally:
        gate.set()
    app.shutdown()


@run
async def test_the_organisations_are_the_first_screen(catalog: Catalog, db: Path) -> None:
    """Known from the file, the organisations are the app's first screen, not a screen pushed
    over a loading screen; its rules (read with the app's) apply from the start."""
    from maturity.tui.screens.loading import LoadingScreen

    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert [type(s) for s in app.screen_stack] == [StartScreen]
        assert app.screen.query_one("#left").styles.max_width.value == 48
        assert "Acme" in screen_text(app)
    app.shutdown()
    # where the file cannot be read alone, the loading screen shows until the store lists them
    late = make_app(catalog, db)
    late._list_orgs = None
    async with late.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert [type(s) for s in late.screen_stack] == [LoadingScreen, StartScreen]
        assert late.screen.query_one("#left").styles.max_width.value == 48
    late.shutdown()


@run
async def test_the_start_screen_footer_shows_its_keys_as_textual_does(catalog: Catalog, db: Path) -> None:
    """The footer built once per change of keys shows the keys Textual's own footer would."""
    from textual.widgets._footer import FooterKey

    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        shown = {b.key for (_, b, _, _) in app.screen.active_bindings.values() if b.show}
        keys = list(app.screen.query(FooterKey))
        assert {k.key for k in keys} == shown | {app.COMMAND_PALETTE_BINDING}
        assert not [k for k in keys if k.has_class("-compact") and not k.has_class("-command-palette")]
        await pilot.press("down")  # the new-organisation line: the keys that need an organisation go
        await settle(pilot)
        shown = {b.key for (_, b, _, _) in app.screen.active_bindings.values() if b.show}
        assert {k.key for k in app.screen.query(FooterKey)} == shown | {app.COMMAND_PALETTE_BINDING}
    app.shutdown()
