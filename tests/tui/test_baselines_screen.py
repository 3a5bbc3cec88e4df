"""The recognised baselines screen, and coverage that agrees across the command line, the app
and the report: every surface shows the figures of the one coverage service."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from maturity.assessment.answers import load_answers
from maturity.assessment.scoring import score
from maturity.catalog import load_catalog
from maturity.cli import cli
from maturity.coverage import coverage
from maturity.coverage.text import counts_text, summary_line
from maturity.report import report_of_assessment
from maturity.report.text import render_markdown
from maturity.store import open_store
from maturity.tui.screens.baselines import BaselinesScreen
from maturity.tui.screens.dashboard import DashboardScreen

from .tui_support import at, make_app, run, settle

EXAMPLES = Path(__file__).parents[2] / "examples"


def saved_bakery(db: Path):
    catalog = load_catalog(user_dir=None, env={})
    answers = load_answers(EXAMPLES / "corner-bakery.toml", catalog)
    with open_store(db) as store:
        store.save_completed("Corner Bakery", answers, score(catalog, answers), catalog.versions(), {"maturity": "0.1.0"}, completed=at(2026, 5, 1))
    return catalog, answers


@run
async def test_coverage_agrees_across_the_command_line_the_app_and_the_report(db: Path) -> None:
    catalog, answers = saved_bakery(db)
    core = coverage(catalog, answers)
    assert [b.key for b in core.baselines] == ["cyber-essentials@3.3", "cis-controls-ig1@8.1", "essential-eight@2023.11", "nist-csf@2.0"]

    # the command line, on the file and on the saved assessment
    for args in ([str(EXAMPLES / "corner-bakery.toml")], ["--org", "Corner Bakery"]):
        out = CliRunner().invoke(cli, ["--db", str(db), "coverage", *args, "--json"], env={"MATURITY_LOAD_PLUGINS": ""})
        assert out.exit_code == 0, out.output
        assert json.loads(out.stdout) == core.model_dump(mode="json")
    text = CliRunner().invoke(cli, ["assess", "--answers", str(EXAMPLES / "corner-bakery.toml")], env={"MATURITY_LOAD_PLUGINS": ""}).stdout
    for b in core.baselines:
        assert summary_line(b) in text

    # the report, in its own section
    with open_store(db) as store:
        report, _ = report_of_assessment(catalog, store, "Corner Bakery")
    assert [b.model_dump() for b in report.coverage] == [b.model_dump() for b in core.baselines]
    markdown = render_markdown(report)
    assert "## Recognised baselines" in markdown
    for b in core.baselines:
        c = b.counts
        assert f"| {c.met} of {c.applicable} ({c.percent_met:.0f}%) | {c.partly} | {c.not_met} | {c.unknown} | {c.not_applicable} |" in markdown

    # the app, on its own screen
    app = make_app(catalog, db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("b")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, BaselinesScreen)
        assert screen.coverage == core
        shown = str(screen.query_one("#summary").render()) + str(screen.query_one("#baselines").render())
        shown = " ".join(shown.split())  # long lines are wrapped to the screen
        for b in core.baselines:
            assert counts_text(b.counts) in shown
            for item in b.missing():
                assert item.label in shown
        assert "Fails as a whole" in shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    app.shutdown()
