"""Baseline files: a recognised framework a business is asked about (Cyber Essentials, the CIS
Controls' first implementation group, the Essential Eight, the NIST CSF), as versioned data.

A baseline file gives the framework's items, each with a stable hand-assigned id, a label in
the project's own words, its theme and its level, and the evidence rows that tie it to
capabilities and questions of the questionnaires: a relation (``equal`` or ``superset`` can
meet an item, ``subset`` or ``intersect`` only partly) and the answers it needs.
docs/baseline-format.md describes the format; `maturity schema baseline` prints its JSON Schema.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..common.ids import CAPABILITY_ID, DOMAIN_ID, ID_PART

Relation = Literal["equal", "superset", "subset", "intersect"]
#: relations with which evidence can meet an item whole; the others meet it only partly
FULL_RELATIONS: frozenset[str] = frozenset({"equal", "superset"})
ITEM_ID = r"^[A-Za-z0-9][A-Za-z0-9.\-]*$"
BASELINE_VERSION = r"^\d+(?:\.\d+){0,2}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


#: what a question's answer must be: a minimum credit (0..1), or the ids of options of which
#: one at least must be chosen
Need = Union[Annotated[float, Field(ge=0.0, le=1.0)], Annotated[list[Annotated[str, Field(pattern=rf"^{ID_PART}$")]], Field(min_length=1)]]


class Evidence(_Strict):
    """One mapping row: what in the questionnaires shows the item is met."""

    capability: Annotated[str, Field(pattern=CAPABILITY_ID)]
    relation: Relation
    #: question id -> the answer it needs; every question listed must meet its need. Empty:
    #: the capability's own credit must reach `min_credit`.
    needs: dict[str, Need] = {}
    min_credit: Annotated[float, Field(ge=0.0, le=1.0)] = 0.67
    note: str = ""


class NotApplicableRule(_Strict):
    """An item does not apply when a question was answered with one of `options`, or when
    `capability` does not fit the business (its `applies_if` facts are missing from the
    profile, or a plugin ignores it for the sector)."""

    question: Annotated[str, Field(pattern=CAPABILITY_ID)] | None = None
    options: list[str] = []
    capability: Annotated[str, Field(pattern=CAPABILITY_ID)] | None = None
    reason: Annotated[str, Field(min_length=1, max_length=200)]

    @model_validator(mode="after")
    def _one_kind(self) -> NotApplicableRule:
        if (self.question is None) == (self.capability is None):
            raise ValueError("give either question (with options) or capability")
        if self.question is not None and not self.options:
            raise ValueError("a rule on a question needs the options that make the item not apply")
        return self


class Item(_Strict):
    id: Annotated[str, Field(pattern=ITEM_ID, max_length=20)]
    label: Annotated[str, Field(min_length=1, max_length=200)]
    theme: Annotated[str, Field(pattern=rf"^{ID_PART}$")]
    level: str = ""
    #: a baseline's own hard rule: anything short of met is not met, and fails the whole baseline
    automatic_fail: bool = False
    #: met only when every evidence row is satisfied (whatever their relations); otherwise
    #: partly met when one is
    needs_all: bool = False
    evidence: list[Evidence] = []
    not_applicable_if: list[NotApplicableRule] = []


class Theme(_Strict):
    id: Annotated[str, Field(pattern=rf"^{ID_PART}$")]
    name: Annotated[str, Field(min_length=1, max_length=80)]


class Certificate(_Strict):
    """A held certificate meets every item, when the answers say which certificate it is."""

    question: Annotated[str, Field(pattern=CAPABILITY_ID)]
    options: Annotated[list[str], Field(min_length=1)]
    name: Annotated[str, Field(min_length=1, max_length=80)]


class BaselineInfo(_Strict):
    id: Annotated[str, Field(pattern=DOMAIN_ID, max_length=40)]
    name: Annotated[str, Field(min_length=1, max_length=80)]
    short_name: Annotated[str, Field(min_length=1, max_length=30)]
    version: Annotated[str, Field(pattern=BASELINE_VERSION)]
    date: dt.date
    #: the version of this file's own content (items, labels, mappings): MAJOR.MINOR.PATCH
    file_version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")] = "1.0.0"
    publisher: str = ""
    licence: Annotated[str, Field(min_length=1)]
    source: Annotated[str, Field(min_length=1)]
    description: str = ""
    #: what the level column means (for example "implementation group", "maturity level")
    level_name: str = ""
    #: a theme is reached only when every item in it is met (the Essential Eight's rule for a
    #: strategy's maturity level)
    theme_needs_all: bool = False
    #: counted by default only for a business whose profile has every one of these facts (a
    #: law of one region, say: ["data:health", "region:us"]); named with --baseline, always
    applies_if: list[str] = []


class ChangelogEntry(_Strict):
    version: str
    date: dt.date | None = None
    changes: list[str] = []


class Baseline(_Strict):
    """One baseline file."""

    baseline: BaselineInfo
    themes: Annotated[list[Theme], Field(min_length=1)]
    certificate: Certificate | None = None
    items: Annotated[list[Item], Field(min_length=1)]
    changelog: list[ChangelogEntry] = []

    @property
    def id(self) -> str:
        return self.baseline.id

    @property
    def version(self) -> str:
        return self.baseline.version

    @property
    def key(self) -> str:
        """The id and version, as `--baseline` takes them: ``cyber-essentials@3.3``."""
        return f"{self.baseline.id}@{self.baseline.version}"


__all__ = ["Baseline", "BaselineInfo", "Certificate", "Evidence", "FULL_RELATIONS", "Item", "NotApplicableRule", "Relation", "Theme"]
