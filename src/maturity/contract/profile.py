"""The business profile: who the business is, what it wants, and the facts capabilities depend on.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, SerializerFunctionWrapHandler, StrictBool, StrictFloat, StrictInt, field_validator, model_serializer, model_validator

from .questionnaire import (
    AppliesTo,
    DEFAULT_SIZE,
    PACE_BASE,
    PACE_MOST,
    PACE_PEOPLE,
    PROJECT_HOURS_MAX,
    PROJECT_HOURS_MIN,
    PROJECT_HOURS_PER_PERSON,
    TRAINING_HOURS_PER_PERSON,
    StageName,
    Strict,
)
from ..common.formatting import MAX_AMOUNT, MAX_HOURS
from .vocabulary import match_pains

#: The legal regions whose law advice names; `region:uk`, `region:eu`, `region:us`, `region:nz`,
#: `region:au` and `region:ca` facts.
Region = Literal["uk", "eu", "us", "nz", "au", "ca"]
#: country code -> region, beside the EEA's
_COUNTRIES: dict[str, Region] = {"GB": "uk", "US": "us", "NZ": "nz", "AU": "au", "CA": "ca"}

#: The EU member states and the other EEA countries, where the GDPR applies.
EEA = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split()
)


def region(country: str) -> Region | None:
    """The legal region of a two-letter country code, or None (no country given, or one outside
    the regions advice knows)."""
    if country in EEA:
        return "eu"
    return _COUNTRIES.get(country)


def _not_true_or_false(value: Any) -> Any:
    # pydantic reads true as 1 for a whole number; in a file it is a slip, never a count
    if isinstance(value, bool):
        raise ValueError(f"must be a whole number, not {str(value).lower()}")
    return value


class Goal(Strict):
    """A business goal: its weight (how much it matters, 0-10) and an optional numeric target."""

    weight: Annotated[float, Field(strict=True, ge=0.0, le=10.0)] = 1.0
    target: str = ""
    metric: str = ""
    value: Annotated[float, Field(strict=True)] | None = None
    by: dt.date | None = None
    #: what fully meeting the goal is worth a year, in the profile's currency, at weight 5
    #: (the weight scales it); without it, a share of the yearly revenue (see docs/value.md)
    worth: Annotated[StrictFloat | StrictInt, Field(ge=0.0)] | None = Field(default=None, exclude_if=lambda v: v is None)


class Process(Strict):
    """A core process of the business and what goes wrong in it: each pain point is an id from
    the pain catalogue (`lost-orders`) or the owner's own words."""

    name: Annotated[str, Field(min_length=1)]
    pain_points: list[str] = []
    #: what the pains of this process cost, when the owner knows: staff hours a week, or money
    #: a month; without them, the pain catalogue's typical figure
    hours_per_week: Annotated[StrictFloat | StrictInt, Field(ge=0.0, le=10_000)] | None = Field(
        default=None, exclude_if=lambda v: v is None)
    money_per_month: Annotated[StrictFloat | StrictInt, Field(ge=0.0)] | None = Field(
        default=None, exclude_if=lambda v: v is None)


class OutsideHelp(Strict):
    """Paid help for change work: an IT provider or a freelancer, paid from the budget."""

    #: whether the business will pay for outside help at all
    allowed: StrictBool = True
    #: the hourly rate, in the profile's currency; without it, the typical rate for the country
    rate: Annotated[StrictFloat | StrictInt, Field(gt=0.0)] | None = None
    #: the most the business will spend on outside help in a year; without it, any of the budget
    max_per_year: Annotated[StrictFloat | StrictInt, Field(ge=0.0)] | None = None


