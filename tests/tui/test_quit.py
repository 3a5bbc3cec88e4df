"""Quitting: keys typed while the app stores the last answers and closes do nothing, and an
error nothing in the app handled ends it with one line and exit status 1, never a traceback."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events

from maturity.catalog import Catalog
from maturity.tui.app import MaturityApp
from maturity.tui.screens.start import StartScreen

from .tui_support import PATIENCE, make_app, run, settle, start_draft


async def closed(app: MaturityApp) -> None:
    """Wait for the app to finish closing by itself."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE
    while app.is_running:
        assert loop.time() < deadline, "the app did not close"
        await asyncio.sleep(0.001)


@pytest.mark.parametrize("keys", ["qn", "qa", "qh", "qr", "q\r", "qnq", "qqqq"])
@run
async def test_keys_typed_while_quitting_do_nothing(catalog: Catalog, db: Path, keys: str) -> None:
    start_draft(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        # as a terminal delivers them: one after the other, nobody waiting for the first to act
        for key in keys:
            name = "enter" if key == "\r" else key
            app.post_message(events.Key(name, key))
        await closed(app)
    assert getattr(app, "crash", None) is None
    assert app.return_code == 0
    app.shutdown()


def test_an_error_nothing_handles_ends_the_app_with_one_line_and_status_1(
    catalog: Catalog, db: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str],
) -> None:
    """`maturity` (the app, run as the command line runs it) when a screen breaks."""
    import maturity.tui.app as tui_app

    start_draft(db, catalog)

    def broken(self: StartScreen) -> None:
        raise RuntimeError("the list broke\x1b]2;PWNED\x07")

    monkeypatch.setattr(StartScreen, "on_mount", broken)
    made: list[MaturityApp] = []

    def create_app(**kwargs: object) -> MaturityApp:
        app = make_app(catalog, db)
        made.append(app)
        return app

    monkeypatch.setattr(tui_app, "create_app", create_app)
    headless_run = MaturityApp.run
    monkeypatch.setattr(MaturityApp, "run", lambda self: headless_run(self, headless=True, size=(100, 30)))
    with pytest.raises(SystemExit) as stopped:
        tui_app.run(db=str(db))
    assert stopped.value.code == 1
    out, err = capfd.readouterr()
    assert "Traceback" not in out + err and "locals" not in out + err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines == [
        "maturity: the app stopped on an unexpected error (RuntimeError: the list broke\\e]2;PWNED\\a); "
        "every answer given before it is saved. Please report it."
    ], err
    assert made and isinstance(made[0].crash, RuntimeError)
