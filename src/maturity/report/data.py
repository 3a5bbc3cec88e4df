"""Assembling a report: the figures of one result, the answers behind them, the next steps,
the history and the investments, gathered into a `Report` that every format renders.

`next_steps` is the one place a report gets its recommendations and roadmap from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

from ..contract.vocabulary import size_band
from ..common.errors import StoreError, UsageError
from ..common.formatting import money
from ..contract.questionnaire import STAGE_LABELS
from ..assessment.models import AnswerFile
from ..contract.result import Result
from .model import (
    AnswerLine,
    BenchmarkInfo,
    CapabilityLine,
    CapabilityMove,
    Comparison,
    DomainDetail,
    DomainLine,
    DomainMove,
    InvestmentLine,
    NextStep,
    ProfileInfo,
    Report,
    RoadmapInfo,
    RoadmapItem,
    RiskLine,
    RoadmapPeriod,
    Source,
    Trace,
    TrendPoint,
    WeakestLinkLine,
)

if TYPE_CHECKING:  # pragma: no cover
    from ..assessment.benchmarks import Benchmark
    from ..catalog import Catalog
    from ..planning import Recommendations, Roadmap
    from ..planning.board import Risk
    from ..store import Investment, Store, StoredAssessment
    from ..coverage.models import BaselineCoverage
    from ..assessment.peers import PeerFigures

#: How many next investments the summary names.
SUMMARY_STEPS = 3
#: Roadmap periods (quarters) a report plans.
PERIODS = 4
#: How the planner's note on domains not assessed begins (the report names them once itself, so
#: this note and the scoring's warning on them are left out).
NOT_PLANNED = "Not assessed, so not planned"
#: What stands in for text left out of a redacted report.
WITHHELD = "(withheld)"


@dataclass
class Steps:
    recommendations: Recommendations
    roadmap: Roadmap | None
    notes: list[str] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)


def next_steps(
    catalog: Catalog,
    source: AnswerFile | StoredAssessment,
    investments: Sequence[Investment] = (),
    *,
    today: dt.date | None = None,
) -> Steps:
    """The recommendations and roadmap of an answer file, or of a saved assessment with the
    organisation's investments taken into account: those of the planning service, as
    `maturity recommend` and `maturity roadmap` show them."""
    from ..planning.board import biggest_risks
    from ..planning.service import plan, plan_assessment

    if isinstance(source, AnswerFile):
        found = plan(catalog, source, periods=PERIODS, top=SUMMARY_STEPS, today=today)
    else:
        found = plan_assessment(catalog, source, list(investments), periods=PERIODS, top=SUMMARY_STEPS, today=today)
    return Steps(found.recommendations, found.roadmap, list(found.notes), biggest_risks(catalog, found))


# --------------------------------------------------------------------------------------------
# the services: a report of an answer file, or of a saved assessment
# --------------------------------------------------------------------------------------------


def report_of_answers(
    catalog: Catalog,
    answer_file: AnswerFile,
    *,
    path: str,
    benchmarks: Sequence[Benchmark] = (),
    plugin_versions: dict[str, str] | None = None,
    redact: bool = False,
    today: dt.date | None = None,
) -> tuple[Report, Result]:
    """The report of an answer file, scored with the questionnaires loaded now."""
    from ..assessment.scoring import score
    from ..store.models import content_hash

    result = score(catalog, answer_file)
    versions = catalog.versions()
    plugins = dict(plugin_versions or {})
    steps = next_steps(catalog, answer_file, today=today)
    report = _assemble(
        catalog, answer_file, result, steps=steps, source=Source(kind="answer_file", path=path),
        trace=Trace(questionnaires=versions, plugins=plugins, content_hash=content_hash(answer_file, result, versions, plugins)),
        benchmarks=benchmarks, redact=redact, today=today,
        changes=["This report is of an answer file: once assessments are saved, the report shows what changes from one to the next."],
    )
    return report, result


def report_of_assessment(
    catalog: Catalog,
    store: Store,
    org: str,
    *,
    number: int | None = None,
    compare: tuple[int, int] | None = None,
    benchmarks: Sequence[Benchmark] = (),
    redact: bool = False,
    today: dt.date | None = None,
) -> tuple[Report, Result]:
    """The report of a saved assessment of `org`: the latest, or assessment `number`; with
    `compare=(a, b)`, of assessment b with what moved since assessment a."""
    from ..history import diff, history, investment_report

    listed = store.assessments(org, with_answers=False)
    if not listed:
        raise StoreError(f"{org} has no completed assessment yet; save one first: maturity assess --answers FILE --save")
    ids = [a.id for a in listed]

    def one(wanted: int, what: str) -> StoredAssessment:
        if wanted not in ids:
            raise UsageError(f"{what} #{wanted} is not a completed assessment of {org}; its assessments are {_list_ids(ids)}")
        return store.get_assessment(wanted)

    if compare is not None:
        if number is not None:
            raise UsageError("give either an assessment number or --compare A B, not both")
        a_id, b_id = compare
        if a_id == b_id:
            raise UsageError(f"--compare needs two different assessments, not #{a_id} twice")
        before, chosen = one(a_id, "--compare"), one(b_id, "--compare")
    else:
        chosen = one(number if number is not None else ids[-1], "assessment")
        position = ids.index(chosen.id)
        before = store.get_assessment(ids[position - 1]) if position > 0 else None
    assert chosen.result is not None
    result = chosen.result
    investments = store.investments(org)
    steps = next_steps(catalog, chosen, investments, today=today)

    changes: list[str]
    comparison = None
    if before is not None:
        change = diff(before, chosen, catalog)
        changes = list(change.summary)
        if compare is not None:
            comparison = _comparison(catalog, before, chosen, change)
    else:
        changes = ["This is the first saved assessment: the next one will show what changed since."]

    done = [a for a in listed if a.when <= chosen.when]
    trend = [
        TrendPoint(assessment_id=row.id, date=row.date.date(), indices={d: p.index for d, p in row.domains.items() if p.assessed})
        for row in history(org, done).rows
    ]
    currency = chosen.answer_file.profile.currency
    lines = []
    for inv in investments:
        rep = investment_report(inv, done, as_of=today, catalog=catalog, currency=currency)
        lines.append(
            InvestmentLine(
                capability_id=inv.capability_id, capability=rep.capability, planned_cost=rep.planned_cost,
                cost_to_date=rep.cost_to_date, benefit_to_date=rep.benefit_to_date, roi=rep.roi, payback=rep.payback,
                payback_estimated=rep.payback_estimated, kpi=inv.kpi, kpi_progress=rep.kpi_progress,
                sentences=rep.sentences,
            )
        )
    report = _assemble(
        catalog, chosen.answer_file, result, steps=steps,
        source=Source(kind="assessment", assessment_id=chosen.id, date=chosen.when.date()),
        trace=Trace(questionnaires=chosen.versions, plugins=chosen.plugin_versions, content_hash=chosen.content_hash or ""),
        benchmarks=benchmarks, redact=redact, today=today, changes=changes, trend=trend, investments=lines,
        comparison=comparison, org=org,
    )
    return report, result


def _list_ids(ids: list[int]) -> str:
    shown = ", ".join(f"#{i}" for i in ids[-12:])
    return shown if len(ids) <= 12 else f"{len(ids)} in all, the latest {shown}"


# --------------------------------------------------------------------------------------------
# assembling
# --------------------------------------------------------------------------------------------


def _assemble(
    catalog: Catalog,
    answer_file: AnswerFile,
    result: Result,
    *,
    steps: Steps,
    source: Source,
    trace: Trace,
    benchmarks: Sequence[Benchmark],
    redact: bool,
    today: dt.date | None,
    changes: list[str],
    trend: list[TrendPoint] | None = None,
    investments: list[InvestmentLine] | None = None,
    comparison: Comparison | None = None,
    org: str | None = None,
) -> Report:
    from ..assessment.benchmarks import match_benchmark
    from ..assessment.overview import weakest_names
    from .plain import weakest_link_text

    profile = answer_file.profile
    currency = profile.currency
    match = match_benchmark(list(benchmarks), profile)
    bench = match.benchmark
    weakest = result.weakest_link
    domains = []
    from ..assessment.presentation import facts_of

    for d in result.domains:
        shown = facts_of(result, d, catalog)
        labels = catalog.questionnaire(d.domain) if d.domain in catalog.questionnaires else None
        next_stage = "" if d.stage >= 3 else (labels.stage_label(d.stage + 1) if labels else STAGE_LABELS[d.stage + 1])
        domains.append(
            DomainLine(
                domain=d.domain, name=d.name, version=d.version, stage=d.stage, stage_name=shown.stage_name,
                assessed=shown.assessed, label=shown.label, target=shown.target, to_go=shown.to_go,
                next_stage=next_stage, index=d.index, percent=d.percent, achieved=d.achieved,
                applicable=d.capabilities - d.not_applicable, unanswered=result.open_questions(d.domain),
                dont_know=d.dont_know, weakest=bool(weakest and d.domain in weakest.domains),
                peers=bench.indices.get(d.domain) if bench else None,
            )
        )
    from ..planning.board import period_end, step_owner

    generated = today or dt.date.today()
    recs = steps.recommendations
    step_lines = [
        NextStep(
            id=r.id, name=r.name, domain=_domain_name(catalog, r.domain), cost=r.cost,
            cost_text=money(r.cost, currency), why=list(r.reasons), owner=step_owner(r),
            due=period_end(generated, r.finishes or r.starts or 1), money=round(r.cost + r.help_cost, 2),
            staff_hours=round(max(0.0, r.hours - r.help_hours), 1), help_hours=r.help_hours, help_cost=r.help_cost,
        )
        for r in recs.items[:SUMMARY_STEPS]
    ]
    risks = [
        RiskLine(
            name=k.name, expected=k.expected, low=k.low, high=k.high, cost_when=k.cost_when, chance=k.chance,
            sources=k.sources, first_step=k.first_step,
            first_step_due=period_end(generated, k.first_step_period) if k.first_step_period else None,
        )
        for k in steps.risks
    ]
    not_assessed = [d.name for d in domains if not d.assessed]
    # the first page names the domains not assessed once; the notes do not repeat them
    step_notes = [n for n in list(recs.notes) + list(steps.notes) if not n.startswith(NOT_PLANNED)]
    if not step_lines and recs.cheapest is not None:
        step_notes.append(f"Nothing fits the budget; the cheapest next step is {recs.cheapest.name} ({money(recs.cheapest.cost, currency)}).")
    roadmap = None
    roadmap_notes: list[str] = []
    if steps.roadmap is not None:
        plan = steps.roadmap
        roadmap = RoadmapInfo(
            periods=[
                RoadmapPeriod(
                    number=p.number, cost=p.cost, hours=p.hours,
                    items=[RoadmapItem(id=i.id, name=i.name, cost=i.cost, hours=i.hours, start=i.starts or p.number, finishes=max(i.finishes, i.starts or p.number)) for i in p.items],
                    continuing=[_capability_name(catalog, c) for c in p.continuing],
                )
                for p in plan.periods
            ],
            budget_per_period=plan.budget_per_period, money_held=plan.money_held, total_cost=plan.total_cost,
            method_note=plan.method_note,
        )
        roadmap_notes = list(dict.fromkeys(list(plan.notes) + list(plan.assumptions)))
    else:
        roadmap_notes = list(steps.notes)
    roadmap_notes = [n for n in roadmap_notes if not n.startswith(NOT_PLANNED)]

    # investment lines are built from figures and the KPI's name, never from recorded notes,
    # so a redacted report keeps them whole
    investments = list(investments or [])
    name = profile.name or org or "your business"
    return Report(
        title=f"Technology maturity of {name}",
        generated=generated,
        source=source,
        profile=ProfileInfo(
            name=profile.name or org or "", industry=profile.industry, industry_id=profile.industry_id,
            size=profile.size, size_band=size_band(profile.size), currency=currency, budget=profile.budget,
        ),
        domains=domains,
        weakest_link=WeakestLinkLine(stage_name=weakest.stage_name, names=weakest_names(result), domains=list(weakest.domains),
                                     text=weakest_link_text(result)) if weakest else None,
        next_steps=step_lines,
        next_steps_notes=step_notes,
        changes=changes,
        details=_details(catalog, answer_file, result, redact),
        roadmap=roadmap,
        roadmap_notes=roadmap_notes,
        trend=trend or [],
        investments=investments,
        benchmark=BenchmarkInfo(plugin=bench.plugin, plugin_version=bench.plugin_version, industry_id=bench.industry_id, size_band=bench.size_band, indices=bench.indices) if bench else None,
        benchmark_note=match.note,
        comparison=comparison,
        coverage=_coverage(catalog, answer_file, result, redact),
        risks=risks,
        year=steps.roadmap.year if steps.roadmap is not None else None,
        not_assessed=not_assessed,
        peer_figures=_peer_figures(catalog, answer_file, result),
        trace=trace,
        redacted=redact,
        warnings=[w for w in result.warnings if not w.startswith("Not assessed (")],
    )


def _peer_figures(catalog: Catalog, answer_file: AnswerFile, result: Result) -> PeerFigures | None:
    from ..assessment.peers import peer_figures

    found = peer_figures(catalog, answer_file, result)
    return found if found.shown or found.left_out else None


def _coverage(catalog: Catalog, answer_file: AnswerFile, result: Result, redact: bool) -> list[BaselineCoverage]:
    """The coverage of the recognised baselines; redacted, without the respondents' own reasons."""
    from ..coverage import coverage
    from ..coverage.evaluate import ANSWERED_NOT_APPLICABLE

    found = coverage(catalog, answer_file, result).baselines
    if redact:
        for b in found:
            for item in b.items:
                if item.reason.startswith(ANSWERED_NOT_APPLICABLE):
                    item.reason = ANSWERED_NOT_APPLICABLE
    return found


