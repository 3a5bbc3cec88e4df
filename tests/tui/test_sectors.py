"""In the app, a sector's questionnaire is asked only of that sector: a bakery with the healthcare
plugin installed never sees "Healthcare practice" or a question about patients; a dental
practice does."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity.catalog import Catalog, load_catalog
from maturity.tui.screens.questionnaire import QuestionnaireScreen

from .tui_support import make_app, run, screen_text, settle, start_draft

HEALTHCARE = Path(__file__).resolve().parents[2] / "plugins" / "maturity-healthcare" / "src"


@pytest.fixture
def catalog(monkeypatch: pytest.MonkeyPatch) -> Catalog:
    monkeypatch.syspath_prepend(str(HEALTHCARE))
    monkeypatch.setenv("MATURITY_LOAD_PLUGINS", "maturity_healthcare")
    return load_catalog()


async def new_assessment(catalog: Catalog, db: Path, size: tuple[int, int]) -> tuple[list[str], str]:
    app = make_app(catalog, db)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the organisation: continue its draft
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, QuestionnaireScreen)
        domains = screen.interview.domains()
        questions = " ".join(step.question.text for step in screen.interview.steps)
        text = screen_text(pilot.app)
    app.shutdown()
    return domains, text + questions


@run
async def test_a_bakery_is_not_asked_about_patients(catalog: Catalog, db: Path) -> None:
    start_draft(db, catalog, "Corner Bakery", industry="bakery", industry_id="retail")
    domains, shown = await new_assessment(catalog, db, (120, 40))
    assert "healthcare" not in domains
    assert "Healthcare" not in shown and "patient" not in shown.lower()


@run
async def test_a_dental_practice_is(catalog: Catalog, db: Path) -> None:
    start_draft(db, catalog, "Riverside Dental", industry="dental practice", industry_id="healthcare")
    domains, shown = await new_assessment(catalog, db, (120, 40))
    assert domains[-1] == "healthcare"
    assert "Healthcare practice" in shown and "patients' records" in shown
