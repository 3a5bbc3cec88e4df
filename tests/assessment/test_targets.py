"""Target stages: proportionate rules derived from the profile, overrides, and the weakest link
as the domain furthest below its target. docs/stages-and-targets.md states the rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MINI, assert_bad_input, catalog_of

from maturity.assessment.answers import load_answers, parse_answers
from maturity.catalog import Catalog, load_catalog
from maturity.contract.questionnaire import STAGE_LABELS
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.profile import Profile
from maturity.report.plain import render_result
from maturity.assessment.scoring import score
from maturity.assessment.targets import derive_targets
from maturity.common.tomlfile import parse_toml

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
DOMAINS = ("cybersecurity", "cloud", "automation", "data", "talent", "ethics")


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(user_dir=None, env={})


def stages(profile: Profile) -> dict[str, str]:
    return {d: STAGE_LABELS[t.stage] for d, t in derive_targets(profile, DOMAINS).items()}


def documented_examples() -> dict[str, dict[str, str]]:
    """The table of example businesses in docs/stages-and-targets.md."""
    text = (ROOT / "docs" / "stages-and-targets.md").read_text()
    table = text.split("| business | cybersecurity")[1].split("\n\n")[0]
    out = {}
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        out[cells[0].split(":")[0]] = dict(zip(DOMAINS, cells[1:]))
    return out


def test_the_documented_targets_of_the_examples_hold(catalog: Catalog) -> None:
    documented = documented_examples()
    found = {}
    for path in sorted(EXAMPLES.glob("*.toml")):
        profile = load_answers(path, catalog).profile
        found[profile.name] = stages(profile)
    assert found == documented


def test_a_walk_in_shop_of_six_needs_the_fundamentals_everywhere() -> None:
    shop = Profile(size=6, sales_channels=["walk-in"], regulated_data=["card", "personal"])
    assert set(stages(shop).values()) == {"Fundamentals"}
    # and no rule ever asks Advanced data of anyone
    everything = Profile(size=5000, sales_channels=["online", "b2b"], regulated_data=["health", "card", "financial", "children"],
                         facts=["has:developers", "has:ai", "has:servers"])
    assert stages(everything)["data"] == "Intermediate"
    assert stages(everything)["cybersecurity"] == "Advanced"


def test_health_data_raises_security_and_privacy_at_any_size() -> None:
    physio = stages(Profile(size=3, sales_channels=["walk-in"], regulated_data=["health", "personal"]))
    assert (physio["cybersecurity"], physio["ethics"]) == ("Intermediate", "Intermediate")
    assert physio["data"] == physio["cloud"] == "Fundamentals"
    reason = derive_targets(Profile(size=3, regulated_data=["health"], country="US"), ["cybersecurity"])["cybersecurity"].reason
    assert "health data" in reason and "HIPAA" in reason


@pytest.mark.parametrize("country, named, not_named", [
    ("GB", ["UK GDPR", "Data Security and Protection Toolkit"], ["HIPAA", "45 CFR"]),
    ("uk", ["UK GDPR"], ["HIPAA"]),
    ("DE", ["GDPR"], ["HIPAA", "UK GDPR", "NHS"]),
    ("US", ["HIPAA"], ["GDPR", "NHS"]),
    ("", [], ["HIPAA", "GDPR", "NHS"]),  # unknown: no particular law
    ("JP", [], ["HIPAA", "GDPR", "NHS"]),
])
def test_the_law_a_target_names_follows_the_country(country, named, not_named) -> None:
    profile = Profile(size=9, regulated_data=["health", "personal"], country=country)
    targets = derive_targets(profile, ["cybersecurity", "ethics"])
    text = targets["cybersecurity"].reason + " " + targets["ethics"].reason
    assert targets["cybersecurity"].stage == 2
    for law in named:
        assert law in text, (country, text)
    for law in not_named:
        assert law not in text, (country, text)


def test_a_country_is_a_two_letter_code() -> None:
    assert Profile(country="gb").country == "GB"
    with pytest.raises(ValueError, match="two-letter country code"):
        Profile(country="United Kingdom")


def test_card_payments_raise_security_only_for_a_web_shop_of_ten_or_more() -> None:
    till = Profile(size=30, sales_channels=["walk-in"], regulated_data=["card"])
    micro_shop = Profile(size=4, sales_channels=["online"], regulated_data=["card"])
    web_shop = Profile(size=12, sales_channels=["online"], regulated_data=["card"])
    assert stages(till)["cybersecurity"] == "Fundamentals"
    assert stages(micro_shop)["cybersecurity"] == "Fundamentals"
    assert stages(web_shop)["cybersecurity"] == "Intermediate"
    assert "PCI DSS" in derive_targets(web_shop, ["cybersecurity"])["cybersecurity"].reason


def test_size_bands() -> None:
    assert set(stages(Profile(size=49)).values()) == {"Fundamentals"}
    mid = stages(Profile(size=50, regulated_data=["personal"]))
    assert mid == {d: "Intermediate" for d in DOMAINS}
    assert stages(Profile(size=50))["ethics"] == "Fundamentals"  # no regulated data
    # no size: the default size (10) is assumed, and the reason says so where size matters
    unsized = derive_targets(Profile(regulated_data=["financial"]), ["cybersecurity"])["cybersecurity"]
    assert unsized.stage == 2 and "the size assumed" in unsized.reason


def test_developers_raise_cloud_data_and_talent() -> None:
    team = stages(Profile(size=20, facts=["has:developers"]))
    assert (team["cloud"], team["data"], team["talent"]) == ("Advanced", "Intermediate", "Intermediate")
    solo = stages(Profile(size=2, facts=["has:developers"]))
    assert (solo["cloud"], solo["data"], solo["talent"]) == ("Intermediate", "Fundamentals", "Fundamentals")


def test_every_target_has_a_reason_in_words() -> None:
    for profile in (Profile(), Profile(size=60, regulated_data=["health"], facts=["has:ai", "has:developers"])):
        for target in derive_targets(profile, DOMAINS + ("point-of-sale",)).values():
            assert target.reason and not target.reason[0].isupper() and not target.reason.endswith(".")


def test_the_reasons_name_every_rule_that_sets_the_target() -> None:
    dental = derive_targets(Profile(size=60, regulated_data=["health", "personal"]), ["cybersecurity"])["cybersecurity"]
    assert "health data" in dental.reason and "60 people with regulated data" in dental.reason


def test_a_domain_a_plugin_adds_aims_at_its_first_stage() -> None:
    target = derive_targets(Profile(size=500, regulated_data=["health"]), ["point-of-sale"])["point-of-sale"]
    assert target.stage == 1 and target.set_by == "rules"


def test_the_profile_overrides_a_target_and_the_reason_says_what_the_rules_give() -> None:
    profile = Profile(size=6, targets={"data": "advanced", "cybersecurity": "fundamentals"}, regulated_data=["health"])
    targets = derive_targets(profile, DOMAINS)
    assert (targets["data"].stage, targets["data"].set_by) == (3, "profile")
    assert targets["data"].reason == "set in the profile (the rules give Fundamentals)"
    assert targets["cybersecurity"].reason == "set in the profile (the rules give Intermediate)"
    assert targets["cloud"].set_by == "rules"


def test_an_override_for_a_domain_that_is_not_loaded_is_reported_with_its_line() -> None:
    from maturity.common.errors import AnswerError

    mini = catalog_of(MINI)
    with pytest.raises(AnswerError) as caught:
        parse_answers(parse_toml('[profile]\nname = "A"\ntargets = { alpah = "advanced" }\n', "a.toml"), mini)
    assert "profile.targets.alpah: unknown domain 'alpah' (did you mean alpha?)" in str(caught.value)
    assert caught.value.line == 3


def test_a_wrong_stage_name_is_bad_input(run, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('[profile]\ntargets = { alpha = "expert" }\n')
    assert_bad_input(run("assess", "--answers", path), "a.toml:2", "targets.alpha", "'fundamentals', 'intermediate' or 'advanced'")


# --------------------------------------------------------------------------------------------
# the weakest link: furthest below its target
# --------------------------------------------------------------------------------------------


def test_the_weakest_link_is_the_domain_furthest_below_its_target(catalog: Catalog) -> None:
    result = score(catalog, load_answers(EXAMPLES / "riverside-dental.toml", catalog))
    below = {d.domain: d.target.below for d in result.domains if d.target}
    assert below == {"cybersecurity": 2, "cloud": 2, "automation": 1, "data": 1, "talent": 1, "ethics": 2}
    assert result.weakest_link is not None
    assert (result.weakest_link.domains, result.weakest_link.below_target) == (["cybersecurity", "cloud", "ethics"], 2)
    text = render_result(result, catalog)
    assert re.search(r"^Automation\s+\S.*%$", text, re.M)  # not marked
    assert "2 stages below their target Intermediate" in text


def test_ties_go_to_the_lowest_stage() -> None:
    mini = catalog_of(MINI)
    # alpha reaches Fundamentals with target Advanced (2 below); beta stays at 0 with target
    # Intermediate (2 below): the tie goes to beta, the lower stage
    text = '[profile]\ntargets = { alpha = "advanced", beta = "intermediate" }\n[answers]\n"al.one.q" = "all"\n"be.base.q" = ["a"]\n'
    result = score(mini, parse_answers(parse_toml(text, "a.toml"), mini))
    assert [(d.domain, d.stage, d.target.below if d.target else None) for d in result.domains] == [("alpha", 1, 2), ("beta", 0, 2)]
    assert result.weakest_link is not None and result.weakest_link.domains == ["beta"]


def test_a_domain_far_below_its_target_outranks_a_lower_stage_at_its_target() -> None:
    mini = catalog_of(MINI)
    text = '[profile]\ntargets = { alpha = "advanced" }\n[answers]\n"al.one.q" = "all"\n"be.base.q" = ["a"]\n'
    result = score(mini, parse_answers(parse_toml(text, "a.toml"), mini))
    # alpha: stage 1, 2 below Advanced; beta: stage 0, 1 below Fundamentals
    assert result.weakest_link is not None and result.weakest_link.domains == ["alpha"]


def test_when_every_target_is_reached_no_domain_is_marked(catalog: Catalog) -> None:
    mini = catalog_of(MINI)
    text = '[answers]\n"al.one.q" = "all"\n"be.base.q" = ["b", "c"]\n"be.top.q" = "yes"\n'
    result = score(mini, parse_answers(parse_toml(text, "a.toml"), mini))
    assert result.weakest_link is not None and result.weakest_link.below_target == 0
    assert result.weakest_link.domains == ["alpha"]
    out = render_result(result, mini)
    assert "◀ weakest link" not in out
    assert "Every assessed domain has reached its target; the lowest is Alpha at Fundamentals." in out


def test_not_assessed_domains_keep_their_target_but_no_distance(catalog: Catalog) -> None:
    dental = load_answers(EXAMPLES / "riverside-dental.toml", catalog)
    cyber_only = AnswerFile(profile=dental.profile, answers={q: a for q, a in dental.answers.items() if q.startswith("cyber.")})
    result = score(catalog, cyber_only)
    assert result.assessed_domains() == ["cybersecurity"]
    assert result.domain("ethics").target is not None and result.domain("ethics").target.below is None
    assert result.weakest_link is not None and result.weakest_link.domains == ["cybersecurity"]


def test_an_answer_with_dont_know_only_is_assessed_and_counts_as_nothing(catalog: Catalog) -> None:
    q = catalog.questionnaire("talent").capabilities[0].questions[0].id
    result = score(catalog, AnswerFile(profile=Profile(size=60), answers={q: Answer(dont_know=True)}))
    assert result.assessed_domains() == ["talent"]
    assert result.weakest_link is not None and result.weakest_link.domains == ["talent"]
    assert result.weakest_link.below_target == 2


def test_capabilities_above_the_target_stage_are_beyond_it(catalog: Catalog) -> None:
    result = score(catalog, load_answers(EXAMPLES / "corner-bakery.toml", catalog))
    stage_of = {cid: c.stage for cid, c in result.capabilities.items()}
    beyond = {cid for cid in result.capabilities if result.beyond_target(cid)}
    assert beyond == {cid for cid, stage in stage_of.items() if stage > 1}  # the bakery aims at Fundamentals
    assert {"data.predictive", "data.ml"} <= beyond and "cyber.mfa" not in beyond


F, I, A = "Fundamentals", "Intermediate", "Advanced"


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        # a physiotherapy clinic of eight: patient records raise security and privacy only
        (Profile(size=8, sales_channels=["walk-in", "phone"], regulated_data=["health", "personal", "card"]),
         (I, F, F, F, F, I)),
        # a law firm of twelve with business clients and their financial affairs
        (Profile(size=12, sales_channels=["b2b", "walk-in"], regulated_data=["personal", "financial"]),
         (I, F, F, F, F, I)),
        # a plumbing contractor of six working at customers' homes
        (Profile(size=6, sales_channels=["field", "phone"], regulated_data=["personal", "card"], facts=["has:remote-staff"]),
         (F, F, F, F, F, F)),
        # a boutique of five with a web shop whose payments the shop platform takes (SAQ A)
        (Profile(size=5, sales_channels=["walk-in", "online"], regulated_data=["personal", "card"]),
         (F, F, F, F, F, F)),
        # the same boutique grown to fourteen
        (Profile(size=14, sales_channels=["walk-in", "online"], regulated_data=["personal", "card"]),
         (I, I, I, I, F, F)),
    ],
    ids=["physiotherapy", "law-firm", "plumber", "boutique", "boutique-grown"],
)
def test_targets_of_typical_small_businesses(profile: Profile, expected: tuple[str, ...]) -> None:
    assert tuple(stages(profile).values()) == expected
