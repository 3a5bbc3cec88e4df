"""Survey figure files (`questionnaires/peers/*.toml` and a plugin's, through
`register_peer_figures`): the built-in ones pass validation with every reference found, and a
broken file gives one message naming the file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner, Result

from maturity.catalog import load_catalog
from maturity.catalog.peers import load_peer_file
from maturity.cli import cli

BUILT_IN = Path(__file__).resolve().parents[2] / "questionnaires" / "peers"

Run = Callable[..., Result]


@pytest.fixture
def run() -> Run:
    def invoke(*args: str | Path, plugins: str = "") -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], env={"MATURITY_LOAD_PLUGINS": plugins}, prog_name="maturity")

    return invoke


def test_the_built_in_files_are_registered_and_validate(run: Run) -> None:
    files = sorted(BUILT_IN.glob("*.toml"))
    assert files
    result = run("validate", "--strict", *files)
    assert result.exit_code == 0, result.output
    assert f"checked {BUILT_IN / 'uk.toml'}: survey figures 1.0.0, 2 surveys, 7 figures (1 disputed)" in result.stdout
    installed = run("validate", "--strict")
    assert installed.exit_code == 0, installed.output
    assert "uk.toml: survey figures 1.0.0 (peers)" in installed.stdout


def test_every_built_in_figure_names_what_exists() -> None:
    catalog = load_catalog(user_dir=None, env={"MATURITY_LOAD_PLUGINS": ""})
    content = catalog.peers
    assert {f.figure.id for f in content.figures} == {f.id for path in BUILT_IN.glob("*.toml") for f in load_peer_file(path)[0].figure}
    for one in content.figures:
        m = one.figure.matches
        assert one.survey.url.startswith("https://") and one.survey.year >= 2024, one.figure.id
        if m.question is not None:
            question, _ = catalog.questions[m.question]
            assert all(question.option(o) is not None for o in m.options), one.figure.id
        else:
            assert m.capability in catalog.capabilities, one.figure.id
    disputed = [f.figure for f in content.figures if f.figure.disputed]
    assert [f.id for f in disputed] == ["csbs-2025-breaches-micro"] and all(f.note for f in disputed)


GOOD = """\
version = "1.0.0"

[[survey]]
id = "s"
name = "A Survey 2025"
publisher = "A statistics office"
year = 2025
url = "https://example.org/s"

[[figure]]
id = "f"
survey = "s"
label = "Two-step login"
wording = "Uses two-factor authentication"
population = { country = "GB", size_band = "1-9" }
percent = 43
basis = "P"
read_in = "table 3"
matches = { question = "cyber.mfa.email", options = ["some"], relation = "close", why = "nearly the same question" }
"""


@pytest.mark.parametrize(("change", "line", "message"), [
    (('url = "https://example.org/s"\n', ""), 3, "survey[s].url: required key is missing"),
    (('survey = "s"\nlabel', 'survey = "t"\nlabel'), 12,
     "figure 'f' names an unknown survey 't'; every figure needs its source: a [[survey]] with its name, publisher, year and address"),
    (("cyber.mfa.email", "cyber.mfa.mail"), 19,
     "figure 'f' names an unknown question 'cyber.mfa.mail'; closest existing ids: cyber.mfa.email, cyber.mfa.cloud, cyber.mfa.critical"),
    (('"some"', '"sometimes"'), 19, "figure 'f': question 'cyber.mfa.email' has no option 'sometimes'; its options: none, some, most, all-enforced"),
    (("percent = 43", "percent = 143"), 16, "figure[f].percent: must be 100 or less, not 143"),
    (("percent = 43", "percent = -1"), 16, "figure[f].percent: must be 0 or more, not -1"),
    (("percent = 43", "percent = 43\ndisputed = true"), 10, "figure[f]: a disputed figure needs a note saying what is in doubt"),
])
def test_bad_content_gives_one_message_naming_the_file_and_line(run: Run, tmp_path: Path, change: tuple[str, str], line: int,
                                                               message: str) -> None:
    path = tmp_path / "peers.toml"
    path.write_text(GOOD.replace(*change))
    result = run("validate", path)
    assert result.exit_code == 1, result.output
    assert result.stderr == f"{path}:{line}: {message}\n1 problem found.\n"
    assert "Traceback" not in result.output


def test_a_good_file_validates(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "peers.toml"
    path.write_text(GOOD)
    result = run("validate", "--json", path)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["checked"] == [f"{path}: survey figures 1.0.0, 1 survey, 1 figure (0 disputed)"]


def test_a_plugin_with_a_broken_file_stops_assess_with_exit_2(run: Run, plugin_path: Path, tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text('[profile]\nname = "Acme"\ncountry = "US"\nsize = 4\n')
    result = run("assess", "--answers", answers, plugins="maturity_test_peers_broken")
    assert result.exit_code == 2, result.output
    broken = plugin_path / "maturity_test_peers_broken" / "peers.toml"
    assert result.stderr.strip().endswith(f"{broken}:16: figure[sample-us-backups-micro].percent: must be 100 or less, not 161.5")
    assert "Traceback" not in result.output
    listed = run("validate", plugins="maturity_test_peers_broken")
    assert listed.exit_code == 1 and f"{broken}:16: figure[sample-us-backups-micro].percent" in listed.stderr


def test_the_schema_of_the_file(run: Run) -> None:
    result = run("schema", "peers")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert {"survey", "figure", "version"} <= set(schema["properties"])
    assert "peers" in run("schema", "--list").stdout
