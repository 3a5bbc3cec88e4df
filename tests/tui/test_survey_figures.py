"""The results screen shows published survey figures beside the business's own answers, as the
core words them, for a UK business with 1 to 9 people; a US business sees none."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity.assessment.answers import load_answers
from maturity.assessment.scoring import score
from maturity.catalog import load_catalog
from maturity.store import open_store
from maturity.tui.screens.dashboard import DashboardScreen

from .tui_support import at, make_app, run, screen_text, settle, wait_until

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(("example", "shown"), [("lakeside-physio", True), ("corner-bakery", False)])
@run
async def test_results_show_survey_figures_for_the_business_country_and_size(db: Path, example: str, shown: bool) -> None:
    catalog = load_catalog(user_dir=None, env={"MATURITY_LOAD_PLUGINS": ""})
    answers = load_answers(EXAMPLES / f"{example}.toml", catalog)
    with open_store(db) as store:
        store.save_completed(answers.profile.name, answers, score(catalog, answers), catalog.versions(), {},
                             completed=at(2026, 11, 2))
    app = make_app(catalog, db)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen) and app.screen.loaded is not None)
        await settle(pilot)
        app.screen.query_one("#survey-figures").scroll_visible(animate=False)
        await settle(pilot)
        text = " ".join(screen_text(app).split())
        if shown:
            assert "Beside businesses like yours (published survey figures)" in text
            assert ("Two-step login on email: you — yes (“Some, for example the owner's”). Micro businesses (1 to 9 "
                    "employees) in the UK: 43% (survey figure: Cyber Security Breaches Survey 2026).") in text
        else:
            assert "survey figure" not in text
            assert not app.screen.query_one("#survey-figures").has_class("shown")
    app.shutdown()
