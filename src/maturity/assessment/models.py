"""The answer file's models: answers, the respondents who gave them, and the file as a whole.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, Field, field_validator, model_validator

from ..contract.baseline import Baseline
from ..contract.profile import Profile
from ..contract.questionnaire import Capability, Confidence, Option, Question, Questionnaire, Strict, VERSION
from ..contract.result import Result
from ..contract.value import ValueFile
from ..contract.peers import PeerFile
from .peers import AssessOutput


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
    #: their answer is the assessment's answer wherever they gave one (see maturity.assessment.respondents)
    deciding: bool = False
    #: their answers, by question id (in a file: may also be given in [answers] with ``by``)
    answers: dict[str, Answer] = {}


class AnswerFile(Strict):
    """An answer file: the business profile, the questionnaire versions answered, the answers.

    With respondents, ``answers`` are the assessment's answers merged from theirs by the rule
    of `maturity.assessment.respondents`; each merged answer's ``by`` names whose answer was kept."""

    profile: Profile = Profile()
    questionnaires: dict[str, Annotated[str, Field(pattern=VERSION)]] = {}
    respondents: Annotated[list[Respondent], Field(exclude_if=_empty)] = []
    answers: dict[str, Answer] = {}


# --------------------------------------------------------------------------------------------
# results
# --------------------------------------------------------------------------------------------


SCHEMAS: dict[str, type[BaseModel]] = {
    "questionnaire": Questionnaire,
    "baseline": Baseline,
    "capability": Capability,
    "question": Question,
    "option": Option,
    "profile": Profile,
    "answers": AnswerFile,
    "result": AssessOutput,
    "value": ValueFile,
    "peers": PeerFile,
}


#: pydantic leaves a bound on a union of number types (`StrictFloat | StrictInt`) as its own
#: keyword beside `anyOf`; JSON Schema names it on each branch
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}


def file_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of the file kind `name` (a key of SCHEMAS), as editors read it."""

    def fix(node: Any) -> Any:
        if isinstance(node, dict):
            bounds = {_BOUNDS[k]: node.pop(k) for k in list(node) if k in _BOUNDS and "anyOf" in node}
            for branch in node.get("anyOf", []) if bounds else []:
                if branch.get("type") in ("number", "integer"):
                    branch.update(bounds)
            for value in node.values():
                fix(value)
        elif isinstance(node, list):
            for value in node:
                fix(value)
        return node

    data = fix(SCHEMAS[name].model_json_schema())
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return data
