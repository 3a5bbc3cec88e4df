"""The value model's rules: a loss grows with the business (costs by size band), an incident
the owner's pains show is happening to the business counts at the high end of the published
likelihoods, saying so; a step holds its own share of a goal; no help rate is assumed for a
business that buys no help; cheap protections wait for no paperwork."""

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


def goal_model(catalog, extra: str = "", goals: str = 'market-reach = 5') -> ValueModel:
    text = ('[profile]\nsize = 14\ncountry = "AU"\ncurrency = "AUD"\nrevenue = 3200000\n' + extra
            + f"[profile.goals]\n{goals}\n")
    answers = parse_answers(parse_toml(text, "answers.toml"), catalog)
    return ValueModel(catalog, answers, score(catalog, answers))


def test_a_step_holds_its_own_share_of_a_goal_whatever_the_targets(catalog) -> None:
    m = goal_model(catalog)
    serving = {cid: cap.goals["market-reach"] for cid, cap in catalog.capabilities.items()
               if cap.goals.get("market-reach", 0) >= 0.5 and not m._ruled_out(cid)}
    # every applicable step that serves the goal counts, within this year's targets or beyond
    assert m._relevance_total("market-reach") == pytest.approx(sum(serving.values()))
    assert any(m.result.beyond_target(cid) for cid in serving)
    worth = m.goal_worth("market-reach")[0]
    crm = sum(p.amount for p in m.valuation("cloud.crm").parts if p.kind == "goal")
    assert crm == pytest.approx(worth * serving["cloud.crm"] / sum(serving.values()) * m.fit(
        catalog.capabilities["cloud.crm"]) * m.confidence(catalog.capabilities["cloud.crm"]))
    # and the shares of every serving step together never exceed the goal's worth
    shares = sum(p.amount for cid in serving for p in m.valuation(cid).parts if p.kind == "goal")
    assert shares <= worth * max(m.fit(catalog.capabilities[c]) for c in serving) + 1e-6


def test_raising_a_goal_raises_every_share_of_it_in_proportion(catalog) -> None:
    low, high = goal_model(catalog, goals="market-reach = 5"), goal_model(catalog, goals="market-reach = 10")
    part = lambda m: sum(p.amount for p in m.valuation("cloud.crm").parts if p.kind == "goal")  # noqa: E731
    assert part(high) == pytest.approx(2 * part(low))


def test_no_help_rate_is_assumed_for_a_business_that_buys_none(catalog) -> None:
    refused = goal_model(catalog, extra="outside_help = { allowed = false }\n")
    assert refused.help_rate == 0
    assert not any("outside help" in a for a in refused.assumptions)
    assert any("outside help" in a for a in goal_model(catalog).assumptions)


def test_no_advice_makes_an_it_provider_the_only_way(catalog) -> None:
    # an owner who does the work himself must be able to follow every step's advice
    for cid, cap in catalog.capabilities.items():
        assert cap.advice.count("your IT provider") == cap.advice.count("your IT provider, if you have one"), cid


def test_cheap_protections_wait_for_no_paperwork(catalog) -> None:
    # two-step login is switched on account by account, a call-back rule needs no policy, and
    # neither a backup nor ending shared logins waits for a list of devices or data
    assert catalog.graph.prerequisites("cyber.mfa") == []
    assert catalog.graph.prerequisites("cyber.awareness") == []
    assert catalog.graph.prerequisites("cyber.backups") == []
    assert catalog.graph.prerequisites("cyber.accounts") == []
