"""Names are shown whole: the built-in domains' long names continue on the next line of the
questionnaire's side bar and of the results at 80×24, rather than being cut with "…"."""

from __future__ import annotations

from pathlib import Path

from maturity.catalog import Catalog
from maturity.assessment.models import Answer, AnswerFile
from maturity.assessment.scoring import score
from maturity.store import open_store
from maturity.tui.screens.dashboard import DashboardScreen
from maturity.tui.screens.questionnaire import QuestionnaireScreen

from .tui_support import TESTS, at, catalog_from, make_app, profile, run, screen_text, settle, start_draft

BUILT_IN = catalog_from(TESTS.parent / "questionnaires")
LONG = [q.model.questionnaire.name for q in BUILT_IN.questionnaires.values() if len(q.model.questionnaire.name) > 16]


def whole(text: str, name: str) -> bool:
    """`name` on screen, word by word in order (it may continue on the next line)."""
    words = iter(text.split())
    return all(any(word == seen for seen in words) for word in name.split())


@run
async def test_the_side_bar_shows_every_domain_name_whole(db: Path) -> None:
    assert LONG, "the built-in questionnaires have long names to show"
    start_draft(db, BUILT_IN, org="Acme")
    app = make_app(BUILT_IN, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        text = screen_text(app)
        assert "…" not in text.split("▕")[0]
        side = "\n".join(line.split("▕")[0] for line in text.splitlines())
        for name in LONG:
            assert whole(side, name), (name, side)
    app.shutdown()


@run
async def test_the_results_show_every_domain_name_whole(db: Path) -> None:
    catalog: Catalog = BUILT_IN
    af = AnswerFile(profile=profile("Acme", goals={}), questionnaires=catalog.versions(),
                    answers={qid: Answer(dont_know=True) for qid in list(catalog.questions)[:3]})
    with open_store(db) as store:
        store.save_completed("Acme", af, score(catalog, af), catalog.versions(), {"maturity": "0.1.0"}, completed=at(2026, 2, 16))
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        table = "\n".join(line[:25] for line in screen_text(app).splitlines())  # the name column (as wide as there is room)
        for name in LONG:
            assert whole(table, name), (name, table)
    app.shutdown()
