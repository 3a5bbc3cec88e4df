"""The value content's models: what incidents cost and how likely they are, what capabilities
reduce, what staff time and outside help cost, what pains cost and what goals are worth.

Every figure carries its range, its source, the year of its data and its basis: P (read in the
publisher's own text), S (a third party's summary), D (derived by arithmetic, said how in the
note) or J (a judgement: no source gives the number). The built-in figures live in
``questionnaires/value/*.toml``; a plugin adds files of the same format through
``register_value_content`` (its own incident kinds, factors for its sector, what its
capabilities reduce). `maturity schema value` prints the JSON Schema; `validate --strict` checks
every file.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StrictBool, StrictFloat, StrictInt, model_validator

from ..common.ids import ID_PART
from .questionnaire import Strict

Basis = Literal["P", "S", "D", "J"]
#: what a factor acts on: the chance of the incident a year, or its cost when it happens
Acts = Literal["likelihood", "cost"]
Number = StrictFloat | StrictInt
SizeBand = Literal["micro", "small", "medium"]
#: The size bands of the figures: micro 1–9 people, small 10–49, medium 50 and more.
SIZE_BAND_LIMITS: dict[str, int] = {"micro": 9, "small": 49, "medium": 10**9}
BASIS_WORDS = {"P": "published figure", "S": "published figure, as summarised by others",
               "D": "derived from published figures", "J": "a judgement: no source gives this figure"}


def size_band(people: int) -> str:
    return next(band for band, top in SIZE_BAND_LIMITS.items() if people <= top)


class Sourced(Strict):
    source: Annotated[str, Field(min_length=3)]
    year: Annotated[StrictInt, Field(ge=1990, le=2100)]
    basis: Basis
    note: str = ""


class Figure(Sourced):
    """A number with its range and where it comes from."""

    central: Annotated[Number, Field(ge=0)]
    low: Annotated[Number, Field(ge=0)]
    high: Annotated[Number, Field(ge=0)]

    @model_validator(mode="after")
    def _ordered(self) -> Figure:
        if not self.low <= self.central <= self.high:
            raise ValueError(f"low ≤ central ≤ high must hold, not {self.low}, {self.central}, {self.high}")
        return self


class Money(Figure):
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class Scale(Sourced):
    """A profile fact that changes an incident's chance or cost (`data:health`, `channel:online`)."""

    fact: Annotated[str, Field(min_length=1)]
    on: Acts
    factor: Annotated[Number, Field(gt=0, le=100)]


class SectorScale(Scale):
    """A scale a plugin gives for an incident kind defined elsewhere."""

    incident: Annotated[str, Field(pattern=ID_PART)]


class Incident(Strict):
    id: Annotated[str, Field(pattern=ID_PART, max_length=60)]
    name: Annotated[str, Field(min_length=1, max_length=80)]
    description: str = ""
    #: the likelihood is an expected count per person a year (lost devices), not a chance
    per_person: StrictBool = False
    likelihood: dict[SizeBand, Figure]
    #: by two-letter country code, "EU" (the EEA without a row of its own) and "default"
    cost: dict[str, Money]
    #: what the cost rows are multiplied by for a business of a size band: the rows describe the
    #: firms their source measured, and a loss grows with the business (a missing band: 1)
    cost_by_size: dict[SizeBand, Figure] = {}
    scale: list[Scale] = []

    @model_validator(mode="after")
    def _complete(self) -> Incident:
        missing = [b for b in SIZE_BAND_LIMITS if b not in self.likelihood]
        if missing:
            raise ValueError(f"likelihood needs every size band: {', '.join(missing)} missing")
        if "default" not in self.cost:
            raise ValueError("cost needs a \"default\" row for countries without their own")
        if not self.per_person and any(f.high > 1 for f in self.likelihood.values()):
            raise ValueError("a likelihood is a chance a year, at most 1 (per_person = true for a count per person)")
        return self


class Reduction(Sourced):
    """What one capability, fully in place, removes of one incident kind's chance or cost."""

    capability: Annotated[str, Field(min_length=3)]
    incident: Annotated[str, Field(pattern=ID_PART)]
    on: Acts
    central: Annotated[Number, Field(ge=0, le=1)]
    low: Annotated[Number, Field(ge=0, le=1)]
    high: Annotated[Number, Field(ge=0, le=1)]

    @model_validator(mode="after")
    def _ordered(self) -> Reduction:
        if not self.low <= self.central <= self.high:
            raise ValueError(f"low ≤ central ≤ high must hold, not {self.low}, {self.central}, {self.high}")
        return self


class LargeLoss(Strict):
    """The rule for losses large against the business: a loss of cost c weighs
    (exp(c/T) − 1) / (c/T) times its expected value, at most `weight`, where the risk tolerance
    T is `share_of_revenue` of the yearly revenue (a cash buffer: what the business can draw on
    at once). This is what an owner would pay to be rid of the loss, under constant absolute risk
    aversion with that tolerance; a loss far below it weighs about its expected value."""

    share_of_revenue: Annotated[Number, Field(gt=0, le=1)]
    weight: Annotated[Number, Field(ge=1, le=100)]
    source: str = ""
    year: StrictInt | None = None
    basis: Basis = "J"
    note: str = ""


class PainCost(Strict):
    hours_per_week: Figure
    #: the figure is for 10 people and grows with the number of staff
    per_person: StrictBool = False
    #: incident kinds the pain is a sign of, or a known opening for (a login everyone shares): a
    #: business that names the pain is one the incident happens to, or is exposed to, so its
    #: likelihood is taken at the high end of the published range
    incidents: list[Annotated[str, Field(pattern=ID_PART)]] = []
    #: the pain's words tell of something that happened (a fake invoice, a fake email): an
    #: answer's note that names it counts as the business naming the pain
    in_notes: StrictBool = False


class Saving(Sourced):
    """The share of a pain's cost one capability removes."""

    capability: Annotated[str, Field(min_length=3)]
    pain: Annotated[str, Field(min_length=1)]
    central: Annotated[Number, Field(ge=0, le=1)]
    low: Annotated[Number, Field(ge=0, le=1)]
    high: Annotated[Number, Field(ge=0, le=1)]


class GoalValue(Strict):
    #: the yearly value of fully meeting the goal, as a share of yearly revenue, at weight 5
    revenue_share: Figure


class ValueFile(Strict):
    """One value content file: any of the sections, each optional."""

    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")] = "1.0.0"
    changelog: str = ""
    incident: list[Incident] = []
    scale: list[SectorScale] = []
    reduction: list[Reduction] = []
    staff_cost: dict[str, Money] = {}
    outside_help: dict[str, Money] = {}
    fx: dict[str, Number | str] = {}
    revenue_per_person: dict[str, Money] = {}
    large_loss: LargeLoss | None = None
    pain: dict[str, PainCost] = {}
    saving: list[Saving] = []
    goal: dict[str, GoalValue] = {}

    @model_validator(mode="after")
    def _fx_numbers(self) -> ValueFile:
        for key, rate in self.fx.items():
            if key in ("source", "year", "basis", "note"):
                continue
            if isinstance(rate, str) or not rate > 0:
                raise ValueError(f"fx.{key} must be a positive number of {key} per US dollar")
        return self
