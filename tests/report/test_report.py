"""`maturity report`: every format carries the result's figures, text stays inert, redaction
leaves out what it says, plugin formats and peer benchmarks show up, and bad input is one
message with exit status 2."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result
from conftest import MINI, assert_bad_input

Run = Callable[..., Result]

FIRST = """
[profile]
name = "Acme Plumbing"
industry = "plumbing supplies shop"
industry_id = "retail"
size = 8
budget = 6000
currency = "EUR"
goals = { security = 3, operations = 2 }

[answers]
"al.one.q" = { answer = "some", note = "NOTE-ONE only the owner knows", evidence = ["EVIDENCE-ONE.pdf"], confidence = "low" }
"al.two.q" = { dont_know = true }
"be.base.q" = ["b"]
"""

SECOND = """
[profile]
name = "Acme Plumbing"
industry = "plumbing supplies shop"
industry_id = "retail"
size = 8
budget = 6000
currency = "EUR"
goals = { security = 3, operations = 2 }

[answers]
"al.one.q" = { answer = "all", note = "NOTE-TWO done in spring" }
"al.two.q" = true
"be.base.q" = ["b", "c"]
"be.shop.q" = { not_applicable = "REASON-NA we sell over the counter only" }
"""

XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>']


def ok(result: Result) -> str:
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.output}\n{result.stderr}"
    return result.stdout


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    first.write_text(FIRST)
    second.write_text(SECOND)
    return first, second


@pytest.fixture
def saved(run: Run, tmp_path: Path, files: tuple[Path, Path]) -> Path:
    db = tmp_path / "acme.db"
    for path, day in zip(files, ("2024-01-15", "2024-07-10")):
        ok(run("--db", db, "assess", "--answers", path, "--save", "--date", day))
    return db


def result_json(run: Run, path: Path) -> dict:
    return json.loads(ok(run("assess", "--answers", path, "--json")))


# --------------------------------------------------------------------------------------------
# figures in every format, checked against the result JSON
# --------------------------------------------------------------------------------------------


def test_json_report_carries_the_result(run: Run, files: tuple[Path, Path]) -> None:
    expected = result_json(run, files[1])
    report = json.loads(ok(run("report", "--answers", files[1], "--format", "json")))
    assert report["schema_version"] == 1 and report["source"]["kind"] == "answer_file"
    assert [(d["domain"], d["stage"], d["index"], d["percent"]) for d in report["domains"]] == [
        (d["domain"], d["stage"], d["index"], d["percent"]) for d in expected["domains"]
    ]
    caps = {c["id"]: c for dd in report["details"] for c in dd["capabilities"]}
    for cid, c in expected["capabilities"].items():
        assert (caps[cid]["status"], caps[cid]["credit"]) == (c["status"], c["credit"])
    assert report["weakest_link"]["domains"] == expected["weakest_link"]["domains"]
    assert report["trace"]["content_hash"].startswith("sha256:")
    assert report["trace"]["questionnaires"] == {"alpha": "1.0.0", "beta": "2.0.0"}


def test_csv_has_one_row_per_capability_with_the_results_figures(run: Run, files: tuple[Path, Path]) -> None:
    expected = result_json(run, files[1])
    rows = list(csv.DictReader(io.StringIO(ok(run("report", "--answers", files[1], "--format", "csv")))))
    assert sorted(r["capability"] for r in rows) == sorted(expected["capabilities"])
    for row in rows:
        c = expected["capabilities"][row["capability"]]
        assert (row["status"], float(row["credit"]), int(row["questions"]), int(row["unanswered"])) == pytest.approx(
            (c["status"], c["credit"], c["questions"], c["unanswered"]), abs=1e-4
        )
        d = next(d for d in expected["domains"] if d["domain"] == row["domain"])
        assert float(row["domain_index"]) == pytest.approx(d["index"], abs=1e-4)


def test_markdown_summary_shows_each_domains_figures(run: Run, files: tuple[Path, Path]) -> None:
    expected = result_json(run, files[1])
    text = ok(run("report", "--answers", files[1], "--format", "markdown"))
    for d in expected["domains"]:
        # the stage as `assess` words it, the target, then the figures
        assert re.search(rf"\| \**{d['name']}\** \| {d['label']} \| {d['target']['stage_name']}[^|]* \| {d['index']:.2f} \| {d['percent']:.0f}% \|", text), d
    assert "€" in text  # money in the profile's currency, as everywhere


def test_html_summary_shows_each_domains_figures(run: Run, files: tuple[Path, Path]) -> None:
    expected = result_json(run, files[1])
    page = ok(run("report", "--answers", files[1], "--format", "html"))
    for d in expected["domains"]:
        assert re.search(rf"<td>{d['name']}</td><td>{d['label']}</td><td>{d['target']['stage_name']}[^<]*</td><td class=\"num\">{d['index']:.2f}</td><td class=\"num\">{d['percent']:.0f}%</td>", page), d
    for chart in ("radar", "bars"):
        assert f'data-chart="{chart}"' in page
    assert "<script" not in page.lower()
    assert not re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)


def test_pdf_text_holds_the_summary_figures(run: Run, saved: Path, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    out = tmp_path / "acme.pdf"
    ok(run("--db", saved, "report", "-o", out))
    report = json.loads(ok(run("--db", saved, "report", "--format", "json")))
    reader = pypdf.PdfReader(str(out))
    first, detail = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert "Technology maturity of Acme Plumbing" in first
    for d in report["domains"]:
        assert re.search(rf"{d['name']} {d['label']} {d['target']} {d['to_go']}", first), (d, first)
        assert re.search(rf"{d['name']}.*{d['label']}.*{d['index']:.2f} {d['percent']:.0f}%", detail), (d, detail)
    for step in report["next_steps"]:
        assert step["name"] in first and step["cost_text"] in detail
    # the weakest link in the sentence every surface shows
    assert " ".join(report["weakest_link"]["text"].split()) in " ".join(detail.split())
    whole = "".join(p.extract_text() for p in reader.pages)
    assert report["trace"]["content_hash"] in whole.replace("\n", "")


# --------------------------------------------------------------------------------------------
# saved assessments: latest, by number, compare, trend, investments
# --------------------------------------------------------------------------------------------


def test_latest_by_default_any_by_number(run: Run, saved: Path) -> None:
    latest = json.loads(ok(run("--db", saved, "report", "--format", "json")))
    first = json.loads(ok(run("--db", saved, "report", "1", "--format", "json")))
    assert (latest["source"]["assessment_id"], first["source"]["assessment_id"]) == (2, 1)
    assert [t["assessment_id"] for t in latest["trend"]] == [1, 2]
    assert [t["assessment_id"] for t in first["trend"]] == [1]
    assert any("Newly in place" in c for c in latest["changes"])


def test_compare_shows_what_moved_in_every_format(run: Run, saved: Path, tmp_path: Path) -> None:
    data = json.loads(ok(run("--db", saved, "report", "--compare", "1", "2", "--format", "json")))
    cmp = data["comparison"]
    assert (cmp["a"], cmp["b"]) == (1, 2)
    moved = {c["id"]: c for c in cmp["capabilities"]}
    assert moved["al.one"]["status_before"] == "partial" and moved["al.one"]["status_after"] == "achieved"
    alpha = next(d for d in cmp["domains"] if d["domain"] == "alpha")
    assert alpha["index_after"] > alpha["index_before"]
    md = ok(run("--db", saved, "report", "--compare", "1", "2", "--format", "markdown"))
    assert "## Comparison of #1" in md and re.search(r"\| One \| Alpha \| partly in place \| in place \|", md)
    page = ok(run("--db", saved, "report", "--compare", "1", "2", "--format", "html"))
    assert 'id="comparison"' in page and "partly in place" in page
    rows = list(csv.DictReader(io.StringIO(ok(run("--db", saved, "report", "--compare", "1", "2", "--format", "csv")))))
    one = next(r for r in rows if r["capability"] == "al.one")
    assert (one["status_before"], one["status"]) == ("partial", "achieved")
    pytest.importorskip("fpdf")
    ok(run("--db", saved, "report", "--compare", "1", "2", "-o", tmp_path / "c.pdf"))
    import pypdf

    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "c.pdf")).pages)
    assert "Comparison of #1" in text


def test_investments_show_in_the_report(run: Run, saved: Path) -> None:
    ok(run("--db", saved, "invest", "add", "al.two", "--cost", "3000", "--start", "2024-02-01", "--kpi", "hours", "--baseline", "10", "--target", "2"))
    ok(run("--db", saved, "invest", "measure", "1", "6", "--on", "2024-05-01"))
    data = json.loads(ok(run("--db", saved, "report", "--format", "json")))
    [inv] = data["investments"]
    assert inv["capability"] == "Two" and inv["planned_cost"] == 3000 and inv["kpi_progress"] == pytest.approx(0.5)
    page = ok(run("--db", saved, "report", "--format", "html"))
    assert 'data-chart="kpis"' in page and 'data-chart="trend"' in page and "€3,000" in page


# --------------------------------------------------------------------------------------------
# output files
# --------------------------------------------------------------------------------------------


def test_output_file_format_from_suffix_and_no_overwrite_without_force(run: Run, files: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    umask = os.umask(0o022)
    try:
        result = run("report", "--answers", files[0], "-o", out)
    finally:
        os.umask(umask)
    assert result.exit_code == 0 and f"to {out}" in result.stderr
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert out.stat().st_mode & 0o777 == 0o600  # its owner's alone, whatever the umask: it describes security gaps
    out.write_text("keep me")
    assert_bad_input(run("report", "--answers", files[0], "-o", out), "already exists", "--force")
    assert out.read_text() == "keep me"
    ok(run("report", "--answers", files[0], "-o", out, "--force"))
    assert out.read_text().startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "args, needle",
    [
        (("--format", "docx"), "unknown report format 'docx'"),
        (("-o", "report.txt"), "cannot tell the format"),
        (("9",), "assessment #9"),
        (("--compare", "1", "1"), "two different assessments"),
        (("--compare", "1", "5"), "assessment #5"),
    ],
)
def test_bad_requests_are_one_message(run: Run, saved: Path, args: tuple[str, ...], needle: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert_bad_input(run("--db", saved, "report", *args), needle)


def test_a_bad_answer_file_is_one_message(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[profile]\nindustry_id = "bakeries"\n')
    assert_bad_input(run("report", "--answers", bad), "bad.toml", "industry_id")


def test_report_schema_is_a_valid_json_schema_of_the_report(run: Run, files: tuple[Path, Path]) -> None:
    from cli.test_commands import check_schema

    from maturity.report import Report

    schema = json.loads(ok(run("schema", "report")))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False
    check_schema(schema, schema["$defs"])
    for name, sub in schema["$defs"].items():
        check_schema(sub, schema["$defs"], f"#/$defs/{name}")
    report = json.loads(ok(run("report", "--answers", files[1], "--format", "json")))
    assert set(schema["properties"]) == set(Report.model_fields) == set(report)
    assert set(schema["required"]) <= set(report)


def test_pdf_without_the_extra_says_what_to_install(run: Run, files: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "fpdf", None)  # as if fpdf2 were not installed
    out = tmp_path / "r.pdf"
    assert_bad_input(run("report", "--answers", files[0], "-o", out), "pip install 'maturity[pdf]'")
    assert not out.exists()


# --------------------------------------------------------------------------------------------
# sharing safely: escaping and redaction
# --------------------------------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """Mini questionnaires whose text, an org name and a note all hold markup."""
    folder = tmp_path / "q"
    shutil.copytree(MINI, folder)
    alpha = folder / "alpha.toml"
    alpha.write_text(alpha.read_text().replace('text = "How much of one?"', f'text = "How much of one? {XSS[0]}"').replace('name = "Alpha"', 'name = "Alpha <b>bold</b>"'))
    answers = tmp_path / "hostile.toml"
    note = XSS[1].replace('"', '\\"')
    answers.write_text(f'[profile]\nname = "Evil {XSS[0]} Ltd"\n\n[answers]\n"al.one.q" = {{ answer = "some", note = "{note}" }}\n')
    return folder, answers


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_markup_from_questionnaires_profiles_and_notes_stays_text(run_bare: Run, hostile: tuple[Path, Path], fmt: str) -> None:
    folder, answers = hostile
    out = ok(run_bare("--questionnaires", folder, "report", "--answers", answers, "--format", fmt))
    for raw in XSS + ["<b>bold</b>"]:
        assert raw not in out
    assert "<script" not in out.lower() and "<img" not in out.lower() and "onerror=alert(2)>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "onerror=alert(2)&gt;" in out


def test_pdf_and_csv_of_hostile_text(run_bare: Run, hostile: tuple[Path, Path], tmp_path: Path) -> None:
    folder, answers = hostile
    rows = list(csv.reader(io.StringIO(ok(run_bare("--questionnaires", folder, "report", "--answers", answers, "--format", "csv")))))
    assert rows[1][0] == f"Evil {XSS[0]} Ltd"  # data in a spreadsheet cell is not markup
    pytest.importorskip("fpdf")
    ok(run_bare("--questionnaires", folder, "report", "--answers", answers, "-o", tmp_path / "h.pdf"))
    import pypdf

    assert XSS[0] in pypdf.PdfReader(str(tmp_path / "h.pdf")).pages[0].extract_text()


def test_a_spreadsheet_formula_in_a_cell_is_defused(run: Run, tmp_path: Path) -> None:
    answers = tmp_path / "f.toml"
    answers.write_text('[profile]\nname = "=HYPERLINK(1)"\n')
    rows = list(csv.reader(io.StringIO(ok(run("report", "--answers", answers, "--format", "csv")))))
    assert rows[1][0] == "'=HYPERLINK(1)"


@pytest.mark.parametrize("fmt", ["html", "markdown", "csv", "json"])
def test_redacted_report_holds_no_note_evidence_or_reason(run: Run, saved: Path, fmt: str) -> None:
    plain = ok(run("--db", saved, "report", "--format", fmt))
    secret = ("NOTE-TWO", "REASON-NA")
    if fmt != "csv":  # the CSV has a row per capability and no notes at all
        assert all(s in plain for s in secret)
    redacted = ok(run("--db", saved, "report", "--format", fmt, "--redact"))
    for s in secret + ("NOTE-ONE", "EVIDENCE-ONE"):
        assert s not in redacted, s
    first = ok(run("--db", saved, "report", "1", "--format", fmt, "--redact"))
    assert "NOTE-ONE" not in first and "EVIDENCE-ONE" not in first


def test_redacted_pdf_holds_no_note(run: Run, saved: Path, tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    ok(run("--db", saved, "report", "-o", tmp_path / "r.pdf", "--redact"))
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(tmp_path / "r.pdf")).pages)
    assert "Redacted for sharing" in text and "NOTE-TWO" not in text and "REASON-NA" not in text


# --------------------------------------------------------------------------------------------
# plugin formats and peer benchmarks
# --------------------------------------------------------------------------------------------



def test_plugin_formats_are_listed_and_chosen(run: Run, install: Callable[..., None], files: tuple[Path, Path]) -> None:
    install("reports")
    listed = run("report", "--list-formats")
    assert listed.exit_code == 0
    names = [line.split()[0] for line in listed.stdout.splitlines()]
    assert names == ["html", "pdf", "markdown", "csv", "json", "stages", "explodes"]
    assert "'html', which is already a built-in format" in listed.stderr
    assert ok(run("report", "--answers", files[0], "--format", "stages")) == "Alpha: Not started\nBeta: Not started\n"
    # the refused duplicate does not replace the built-in html
    assert ok(run("report", "--answers", files[0], "--format", "html")).startswith("<!DOCTYPE html>")


def test_a_failing_plugin_format_is_named_and_the_others_work(run: Run, install: Callable[..., None], files: tuple[Path, Path]) -> None:
    install("reports")
    result = run("report", "--answers", files[0], "--format", "explodes")
    assert result.exit_code == 2 and "report format 'explodes' of plugin 'reports' failed: ZeroDivisionError" in result.stderr
    assert "Traceback" not in result.output
    assert ok(run("report", "--answers", files[0], "--format", "markdown")).startswith("# Technology maturity")


def test_plugin_format_of_a_redacted_report_gets_no_reasons(run: Run, plugin_path: Path, saved: Path, tmp_path: Path) -> None:
    mod = tmp_path / "maturity_test_reasons.py"
    mod.write_text(
        "from maturity import hookimpl\n\n@hookimpl\ndef register_report_formats(register):\n"
        "    register('reasons', lambda result, catalog: ' '.join(c.not_applicable_reason for c in result.capabilities.values()))\n"
    )
    import sys

    sys.path.insert(0, str(tmp_path))
    try:
        env = {"MATURITY_LOAD_PLUGINS": "maturity_test_reasons"}
        assert "does not fit this business" in ok(run("--db", saved, "report", "--format", "reasons", env=env))
        assert ok(run("--db", saved, "report", "--format", "reasons", "--redact", env=env)).strip() == ""
    finally:
        sys.path.remove(str(tmp_path))


def test_peer_benchmark_matched_on_industry_and_size_band(run: Run, install: Callable[..., None], files: tuple[Path, Path]) -> None:
    install("reports")
    result = run("report", "--answers", files[0], "--format", "json")
    assert "unknown industry id 'nowhere'" in result.stderr
    data = json.loads(result.stdout)
    assert data["benchmark"] == {
        "plugin": "reports", "plugin_version": "2.1.0", "industry_id": "retail", "size_band": "1-9",
        "indices": {"alpha": 1.25, "beta": 0.5},
    }
    assert [d["peers"] for d in data["domains"]] == [1.25, 0.5]
    assert "figures from plugin reports 2.1.0" in data["benchmark_note"]
    page = ok(run("report", "--answers", files[0], "--format", "html"))
    assert "Peers (median)" in page and "figures from plugin reports 2.1.0" in page


def test_no_benchmark_for_another_size_band(run: Run, install: Callable[..., None], tmp_path: Path) -> None:
    install("reports")
    answers = tmp_path / "big.toml"
    answers.write_text('[profile]\nname = "Big"\nindustry_id = "software"\nsize = 30\n')
    data = json.loads(ok(run("report", "--answers", answers, "--format", "json")))
    assert data["benchmark"] is None
    assert data["benchmark_note"] == "No peer benchmark for software businesses of 10-49 people among those installed."


def test_assess_shows_the_peers(run: Run, install: Callable[..., None], files: tuple[Path, Path]) -> None:
    install("reports")
    text = ok(run("assess", "--answers", files[0]))
    assert "figures from plugin reports 2.1.0" in text
    assert re.search(r"Alpha: \d\.\d\d, below peers \(1\.25\)", text)
    assert "peers" not in ok(run("assess", "--answers", files[0], env={"MATURITY_LOAD_PLUGINS": ""})).lower()
