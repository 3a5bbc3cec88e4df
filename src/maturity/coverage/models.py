"""What coverage of a baseline is, as data: per item, per theme, per baseline. `maturity coverage
--json` prints :class:`Coverage` (`maturity schema coverage`); the assessment summary, the report
and the app show the same figures."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Status = Literal["met", "partly", "not_met", "unknown", "not_applicable"]
#: the statuses in the order they are shown and counted
STATUSES: tuple[Status, ...] = ("met", "partly", "not_met", "unknown", "not_applicable")
STATUS_WORDS: dict[str, str] = {
    "met": "met", "partly": "partly met", "not_met": "not met", "unknown": "unknown", "not_applicable": "not applicable",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Counts(_Model):
    """How many items have each status; partly met never counts as met."""

    met: int = 0
    partly: int = 0
    not_met: int = 0
    unknown: int = 0
    not_applicable: int = 0
    total: int = 0
    percent_met: float = Field(0.0, description="met / (total - not applicable), in percent, one decimal")

    @classmethod
    def of(cls, statuses: list[str]) -> Counts:
        """The counts of a list of item statuses."""
        tally = {status: statuses.count(status) for status in STATUSES}
        applicable = len(statuses) - tally["not_applicable"]
        percent = round(100.0 * tally["met"] / applicable, 1) if applicable else 0.0
        return cls(**tally, total=len(statuses), percent_met=percent)

    @property
    def applicable(self) -> int:
        return self.total - self.not_applicable

    @property
    def missing(self) -> int:
        """Items neither met nor not applicable: partly met, not met or unknown."""
        return self.partly + self.not_met + self.unknown


class ShortAnswer(_Model):
    """An answer that falls short of what an item needs (or was not given)."""

    question: str = Field(description="the question id")
    text: str = Field(description="the question, as asked")
    given: str | None = Field(description="the answer given, in words; null when not answered or don't know")
    needed: str = Field(description="what the item needs, in words")


class Closer(_Model):
    """The capability that would close a missing item, and what it costs."""

    capability: str
    name: str
    in_place: bool = Field(description="the capability is achieved already: only the answers below fall short")
    one_off: float
    yearly: float
    hours: float = Field(description="staff hours of change work")
    short: list[ShortAnswer] = []


class ItemCoverage(_Model):
    id: str
    label: str
    theme: str
    level: str = ""
    status: Status
    reason: str = Field("", description="why: the certificate held, the rule that makes it not applicable, the evidence")
    automatic_fail: bool = False
    closed_by: Closer | None = Field(None, description="for an item partly met, not met or unknown")


class ThemeCoverage(_Model):
    id: str
    name: str
    counts: Counts
    reached: bool | None = Field(None, description="for baselines whose themes need every item met (the Essential Eight): whether this one is")


class BaselineCoverage(_Model):
    id: str
    version: str
    key: str = Field(description="id@version, as --baseline takes it")
    name: str
    short_name: str
    date: dt.date
    source: str
    licence: str
    counts: Counts
    themes: list[ThemeCoverage]
    items: list[ItemCoverage]
    certificate: str | None = Field(None, description="the certificate held that meets every item, when the answers name it")
    automatic_fails: list[str] = Field([], description="ids of items under a hard rule of the baseline that are not met: the baseline fails")

    @property
    def fails(self) -> bool:
        return bool(self.automatic_fails)

    def missing(self) -> list[ItemCoverage]:
        return [i for i in self.items if i.status in ("partly", "not_met", "unknown")]


class Coverage(_Model):
    """`maturity coverage --json`"""

    schema_version: Literal[1] = 1
    profile_name: str = ""
    currency: str = "USD"
    baselines: list[BaselineCoverage]

    def baseline(self, key_or_id: str) -> BaselineCoverage:
        for b in self.baselines:
            if key_or_id in (b.key, b.id):
                return b
        raise KeyError(key_or_id)


__all__ = ["STATUSES", "STATUS_WORDS", "BaselineCoverage", "Closer", "Counts", "Coverage", "ItemCoverage", "ShortAnswer", "Status", "ThemeCoverage"]
