"""The content files' models: questionnaires, their capabilities and questions, and the scales
they are measured on (stages, cost and effort bands).

Every questionnaire maturity reads is validated through these models (pydantic v2, unknown keys
forbidden), and `maturity schema NAME` prints their JSON Schemas for editors.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..common.formatting import MAX_AMOUNT, MAX_HOURS
from ..common.ids import CAPABILITY_ID, DOMAIN_ID, ID_PART, OPTION_ID, PATTERN_WORDS, VERSION  # noqa: F401  (re-exported)

#: The default stage scale, lowest first. "Not started" (stage 0) sits below it.
STAGES: tuple[str, ...] = ("fundamentals", "intermediate", "advanced")
STAGE_LABELS: tuple[str, ...] = ("Not started", "Fundamentals", "Intermediate", "Advanced")

#: Cost bands: first-year cash for a business of 10-100 people, in the profile's currency.
COST_BANDS: dict[str, float] = {"$": 500.0, "$$": 5_000.0, "$$$": 25_000.0, "$$$$": 75_000.0}
#: Effort bands in internal person-hours, used when a capability gives no `effort_hours`.
EFFORT_HOURS: dict[str, float] = {"S": 16.0, "M": 60.0, "L": 160.0}
#: The size assumed for per-person costs and hours when the profile gives none.
DEFAULT_SIZE = 10
#: Staff hours a business can give to change work each quarter, per person, when the profile
#: gives no `project_hours`; the result is kept between the two bounds below.
PROJECT_HOURS_PER_PERSON = 4.0
PROJECT_HOURS_MIN = 12.0
PROJECT_HOURS_MAX = 240.0
#: The pace of change when the profile gives no `changes_per_quarter`: a quarter completes at
#: most PACE_BASE steps, one more for every PACE_PEOPLE people, and never more than PACE_MOST (a
#: judgement; docs/planning.md "The pace of change").
PACE_BASE = 3
PACE_PEOPLE = 4
PACE_MOST = 8
#: The fewest people a capability's training is given to (all of them in a smaller business).
TRAINED_MIN = 3
#: Training hours each person can absorb a quarter when the profile gives no `training_hours`.
TRAINING_HOURS_PER_PERSON = 2.0
#: The longest domain name shown whole where room is short; a longer one is shortened.
SHORT_NAME = 14
#: Credit at or above which a capability counts as achieved ("largely" on the N/P/L/F scale).
ACHIEVED = 0.67

StageName = Literal["fundamentals", "intermediate", "advanced"]
CostBand = Literal["$", "$$", "$$$", "$$$$"]
Effort = Literal["S", "M", "L"]
Confidence = Literal["high", "medium", "low"]
AnswerType = Literal["single", "multi", "yes_no", "number", "text"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True, allow_inf_nan=False)


# --------------------------------------------------------------------------------------------
# questionnaires
# --------------------------------------------------------------------------------------------


class Option(Strict):
    """One answer choice of a question and the credit (0..1) it earns its capability."""

    id: Annotated[str, Field(pattern=OPTION_ID, max_length=40)]
    label: Annotated[str, Field(min_length=1, max_length=160)]
    credit: Annotated[float, Field(strict=True, ge=0.0, le=1.0)]
    help: str = ""


class Threshold(Strict):
    """For number questions: the credit earned by answers at or above `at_least`."""

    at_least: Annotated[float, Field(strict=True)]
    credit: Annotated[float, Field(strict=True, ge=0.0, le=1.0)]


class When(Strict):
    """When a question is asked: only while an earlier question of the same questionnaire has
    (`in`) or has not (`not_in`) one of these options for an answer. A follow-up that an earlier
    answer makes moot ("what happened to the findings of the last test?" after "never tested")
    is not asked, and is scored as not applicable."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    question: Annotated[str, Field(pattern=CAPABILITY_ID, max_length=80)]
    in_: Annotated[list[str], Field(alias="in")] = []
    not_in: list[str] = []

    @model_validator(mode="after")
    def _one_list(self) -> When:
        if bool(self.in_) == bool(self.not_in):
            raise ValueError("give exactly one of `in` and `not_in`, each a list of option ids")
        return self

    def moot(self, chosen: set[str] | None) -> bool:
        """Whether the earlier question's answer (`chosen`: its option ids; None when it has
        no answer, don't know or not applicable) makes the question moot. Without a definite
        answer the question is asked."""
        if chosen is None:
            return False
        if self.in_:
            return not chosen & set(self.in_)
        return chosen <= set(self.not_in)


