"""A repeat assessment starts from the previous answers: enter (or →) keeps each one exactly,
whatever its kind, and the screen says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from maturity.catalog import Catalog
from maturity.assessment.models import Answer, AnswerFile
from maturity.assessment.scoring import score
from maturity.store import open_store
from maturity.tui.screens.onboarding import OnboardingScreen
from maturity.tui.screens.questionnaire import QuestionnaireScreen

from .tui_support import MINI, at, catalog_from, make_app, profile, run, settle, stored

KINDS = Path(__file__).parent / "fixtures" / "kinds"

#: A plain answer to every question asked (the shop questions are not: Acme sells no online).
PLAIN = {
    "al.one.q": Answer(answer="some"),
    "al.two.q": Answer(answer="no"),
    "al.three.q": Answer(answer=4),
    "be.base.q": Answer(answer=["a"]),
    "de.text.q": Answer(answer="On a shared drive"),
}

#: An answer of each kind, on the question it is given to.
CASES = {
    "option": ("al.one.q", Answer(answer="most")),
    "yes": ("al.two.q", Answer(answer="yes")),
    "several options": ("be.base.q", Answer(answer=["b", "c"])),
    "none of these": ("be.base.q", Answer(answer=[])),
    "whole number": ("al.three.q", Answer(answer=12)),
    "decimal number": ("al.three.q", Answer(answer=2.345678901)),
    "large number": ("al.three.q", Answer(answer=1234567.5)),
    "text": ("de.text.q", Answer(answer="In folders, by year")),
    "don't know": ("al.one.q", Answer(dont_know=True)),
    "don't know to a number": ("al.three.q", Answer(dont_know=True)),
    "not applicable": ("al.one.q", Answer(not_applicable="We have no office")),
    "not applicable to several options": ("be.base.q", Answer(not_applicable="Out of scope for this business")),
    "not applicable to a text": ("de.text.q", Answer(not_applicable="Not a business priority")),
    "note": ("al.one.q", Answer(answer="all", note="Checked with the office manager")),
    "evidence": ("al.two.q", Answer(answer="yes", evidence=["https://wiki.example/two", "docs/two.pdf"])),
    "confidence": ("al.three.q", Answer(answer=3, confidence="low")),
    "everything at once": ("be.base.q", Answer(answer=["c"], note="Mostly", evidence=["x"], confidence="high")),
}


@pytest.fixture
def catalog() -> Catalog:
    return catalog_from(MINI, KINDS)


def previous_assessment(db: Path, catalog: Catalog, answers: dict[str, Answer]) -> None:
    answer_file = AnswerFile(profile=profile("Acme"), questionnaires=catalog.versions(), answers=answers)
    with open_store(db) as store:
        store.save_completed("Acme", answer_file, score(catalog, answer_file), catalog.versions(), {}, completed=at(2026, 2, 16))


async def start_repeat(pilot) -> QuestionnaireScreen:  # type: ignore[no-untyped-def]
    """From the start screen: a new assessment of Acme, the profile saved as it stands."""
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, OnboardingScreen)
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, QuestionnaireScreen)
    assert screen.step.question.id == "al.one.q"
    return screen


def hint(screen: QuestionnaireScreen) -> str:
    return str(screen.query_one("#hint", Static).render())


@pytest.mark.parametrize("kind", list(CASES))
@run
async def test_enter_keeps_every_kind_of_answer_exactly(kind: str, catalog: Catalog, db: Path) -> None:
    qid, answer = CASES[kind]
    before = {**PLAIN, qid: answer}
    previous_assessment(db, catalog, before)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_repeat(pilot)
        asked = [step.question.id for step in screen.interview.steps]
        assert asked == list(PLAIN)
        for expected in asked:
            assert screen.step.question.id == expected
            assert "enter" in hint(screen) and "keeps" in hint(screen), hint(screen)
            await pilot.press("enter")
            await settle(pilot)
        # the last enter offers to finish: the answers are what they were
        assert type(app.screen).__name__ == "ConfirmScreen"
        await pilot.press("escape")
        await settle(pilot)
    app.shutdown()
    with stored(db) as store:
        draft = store.draft("Acme")
    assert draft is not None
    assert draft.answer_file.answers == before


@run
async def test_right_arrow_keeps_the_answers_too(catalog: Catalog, db: Path) -> None:
    before = {**PLAIN, "al.one.q": Answer(not_applicable="We have no office"), "al.three.q": Answer(answer=2.5, note="About")}
    previous_assessment(db, catalog, before)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_repeat(pilot)
        for _ in range(len(screen.interview) - 1):
            await pilot.press("right")
            await settle(pilot)
        assert screen.step.question.id == "de.text.q"
    app.shutdown()
    with stored(db) as store:
        assert store.draft("Acme").answer_file.answers == before  # type: ignore[union-attr]


@run
async def test_after_moving_the_highlight_enter_chooses_it(catalog: Catalog, db: Path) -> None:
    previous_assessment(db, catalog, {**PLAIN, "al.one.q": Answer(dont_know=True, note="Ask Sam")})
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_repeat(pilot)
        await pilot.press("down", "down")  # from None to Most (the highlight starts on the first)
        assert "enter chooses the highlighted option" in hint(screen)
        await pilot.press("enter")
        await settle(pilot)
        assert screen.step.question.id == "al.two.q"
    app.shutdown()
    with stored(db) as store:
        answer = store.draft("Acme").answer_file.answers["al.one.q"]  # type: ignore[union-attr]
    assert answer == Answer(answer="most", note="Ask Sam")


@run
async def test_changing_two_answers_keeps_every_other(catalog: Catalog, db: Path) -> None:
    before = {**PLAIN, "al.one.q": Answer(not_applicable="We have no office"), "be.base.q": Answer(answer=["b", "c"], note="n")}
    previous_assessment(db, catalog, before)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_repeat(pilot)
        await pilot.press("enter", "1")  # keep al.one.q, change al.two.q to yes
        await settle(pilot)
        await pilot.press("backspace", "7", "enter")  # al.three.q: 4 becomes 7
        await settle(pilot)
        await pilot.press("enter", "enter")  # keep the rest
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
    app.shutdown()
    with stored(db) as store:
        answers = store.draft("Acme").answer_file.answers  # type: ignore[union-attr]
    assert answers == {**before, "al.two.q": Answer(answer="yes"), "al.three.q": Answer(answer=7)}
