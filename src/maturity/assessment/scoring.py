"""Scoring: from answers to a credit per capability, then a stage and index per domain.

Capability credit is the weighted mean credit of its questions; "don't know" and unanswered
questions count as 0 and are reported; "not applicable" takes a question (and a capability whose
questions are all not applicable) out of the target; so does a follow-up an earlier answer
makes moot (`maturity.assessment.followups`). A domain's stage comes from a strategy:
``gated`` (the default, C2M2-style staged: a stage is reached only when every applicable
capability at or below it is achieved) or ``additive`` (OWASP SAMM-style sum of stage coverage).
Plugins can add or replace strategies.

Beside the stage, each domain gets the progress inside the stage it is building (how many of
its capabilities are in place, which are missing), a label that never says "Not started" where
most of a stage is in place, and a target stage from :mod:`maturity.assessment.targets`. A domain with no
answer at all is "not assessed" and is left out of the weakest link, which is the domain
furthest below its target. docs/stages-and-targets.md gives the rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ..contract.questionnaire import ACHIEVED, STAGE_LABELS, STAGES, Capability, Question
from .followups import has_answer, with_moot
from .models import Answer, AnswerFile
from ..contract.result import CapabilityResult, DomainResult, DomainTarget, Result, StageProgress, WeakestLink

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog


def question_credit(question: Question, answer: Answer) -> float:
    """The credit (0..1) an answered question earns."""
    value = answer.answer
    if question.type in ("single", "yes_no"):
        if isinstance(value, bool):
            value = "yes" if value else "no"
        option = question.option(str(value))
        return option.credit if option else 0.0
    if question.type == "multi":
        chosen = [value] if isinstance(value, str) else list(value or [])
        return min(1.0, sum(o.credit for o in question.options if o.id in chosen))
    if question.type == "number":
        credit = 0.0
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return 0.0  # answer files are checked before scoring; a library caller may not be
        number = float(value)
        for threshold in sorted(question.thresholds, key=lambda t: t.at_least):
            if number >= threshold.at_least:
                credit = threshold.credit
        return credit
    return 0.0


def is_unanswered(answer: Answer | None) -> bool:
    return not has_answer(answer)


def score_capability(
    cap: Capability,
    domain: str,
    answers: dict[str, Answer],
    not_applicable_reason: str = "",
) -> CapabilityResult:
    total_weight = 0.0
    earned = 0.0
    answered = dont_know = unanswered = 0
    na_reasons: list[str] = []
    scorable = 0
    for question in cap.questions:
        answer = answers.get(question.id)
        if is_unanswered(answer):
            unanswered += 1
            if question.weight > 0:
                total_weight += question.weight
                scorable += 1
            continue
        assert answer is not None
        if answer.state == "not_applicable":
            na_reasons.append(answer.not_applicable or "")
            continue
        if answer.state == "dont_know":
            dont_know += 1
        else:
            answered += 1
        if question.weight > 0:
            scorable += 1
            total_weight += question.weight
            if answer.state == "answered":
                earned += question.weight * question_credit(question, answer)
    if not not_applicable_reason and cap.questions and scorable == 0 and na_reasons:
        not_applicable_reason = "; ".join(r for r in na_reasons if r) or "answered not applicable"
    if not_applicable_reason:
        return CapabilityResult(
            id=cap.id, domain=domain, stage=cap.stage_number, credit=0.0, status="not_applicable",
            questions=len(cap.questions), answered=answered, dont_know=dont_know, unanswered=unanswered,
            not_applicable_reason=not_applicable_reason,
        )
    credit = round(earned / total_weight, 4) if total_weight else 0.0
    status = "achieved" if credit >= ACHIEVED else "partial" if credit > 0 else "not_started"
    return CapabilityResult(
        id=cap.id, domain=domain, stage=cap.stage_number, credit=credit, status=status,
        questions=len(cap.questions), answered=answered, dont_know=dont_know, unanswered=unanswered,
    )


def stage_progress(capabilities: list[CapabilityResult], stage: int, name: Callable[[int], str]) -> StageProgress | None:
    """Progress inside the stage above `stage`: its applicable capabilities, how many are in
    place (achieved), which are not, and whether it is largely in place (more than half of
    them, the ISO/IEC 33020 and C2M2 "largely"). None at the top stage, or when the next
    stage has nothing that applies."""
    building = stage + 1
    if building > len(STAGES):
        return None
    at_stage = [r for r in capabilities if r.stage == building and r.status != "not_applicable"]
    if not at_stage:
        return None
    in_place = sum(1 for r in at_stage if r.status == "achieved")
    return StageProgress(
        stage=building,
        stage_name=name(building),
        in_place=in_place,
        applicable=len(at_stage),
        largely=2 * in_place > len(at_stage),
        missing=[r.id for r in at_stage if r.status != "achieved"],
    )


def stage_label(stage_name: str, stage: int, progress: StageProgress | None, *, assessed: bool, applies: bool) -> str:
    """The words for where a domain stands: "Not assessed", "Nothing applies", "Largely
    Fundamentals" when more than half of the stage being built is in place, "Building
    Fundamentals" when some of the first stage is in place, otherwise the stage reached."""
    if not assessed:
        return "Not assessed"
    if not applies:
        return "Nothing applies"
    if progress is not None and progress.largely:
        return f"Largely {progress.stage_name}"
    if progress is not None and stage == 0 and progress.in_place:
        return f"Building {progress.stage_name}"
    return stage_name


