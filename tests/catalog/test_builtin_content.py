"""The six built-in questionnaires meet the content rules plugin authors are held to."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from maturity.catalog import DOMAIN_ORDER, load_catalog
from maturity.cli import cli
from maturity.assessment.validate import strict_problems


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def test_validate_strict_passes_on_every_built_in(catalog):
    assert [str(p) for p in strict_problems(catalog)] == []
    out = CliRunner().invoke(cli, ["validate", "--strict"], env={"MATURITY_LOAD_PLUGINS": ""})
    assert out.exit_code == 0, out.output
    assert "No problems found. (strict)" in out.output


def test_six_domains_of_real_size(catalog):
    assert list(catalog.questionnaires) == list(DOMAIN_ORDER)
    for domain, loaded in catalog.questionnaires.items():
        q = loaded.model
        assert q.version == {"cybersecurity": "1.7.0", "cloud": "1.8.0", "automation": "1.4.0", "talent": "1.5.0"}.get(domain, "1.2.0")
        assert 10 <= len(q.capabilities) <= 16, domain
        for stage in (1, 2, 3):
            assert sum(c.stage_number == stage for c in q.capabilities) >= 3, (domain, stage)
        for cap in q.capabilities:
            # at most three questions score a capability; questions of weight 0 only show which
            # baseline requirements are met (docs/baseline-format.md), and stay few
            assert 1 <= sum(qu.weight > 0 for qu in cap.questions) <= 3, cap.id
            assert sum(qu.weight == 0 for qu in cap.questions) <= 4, cap.id
            assert cap.description and cap.advice and cap.kpis and cap.references, cap.id
        crossing = [r for c in q.capabilities for r in c.requires if catalog.domain_of[r] != domain]
        assert crossing, f"{domain} has no cross-domain prerequisite"


@pytest.mark.parametrize(
    "capability, prerequisite",
    [
        ("cyber.sso", "cloud.identity"),  # single sign-on needs a cloud identity
        ("ethics.ai-inventory", "data.inventory"),  # AI governance needs a data inventory
        ("ethics.ai-inventory", "ethics.ai-policy"),  # and an acceptable-use policy
    ],
)
def test_the_cross_domain_prerequisites_the_frameworks_call_for(catalog, capability, prerequisite):
    assert prerequisite in catalog.graph.prerequisites(capability)


def test_no_stage_needs_a_later_one(catalog):
    for cid, cap in catalog.capabilities.items():
        for req in catalog.graph.requires(cid):
            assert catalog.capabilities[req].stage_number <= cap.stage_number, (cid, req)


# --------------------------------------------------------------------------------------------
# money and time that fit the business
# --------------------------------------------------------------------------------------------

#: first-year money (one-off plus a year) for 3, 12 and 60 people, in the profile's currency
FIRST_YEAR = {
    "cyber.mfa": (0, 0, 0),  # switched on in the suite the business already pays for
    "cyber.owner-policy": (0, 0, 0),  # written by the owner
    "cyber.accounts": (144, 576, 2880),  # a password manager, about $4 a user a month
    "cyber.backups": (342, 558, 1710),  # two drives, one PC or server backed up, cloud apps per person
    "cloud.saas-backup": (90, 360, 1800),  # a backup service for the suite, per user
    "cyber.pen-test": (9300, 10200, 15000),  # a yearly external test, $5-20k, and its scoping
    "cyber.certification": (8675, 10700, 21500),  # preparation, then the assessor every year
}

#: a small business's technology money for one quarter (a $8,000 year)
SMALL_QUARTER = 2000.0


def first_year(cap, people: int) -> float:
    return cap.one_off_cost(people) + cap.yearly_cost(people)


@pytest.mark.parametrize("cid", list(FIRST_YEAR))
def test_first_year_money_for_3_12_and_60_people(catalog, cid):
    cap = catalog.capabilities[cid]
    got = tuple(round(first_year(cap, n)) for n in (3, 12, 60))
    print(cid, dict(zip((3, 12, 60), got)))
    assert got == FIRST_YEAR[cid]


def test_quick_wins_cost_staff_time_only(catalog):
    mfa = catalog.capabilities["cyber.mfa"]
    assert first_year(mfa, 60) == 0
    assert [mfa.project_hours(n) for n in (3, 12, 60)] == [1.75, 4.0, 16.0]
    for cid in ("cyber.owner-policy", "ethics.ai-policy", "cloud.strategy", "auto.process-map"):
        cap = catalog.capabilities[cid]
        assert first_year(cap, 60) == 0 and cap.project_hours(12) <= 16, cid


def test_no_cybersecurity_basic_costs_more_than_a_small_quarter(catalog):
    for cid, cap in catalog.capabilities.items():
        if catalog.domain_of[cid] == "cybersecurity" and cap.stage == "fundamentals":
            assert first_year(cap, 3) <= SMALL_QUARTER, (cid, first_year(cap, 3))
            assert cap.project_hours(3) <= 12, (cid, cap.project_hours(3))


def test_every_capability_prices_money_and_staff_time(catalog):
    for cid, cap in catalog.capabilities.items():
        assert cap.costs is not None, cid
        assert cap.effort_hours is not None, cid


# the bands stay rough labels that agree with the numbers: cost by first-year money for 10
# people, effort by the staff hours of change work for 12
COST_BAND_RANGE = {"$": (0, 1000), "$$": (1000, 10000), "$$$": (10000, 50000), "$$$$": (50000, float("inf"))}
EFFORT_BAND_RANGE = {"S": (0, 40), "M": (16, 140), "L": (80, float("inf"))}


def test_cost_and_effort_bands_agree_with_the_numbers(catalog):
    for cid, cap in catalog.capabilities.items():
        low, high = COST_BAND_RANGE[cap.cost]
        assert low <= first_year(cap, 10) < high or first_year(cap, 10) == low, (cid, cap.cost, first_year(cap, 10))
        low, high = EFFORT_BAND_RANGE[cap.effort]
        assert low <= cap.project_hours(12) <= high, (cid, cap.effort, cap.project_hours(12))


def test_per_person_parts_grow_with_the_staff(catalog):
    # licences per user: 60 people pay more than 3, and a flat service does not
    accounts, pen_test = catalog.capabilities["cyber.accounts"], catalog.capabilities["cyber.pen-test"]
    assert first_year(accounts, 60) == 20 * first_year(accounts, 3)
    assert first_year(pen_test, 60) < 2 * first_year(pen_test, 3)


# --------------------------------------------------------------------------------------------
# goals a consultant would defend, and the pains capabilities address
# --------------------------------------------------------------------------------------------


def test_relevance_values_are_material(catalog):
    # a goal is named only where the capability serves it materially (0.3 or more)
    for cid, cap in catalog.capabilities.items():
        for goal, relevance in cap.goals.items():
            assert relevance >= 0.3, (cid, goal, relevance)


@pytest.mark.parametrize(
    "cid, goal",
    [
        ("cyber.owner-policy", "customer-service"),  # a security owner does not serve customers
        ("cyber.mfa", "customer-service"),
        ("talent.skills-baseline", "security"),  # a skills survey does not protect the business
        ("talent.training-plan", "security"),
    ],
)
def test_no_goal_is_claimed_that_a_consultant_could_not_defend(catalog, cid, goal):
    assert goal not in catalog.capabilities[cid].goals


def test_every_common_pain_is_addressed_by_some_capability(catalog):
    addressed = {p for cap in catalog.capabilities.values() for p in cap.addresses}
    assert set(catalog.pains) - addressed == set()
    for cap in catalog.capabilities.values():
        assert set(cap.addresses) <= set(catalog.pains), cap.id


@pytest.mark.parametrize(
    "pain, capability",
    [
        ("lost-orders", "auto.forms-esign"),
        ("shared-logins", "cyber.accounts"),
        ("phishing", "cyber.mfa"),
        ("untested-backups", "cyber.backups"),
        ("late-invoices", "auto.finance"),
        ("chasing-payments", "auto.finance"),
        ("phishing", "cyber.awareness"),
        ("no-incident-plan", "cyber.incident-plan"),
        ("stock-outs", "auto.stock"),
        ("scattered-customer-info", "cloud.crm"),
        ("unknown-software", "cloud.spend"),
        ("ai-no-rules", "ethics.ai-policy"),
    ],
)
def test_the_capability_that_fixes_a_pain_says_so(catalog, pain, capability):
    assert pain in catalog.capabilities[capability].addresses


def test_the_examples_pains_lead_to_capabilities_that_address_them(catalog):
    from pathlib import Path

    from maturity.assessment.answers import load_answers

    examples = Path(__file__).parents[2] / "examples"
    expected = {
        "corner-bakery": {"lost-orders": "auto.forms-esign", "slow-close": "auto.finance"},
        "riverside-dental": {"shared-logins": "cyber.accounts", "untested-backups": "cyber.backups", "no-shows": "auto.marketing"},
        "harbour-hardware": {"scattered-customer-info": "cloud.crm", "stock-outs": "auto.stock"},
        "ironbridge-fabrication": {"late-invoices": "auto.finance", "slow-quotes": "cloud.crm"},
        "northwind-goods": {"double-entry": "auto.integrations", "messy-data": "data.master-data"},
        "brightpath-software": {"ai-no-rules": "ethics.ai-policy", "compliance-paperwork": "cyber.certification"},
    }
    for name, pains in expected.items():
        profile = load_answers(examples / f"{name}.toml", catalog).profile
        named = catalog.profile_pains(profile)
        for pain, capability in pains.items():
            assert pain in named, (name, pain, named)
            assert pain in catalog.capabilities[capability].addresses, (capability, pain)
