"""From one screen to the next: repeating an assessment, accepting a recommendation, following
the capability graph, help, the command palette and the themes."""

from __future__ import annotations

from pathlib import Path

from maturity.catalog import Catalog
from maturity.tui.screens.dashboard import DashboardScreen
from maturity.tui.screens.graph import GraphScreen
from maturity.tui.screens.help import HelpScreen
from maturity.tui.screens.history import HistoryScreen
from maturity.tui.screens.invest import InvestScreen
from maturity.tui.screens.onboarding import OnboardingScreen
from maturity.tui.screens.questionnaire import QuestionnaireScreen
from maturity.tui.screens.recommendations import RecommendationsScreen

from .tui_support import make_app, run, screen_text, seed_history, settle, stored


@run
async def test_a_repeat_assessment_starts_from_the_previous_one(catalog: Catalog, db: Path) -> None:
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        assert app.screen.query_one("#budget").value == "20000"  # the previous profile
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        assert app.screen.answers["al.one.q"].answer == "all"
        assert app.screen.answers["al.one.q"].note.startswith("Checked with")
        assert "3 unanswered" not in screen_text(app)
    app.shutdown()
    with stored(db) as store:
        draft = store.draft("Acme")
        assert draft is not None and draft.answer_file.answers["be.base.q"].answer == ["b", "c"]


@run
async def test_results_show_the_change_and_the_weakest_link(catalog: Catalog, db: Path) -> None:
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # no draft: the latest results
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        text = screen_text(app)
        assert "Results of assessment 2 of 2" in text
        assert "What changed since assessment 1" in text
        # Alpha is one stage below its Intermediate target, Beta beyond it: Alpha is the weakest link
        assert "◀ Alpha" in text and "◀ Beta" not in text
        assert "Newly in place: One; Base." in text
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert "Trend per domain" in screen_text(app)
    app.shutdown()


@run
async def test_accept_a_recommendation_as_an_investment(catalog: Catalog, db: Path) -> None:
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecommendationsScreen)
        first, _ = screen._current()  # type: ignore[misc]
        await pilot.press("i")
        assert isinstance(app.screen, InvestScreen)
        cost = app.screen.query_one("#cost")
        cost.value = "750"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert first.id not in [rec.id for rec, _ in screen.entries.values()]  # now in progress
        await pilot.press("m")  # the roadmap
        assert "Quarter 1" in screen_text(app)
    app.shutdown()
    with stored(db) as store:
        (investment,) = store.investments("Acme")
    assert investment.capability_id == first.id
    assert investment.planned_cost == 750
    assert investment.start is not None


@run
async def test_the_graph_follows_prerequisites_across_domains(catalog: Catalog, db: Path) -> None:
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("g")  # graph of the first domain, Alpha
        await settle(pilot)
        graph = app.screen
        assert isinstance(graph, GraphScreen) and graph.domain == "alpha"
        await pilot.press("down")  # Two: requires One and Base
        assert graph.query_one("#caps").highlighted_option.id == "al.two"
        await pilot.press("enter", "down", "enter")  # into its links, the second prerequisite
        assert graph.domain == "beta"
        assert graph.query_one("#caps").highlighted_option.id == "be.base"
        await pilot.press("b")  # back along the link
        assert graph.domain == "alpha"
        assert graph.query_one("#caps").highlighted_option.id == "al.two"
        await pilot.press("right_square_bracket")
        assert graph.domain == "beta"
    app.shutdown()


@run
async def test_help_palette_and_themes(catalog: Catalog, db: Path) -> None:
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "new assessment" in screen_text(app)
        await pilot.press("escape")
        dark = app.theme
        await pilot.press("ctrl+t")
        assert app.theme != dark and "light" in app.theme
        await pilot.press("ctrl+p")
        await pilot.press(*"Open Acme")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    app.shutdown()


@run
async def test_discarding_an_open_draft_for_a_new_assessment_is_asked_twice(catalog: Catalog, db: Path) -> None:
    from maturity.assessment.models import Answer
    from maturity.store import open_store
    from maturity.tui.screens.confirm import ConfirmScreen
    from maturity.tui.screens.start import StartScreen

    from .tui_support import start_draft

    start_draft(db, catalog, answers={"al.one.q": Answer(answer="all")})
    app = make_app(catalog, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.screen.dialog_title == "A draft is open"
        await pilot.press("n")  # discard and start again…
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen) and app.screen.dialog_title == "Discard the draft?"
        await pilot.press("n")  # …no: keep it
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        with open_store(db) as store:
            assert store.draft("Acme") is not None
        await pilot.press("a", "n", "y")
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        with open_store(db) as store:
            assert store.draft("Acme") is None
    app.shutdown()


@run
async def test_page_down_scrolls_the_results_to_what_changed(db: Path) -> None:
    from .tui_support import MINI, TESTS, catalog_from

    # more domains than the results page shows at once at 80×24
    catalog = catalog_from(MINI, TESTS / "tui" / "fixtures" / "kinds", TESTS / "tui" / "fixtures" / "markup")
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        page = app.screen.query_one("#page")
        assert page.max_scroll_y > 0 and page.scroll_y == 0
        highlighted = app.screen.query_one("#bars").highlighted
        await pilot.press("pagedown")
        await settle(pilot)
        assert page.scroll_y > 0
        assert app.screen.query_one("#bars").highlighted == highlighted  # the domain list stays put
        await pilot.press("pageup")
        await settle(pilot)
        assert page.scroll_y == 0
    app.shutdown()


@run
async def test_the_palette_offers_each_command_once(catalog: Catalog, db: Path) -> None:
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Keys and help" in titles and "Light or dark" in titles and "Quit" in titles
        assert "Keys" not in titles and "Theme" not in titles
        assert len(titles) == len(set(titles))
    app.shutdown()


@run
async def test_assessments_are_numbered_per_organisation(catalog: Catalog, db: Path) -> None:
    seed_history(db, catalog, org="Acme")
    ids = seed_history(db, catalog, org="Blue Dental")
    assert ids[0] > 2  # the database numbers across organisations
    app = make_app(catalog, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")  # Blue Dental's results
        await settle(pilot)
        text = screen_text(app)
        assert "Results of assessment 2 of 2" in text and f"#{ids[1]}" not in text
        assert "What changed since assessment 1" in text
    app.shutdown()
