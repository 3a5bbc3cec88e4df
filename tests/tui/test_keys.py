"""Every key reachable at 80×24: each footer says how to go back and how to quit, and the help
screens scroll to their end by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from maturity.catalog import Catalog

from .test_snapshots import SCENES, seeded
from .tui_support import make_app, run, screen_text, settle


@pytest.mark.parametrize("scene", [s for s in SCENES if s != "start-empty"])
@run
async def test_every_footer_says_how_to_go_back_and_quit(scene: str, catalog: Catalog, db: Path) -> None:
    seed, steps = SCENES[scene]
    if seed:
        seeded(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await steps(pilot)
        footer = screen_text(app).rstrip("\n").splitlines()[-1]
        assert "^q Quit" in footer, footer
        if not scene.startswith("start"):  # the first screen has nothing to go back to
            assert "esc " in footer, footer
    app.shutdown()


@pytest.mark.parametrize("keys", [("f1",), ("question_mark",)], ids=["keys", "question-help"])
@run
async def test_the_help_scrolls_to_its_end_by_keyboard(keys: tuple[str, ...], catalog: Catalog, db: Path) -> None:
    seeded(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await SCENES["questionnaire"][1](pilot)
        await pilot.press(*keys)
        await settle(pilot)
        last = "closes this help"
        for _ in range(30):
            if last in screen_text(app):
                break
            await pilot.press("pagedown")
            await settle(pilot)
        text = screen_text(app)
        assert last in text, text
        if keys == ("f1",):
            assert "ctrl+q" in text  # the last key of the list, not cut off
        await pilot.press(*keys)  # the same key closes it
        await settle(pilot)
        assert type(app.screen).__name__ == "QuestionnaireScreen"
    app.shutdown()


@run
async def test_below_80x24_the_app_says_the_terminal_is_too_small(catalog: Catalog, db: Path) -> None:
    seeded(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await SCENES["questionnaire"][1](pilot)
        await pilot.resize_terminal(70, 20)
        await settle(pilot)
        text = screen_text(app)
        assert "The terminal is 70×20: maturity needs at least 80×24" in text
        assert "How much of one?" not in text  # not the screen with words cut off
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        text = screen_text(app)
        assert "needs at least" not in text and "How much of one?" in text
        await pilot.resize_terminal(100, 23)
        await settle(pilot)
        assert "The terminal is 100×23" in screen_text(app)
    app.shutdown()


@run
async def test_below_80x24_keys_do_not_act_on_the_hidden_screen(catalog: Catalog, db: Path) -> None:
    seeded(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await SCENES["questionnaire"][1](pilot)
        screen = app.screen
        before, focused = screen_text(app), app.focused
        await pilot.resize_terminal(70, 20)
        await settle(pilot)
        # an answer, moving on, the next unanswered, finishing, leaving, pasted text: none acts
        await pilot.press("1", "enter", "right", "u", "f", "p", "escape", "ctrl+s")
        app.post_message(events.Paste("3"))
        await settle(pilot)
        assert app.screen is screen
        assert "needs at least" in screen_text(app)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert app.screen is screen and app.focused is focused, app.focused
        assert screen_text(app) == before  # the same question, the same answer, as it was
        # the help still opens and closes while small, and quitting still works
        await pilot.resize_terminal(70, 20)
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("f1")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running
    app.shutdown()
