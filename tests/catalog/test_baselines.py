"""Baselines as data: the shipped files load, every mapping row names what exists, validate
checks them with the file and the line, and plugins bring their own."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import PLUGINS

from maturity.assessment.models import SCHEMAS
from maturity.catalog import load_catalog
from maturity.catalog.baselines import baselines_of, latest
from maturity.cli import cli
from maturity.contract.baseline import FULL_RELATIONS

BASELINES = Path(__file__).parents[2] / "baselines"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def test_the_shipped_baselines_and_their_sizes(catalog):
    found = {key: len(b.model.items) for key, b in baselines_of(catalog).items()}
    assert found == {
        "cyber-essentials@3.3": 25, "cyber-essentials@3.2": 25, "cis-controls-ig1@8.1": 56,
        "essential-eight@2023.11": 48, "nist-csf@2.0": 22,
    }
    assert {b.model.id: b.model.version for b in latest(baselines_of(catalog)).values()}["cyber-essentials"] == "3.3"
    for b in baselines_of(catalog).values():
        info = b.model.baseline
        assert info.licence and info.source and info.date, b.key


def test_cis_ig1_is_the_56_safeguards_with_labels_of_our_own(catalog):
    cis = baselines_of(catalog)["cis-controls-ig1@8.1"].model
    per_control: dict[int, int] = {}
    for item in cis.items:
        per_control[int(item.id.split(".")[0])] = per_control.get(int(item.id.split(".")[0]), 0) + 1
        assert item.level == "IG1"
    # the per-control counts of CIS's v8.1 implementation groups handout
    assert per_control == {1: 2, 2: 3, 3: 6, 4: 7, 5: 4, 6: 5, 7: 4, 8: 3, 9: 2, 10: 3, 11: 4, 12: 1, 14: 8, 15: 1, 17: 3}
    text = (BASELINES / "cis-controls-ig1-8.1.toml").read_text(encoding="utf-8")
    for cis_title in ("Establish and Maintain Detailed Enterprise Asset Inventory", "Address Unauthorized Assets",
                      "Use DNS Filtering Services", "Disable Autorun and Autoplay for Removable Media"):
        assert cis_title not in text


def test_every_mapping_row_names_a_capability_or_question_that_exists(catalog):
    rows = 0
    for b in baselines_of(catalog).values():
        for item in b.model.items:
            for row in item.evidence:
                rows += 1
                assert row.capability in catalog.capabilities, (b.key, item.id)
                for qid, need in row.needs.items():
                    question, owner = catalog.questions[qid]
                    assert owner == row.capability, (b.key, item.id, qid)
                    if isinstance(need, list):
                        assert all(question.option(o) for o in need), (b.key, item.id, qid)
            for rule in item.not_applicable_if:
                assert (rule.capability or rule.question) in {**catalog.capabilities, **catalog.questions}
        if b.model.certificate:
            question, _ = catalog.questions[b.model.certificate.question]
            assert all(question.option(o) for o in b.model.certificate.options)
    assert rows > 150


def test_cyber_essentials_can_be_met_whole_and_v33_has_its_automatic_fails(catalog):
    v33 = baselines_of(catalog)["cyber-essentials@3.3"].model
    v32 = baselines_of(catalog)["cyber-essentials@3.2"].model
    for item in v33.items:
        assert any(row.relation in FULL_RELATIONS for row in item.evidence), f"{item.id} can never be met"
    assert {i.id for i in v33.items if i.automatic_fail} == {"CE-UA4", "CE-SU4"}
    assert not any(i.automatic_fail for i in v32.items)
    assert [i.id for i in v33.items] == [i.id for i in v32.items]


def test_the_json_schema_accepts_every_shipped_file():
    schema = SCHEMAS["baseline"].model_json_schema()
    for path in sorted(BASELINES.glob("*.toml")):
        data = json.loads(json.dumps(tomllib.loads(path.read_text(encoding="utf-8")), default=str))
        jsonschema.validate(data, schema)


def test_validate_strict_checks_the_baselines():
    out = CliRunner().invoke(cli, ["validate", "--strict"], env={"MATURITY_LOAD_PLUGINS": ""})
    assert out.exit_code == 0, out.output
    assert re.search(r"baseline cyber-essentials@3\.3, 25 items", out.output)
    out = CliRunner().invoke(cli, ["validate", "--strict", str(BASELINES)])
    assert out.exit_code == 0, out.output
    assert out.output.count(": baseline ") == 5


@pytest.mark.parametrize(
    "change, message",
    [
        (('"cyber.device-protection.firewall" = 0.67', '"cyber.device-protection.firewal" = 0.67'),
         "names question 'cyber.device-protection.firewal', which does not exist"),
        (('capability = "cyber.mfa", relation = "superset", needs = { "cyber.mfa.cloud"', 'capability = "cyber.mfa", relation = "superset", needs = { "cyber.accounts.admin"'),
         "question 'cyber.accounts.admin' belongs to 'cyber.accounts', not to 'cyber.mfa'"),
        (('["password-changed"]', '["password-change"]'), "has no option 'password-change'"),
        (('theme = "malware"', 'theme = "malwares"'), "names theme 'malwares', which is not in [[themes]]"),
        (('relation = "superset"', 'relation = "covers"'), "relation"),
    ],
)
def test_a_bad_baseline_file_is_named_with_its_line(tmp_path, change, message):
    text = (BASELINES / "cyber-essentials-3.3.toml").read_text(encoding="utf-8")
    assert change[0] in text
    bad = tmp_path / "ce.toml"
    bad.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    out = CliRunner().invoke(cli, ["validate", str(bad)])
    assert out.exit_code == 1
    assert message in out.stderr
    assert re.search(rf"{re.escape(str(bad))}:\d+: ", out.stderr), out.stderr
    assert "Traceback" not in out.output


def test_a_plugin_ships_baselines_in_a_file_and_in_code(plugin_path):
    catalog = load_catalog(user_dir=None, env={"MATURITY_LOAD_PLUGINS": "maturity_test_baselines"})
    found = baselines_of(catalog)
    assert {"practice-rules@1", "practice-rules@2"} <= set(found)
    assert latest(found)["practice-rules"].model.version == "2"
    assert found["practice-rules@1"].source.endswith("practice.toml")
    assert not catalog.plugins.failures


def test_a_plugin_baseline_naming_what_does_not_exist_leaves_the_plugin_out(plugin_path, tmp_path, monkeypatch):
    package = tmp_path / "maturity_test_bad_baseline"
    package.mkdir()
    text = (PLUGINS / "maturity_test_baselines" / "practice.toml").read_text(encoding="utf-8")
    (package / "practice.toml").write_text(text.replace('"cyber.backups.isolated"', '"cyber.backups.offsite"'), encoding="utf-8")
    (package / "__init__.py").write_text(
        "from importlib.resources import files\nfrom maturity import hookimpl\n\n\n"
        "@hookimpl\ndef register_baselines(register):\n    register(files(__package__) / 'practice.toml')\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    import importlib

    from maturity.catalog import build_catalog
    from maturity.plugins import load_plugins

    plugins = load_plugins(env={"MATURITY_LOAD_PLUGINS": ""}, user_dir=None)
    module = importlib.import_module("maturity_test_bad_baseline")
    plugins.add(module, "badbaseline", module=module.__name__, version="", source="test")
    catalog = build_catalog(plugins)
    assert "practice-rules@1" not in baselines_of(catalog)
    assert len(baselines_of(catalog)) == 5
    [message] = [m for m in plugins.failures if "badbaseline" in m]
    assert "names question 'cyber.backups.offsite', which does not exist" in message
    assert "practice.toml:" in message
