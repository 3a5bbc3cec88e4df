"""The results screen shows progress inside a stage, targets, the weakest link as the domain
furthest below its target, and domains that were not assessed."""

from __future__ import annotations

from pathlib import Path

from maturity.catalog import Catalog
from maturity.assessment.models import Answer, AnswerFile
from maturity.assessment.scoring import score
from maturity.store import open_store
from maturity.tui.screens.dashboard import DashboardScreen

from .tui_support import at, make_app, profile, run, screen_text, settle


@run
async def test_results_show_targets_progress_and_a_domain_not_assessed(catalog: Catalog, db: Path) -> None:
    # alpha: Fundamentals reached, Intermediate being built, target Advanced; beta: no answer
    af = AnswerFile(
        profile=profile("Acme", targets={"alpha": "advanced"}), questionnaires=catalog.versions(),
        answers={"al.one.q": Answer(answer="all"), "al.two.q": Answer(answer="no")},
    )
    with open_store(db) as store:
        store.save_completed("Acme", af, score(catalog, af), catalog.versions(), {"maturity": "0.1.0"}, completed=at(2026, 2, 16))
    app = make_app(catalog, db)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        text = screen_text(app)
        assert "◀ Alpha" in text and "◀ Beta" not in text
        beta = next(line for line in text.splitlines() if "Beta" in line and "Not assessed" in line)
        assert "Fundamentals" in beta and "█" not in beta
        assert "Building Intermediate: 0 of 1 in place; missing: Two (0%)" in text
        assert "Target Advanced (2 stages to go): set in the profile (the rules give Fundamentals)" in text
        assert "Weakest link: Alpha at Fundamentals: 2 stages below its target Advanced." in text
        await pilot.press("down")
        await settle(pilot)
        assert "Beta: not assessed (no question answered); left out of the weakest link." in screen_text(app)
    app.shutdown()
