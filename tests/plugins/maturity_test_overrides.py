"""A sample plugin that changes capabilities of other plugins (the mini questionnaires) by id."""

from maturity import hookimpl
from maturity.contract.recommendation import CapabilityOverride


@hookimpl
def register_capability_overrides(register):
    register(CapabilityOverride(id="al.three", add_requires=["be.top"], reason="the top comes first in our sector"))
    register(CapabilityOverride(id="al.two", priority=2.0, mandatory=True, reason="required by the sector's regulator"))
    register(CapabilityOverride(id="be.shop", ignore=True, reason="our sector does not sell online"))
    register(CapabilityOverride(id="al.one", advice="Start with the sector's checklist."))
