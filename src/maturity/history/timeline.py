"""History over time: each completed assessment's stage and index per domain, and the trend."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pydantic import BaseModel

from ..contract.result import WeakestLink
from ..store.models import StoredAssessment

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog


class DomainPoint(BaseModel):
    stage: int
    stage_name: str
    index: float
    percent: float
    #: False for a domain with no answer: it has no stage or index to show or to draw
    assessed: bool = True


class BaselinePoint(BaseModel):
    """A baseline's coverage at one assessment (counted against today's version of it)."""

    met: int
    partly: int
    applicable: int
    percent_met: float
    fails: bool = False


class HistoryRow(BaseModel):
    id: int
    date: dt.datetime
    domains: dict[str, DomainPoint]
    weakest_link: WeakestLink | None = None
    versions: dict[str, str] = {}
    #: baseline key (id@version) -> its coverage; empty when the history was built without
    #: the answers or the catalog
    baselines: dict[str, BaselinePoint] = {}


class DomainTrend(BaseModel):
    domain: str
    name: str
    first: DomainPoint
    last: DomainPoint
    sentence: str


class History(BaseModel):
    org: str
    domains: dict[str, str]  # id -> name, in the order first seen
    rows: list[HistoryRow]
    trends: list[DomainTrend]
    #: baseline key (id@version) -> its short name and version, for the rows' `baselines`
    baselines: dict[str, str] = {}


def history(org: str, assessments: list[StoredAssessment], catalog: Catalog | None = None) -> History:
    """Per-domain stage and index of each completed assessment, oldest first, and the trend.

    With a catalog, and assessments read with their answers, each row also gives the coverage
    of every recognised baseline (its newest version, the same for every row)."""
    names: dict[str, str] = {}
    baselines: dict[str, str] = {}
    rows: list[HistoryRow] = []
    for a in sorted(assessments, key=lambda a: (a.when, a.id)):
        if a.result is None:
            continue
        points = {}
        for d in a.result.domains:
            names.setdefault(d.domain, d.name)
            points[d.domain] = DomainPoint(stage=d.stage, stage_name=d.stage_name, index=d.index, percent=d.percent,
                                           assessed=d.is_assessed)
        rows.append(HistoryRow(id=a.id, date=a.when, domains=points, weakest_link=a.result.weakest_link, versions=a.versions,
                               baselines=_coverage(catalog, a, baselines) if catalog is not None else {}))
    trends = []
    for domain, name in names.items():
        seen = [r for r in rows if domain in r.domains and r.domains[domain].assessed]
        if len(seen) < 2:
            continue
        first, last = seen[0].domains[domain], seen[-1].domains[domain]
        trends.append(
            DomainTrend(domain=domain, name=name, first=first, last=last, sentence=movement_sentence(name, first, last))
        )
    return History(org=org, domains=names, rows=rows, trends=trends, baselines=baselines)


def _coverage(catalog: Catalog, a: StoredAssessment, names: dict[str, str]) -> dict[str, BaselinePoint]:
    if not a.answer_file.answers:
        return {}  # read without its answers
    from ..coverage import coverage

    out = {}
    for b in coverage(catalog, a.answer_file, a.result).baselines:
        names.setdefault(b.key, f"{b.short_name} ({b.date:%b %Y})")  # the edition by its date, not its number
        c = b.counts
        out[b.key] = BaselinePoint(met=c.met, partly=c.partly, applicable=c.applicable, percent_met=c.percent_met, fails=b.fails)
    return out


def movement_sentence(name: str, first: DomainPoint, last: DomainPoint) -> str:
    """How a domain moved from ``first`` to ``last``, in one sentence."""
    span = f"({first.index:.2f} → {last.index:.2f})"
    if last.stage > first.stage:
        return f"{name} moved up from {first.stage_name} to {last.stage_name} {span}."
    if last.stage < first.stage:
        return f"{name} fell back from {first.stage_name} to {last.stage_name} {span}: something that was in place no longer is."
    if last.index > first.index + 0.005:
        return f"{name} stayed at {last.stage_name} but moved forward {span}."
    if last.index < first.index - 0.005:
        return f"{name} stayed at {last.stage_name} but slipped back {span}."
    return f"{name} did not change ({last.stage_name}, {last.index:.2f})."


__all__ = ["BaselinePoint", "DomainPoint", "DomainTrend", "History", "HistoryRow", "history", "movement_sentence"]
