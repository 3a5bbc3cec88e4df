"""The data models: questionnaires, capabilities, questions, profiles, answers and results.

Every file maturity reads is validated through these models (pydantic v2, unknown keys
forbidden), and `maturity schema NAME` prints their JSON Schemas for editors.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, field_validator, model_serializer, model_validator

from .catalogues import match_pains

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
#: The fewest people a capability's training is given to (all of them in a smaller business).
TRAINED_MIN = 3
#: Training hours each person can absorb a quarter when the profile gives no `training_hours`.
TRAINING_HOURS_PER_PERSON = 2.0
#: Credit at or above which a capability counts as achieved ("largely" on the N/P/L/F scale).
ACHIEVED = 0.67

ID_PART = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
CAPABILITY_ID = rf"^{ID_PART}(?:\.{ID_PART})+$"
DOMAIN_ID = rf"^{ID_PART}$"
OPTION_ID = rf"^{ID_PART}$"
VERSION = r"^\d+\.\d+\.\d+$"

#: What each pattern above asks for, in words, for messages about values that do not fit.
PATTERN_WORDS: dict[str, str] = {
    VERSION: 'a version written MAJOR.MINOR.PATCH, such as "1.2.0"',
    CAPABILITY_ID: 'an id of lower-case words joined by dots, such as "cyber.mfa-admins"',
    DOMAIN_ID: 'an id of lower-case letters, digits and hyphens that starts with a letter, such as "cloud"',
}

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
    credit: Annotated[float, Field(ge=0.0, le=1.0)]
    help: str = ""


class Threshold(Strict):
    """For number questions: the credit earned by answers at or above `at_least`."""

    at_least: float
    credit: Annotated[float, Field(ge=0.0, le=1.0)]


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
    weight: Annotated[float, Field(ge=0.0)] = 1.0

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
        return self

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


class Costs(Strict):
    """What a capability costs in money: a one-off part and a yearly (running) part, each of
    which may grow with the number of people (licences, per-person training or devices)."""

    one_off: Annotated[float, Field(ge=0.0)] = 0.0
    one_off_per_person: Annotated[float, Field(ge=0.0)] = 0.0
    yearly: Annotated[float, Field(ge=0.0)] = 0.0
    yearly_per_person: Annotated[float, Field(ge=0.0)] = 0.0

    def one_off_for(self, people: int) -> float:
        return self.one_off + self.one_off_per_person * people

    def yearly_for(self, people: int) -> float:
        return self.yearly + self.yearly_per_person * people


class Capability(Strict):
    """A node of the capability graph."""

    id: Annotated[str, Field(pattern=CAPABILITY_ID, max_length=60)]
    name: Annotated[str, Field(min_length=1, max_length=80)]
    stage: StageName
    description: str = ""
    requires: list[str] = []
    enhances: list[str] = []
    goals: dict[str, Annotated[float, Field(ge=0.0, le=1.0)]] = {}
    cost: CostBand = "$"
    cost_estimate: Annotated[float, Field(ge=0.0)] | None = None
    costs: Costs | None = None
    effort: Effort = "S"
    effort_hours: Annotated[float, Field(ge=0.0)] | None = None
    effort_hours_per_person: Annotated[float, Field(ge=0.0)] = 0.0
    training_hours: Annotated[float, Field(ge=0.0)] = 0.0
    #: the share of the staff who need the training: the users of a tool that only some use
    #: (the office staff of a CRM); at least TRAINED_MIN people (or all, when fewer)
    training_share: Annotated[float, Field(gt=0.0, le=1.0)] = 1.0
    addresses: list[str] = []
    kpis: list[str] = []
    references: list[str] = []
    advice: str = ""
    weight: Annotated[float, Field(gt=0.0)] = 1.0
    applies_if: list[str] = []
    fit: dict[str, Annotated[float, Field(ge=0.0)]] = {}
    mandatory: bool = False
    #: why the capability is a must-have, and who says so (a regulation, a code, an insurer)
    mandatory_reason: str = ""
    mandatory_source: str = ""
    questions: list[Question] = []

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


class QuestionnaireInfo(Strict):
    """The `[questionnaire]` table: what the file is and how it is scored."""

    id: Annotated[str, Field(pattern=DOMAIN_ID, max_length=40)]
    name: Annotated[str, Field(min_length=1, max_length=60)]
    version: Annotated[str, Field(pattern=VERSION)]
    prefix: Annotated[str, Field(pattern=DOMAIN_ID, max_length=20)]
    description: str = ""
    scoring: str = "gated"
    stage_names: list[str] = []
    authors: list[str] = []
    license: str = ""
    references: list[str] = []

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
    funded: list[str] = []
    #: domain id -> the stage the business aims at, overriding the target rules
    targets: dict[str, StageName] = Field(default_factory=dict, exclude_if=lambda v: not v)

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
        from .catalogues import INDUSTRIES

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

    def fact_set(self) -> set[str]:
        """The facts capabilities can depend on: `channel:online`, `data:health`, the legal
        region of the country (`region:uk`, `region:eu`, `region:us`), and free facts."""
        from .jurisdiction import region

        facts = {f"channel:{c}" for c in self.sales_channels}
        facts |= {f"data:{d}" for d in self.regulated_data}
        where = region(self)
        if where is not None:
            facts.add(f"region:{where}")
        facts |= set(self.facts)
        return facts


def _absent(value: object) -> bool:
    return value is None


def _empty(value: object) -> bool:
    return not value


class Answer(Strict):
    """One answer. Exactly one of `answer`, `dont_know` or `not_applicable` is given."""

    answer: Union[bool, float, str, list[str], None] = None
    dont_know: bool = False
    not_applicable: str | None = None
    note: str = ""
    evidence: list[str] = []
    confidence: Confidence | None = None
    #: the respondent who gave it (a name listed under [[respondents]]); None: the file's one
    by: Annotated[str | None, Field(max_length=100, exclude_if=_absent)] = None
    #: when it was given
    at: Annotated[dt.datetime | None, Field(exclude_if=_absent)] = None

    @field_validator("answer", mode="before")
    @classmethod
    def _finite(cls, value: Any) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"must be a finite number, not {value}")
        return value

    @field_validator("evidence", mode="before")
    @classmethod
    def _one_evidence(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _exactly_one(self) -> Answer:
        given = [self.answer is not None, self.dont_know, self.not_applicable is not None]
        if sum(given) != 1:
            raise ValueError("give exactly one of answer, dont_know = true or not_applicable = \"reason\"")
        if self.not_applicable is not None and not self.not_applicable.strip():
            raise ValueError("not_applicable needs a reason")
        return self

    @property
    def state(self) -> Literal["answered", "dont_know", "not_applicable"]:
        if self.dont_know:
            return "dont_know"
        if self.not_applicable is not None:
            return "not_applicable"
        return "answered"


class Respondent(Strict):
    """Someone who answered: a name, optionally a role, and whether their answer decides."""

    name: Annotated[str, Field(min_length=1, max_length=100)]
    role: Annotated[str, Field(max_length=100)] = ""
    #: their answer is the assessment's answer wherever they gave one (see maturity.respondents)
    deciding: bool = False
    #: their answers, by question id (in a file: may also be given in [answers] with ``by``)
    answers: dict[str, Answer] = {}


class AnswerFile(Strict):
    """An answer file: the business profile, the questionnaire versions answered, the answers.

    With respondents, ``answers`` are the assessment's answers merged from theirs by the rule
    of `maturity.respondents`; each merged answer's ``by`` names whose answer was kept."""

    profile: Profile = Profile()
    questionnaires: dict[str, Annotated[str, Field(pattern=VERSION)]] = {}
    respondents: Annotated[list[Respondent], Field(exclude_if=_empty)] = []
    answers: dict[str, Answer] = {}