def _domain_name(catalog: Catalog, domain: str) -> str:
    return catalog.questionnaire(domain).questionnaire.name if domain in catalog.questionnaires else domain


def _capability_name(catalog: Catalog, cid: str) -> str:
    cap = catalog.capabilities.get(cid)
    return cap.name if cap else cid


def _details(catalog: Catalog, answer_file: AnswerFile, result: Result, redact: bool) -> list[DomainDetail]:
    from ..assessment.followups import moot_questions
    from ..history import describe_answer

    # a follow-up an earlier answer makes moot was not asked: it does not apply, and says why
    moot = moot_questions((question for question, _ in catalog.questions.values()), answer_file.answers)
    out = []
    for d in result.domains:
        caps = [c for c in result.capabilities.values() if c.domain == d.domain]
        known = catalog.questionnaire(d.domain) if d.domain in catalog.questionnaires else None
        order = {cap.id: n for n, cap in enumerate(known.capabilities)} if known else {}
        caps.sort(key=lambda c: (order.get(c.id, len(order)), c.id))
        lines = []
        for c in caps:
            cap = catalog.capabilities.get(c.id)
            answers = []
            for q in cap.questions if cap else []:
                a = answer_file.answers.get(q.id)
                state = "unanswered" if a is None else a.state
                if q.id in moot:
                    state, shown = "not_applicable", f"does not apply ({moot[q.id]})"
                elif a is not None and state == "not_applicable" and redact:
                    shown = "not applicable"
                elif a is not None and q.type == "text" and state == "answered" and redact:
                    shown = WITHHELD
                else:
                    shown = describe_answer(a, q)
                answers.append(
                    AnswerLine(
                        question_id=q.id, question=q.text, state=state, answer=shown,
                        note="" if a is None or redact else a.note,
                        evidence=[] if a is None or redact else list(a.evidence),
                        confidence=(a.confidence or "") if a is not None else "",
                    )
                )
            lines.append(
                CapabilityLine(
                    id=c.id, name=cap.name if cap else c.id, domain=c.domain,
                    stage=known.stage_label(c.stage) if known else STAGE_LABELS[c.stage], status=c.status,
                    credit=c.credit, questions=c.questions, answered=c.answered, dont_know=c.dont_know,
                    unanswered=c.unanswered, not_applicable_reason="" if redact else c.not_applicable_reason, answers=answers,
                )
            )
        out.append(DomainDetail(domain=d.domain, name=d.name, capabilities=lines))
    return out


