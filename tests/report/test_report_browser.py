"""The HTML report in a real browser: headless chromium takes a screenshot and prints it to
PDF, with nothing fetched from the network and every chart drawn."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
import pytest
from click.testing import CliRunner, Result

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")

# continuous integration installs chromium (.ci/run), so there a missing browser is a failure
pytestmark = pytest.mark.skipif(BROWSER is None and not os.environ.get("CI"), reason="no chromium: apt-get install chromium")


def headless(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None, "no chromium: .ci/run installs it with apt-get install chromium"
    profile = tmp_path / "browser-profile"
    command = [
        BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}", *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, env={**os.environ, "HOME": str(tmp_path)})


def run(*args: str | Path) -> Result:
    from maturity.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], prog_name="maturity")


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    """The HTML report of an example business (built-in questionnaires) with two assessments."""
    db = tmp_path / "r.db"
    example = EXAMPLES / "corner-bakery.toml"
    for day in ("2025-06-01", "2025-12-01"):
        result = run("--db", db, "assess", "--answers", example, "--save", "--date", day)
        assert result.exit_code == 0, result.output
    out = tmp_path / "report.html"
    result = run("--db", db, "report", "-o", out)
    assert result.exit_code == 0, result.output
    return out


def test_report_renders_and_prints_offline(report_file: Path, tmp_path: Path) -> None:
    page = report_file.read_text(encoding="utf-8")
    # nothing to fetch: no src or href pointing anywhere, no script, no external font or stylesheet
    assert not re.findall(r"""\b(?:src|href)\s*=\s*["']?[^"'>\s]*(?:http|//)""", page, re.I)
    assert "<script" not in page.lower() and "@import" not in page and "url(" not in page
    for chart in ("radar", "bars", "trend"):
        assert len(re.findall(rf'<svg [^>]*data-chart="{chart}"', page)) == 1, chart

    png = tmp_path / "report.png"
    shot = headless(tmp_path, f"--screenshot={png}", "--window-size=1100,1600", report_file.as_uri())
    assert png.exists() and png.stat().st_size > 20_000, shot.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    pdf = tmp_path / "printed.pdf"
    printed = headless(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", report_file.as_uri())
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-", printed.stderr
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(pdf))
    assert len(reader.pages) >= 3
    first = reader.pages[0].extract_text()
    # the first printed page is the one a board reads, alone; the detail starts on the next,
    # then the recognised baselines and the domains' capabilities
    assert "Technology maturity of Corner Bakery" in first
    at = [first.find(s) for s in ("Where the business stands", "The three biggest risks", "The next steps", "The year's expected return")]
    assert -1 not in at and at == sorted(at), at
    assert "The domains in detail" not in first and "Domain by domain" not in first
    assert reader.pages[1].extract_text().startswith("The domains in detail")
    rest = [page.extract_text() for page in reader.pages[2:]]
    assert any(p.startswith("Recognised baselines") for p in rest)
    assert any("Domain by domain" in p for p in rest)


def test_printed_html_holds_a_name_in_any_script(tmp_path: Path) -> None:
    """Chromium draws the name with the system's fonts (.ci/run installs Noto): no letter is
    lost in print."""
    pypdf = pytest.importorskip("pypdf")
    answers = tmp_path / "many.toml"
    text = (EXAMPLES / "corner-bakery.toml").read_text(encoding="utf-8")
    answers.write_text(re.sub(r'(?m)^name = "Corner Bakery"', 'name = "Ωμέγα Бета 東京 مخبز Café"', text, count=1), encoding="utf-8")
    page = tmp_path / "many.html"
    assert run("report", "--answers", answers, "-o", page).exit_code == 0
    pdf = tmp_path / "many.pdf"
    printed = headless(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert pdf.exists(), printed.stderr
    # Arabic letters are printed joined: their presentation forms read back as the letters
    first = unicodedata.normalize("NFKC", pypdf.PdfReader(str(pdf)).pages[0].extract_text())
    for word in ("Ωμέγα", "Бета", "東京", "مخبز", "Café"):
        assert word in first, (word, first[:200])
