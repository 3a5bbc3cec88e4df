"""The value model's rules for incidents: a loss grows with the business (costs by size band),
and an incident the owner's pains show is happening to the business counts at the high end of
the published likelihoods, saying so."""

from __future__ import annotations

import pytest

from maturity.assessment.answers import parse_answers
from maturity.assessment.scoring import score
from maturity.catalog import load_catalog
from maturity.common.tomlfile import parse_toml
from maturity.planning.value import ValueModel


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def model(catalog, size: int = 10, pains: list[str] = ()) -> ValueModel:
    text = f'[profile]\nsize = {size}\ncountry = "GB"\ncurrency = "GBP"\nrevenue = {size * 100_000}\n'
    if pains:
        text += '[[profile.processes]]\nname = "Office"\npain_points = [' + ", ".join(f'"{p}"' for p in pains) + "]\n"
    answers = parse_answers(parse_toml(text, "answers.toml"), catalog)
    return ValueModel(catalog, answers, score(catalog, answers))


def test_an_attack_costs_a_micro_firm_less_and_a_medium_one_more(catalog) -> None:
    costs = {size: model(catalog, size)._incident("ransomware")[1][0] for size in (4, 20, 80)}
    row = catalog.value.incidents["ransomware"]
    published = row.cost["GB"].central
    assert costs[4] == pytest.approx(published * row.cost_by_size["micro"].central)
    assert costs[20] == pytest.approx(published * row.cost_by_size["small"].central)
    assert costs[4] < costs[20] < costs[80]


def test_an_outage_costs_more_the_more_people_lose_the_day(catalog) -> None:
    outage = [model(catalog, size)._incident("outage")[1][0] for size in (4, 20, 80)]
    assert outage == sorted(outage) and outage[2] > 5 * outage[0]


def test_a_named_fraud_takes_the_high_end_of_the_likelihood_and_says_why(catalog) -> None:
    quiet = model(catalog)
    named = model(catalog, pains=["A fake invoice with new bank details was nearly paid last spring"])
    assert "invoice-fraud" in named.named and "invoice-fraud" not in quiet.named
    figure = catalog.value.incidents["invoice-fraud"].likelihood["small"]
    assert named._incident("invoice-fraud")[0][0] == pytest.approx(figure.high)
    assert quiet._incident("invoice-fraud")[0][0] == pytest.approx(figure.central)
    assert named.valuation("cyber.awareness").total > 2 * quiet.valuation("cyber.awareness").total
    text = " ".join(p.text for p in named.valuation("cyber.awareness").parts if p.key == "invoice-fraud")
    assert "the high end of the published figures" in text and "A fake invoice" in text
    # a pain that is no sign of an incident changes no likelihood
    assert model(catalog, pains=["Invoices go out a week after the job"]).named == {}
