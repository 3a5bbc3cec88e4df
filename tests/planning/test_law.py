"""Must-haves from data-protection law follow the business's country: the GDPR in the UK and the
EU, the Privacy Act 2020 in New Zealand, PIPEDA in Canada, and in Australia the Privacy Act for
health services only (most businesses of A$3 million or less are exempt)."""

from __future__ import annotations

import pytest

from pathlib import Path

from maturity.assessment.answers import load_answers
from maturity.catalog import load_catalog
from maturity.planning import plan

MENUISERIE = Path(__file__).parents[1] / "fixtures" / "heldout" / "menuiserie-garnier.toml"

MUSTS = {"ethics.privacy-basics", "cyber.backups", "cyber.mfa", "cyber.updates"}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def musts(catalog, country: str, data: list[str]) -> dict[str, str]:
    answers = load_answers(MENUISERIE, catalog)  # a joinery with none of the four in place
    profile = answers.profile.model_copy(update={"country": country, "regulated_data": data, "budget": 100000.0,
                                                 "project_hours": 200.0, "outside_help": None})
    recs = plan(catalog, answers.model_copy(update={"profile": profile}), top=60).recommendations
    return {r.id: " ".join(r.reasons) for r in recs.items + recs.next_in_line if r.mandatory}


@pytest.mark.parametrize("country, law", [("GB", "UK GDPR"), ("DE", "the EU's GDPR"),
                                          ("NZ", "New Zealand's Privacy Act 2020"), ("CA", "Canada's PIPEDA")])
def test_personal_data_makes_the_basics_must_haves_under_the_countrys_law(catalog, country, law):
    found = musts(catalog, country, ["personal"])
    assert MUSTS <= set(found), (country, sorted(found))
    for cid in MUSTS:
        assert law in found[cid], (cid, found[cid])
    # the UK regulator's fine is named to UK businesses only
    assert ("Tuckers Solicitors" in found["cyber.mfa"]) == (country == "GB")
    # a record of processing is the GDPR's, not the other laws'
    assert ("record of the processing" in found["ethics.privacy-basics"]) == (country in ("GB", "DE"))


def test_australia_binds_health_services_only(catalog):
    assert not MUSTS & set(musts(catalog, "AU", ["personal"]))
    found = musts(catalog, "AU", ["personal", "health"])
    assert MUSTS <= set(found)
    assert "Australian Privacy Principle 11" in found["cyber.backups"]


def test_no_country_no_law(catalog):
    assert not MUSTS & set(musts(catalog, "JP", ["personal"]))