# --------------------------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------------------------

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


SCHEMAS: dict[str, type[BaseModel]] = {
    "questionnaire": Questionnaire,
    "capability": Capability,
    "question": Question,
    "option": Option,
    "profile": Profile,
    "answers": AnswerFile,
    "result": Result,
}


def slug_ok(value: str) -> bool:
    return re.fullmatch(CAPABILITY_ID, value) is not None


# --------------------------------------------------------------------------------------------
# the plugin contract's models (plugins import them from maturity.contract)
# --------------------------------------------------------------------------------------------


class GoalContribution(BaseModel):
    """How much one of the business's goals counts towards a recommendation."""

    model_config = ConfigDict(extra="forbid")
    goal: str
    name: str
    weight: float
    relevance: float
    strength: str = ""  # "strongly" or "partly": how much the capability serves the goal
    target: str = ""  # the goal's numeric target, as the profile states it


class Recommendation(BaseModel):
    """One next investment and why (the ``candidates`` of `adjust_recommendations`)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    domain: str
    stage: str
    value: float  # the benefit the plan weighs (see docs/planning.md), plugin factors included
    credit: float
    gap: float
    alignment: float
    unlock: float
    feasibility: float
    floor: bool
    mandatory: bool
    cost: float  # first-year money: one-off plus one year of running cost
    one_off: float = 0.0
    yearly: float = 0.0
    cost_band: str
    effort: str
    hours: float  # staff hours of change work, for this business's size
    training_hours: float  # training per person
    training_total: float = 0.0  # training for everyone together
    goals: list[GoalContribution]
    builds_on: list[str]
    unlocks: list[str]
    kpi: str
    advice: str
    adjustments: list[str] = []
    addresses: list[str] = []  # the stated pain points (catalogue ids) it addresses
    pains: list[str] = []  # those pain points in the business's own words
    reasons: list[str] = []
    fits_budget: bool = True
    starts: int | None = None  # the period the plan starts it in, if it does
    finishes: int | None = None  # the period it is complete in, if within the plan
    why_not_now: str = ""  # for what is next in line: what stands in the way this period


class CapabilityOverride(BaseModel):
    """A change to a capability of any plugin, applied by id (`register_capability_overrides`).

    ``priority`` scales the capability's goal relevance when recommending (2.0 doubles it);
    ``mandatory`` puts it first whatever the goals (a sector's regulatory must-have, with the
    ``reason`` and the ``source`` that says so); ``ignore`` takes it out of every target, as if
    answered not applicable; ``add_requires`` adds hard prerequisites, ``add_enhances`` soft
    links, ``add_goals`` goal relevances (``{"animal-welfare": 0.8}``, the plugin's own goals
    included); ``advice`` replaces the advice text.

    An override applies to every business unless it names ``when_industry`` (profile
    industries, any of them) or ``when_facts`` (profile facts, all of them). A conditional
    override may change ``priority``, ``mandatory``, ``ignore`` and ``advice`` only: what it
    changes depends on the business, the graph does not.
    """

    model_config = ConfigDict(extra="forbid")

    id: str
    add_requires: list[str] = []
    add_enhances: list[str] = []
    add_goals: dict[str, float] = {}
    priority: float = Field(default=1.0, ge=0.0, allow_inf_nan=False)
    mandatory: bool | None = None
    ignore: bool = False
    advice: str | None = None
    reason: str = ""
    source: str = ""
    when_industry: list[str] = []
    when_facts: list[str] = []

    @model_validator(mode="after")
    def _check(self) -> CapabilityOverride:
        if self.conditional and (self.add_requires or self.add_enhances or self.add_goals):
            raise ValueError(
                "a conditional override (when_industry, when_facts) cannot change add_requires, "
                "add_enhances or add_goals: the capability graph is the same for every business"
            )
        for goal, relevance in self.add_goals.items():
            if not 0.0 <= relevance <= 1.0:
                raise ValueError(f"add_goals: relevance of {goal!r} must be between 0 and 1, not {relevance}")
        return self

    @property
    def conditional(self) -> bool:
        return bool(self.when_industry or self.when_facts)

    def applies_to(self, profile: Profile | None) -> bool:
        """Whether this override holds for a business (unconditional ones hold for all; a
        conditional one holds for no business when there is no profile)."""
        if not self.conditional:
            return True
        if profile is None:
            return False
        if self.when_industry and profile.industry.strip().lower() not in {i.lower() for i in self.when_industry}:
            return False
        return set(self.when_facts) <= profile.fact_set()