class Question(Strict):
    """A question about one capability. Every question also accepts "don't know" and
    "not applicable" (with a reason); an answer may carry a note, evidence and a confidence."""

    id: Annotated[str, Field(pattern=CAPABILITY_ID, max_length=80)]
    text: Annotated[str, Field(min_length=1, max_length=300)]
    help: str = ""
    type: AnswerType = "single"
    options: list[Option] = []
    thresholds: list[Threshold] = []
    unit: str = ""
    weight: Annotated[float, Field(strict=True, ge=0.0)] = 1.0
    #: asked only when an earlier answer does not make it moot
    when: When | None = None
    #: the option that is enough for a small business, where the top one asks for a tool or an
    #: IT provider a small team does without: a plan's "to finish" aims at it there
    enough: str | None = None

    @model_validator(mode="after")
    def _check_shape(self) -> Question:
        if self.type == "yes_no" and not self.options:
            self.options = [
                Option(id="yes", label="Yes", credit=1.0),
                Option(id="no", label="No", credit=0.0),
            ]
        if self.type in ("single", "multi", "yes_no") and len(self.options) < 2:
            raise ValueError(f"a {self.type} question needs at least two options")
        if self.type in ("number", "text") and self.options:
            raise ValueError(f"a {self.type} question takes no options")
        if self.type == "number" and not self.thresholds:
            raise ValueError("a number question needs thresholds")
        if self.type != "number" and self.thresholds:
            raise ValueError("only number questions take thresholds")
        seen: set[str] = set()
        for option in self.options:
            if option.id in seen:
                raise ValueError(f"duplicate option id {option.id!r}")
            seen.add(option.id)
        if self.type == "text":
            self.weight = 0.0
        if self.enough is not None:
            chosen = self.option(self.enough)
            if chosen is None:
                raise ValueError(f"enough names no option of this question: {self.enough!r}")
            if chosen.credit < ACHIEVED - 1e-9 or chosen.credit >= max(o.credit for o in self.options):
                raise ValueError(f"enough must name an option that counts as in place (credit {ACHIEVED} or more) "
                                 f"below the top one, not {self.enough!r}")
        return self

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class Costs(Strict):
    """What a capability costs in money: a one-off part and a yearly (running) part, each of
    which may grow with the number of people (licences, per-person training or devices)."""

    one_off: Annotated[float, Field(strict=True, ge=0.0, le=MAX_AMOUNT)] = 0.0
    one_off_per_person: Annotated[float, Field(strict=True, ge=0.0, le=MAX_AMOUNT)] = 0.0
    yearly: Annotated[float, Field(strict=True, ge=0.0, le=MAX_AMOUNT)] = 0.0
    yearly_per_person: Annotated[float, Field(strict=True, ge=0.0, le=MAX_AMOUNT)] = 0.0

    def one_off_for(self, people: int) -> float:
        return self.one_off + self.one_off_per_person * people

    def yearly_for(self, people: int) -> float:
        return self.yearly + self.yearly_per_person * people


class ToolInPlace(Strict):
    """The answer that shows the business already has the tool a capability's money pays for
    (a practice or booking system that keeps the customer record): from that answer's credit
    on, only the staff time to use it fully is left to do."""

    #: one of the capability's own questions
    question: Annotated[str, Field(min_length=1)]
    #: the credit from which the tool counts as in place
    credit: Annotated[float, Field(strict=True, gt=0.0, le=1.0)] = 0.67