class BaselineTarget(Strict):
    """A recognised baseline the business means to reach by a date (`maturity coverage` lists
    them): the roadmap completes what it needs by then, or says what stands in the way."""

    #: the baseline's id (`cyber-essentials`), or id@version for one version
    id: Annotated[str, Field(min_length=1, max_length=60)]
    #: the date by which every item it needs should be met
    by: dt.date
    #: what reaching it is worth a year, in the profile's currency (a tender it opens, an
    #: insurance discount); without it, the plan reaches it because it was asked to
    worth: Annotated[StrictFloat | StrictInt, Field(ge=0.0, le=MAX_AMOUNT)] | None = Field(default=None, exclude_if=lambda v: v is None)


class Profile(Strict):
    """Who the business is and what it wants: the start of every assessment."""

    name: str = ""
    industry: str = ""
    industry_id: str = ""
    size: Annotated[int, Field(ge=1, le=10_000_000), BeforeValidator(_not_true_or_false)] | None = None
    budget: Annotated[float, Field(strict=True, ge=0.0, le=MAX_AMOUNT)] | None = None
    currency: str = "USD"
    #: where the business is, as an ISO 3166 two-letter code ("GB", "DE", "US"): the laws and
    #: frameworks advice names follow it; without it the wording stays neutral
    country: str = Field(default="", exclude_if=lambda v: not v)
    goals: dict[str, Goal] = {}
    processes: list[Process] = []
    training_hours: Annotated[float, Field(strict=True, ge=0.0, le=MAX_HOURS)] | None = None
    # Fields added after the first release are left out of dumps while unset, so a profile
    # stored before they existed dumps (and hashes) exactly as it was sealed.
    project_hours: Annotated[float, Field(strict=True, ge=0.0, le=MAX_HOURS)] | None = Field(default=None, exclude_if=lambda v: v is None)
    #: the most changes (steps) the business can take on and complete in a quarter; without it,
    #: a few, growing with the number of people (`changes_per_quarter_value`)
    changes_per_quarter: Annotated[int, Field(strict=True, ge=1, le=100)] | None = Field(default=None, exclude_if=lambda v: v is None)
    sales_channels: list[str] = []
    regulated_data: list[str] = []
    facts: list[str] = []
    #: sector questionnaires (by id) to answer although the industry and facts do not call for them
    include: list[str] = Field(default_factory=list, exclude_if=lambda v: not v)
    funded: list[str] = []
    #: domain id -> the stage the business aims at, overriding the target rules
    targets: dict[str, StageName] = Field(default_factory=dict, exclude_if=lambda v: not v)
    #: yearly revenue, in the profile's currency; without it, estimated from size and industry
    revenue: Annotated[StrictFloat | StrictInt, Field(ge=0.0)] | None = Field(default=None, exclude_if=lambda v: v is None)
    #: what an hour of staff time costs the business (wage and employer costs); without it, the
    #: typical figure for the country
    staff_cost: Annotated[StrictFloat | StrictInt, Field(gt=0.0)] | None = Field(default=None, exclude_if=lambda v: v is None)
    #: whether and how much the business pays for outside help with change work
    outside_help: OutsideHelp | None = Field(default=None, exclude_if=lambda v: v is None)
    #: a recognised baseline to reach by a date, and what reaching it is worth a year
    baseline: BaselineTarget | None = Field(default=None, exclude_if=lambda v: v is None)

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

    def changes_per_quarter_value(self) -> tuple[int, bool]:
        """The most steps a quarter completes (quick protections, must-haves and steps with a
        date aside), and whether that is the default: a few people take changes on a few at a
        time."""
        if self.changes_per_quarter is not None:
            return self.changes_per_quarter, False
        return min(PACE_MOST, PACE_BASE + math.ceil(self.people() / PACE_PEOPLE)), True

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
        region of the country (`region:uk`, `region:eu`, `region:us`, `region:nz`, `region:au`,
        `region:ca`), and free facts."""
        facts = {f"channel:{c}" for c in self.sales_channels}
        facts |= {f"data:{d}" for d in self.regulated_data}
        where = region(self.country)
        if where is not None:
            facts.add(f"region:{where}")
        facts |= set(self.facts)
        return facts


