"""Coverage of recognised baselines: the one service the command line, the assessment summary,
the report, the app and history call, so that every surface shows the same figures."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..catalog.baselines import LoadedBaseline, baselines_of, latest
from ..common.errors import UsageError
from .evaluate import Facts, certificate_held, closer, item_status
from .models import BaselineCoverage, Counts, Coverage, ItemCoverage, ThemeCoverage

if TYPE_CHECKING:  # pragma: no cover
    from ..assessment.models import AnswerFile
    from ..catalog import Catalog
    from ..contract.result import Result


def select_baselines(catalog: Catalog, wanted: list[str] | tuple[str, ...] = (), facts: set[str] | None = None) -> list[LoadedBaseline]:
    """The baselines to count: those named (``id`` for its newest version, or ``id@version``),
    or the newest version of every baseline that applies to a business with these profile
    `facts` (all, when None). An unknown name is a UsageError listing the known."""
    found = baselines_of(catalog)
    newest = latest(found)
    if not wanted:
        return [b for b in newest.values() if facts is None or set(b.model.baseline.applies_if) <= facts]
    chosen: list[LoadedBaseline] = []
    for name in wanted:
        one = found.get(name) or newest.get(name)
        if one is None:
            known = ", ".join(list(newest) + [k for k in found if found[k] not in newest.values()])
            raise UsageError(f"unknown baseline {name!r}; choose from: {known}")
        if one not in chosen:
            chosen.append(one)
    return chosen


def baseline_coverage(loaded: LoadedBaseline, facts: Facts) -> BaselineCoverage:
    model = loaded.model
    held = certificate_held(model.certificate, facts)
    items: list[ItemCoverage] = []
    for item in model.items:
        status, reason, outcomes = item_status(item, facts, held)
        items.append(ItemCoverage(
            id=item.id, label=item.label, theme=item.theme, level=item.level, status=status, reason=reason,
            automatic_fail=item.automatic_fail,
            closed_by=closer(outcomes, facts) if status in ("partly", "not_met", "unknown") else None,
        ))
    counts = Counts.of([i.status for i in items])
    per_theme = {t.id: Counts.of([i.status for i in items if i.theme == t.id]) for t in model.themes}
    themes = [
        ThemeCoverage(
            id=t.id, name=t.name, counts=per_theme[t.id],
            reached=(per_theme[t.id].applicable > 0 and per_theme[t.id].met == per_theme[t.id].applicable)
            if model.baseline.theme_needs_all and per_theme[t.id].applicable else None,
        )
        for t in model.themes
    ]
    info = model.baseline
    return BaselineCoverage(
        id=info.id, version=info.version, key=model.key, name=info.name, short_name=info.short_name, date=info.date,
        source=info.source, licence=info.licence, counts=counts, themes=themes, items=items, certificate=held,
        automatic_fails=[i.id for i in items if i.automatic_fail and i.status == "not_met"],
    )


def coverage(
    catalog: Catalog,
    answer_file: AnswerFile,
    result: Result | None = None,
    baselines: list[str] | tuple[str, ...] = (),
) -> Coverage:
    """How far an assessment meets each baseline (the newest version of each, or those named).

    :param result: the scored result of `answer_file` (scored here when not given).
    :param baselines: ``id`` or ``id@version`` of the baselines to count; when empty, the
        newest version of every baseline that applies to the business (`applies_if`).
    """
    if result is None or set(result.capabilities) != set(catalog.capabilities):
        # a result scored against other questionnaires (an older saved one) is scored again
        from ..assessment.scoring import score

        result = score(catalog, answer_file)
    profile = answer_file.profile
    facts = Facts(catalog=catalog, answers=answer_file.answers, result=result, people=profile.size, currency=profile.currency)
    chosen = select_baselines(catalog, baselines, profile.fact_set())
    return Coverage(
        profile_name=profile.name, currency=profile.currency,
        baselines=[baseline_coverage(one, facts) for one in chosen],
    )


__all__ = ["baseline_coverage", "coverage", "select_baselines"]
