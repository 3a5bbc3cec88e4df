"""maturity plugin for small healthcare practices: a patient-data questionnaire, the sector's
must-haves as conditional overrides, the HIPAA Security Rule as a baseline for US practices, a
goal and an adjustment."""

from __future__ import annotations

from maturity.contract import hookimpl

# The contract's other types are imported inside the hooks that use them: plugins are loaded by
# every command, `maturity --help` included, and the models take a moment to import.

MATURITY_CONTRACT = ">=1.2,<2"
__version__ = "1.2.0"

#: the profile fact that makes a business a healthcare one for these rules
HEALTH_DATA = "data:health"

#: who says so, by the legal region of the practice's country (the `region:` facts; None: a
#: country whose law the plugin does not name)
SOURCES = {
    "cyber.backups": {
        None: "health-data and data-protection law",
        "us": "US health-privacy law (the HIPAA Security Rule, section 164.308(a)(7): a contingency plan with data backups)",
        "uk": "data-protection law (UK GDPR, Article 32: security of personal data) and the NHS Data Security and Protection Toolkit",
        "eu": "data-protection law (the EU's GDPR, Article 32: security of personal data)",
    },
    "cyber.mfa": {
        None: "health-data and data-protection law",
        "us": "US health-privacy law (the HIPAA Security Rule, section 164.312(d): proving who is logging in)",
        "uk": "data-protection law (UK GDPR, Article 32: security of personal data) and the NHS Data Security and Protection Toolkit",
        "eu": "data-protection law (the EU's GDPR, Article 32: security of personal data)",
    },
    "health.access-log": {
        None: "health-data and data-protection law",
        "us": "US health-privacy law (the HIPAA Security Rule, section 164.312(b): audit records of access)",
        "uk": "data-protection law (UK GDPR, Articles 5 and 32: showing how personal data is kept secure) and the NHS Data Security and Protection Toolkit",
        "eu": "data-protection law (the EU's GDPR, Articles 5 and 32: showing how personal data is kept secure)",
    },
}

REASONS = {
    "cyber.backups": "Patient records must be restorable after ransomware, a fire or a failed server",
    "cyber.mfa": "Every login to patient records must prove who is logging in",
}


@hookimpl
def register_questionnaires(register):
    from importlib.resources import files

    register(files(__package__) / "healthcare.toml")


@hookimpl
def register_baselines(register):
    from importlib.resources import files

    # counted for practices with health data in the US, where the plugin names HIPAA
    register(files(__package__) / "hipaa-security-rule.toml")


@hookimpl
def register_goals(register):
    register("patient-safety", "Patient safety and continuity of care", "Patients are treated safely, with their records available whenever they are needed.")


@hookimpl
def register_capability_overrides(register):
    from maturity.contract import CapabilityOverride

    for cid, reason in REASONS.items():
        # the general rule first: where overrides agree, the one registered last names the law
        for where, source in SOURCES[cid].items():
            facts = [HEALTH_DATA] + ([f"region:{where}"] if where else [])
            register(CapabilityOverride(id=cid, mandatory=True, reason=reason, source=source, when_facts=facts))
    # the practice's own goal, attached to built-in capabilities (for every business that weighs it)
    register(CapabilityOverride(id="cyber.backups", add_goals={"patient-safety": 0.8}))
    register(CapabilityOverride(id="cyber.incident-plan", add_goals={"patient-safety": 0.6}))


def _region(profile):
    facts = profile.fact_set()
    return next((where for where in ("us", "uk", "eu") if f"region:{where}" in facts), None)


@hookimpl
def adjust_recommendations(profile, result, candidates):
    """Practices with health data: logged access to records comes early."""
    from maturity.contract import Adjustment

    if HEALTH_DATA not in profile.fact_set():
        return None
    source = SOURCES["health.access-log"][_region(profile)]
    return [
        Adjustment(
            id="health.access-log",
            factor=1.5,
            reason=f"Access to patient records must be traceable ({source})",
        )
    ]


@hookimpl
def register_commands(cli):
    import click

    from maturity.cli import pass_session

    @cli.command("healthcare-checklist")
    @click.option("--answers", "answers_path", required=True, type=click.Path(dir_okay=False), help="The practice's answer file.")
    @pass_session
    def healthcare_checklist(session, answers_path):
        """The practice's must-haves, who says so, and which are done."""
        from maturity import load_answers, score  # when the command runs: `--help` stays quick

        catalog = session.catalog  # built-ins, installed plugins, --questionnaires folders
        answers = load_answers(answers_path, catalog)  # a bad file: one message, exit status 2
        result = score(catalog, answers)
        practice = catalog.for_profile(answers.profile)  # the sector rules that hold for it
        musts = [cid for cid in practice.graph.topological_order() if practice.is_mandatory(cid)]
        if not musts:
            click.echo(f"No must-haves for {answers.profile.name or 'this business'}: it states no health data.")
            return
        for cid in musts:
            done = result.capabilities[cid].status == "achieved"
            click.echo(f"[{'x' if done else ' '}] {catalog.capabilities[cid].name} ({cid})")
            click.echo(f"    {practice.mandatory_reason(cid)}")
