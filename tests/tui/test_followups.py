"""A follow-up an earlier answer makes moot is not asked in the app (the `when` rule)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .test_questionnaire import create_org, question_id
from .tui_support import TESTS, catalog_from, make_app, run, screen_text, settle, stored

FOLLOWUP = TESTS / "fixtures" / "followup"


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@run
async def test_after_never_tested_the_findings_are_not_asked(db: Path, size: tuple[int, int]) -> None:
    app = make_app(catalog_from(FOLLOWUP), db)
    async with app.run_test(size=size) as pilot:
        await create_org(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert question_id(pilot) == "ga.test.last"
        await pilot.press("1")  # Never tested
        await settle(pilot)
        assert question_id(pilot) == "ga.plan.q"
        assert "last test's findings" not in screen_text(app)
        await pilot.press("left")  # back: the follow-up is stepped over that way too
        assert question_id(pilot) == "ga.test.last"
        await pilot.press("2")  # Years ago: now the follow-up applies
        await settle(pilot)
        assert question_id(pilot) == "ga.test.findings"
        await pilot.press("left", "1")  # Never again, and on past the follow-up
        await settle(pilot)
        assert question_id(pilot) == "ga.plan.q"
        assert "1 unanswered" in app.screen.sub_title  # the plan only, not the moot follow-up
    app.shutdown()
    with stored(db) as store:
        assert store.draft("Acme").answer_file.answers["ga.test.last"].answer == "never"


@run
async def test_the_counter_counts_only_the_questions_that_will_be_asked(db: Path) -> None:
    """"1 of 3" at the first question; after "Never tested" the moot follow-up leaves the count,
    and the plan reads "2 of 2"; "Years ago" brings it back."""
    app = make_app(catalog_from(FOLLOWUP), db)
    async with app.run_test(size=(80, 24)) as pilot:
        await create_org(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Gamma · 1 of 3" in screen_text(app)
        await pilot.press("1")  # Never tested
        await settle(pilot)
        assert question_id(pilot) == "ga.plan.q"
        assert "Gamma · 2 of 2" in screen_text(app)
        await pilot.press("left")
        await settle(pilot)
        assert "Gamma · 1 of 2" in screen_text(app)
        await pilot.press("2")  # Years ago: the follow-up is asked again
        await settle(pilot)
        assert question_id(pilot) == "ga.test.findings"
        assert "Gamma · 2 of 3" in screen_text(app)
    app.shutdown()
