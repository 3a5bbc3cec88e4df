"""The first page of every report, in words: where the business stands against its targets,
the three biggest risks, the next steps with who, by when and at what cost, the year's expected
return and the recognised baselines. Every format renders these same lines; none words them
again. The figures come from the report (`data.py`), which takes them from the assessment's
presentation, the planning service and the coverage service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..common.formatting import hours, money, paid_hours
from ..planning.explain import year_words as plan_year_words

if TYPE_CHECKING:  # pragma: no cover
    from .model import Report

#: The colour rule of the charts and the table, stated in their legends.
AT_TARGET = "at target"
BELOW_TARGET = "below target"


@dataclass
class StandRow:
    name: str
    stage: str
    target: str
    progress: str  # "reached", "1 stage to go"
    at_target: bool


@dataclass
class StepRow:
    name: str
    who: str
    by: str
    cost: str


@dataclass
class FirstPage:
    stand: list[StandRow]
    not_assessed: str
    risks: list[str]
    steps: list[StepRow]
    steps_notes: list[str]
    year: list[str]
    baselines: list[str] = field(default_factory=list)


def date_words(day: object) -> str:
    return f"{day:%d %B %Y}".lstrip("0") if day is not None else ""


def not_assessed_words(report: Report) -> str:
    if not report.not_assessed:
        return ""
    names = ", ".join(report.not_assessed)
    one = len(report.not_assessed) == 1
    return (f"Not assessed: {names}. No question {'of this domain' if one else 'of these domains'} was answered, "
            f"so {'it is' if one else 'they are'} left out of the charts, tables and plan below.")


def step_cost(report: Report, step: object) -> str:
    cur = report.profile.currency
    parts = [money(step.money, cur)]  # type: ignore[attr-defined]
    if step.staff_hours:  # type: ignore[attr-defined]
        parts.append(f"{hours(step.staff_hours)} of staff time")  # type: ignore[attr-defined]
    if step.help_hours >= 0.5:  # type: ignore[attr-defined]
        parts.append(f"{paid_hours(step.help_hours)} of paid help ({money(step.help_cost, cur)}, in the money)")  # type: ignore[attr-defined]
    return ", ".join(parts)


def risk_words(report: Report) -> list[str]:
    cur = report.profile.currency
    out = []
    for r in report.risks:
        span = f" ({money(r.low, cur)} to {money(r.high, cur)})" if r.high > r.low * 1.2 else ""
        times = "times a year" if not r.chance.endswith("% a year") else "a year"
        chance = r.chance.replace(" a year", "") + " " + times if times == "times a year" else r.chance
        what = (f"{r.name}: about {money(r.expected, cur)} a year to expect{span}; a loss of about "
                f"{money(r.cost_when, cur)} when it happens, {chance}.")
        if r.first_step:
            what += f" First step against it: {r.first_step}, by {date_words(r.first_step_due)}."
        else:
            what += " No step of this year's plan lowers it."
        if r.sources:
            what += " Source: " + "; ".join(r.sources[:2]) + ("; and more" if len(r.sources) > 2 else "") + "."
        out.append(what)
    return out


def year_words(report: Report) -> list[str]:
    return plan_year_words(report.year, report.profile.currency)


def baseline_words(report: Report) -> list[str]:
    from ..coverage.text import title

    return [f"{title(b)}: {b.counts.met} of {b.counts.applicable} met" + (f", {b.counts.partly} partly" if b.counts.partly else "")
            for b in report.coverage]


def first_page(report: Report) -> FirstPage:
    stand = [StandRow(d.name, d.label or d.stage_name, d.target or "–", d.to_go or "–", d.to_go == "reached")
             for d in report.assessed]
    steps = [StepRow(s.name, s.owner[:1].upper() + s.owner[1:], date_words(s.due), step_cost(report, s)) for s in report.next_steps]
    return FirstPage(
        stand=stand, not_assessed=not_assessed_words(report), risks=risk_words(report), steps=steps,
        steps_notes=list(report.next_steps_notes), year=year_words(report), baselines=baseline_words(report),
    )
