"""The history commands end to end, as a user runs them: assess --save, orgs, history, diff,
invest, export and import; and every kind of bad input ending in one message and status 2."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result

from conftest import assert_bad_input
from store_support import Database

FIRST = """
[profile]
name = "Acme Plumbing"
currency = "EUR"

[answers]
"al.one.q" = "some"
"be.base.q" = ["b"]
"al.three.q" = 1
"""

SECOND = """
[profile]
name = "Acme Plumbing"
currency = "EUR"

[answers]
"al.one.q" = "all"
"be.base.q" = ["b", "c"]
"al.two.q" = true
"al.three.q" = { dont_know = true }
"""

Run = Callable[..., Result]


@pytest.fixture
def db(database: Database) -> Database:
    """The database of the test, on each backend."""
    return database


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"
    first.write_text(FIRST)
    second.write_text(SECOND)
    return first, second


@pytest.fixture
def saved(run: Run, db: Database, files: tuple[Path, Path]) -> Database:
    """Two assessments of Acme Plumbing, six months apart."""
    for path, day in zip(files, ("2024-01-15", "2024-07-10")):
        result = run("--db", db, "assess", "--answers", path, "--save", "--date", day)
        assert result.exit_code == 0, result.output
    return db


def ok(result: Result) -> str:
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.output}\n{result.stderr}"
    return result.stdout


def test_assess_save_then_history(run: Run, db: Database, files: tuple[Path, Path]) -> None:
    first = run("--db", db, "assess", "--answers", files[0], "--save", "--date", "2024-01-15")
    assert "Maturity of Acme Plumbing" in ok(first)
    assert f"Saved as assessment #1 of Acme Plumbing (a new organisation) in {db}." in first.stderr
    second = run("--db", db, "assess", "--answers", files[1], "--save", "--date", "2024-07-10", "--json")
    json.loads(ok(second))  # the JSON stays clean: the note goes to stderr
    assert "Saved as assessment #2 of Acme Plumbing in" in second.stderr
    if db.backend == "sqlite":
        assert Path(db.location).stat().st_mode & 0o777 == 0o600

    text = ok(run("--db", db, "history"))
    assert "Acme Plumbing: 2 assessments" in text
    assert "#1  2024-01-15  - 0.33" in text and "#2  2024-07-10  I 2.00" in text
    assert "Since the first assessment (#1, 15 Jan 2024):" in text
    assert "Alpha moved up from Not started to Intermediate (0.33 → 2.00)." in text

    data = json.loads(ok(run("--db", db, "history", "--json", "--org", "acme plumbing")))
    assert [r["id"] for r in data["rows"]] == [1, 2]
    assert data["rows"][1]["domains"]["alpha"] == {"stage": 2, "stage_name": "Intermediate", "index": 2.0, "percent": 66.7, "assessed": True}


def test_env_var_names_the_database(run: Run, db: Database, files: tuple[Path, Path]) -> None:
    ok(run("assess", "--answers", files[0], "--save", env={"MATURITY_DB": str(db)}))
    assert "Acme Plumbing" in ok(run("orgs", env={"MATURITY_DB": str(db)}))


def test_org_option_and_profile_name(run: Run, db: Database, files: tuple[Path, Path]) -> None:
    ok(run("--db", db, "assess", "--answers", files[0], "--save", "--org", "Client Two"))
    ok(run("--db", db, "assess", "--answers", files[0], "--save"))
    table = ok(run("--db", db, "orgs"))
    assert "Acme Plumbing" in table and "Client Two" in table
    data = json.loads(ok(run("--db", db, "orgs", "--json")))
    assert data["schema_version"] == 1
    rows = data["organisations"]
    assert [(r["name"], r["assessments"]) for r in rows] == [("Acme Plumbing", 1), ("Client Two", 1)]
    assert_bad_input(run("--db", db, "history"), "holds 2 organisations; choose one with --org", "Client Two")


def test_diff_wraps_to_the_terminal_and_keeps_its_indents(run: Run, saved: Database, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "41")
    text = ok(run("--db", saved, "diff"))
    lines = text.splitlines()
    first = text.split("\n\n")[0].splitlines()
    assert len(first) > 1 and all(len(line) <= 40 for line in first)  # the opening sentence wraps
    summary = lines[lines.index("In short:") + 1:]
    assert summary and all(line.startswith("  ") and len(line) <= 40 for line in summary if line)


def test_diff_in_words(run: Run, saved: Database) -> None:
    text = ok(run("--db", saved, "diff"))
    assert text.startswith("Acme Plumbing: From #1 (15 Jan 2024) to #2 (10 Jul 2024), 6 months apart:")
    assert "Not started 0.33 → Intermediate 2.00" in text and "▲ up a stage" in text
    assert "Newly in place (3):" in text and "✔ Two  (0% → 100%)" in text
    assert "How much of one?\n      was: Some\n      now: All" in text
    assert "How many threes a year?\n      was: 1 three\n      now: don't know" in text
    assert "In short:" in text and "Newly in place: One; Two; Base." in text
    assert ok(run("--db", saved, "diff", "1", "2")) == text
    assert ok(run("--db", saved, "diff", "1")) == text
    reverse = ok(run("--db", saved, "diff", "2", "1"))
    assert "No longer in place (3):" in reverse and "▼ down a stage" in reverse
    data = json.loads(ok(run("--db", saved, "diff", "--json")))
    assert [c["id"] for c in data["achieved"]] == ["al.one", "al.two", "be.base"]
    assert data["not_compared"] == []


def test_invest_story(run: Run, saved: Database) -> None:
    added = ok(run("--db", saved, "invest", "add", "al.two", "--cost", "3000", "--start", "2024-02-01",
                   "--end", "2024-04-30", "--kpi", "hours to send invoices", "--unit", "h/week",
                   "--baseline", "10", "--target", "2", "--hourly-rate", "40"))
    assert added.strip() == "Recorded investment #1 in Two for Acme Plumbing."
    assert "one-off cost of €1,800 on 2024-02-05" in ok(run("--db", saved, "invest", "cost", "1", "1800", "--on", "2024-02-05"))
    ok(run("--db", saved, "invest", "cost", "1", "600", "--kind", "yearly", "--on", "2024-02-05", "--note", "licence"))
    assert "20 internal hours" in ok(run("--db", saved, "invest", "cost", "1", "20", "--kind", "hours", "--on", "2024-03-01"))
    ok(run("--db", saved, "invest", "measure", "1", "6", "--on", "2024-05-01"))
    ok(run("--db", saved, "invest", "measure", "1", "4", "--on", "2024-07-01"))
    for day in ("2024-05-31", "2024-06-30", "2024-07-31", "2024-08-31"):
        ok(run("--db", saved, "invest", "benefit", "1", "900", "--on", day))

    text = ok(run("--db", saved, "invest", "show", "1", "--as-of", "2024-09-01"))
    assert "Investment #1 of Acme Plumbing: Two" in text
    assert "Assessments: before #1 (15 Jan 2024), after #2 (10 Jul 2024)." in text
    assert "planned €3,000, spent €3,200 so far" in text
    assert "Internal time: 20 hours, counted as €800." in text
    assert "from 10 to 4 h/week (01 Jul 2024), target 2 h/week: 75% of the way" in text
    assert "Two went from not started to in place between #1 and #2" in text
    assert "Return so far: +12%" in text and "Paid back on 31 Aug 2024." in text
    assert any(line.split() == ["2024-02-05", "yearly", "cost", "€600", "licence"] for line in text.splitlines())

    table = ok(run("--db", saved, "invest", "list", "--as-of", "2024-09-01"))
    assert "Two" in table and "+12%" in table and "75% of the way" in table
    data = json.loads(ok(run("--db", saved, "invest", "show", "1", "--json", "--as-of", "2024-09-01")))
    assert data["roi"] == pytest.approx(0.125) and data["payback"] == "2024-08-31" and data["kpi_progress"] == 0.75
    assert ok(run("--db", saved, "invest", "link", "1", "--before", "1", "--after", "2")).startswith("Investment #1: before #1")


def test_export_to_another_database_and_back(run: Run, saved: Database, tmp_path: Path) -> None:
    ok(run("--db", saved, "invest", "add", "al.two", "--cost", "300", "--kpi", "k", "--baseline", "1", "--target", "2"))
    ok(run("--db", saved, "invest", "measure", "1", "1.5", "--on", "2024-05-01"))
    out = tmp_path / "acme.json"
    result = run("--db", saved, "export", "--output", out)
    ok(result)
    assert "Exported Acme Plumbing (2 assessments, 1 investment)" in result.stderr
    assert out.stat().st_mode & 0o777 == 0o600
    other = saved.another()
    assert ok(run("--db", other, "import", out)).strip() == "Imported Acme Plumbing (2 assessments, 1 investment)."
    assert ok(run("--db", other, "export")) == out.read_text()
    assert ok(run("--db", other, "history")) == ok(run("--db", saved, "history"))
    assert ok(run("--db", other, "import", "-", "--as", "Acme again", input=out.read_text())).startswith("Imported Acme again")
    assert_bad_input(run("--db", other, "import", out), "already exists", "--as")


# -- bad input -------------------------------------------------------------------------------


def test_bad_input_is_one_message(run: Run, saved: Database, files: tuple[Path, Path], tmp_path: Path) -> None:
    d = ("--db", saved)
    assert_bad_input(run(*d, "assess", "--answers", files[0], "--org", "X"), "go with --save")
    assert_bad_input(run(*d, "assess", "--answers", files[0], "--save", "--date", "2999-01-01"), "in the future")
    assert_bad_input(run(*d, "history", "--org", "acme"), "unknown organisation 'acme'", "did you mean 'Acme Plumbing'")
    assert_bad_input(run(*d, "diff", "1", "99"), "unknown assessment #99")
    assert_bad_input(run(*d, "diff", "2"), "is Acme Plumbing's latest")
    assert_bad_input(run(*d, "invest", "add", "al.tow", "--cost", "5"), "unknown capability 'al.tow'", "did you mean al.two")
    assert_bad_input(run(*d, "invest", "add", "al.two", "--cost", "-5"), "planned cost must be 0 or more")
    assert_bad_input(run(*d, "invest", "add", "al.two", "--cost", "nan"), "must be a number")
    assert_bad_input(run(*d, "invest", "add", "al.two", "--cost", "1", "--start", "2024-05-01", "--end", "2024-01-01"), "ends")
    assert_bad_input(run(*d, "invest", "cost", "7", "5"), "unknown investment #7")
    assert_bad_input(run(*d, "invest", "show", "7"), "unknown investment #7")
    assert_bad_input(run(*d, "invest", "link", "7", "--before", "1"), "unknown investment #7")
    for args in (("invest", "cost", "1", "abc"), ("invest", "cost", "x", "5"), ("invest", "measure", "1", "5", "--on", "May 1st"),
                 ("diff", "one"), ("invest", "cost", "1", "5", "--kind", "monthly")):
        result = run(*d, *args)
        assert result.exit_code == 2 and "Traceback" not in result.output and "Error:" in result.stderr, args
    bad_json = tmp_path / "bad.json"
    bad_json.write_text("{not json")
    assert_bad_input(run(*d, "import", bad_json), "bad.json:1: not valid JSON")
    assert_bad_input(run(*d, "import", tmp_path / "missing.json"), "no such file")
    assert_bad_input(run(*d, "import", files[0]), "not valid JSON")
    (tmp_path / "wrong.json").write_text('{"format": "maturity-export", "format_version": 7}')
    assert_bad_input(run(*d, "import", tmp_path / "wrong.json"), "wrong.json: this export was written by a newer maturity")


def test_empty_database(run: Run, db: Database) -> None:
    from maturity.store import open_store

    open_store(db.location).close()
    assert_bad_input(run("--db", db, "history"), "holds no organisation yet", "--save --org NAME")
    assert_bad_input(run("--db", db, "invest", "list"), "holds no organisation yet")
    assert ok(run("--db", db, "orgs")).startswith("No organisations in")


def test_one_assessment(run: Run, db: Database, files: tuple[Path, Path]) -> None:
    ok(run("--db", db, "assess", "--answers", files[0], "--save"))
    assert_bad_input(run("--db", db, "diff"), "has 1 completed assessment(s); two are needed")
    assert "1 assessment\n" in ok(run("--db", db, "history"))
    assert "has no investments yet" in ok(run("--db", db, "invest", "list"))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text\n" * 10, "not a maturity database (it is not an SQLite file)"),
        (None, "SQLite database of another program"),
    ],
)
def test_foreign_database_is_refused_untouched(run: Run, tmp_path: Path, files: tuple[Path, Path], content: bytes | None, message: str) -> None:
    path = tmp_path / "other.db"
    if content is None:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE customers (name TEXT)")
        conn.commit()
        conn.close()
    else:
        path.write_bytes(content)
    before = path.read_bytes()
    for args in (("history",), ("assess", "--answers", files[0], "--save"), ("export",)):
        assert_bad_input(run("--db", path, *args), message, "left untouched")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["first.toml", "other.db", "second.toml"]


def test_a_database_folder_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("--db", tmp_path, "history")
    assert result.exit_code == 2 and "is a directory" in result.stderr and "Traceback" not in result.output


# -- staying light ---------------------------------------------------------------------------


def _modules_after(code: str) -> set[str]:
    probe = f"""
