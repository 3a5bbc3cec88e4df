"""A tool the business already has: its money is not counted again (planning/tool.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from maturity.assessment.answers import load_answers
from maturity.catalog import load_catalog
from maturity.contract.questionnaire import Capability
from maturity.assessment.scoring import score
from maturity.planning import plan
from maturity.planning.candidates import build

HELDOUT = Path(__file__).parents[1] / "fixtures" / "heldout"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def test_a_customer_record_kept_in_the_hotel_system_is_not_bought_again(catalog):
    answers = load_answers(HELDOUT / "casa-almendro.toml", catalog)
    out = plan(catalog, answers)
    rec = build(catalog, answers, score(catalog, answers), set()).recs["cloud.crm"]
    assert rec.one_off == 0 and rec.yearly == 0 and rec.hours > 0
    assert any(r.startswith("You already have a system for this (“Guest history in the PMS”)") for r in rec.reasons), rec.reasons
    item = next(i for p in out.roadmap.periods for i in p.items if i.id == "cloud.crm")
    assert item.one_off == 0 and item.yearly == 0
    assert item.to_finish.startswith("in the system you already have (“Guest history in the PMS”), nothing new to buy")


def test_customer_details_scattered_in_emails_still_pay_for_a_system(catalog):
    answers = load_answers(HELDOUT / "kowhai-tutoring.toml", catalog)
    assert answers.answers["cloud.crm.history"].answer == "scattered"
    rec = build(catalog, answers, score(catalog, answers), set()).recs["cloud.crm"]
    assert rec.one_off + rec.yearly > 0
    assert not any(r.startswith("You already have a system") for r in rec.reasons)


def test_a_tool_answer_must_be_one_of_the_capabilitys_own_questions():
    base = {"id": "x.crm", "name": "Customer records", "stage": "fundamentals",
            "questions": [{"id": "x.crm.history", "text": "Where?", "type": "yes_no"}]}
    assert Capability.model_validate({**base, "tool": {"question": "x.crm.history"}}).tool.credit == 0.67
    with pytest.raises(ValidationError, match="`tool` names question 'x.other'"):
        Capability.model_validate({**base, "tool": {"question": "x.other"}})
