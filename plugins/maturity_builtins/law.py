"""Must-haves that data protection law sets for any business holding personal data in the UK
or the EU: telling people what is done with their data and keeping a record of it, and being
able to restore personal data after an incident, with the measures tested."""

from maturity import hookimpl

MATURITY_CONTRACT = ">=1.1,<2"

#: (capability, why, the provision that says so)
RULES = (
    ("ethics.privacy-basics",
     "anyone whose personal data you hold must be told what you do with it, and you must keep a record of "
     "the processing",
     "{law} Articles 13, 14 and 30"),
    ("cyber.backups",
     "you must be able to restore personal data in good time after an incident, and test that your measures work",
     "{law} Article 32(1)(c) and (d)"),
)
LAWS = {"region:uk": "UK GDPR", "region:eu": "GDPR"}


@hookimpl(trylast=True)
def register_capability_overrides(register):
    from maturity.contract import CapabilityOverride  # on use: `maturity --help` loads plugins too

    for region, law in LAWS.items():
        for cid, why, source in RULES:
            register(CapabilityOverride(id=cid, mandatory=True, reason=why, source=source.format(law=law),
                                        when_facts=[region, "data:personal"]))
