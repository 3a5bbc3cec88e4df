"""The pain catalogue: capabilities name the pains they address, profiles name theirs by id or
in their own words, and `validate --strict` holds questionnaires to costs tables and known
pains."""

from __future__ import annotations

import pytest
from conftest import catalog_of, make_questionnaire, yes_no

from maturity.contract.vocabulary import PAIN_KEYWORDS, PAINS, match_pains
from maturity.contract.profile import Process, Profile
from maturity.assessment.template import render_template
from maturity.assessment.validate import strict_problems


def test_every_pain_has_words_for_an_owner_and_keywords():
    assert len(PAINS) >= 20
    assert set(PAINS) == set(PAIN_KEYWORDS)
    for pain, (label, description) in PAINS.items():
        assert label and description and len(label) <= 60, pain
        assert PAIN_KEYWORDS[pain], pain
    for required in ("lost-orders", "double-entry", "slow-close", "late-invoices", "late-payments", "chasing-payments",
                     "shared-logins", "untested-backups", "no-incident-plan", "phishing", "payment-fraud", "stock-outs", "phone-bookings",
                     "no-shows", "unknown-software", "scattered-customer-info", "hiring", "digital-skills",
                     "compliance-paperwork", "ai-no-rules", "slow-quotes", "slow-reports"):
        assert required in PAINS


@pytest.mark.parametrize(
    "text, pain",
    [
        ("phone orders written on a pad and get lost", "lost-orders"),
        ("Orders by phone are written on a pad and sometimes lost", "lost-orders"),
        ("We mistype orders when the shop is busy", "lost-orders"),
        ("Marketplace orders partly re-typed into the warehouse system", "double-entry"),
        ("Product texts written three times", "double-entry"),
        ("Month-end takes a week", "slow-close"),
        ("Cash-up and the daily sales sheet take 40 minutes", "slow-close"),
        ("Invoices typed from delivery notes a week after delivery", "late-invoices"),
        ("Customers pay late and cash flow is tight", "late-payments"),
        ("I spend Fridays chasing payments", "chasing-payments"),
        ("Shared login on the surgery PCs", "shared-logins"),
        ("Everyone reuses the same password", "shared-logins"),
        ("Backups go to a USB disk nobody checks", "untested-backups"),
        ("If we got ransomware nobody would know what to do", "no-incident-plan"),
        ("A fake invoice nearly got paid", "payment-fraud"),
        ("Clients drop off paper receipts in shoeboxes", "paper-forms"),
        ("Job sheets are on paper", "paper-forms"),
        ("We double-booked a room because the paper diary and the website did not match", "phone-bookings"),
        ("A client was asked by email to send completion money to new bank details", "payment-fraud"),
        ("Staff click on phishing emails", "phishing"),
        ("Popular items run out on Saturdays", "stock-outs"),
        ("Phone lines busy at 8 a.m.", "phone-bookings"),
        ("8 % of appointments are missed", "no-shows"),
        ("Too many no-shows on Mondays", "no-shows"),
        ("Nobody knows which subscriptions we pay for", "unknown-software"),
        ("Only two senior staff know the trade customers' projects", "scattered-customer-info"),
        ("We cannot hire a bookkeeper", "hiring"),
        ("Staff struggle with the new till", "digital-skills"),
        ("Lost two tenders for lack of ISO 27001 or SOC 2", "compliance-paperwork"),
        ("Staff paste customer emails into ChatGPT", "ai-no-rules"),
        ("Quotes built in spreadsheets by the owner", "slow-quotes"),
        ("The monthly report takes days to put together", "slow-reports"),
    ],
)
def test_free_text_matches_the_pain_it_names(text, pain):
    assert pain in match_pains(text)


@pytest.mark.parametrize(
    "text, not_pain",
    [
        ("Orders by phone are written on a pad and sometimes lost", "lost-devices"),
        ("Too much bread left at closing on quiet days", "slow-close"),
        ("Returns handled in a shared inbox", "shared-logins"),
        ("We aim to open a second shop", "ai-no-rules"),  # "ai" is a word, not a prefix
        ("The paper diary and Booking.com did not match", "paper-forms"),  # a diary is not a form
        ("Staff click on phishing emails", "payment-fraud"),
    ],
)
def test_keywords_do_not_match_what_the_text_does_not_say(text, not_pain):
    assert not_pain not in match_pains(text)


