"""Published survey figures beside a business's own answers (`maturity.assessment.peers`): the
built-in UK figures, a plugin's, the rule that a figure is shown only for the business's own
country and size band, and never when it is disputed or another figure for the same thing
disagrees with it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from maturity.assessment.answers import parse_answers
from maturity.assessment.peers import PeerFigures, peer_figures
from maturity.assessment.scoring import score
from maturity.catalog import Catalog, load_catalog
from maturity.common.tomlfile import parse_toml
from maturity.contract.peers import DISAGREEMENT_POINTS

REPO = Path(__file__).resolve().parents[2]
#: the owner-words rules: no capability or question id reaches what an owner reads
ID = re.compile(r"\b(cyber|cloud|auto|data|talent|ethics|health)\.[a-z][a-z0-9-]*[a-z0-9]\b")


def catalog(plugins: str = "") -> Catalog:
    return load_catalog(user_dir=None, env={"MATURITY_LOAD_PLUGINS": plugins})


def figures(cat: Catalog, size: int | None, country: str, answers: dict[str, str] | None = None) -> PeerFigures:
    lines = ["[profile]", 'name = "Acme"', f'country = "{country}"']
    if size is not None:
        lines.append(f"size = {size}")
    lines.append("[answers]")
    lines += [f'"{q}" = "{a}"' for q, a in (answers or {}).items()]
    parsed = parse_answers(parse_toml("\n".join(lines) + "\n", "answers.toml"), cat)
    return peer_figures(cat, parsed, score(cat, parsed))


@pytest.fixture(scope="module")
def builtin() -> Catalog:
    return catalog()


def test_a_uk_micro_business_sees_the_two_step_login_figure(builtin: Catalog) -> None:
    found = figures(builtin, 6, "GB", {"cyber.mfa.email": "most"})
    [shown] = found.shown
    assert shown.sentence == (
        "Two-step login on email: you — yes (“Most, with a few exceptions”). Micro businesses (1 to 9 employees) "
        "in the UK: 43% (survey figure: Cyber Security Breaches Survey 2026).")
    assert (shown.yours, shown.percent, shown.country, shown.size_band) == ("yes", 43.0, "GB", "1-9")
    assert shown.source.survey == "Cyber Security Breaches Survey 2026" and shown.source.url.startswith("https://www.gov.uk/")
    assert shown.source.basis == "S" and "summar" in shown.source.read_in
    # the breach rate for the same businesses is disputed (and loosely related): never shown
    assert found.left_out == [] and "A breach or attack" not in " ".join(found.lines())
    assert not ID.search(" ".join(found.lines()))


def test_the_business_side_follows_its_answer(builtin: Catalog) -> None:
    def yours(answer: str | None) -> str:
        given = {"cyber.mfa.email": answer} if answer else {}
        return figures(builtin, 3, "GB", given).shown[0].yours

    assert yours("none") == "no"
    assert yours("some") == "yes"
    assert yours(None) == "not answered yet"


def test_a_uk_small_business_sees_the_small_band_figures_only(builtin: Catalog) -> None:
    found = figures(builtin, 30, "GB", {"cyber.owner-policy.insurance": "general"})
    assert {c.label: c.percent for c in found.shown} == {
        "Security risks assessed in the last year": 48.0, "Insurance that covers a cyber attack": 62.0}
    insurance = next(c for c in found.shown if c.label.startswith("Insurance"))
    assert insurance.yours == "yes" and insurance.relation == "same"
    # the written policy and the continuity plan correspond only loosely: kept in the data, not shown
    assert not any("policy" in c.label.lower() or "continuity" in c.label.lower() for c in found.shown)


@pytest.mark.parametrize(("size", "country", "why"), [
    (6, "US", "No survey figures for businesses in the US with 1 to 9 people."),
    (6, "IE", "No survey figures for businesses in Ireland with 1 to 9 people."),
    (400, "GB", "No survey figures: the profile gives a size of 400 people, beyond the largest band (50 to 249)."),
    (None, "GB", "No survey figures: the profile gives no size."),
])
def test_no_figure_for_another_country_or_a_band_without_one(builtin: Catalog, size: int | None, country: str, why: str) -> None:
    found = figures(builtin, size, country, {"cyber.mfa.email": "most"})
    assert found.shown == [] and found.left_out == [] and found.lines() == []
    assert found.note == why


def test_a_plugin_adds_a_figure_that_shows(plugin_path: Path) -> None:
    found = figures(catalog("maturity_test_peers"), 4, "US", {"cyber.backups.coverage": "some"})
    [shown] = found.shown
    assert shown.sentence == (
        "Automatic backups of important data: you — no (“Some of it, for example the accounts but not shared "
        "files or email”). Businesses with 1 to 9 people in the US: 61.5% (survey figure: Sample Small Business "
        "Security Survey 2026).")
    assert shown.source.plugin == "maturity_test_peers"


def test_a_disputed_figure_never_shows(plugin_path: Path) -> None:
    found = figures(catalog("maturity_test_peers"), 20, "GB", {"cyber.mfa.email": "most"})
    assert "Two-step login on email" not in {c.label for c in found.shown}
    [left] = found.left_out
    assert (left.reason, left.figures) == ("disputed", ["sample-uk-mfa-small"])
    assert left.sentence == ("Two-step login on email: no survey figure is shown for businesses with 10 to 49 "
                             "people in the UK, because the figure is disputed.")


def test_figures_that_disagree_show_none(plugin_path: Path) -> None:
    found = figures(catalog("maturity_test_peers_disagree"), 6, "GB", {"cyber.mfa.email": "most"})
    assert found.shown == []
    [left] = found.left_out
    assert left.reason == "disagree" and sorted(left.figures) == ["csbs-2026-two-step-login-micro", "sample-uk-mfa-micro"]
    assert "the published figures disagree (43%, 61%)" in left.sentence
    assert 61 - 43 > DISAGREEMENT_POINTS


def test_figures_that_agree_show_one(plugin_path: Path, tmp_path: Path) -> None:
    """Within the tolerance, two sources for the same thing confirm each other: one is shown."""
    cat = catalog("maturity_test_peers_disagree")
    [mine] = [f for f in cat.peers.figures if f.figure.id == "sample-uk-mfa-micro"]
    cat.peers.figures[cat.peers.figures.index(mine)] = type(mine)(
        mine.figure.model_copy(update={"percent": 43 + DISAGREEMENT_POINTS}), mine.survey, mine.plugin, mine.path)
    found = figures(cat, 6, "GB", {"cyber.mfa.email": "most"})
    assert [c.figure for c in found.shown] == ["csbs-2026-two-step-login-micro"] and found.left_out == []


def test_assess_shows_the_figure_and_its_json_carries_the_source(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from maturity.cli import cli

    answers = tmp_path / "a.toml"
    answers.write_text('[profile]\nname = "Acme"\ncountry = "GB"\nsize = 5\n[answers]\n"cyber.mfa.email" = "all-enforced"\n')
    runner = CliRunner()
    text = runner.invoke(cli, ["assess", "--answers", str(answers)], env={"MATURITY_LOAD_PLUGINS": ""})
    assert text.exit_code == 0, text.output
    assert ("Two-step login on email: you — yes (“All of them, enforced by a setting so nobody can skip it”). "
            "Micro businesses (1 to 9 employees) in the UK: 43% (survey figure: Cyber Security Breaches Survey 2026).") in text.stdout
    data = json.loads(runner.invoke(cli, ["assess", "--answers", str(answers), "--json"], env={"MATURITY_LOAD_PLUGINS": ""}).stdout)
    [shown] = data["peer_figures"]["shown"]
    assert shown["source"]["survey"] == "Cyber Security Breaches Survey 2026"
    assert shown["source"]["wording"].startswith("Two-factor authentication")
    assert shown["question"] == "cyber.mfa.email" and shown["percent"] == 43


def test_the_report_has_the_section_for_a_uk_example() -> None:
    from click.testing import CliRunner

    from maturity.cli import cli

    page = CliRunner().invoke(cli, ["report", "--answers", str(REPO / "examples" / "lakeside-physio.toml"), "--format", "html"],
                              env={"MATURITY_LOAD_PLUGINS": ""})
    assert page.exit_code == 0, page.output
    section = page.stdout.split('<section id="survey-figures">', 1)[1].split("</section>", 1)[0]
    assert "Two-step login on email" in section and "43%" in section
    assert "Cyber Security Breaches Survey 2026" in section and "Read in a published summary of the survey" in section
