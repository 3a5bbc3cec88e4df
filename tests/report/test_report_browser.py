"""The HTML report in a real browser: headless chromium takes a screenshot and prints it to
PDF, with nothing fetched from the network and every chart drawn."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
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
    # the summary fills the first printed page; the recognised baselines start on the next,
    # and the domain details follow them
    assert "Technology maturity of Corner Bakery" in first and "The next three investments" in first
    assert "Domain by domain" not in first and "Recognised baselines" not in first
    assert reader.pages[1].extract_text().startswith("Recognised baselines")
    assert any("Domain by domain" in page.extract_text() for page in reader.pages[2:])