def test_a_pain_id_is_itself_and_unknown_words_match_nothing():
    assert match_pains("shared-logins") == ["shared-logins"]
    assert match_pains("  lost-orders ") == ["lost-orders"]
    assert match_pains("The van is too small") == []
    assert match_pains("") == []


def test_keywords_match_every_word_in_any_order_and_stars_match_beginnings():
    keywords = {"late-invoices": ("invoic* late",), "x": ("ai",)}
    assert match_pains("late again: the invoices", keywords) == ["late-invoices"]
    assert match_pains("invoicing is slow", keywords) == []
    assert match_pains("we use AI daily", keywords) == ["x"]
    assert match_pains("our aim", keywords) == []


def test_profile_pains_keep_the_owners_words_and_read_the_process_name_when_needed():
    profile = Profile(processes=[
        Process(name="Taking orders", pain_points=["lost-orders", "Allergy notes are not passed on to the bakers"]),
        Process(name="Answering security questionnaires", pain_points=["Each one takes a senior engineer a week"]),
        Process(name="Deliveries", pain_points=["The van is too small"]),
    ])
    found = profile.pains()
    assert found["lost-orders"] == ["lost-orders", "Allergy notes are not passed on to the bakers"]
    assert found["compliance-paperwork"] == ["Each one takes a senior engineer a week"]
    assert all("The van is too small" not in texts for texts in found.values())


def test_the_catalog_knows_the_pains_and_matches_profiles_with_its_keywords():
    catalog = catalog_of()
    assert catalog.pains == PAINS and catalog.pain_keywords == PAIN_KEYWORDS
    catalog.pain_keywords = {**catalog.pain_keywords, "van-too-small": ("van* small",)}
    profile = Profile(processes=[Process(name="Deliveries", pain_points=["The van is too small"])])
    assert catalog.profile_pains(profile) == {"van-too-small": ["The van is too small"]}


def test_the_template_offers_the_pain_catalogue():
    catalog = catalog_of(make_questionnaire(capabilities=[{"id": "ga.one", "name": "One", "stage": "fundamentals", "questions": [yes_no("ga.one.q")]}]))
    text = render_template(catalog)
    assert "# Pain points maturity knows:" in text
    for pain, (label, _) in PAINS.items():
        assert any(line.startswith(f"#   - {pain}:") and line.endswith(label) for line in text.splitlines()), pain


def _strict(**capability):
    cap = {"id": "ga.one", "name": "One", "stage": "fundamentals", "description": "d", "advice": "a",
           "goals": {"security": 1.0}, "kpis": ["k"], "questions": [yes_no("ga.one.q")], **capability}
    stages = [{"id": f"ga.s{n}", "name": "S", "stage": s, "description": "d", "advice": "a", "goals": {"security": 1.0},
               "kpis": ["k"], "costs": {}, "questions": [yes_no(f"ga.s{n}.q")]} for n, s in ((2, "intermediate"), (3, "advanced"))]
    q = make_questionnaire(capabilities=[cap] + stages)
    q = type(q).model_validate({**q.model_dump(exclude_unset=True), "changelog": [{"version": "1.0.0"}]})
    return [p.message for p in strict_problems(catalog_of(q))]


def test_strict_asks_for_a_costs_table():
    assert _strict(costs={"yearly_per_person": 48}) == []
    assert _strict(costs={}) == []
    problems = _strict(cost="$$")
    assert len(problems) == 1
    assert problems[0].startswith("capability ga.one gives its money only as a cost band; give a costs table: costs = {")


def test_strict_reports_unknown_pains():
    assert _strict(costs={}, addresses=["lost-orders"]) == []
    assert _strict(costs={}, addresses=["lost-ordres"]) == ["capability ga.one addresses unknown pain 'lost-ordres' (did you mean lost-orders?)"]
    assert _strict(costs={}, addresses=["happiness"]) == ["capability ga.one addresses unknown pain 'happiness'"]


def test_free_text_pain_points_stay_allowed(tmp_path):
    from maturity.assessment.answers import load_answers

    path = tmp_path / "a.toml"
    path.write_text('[profile]\nname = "X"\n[[profile.processes]]\nname = "Orders"\npain_points = ["lost-orders", "our own words"]\n')
    answers = load_answers(path, catalog_of())
    assert answers.profile.processes[0].pain_points == ["lost-orders", "our own words"]
