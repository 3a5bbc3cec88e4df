"""How each domain of a result is shown, worked out once for every surface: the command line's
`assess`, the app's results, and every report format render these facts and compute none of
them again.

A domain with no answer is "Not assessed": it has no stage, index or share done to show (a
surface prints a dash and a chart leaves it out), and no distance to its target.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..contract.result import DomainResult, Result
from .scoring import standing

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog

NOT_ASSESSED = "Not assessed"


@dataclass(frozen=True)
class DomainFacts:
    domain: str
    name: str
    assessed: bool
    #: the stage in words with the progress inside it ("Building Fundamentals", "Largely
    #: Intermediate", "Not assessed"): what `assess` prints in its stage column
    label: str
    #: the stage reached, by name ("Not started" below the first); "Not assessed" without answers
    stage_name: str
    #: the target stage's name, "" when there is none
    target: str
    #: how far the target is, in words ("1 stage to go", "reached"); "" when not assessed
    to_go: str
    #: index and share done; None when not assessed
    index: float | None
    percent: float | None


def domain_facts(result: Result, catalog: Catalog | None = None) -> list[DomainFacts]:
    """The facts every surface shows of each domain, in the result's order."""
    return [facts_of(result, d, catalog) for d in result.domains]


def facts_of(result: Result, d: DomainResult, catalog: Catalog | None = None) -> DomainFacts:
    label, _ = standing(result, d.domain, catalog)
    assessed = d.is_assessed
    target = d.target.stage_name if d.target is not None else ""
    return DomainFacts(
        domain=d.domain, name=d.name, assessed=assessed,
        label=label if assessed else NOT_ASSESSED,
        stage_name=d.stage_name if assessed else NOT_ASSESSED,
        target=target, to_go=to_go(d) if assessed else "",
        index=d.index if assessed else None, percent=d.percent if assessed else None,
    )


def to_go(d: DomainResult) -> str:
    """How far a domain is from its target: "reached", "1 stage to go", "" when unknown."""
    if d.target is None or d.target.below is None:
        return ""
    if d.target.below == 0:
        return "reached"
    return f"{d.target.below} {'stage' if d.target.below == 1 else 'stages'} to go"