def _comparison(catalog: Catalog, before: StoredAssessment, after: StoredAssessment, change: object) -> Comparison:
    from ..history import AssessmentDiff

    assert isinstance(change, AssessmentDiff)
    assert before.result is not None and after.result is not None
    domains = [
        DomainMove(
            domain=c.domain, name=c.name, stage_before=c.before.stage_name, stage_after=c.after.stage_name,
            index_before=c.before.index, index_after=c.after.index, percent_before=c.before.percent,
            percent_after=c.after.percent, sentence=c.sentence,
        )
        for c in change.domains
    ]
    caps = []
    ca, cb = before.result.capabilities, after.result.capabilities
    for cid in sorted(set(ca) & set(cb)):
        x, y = ca[cid], cb[cid]
        if x.status == y.status and abs(x.credit - y.credit) < 1e-9:
            continue
        caps.append(
            CapabilityMove(
                id=cid, name=_capability_name(catalog, cid), domain=y.domain, status_before=x.status, status_after=y.status,
                credit_before=x.credit, credit_after=y.credit,
            )
        )
    return Comparison(
        a=before.id, a_date=before.when.date(), b=after.id, b_date=after.when.date(), summary=list(change.summary),
        domains=domains, capabilities=caps, not_compared=list(change.not_compared),
    )
