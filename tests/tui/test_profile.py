"""The profile form does not surprise: the cursor lands where text is added, escape asks before
throwing changes away, and saving an empty profile says what the plan then assumes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from maturity.catalog import Catalog
from maturity.tui.screens.confirm import ConfirmScreen
from maturity.tui.screens.onboarding import OnboardingScreen
from maturity.tui.screens.questionnaire import QuestionnaireScreen
from maturity.tui.screens.start import StartScreen

from .tui_support import make_app, run, seed_history, settle, stored


async def repeat_form(pilot) -> OnboardingScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("a")  # a new assessment of Acme, from its last one
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, OnboardingScreen)
    return screen


@run
async def test_typing_adds_to_a_field_and_backspace_takes_one_letter(catalog: Catalog, db: Path) -> None:
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await repeat_form(pilot)
        assert app.focused is screen.query_one("#name")  # always the first field
        await pilot.press("tab")
        industry = screen.query_one("#industry", Input)
        assert app.focused is industry
        await pilot.press("s")
        assert industry.value == "retails"  # added to, not replaced
        await pilot.press("backspace")
        assert industry.value == "retail"
        await pilot.press("backspace")
        assert industry.value == "retai"
    app.shutdown()


@run
async def test_escape_asks_before_dropping_changes(catalog: Catalog, db: Path) -> None:
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await repeat_form(pilot)
        await pilot.press("escape")  # nothing changed: leaves at once
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        screen = await repeat_form(pilot)
        await pilot.press("end", "!")  # the name changed
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await settle(pilot)
        assert app.screen is screen and screen.query_one("#name", Input).value == "Acme!"
        await pilot.press("escape", "y")  # discard them
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
    app.shutdown()
    with stored(db) as store:
        assert store.draft("Acme") is None


@run
async def test_an_empty_profile_says_what_the_plan_assumes(catalog: Catalog, db: Path) -> None:
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Harbour", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        said = " ".join(str(n.message) for n in app._notifications)
        assert "every goal counts the same" in said and "online selling" in said
        assert "no budget" in said and "no training hours" in said
    app.shutdown()
