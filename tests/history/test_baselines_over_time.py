"""Recognised baselines over time: diff and history count each assessment with the coverage
service, against today's version of each baseline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from maturity.assessment.answers import load_answers
from maturity.assessment.models import Answer
from maturity.assessment.scoring import score
from maturity.catalog import load_catalog
from maturity.coverage import coverage
from maturity.history import diff, history
from maturity.store import StoredAssessment

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def saved(catalog, number: int, month: int, **changes: object) -> StoredAssessment:
    answers = load_answers(EXAMPLES / "corner-bakery.toml", catalog)
    for qid, value in changes.items():
        answers.answers[qid] = Answer(answer=value)
    when = dt.datetime(2026, month, 1, 12, tzinfo=dt.timezone.utc)
    return StoredAssessment(id=number, org="Corner Bakery", status="completed", created=when, updated=when, completed=when,
                            answer_file=answers, result=score(catalog, answers), versions=catalog.versions())


def better(catalog) -> StoredAssessment:
    a = saved(catalog, 2, 6)
    a.answer_file.answers["cyber.mfa.cloud"] = Answer(answer="every")
    a.answer_file.answers["cyber.device-protection.firewall"] = Answer(answer="every-device")
    a.result = score(catalog, a.answer_file)
    return a


def test_diff_counts_each_baseline_before_and_after(catalog):
    first, second = saved(catalog, 1, 1), better(catalog)
    change = diff(first, second, catalog)
    ce = next(c for c in change.baselines if c.key == "cyber-essentials@3.3")
    before = coverage(catalog, first.answer_file).baseline("cyber-essentials")
    after = coverage(catalog, second.answer_file).baseline("cyber-essentials")
    assert (ce.met_before, ce.met_after) == (before.counts.met, after.counts.met) == (1, 4)
    assert "Two-step login wherever it is offered, and always on cloud services, for every user" in ce.newly_met
    assert not ce.no_longer_met
    assert "UK Cyber Essentials: 1 of 25 requirements met, now 4 of 25." in change.summary
    # the other way round, the same requirements are no longer met
    back = next(c for c in diff(second, first, catalog).baselines if c.key == "cyber-essentials@3.3")
    assert back.no_longer_met == ce.newly_met and not back.newly_met


def test_diff_without_a_catalog_has_no_baselines(catalog):
    assert diff(saved(catalog, 1, 1), better(catalog)).baselines == []


def test_history_gives_each_assessment_its_coverage(catalog):
    rows = history("Corner Bakery", [better(catalog), saved(catalog, 1, 1)], catalog)
    assert list(rows.baselines) == ["cyber-essentials@3.3", "cis-controls-ig1@8.1", "essential-eight@2023.11", "nist-csf@2.0"]
    assert [r.baselines["cyber-essentials@3.3"].met for r in rows.rows] == [1, 4]
    assert rows.rows[0].baselines["cyber-essentials@3.3"].fails
    # read without the answers (as the app's lists are), a row has no coverage rather than a wrong one
    bare = saved(catalog, 3, 9)
    bare.answer_file.answers = {}
    assert history("Corner Bakery", [bare], catalog).rows[0].baselines == {}
