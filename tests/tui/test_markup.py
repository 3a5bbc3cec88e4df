"""Questionnaire, plugin and user text is shown literally: markup in it is displayed as typed
and does nothing."""

from __future__ import annotations

from pathlib import Path

from maturity.models import Answer
from maturity.tui.screens.questionnaire import QuestionnaireScreen

from .tui_support import catalog_from, make_app, run, screen_text, settle, start_draft

MARKUP = Path(__file__).parent / "fixtures" / "markup"


@run
async def test_markup_in_a_question_is_shown_as_typed_and_does_nothing(db: Path) -> None:
    catalog = catalog_from(MARKUP)
    start_draft(db, catalog, org="Acme [bold]Ltd[/]", answers={"ga.one.q": Answer(answer="b", note="Ask [@click=app.quit]Jo[/]")})
    app = make_app(catalog, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Acme [bold]Ltd[/]" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        await pilot.press("question_mark")  # the help too
        text = screen_text(app)
        for typed in (
            "[@click=app.quit]Quit now[/] or [bold red]x[/]?",
            "[@click=app.quit]Leave[/]",
            "[reverse]Stay[/reverse]",
            "Ask [@click=app.quit]Jo[/]",
            "Help [@click=app.quit]y[/]",
            "One [bold red]x[/]",
            "Gamma [b]bold[/b]",
            "Advice [link=https://example.invalid]z[/].",
        ):
            assert typed in text, typed
        # a click on each cell of the question's first line would quit if its markup were live
        question = app.screen.query_one("#question")
        top = question.styles.padding.top
        for x in range(0, 10):
            await pilot.click(question, offset=(x, top))
            assert app.is_running and isinstance(app.screen, QuestionnaireScreen)
        await pilot.click("#options", offset=(9, 0))  # the "Leave" option: only chooses it
        assert app.is_running
        await settle(pilot)
    app.shutdown()


@run
async def test_names_in_the_command_palette_are_shown_as_typed(db: Path) -> None:
    catalog = catalog_from(MARKUP)
    start_draft(db, catalog, org="Mia [/x] Shop")
    start_draft(db, catalog, org="[bold]Corner[/] Bakery")
    app = make_app(catalog, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")  # every command listed, before anything is typed
        await settle(pilot)
        text = screen_text(app)
        assert "Open Mia [/x] Shop" in text and "Open [bold]Corner[/] Bakery" in text
        await pilot.press(*"Mia")  # searched
        await settle(pilot)
        assert "Open Mia [/x] Shop" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, QuestionnaireScreen)
    app.shutdown()
