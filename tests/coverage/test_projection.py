"""Coverage once some capabilities are in place, and what a baseline still needs: the closing
capabilities named by the coverage service, found again until nothing new is needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity.assessment.answers import load_answers
from maturity.catalog import load_catalog
from maturity.coverage import coverage
from maturity.coverage.projection import best_answer, needed, projected, with_in_place

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def test_what_cyber_essentials_needs_of_the_bakery(catalog) -> None:
    answers = load_answers(EXAMPLES / "corner-bakery.toml", catalog)
    needs = needed(catalog, answers, None, "cyber-essentials")
    now = coverage(catalog, answers, None, ["cyber-essentials"]).baselines[0]
    closers = {i.closed_by.capability for i in now.items if i.status in ("partly", "not_met") and i.closed_by}
    assert closers <= set(needs.capabilities)  # the service's own "closed by", each of them
    counted = sorted(item for items in needs.capabilities.values() for item in items)
    assert counted == sorted(i.id for i in now.items if i.status in ("partly", "not_met"))
    assert [i.id for i in needs.unknown] == ["CE-SC6"] and needs.questions()
    assert needs.short == [] and needs.open == []
    after = projected(catalog, answers, needs.capabilities, "cyber-essentials")
    assert after.counts.met == after.counts.applicable  # with them in place, every item is met


def test_an_item_that_needs_every_row_asks_for_each_capability(catalog) -> None:
    answers = load_answers(EXAMPLES / "corner-bakery.toml", catalog)
    needs = needed(catalog, answers, None, "nist-csf")
    now = coverage(catalog, answers, None, ["nist-csf"]).baselines[0]
    first = {i.closed_by.capability for i in now.items if i.status in ("partly", "not_met") and i.closed_by}
    assert first < set(needs.capabilities)  # later rounds found rows the first closer left
    left = [i.id for i in needs.after.items if i.status in ("partly", "not_met")]
    assert left == [i.id for i in needs.short + needs.open]


def test_a_capability_in_place_answers_its_questions_fully_but_not_what_does_not_apply(catalog) -> None:
    from maturity.assessment.models import Answer

    answers = load_answers(EXAMPLES / "corner-bakery.toml", catalog)
    cap = catalog.capabilities["cyber.mfa"]
    skipped = cap.questions[0].id
    answers.answers[skipped] = Answer(not_applicable="no such service")
    after = with_in_place(catalog, answers, ["cyber.mfa"])
    assert after.answers[skipped].state == "not_applicable"
    for question in cap.questions[1:]:
        assert after.answers[question.id] == best_answer(question)