import sys
{code}
print("\\n".join(sorted(sys.modules)))
"""
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_help_and_plugins_do_not_load_the_store() -> None:
    for argv in (["--help"], ["plugins"], ["history", "--help"], ["invest", "--help"]):
        loaded = _modules_after(
            f"from maturity.cli import cli\ntry:\n    cli.main(args={argv!r}, standalone_mode=False)\nexcept SystemExit:\n    pass"
        )
        assert "sqlalchemy" not in loaded, argv
        assert "maturity.store.store" not in loaded, argv


def test_the_core_needs_neither_click_nor_textual(tmp_path: Path) -> None:
    loaded = _modules_after(
        "import maturity.history\nfrom maturity.store import open_store\n"
        f"s = open_store({str(tmp_path / 'x.db')!r})\ns.create_org('A')\ns.export_org('A')\ns.close()"
    )
    assert "sqlalchemy" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("click", "textual")}


def test_unchanged_domains_are_summed_up(run: Run, db: Database, files: tuple[Path, Path], tmp_path: Path) -> None:
    ok(run("--db", db, "assess", "--answers", files[0], "--save", "--date", "2024-01-01"))
    ok(run("--db", db, "assess", "--answers", files[0], "--save", "--date", "2024-04-01"))
    text = ok(run("--db", db, "diff"))
    assert "No domain changed stage or index." in text and "No capability and no answer changed." in text
    assert "No change in Alpha, Beta." in ok(run("--db", db, "history"))
    assert "all (Not started)" in ok(run("--db", db, "history"))


def test_many_organisations_are_not_all_listed_in_the_message(run: Run, db: Database) -> None:
    from maturity.store import open_store

    with open_store(db.location) as store:
        for n in range(12):
            store.create_org(f"Client {n:02d}")
    assert_bad_input(
        run("--db", db, "history"),
        "holds 12 organisations; choose one with --org: Client 00, Client 01,",
        "Client 09 and 2 more (maturity orgs lists them)",
    )
