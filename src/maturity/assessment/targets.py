"""Target stages: how far each domain should go for this business, and why.

Enough, not everything: a walk-in shop of six people needs the Fundamentals of every domain,
not predictive models; a dental practice holding patient records needs more security than a
bakery. The rules below derive a target stage per domain from the profile (its size, the data
it handles, how it sells, what it runs); each target carries its reason in words, and the
profile's ``targets`` table overrides any of them. docs/stages-and-targets.md explains the
rules and the frameworks they follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Literal

from .jurisdiction import Region, region, words
from ..contract.questionnaire import STAGE_LABELS, STAGES
from ..contract.profile import Profile

#: Size bands by the number of people (the EU's SME bands).
SMALL, MEDIUM, LARGE = 10, 50, 250
#: From this size, trade accounts bring enough quotes, orders and invoices to connect systems.
B2B_VOLUME = 20
#: Regulated data that is sensitive beyond ordinary personal data.
SENSITIVE = ("health", "card", "financial", "children")
SENSITIVE_WORDS = {
    "health": "health data",
    "card": "payment card data",
    "financial": "customers' financial data",
    "children": "children's data",
}

FUNDAMENTALS, INTERMEDIATE, ADVANCED = 1, 2, 3


@dataclass(frozen=True)
class Target:
    """A domain's target stage (1-3), why, and whether the rules or the profile set it."""

    stage: int
    reason: str
    set_by: Literal["rules", "profile"] = "rules"


@dataclass(frozen=True)
class _Facts:
    people: int
    sized: bool  # the profile gives its size
    facts: frozenset[str]
    region: Region | None = None  # whose law advice names (see maturity.assessment.jurisdiction)

    def has(self, *facts: str) -> bool:
        return any(f in self.facts for f in facts)

    def data(self, kind: str) -> bool:
        return f"data:{kind}" in self.facts

    @property
    def sensitive(self) -> list[str]:
        return [kind for kind in SENSITIVE if self.data(kind)]

    @property
    def regulated(self) -> bool:
        return any(f.startswith("data:") for f in self.facts)

    @property
    def online(self) -> bool:
        return self.has("channel:online", "channel:marketplace")


@dataclass(frozen=True)
class _Rule:
    stage: int
    applies: Callable[[_Facts], bool]
    reason: Callable[[_Facts], str]


def _words(kinds: list[str]) -> str:
    names = [SENSITIVE_WORDS[k] for k in kinds]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _size(f: _Facts) -> str:
    return f"{f.people} people" if f.sized else f"{f.people} people (the size assumed when the profile gives none)"


#: What every business needs in each built-in domain, and in a domain a plugin adds.
BASELINE: dict[str, str] = {
    "cybersecurity": "the basics every business needs, as in UK Cyber Essentials and the first group of the Center for Internet Security's Controls",
    "cloud": "company accounts, shared files and backed-up cloud services, chosen on purpose",
    "automation": "paper and re-typing replaced where it costs most: forms, invoices, simple automations",
    "data": "knowing what data you hold and tracking a few key numbers",
    "talent": "known skills, a training plan and a named IT owner",
    "ethics": "privacy basics and rules for using AI tools",
}
OTHER_BASELINE = "the first stage: the basics a small business needs in every domain"

