"""The report's first page, the one a board reads: where the business stands against its
targets, the three biggest risks, the next steps with who, by when and at what cost, the year's
expected return and the baselines, for every example; the risks as the planning core works them
out; and a PDF that prints any organisation's name."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.toml"))
HEALTHCARE = REPO / "plugins" / "maturity-healthcare" / "src"
SECTIONS = ("Where the business stands", "The three biggest risks", "The next steps", "The year's expected return")
#: an organisation's name in Greek, Cyrillic, Japanese, Arabic and accented Latin
MANY_SCRIPTS = "Ωμέγα Бета 東京 مخبز Café"
TODAY = dt.date(2026, 12, 7)


@pytest.fixture(autouse=True)
def with_healthcare(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(HEALTHCARE))
    monkeypatch.setenv("MATURITY_LOAD_PLUGINS", "maturity_healthcare")


def cli(*args: str | Path) -> str:
    from maturity.cli import cli as group

    result = CliRunner().invoke(group, [str(a) for a in args], prog_name="maturity")
    assert result.exit_code == 0, result.output
    return result.output


def first_page_of(page: str) -> str:
    """The text of the HTML report's first page (its summary section), tags taken out."""
    summary = re.search(r'(?s)<section class="summary" id="summary">(.*?)</section>', page)
    assert summary, "no summary section"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", summary.group(1))).split())


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_first_page_says_where_the_business_stands_its_risks_steps_and_return(example: Path) -> None:
    data = json.loads(cli("report", "--answers", example, "--format", "json"))
    first = first_page_of(cli("report", "--answers", example, "--format", "html"))
    md = cli("report", "--answers", example, "--format", "markdown").split("## The domains in detail")[0]
    for text in (first, md):
        positions = [text.find(s) for s in SECTIONS]
        assert -1 not in positions and positions == sorted(positions), (example.stem, positions)
        assert "Index" not in text and "Domain by domain" not in text  # the detail comes after
    for d in data["domains"]:
        if d["assessed"]:
            assert f"{d['name']} {d['label']} {d['target']} {d['to_go']}" in first, d["name"]
    # the risks: at most three, largest first, each with its money and source
    risks = data["risks"]
    assert 1 <= len(risks) <= 3
    assert [r["expected"] for r in risks] == sorted((r["expected"] for r in risks), reverse=True)
    for r in risks:
        assert r["name"] in first and r["sources"]
        assert re.search(re.escape(r["name"]) + r": about \S+ a year to expect", first)
    # the next steps: who, by when (a quarter's last day) and the cost with its hours
    for s in data["next_steps"]:
        due = dt.date.fromisoformat(s["due"])
        assert due > dt.date.fromisoformat(data["generated"])
        row = re.search(re.escape(html.unescape(s["name"])) + r" (The owner|The manager)[^$€£]*? (\d{1,2} \w+ \d{4}) (\S+)", first)
        assert row and row.group(2) == f"{due:%d %B %Y}".lstrip("0"), (s["name"], first)
        assert s["money"] >= s["cost"] and s["help_cost"] <= s["money"]
    # the year's return, in the same figures as the plan's year
    year = data["year"]
    if year and year["value"]:
        assert "This year the plan spends" in first and "expected to return" in first
    for b in data["coverage"]:
        assert f"{b['counts']['met']} of {b['counts']['total'] - b['counts']['not_applicable']} met" in first


def test_a_domain_not_assessed_is_named_once_and_drawn_nowhere() -> None:
    example = REPO / "examples" / "riverside-dental.toml"
    page = cli("report", "--answers", example, "--format", "html")
    shown = re.sub(r"(?s)<(style|svg)[^>]*>.*?</\1>", " ", page)
    assert html.unescape(re.sub(r"<[^>]+>", " ", shown)).count("Healthcare practice") == 1
    assert "Not assessed: Healthcare practice." in first_page_of(page)
    for chart in re.findall(r"(?s)<svg .*?</svg>", page):
        assert "Healthcare practice" not in chart


def test_the_biggest_risks_are_the_largest_losses_left_and_fall_as_steps_are_taken(tmp_path: Path) -> None:
    from maturity.assessment.answers import load_answers
    from maturity.catalog import load_catalog
    from maturity.planning import plan
    from maturity.planning.board import biggest_risks

    catalog = load_catalog()
    answers = load_answers(REPO / "examples" / "corner-bakery.toml", catalog)
    before = plan(catalog, answers, periods=4, today=TODAY)
    risks = biggest_risks(catalog, before, top=50)
    assert [r.expected for r in risks] == sorted((r.expected for r in risks), reverse=True)
    for r in risks:
        assert r.low <= r.expected <= r.high and r.sources
        if r.first_step:  # the first step against it is one the plan takes, in the quarter said
            assert any(i.name == r.first_step for p in before.roadmap.periods for i in p.items)
    # the capabilities that lower the biggest risk, put fully in place: that risk falls
    import dataclasses

    top = risks[0]
    result = before.result.model_copy(deep=True)
    lowering = [c for c in result.capabilities.values() if catalog.capabilities[c.id].name in top.lowered_by]
    assert lowering
    for c in lowering:
        c.credit, c.status = 1.0, "achieved"
    after = {r.id: r for r in biggest_risks(catalog, dataclasses.replace(before, result=result), top=50)}
    assert after.get(top.id) is None or after[top.id].expected < top.expected


