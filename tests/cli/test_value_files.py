"""`maturity validate` and `maturity schema value` for value files: the built-in ones, a plugin's,
and broken ones, each problem with its file and line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable

import jsonschema
import pytest
from click.testing import CliRunner, Result
from conftest import PLUGINS, assert_bad_input

from maturity.cli import cli

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

BUILT_IN = Path(__file__).resolve().parents[2] / "questionnaires" / "value"
SAMPLE = PLUGINS / "maturity_test_value"

Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    """Run maturity with the built-in domains (and their value files), plus the plugins named."""

    def invoke(*args: str | Path, plugins: str = "") -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], env={"MATURITY_LOAD_PLUGINS": plugins}, prog_name="maturity")

    return invoke


def figure(basis: str = "J", note: str = "a judgement") -> str:
    return f'source = "judgement"\nyear = 2026\nbasis = "{basis}"\nnote = "{note}"\n'


def test_the_built_in_value_files_validate_strictly(run: Run) -> None:
    files = sorted(BUILT_IN.glob("*.toml"))
    assert {f.name for f in files} == {"goals.toml", "incidents.toml", "pains.toml", "rates.toml", "reductions.toml"}
    result = run("validate", "--strict", *files)
    assert result.exit_code == 0, result.output
    assert f"checked {BUILT_IN / 'incidents.toml'}: value file 1.1.0, 7 incident kinds" in result.stdout
    assert result.stdout.endswith("No problems found. (strict)\n")


def test_a_plugin_value_file_validates_with_its_questionnaire(run: Run) -> None:
    result = run("validate", "--strict", SAMPLE / "value.toml", SAMPLE / "vet.toml")
    assert f"checked {SAMPLE / 'value.toml'}: value file 0.2.0, 1 scale, 1 reduction" in result.stdout
    # the questionnaire has one stage only, which strict rules point out; the value file is sound
    assert "value.toml" not in result.stderr


def test_a_plugin_value_file_validates_with_the_plugin_loaded(run: Run, plugin_path: Path) -> None:
    result = run("validate", "--strict", SAMPLE / "value.toml", plugins="maturity_test_value")
    assert result.exit_code == 0, result.output


def test_a_plugin_value_file_alone_names_what_is_missing(run: Run) -> None:
    result = run("validate", SAMPLE / "value.toml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{SAMPLE / 'value.toml'}:19: reduction names an unknown capability 'vet.image-copies'")


def test_installed_value_files_are_checked_with_the_plugins(run: Run, plugin_path: Path) -> None:
    result = run("validate", "--strict", plugins="maturity_test_value")
    assert f"checked {SAMPLE / 'value.toml'}: value file 0.2.0 (maturity_test_value), 1 scale, 1 reduction" in result.stdout
    assert "incidents.toml: value file 1.1.0 (value), 7 incident kinds" in result.stdout


BAD = """\
version = "1.0.0"

[[incident]]
id = "flood"
name = "A flood"
description = "Water in the office."
likelihood.micro = { central = 0.02, low = 0.01, high = 0.03, source = "judgement", year = 2026, basis = "J", note = "n" }
likelihood.small = { central = 0.02, low = 0.01, high = 0.03, source = "judgement", year = 2026, basis = "J", note = "n" }
likelihood.medium = { central = 0.02, low = 0.03, high = 0.04, source = "judgement", year = 2026, basis = "J", note = "n" }
cost.default = { central = 5000, low = 1000, high = 20000, currency = "USD", source = "judgement", year = 2026, basis = "J", note = "n" }

[[reduction]]
capability = "cyber.backups"
incident = "flood"
on = "cost"
central = 0.5
low = 0.2
high = 0.8
colour = "blue"
source = "judgement"
year = 2026
basis = "J"
"""


def test_a_bad_value_file_names_each_problem_and_its_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "value.toml"
    path.write_text(BAD)
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:9: incident[flood].likelihood.medium: low ≤ central ≤ high must hold, not 0.03, 0.02, 0.04",
        f"{path}:19: reduction[0].colour: unknown key",
        "2 problems found.",
    ]
    data = json.loads(run("validate", path, "--json").stdout)
    assert data["ok"] is False
    assert [(p["line"], p["path"]) for p in data["problems"]] == [(9, str(path)), (19, str(path))]


def test_an_unknown_incident_kind_is_named_with_the_closest(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "value.toml"
    path.write_text('[[scale]]\nincident = "ransomwear"\nfact = "has:servers"\non = "cost"\nfactor = 1.2\n' + figure())
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}:2: scale names an unknown incident kind 'ransomwear'; closest existing ids: ransomware")


def test_strict_rules_for_figures(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "value.toml"
    path.write_text('[[scale]]\nincident = "ransomware"\nfact = "has:servers"\non = "cost"\nfactor = 1.2\n'
                    + figure("D", note=""))
    assert run("validate", path).exit_code == 0  # valid, if not good
    result = run("validate", "--strict", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}:1: scale[0]: a derived figure (basis D) needs a note saying how it was derived")


def test_a_plan_with_a_broken_plugin_value_file_stops_with_its_line(run: Run, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "maturity_test_badvalue.py").write_text(
        "from pathlib import Path\n\nfrom maturity import hookimpl\n\n\n@hookimpl\n"
        "def register_value_content(register):\n    register(Path(__file__).with_name('value.toml'))\n"
    )
    (tmp_path / "value.toml").write_text(BAD)
    monkeypatch.syspath_prepend(str(tmp_path))
    answers = tmp_path / "answers.toml"
    answers.write_text('[profile]\nname = "Acme"\nbudget = 5000\n')
    result = run("recommend", "--answers", answers, plugins="maturity_test_badvalue")
    assert_bad_input(result, f"{tmp_path / 'value.toml'}:9:", "low ≤ central ≤ high must hold")


def test_schema_value_describes_every_built_in_file(run: Run) -> None:
    result = run("schema", "value")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["additionalProperties"] is False
    for path in [*BUILT_IN.glob("*.toml"), SAMPLE / "value.toml"]:
        jsonschema.validate(tomllib.loads(path.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(tomllib.loads(BAD), schema)
    assert "value           a file: value (TOML)" in run("schema", "--list").stdout
