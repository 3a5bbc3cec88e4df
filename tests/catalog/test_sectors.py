"""A sector's questionnaire (`applies_to`) is offered, templated, assessed and reported only for
the businesses it names, or for one whose profile includes it; for any other it is not shown.

The healthcare plugin of plugins/maturity-healthcare is loaded as it would be once installed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import assert_bad_input
from maturity.catalog import Catalog, load_catalog
from maturity.assessment.answers import load_answers
from maturity.assessment.interview import Interview
from maturity.assessment.scoring import score
from maturity.contract.profile import Profile

REPO = Path(__file__).resolve().parents[2]
HEALTHCARE = REPO / "plugins" / "maturity-healthcare" / "src"
BAKERY = REPO / "examples" / "corner-bakery.toml"
DENTAL = REPO / "examples" / "riverside-dental.toml"
#: words only the healthcare questionnaire uses, and its name
SECTOR_WORDS = ("Healthcare practice", "patients' records", "health.records-system")


@pytest.fixture
def with_healthcare(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(HEALTHCARE))
    monkeypatch.setenv("MATURITY_LOAD_PLUGINS", "maturity_healthcare")


@pytest.fixture
def catalog(with_healthcare: None) -> Catalog:
    catalog = load_catalog()
    assert "healthcare" in catalog.questionnaires
    return catalog


def cli(*args: str | Path) -> tuple[int, str]:
    from maturity.cli import cli as group

    result = CliRunner().invoke(group, [str(a) for a in args], prog_name="maturity")
    return result.exit_code, result.output


def test_the_questionnaire_says_whom_it_is_for(catalog: Catalog) -> None:
    applies = catalog.questionnaire("healthcare").questionnaire.applies_to
    assert applies.industries == ["healthcare"] and applies.facts == ["data:health"]
    assert catalog.sector_questionnaires() == {"healthcare": "Healthcare practice"}


@pytest.mark.parametrize(("profile", "answered"), [
    (Profile(industry="bakery", industry_id="retail"), False),
    (Profile(), False),
    (Profile(industry_id="healthcare"), True),
    (Profile(industry="Healthcare"), True),  # the industry in the same words
    (Profile(industry_id="retail", regulated_data=["health"]), True),  # a pharmacy counter
    (Profile(industry_id="retail", include=["healthcare"]), True),  # asked for anyway
])
def test_who_answers_it(catalog: Catalog, profile: Profile, answered: bool) -> None:
    scoped = catalog.for_profile(profile)
    assert ("healthcare" in scoped.questionnaires) is answered
    assert any(cid.startswith("health.") for cid in scoped.capabilities) is answered
    assert any(qid.startswith("health.") for qid in scoped.questions) is answered
    assert any(node.startswith("health.") for node in scoped.graph.topological_order()) is answered
    interview = Interview(catalog, profile)
    assert ("healthcare" in interview.domains()) is answered
    assert any(step.domain == "healthcare" for step in interview.steps) is answered
    # the catalog itself keeps every questionnaire
    assert "healthcare" in catalog.questionnaires and "health.records-system" in catalog.graph.topological_order()


def test_a_bakery_is_not_assessed_on_it_and_its_plan_leaves_it_out(catalog: Catalog) -> None:
    from maturity.planning.service import plan

    answers = load_answers(BAKERY, catalog)
    result = score(catalog, answers)
    assert [d.domain for d in result.domains] == ["cybersecurity", "cloud", "automation", "data", "talent", "ethics"]
    assert not any(cid.startswith("health.") for cid in result.capabilities)
    assert not any("Healthcare" in w for w in result.warnings)
    planned = plan(catalog, answers)
    shown = planned.roadmap.model_dump_json() + planned.recommendations.model_dump_json() + " ".join(planned.notes)
    assert "health." not in shown and "Healthcare" not in shown


def test_the_dental_practice_is(catalog: Catalog) -> None:
    result = score(catalog, load_answers(DENTAL, catalog))
    assert "healthcare" in [d.domain for d in result.domains]


def test_template_assess_and_report_of_a_bakery_do_not_show_it(with_healthcare: None, tmp_path: Path) -> None:
    code, template = cli("template")
    assert code == 0
    assert not any(word in template for word in SECTOR_WORDS if word != "Healthcare practice")
    assert "[answers]" in template and "\nhealthcare = " not in template
    # the template names the questionnaire only where it says how to include it anyway
    assert [line for line in template.splitlines() if "Healthcare practice" in line] == [
        next(line for line in template.splitlines() if line.startswith("include = "))
    ]
    for command in (("assess", "--answers", BAKERY), ("recommend", "--answers", BAKERY),
                    ("roadmap", "--answers", BAKERY), ("report", "--answers", BAKERY, "--format", "markdown"),
                    ("report", "--answers", BAKERY, "--format", "html")):
        code, out = cli(*command)
        assert code == 0, out
        found = [word for word in SECTOR_WORDS if word in out]
        assert not found, (command, found)


def test_a_named_domain_is_templated_with_include_and_then_assessed(with_healthcare: None, tmp_path: Path) -> None:
    code, template = cli("template", "--domain", "healthcare", "--domain", "cybersecurity")
    assert code == 0
    assert re.search(r'^include = \["healthcare"\]', template, re.M)
    assert '"health.records-system.where" = ""' in template
    path = tmp_path / "answers.toml"
    path.write_text(template.replace('"health.records-system.where" = ""', '"health.records-system.where" = "scattered"'))
    code, out = cli("assess", "--answers", path)
    assert code == 0, out
    assert re.search(r"^Healthcare practice\s+Not started", out, re.M)


def test_include_names_a_known_questionnaire(with_healthcare: None, tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('[profile]\nname = "Bakery"\ninclude = ["helthcare"]\n\n[answers]\n')
    from maturity.cli import cli as group

    result = CliRunner().invoke(group, ["assess", "--answers", str(path)], prog_name="maturity")
    assert_bad_input(result, "profile.include", "helthcare", "answers.toml")


def test_strict_validation_names_an_unknown_industry(tmp_path: Path) -> None:
    source = (HEALTHCARE / "maturity_healthcare" / "healthcare.toml").read_text()
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "healthcare.toml").write_text(source.replace('industries = ["healthcare"]', 'industries = ["helthcare"]'))
    code, out = cli("validate", "--strict", folder / "healthcare.toml")
    assert code == 1 and "applies_to names unknown industry 'helthcare'" in out, out
