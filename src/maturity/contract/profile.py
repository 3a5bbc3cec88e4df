"""The business profile: who the business is, what it wants, and the facts capabilities depend on.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import Field, SerializerFunctionWrapHandler, field_validator, model_serializer, model_validator

from .questionnaire import (
    AppliesTo,
    DEFAULT_SIZE,
    PROJECT_HOURS_MAX,
    PROJECT_HOURS_MIN,
    PROJECT_HOURS_PER_PERSON,
    TRAINING_HOURS_PER_PERSON,
    StageName,
    Strict,
)
from .vocabulary import match_pains

#: The legal regions whose law advice names; `region:uk`, `region:eu` and `region:us` facts.
Region = Literal["uk", "eu", "us"]

#: The EU member states and the other EEA countries, where the GDPR applies.
EEA = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split()
)


def region(country: str) -> Region | None:
    """The legal region of a two-letter country code, or None (no country given, or one outside
    the regions advice knows)."""
    if country == "GB":
        return "uk"
    if country in EEA:
        return "eu"
    if country == "US":
        return "us"
    return None


class Goal(Strict):
    """A business goal: its weight (how much it matters, 0-10) and an optional numeric target."""

    weight: Annotated[float, Field(ge=0.0, le=10.0)] = 1.0
    target: str = ""
    metric: str = ""
    value: float | None = None
    by: dt.date | None = None


class Process(Strict):
    """A core process of the business and what goes wrong in it: each pain point is an id from
    the pain catalogue (`lost-orders`) or the owner's own words."""

    name: Annotated[str, Field(min_length=1)]
    pain_points: list[str] = []


class Profile(Strict):
    """Who the business is and what it wants: the start of every assessment."""

    name: str = ""
    industry: str = ""
    industry_id: str = ""
    size: Annotated[int, Field(ge=1)] | None = None
    budget: Annotated[float, Field(ge=0.0)] | None = None
    currency: str = "USD"
    #: where the business is, as an ISO 3166 two-letter code ("GB", "DE", "US"): the laws and
    #: frameworks advice names follow it; without it the wording stays neutral
    country: str = Field(default="", exclude_if=lambda v: not v)
    goals: dict[str, Goal] = {}
    processes: list[Process] = []
    training_hours: Annotated[float, Field(ge=0.0)] | None = None
    # Fields added after the first release are left out of dumps while unset, so a profile
    # stored before they existed dumps (and hashes) exactly as it was sealed.
    project_hours: Annotated[float, Field(ge=0.0)] | None = Field(default=None, exclude_if=lambda v: v is None)
    sales_channels: list[str] = []
    regulated_data: list[str] = []
    facts: list[str] = []
    #: sector questionnaires (by id) to answer although the industry and facts do not call for them
    include: list[str] = Field(default_factory=list, exclude_if=lambda v: not v)
    funded: list[str] = []
    #: domain id -> the stage the business aims at, overriding the target rules
    targets: dict[str, StageName] = Field(default_factory=dict, exclude_if=lambda v: not v)

    @model_validator(mode="before")
    @classmethod
    def _blank_is_not_given(cls, data: Any) -> Any:
        # a figure left "" in an answer file is one the owner has not decided: as if left out
        if isinstance(data, dict):
            return {k: v for k, v in data.items()
                    if not (v == "" and k in cls.model_fields and cls.model_fields[k].default is None)}
        return data

    @field_validator("country")
    @classmethod
    def _country_code(cls, value: str) -> str:
        code = value.strip().upper()
        if code and not re.fullmatch(r"[A-Z]{2}", code):
            raise ValueError(f"must be a two-letter country code such as \"GB\", \"DE\" or \"US\", not {value!r}")
        return "GB" if code == "UK" else code

    @field_validator("goals", mode="before")
    @classmethod
    def _weight_shorthand(cls, value: Any) -> Any:
        # `security = 3` is short for `security = { weight = 3 }`
        if isinstance(value, dict):
            return {
                k: {"weight": v} if isinstance(v, (int, float)) and not isinstance(v, bool) else v
                for k, v in value.items()
            }
        return value

    def people(self) -> int:
        """The number of people, or the default size when the profile gives none."""
        return self.size or DEFAULT_SIZE

    def project_hours_per_quarter(self) -> tuple[float, bool]:
        """Staff hours for change work each quarter, and whether that is the default."""
        if self.project_hours is not None:
            return self.project_hours, False
        hours = PROJECT_HOURS_PER_PERSON * self.people()
        return min(PROJECT_HOURS_MAX, max(PROJECT_HOURS_MIN, hours)), True

    def training_hours_per_quarter(self) -> tuple[float, bool]:
        """Training hours all staff together can absorb each quarter, and whether that is the
        default."""
        if self.training_hours is not None:
            return self.training_hours, False
        return TRAINING_HOURS_PER_PERSON * self.people(), True

    def pains(self, keywords: dict[str, tuple[str, ...]] | None = None) -> dict[str, list[str]]:
        """The catalogue's pains that the processes name: pain id -> the pain points, in the
        profile's own words, that name it (in the order given).

        Each pain point is matched with `match_pains` (a pain id, or free text through the
        keywords); when the words alone name no pain, the process name is read with them, so
        "Each one takes a week" under "Answering security questionnaires" still counts.
        Pass the catalog's `pain_keywords` to include pains that plugins add.
        """
        found: dict[str, list[str]] = {}
        for process in self.processes:
            for text in process.pain_points:
                ids = match_pains(text, keywords) or match_pains(f"{process.name}: {text}", keywords)
                for pain in ids:
                    found.setdefault(pain, []).append(text)
        return found

    @field_validator("industry_id")
    @classmethod
    def _known_industry(cls, value: str) -> str:
        from .vocabulary import INDUSTRIES

        if value and value not in INDUSTRIES:
            raise ValueError(f"unknown industry id {value!r}; choose one of {', '.join(INDUSTRIES)}")
        return value

    @model_serializer(mode="wrap")
    def _without_empty_industry_id(self, handler: SerializerFunctionWrapHandler) -> Any:
        # profiles saved before `industry_id` existed must dump (and hash) exactly as then
        data = handler(self)
        if isinstance(data, dict) and not self.industry_id:
            data.pop("industry_id", None)
        return data

    def answers(self, questionnaire: str, applies_to: AppliesTo) -> bool:
        """Whether this business answers a questionnaire: one for every business, a sector's
        when its industry (`industry_id`, or `industry` in the same words) or any of its facts
        is named, or when `include` names the questionnaire."""
        if applies_to.everyone or questionnaire in self.include:
            return True
        industries = {i.lower() for i in applies_to.industries}
        if self.industry_id in industries or self.industry.strip().lower() in industries:
            return True
        return bool(self.fact_set().intersection(applies_to.facts))

    def fact_set(self) -> set[str]:
        """The facts capabilities can depend on: `channel:online`, `data:health`, the legal
        region of the country (`region:uk`, `region:eu`, `region:us`), and free facts."""
        facts = {f"channel:{c}" for c in self.sales_channels}
        facts |= {f"data:{d}" for d in self.regulated_data}
        where = region(self.country)
        if where is not None:
            facts.add(f"region:{where}")
        facts |= set(self.facts)
        return facts


