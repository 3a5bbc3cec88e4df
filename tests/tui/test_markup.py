"""Questionnaire, plugin and user text is shown literally: markup in it is displayed as typed
and does nothing."""

from __future__ import annotations

from pathlib import Path

from maturity.assessment.models import Answer
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
        text = screen_text(app)
        for typed in (
            "[@click=app.quit]Quit now[/] or [bold red]x[/]?",
            "[@click=app.quit]Leave[/]",
            "[reverse]Stay[/reverse]",
            "Ask [@click=app.quit]Jo[/]",
            "One [bold red]x[/]",
            "Gamma [b]bold[/b]",
        ):
            assert typed in text, typed
        await pilot.press("question_mark")  # the help too
        await settle(pilot)
        text = screen_text(app)
        for typed in (
            "[@click=app.quit]Quit now[/] or [bold red]x[/]?",
            "Help [@click=app.quit]y[/]",
            "Advice [link=https://example.invalid]z[/].",
        ):
            assert typed in text, typed
        await pilot.press("question_mark")
        await settle(pilot)
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


OSC = "\x1b]0;owned\x07"  # "set the window title" to a terminal


@run
async def test_control_characters_are_shown_as_escapes_never_sent_to_the_terminal(db: Path) -> None:
    from maturity.tui.text import printable

    catalog = catalog_from(Path(__file__).parent.parent / "fixtures" / "mini")
    org = f"Evil{OSC} Ltd"
    start_draft(db, catalog, org="Evil Ltd", industry=f"retail{OSC}",
                answers={"al.one.q": Answer(answer="some", note=f"see {OSC}here", evidence=[f"x{OSC}"])}, position="al.one.q")
    # the store refuses such names today; one saved by an older release is still shown safely
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE orgs SET name = ? WHERE name = ?", (org, "Evil Ltd"))
    shown = printable(OSC)
    assert shown == "\\e]0;owned\\a"
    app = make_app(catalog, db)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)

        def check(*expected: str) -> None:
            text = screen_text(app)
            assert "\x1b" not in text and "\x07" not in text
            for piece in expected:
                assert piece in text, piece
            assert "\x1b" not in str(app.screen.sub_title)

        check(f"Evil{shown} Ltd")  # the list of organisations
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        check(f"see {shown}here", f"Evil{shown} Ltd")  # the header and the answer's note
        await pilot.press("e")  # the note dialog
        await settle(pilot)
        check(f"see {shown}here")
        await pilot.press("escape", "p")  # the profile form
        await settle(pilot)
        check(f"retail{shown}")
        app.notify(f"About {org}")  # notices too
        await settle(pilot)
        check(f"About Evil{shown} Ltd")
    app.shutdown()
