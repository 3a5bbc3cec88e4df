"""The example organisations in examples/: results and first steps a consultant would agree
with, and rankings that follow the goals."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity.answers import load_answers
from maturity.catalog import load_catalog
from maturity.models import Goal
from maturity.planning import plan
from maturity.scoring import score

EXAMPLES = Path(__file__).parents[1] / "examples"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def first_steps(catalog, name, top=5, **profile_changes):
    answers = load_answers(EXAMPLES / f"{name}.toml", catalog)
    for key, value in profile_changes.items():
        setattr(answers.profile, key, value)
    result = score(catalog, answers)
    return answers, result, plan(catalog, answers, result, top=top).recommendations


def ids(recs):
    return [r.id for r in recs.items]


def test_every_example_answers_every_question(catalog):
    files = sorted(EXAMPLES.glob("*.toml"))
    assert len(files) >= 5
    for path in files:
        answers = load_answers(path, catalog)
        assert set(answers.answers) == set(catalog.questions), path.name
        assert answers.profile.name and answers.profile.goals, path.name


def test_bakery_gets_basics_and_no_online_shop(catalog):
    # Walk-in and phone only, no backups, shared logins: the basics come first, and nothing
    # that assumes online sales or servers is suggested.
    answers, result, recs = first_steps(catalog, "corner-bakery")
    steps = ids(recs)
    assert "cyber.owner-policy" in steps[:3]  # someone owns security and knows who to call
    assert any(s.startswith("cyber.") for s in steps[:2])
    assert "cloud.online-shop" in recs.not_fitting
    assert not any(s in steps for s in ("cloud.online-shop", "cloud.landing-zone", "auto.ai-assistant"))
    assert result.weakest_link is not None and result.weakest_link.stage == 0


def test_hardware_store_competing_on_advice_gets_a_crm_first(catalog):
    # Customer knowledge lives in two people's heads; goals are service and reach. A CRM is the
    # step, not a copy of a big web shop.
    _, _, recs = first_steps(catalog, "harbour-hardware")
    assert ids(recs)[0] == "cloud.crm"
    assert "cloud.online-shop" in recs.not_fitting
    assert any("Improve customer service" in reason for reason in recs.items[0].reasons)


def test_dental_practice_protects_health_data_first(catalog):
    # Health data backed up to a USB disk left plugged in, shared logins on the surgery PCs:
    # backups that survive ransomware and device protection come first.
    _, _, recs = first_steps(catalog, "riverside-dental")
    steps = ids(recs)
    assert steps[0] == "cyber.backups"
    assert "cyber.device-protection" in steps[:3]
    assert all(s.startswith(("cyber.", "data.", "ethics.")) for s in steps[:4])


def test_online_retailer_fixes_its_data_before_marketing(catalog):
    # Product and customer data differ by channel and orders are re-typed: clean data first;
    # marketing automation has to wait for it.
    _, result, recs = first_steps(catalog, "northwind-goods")
    steps = ids(recs)
    assert steps[0] == "data.quality"
    assert "auto.marketing" not in steps
    assert "data.quality" in catalog.graph.prerequisites("auto.marketing")
    assert "ethics.accessibility" in steps  # it sells online: accessibility applies to it


def test_software_firm_builds_on_what_it_has(catalog):
    # Mature cloud and security; innovation is the lead goal; AI tools are used without rules.
    _, result, recs = first_steps(catalog, "brightpath-software")
    steps = ids(recs)
    assert result.domain("cloud").stage >= 2
    assert "data.platform" in steps[:2]
    assert "ethics.ai-inventory" in steps
    assert result.weakest_link is not None and result.weakest_link.domains == ["automation"]


def test_manufacturer_starts_with_knowing_its_devices(catalog):
    _, _, recs = first_steps(catalog, "ironbridge-fabrication")
    assert ids(recs)[0] == "cyber.asset-inventory"


def test_the_same_answers_with_different_goals_give_different_first_steps(catalog):
    reach = first_steps(catalog, "harbour-hardware", goals={"market-reach": Goal(weight=5)})[2]
    security = first_steps(catalog, "harbour-hardware", goals={"security": Goal(weight=5)})[2]
    operations = first_steps(catalog, "harbour-hardware", goals={"operations": Goal(weight=5), "cost": Goal(weight=3)})[2]
    assert ids(reach)[0] == "cloud.crm"
    assert ids(security)[0].startswith(("cyber.", "ethics.", "data.governance"))
    assert ids(operations)[0] != ids(reach)[0]
    assert ids(security) != ids(reach)


@pytest.mark.parametrize("goal", ["market-reach", "innovation", "customer-service", "operations", "cost"])
def test_hygiene_is_never_starved(catalog, goal):
    # Whatever single goal a business chases, a basic security or privacy step stays in the list.
    for name in ("corner-bakery", "harbour-hardware", "riverside-dental", "ironbridge-fabrication"):
        _, _, recs = first_steps(catalog, name, top=3, goals={goal: Goal(weight=10)})
        assert any(r.floor for r in recs.items), (name, goal, ids(recs))


def test_every_example_gets_a_roadmap_that_keeps_the_rules(catalog):
    for path in sorted(EXAMPLES.glob("*.toml")):
        answers = load_answers(path, catalog)
        road = plan(catalog, answers).roadmap
        assert road.method == "exact"
        assert any(period.items for period in road.periods), path.name
        complete = {c: p.number for p in road.periods for c in p.completed}
        for period in road.periods:
            assert period.cost <= road.budget_per_period + 1e-6
            assert period.hours <= road.hours_per_period + 1e-6
            for item in period.items:
                for req in item.requires:
                    assert complete[req] <= period.number, (path.name, item.id, req)
