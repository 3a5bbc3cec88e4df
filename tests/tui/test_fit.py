"""The app fits 80×24 and 120×40 with the built-in questionnaires, on a repeat assessment of a
real example business: tables keep each value on its row, names are whole, the recommendations
have the room, tabs and footers fit, a click selects and enter acts, the lists keep the arrows
after tab and shift+tab, and a notice never covers the question being answered."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from maturity.assessment.answers import load_answers
from maturity.catalog import load_catalog
from maturity.assessment.scoring import score
from maturity.store import open_store
from maturity.tui.screens.dashboard import DashboardScreen
from maturity.tui.screens.graph import GraphScreen
from maturity.tui.screens.invest import InvestScreen
from maturity.tui.screens.questionnaire import QuestionnaireScreen
from maturity.tui.screens.recommendations import RecommendationsScreen
from maturity.tui.widgets.answer_options import AnswerOptions
from maturity.tui.widgets.capability_list import CapabilityList
from maturity.tui.widgets.domain_bars import DomainBars
from maturity.tui.widgets.recommendation_list import RecommendationList

from .test_names import whole
from .test_questionnaire import create_org
from .tui_support import TESTS, at, make_app, run, screen_text, settle, wait_until

SIZES = [(80, 24), (120, 40)]
#: the built-in questionnaires with their value figures, as `maturity` loads them
BUILT_IN = load_catalog()
EXAMPLE = TESTS.parent / "examples" / "corner-bakery.toml"


def repeat_assessment(db: Path) -> str:
    """The bakery assessed twice, a year apart: the results have a change column."""
    answers = load_answers(EXAMPLE, BUILT_IN)
    org = answers.profile.name or "Corner Bakery"
    with open_store(db) as store:
        for when in (at(2025, 6, 1), at(2026, 4, 1)):
            store.save_completed(org, answers, score(BUILT_IN, answers), BUILT_IN.versions(), {"maturity": "0.1.0"}, completed=when)
    return org


async def open_results(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, DashboardScreen)


def footer_fits(text: str) -> None:
    """The footer's last key (help) is shown whole: nothing before it was cut."""
    footer = text.rstrip().splitlines()[-1]
    assert "f1 Keys" in footer, footer


@pytest.mark.parametrize("size", SIZES)
@run
async def test_the_results_table_keeps_every_value_on_its_row(db: Path, size: tuple[int, int]) -> None:
    repeat_assessment(db)
    app = make_app(BUILT_IN, db)
    async with app.run_test(size=size) as pilot:
        await open_results(pilot)
        text = screen_text(app)
        lines = text.splitlines()
        head = next(line for line in lines if "domain" in line and "stage" in line)
        assert all(word in head for word in ("target", "index", "change")), head
        bars = app.screen.query_one(DomainBars)
        assert bars.result is not None
        for d in bars.result.domains:
            first_word = d.name.split()[0]
            row = next(line for line in lines if line.lstrip("◀ ").startswith(first_word))
            # the index and the change are on the name's own line, not under it
            assert f"{d.index:.2f}" in row, row
            assert row.rstrip().endswith(("=", "▲", "▼", "new")), row
            assert whole("\n".join(lines), d.name)
        assert "…" not in text
        footer_fits(text)
    app.shutdown()


@pytest.mark.parametrize("size", SIZES)
@run
async def test_recommendations_are_named_whole_and_have_the_room(db: Path, size: tuple[int, int]) -> None:
    repeat_assessment(db)
    app = make_app(BUILT_IN, db)
    async with app.run_test(size=size) as pilot:
        await open_results(pilot)
        await pilot.press("r")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RecommendationsScreen)
        text = screen_text(app)
        assert "…" not in text
        listing = screen.query_one(RecommendationList)
        left = "\n".join(line.split("▕")[0] for line in text.splitlines())
        shown = [entry for entry in listing.rows if not isinstance(entry, str)]
        assert shown
        assert whole(left, shown[0].rec.name)
        # the plan's notes fold into one line under the budget: the list starts near the top
        budget = screen.query_one("#budget")
        assert budget.region.height <= 3, budget.region
        assert "n shows them" in text
        ranked = [entry for entry in shown if entry.kind == "ranked"]
        visible = sum(1 for number in range(1, len(ranked) + 1) if f"\n{number}. " in f"\n{left}")
        assert visible >= min(len(ranked), 4 if size == (80, 24) else 8), left
        footer_fits(text)
        await pilot.press("n")  # the notes, whole, on request
        await settle(pilot)
        assert "n hides these notes" in screen_text(app)
    app.shutdown()


