"""The results screen writes the report (a key and a palette command) and shows the peers."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity.catalog import Catalog, build_catalog
from maturity.contract.hooks import hookimpl
from maturity.plugins import DirectoryPlugin, Plugins
from maturity.tui.screens.dashboard import DashboardScreen

from .tui_support import MINI, make_app, run, screen_text, seed_history, settle


class Peers:
    __name__ = "peers"

    @hookimpl
    def register_benchmarks(self, register):  # type: ignore[no-untyped-def]
        register("retail", "1-9", {"alpha": 1.5, "beta": 0.25})


def with_peers() -> Catalog:
    plugins = Plugins()
    plugins.add(DirectoryPlugin(MINI), f"dir:{MINI}", module=str(MINI), version="", source="directory")
    plugins.add(Peers(), "peers", module="peers", version="1.0", source="test")
    return build_catalog(plugins)


@run
async def test_w_writes_the_report_and_says_where(catalog: Catalog, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("w")
        await settle(pilot)
        written = tmp_path / "report-acme-2.html"
        assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert any(f"Report written to {written}" in str(n.message) for n in app._notifications)
        # a second report never overwrites the first
        await pilot.press("w")
        await settle(pilot)
        assert (tmp_path / "report-acme-2-2.html").exists()
        commands = [c.title for c in app.screen.palette_commands()]
        assert "Write the report" in commands
    app.shutdown()


@run
async def test_results_show_the_peers_when_a_plugin_gives_benchmarks(db: Path) -> None:
    catalog = with_peers()
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "No peer comparison: the profile gives no industry_id" in text
    app.shutdown()
