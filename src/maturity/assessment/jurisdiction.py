"""Which body of law advice names: the business's country decides.

A UK clinic hears of UK GDPR and the NHS Data Security and Protection Toolkit, a German one of
the GDPR, a US one of HIPAA. Where the profile gives no `country`, advice names no particular
law ("data-protection law"), rather than guessing from the currency.
"""

from __future__ import annotations


from ..contract.profile import Profile, Region
from ..contract.profile import region as country_region


#: topic -> region (None: unknown) -> the words for it
WORDS: dict[str, dict[Region | None, str]] = {
    # why health data raises the cybersecurity target
    "health-security": {
        "us": "US health-privacy law (HIPAA) requires every safeguard, a risk analysis, audit logs and incident "
              "procedures whatever the size (its Security Rule, section 164.306(b))",
        "uk": "UK GDPR makes it special-category data that needs appropriate security (Art. 9 and 32), and the "
              "NHS Data Security and Protection Toolkit asks for controlled access, audit trails and incident "
              "reporting from any practice that works with the NHS",
        "eu": "the GDPR makes it special-category data that needs appropriate security, a risk assessment and "
              "breach procedures whatever the size (Art. 9, 32 and 33)",
        "nz": "New Zealand's Health Information Privacy Code 2020 sets rules for health information, including "
              "its security (rule 5), whatever the size",
        "au": "Australia's Privacy Act treats health information as sensitive and covers every health service "
              "whatever its turnover, including the security of that information (Australian Privacy Principle 11)",
        "ca": "Canada's PIPEDA asks for safeguards in proportion to how sensitive information is, and health "
              "information is among the most sensitive (principle 4.7)",
        None: "health-data law asks for a risk analysis, controlled access, audit logs and incident procedures "
              "whatever the size",
    },
    # why sensitive data makes data-subject requests and breach reports duties
    "privacy-duties": {
        "us": "patients' and customers' rights to their records and breach notification are legal duties "
              "(HIPAA, state privacy and breach laws)",
        "uk": "answering data-subject requests within a month and reporting breaches to the regulator, the "
              "Information Commissioner's Office, within 72 hours "
              "are legal duties (UK GDPR)",
        "eu": "answering data-subject requests within a month and reporting breaches to the supervisory "
              "authority within 72 hours are legal duties (GDPR)",
        "nz": "answering people's requests for their information within 20 working days and notifying the Privacy "
              "Commissioner of a serious privacy breach as soon as practicable are legal duties (Privacy Act 2020)",
        "au": "giving people access to their information and notifying the Information Commissioner and the people "
              "affected of an eligible data breach are legal duties (Privacy Act 1988)",
        "ca": "giving people access to their information within 30 days and reporting a breach of security "
              "safeguards that risks significant harm to the Privacy Commissioner are legal duties (PIPEDA)",
        None: "answering people's requests for their data and reporting breaches are legal duties",
    },
}


def region(profile: Profile) -> Region | None:
    """The legal region of the business's country, or None when the profile gives none (or a
    country outside the regions advice knows)."""
    return country_region(profile.country)


def words(topic: str, where: Region | None) -> str:
    """The wording of `topic` for a region (neutral for None)."""
    table = WORDS[topic]
    return table.get(where, table[None])