@pytest.mark.parametrize("size", SIZES)
@run
async def test_a_click_selects_a_recommendation_and_enter_acts(db: Path, size: tuple[int, int]) -> None:
    repeat_assessment(db)
    app = make_app(BUILT_IN, db)
    async with app.run_test(size=size) as pilot:
        await open_results(pilot)
        await pilot.press("r")
        await settle(pilot)
        listing = app.screen.query_one(RecommendationList)
        assert listing.highlighted == 0
        second = listing.get_option_at_index(1)
        assert second.id
        # click the second recommendation's first line
        clicked = await pilot.click(RecommendationList, offset=(4, second_row(listing)))
        assert clicked
        await settle(pilot)
        assert isinstance(app.screen, RecommendationsScreen), app.screen  # no dialog: selected only
        assert listing.highlighted == 1
        assert app.focused is listing
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InvestScreen)
        await pilot.press("escape")
        await settle(pilot)
    app.shutdown()


def second_row(listing: RecommendationList) -> int:
    """The line of the list where its second option starts."""
    first = listing.get_option_at_index(0)
    return len(str(first.prompt).splitlines())


@pytest.mark.parametrize("size", SIZES)
@run
async def test_the_graph_tabs_and_footer_fit(db: Path, size: tuple[int, int]) -> None:
    repeat_assessment(db)
    app = make_app(BUILT_IN, db)
    async with app.run_test(size=size) as pilot:
        await open_results(pilot)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, GraphScreen)
        text = screen_text(app)
        tabs = text.splitlines()[1]
        for loaded in BUILT_IN.questionnaires.values():
            short = loaded.model.questionnaire.short
            assert f" {short} " in f"{tabs} ", (short, tabs)
        assert "Talent" in tabs and "Ethics" in tabs
        assert "…" not in text  # capability names and links whole
        caps = app.screen.query_one(CapabilityList)
        name = BUILT_IN.capabilities[caps.highlighted_option.id].name
        assert whole("\n".join(line.split("▕")[0] for line in text.splitlines()), name)
        footer_fits(text)
    app.shutdown()


@pytest.mark.parametrize("size", SIZES)
@run
async def test_after_tab_and_shift_tab_the_arrows_still_move_the_list(db: Path, size: tuple[int, int]) -> None:
    repeat_assessment(db)
    app = make_app(BUILT_IN, db)
    async with app.run_test(size=size) as pilot:
        await open_results(pilot)
        bars = app.screen.query_one(DomainBars)
        for keys in (("tab",), ("shift+tab",), ("tab", "shift+tab")):
            before = bars.highlighted
            await pilot.press(*keys, "down")
            assert app.focused is bars, app.focused
            assert bars.highlighted == before + 1
        await pilot.press("r")
        await settle(pilot)
        listing = app.screen.query_one(RecommendationList)
        for keys in (("tab",), ("shift+tab",), ("tab", "shift+tab")):
            before = listing.highlighted
            await pilot.press(*keys, "down")
            assert app.focused is listing, app.focused
            assert listing.highlighted == before + 1
        await pilot.press("g")
        await settle(pilot)
        caps = app.screen.query_one(CapabilityList)
        await pilot.press("tab", "shift+tab")  # to the links and back
        before = caps.highlighted
        await pilot.press("down")
        assert app.focused is caps and caps.highlighted != before
    app.shutdown()


@pytest.mark.parametrize("size", SIZES)
@run
async def test_the_notice_after_the_profile_does_not_cover_the_question(db: Path, size: tuple[int, int]) -> None:
    app = make_app(BUILT_IN, db)
    async with app.run_test(size=size, notifications=True) as pilot:
        await create_org(pilot)
        await pilot.press("ctrl+s")  # a profile with blanks: the plan's assumptions are said
        await wait_until(pilot, lambda: isinstance(app.screen, QuestionnaireScreen) and bool(app.screen.query(Toast)))
        screen = app.screen
        toasts = list(screen.query(Toast))
        assert toasts, "the notice is shown"
        text = screen_text(app)
        assert whole(text, "Left blank, so the plan assumes") and whole(text, "of change work a"), text
        options = screen.query_one(AnswerOptions).region
        question = screen.query_one("#question").region
        for toast in toasts:
            assert not toast.region.overlaps(options), (toast.region, options)
            assert not toast.region.overlaps(question), (toast.region, question)
            assert toast.region.bottom <= size[1] - 1  # above the footer
    app.shutdown()
