"""A step a small business can finish: a question's `enough` option is what "to finish" aims at
for a business of at most SMALL_TEAM people, or one that buys no outside help."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from maturity.assessment.answers import load_answers
from maturity.assessment.scoring import score
from maturity.catalog import load_catalog
from maturity.contract.profile import OutsideHelp
from maturity.contract.questionnaire import Question
from maturity.planning.candidates import SMALL_TEAM, left_to_do
from maturity.planning.value import ValueModel

MENUISERIE = Path(__file__).parents[1] / "fixtures" / "heldout" / "menuiserie-garnier.toml"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def model(catalog, **profile) -> ValueModel:
    answers = load_answers(MENUISERIE, catalog)
    answers = answers.model_copy(update={"profile": answers.profile.model_copy(update=profile)})
    return ValueModel(catalog, answers, score(catalog, answers))


def aims(m: ValueModel, cid: str) -> list[str]:
    return [aim for _, _, aim in left_to_do(m, cid)]


def test_a_small_business_finishes_at_enough_and_a_larger_one_at_the_top(catalog):
    q = next(q for q in catalog.capabilities["cyber.updates"].questions if q.id == "cyber.updates.auto")
    enough, top = q.option(q.enough), max(q.options, key=lambda o: o.credit)
    small, large = model(catalog), model(catalog, size=SMALL_TEAM + 1, outside_help=OutsideHelp(allowed=True))
    assert enough.label in aims(small, "cyber.updates") and top.label not in aims(small, "cyber.updates")
    assert top.label in aims(large, "cyber.updates")
    # a larger business that buys no outside help finishes where a small one does
    refusing = model(catalog, size=SMALL_TEAM + 1, outside_help=OutsideHelp(allowed=False))
    assert enough.label in aims(refusing, "cyber.updates")


def test_no_finish_line_names_an_it_provider_to_a_business_that_buys_no_help(catalog):
    m = model(catalog)  # the joinery does everything itself
    assert m.profile.outside_help is not None and m.profile.outside_help.allowed is False
    for cid in catalog.capabilities:
        for aim in aims(m, cid):
            assert "IT provider" not in aim, (cid, aim)


@pytest.mark.parametrize("enough, words", [("nope", "names no option"), ("low", "counts as in place"),
                                           ("top", "below the top one")])
def test_enough_must_name_an_option_in_place_below_the_top(enough, words):
    options = [{"id": "low", "label": "Low", "credit": 0.33}, {"id": "mid", "label": "Mid", "credit": 0.67},
               {"id": "top", "label": "Top", "credit": 1.0}]
    with pytest.raises(ValidationError) as err:
        Question.model_validate({"id": "x.y.z", "text": "?", "options": options, "enough": enough})
    assert words in str(err.value)
    assert Question.model_validate({"id": "x.y.z", "text": "?", "options": options, "enough": "mid"}).enough == "mid"
