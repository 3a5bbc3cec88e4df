"""Every --json document carries schema_version and matches the JSON Schema that
`maturity schema NAME` prints for it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import jsonschema
import pytest
from click.testing import Result

FIRST = """
[profile]
name = "Acme Plumbing"
currency = "EUR"
budget = 5000

[profile.goals]
security = 3

[answers]
"al.one.q" = "some"
"be.base.q" = ["b"]
"al.three.q" = 1
"""

SECOND = FIRST.replace('"al.one.q" = "some"', '"al.one.q" = "all"')


@pytest.fixture
def db(run: Callable[..., Result], tmp_path: Path) -> Path:
    path = tmp_path / "acme.db"
    for number, (text, day) in enumerate(((FIRST, "2024-01-15"), (SECOND, "2024-07-10"))):
        answers = tmp_path / f"a{number}.toml"
        answers.write_text(text)
        assert run("--db", path, "assess", "--answers", answers, "--save", "--date", day).exit_code == 0
    assert run("--db", path, "invest", "add", "al.two", "--cost", "300", "--start", "2024-02-01").exit_code == 0
    assert run("--db", path, "invest", "cost", "1", "100", "--kind", "one-off", "--on", "2024-02-02").exit_code == 0
    return path


def commands(db: Path, tmp_path: Path) -> dict[str, list[str | Path]]:
    answers = tmp_path / "a0.toml"
    return {
        "result": ["assess", "--answers", answers, "--json"],
        "history": ["--db", db, "history", "--json"],
        "diff": ["--db", db, "diff", "--json"],
        "orgs": ["--db", db, "orgs", "--json"],
        "invest-list": ["--db", db, "invest", "list", "--json"],
        "invest-show": ["--db", db, "invest", "show", "1", "--json"],
        "graph": ["graph", "--format", "json", "--answers", answers],
        "plugins": ["plugins", "--json"],
        "questionnaires": ["questionnaires", "--json"],
        "validate": ["validate", answers, "--json"],
    }


@pytest.mark.parametrize("name", ["result", "history", "diff", "orgs", "invest-list", "invest-show", "graph",
                                  "plugins", "questionnaires", "validate"])
def test_output_matches_its_schema(run: Callable[..., Result], db: Path, tmp_path: Path, name: str) -> None:
    result = run(*commands(db, tmp_path)[name])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == 1
    schema = run("schema", name)
    assert schema.exit_code == 0, schema.output
    jsonschema.validate(data, json.loads(schema.stdout))


def test_every_output_is_listed(run: Callable[..., Result]) -> None:
    listed = run("schema", "--list")
    assert listed.exit_code == 0
    names = [line.split()[0] for line in listed.stdout.splitlines()]
    for name in ("result", "history", "diff", "orgs", "invest-list", "invest-show", "graph", "plugins",
                 "questionnaires", "validate", "answers", "questionnaire"):
        assert name in names


def test_json_uses_the_words_of_the_command_line(run: Callable[..., Result], db: Path) -> None:
    shown = json.loads(run("--db", db, "invest", "show", "1", "--json").stdout)
    assert [c["kind"] for c in shown["investment"]["costs"]] == ["one-off"]


def test_diff_gives_option_ids_and_labels(run: Callable[..., Result], db: Path) -> None:
    data = json.loads(run("--db", db, "diff", "--json").stdout)
    [change] = data["answers"]
    assert change["before_answer"]["answer"] == "some" and change["after_answer"]["answer"] == "all"
    assert change["before"] != "some"  # the label, as the text output shows it


def test_every_output_has_a_documented_section() -> None:
    from maturity.report.outputs import OUTPUTS

    page = (Path(__file__).parents[2] / "docs" / "json-output.md").read_text()
    for name, (_, command) in OUTPUTS.items():
        assert f"`maturity schema {name}`" in page, name
        assert command in page, command
