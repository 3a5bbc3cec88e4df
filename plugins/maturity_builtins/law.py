"""Must-haves that data protection law sets for a business holding personal data, where the law
reaches every business of its size (the UK, the EU, New Zealand and Canada) or every health
service (Australia): telling people what is done with their data (and, under the GDPR, keeping
a record of it), being able to restore personal data after an incident, with the measures
tested, and the basic security measures the regulator has fined small firms for missing (a
second login step on remote access, security fixes installed).

Australia's Privacy Act exempts most businesses with a yearly turnover of A$3 million or less,
but not those that provide a health service (section 6D(4)(b)): only the Australian rules for
health data are here. Each provision is named so that an owner or an adviser can look it up.
"""

from maturity import hookimpl

MATURITY_CONTRACT = ">=1.4,<2"

#: what each must-have asks, in the owner's words: the command line, the app and the reports read
#: "Required by <provision>. <why>."
WHY = {
    "ethics.privacy-basics": "anyone whose personal data you hold must be told what you do with it{record}",
    "cyber.backups": "you must be able to restore personal data in good time after an incident, and test that your "
                     "measures work",
    "cyber.mfa": "personal data must be kept secure by appropriate measures{fined_mfa}",
    "cyber.updates": "personal data must be kept secure by appropriate measures{fined_updates}",
}
#: region fact -> the facts it needs beside it, and capability -> the provision that sets it
LAWS = {
    "region:uk": (["data:personal"], {
        "ethics.privacy-basics": "data-protection law (UK GDPR, Articles 13, 14 and 30: telling people about their "
                                 "data, and a record of processing)",
        "cyber.backups": "data-protection law (UK GDPR, Article 32: security of personal data, including restoring it "
                         "and testing the measures)",
        "cyber.mfa": "data-protection law (UK GDPR, Article 32: security of personal data)",
        "cyber.updates": "data-protection law (UK GDPR, Article 32: security of personal data)",
    }),
    "region:eu": (["data:personal"], {
        "ethics.privacy-basics": "data-protection law (the EU's GDPR, Articles 13, 14 and 30: telling people about "
                                 "their data, and a record of processing)",
        "cyber.backups": "data-protection law (the EU's GDPR, Article 32: security of personal data, including "
                         "restoring it and testing the measures)",
        "cyber.mfa": "data-protection law (the EU's GDPR, Article 32: security of personal data)",
        "cyber.updates": "data-protection law (the EU's GDPR, Article 32: security of personal data)",
    }),
    "region:nz": (["data:personal"], {
        "ethics.privacy-basics": "privacy law (New Zealand's Privacy Act 2020, information privacy principle 3: "
                                 "telling people what their information is collected for)",
        "cyber.backups": "privacy law (New Zealand's Privacy Act 2020, information privacy principle 5: safeguards "
                         "against loss of personal information)",
        "cyber.mfa": "privacy law (New Zealand's Privacy Act 2020, information privacy principle 5: safeguards "
                     "against unauthorised access)",
        "cyber.updates": "privacy law (New Zealand's Privacy Act 2020, information privacy principle 5: safeguards "
                         "against unauthorised access)",
    }),
    "region:ca": (["data:personal"], {
        "ethics.privacy-basics": "privacy law (Canada's PIPEDA, Schedule 1, principles 4.2 and 4.8: identifying "
                                 "purposes and openness about how personal information is handled)",
        "cyber.backups": "privacy law (Canada's PIPEDA, Schedule 1, principle 4.7: safeguards against loss)",
        "cyber.mfa": "privacy law (Canada's PIPEDA, Schedule 1, principle 4.7: safeguards against unauthorised "
                     "access)",
        "cyber.updates": "privacy law (Canada's PIPEDA, Schedule 1, principle 4.7: safeguards against unauthorised "
                         "access)",
    }),
    "region:au": (["data:personal", "data:health"], {
        "ethics.privacy-basics": "privacy law (Australia's Privacy Act 1988, Australian Privacy Principles 1 and 5: a "
                                 "privacy policy and telling people about collection; it covers every health "
                                 "service whatever its turnover)",
        "cyber.backups": "privacy law (Australia's Privacy Act 1988, Australian Privacy Principle 11: security of "
                         "personal information, including against loss)",
        "cyber.mfa": "privacy law (Australia's Privacy Act 1988, Australian Privacy Principle 11: security of "
                     "personal information)",
        "cyber.updates": "privacy law (Australia's Privacy Act 1988, Australian Privacy Principle 11: security of "
                         "personal information)",
    }),
}
#: what the UK regulator has fined a small firm for, named only to UK businesses
UK_CASE = {
    "fined_mfa": ", and in 2022 the UK regulator, the Information Commissioner's Office, fined a small law firm "
                 "(Tuckers Solicitors) whose remote access had no second login step",
    "fined_updates": ", and in 2022 the UK regulator, the Information Commissioner's Office, fined a small law firm "
                     "(Tuckers Solicitors) that left a known security fix uninstalled for five months",
}
NO_CASE = {key: "" for key in UK_CASE}
#: the GDPR also asks for a record of processing; the other laws here do not
RECORD = {"region:uk": ", and you must keep a record of the processing",
          "region:eu": ", and you must keep a record of the processing"}


@hookimpl(trylast=True)
def register_capability_overrides(register):
    from maturity.contract import CapabilityOverride  # on use: `maturity --help` loads plugins too

    for region, (facts, provisions) in LAWS.items():
        case = dict(UK_CASE if region == "region:uk" else NO_CASE, record=RECORD.get(region, ""))
        for cid, source in provisions.items():
            register(CapabilityOverride(id=cid, mandatory=True, reason=WHY[cid].format(**case), source=source,
                                        when_facts=[region, *facts]))