def standing(result: Result, domain: str, catalog: Catalog | None = None) -> tuple[str, StageProgress | None]:
    """A domain's label and its progress inside the stage it is building. A result stored
    before these were part of it gets them from its capability results, by the same rules
    (with the questionnaire's stage names when `catalog` has it)."""
    d = result.domain(domain)
    if d.label is not None:
        return d.label, d.building
    if catalog is not None and domain in catalog.questionnaires:
        name = catalog.questionnaire(domain).stage_label
    else:
        def name(stage: int) -> str:
            return STAGE_LABELS[stage]
    caps = [c for c in result.capabilities.values() if c.domain == domain]
    progress = stage_progress(caps, d.stage, name) if d.is_assessed and d.applies else None
    return stage_label(d.stage_name, d.stage, progress, assessed=d.is_assessed, applies=d.applies), progress


def weakest_link(domains: list[DomainResult]) -> WeakestLink | None:
    """The domains furthest below their target, and among those the ones at the lowest stage.
    Only assessed domains where something applies count; without targets (a plugin's own
    scoring may give none) the lowest stage decides."""
    ranked = [d for d in domains if d.is_assessed and d.applies]
    if not ranked:
        return None

    def below(d: DomainResult) -> int:
        return d.target.below or 0 if d.target is not None else 0

    furthest = max(below(d) for d in ranked)
    far = [d for d in ranked if below(d) == furthest]
    low_stage = min(d.stage for d in far)
    lowest = [d for d in far if d.stage == low_stage]
    return WeakestLink(
        stage=low_stage, stage_name=lowest[0].stage_name, domains=[d.domain for d in lowest],
        below_target=furthest if any(d.target is not None for d in ranked) else None,
    )


def applicability(catalog: Catalog, answer_file: AnswerFile) -> dict[str, str]:
    """Capabilities that do not fit this business, with the reason shown to the user.

    A capability does not fit when a plugin ignores it for the sector, when its ``applies_if``
    facts are all missing from the profile, or when it builds on one that does not fit (an
    online shop's analytics do not fit a business with no online shop)."""
    facts = answer_file.profile.fact_set()
    catalog = catalog.for_profile(answer_file.profile)  # conditional overrides for this business
    out: dict[str, str] = {}
    graph = catalog.graph
    for cid in graph.topological_order():
        cap = catalog.capabilities[cid]
        plugin = catalog.ignored_by(cid)
        if plugin:
            out[cid] = f"ignored for this sector by plugin {plugin}"
        elif cap.applies_if and not facts.intersection(cap.applies_if):
            needs = " or ".join(catalog.facts.get(fact, fact) for fact in cap.applies_if)
            out[cid] = f"does not fit this business: only where {needs}"
        else:
            missing = next((r for r in graph.requires(cid) if r in out), None)
            if missing:
                out[cid] = f"does not fit this business: builds on {catalog.capabilities[missing].name}, which does not fit"
    return out


