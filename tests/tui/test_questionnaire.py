"""Answering with the keyboard: every answer stored as given, and a draft resumes where it stopped."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from maturity.catalog import Catalog
from maturity.tui.screens.dashboard import DashboardScreen
from maturity.tui.screens.onboarding import OnboardingScreen
from maturity.tui.screens.questionnaire import QuestionnaireScreen
from maturity.tui.screens.start import StartScreen

from .tui_support import make_app, run, settle, stored


async def create_org(pilot: Pilot, name: str = "Acme") -> None:
    """From the empty start screen: a new organisation, then its profile as it comes."""
    await settle(pilot)
    assert isinstance(pilot.app.screen, StartScreen)
    await pilot.press("n")
    await pilot.press(*name, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, OnboardingScreen)


def question_id(pilot: Pilot) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, QuestionnaireScreen), screen
    return screen.step.question.id


@run
async def test_answer_a_whole_domain_with_the_keyboard(catalog: Catalog, db: Path) -> None:
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await create_org(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert question_id(pilot) == "al.one.q"
        await pilot.press("3")  # Most
        assert question_id(pilot) == "al.two.q"
        await pilot.press("1")  # Yes
        assert question_id(pilot) == "al.three.q"
        await pilot.press("4", "enter")  # four a year, typed
        await settle(pilot)
        assert question_id(pilot) == "be.base.q"  # the next domain
        await pilot.press("2", "3", "2")  # ticks B and C, unticks B
        # Shop applies only to a business that sells online, and Top builds on it: neither is
        # asked, so this is the last question
        await pilot.press("right")
        assert question_id(pilot) == "be.base.q"
        assert len(pilot.app.screen.interview) == 4
        await pilot.press("left", "left", "d")  # change al.two.q to don't know
        assert question_id(pilot) == "al.three.q"
        await settle(pilot)
    app.shutdown()
    with stored(db) as store:
        draft = store.draft("Acme")
        assert draft is not None
        answers = draft.answer_file.answers
        assert answers["al.one.q"].answer == "most"
        assert answers["al.two.q"].dont_know
        assert answers["al.three.q"].answer == 4
        assert answers["be.base.q"].answer == ["c"]
        assert "be.shop.q" not in answers and "be.top.q" not in answers
        assert draft.answer_file.profile.name == "Acme"


@run
async def test_not_applicable_note_and_clearing(catalog: Catalog, db: Path) -> None:
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await create_org(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("n")  # not applicable: why?
        await pilot.press("2")  # "Not a business priority"
        assert question_id(pilot) == "al.two.q"
        await pilot.press("e")  # no answer yet: nothing to annotate
        assert type(app.screen) is QuestionnaireScreen
        await pilot.press("left", "e")  # a note on al.one.q's answer
        await pilot.press(*"Asked Sam", "tab", *"https://wiki/sam", "ctrl+s")
        assert question_id(pilot) == "al.one.q"
        await pilot.press("right", "2", "left", "x")  # answer al.two.q, go back, clear it
        assert question_id(pilot) == "al.two.q"
        await pilot.press("right", "1", "d")  # a letter in the number box is the screen's key
        assert question_id(pilot) == "be.base.q"
        await settle(pilot)
    app.shutdown()
    with stored(db) as store:
        answers = store.draft("Acme").answer_file.answers  # type: ignore[union-attr]
    assert answers["al.one.q"].not_applicable == "Not a business priority"
    assert answers["al.one.q"].note == "Asked Sam"
    assert answers["al.one.q"].evidence == ["https://wiki/sam"]
    assert "al.two.q" not in answers
    assert answers["al.three.q"].dont_know  # "1" was typed into the box, then d answered


@run
async def test_quit_mid_questionnaire_and_resume_at_the_same_question(catalog: Catalog, db: Path) -> None:
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await create_org(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("4", "2")  # All, No: now on the number question
        assert question_id(pilot) == "al.three.q"
        await pilot.press("left")  # back to al.two.q, and quit there
        await pilot.press("q")
    app.shutdown()

    again = make_app(catalog, db)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Acme: continue its draft
        await settle(pilot)
        assert question_id(pilot) == "al.two.q"
        screen = pilot.app.screen
        assert isinstance(screen, QuestionnaireScreen)
        assert screen.answers["al.one.q"].answer == "all"
        assert screen.answers["al.two.q"].answer == "no"
        # the options show the stored answer
        options = screen.query_one("#options")
        assert options.highlighted == 1
    again.shutdown()


@run
async def test_finish_stores_a_completed_assessment_and_shows_results(catalog: Catalog, db: Path) -> None:
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await create_org(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("4", "1", "6", "enter", "0")  # every question that applies
        await settle(pilot)
        await pilot.press("y")  # finish? yes
        await settle(pilot)
        assert isinstance(pilot.app.screen, DashboardScreen)
        assert pilot.app.screen.loaded is not None
    app.shutdown()
    with stored(db) as store:
        assert store.draft("Acme") is None
        (done,) = store.assessments("Acme")
        assert done.result is not None
        assert done.answer_file.answers["al.three.q"].answer == 6
        assert done.answer_file.answers["be.base.q"].answer == []
        assert done.result.domain("alpha").stage == 3


@run
async def test_a_negative_count_is_refused_and_not_stored(catalog: Catalog, db: Path) -> None:
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await create_org(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("3", "1")  # on to the number question, whose thresholds start at 0
        assert question_id(pilot) == "al.three.q"
        await pilot.press("-", "3", "enter")
        await settle(pilot)
        assert question_id(pilot) == "al.three.q"  # still here
        await settle(pilot)
    app.shutdown()
    with stored(db) as store:
        assert "al.three.q" not in store.draft("Acme").answer_file.answers  # type: ignore[union-attr]


@run
async def test_profile_problems_name_the_field_in_plain_words(catalog: Catalog, db: Path) -> None:
    from textual.widgets import Input, Static

    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await create_org(pilot)
        screen = app.screen
        screen.query_one("#size", Input).value = "-5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        assert "People: must be 1 or more, not -5" in str(screen.query_one("#problem", Static).render())
        assert app.focused is screen.query_one("#size")
        screen.query_one("#size", Input).value = "8"
        screen.query_one("#currency", Input).value = "9"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Currency: must be three capital letters such as USD, EUR or GBP, not '9'" in str(screen.query_one("#problem", Static).render())
        assert app.focused is screen.query_one("#currency")
        screen.query_one("#currency", Input).value = "eur"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
    app.shutdown()
    with stored(db) as store:
        draft = store.draft("Acme")
        assert draft is not None and draft.answer_file.profile.currency == "EUR" and draft.answer_file.profile.size == 8
