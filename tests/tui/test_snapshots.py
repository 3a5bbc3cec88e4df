"""How every screen looks, at 80×24 and at 120×40 (pytest-textual-snapshot).

Run ``pytest tests/tui --snapshot-update`` after an intended change of looks, and check the
new pictures in the report before committing them.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from maturity.catalog import Catalog
from maturity.assessment.models import Answer
from maturity.store import Store, open_store
from maturity.tui.app import MaturityApp
from maturity.tui.screens.loading import LoadingScreen

from .tui_support import MINI, PATIENCE, TESTS, TODAY, catalog_from, make_app, seed_history, settle, start_draft, wait_until

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

Steps = Callable[[Pilot], Awaitable[None]]


def keys(*pressed: str, typed: str = "") -> Steps:
    """Press each key and let the screen it leads to load; then type `typed`."""

    async def run_before(pilot: Pilot) -> None:
        await wait_until(pilot, lambda: ready(pilot.app))
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        if typed:
            await pilot.press(*typed)
        await settle(pilot)

    return run_before


def ready(app: MaturityApp) -> bool:
    """The questionnaires and the database are loaded (or a problem stopped them)."""
    from maturity.tui.screens.problem import ProblemScreen

    loaded = app.workspace is not None and app.workspace.loaded is not None
    return loaded or isinstance(app.screen, ProblemScreen)


def seeded(db: Path, catalog: Catalog) -> None:
    """Acme with two completed assessments and an investment; Blue Dental with a draft."""
    seed_history(db, catalog)
    with open_store(db) as store:
        investment = store.add_investment(
            "Acme", "be.shop", 4000, dt.date(2026, 2, 20), dt.date(2026, 5, 20),
            kpi="online revenue share", baseline=0, target=20,
        )
        store.record_cost(investment, "one_off", 3500, dt.date(2026, 3, 1))
        store.record_measurement(investment, 12, dt.date(2026, 4, 30))
        store.record_benefit(investment, 5000, dt.date(2026, 4, 30))
    start_draft(
        db, catalog, org="Blue Dental",
        answers={"al.one.q": Answer(answer="most", note="The practice manager keeps the list", confidence="medium")},
        position="al.one.q", sales_channels=["walk-in", "phone"], regulated_data=["health"],
    )


SCENES: dict[str, tuple[bool, Steps]] = {
    # name: (seed the database?, what to do before the picture)
    "start-empty": (False, keys()),
    "new-organisation": (False, keys("n", typed="Harbour Bakery")),
    "start": (True, keys()),
    "start-draft": (True, keys("down")),
    "onboarding": (True, keys("a")),
    "questionnaire": (True, keys("down", "enter")),
    "question-help": (True, keys("down", "enter", "question_mark")),
    "not-applicable": (True, keys("down", "enter", "right", "n")),
    "note": (True, keys("down", "enter", "e")),
    "finish": (True, keys("down", "enter", "f")),
    "results": (True, keys("enter")),
    "recommendations": (True, keys("enter", "r")),
    "roadmap": (True, keys("enter", "r", "m")),
    "invest": (True, keys("enter", "r", "i")),
    "graph": (True, keys("enter", "g", "down")),
    "history": (True, keys("enter", "h")),
    "help": (True, keys("enter", "f1")),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", list(SCENES))
def test_screen(scene: str, size: tuple[int, int], catalog: Catalog, db: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    seed, run_before = SCENES[scene]
    if seed:
        seeded(db, catalog)
    assert snap_compare(make_app(catalog, db), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_light_theme(size: tuple[int, int], catalog: Catalog, db: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    seeded(db, catalog)
    app = make_app(catalog, db, theme="textual-light")
    assert snap_compare(app, terminal_size=size, run_before=keys("enter"))


@pytest.mark.parametrize("size", SIZES)
def test_problem(size: tuple[int, int], db: Path, snap_compare, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # a relative path, so the message on screen is the same in every checkout
    monkeypatch.chdir(TESTS.parent)

    def broken() -> tuple[Catalog, list[str]]:
        return catalog_from(Path("tests") / "fixtures" / "bad" / "dangling"), []

    app = MaturityApp(load_catalog=broken, open_store=lambda: open_store(db), today=lambda: TODAY)
    assert snap_compare(app, terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES)
def test_loading(size: tuple[int, int], db: Path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()

    def slow_store() -> Store:
        release.wait(PATIENCE)  # till the picture is taken (the app waits for it when closing)
        return open_store(db)

    async def run_before(pilot: Pilot) -> None:
        while not (isinstance(pilot.app.screen, LoadingScreen) and pilot.app.screen.is_mounted):
            await pilot.pause(0)
        for _ in range(3):
            await pilot.pause(0)

    app = MaturityApp(load_catalog=lambda: (catalog_from(MINI), []), open_store=slow_store, today=lambda: TODAY)
    close = app.exit

    def exit_after_picture(*args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        release.set()  # the picture is taken: the database may open now
        close(*args, **kwargs)

    app.exit = exit_after_picture  # type: ignore[method-assign]
    try:
        assert snap_compare(app, terminal_size=size, run_before=run_before)
    finally:
        release.set()
