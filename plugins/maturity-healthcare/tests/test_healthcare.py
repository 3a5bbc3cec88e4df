"""The healthcare plugin, tested with maturity's fixtures."""

import json

import pytest

from maturity.models import Profile


def test_the_questionnaire_builds_on_the_built_in_domains(maturity_catalog):
    assert maturity_catalog.questionnaires["healthcare"].plugin == "healthcare"
    assert maturity_catalog.graph.requires("health.records-system") == ["cyber.accounts"]
    assert "cyber.incident-plan" in maturity_catalog.graph.requires("health.downtime")


def test_backups_and_mfa_are_must_haves_where_there_is_health_data(maturity_catalog):
    practice = maturity_catalog.for_profile(Profile(regulated_data=["health"]))
    assert practice.mandatory_reason("cyber.backups") == (
        "Required by health-data and data-protection law. "
        "Patient records must be restorable after ransomware, a fire or a failed server."
    )
    assert practice.is_mandatory("cyber.mfa")
    bakery = maturity_catalog.for_profile(Profile(industry="bakery"))
    assert not bakery.is_mandatory("cyber.backups") and not bakery.is_mandatory("cyber.mfa")


@pytest.mark.parametrize(("country", "named", "not_named"), [
    ("US", "US health-privacy law (the HIPAA Security Rule, section 164.312(d): proving who is logging in)", ["GDPR", "NHS"]),
    ("GB", "data-protection law (UK GDPR, Article 32: security of personal data) and the NHS Data Security and "
           "Protection Toolkit", ["HIPAA"]),
    ("DE", "data-protection law (the EU's GDPR, Article 32: security of personal data)", ["HIPAA", "UK GDPR", "NHS"]),
    ("JP", "health-data and data-protection law", ["HIPAA", "GDPR", "NHS"]),
])
def test_the_law_named_is_the_practice_s_own(maturity_catalog, country, named, not_named):
    practice = maturity_catalog.for_profile(Profile(regulated_data=["health"], country=country))
    reasons = " ".join(practice.mandatory_reason(cid) for cid in ("cyber.backups", "cyber.mfa"))
    assert f"Required by {named}." in reasons
    assert "plugin" not in reasons and "healthcare" not in reasons
    assert not any(law in reasons for law in not_named), reasons


def test_patient_safety_is_attached_to_built_in_capabilities(maturity_catalog):
    assert maturity_catalog.capabilities["cyber.backups"].goals["patient-safety"] == 0.8


def test_the_content_meets_the_strict_rules(maturity_run):
    result = maturity_run("validate", "--strict")
    assert result.exit_code == 0, result.output


#: what the practice says patient safety is worth to it a year: a step is planned only when it is
#: worth at least its cost a year, and logged access serves patient safety
PATIENT_SAFETY = {"patient-safety": {"weight": 8, "worth": 10000}}


def test_a_practice_is_told_why_and_by_whom(maturity_run, maturity_answers):
    answers = maturity_answers(
        {"health.records-system.where": "one-system", "health.records-system.logins": "yes", "health.access-log.checked": "no"},
        fill="best",
        regulated_data=["health"],
        goals=PATIENT_SAFETY,
    )
    # an intermediate capability: beyond the stage a small practice aims at first
    result = maturity_run("recommend", "--answers", answers, "--json", "--beyond-targets")
    assert result.exit_code == 0, result.output
    [item] = [i for i in json.loads(result.stdout)["items"] if i["id"] == "health.access-log"]
    assert "healthcare: Access to patient records must be traceable (health-data and data-protection law)" in item["adjustments"]
    uk = maturity_run("recommend", "--answers", maturity_answers(
        {"health.records-system.where": "one-system", "health.records-system.logins": "yes", "health.access-log.checked": "no"},
        fill="best", regulated_data=["health"], country="GB", goals=PATIENT_SAFETY), "--json", "--beyond-targets")
    [item] = [i for i in json.loads(uk.stdout)["items"] if i["id"] == "health.access-log"]
    assert any("UK GDPR, Articles 5 and 32" in note and "HIPAA" not in note for note in item["adjustments"])


def test_the_checklist_command_reads_an_answer_file(maturity_run, maturity_answers):
    answers = maturity_answers(fill="best", name="Riverside", regulated_data=["health"], country="US")
    result = maturity_run("healthcare-checklist", "--answers", answers)
    assert result.exit_code == 0, result.output
    assert "[x] Backups with an offline copy, tested by restoring (cyber.backups)" in result.stdout
    assert ("Required by US health-privacy law (the HIPAA Security Rule, section 164.312(d): proving who is "
            "logging in).") in result.stdout
    assert "plugin" not in result.stdout
    bakery = maturity_run("healthcare-checklist", "--answers", maturity_answers(name="Bakery"))
    assert bakery.stdout == "No must-haves for Bakery: it states no health data.\n"
    missing = maturity_run("healthcare-checklist", "--answers", "nope.toml")
    assert missing.exit_code == 2 and "nope.toml" in missing.stderr and "Traceback" not in missing.output


def test_the_hipaa_security_rule_is_counted_for_us_practices_only(maturity_run, maturity_answers):
    us = maturity_answers({}, fill="best", industry="dental", regulated_data=["health"], country="US")
    result = maturity_run("coverage", us, "--json")
    assert result.exit_code == 0, result.output
    found = {b["id"]: b for b in json.loads(result.stdout)["baselines"]}
    hipaa = found["hipaa-security-rule"]
    assert hipaa["counts"]["total"] == 18
    assert hipaa["counts"]["met"] >= 10
    uk = maturity_answers({}, fill="best", industry="dental", regulated_data=["health"], country="GB")
    found = {b["id"] for b in json.loads(maturity_run("coverage", uk, "--json").stdout)["baselines"]}
    assert "hipaa-security-rule" not in found and "cyber-essentials" in found
