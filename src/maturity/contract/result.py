"""The result of scoring an assessment: per capability, per domain, and the weakest link.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .questionnaire import Strict


CapabilityStatus = Literal["achieved", "partial", "not_started", "not_applicable"]


class CapabilityResult(Strict):
    id: str
    domain: str
    stage: int
    credit: float
    status: CapabilityStatus
    questions: int
    answered: int
    dont_know: int
    unanswered: int
    not_applicable_reason: str = ""


def _unset(value: object) -> bool:
    return value is None


class StageProgress(Strict):
    """How far a domain is into the stage it is building: the stage above the one reached."""

    stage: int
    stage_name: str
    in_place: int
    applicable: int
    largely: bool
    missing: list[str] = []


class DomainTarget(Strict):
    """The stage a business should aim at in a domain, why, and how far below it the domain is."""

    stage: int
    stage_name: str
    set_by: Literal["rules", "profile"]
    reason: str
    below: int | None = None


class DomainResult(Strict):
    domain: str
    name: str
    version: str
    strategy: str
    stage: int
    stage_name: str
    index: float
    percent: float
    capabilities: int
    achieved: int
    not_applicable: int
    questions: int
    answered: int
    unanswered: int
    dont_know: int
    low_confidence: list[str] = []
    # Added after the first release. None means a result stored before they existed; they are
    # left out of dumps then, so such a result dumps (and hashes) exactly as it was sealed.
    assessed: bool | None = Field(default=None, exclude_if=_unset)
    label: str | None = Field(default=None, exclude_if=_unset)
    building: StageProgress | None = Field(default=None, exclude_if=_unset)
    target: DomainTarget | None = Field(default=None, exclude_if=_unset)

    @property
    def is_assessed(self) -> bool:
        """False when no question of the domain has an answer of any kind ("don't know" and
        "not applicable" are answers). Results stored before `assessed` existed say it by
        their counts."""
        if self.assessed is not None:
            return self.assessed
        return self.unanswered < self.questions

    @property
    def applies(self) -> bool:
        """Whether any capability of the domain applies to the business."""
        return self.capabilities > self.not_applicable


class WeakestLink(Strict):
    stage: int
    stage_name: str
    domains: list[str]
    below_target: int | None = Field(default=None, exclude_if=_unset)


class Result(Strict):
    """The result of scoring one set of answers; `maturity assess --json` prints it."""

    schema_version: Literal[1] = 1
    profile_name: str = ""
    domains: list[DomainResult]
    weakest_link: WeakestLink | None
    capabilities: dict[str, CapabilityResult]
    warnings: list[str] = []

    def domain(self, domain_id: str) -> DomainResult:
        for d in self.domains:
            if d.domain == domain_id:
                return d
        raise KeyError(domain_id)

    def achieved(self) -> set[str]:
        return {cid for cid, c in self.capabilities.items() if c.status == "achieved"}

    def assessed_domains(self) -> list[str]:
        """The ids of the domains with at least one answer, in the result's order. The others
        are "not assessed": no stage, no weakest link, no recommendations."""
        return [d.domain for d in self.domains if d.is_assessed]

    def beyond_target(self, capability_id: str) -> bool:
        """Whether a capability belongs to a stage above its domain's target (False when the
        result has no targets, as results stored before them)."""
        c = self.capabilities[capability_id]
        target = self.domain(c.domain).target
        return target is not None and c.stage > target.stage

    def open_questions(self, domain_id: str) -> int:
        """The domain's unanswered questions about capabilities that apply: those about
        capabilities that do not fit the business are never asked, so they are not missing."""
        return sum(
            c.unanswered for c in self.capabilities.values() if c.domain == domain_id and c.status != "not_applicable"
        )