def score(catalog: Catalog, answer_file: AnswerFile) -> Result:
    """Score an answer file against the catalog: the per-domain vector and the weakest link."""
    answers = answer_file.answers
    from .targets import derive_targets

    catalog = catalog.for_profile(answer_file.profile)  # a sector's questionnaire only for its sector

    skip = applicability(catalog, answer_file)
    targets = derive_targets(
        answer_file.profile, catalog.questionnaires, lambda domain, stage: catalog.questionnaire(domain).stage_label(stage)
    )
    cap_results: dict[str, CapabilityResult] = {}
    domains: list[DomainResult] = []
    warnings: list[str] = []
    not_assessed: list[str] = []
    # a follow-up an earlier answer makes moot counts as not applicable, not as unanswered
    answers = with_moot((question for question, _ in catalog.questions.values()), answers)
    for domain, loaded in catalog.questionnaires.items():
        q = loaded.model
        items = []
        for cap in q.capabilities:
            result = score_capability(cap, domain, answers, skip.get(cap.id, ""))
            cap_results[cap.id] = result
            items.append((cap, result))
        strategy = catalog.strategies[q.questionnaire.scoring]
        ds = strategy.score_domain(q, items)
        questions = [qu for c in q.capabilities for qu in c.questions]
        low = [qu.id for qu in questions if (a := answers.get(qu.id)) is not None and a.confidence == "low"]
        applicable = [r for _, r in items if r.status != "not_applicable"]
        unanswered = sum(r.unanswered for _, r in items)
        assessed = unanswered < len(questions)
        if not assessed:
            not_assessed.append(q.questionnaire.name)
        elif not applicable:
            warnings.append(f"{q.questionnaire.name}: no capability applies, so it has no stage")
        stage = ds.stage if applicable else 0
        progress = stage_progress([r for _, r in items], stage, q.stage_label) if assessed and applicable else None
        target = targets[domain]
        domains.append(
            DomainResult(
                domain=domain,
                name=q.questionnaire.name,
                version=q.version,
                strategy=strategy.name,
                stage=stage,
                stage_name=q.stage_label(stage),
                index=ds.index if applicable else 0.0,
                percent=ds.percent,
                capabilities=len(q.capabilities),
                achieved=sum(1 for _, r in items if r.status == "achieved"),
                not_applicable=len(items) - len(applicable),
                questions=len(questions),
                answered=sum(r.answered for _, r in items),
                unanswered=unanswered,
                dont_know=sum(r.dont_know for _, r in items),
                low_confidence=low,
                assessed=assessed,
                label=stage_label(q.stage_label(stage), stage, progress, assessed=assessed, applies=bool(applicable)),
                building=progress,
                target=DomainTarget(
                    stage=target.stage, stage_name=q.stage_label(target.stage), set_by=target.set_by,
                    reason=target.reason, below=max(0, target.stage - stage) if assessed and applicable else None,
                ),
            )
        )
    if not_assessed:
        warnings.append(
            f"Not assessed (no question answered): {', '.join(not_assessed)}; "
            f"{'it is' if len(not_assessed) == 1 else 'they are'} left out of the weakest link and of the recommendations"
        )
    return Result(
        profile_name=answer_file.profile.name,
        domains=domains,
        weakest_link=weakest_link(domains),
        capabilities=cap_results,
        warnings=warnings,
    )

