"""Coverage of recognised baselines: honest counting (partly met is never met), the baselines'
own hard rules, certificates that count only when named, and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.assessment.answers import load_answers
from maturity.assessment.models import Answer
from maturity.catalog import load_catalog
from maturity.catalog.baselines import baselines_of
from maturity.cli import cli
from maturity.coverage import coverage
from maturity.report.outputs import OUTPUTS, json_schema

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def answers_meeting_cyber_essentials(catalog):
    """Brightpath Software's answers: a business that meets every Cyber Essentials requirement."""
    return load_answers(EXAMPLES / "brightpath-software.toml", catalog)


def set_answer(answer_file, qid, value):
    answer_file.answers[qid] = Answer(answer=value)
    return answer_file


def test_meeting_every_cyber_essentials_requirement_is_100_percent(catalog):
    ce = coverage(catalog, answers_meeting_cyber_essentials(catalog), baselines=["cyber-essentials"]).baseline("cyber-essentials")
    assert ce.key == "cyber-essentials@3.3"
    assert (ce.counts.met, ce.counts.total, ce.counts.percent_met) == (25, 25, 100.0)
    assert not ce.automatic_fails and not ce.missing()


def test_one_cloud_service_without_two_step_login_fails_cyber_essentials_33(catalog):
    answers = set_answer(answers_meeting_cyber_essentials(catalog), "cyber.mfa.cloud", "all-but-one")
    found = coverage(catalog, answers, baselines=["cyber-essentials@3.3", "cyber-essentials@3.2"])
    v33, v32 = found.baseline("cyber-essentials@3.3"), found.baseline("cyber-essentials@3.2")
    ua4 = next(i for i in v33.items if i.id == "CE-UA4")
    assert ua4.status == "not_met" and "hard rule" in ua4.reason
    assert v33.automatic_fails == ["CE-UA4"] and v33.fails
    assert v33.counts.met == 24 and v33.counts.percent_met < 100
    # v3.2 has no automatic fails: the same answers there are partly met, and still not met
    assert next(i for i in v32.items if i.id == "CE-UA4").status == "partly"
    assert not v32.fails and v32.counts.met == 24
    # what closes it: two-step login, already in place, with the answer that falls short
    closer = ua4.closed_by
    assert closer is not None and closer.capability == "cyber.mfa" and closer.in_place
    assert [s.question for s in closer.short] == ["cyber.mfa.cloud"]
    assert closer.short[0].given == "On all but one or two services, or for all but a few people"


def test_a_critical_update_older_than_14_days_also_fails_v33(catalog):
    answers = set_answer(answers_meeting_cyber_essentials(catalog), "cyber.updates.critical", "month")
    ce = coverage(catalog, answers, baselines=["cyber-essentials"]).baseline("cyber-essentials")
    assert ce.automatic_fails == ["CE-SU4"]


def test_an_unanswered_hard_rule_is_unknown_not_failed(catalog):
    answers = answers_meeting_cyber_essentials(catalog)
    del answers.answers["cyber.mfa.cloud"]
    ce = coverage(catalog, answers, baselines=["cyber-essentials"]).baseline("cyber-essentials")
    assert next(i for i in ce.items if i.id == "CE-UA4").status == "unknown"
    assert not ce.fails and ce.counts.unknown == 1


def test_a_certificate_counts_only_when_the_answers_say_which(catalog):
    answers = load_answers(EXAMPLES / "corner-bakery.toml", catalog)
    set_answer(answers, "cyber.certification.status", "audited")  # "an audited certificate": which one?
    ce = coverage(catalog, answers, baselines=["cyber-essentials"]).baseline("cyber-essentials")
    assert ce.certificate is None and ce.counts.met < 5
    set_answer(answers, "cyber.certification.which", ["iso-27001"])  # another certificate
    assert coverage(catalog, answers, baselines=["cyber-essentials"]).baseline("cyber-essentials").certificate is None
    set_answer(answers, "cyber.certification.which", ["cyber-essentials-plus"])
    ce = coverage(catalog, answers, baselines=["cyber-essentials"]).baseline("cyber-essentials")
    assert ce.certificate and ce.counts.met == 25 and all(i.reason.endswith("is held") for i in ce.items)
    # a Cyber Essentials certificate says nothing of the CIS Controls
    cis = coverage(catalog, answers, baselines=["cis-controls-ig1"]).baseline("cis-controls-ig1")
    assert cis.certificate is None and cis.counts.met < 56


def test_application_control_does_not_apply_without_windows_and_office(catalog):
    answers = load_answers(EXAMPLES / "northwind-goods.toml", catalog)
    e8 = coverage(catalog, answers, baselines=["essential-eight"]).baseline("essential-eight")
    ac = [i for i in e8.items if i.theme in ("application-control", "office-macros", "user-application-hardening")]
    assert len(ac) == 11 and all(i.status == "not_applicable" and "Windows" in i.reason for i in ac)
    answers.profile.facts.append("has:windows-office")
    e8 = coverage(catalog, answers, baselines=["essential-eight"]).baseline("essential-eight")
    statuses = {i.id: i.status for i in e8.items if i.theme == "application-control"}
    # staff without admin rights who can still run what they download: partly, never met
    assert statuses == {"E8-AC1": "partly", "E8-AC2": "partly", "E8-AC3": "partly"}
    assert next(t for t in e8.themes if t.id == "application-control").reached is False