class Capability(Strict):
    """A node of the capability graph."""

    id: Annotated[str, Field(pattern=CAPABILITY_ID, max_length=60)]
    name: Annotated[str, Field(min_length=1, max_length=80)]
    stage: StageName
    description: str = ""
    requires: list[str] = []
    enhances: list[str] = []
    goals: dict[str, Annotated[float, Field(strict=True, ge=0.0, le=1.0)]] = {}
    cost: CostBand = "$"
    cost_estimate: Annotated[float, Field(strict=True, ge=0.0, le=MAX_AMOUNT)] | None = None
    costs: Costs | None = None
    effort: Effort = "S"
    effort_hours: Annotated[float, Field(strict=True, ge=0.0, le=MAX_HOURS)] | None = None
    effort_hours_per_person: Annotated[float, Field(strict=True, ge=0.0, le=MAX_HOURS)] = 0.0
    training_hours: Annotated[float, Field(strict=True, ge=0.0, le=MAX_HOURS)] = 0.0
    #: the share of the staff who need the training: the users of a tool that only some use
    #: (the office staff of a CRM); at least TRAINED_MIN people (or all, when fewer)
    training_share: Annotated[float, Field(strict=True, gt=0.0, le=1.0)] = 1.0
    addresses: list[str] = []
    kpis: list[str] = []
    references: list[str] = []
    advice: str = ""
    weight: Annotated[float, Field(strict=True, gt=0.0)] = 1.0
    applies_if: list[str] = []
    fit: dict[str, Annotated[float, Field(strict=True, ge=0.0)]] = {}
    mandatory: bool = False
    #: why the capability is a must-have, and who says so (a regulation, a code, an insurer)
    mandatory_reason: str = ""
    mandatory_source: str = ""
    questions: list[Question] = []
    tool: ToolInPlace | None = None

    @model_validator(mode="after")
    def _tool_is_asked_here(self) -> Capability:
        if self.tool is not None and self.tool.question not in {q.id for q in self.questions}:
            raise ValueError(f"`tool` names question {self.tool.question!r}, which is not one of this "
                             "capability's questions")
        return self

    @property
    def stage_number(self) -> int:
        return STAGES.index(self.stage) + 1

    @property
    def cost_value(self) -> float:
        """First-year money for a business of the default size (one-off plus one year)."""
        return self.one_off_cost(DEFAULT_SIZE) + self.yearly_cost(DEFAULT_SIZE)

    @property
    def hours_value(self) -> float:
        return self.effort_hours if self.effort_hours is not None else EFFORT_HOURS[self.effort]

    def one_off_cost(self, people: int | None) -> float:
        """One-off money for a business of `people` (the band or estimate when no `costs`)."""
        if self.costs is None:
            return self.cost_estimate if self.cost_estimate is not None else COST_BANDS[self.cost]
        return self.costs.one_off_for(people or DEFAULT_SIZE)

    def yearly_cost(self, people: int | None) -> float:
        """Yearly running money for a business of `people` (none without `costs`)."""
        return 0.0 if self.costs is None else self.costs.yearly_for(people or DEFAULT_SIZE)

    def project_hours(self, people: int | None) -> float:
        """Staff hours of change work: the effort plus any hours per person (enrolling each
        user, moving each laptop), not counting training."""
        return self.hours_value + self.effort_hours_per_person * (people or DEFAULT_SIZE)

    def trained(self, people: int | None) -> int:
        """How many people need the training: the `training_share` of the staff, at least
        TRAINED_MIN of them (all of them when fewer)."""
        staff = people or DEFAULT_SIZE
        return min(staff, max(TRAINED_MIN, math.ceil(self.training_share * staff - 1e-9)))

    def training_total(self, people: int | None) -> float:
        """Training hours for everyone who needs it, together."""
        return self.training_hours * self.trained(people)


class ChangelogEntry(Strict):
    version: str
    date: dt.date | None = None
    changes: list[str] = []


class AppliesTo(Strict):
    """Whom a sector's questionnaire is for: businesses of these industries (`industry_id`, or
    `industry` in the same words) or with any of these facts. Empty: every business. A profile
    answers it anyway by naming the questionnaire in its `include` list."""

    industries: list[str] = []
    facts: list[str] = []

    @property
    def everyone(self) -> bool:
        return not (self.industries or self.facts)


class QuestionnaireInfo(Strict):
    """The `[questionnaire]` table: what the file is and how it is scored."""

    id: Annotated[str, Field(pattern=DOMAIN_ID, max_length=40)]
    name: Annotated[str, Field(min_length=1, max_length=60)]
    #: the name where room is short (tabs); derived from `name` when not given
    short_name: Annotated[str, Field(min_length=1, max_length=16)] | None = None
    version: Annotated[str, Field(pattern=VERSION)]
    prefix: Annotated[str, Field(pattern=DOMAIN_ID, max_length=20)]
    description: str = ""
    scoring: str = "gated"
    stage_names: list[str] = []
    authors: list[str] = []
    license: str = ""
    references: list[str] = []
    #: whom the questionnaire is for (a sector's); by default every business
    applies_to: AppliesTo = Field(default_factory=AppliesTo)

    @property
    def short(self) -> str:
        """The name where room is short: `short_name`, else the name when it has at most
        SHORT_NAME characters, else its first word ("Talent" for "Talent and skills")."""
        if self.short_name:
            return self.short_name
        if len(self.name) <= SHORT_NAME:
            return self.name
        return self.name.split()[0][:SHORT_NAME]

    @field_validator("stage_names")
    @classmethod
    def _three_names(cls, value: list[str]) -> list[str]:
        if value and len(value) != len(STAGES):
            raise ValueError(f"give exactly {len(STAGES)} stage names, lowest first")
        return value


class Questionnaire(Strict):
    """One domain's questionnaire file."""

    questionnaire: QuestionnaireInfo
    capabilities: list[Capability] = []
    changelog: list[ChangelogEntry] = []

    @property
    def id(self) -> str:
        return self.questionnaire.id

    @property
    def version(self) -> str:
        return self.questionnaire.version

    def stage_label(self, stage: int) -> str:
        names = self.questionnaire.stage_names
        if stage == 0 or not names:
            return STAGE_LABELS[stage]
        return names[stage - 1]

    def questions(self) -> list[Question]:
        return [q for c in self.capabilities for q in c.questions]


# --------------------------------------------------------------------------------------------
# the business profile and the answer file
# --------------------------------------------------------------------------------------------


