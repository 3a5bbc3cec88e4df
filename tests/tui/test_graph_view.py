"""The capability graph tells the truth about investments: a capability not in place yet whose
investment was accepted shows as in progress; one in place stays in place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from maturity.catalog import Catalog
from maturity.store import open_store
from maturity.tui.screens.graph import GraphScreen

from .test_snapshots import SCENES, seeded
from .tui_support import run, make_app, screen_text


@run
async def test_an_accepted_investment_shows_as_in_progress_until_it_is_in_place(catalog: Catalog, db: Path) -> None:
    seeded(db, catalog)  # an investment in Shop, which does not apply to Acme (it does not sell online)
    with open_store(db) as store:
        store.add_investment("Acme", "al.two", 1000, dt.date(2026, 3, 1), dt.date(2026, 6, 1))
    app = make_app(catalog, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await SCENES["graph"][1](pilot)  # Alpha's graph, the second capability highlighted
        screen = app.screen
        assert isinstance(screen, GraphScreen)
        assert screen.states["al.two"] == "in_progress"
        assert screen.states["be.shop"] != "in_progress"  # not applicable to Acme: said as it is
        text = screen_text(app)
        assert "◐ Two" in text and "◐ in progress" in text  # the row, and the legend
        assert "In progress: an investment in it is accepted" in text
    app.shutdown()