def test_a_quarter_ends_the_day_before_the_same_day_three_months_on() -> None:
    from maturity.planning.board import period_end

    assert period_end(dt.date(2026, 12, 7), 1) == dt.date(2027, 3, 6)
    assert period_end(dt.date(2026, 12, 7), 4) == dt.date(2027, 12, 6)
    assert period_end(dt.date(2026, 11, 30), 1) == dt.date(2027, 2, 27)  # no 30 February
    assert period_end(dt.date(2027, 1, 1), 1) == dt.date(2027, 3, 31)


FONTS = pytest.mark.skipif(
    not os.environ.get("CI") and not Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").exists(),
    reason="no Noto fonts: apt-get install fonts-noto-core fonts-noto-cjk",
)


@FONTS
def test_the_pdf_prints_a_name_in_any_script(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    answers = tmp_path / "many.toml"
    text = (REPO / "examples" / "corner-bakery.toml").read_text(encoding="utf-8")
    answers.write_text(re.sub(r'(?m)^name = "Corner Bakery"', f'name = "{MANY_SCRIPTS}"', text, count=1), encoding="utf-8")
    out = tmp_path / "many.pdf"
    cli("report", "--answers", answers, "-o", out)
    first = pypdf.PdfReader(str(out)).pages[0].extract_text()
    assert "?" not in first.splitlines()[0], first.splitlines()[0]
    for word in ("Ωμέγα", "Бета", "Café"):
        assert word in first, word
    assert "東" in first and "京" in first
    # Arabic reads right to left: its letters are there, in one order or the other
    assert "مخبز" in first or "زبخم" in first, first.splitlines()[0]
    assert "not installed" not in first


def test_charts_read_at_print_size(tmp_path: Path) -> None:
    """Level labels on the radar, each bar's name and figure apart, the colour rule in the
    bars' legend, and the trend's axis in dates."""
    db = tmp_path / "t.db"
    example = REPO / "examples" / "corner-bakery.toml"
    for day in ("2025-06-01", "2025-09-15", "2025-12-01"):
        cli("--db", db, "assess", "--answers", example, "--save", "--date", day)
    page = cli("--db", db, "report", "--format", "html")
    charts = {m.group(1): m.group(0) for m in re.finditer(r'(?s)<svg [^>]*data-chart="(\w+)".*?</svg>', page)}
    radar = charts["radar"]
    assert "Cybersecurity" in radar and "rotate(" not in radar
    data = json.loads(cli("--db", db, "report", "--format", "json"))
    for d in data["domains"]:
        if d["assessed"]:
            assert f">{html.escape(d['name'])}: {d['percent']:.0f}%<" in charts["bars"], d["name"]
    assert "Below target" in charts["bars"] and "At target" in charts["bars"]
    for day in ("01 Jun 2025", "15 Sep 2025", "01 Dec 2025"):
        assert day in charts["trend"], day


def test_without_the_fonts_the_pdf_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pypdf = pytest.importorskip("pypdf")
    from maturity.report import pdf_fonts

    monkeypatch.setattr(pdf_fonts, "_found", lambda: {})
    answers = tmp_path / "many.toml"
    text = (REPO / "examples" / "corner-bakery.toml").read_text(encoding="utf-8")
    answers.write_text(re.sub(r'(?m)^name = "Corner Bakery"', f'name = "{MANY_SCRIPTS}"', text, count=1), encoding="utf-8")
    out = tmp_path / "many.pdf"
    cli("report", "--answers", answers, "-o", out)
    first = " ".join(pypdf.PdfReader(str(out)).pages[0].extract_text().split())
    assert "Café" in first and "?" in first.split("Café")[0]
    assert "fonts that are not installed" in first and "fonts-noto-core fonts-noto-cjk" in first


def test_arabic_is_shaped_in_the_pdf() -> None:
    """Arabic letters join and run right to left: the PDF turns on HarfBuzz's shaping for a
    report that holds Arabic (uharfbuzz comes with the PDF extra), and only then."""
    import fpdf

    from maturity.report import pdf_fonts

    arabic = fpdf.FPDF()
    family, missing = pdf_fonts.setup(arabic, "مخبز الزاوية")
    assert family is not None and "arabic" not in missing, f"the Noto fonts are needed: {pdf_fonts.INSTALL}"
    assert arabic.text_shaping and arabic.text_shaping["use_shaping_engine"]
    latin = fpdf.FPDF()
    pdf_fonts.setup(latin, "Corner Bakery")
    assert not latin.text_shaping
