"""Held-out businesses: answer files and a consultant's expectations written blind, without
running the tool or reading its planning code or relevance numbers (tests/fixtures/heldout/).

Each `<slug>.expect.md` ends in a block of id lists (see the README there): the first quarter
should hold at least two of `first_quarter_any_of`; every `year_one_must` is planned within four
quarters, at least one of each `year_one_any_of_<topic>`, and none of `year_one_must_not`.
Where the tool still disagrees with the consultant, the check is marked xfail with the reason,
so that the disagreement stays visible and a fix shows up as an unexpected pass.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from maturity.assessment.answers import load_answers
from maturity.catalog import load_catalog
from maturity.planning import plan

HELDOUT = Path(__file__).parents[1] / "fixtures" / "heldout"
SLUGS = sorted(p.stem for p in HELDOUT.glob("*.toml"))

#: (business, check) -> why the tool and the consultant still disagree
DISAGREE = {
    ("fernhill-creative", "year_one_must"): (
        "talent.ai-literacy is an Intermediate talent capability, and the target rules keep talent at "
        "Fundamentals for a 15-person agency that builds no software (they raise it for developers and "
        "for 50 people or more); the consultant makes AI literacy a must for heavy AI users. "
        "`--beyond-targets` plans it."
    ),
    ("harwood-vets", "year_one_must"): (
        "the consultant's year (personal logins, an off-site tested backup, updates, a company email suite "
        "and a hosted practice system) takes about 60 h of staff time by the questionnaires' estimates, and "
        "the profile gives 12 h a quarter: the plan keeps the logins, backup, updates, two-step login and "
        "privacy notice and leaves the company email suite out. The consultant counts on the vendor doing "
        "the move."
    ),
    ("harwood-vets", "year_one_any_of_reminders"): (
        "with 12 h of staff time a quarter, a CRM or practice system with reminders (18 h or more) does not "
        "fit beside the basics; the roadmap says so in the owner's words (\"Reminder letters are written up "
        "by hand ...\") and how many more hours would make room."
    ),
    ("swiftline-couriers", "year_one_must"): (
        "the plan answers the retyped invoices with simple automations and leaves the move from QuickBooks "
        "Desktop to an online accounting system (cloud.business-apps, 50 h; the dispatch app is online "
        "already, so it is half in place) and a named IT provider (about $7,800 a year for 40 people) "
        "behind the security basics, which take the 80 h a quarter."
    ),
}


def expectations(slug: str) -> dict[str, list[str]]:
    text = (HELDOUT / f"{slug}.expect.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert block, f"{slug}.expect.md has no id lists"
    return {key: [x.strip() for x in ids.split(",") if x.strip()]
            for key, ids in re.findall(r"^(\w+):\s*\[(.*?)\]", block.group(1), re.M)}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


@pytest.fixture(scope="module")
def plans(catalog):
    return {slug: plan(catalog, load_answers(HELDOUT / f"{slug}.toml", catalog)) for slug in SLUGS}


def cases():
    for slug in SLUGS:
        for check in expectations(slug):
            if check == "year_one_should":
                continue  # good to see, not a failure when missing
            marks = [pytest.mark.xfail(reason=DISAGREE[(slug, check)], strict=True)] if (slug, check) in DISAGREE else []
            yield pytest.param(slug, check, id=f"{slug}-{check}", marks=marks)


def test_there_are_five_held_out_businesses_with_expectations():
    assert len(SLUGS) == 5
    for slug in SLUGS:
        exp = expectations(slug)
        assert {"first_quarter_any_of", "year_one_must", "year_one_must_not"} <= set(exp), slug


@pytest.mark.parametrize("slug, check", list(cases()))
def test_the_plan_keeps_what_the_consultant_expects(catalog, plans, slug, check):
    ids = expectations(slug)[check]
    road = plans[slug].roadmap
    first = {i.id for i in road.periods[0].items}
    year = {i.id for p in road.periods for i in p.items}
    for cid in ids:  # the expectations name real capabilities
        assert cid in catalog.capabilities, (slug, cid)
    if check == "first_quarter_any_of":
        assert len(first & set(ids)) >= 2, (slug, sorted(first))
    elif check == "year_one_must":
        assert not [c for c in ids if c not in year], (slug, sorted(year))
    elif check == "year_one_must_not":
        assert not [c for c in ids if c in year], (slug, sorted(year))
    else:
        assert check.startswith("year_one_any_of_"), check
        assert year & set(ids), (slug, check, sorted(year))


@pytest.mark.parametrize("slug", SLUGS)
def test_money_and_laws_are_the_businesss_own(plans, slug):
    out = plans[slug]
    profile = out.answer_file.profile
    words = " ".join(
        " ".join(r.reasons + [r.advice]) for r in out.recommendations.items + out.recommendations.next_in_line
    ) + " " + " ".join(out.roadmap.notes + out.recommendations.notes)
    assert "dollar" not in words.lower()
    if profile.currency != "USD":
        assert "$" not in words, slug
    if profile.currency in ("GBP", "EUR"):
        assert {"GBP": "£", "EUR": "€"}[profile.currency] in words, slug
    assert "HIPAA" not in " ".join(t.reason for t in [d.target for d in out.result.domains] if t), slug


@pytest.mark.parametrize("slug", SLUGS)
def test_the_bet_is_true_to_itself_and_never_a_basic(catalog, slug):
    recs = plan(catalog, load_answers(HELDOUT / f"{slug}.toml", catalog), explore=True).recommendations
    bet = recs.exploration
    if bet is None:  # and then the output says why
        assert any(n.startswith("No deliberate bet") for n in recs.notes), slug
        return
    assert not bet.floor and not bet.mandatory, (slug, bet.id)
    words = " ".join(bet.reasons)
    assert "Serves your goals" not in words and "Basic hygiene" not in words, words
    assert "0 capabilities" not in words and bet.id not in {r.id for r in recs.items}


@pytest.mark.parametrize("slug", SLUGS)
def test_a_stage_mostly_in_place_never_reads_not_started(catalog, slug):
    from maturity.assessment.scoring import score

    result = score(catalog, load_answers(HELDOUT / f"{slug}.toml", catalog))
    for domain in result.domains:
        if domain.stage == 0 and domain.assessed is not False:
            fundamentals = [c for c in result.capabilities.values()
                            if c.domain == domain.domain and c.stage == 1 and c.status != "not_applicable"]
            achieved = [c for c in fundamentals if c.status == "achieved"]
            if fundamentals and len(achieved) * 2 > len(fundamentals):
                assert domain.stage_name != "Not started", (slug, domain.domain, domain.stage_name)
