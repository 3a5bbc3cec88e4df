"""maturity plugin for small healthcare practices: a patient-data questionnaire, the sector's
must-haves as conditional overrides, a goal and an adjustment."""

from __future__ import annotations

from importlib.resources import files

from maturity.contract import Adjustment, CapabilityOverride, hookimpl

MATURITY_CONTRACT = ">=1.0,<2"
__version__ = "1.0.0"

#: the profile fact that makes a business a healthcare one for these rules
HEALTH_DATA = "data:health"


@hookimpl
def register_questionnaires(register):
    register(files(__package__) / "healthcare.toml")


@hookimpl
def register_goals(register):
    register("patient-safety", "Patient safety and continuity of care", "Patients are treated safely, with their records available whenever they are needed.")


@hookimpl
def register_capability_overrides(register):
    register(
        CapabilityOverride(
            id="cyber.backups",
            mandatory=True,
            reason="Patient records must be restorable after ransomware, a fire or a failed server",
            source="HIPAA Security Rule 45 CFR 164.308(a)(7); GDPR Art. 32(1)(c)",
            when_facts=[HEALTH_DATA],
        )
    )
    register(
        CapabilityOverride(
            id="cyber.mfa",
            mandatory=True,
            reason="Every login to patient records must prove who is logging in",
            source="HIPAA Security Rule 45 CFR 164.312(d)",
            when_facts=[HEALTH_DATA],
        )
    )
    # the practice's own goal, attached to built-in capabilities (for every business that weighs it)
    register(CapabilityOverride(id="cyber.backups", add_goals={"patient-safety": 0.8}))
    register(CapabilityOverride(id="cyber.incident-plan", add_goals={"patient-safety": 0.6}))


@hookimpl
def adjust_recommendations(profile, result, candidates):
    """Practices with health data: logged access to records comes early."""
    if HEALTH_DATA not in profile.fact_set():
        return None
    return [
        Adjustment(
            id="health.access-log",
            factor=1.5,
            reason="Access to patient records must be traceable (HIPAA Security Rule 45 CFR 164.312(b))",
        )
    ]