RULES: dict[str, list[_Rule]] = {
    "cybersecurity": [
        _Rule(INTERMEDIATE, lambda f: f.data("health"),
              lambda f: "it handles health data: " + words("health-security", f.region)),
        _Rule(INTERMEDIATE, lambda f: f.data("card") and f.has("channel:online") and f.people >= SMALL,
              lambda f: "it takes card payments on its own web shop: the card industry's security standard (PCI DSS) "
                        "covers the site itself, beyond what a card terminal needs"),
        _Rule(INTERMEDIATE, lambda f: (f.data("financial") or f.data("children")) and f.people >= SMALL,
              lambda f: f"it keeps {_words([k for k in ('financial', 'children') if f.data(k)])} with {_size(f)}: "
                        "monitoring, an incident plan and controlled access to it"),
        _Rule(INTERMEDIATE, lambda f: f.people >= MEDIUM and f.regulated,
              lambda f: f"{_size(f)} with regulated data: the second group of the Center for Internet Security's Controls for that data, and "
                        "practices that are written down and managed where the risk is highest"),
        _Rule(ADVANCED, lambda f: f.people >= LARGE and bool(f.sensitive),
              lambda f: f"{_size(f)} with {_words(f.sensitive)}: the full Center for Internet Security's Controls, tested by outside experts"),
    ],
    "cloud": [
        _Rule(INTERMEDIATE, lambda f: f.online and f.people >= SMALL,
              lambda f: "it sells online: the shop and its data run in the cloud, so their set-up and cost need governing"),
        _Rule(INTERMEDIATE, lambda f: f.has("has:servers") and f.people >= SMALL,
              lambda f: "it runs its own servers: moving or protecting them needs a governed cloud set-up"),
        _Rule(INTERMEDIATE, lambda f: f.people >= MEDIUM,
              lambda f: f"{_size(f)}: a governed cloud set-up whose costs are seen"),
        _Rule(INTERMEDIATE, lambda f: f.has("has:developers"),
              lambda f: "it builds its own software: environments need a governed cloud set-up"),
        _Rule(ADVANCED, lambda f: f.has("has:developers") and f.people >= SMALL,
              lambda f: "it builds its own software with a team: infrastructure as code, delivery pipelines and "
                        "tested recovery are part of building software well"),
    ],
    "automation": [
        _Rule(INTERMEDIATE, lambda f: (f.online and f.people >= SMALL) or (f.has("channel:b2b") and f.people >= B2B_VOLUME),
              lambda f: f"it sells {'online' if f.online and f.people >= SMALL else 'to business accounts'}: orders, "
                        "quotes and invoices flowing between its systems need connecting, not re-typing"),
        _Rule(INTERMEDIATE, lambda f: f.people >= MEDIUM,
              lambda f: f"{_size(f)}: processes connected across functions, with owners and change control"),
    ],
    "data": [
        _Rule(INTERMEDIATE, lambda f: f.online and f.people >= SMALL,
              lambda f: "it sells online: customer and product data across channels need one master copy"),
        _Rule(INTERMEDIATE, lambda f: f.has("has:developers") and f.people >= SMALL,
              lambda f: "it builds its own software: governed, integrated data its products can rely on"),
        _Rule(INTERMEDIATE, lambda f: f.people >= MEDIUM,
              lambda f: f"{_size(f)}: governed, integrated data and reports that explain the numbers"),
    ],
    "talent": [
        _Rule(INTERMEDIATE, lambda f: f.has("has:developers") and f.people >= SMALL,
              lambda f: "it builds its own software: cloud and automation skills and specialist advice"),
        _Rule(INTERMEDIATE, lambda f: f.people >= MEDIUM,
              lambda f: f"{_size(f)}: specialists, staff who read and use numbers, and change managed on purpose"),
    ],
    "ethics": [
        _Rule(INTERMEDIATE, lambda f: bool([k for k in ("health", "financial", "children") if f.data(k)]),
              lambda f: f"it handles {_words([k for k in ('health', 'financial', 'children') if f.data(k)])}: "
                        + words("privacy-duties", f.region)),
        _Rule(INTERMEDIATE, lambda f: f.has("has:ai") and f.people >= SMALL,
              lambda f: "it uses AI tools with a team: an inventory of them and a risk check before use "
                        "(the NIST AI Risk Management Framework, ISO/IEC 42001)"),
        _Rule(INTERMEDIATE, lambda f: f.people >= MEDIUM and f.regulated,
              lambda f: f"{_size(f)} with regulated data: data-subject requests, breach reporting and vendor checks"),
    ],
}


def derive_targets(
    profile: Profile, domains: Iterable[str], stage_name: Callable[[str, int], str] | None = None
) -> dict[str, Target]:
    """The target stage of each domain for this profile: the highest stage any rule gives
    (the Fundamentals at least), with the reasons of the rules that set it; a domain named in
    the profile's ``targets`` takes the stage given there. `stage_name(domain, stage)` names
    stages in reasons (the default scale's names without it)."""
    name = stage_name or (lambda domain, stage: STAGE_LABELS[stage])
    facts = _Facts(people=profile.people(), sized=profile.size is not None, facts=frozenset(profile.fact_set()),
                   region=region(profile))
    out: dict[str, Target] = {}
    for domain in domains:
        by_rules = _by_rules(domain, facts)
        if domain in profile.targets:
            stage = STAGES.index(profile.targets[domain]) + 1
            reason = "set in the profile" if stage == by_rules.stage else f"set in the profile (the rules give {name(domain, by_rules.stage)})"
            out[domain] = Target(stage, reason, "profile")
        else:
            out[domain] = by_rules
    return out


def _by_rules(domain: str, facts: _Facts) -> Target:
    matching = [rule for rule in RULES.get(domain, []) if rule.applies(facts)]
    stage = max([FUNDAMENTALS] + [rule.stage for rule in matching])
    if stage == FUNDAMENTALS:
        return Target(stage, BASELINE.get(domain, OTHER_BASELINE))
    return Target(stage, "; ".join(rule.reason(facts) for rule in matching if rule.stage == stage))