def test_every_e8_strategy_needs_every_requirement(catalog):
    e8 = coverage(catalog, answers_meeting_cyber_essentials(catalog), baselines=["essential-eight"]).baseline("essential-eight")
    for theme in e8.themes:
        items = [i for i in e8.items if i.theme == theme.id and i.status != "not_applicable"]
        if items:
            assert theme.reached == all(i.status == "met" for i in items), theme.id


# --------------------------------------------------------------------------------------------
# partly met is never counted as met
# --------------------------------------------------------------------------------------------


def all_options(catalog):
    return {qid: [o.id for o in q.options] for qid, (q, _) in catalog.questions.items() if qid.startswith("cyber.") and q.options}


@settings(max_examples=40)
@given(data=st.data())
def test_partly_met_is_never_counted_as_met(data):
    catalog = test_partly_met_is_never_counted_as_met.catalog
    answers = load_answers(EXAMPLES / "harbour-hardware.toml", catalog)
    for qid, options in all_options(catalog).items():
        question = catalog.questions[qid][0]
        if question.type == "multi":
            set_answer(answers, qid, data.draw(st.lists(st.sampled_from(options), min_size=1, unique=True)))
        else:
            set_answer(answers, qid, data.draw(st.sampled_from(options)))
    for b in coverage(catalog, answers).baselines:
        met = [i for i in b.items if i.status == "met"]
        assert b.counts.met == len(met)
        assert b.counts.partly == sum(i.status == "partly" for i in b.items)
        assert b.counts.percent_met == (round(100 * len(met) / b.counts.applicable, 1) if b.counts.applicable else 0.0)
        for theme in b.themes:
            assert theme.counts.met == sum(i.status == "met" for i in b.items if i.theme == theme.id)
        for item in b.items:
            if item.status == "met" and not b.certificate:
                assert item.closed_by is None


test_partly_met_is_never_counted_as_met.catalog = load_catalog(user_dir=None, env={})


def test_a_partial_relation_alone_never_meets_an_item(catalog):
    for loaded in baselines_of(catalog).values():
        for item in loaded.model.items:
            if item.evidence and all(row.relation in ("subset", "intersect") for row in item.evidence) and not item.needs_all:
                found = coverage(catalog, answers_meeting_cyber_essentials(catalog), baselines=[loaded.key]).baseline(loaded.key)
                assert next(i for i in found.items if i.id == item.id).status != "met", (loaded.key, item.id)


# --------------------------------------------------------------------------------------------
# the command line
# --------------------------------------------------------------------------------------------


def test_the_command_prints_the_counts_and_what_closes_each_gap():
    out = CliRunner().invoke(cli, ["coverage", str(EXAMPLES / "corner-bakery.toml"), "--baseline", "cyber-essentials"])
    assert out.exit_code == 0, out.output
    assert "UK Cyber Essentials, as published in April 2026" in out.stdout
    assert "1 of 25 met (4 %), 6 partly met, 17 not met, 1 unknown" in out.stdout
    assert "Fails as a whole" in out.stdout
    assert "closed by: Protected devices: anti-malware, encryption and screen locks ($432 a year, 13 h of staff time)" in out.stdout


def test_json_matches_its_schema_and_the_text():
    out = CliRunner().invoke(cli, ["coverage", str(EXAMPLES / "harbour-hardware.toml"), "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    jsonschema.validate(data, json_schema(OUTPUTS["coverage"][0]))
    assert [b["key"] for b in data["baselines"]] == ["cyber-essentials@3.3", "cis-controls-ig1@8.1", "essential-eight@2023.11", "nist-csf@2.0"]
    listed = CliRunner().invoke(cli, ["coverage", "--list", "--json"])
    jsonschema.validate(json.loads(listed.stdout), json_schema(OUTPUTS["baselines"][0]))


@pytest.mark.parametrize(
    "args, needle",
    [
        (["--baseline", "nope"], "unknown baseline 'nope'; choose from: cyber-essentials"),
        (["--baseline", "cyber-essentials@9"], "unknown baseline 'cyber-essentials@9'"),
        ([], "give an answer file (ANSWERS or --answers), --org or --id, one of them"),
    ],
)
def test_bad_input_is_one_message_and_status_2(args, needle):
    paths = [str(EXAMPLES / "corner-bakery.toml")] if args else []
    out = CliRunner().invoke(cli, ["coverage", *paths, *args])
    assert out.exit_code == 2
    assert needle in out.stderr and "Traceback" not in out.output
