"""Must-haves that data protection law sets for any business holding personal data in the UK
or the EU: telling people what is done with their data and keeping a record of it, being able to
restore personal data after an incident, with the measures tested, and the basic security
measures the regulator has fined small firms for missing (a second login step on remote access,
security fixes installed)."""

from maturity import hookimpl

MATURITY_CONTRACT = ">=1.1,<2"

#: (capability, why, the provision that says so), in the owner's words: the command line, the
#: app and the reports read "Required by <provision>. <why>."
RULES = (
    ("ethics.privacy-basics",
     "anyone whose personal data you hold must be told what you do with it, and you must keep a record of "
     "the processing",
     "data-protection law ({law}, Articles 13, 14 and 30: telling people about their data, and a record of processing)"),
    ("cyber.backups",
     "you must be able to restore personal data in good time after an incident, and test that your measures work",
     "data-protection law ({law}, Article 32: security of personal data, including restoring it and testing the measures)"),
    ("cyber.mfa",
     "personal data must be kept secure by appropriate measures{fined_mfa}",
     "data-protection law ({law}, Article 32: security of personal data)"),
    ("cyber.updates",
     "personal data must be kept secure by appropriate measures{fined_updates}",
     "data-protection law ({law}, Article 32: security of personal data)"),
)
LAWS = {"region:uk": "UK GDPR", "region:eu": "the EU's GDPR"}
#: what the UK regulator has fined a small firm for, named only to UK businesses
UK_CASE = {
    "fined_mfa": ", and in 2022 the UK regulator, the Information Commissioner's Office, fined a small law firm "
                 "(Tuckers Solicitors) whose remote access had no second login step",
    "fined_updates": ", and in 2022 the UK regulator, the Information Commissioner's Office, fined a small law firm "
                     "(Tuckers Solicitors) that left a known security fix uninstalled for five months",
}
NO_CASE = {key: "" for key in UK_CASE}


@hookimpl(trylast=True)
def register_capability_overrides(register):
    from maturity.contract import CapabilityOverride  # on use: `maturity --help` loads plugins too

    for region, law in LAWS.items():
        for cid, why, source in RULES:
            case = UK_CASE if region == "region:uk" else NO_CASE
            register(CapabilityOverride(id=cid, mandatory=True, reason=why.format(**case), source=source.format(law=law),
                                        when_facts=[region, "data:personal"]))
