"""Every screen of the app shows stored text with its control characters escaped by the one
rule every command follows (maturity.common.termtext): C0, C1, DEL and the bidirectional
controls, in every text field a user can store."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from maturity.assessment.models import Answer, AnswerFile, Respondent
from maturity.assessment.scoring import score
from maturity.catalog import Catalog
from maturity.contract.profile import Goal, Process
from maturity.store import open_store
from maturity.tui.screens.dashboard import DashboardScreen
from maturity.tui.screens.history import HistoryScreen
from maturity.tui.screens.invest import InvestScreen
from maturity.tui.screens.onboarding import OnboardingScreen
from maturity.tui.screens.questionnaire import QuestionnaireScreen
from maturity.tui.screens.recommendations import RecommendationsScreen
from maturity.tui.screens.respondent import RespondentScreen

from .tui_support import at, make_app, profile, run, screen_text, settle

#: an xterm's clipboard write and window title, a CSI as one C1 byte, the bidirectional controls
HOSTILE = "\x1b]52;c;cHduZWQ=\x07\x1b]2;PWNED\x07\u009b31m\u202egnp\u2066x\u061c\u200e\u200f\x7f"
RAW = set("\x1b\x07\u009b\u202e\u2066\u061c\u200e\u200f\x7f")


def hostile_profile(name: str):  # type: ignore[no-untyped-def]
    return profile(
        name, industry=f"retail{HOSTILE}", targets={"alpha": "intermediate", "beta": "intermediate"},
        # what the goals are worth: without value figures in the mini questionnaires nothing
        # would be worth planning, and the recommendations, roadmap and invest screens would be empty
        goals={"security": Goal(weight=8, target=f"fewer{HOSTILE}", worth=24000),
               "operations": Goal(weight=5, target=HOSTILE, worth=12000)},
        processes=[Process(name=f"Invoicing{HOSTILE}", pain_points=[f"slow{HOSTILE}"])],
    )


def seed(db: Path, catalog: Catalog) -> None:
    """Acme with two completed assessments and an investment, Bravo with a draft answered by a
    named respondent: the hostile text in every field, and in both names."""
    with open_store(db) as store:
        for when, first in ((at(2025, 11, 3), "some"), (at(2026, 2, 16), "all")):
            af = AnswerFile(
                profile=hostile_profile("Acme"), questionnaires=catalog.versions(),
                answers={"al.one.q": Answer(answer=first, note=f"note{HOSTILE}", evidence=[f"ev{HOSTILE}"]),
                         "be.base.q": Answer(answer=["b"])},
            )
            store.save_completed("Acme", af, score(catalog, af), catalog.versions(), {"maturity": "0.1.0"}, completed=when)
        store.add_investment("Acme", "be.base", 500, kpi=f"kpi{HOSTILE}", notes=f"notes{HOSTILE}", unit=HOSTILE)
        draft = store.start_draft("Bravo", hostile_profile("Bravo"), catalog.versions(), from_previous=False)
        store.add_respondent(draft, Respondent(name=f"Ana{HOSTILE}"[:100], role=f"owner{HOSTILE}"))
        store.save_answer(draft, "al.one.q", Answer(answer="some", note=f"note{HOSTILE}"))
    # the store refuses such names today; ones saved by an older release are still shown safely
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE orgs SET name = name || ?", (HOSTILE,))


def clean(where: str, app, shows_it: bool = True) -> str:  # type: ignore[no-untyped-def]
    text = screen_text(app) + str(app.screen.title) + str(app.screen.sub_title)
    raw = sorted(f"U+{ord(c):04X}" for c in set(text) & RAW)
    assert not raw, f"{where}: {', '.join(raw)} drawn raw"
    assert "PWNED" in text or not shows_it, f"{where}: the hostile text is not shown at all"
    return text


@run
async def test_no_screen_draws_a_control_character(catalog: Catalog, db: Path) -> None:
    seed(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(140, 50), notifications=True) as pilot:
        await settle(pilot)
        clean("organisations", app)
        await pilot.press("enter")  # Acme: its latest results
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        clean("results", app)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        clean("history", app)
        await pilot.press("escape", "r")
        await settle(pilot)
        assert isinstance(app.screen, RecommendationsScreen)
        clean("recommendations", app)
        await pilot.press("m")
        await settle(pilot)
        clean("roadmap", app)
        await pilot.press("r", "i")
        await settle(pilot)
        assert isinstance(app.screen, InvestScreen)
        clean("invest", app, shows_it=False)  # a new plan: the capability's own KPI
        await pilot.press("escape", "escape", "escape")
        await settle(pilot)
        await pilot.press("down", "enter")  # Bravo: its draft, and who is answering
        await settle(pilot)
        assert isinstance(app.screen, RespondentScreen)
        clean("who is answering", app)
        await pilot.press("1")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        clean("questionnaire", app)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        clean("profile", app)
        app.notify(f"About {HOSTILE}", title=HOSTILE)
        await settle(pilot)
        clean("a notice", app)
    app.shutdown()
