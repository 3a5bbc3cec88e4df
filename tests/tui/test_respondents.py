"""Two people answer the same draft in the app, each under their own name."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from maturity.catalog import Catalog
from maturity.assessment.models import Answer
from maturity.tui.screens.questionnaire import QuestionnaireScreen
from maturity.tui.screens.respondent import RespondentScreen

from .tui_support import make_app, run, screen_text, settle, start_draft, stored


def questionnaire(pilot: Pilot) -> QuestionnaireScreen:
    screen = pilot.app.screen
    assert isinstance(screen, QuestionnaireScreen), screen
    return screen


@run
async def test_a_second_person_answers_the_same_draft_under_their_name(catalog: Catalog, db: Path) -> None:
    start_draft(db, catalog, answers={"al.two.q": Answer(answer="no")}, position="al.one.q")
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Acme: continue its draft, answered without names so far
        await settle(pilot)
        assert "Answering" not in screen_text(pilot.app)  # nothing changes for one voice
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(pilot.app.screen, RespondentScreen)
        await pilot.press(*"Ana", "tab", *"owner", "enter")
        await settle(pilot)
        screen = questionnaire(pilot)
        assert screen.respondent is not None and screen.respondent.name == "Ana"
        assert "Answering as Ana · not answered yet" in screen_text(pilot.app)
        await pilot.press("4")  # al.one.q: All
        await pilot.press("q")
    app.shutdown()

    again = make_app(catalog, db)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        # the draft has a named respondent: the app asks who is answering now
        assert isinstance(pilot.app.screen, RespondentScreen)
        await pilot.press("tab", *"Ben", "enter")
        await settle(pilot)
        screen = questionnaire(pilot)
        await pilot.press("left")  # back to al.one.q, answered by Ana
        await settle(pilot)
        assert screen.step.question.id == "al.one.q"
        assert "shown: Ana's answer" in screen_text(pilot.app)
        await pilot.press("2")  # Ben says Some
        await pilot.press("left")
        await settle(pilot)
        assert "Answering as Ben · your answer" in screen_text(pilot.app)
        await pilot.press("q")
    again.shutdown()

    with stored(db) as store:
        draft = store.draft("Acme")
        assert draft is not None
        ana, ben = draft.answer_file.respondents
        assert (ana.name, ana.role, ben.name) == ("Ana", "owner", "Ben")
        assert ana.answers["al.one.q"].answer == "all" and ben.answers["al.one.q"].answer == "some"
        assert ben.answers["al.one.q"].at is not None
        # Ana, the first to give her name, took over the answer given before without one
        assert ana.answers["al.two.q"].answer == "no" and draft.answer_file.answers["al.two.q"].by == "Ana"
        merged = draft.answer_file.answers["al.one.q"]
        assert (merged.answer, merged.by) == ("some", "Ben")  # the lower credit
