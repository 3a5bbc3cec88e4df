"""One truth on every surface: each example rendered by `assess`, the Markdown, HTML, CSV and
JSON reports and the app's results shows, for each domain, the same stage (with the progress
inside it), the same target, and "Not assessed" with no figures for a domain without answers.
The facts are worked out once, in assessment/presentation.py; every surface is compared with
them."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from maturity.assessment.presentation import NOT_ASSESSED, DomainFacts, domain_facts

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.toml"))
HEALTHCARE = REPO / "plugins" / "maturity-healthcare" / "src"


@pytest.fixture(autouse=True)
def with_healthcare(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(HEALTHCARE))
    monkeypatch.setenv("MATURITY_LOAD_PLUGINS", "maturity_healthcare")
    monkeypatch.setenv("COLUMNS", "120")


def cli(*args: str | Path) -> str:
    from maturity.cli import cli as group

    result = CliRunner().invoke(group, [str(a) for a in args], prog_name="maturity")
    assert result.exit_code == 0, result.output
    return result.output


def facts(example: Path) -> list[DomainFacts]:
    from maturity.catalog import load_catalog
    from maturity.assessment.answers import load_answers
    from maturity.assessment.scoring import score

    catalog = load_catalog()
    return domain_facts(score(catalog, load_answers(example, catalog)), catalog)


def target_text(f: DomainFacts) -> str:
    return f"{f.target} ({f.to_go})" if f.target and f.to_go else f.target or "–"


def visible_text(page: str) -> str:
    """The text an HTML page shows, without its charts (which a test reads on their own)."""
    body = re.sub(r"(?s)<(style|svg)[^>]*>.*?</\1>", " ", page)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def cells(row: str) -> list[str]:
    return [" ".join(c.split()) for c in row.strip().strip("|").split("|")]


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_surface_shows_the_same_facts(example: Path) -> None:
    expected = facts(example)
    assert expected

    # assess: one row per domain, the stage and the target as columns
    text = cli("assess", "--answers", example)
    for f in expected:
        row = next(line for line in text.splitlines() if line.startswith(f.name[:20]))
        assert f" {f.label} " in row and f" {f.target} " in f"{row} ", (f, row)
        if not f.assessed:
            assert "0.00" not in row and "█" not in row

    # Markdown: the first page's | name | stage now | target | how far |, then the detail's
    # | name | stage | target | index | progress |, for the domains assessed only
    md = cli("report", "--answers", example, "--format", "markdown")
    first, detail = md.split("## The domains in detail")
    for f in expected:
        if not f.assessed:
            assert not [line for line in md.splitlines() if line.startswith("| ") and f.name in line], f.name
            continue
        row = next(line for line in first.splitlines() if line.startswith("| ") and f.name in line)
        assert cells(row) == [f.name, f.label, f.target, f.to_go], row
        row = next(line for line in detail.splitlines() if line.startswith("| ") and f.name in line.replace("*", ""))
        name, stage, target, index, progress = cells(row)[:5]
        assert (stage, target, index, progress) == (f.label, target_text(f), f"{f.index:.2f}", f"{f.percent:.0f}%"), row

    # HTML: the first page's table and the detail's, the same cells
    page = cli("report", "--answers", example, "--format", "html")
    shown = [f for f in expected if f.assessed]
    for name, columns in (("stand", lambda f: [f.name, f.label, f.target, f.to_go]),
                          ("domains", lambda f: [f.name, f.label, target_text(f), f"{f.index:.2f}", f"{f.percent:.0f}%"])):
        table = re.search(rf'(?s)<table class="{name}">.*?</table>', page).group(0)  # type: ignore[union-attr]
        rows = [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"(?s)<td[^>]*>(.*?)</td>", r)]
                for r in re.findall(r"(?s)<tr[^>]*>(.*?)</tr>", table.split("<tbody>")[1])]
        assert [r[:len(columns(shown[0]))] for r in rows] == [columns(f) for f in shown], name
    # a domain not assessed is named once, and not drawn in the charts
    figures = "".join(re.findall(r'(?s)<figure id="chart-(?:radar|bars)-figure">.*?</figure>', page))
    assert figures
    for f in expected:
        assert (html.escape(f.name) in figures or f.name in figures) is f.assessed or len(f.name) > 36, f.name
        if not f.assessed:
            assert visible_text(page).count(f.name) == 1, f.name

    # JSON and CSV: the same facts as data
    data = json.loads(cli("report", "--answers", example, "--format", "json"))
    assert [(d["name"], d["label"], d["target"], d["assessed"]) for d in data["domains"]] == \
        [(f.name, f.label, f.target, f.assessed) for f in expected]
    table_rows = list(csv.DictReader(io.StringIO(cli("report", "--answers", example, "--format", "csv"))))
    for f in expected:
        mine = [r for r in table_rows if r["domain_name"] == f.name]
        assert mine and {r["domain_stage"] for r in mine} == {f.stage_name}
        assert {r["domain_index"] for r in mine} == ({""} if not f.assessed else {f"{f.index:.4f}"})


def test_a_domain_not_assessed_is_named_so_everywhere() -> None:
    example = REPO / "examples" / "riverside-dental.toml"
    healthcare = next(f for f in facts(example) if f.domain == "healthcare")
    assert (healthcare.assessed, healthcare.label, healthcare.index) == (False, NOT_ASSESSED, None)
    md = cli("report", "--answers", example, "--format", "markdown")
    assert "Not assessed: Healthcare practice. No question of this domain was answered" in md
    assert md.count("Healthcare practice") == 1
    assert "Not started | 0.00" not in md


@pytest.mark.parametrize("name", ["riverside-dental", "corner-bakery"])
def test_the_app_shows_the_same_facts(name: str, tmp_path: Path) -> None:
    import asyncio
    import datetime as dt

    from maturity.catalog import load_catalog
    from maturity.assessment.answers import load_answers
    from maturity.assessment.scoring import score
    from maturity.store import open_store
    from maturity.tui.app import create_app
    from maturity.tui.screens.dashboard import DashboardScreen
    from tests.tui.tui_support import screen_text, settle, wait_until

    example = REPO / "examples" / f"{name}.toml"
    catalog = load_catalog()
    answers = load_answers(example, catalog)
    db = tmp_path / "m.db"
    with open_store(db) as store:
        store.save_completed(answers.profile.name, answers, score(catalog, answers), catalog.versions(), {},
                             completed=dt.datetime(2026, 11, 2, 12, tzinfo=dt.timezone.utc))
    shown: list[str] = []

    async def walk() -> None:
        app = create_app(catalog=catalog, db=str(db), today=lambda: dt.date(2026, 12, 1))
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await pilot.press("enter")
            await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen) and app.screen.loaded is not None)
            shown.append(screen_text(app))
        app.shutdown()

    asyncio.run(walk())
    for f in facts(example):
        row = next(line for line in shown[0].splitlines() if f.name[:18] in line)
        assert f.label in row and f.target in row, (f, row)
        if not f.assessed:
            assert "0.00" not in row and "█" not in row, row


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_surface_shows_the_same_year_in_money_and_hours(example: Path) -> None:
    """What the plan's first year spends and returns is worded once (planning/explain.py) and
    the roadmap, the Markdown and HTML reports, the app's roadmap and the report's JSON show
    those figures."""
    from maturity.assessment.answers import load_answers
    from maturity.catalog import load_catalog
    from maturity.planning import plan
    from maturity.planning.explain import year_words

    catalog = load_catalog()
    answers = load_answers(example, catalog)
    road = plan(catalog, answers).roadmap
    words = year_words(road.year, answers.profile.currency)
    assert words and road.year is not None
    roadmap = flat(cli("roadmap", "--answers", example))
    markdown = flat(cli("report", "--answers", example, "--format", "markdown"))
    page = flat(visible_text(cli("report", "--answers", example, "--format", "html")))
    from maturity.tui.widgets.roadmap_view import RoadmapView

    app = flat(RoadmapView.describe(road, {c: cap.name for c, cap in catalog.capabilities.items()}, 400).plain)
    for sentence in words:
        assert flat(sentence) in roadmap, sentence
        assert flat(sentence) in markdown, sentence
        assert flat(sentence) in page, sentence
        assert flat(sentence) in app, sentence
    data = json.loads(cli("report", "--answers", example, "--format", "json"))
    assert data["year"] == json.loads(road.year.model_dump_json())
