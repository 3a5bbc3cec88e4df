"""The documents the commands print with ``--json``, as models: one JSON Schema each.

Every document carries ``schema_version`` (1 today); a change that could break a script reading
it raises the version. ``maturity schema --list`` lists the documents and ``maturity schema
NAME`` prints one's JSON Schema. The models here describe the output; the commands build it
from the core services (history, store, catalog) and print it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..coverage.models import Coverage
from ..history import AssessmentDiff, History, InvestmentReport
from ..contract.result import Result
from ..planning.models import Recommendations, Roadmap
from ..assessment.peers import AssessOutput
from ..assessment.respondents import DisagreementReport
from ..store.models import OrgSummary

SCHEMA_VERSION = 1

#: cost kinds in JSON as `maturity invest cost --kind` takes them
COST_KIND_WORDS = {"one_off": "one-off", "yearly": "yearly", "internal_hours": "hours"}


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = SCHEMA_VERSION


class WithdrawnAssessment(BaseModel):
    id: int
    date: dt.datetime
    withdrawn: dt.datetime | None
    reason: str


class HistoryOutput(_Out, History):
    """`maturity history --json`"""

    withdrawn: list[WithdrawnAssessment] = []


class DiffOutput(_Out, AssessmentDiff):
    """`maturity diff --json`"""


class OrgsOutput(_Out):
    """`maturity orgs --json`"""

    organisations: list[OrgSummary]


class DbServer(BaseModel):
    host: str
    port: int | None
    database: str
    user: str
    version: str


class DbFile(BaseModel):
    path: str | None
    bytes: int


class DbStatusOutput(_Out):
    """`maturity db status --json`"""

    backend: Literal["sqlite", "postgresql"]
    location: str
    database_schema: int
    latest_database_schema: int
    organisations: int
    assessments: int
    withdrawn: int
    drafts: int
    answers: int
    investments: int
    server: DbServer | None = None
    file: DbFile | None = None


class InvestShowOutput(_Out, InvestmentReport):
    """`maturity invest show --json`"""


class InvestListOutput(_Out):
    """`maturity invest list --json`"""

    investments: list[InvestmentReport]


class PluginOut(BaseModel):
    name: str
    module: str
    version: str
    source: str
    hooks: list[str]
    broken: str | None = None  # why the plugin was left out, or null when it is sound


class PluginsOutput(_Out):
    """`maturity plugins --json`"""

    contract: str
    plugins: list[PluginOut]


class QuestionnaireOut(BaseModel):
    id: str
    name: str
    version: str
    plugin: str
    source: str
    scoring: str
    capabilities: int
    capabilities_per_stage: dict[str, int]
    questions: int


class QuestionnairesOutput(_Out):
    """`maturity questionnaires --json`"""

    questionnaires: list[QuestionnaireOut]


class GraphNode(BaseModel):
    id: str
    name: str
    domain: str
    stage: str
    requires: list[str]
    enhances: list[str] = Field([], description="soft links: what the capability makes more useful, never blocking")
    state: str | None = Field(None, description="with --answers: achieved, next, blocked or not applicable")


class GraphEdge(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: str = Field(alias="from")
    to: str


class GraphOutput(_Out):
    """`maturity graph --format json`"""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    soft_edges: list[GraphEdge] = Field([], description="(capability, what it enhances) pairs")


class DisagreementsOutput(_Out, DisagreementReport):
    """`maturity disagreements --json`"""


class ProblemOut(BaseModel):
    path: str
    line: int | None
    message: str


class ValidateOutput(_Out):
    """`maturity validate --json`"""

    ok: bool = Field(description="true when no problem was found (exit status 0)")
    checked: list[str]
    problems: list[ProblemOut]
    warnings: list[ProblemOut]


class BaselineRow(BaseModel):
    id: str
    version: str
    key: str = Field(description="id@version, as --baseline takes it")
    name: str
    date: dt.date
    items: int
    default: bool = Field(description="the newest version of its baseline, counted when no --baseline is given")
    plugin: str
    source: str


class BaselinesOutput(_Out):
    """`maturity coverage --list --json`"""

    baselines: list[BaselineRow]


#: the --json documents, by the name `maturity schema NAME` takes
OUTPUTS: dict[str, tuple[type[BaseModel], str]] = {
    "result": (AssessOutput, "maturity assess --json"),
    "history": (HistoryOutput, "maturity history --json"),
    "diff": (DiffOutput, "maturity diff --json"),
    "orgs": (OrgsOutput, "maturity orgs --json"),
    "db-status": (DbStatusOutput, "maturity db status --json"),
    "invest-list": (InvestListOutput, "maturity invest list --json"),
    "invest-show": (InvestShowOutput, "maturity invest show --json"),
    "graph": (GraphOutput, "maturity graph --format json"),
    "plugins": (PluginsOutput, "maturity plugins --json"),
    "questionnaires": (QuestionnairesOutput, "maturity questionnaires --json"),
    "validate": (ValidateOutput, "maturity validate --json"),
    "recommendations": (Recommendations, "maturity recommend --json"),
    "roadmap": (Roadmap, "maturity roadmap --json"),
    "disagreements": (DisagreementsOutput, "maturity disagreements --json"),
    "coverage": (Coverage, "maturity coverage --json"),
    "baselines": (BaselinesOutput, "maturity coverage --list --json"),
}


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of an output model, in the words the JSON uses."""
    data = model.model_json_schema(by_alias=True)
    cost = data.get("$defs", {}).get("CostEntry", {}).get("properties", {}).get("kind")
    if cost is not None:
        cost.pop("enum", None)
        cost.pop("const", None)
        cost["enum"] = list(COST_KIND_WORDS.values())
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return data


def cli_words(data: Any) -> Any:
    """A JSON document in the words of the command line: cost kinds as `--kind` takes them."""
    if isinstance(data, dict):
        out = {k: cli_words(v) for k, v in data.items()}
        if {"kind", "amount", "on"} <= set(out) and out["kind"] in COST_KIND_WORDS:
            out["kind"] = COST_KIND_WORDS[out["kind"]]
        return out
    if isinstance(data, list):
        return [cli_words(v) for v in data]
    return data


__all__ = ["OUTPUTS", "SCHEMA_VERSION", "cli_words", "json_schema"]
