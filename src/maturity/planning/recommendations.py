"""The recommendations of a plan: the steps whose work starts in its first quarter, what is next
in line, the cheapest step when nothing fits, and (when asked) one deliberate bet.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from ..assessment.models import AnswerFile
from .budget import money_held
from .candidates import Candidates, prerequisites
from .explain import explain, names
from .left_out import cheapest_step, nothing_fits
from .models import Recommendation, Recommendations, Roadmap
from .problem import Limits, Schedule

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog


def build_recommendations(catalog: Catalog, answer_file: AnswerFile, cands: Candidates, schedule: Schedule,
                          limits: Limits, roadmap: Roadmap, top: int, explore: bool, year: float | None,
                          committed: float) -> Recommendations:
    """The recommendations of `schedule`: the `top` steps starting in its first quarter, and what is next."""
    profile = answer_file.profile
    cur = profile.currency
    recs = cands.recs
    position = {c: k for k, c in enumerate(cands.open_ids)}
    first = [c for c in cands.open_ids if c in schedule.done and schedule.start(c) == 1]
    # must-haves first, then the steps held to the first quarter (a quick protection, what the
    # owner named, a baseline's date), then by what each returns above its cost a year
    dated = {c for c in first if c in cands.items and cands.items[c].due}
    ranked = sorted(first, key=lambda c: (not recs[c].mandatory, c not in dated, -(recs[c].value - recs[c].cost_year),
                                          position[c]))
    # a prerequisite is listed before what needs it
    ordered: list[str] = []
    for c in ranked:
        for pre in [p for p in cands.open_ids if p in first and p not in ordered and p in prerequisites(cands, c)]:
            ordered.append(pre)
        if c not in ordered:
            ordered.append(c)
    period_budget = None if math.isinf(limits.money) else limits.money  # a quarter's share of the year's
    chosen: list[Recommendation] = []
    for c in ordered:
        rec = recs[c].model_copy(deep=True)
        rec.starts, rec.finishes = 1, schedule.done[c]
        chosen.append(rec)
    from .roadmap import help_split

    paid = help_split(cands.items, schedule, limits)
    for rec in chosen:
        rec.help_hours = round(sum(paid.get(rec.id, {}).values()), 1)
        rec.help_cost = round(rec.help_hours * limits.help_rate, 2)
    shown, more = chosen[:top], max(0, len(chosen) - top)
    waiting = []
    for item in roadmap.next_in_line[:top]:
        rec = recs[item.id].model_copy(deep=True)
        rec.fits_budget = False
        rec.why_not_now = item.why_not
        waiting.append(rec)
    for c in cands.frontier:  # the frontier items that start later in the plan come next
        if c in schedule.done and schedule.start(c) > 1 and len(waiting) < top:
            rec = recs[c].model_copy(deep=True)
            rec.starts, rec.finishes = schedule.start(c), schedule.done[c]
            rec.why_not_now = f"planned to start in quarter {rec.starts}"
            waiting.append(rec)
    notes: list[str] = []
    cheapest = None
    if not chosen and cands.open_ids:
        best = cheapest_step(cands)
        if best is not None:
            cheapest = best.model_copy(deep=True)
            notes.append(nothing_fits(cheapest, limits, cur))
    if not cands.open_ids:
        if cands.not_worth:
            n = len(cands.not_worth)
            notes.append(f"Nothing worth its cost is left to recommend: {n} open {'step is' if n == 1 else 'steps are'} "
                         "worth less a year than they cost (the roadmap lists them with both figures).")
        else:
            notes.append("Nothing is left to recommend: every capability that applies is achieved or funded.")
    if more:
        notes.append(f"{more} more {'step starts' if more == 1 else 'steps start'} this quarter; "
                     "the roadmap shows the whole plan.")
    exploration = None
    if explore:
        exploration, bet_note = _bet(catalog, cands, {r.id for r in chosen} | {r.id for r in waiting})
        if bet_note:
            notes.append(bet_note)
    for rec in shown + waiting + ([cheapest] if cheapest else []):
        rec.reasons = _unique(explain(rec, catalog, profile, period_budget) + rec.reasons)
        if rec.finishes and rec.finishes > 1 and rec.starts == 1:
            rec.reasons.append(f"Work starts this quarter and is complete in quarter {rec.finishes}.")
    if exploration is not None:
        # a bet is what the goals would not pick: its reasons do not claim they would
        told = [r for r in explain(exploration, catalog, profile, period_budget) if not r.startswith("Serves your goals")]
        exploration.reasons = _unique(exploration.reasons + told)
    not_fitting = {cid: reason for cid, reason in cands.ruled_out.items()
                   if cid not in cands.added and ("does not fit" in reason or "ignored" in reason)}
    return Recommendations(
        budget=None if year is None else max(0.0, year - committed),
        # the most this quarter may spend: the year's money, or the quarter's own
        period_budget=None if period_budget is None else round(limits.pot_money(limits.pot(1)), 2),
        money_held=money_held(limits, cur),
        budget_per_year=round(limits.pot_money(0), 2) if limits.pooled and period_budget is not None else None,
        period_hours=limits.hours, period_training_hours=limits.training,
        currency=cur, items=shown, more=more, next_in_line=waiting, cheapest=cheapest,
        exploration=exploration, not_fitting=not_fitting, notes=notes, assumptions=list(roadmap.assumptions),
    )


def _unique(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))


def _bet(catalog: Catalog, cands: Candidates, chosen: set[str]) -> tuple[Recommendation | None, str]:
    """One open, applicable frontier capability the stated goals rank low but that opens the
    way to the most others; or None and why there is none."""
    frontier = [c for c in cands.frontier if c in cands.recs and c not in chosen]
    if not frontier:
        return None, "No bet to suggest: every step that could start now is already in the list."
    values = sorted(cands.recs[c].value for c in cands.open_ids)
    median = values[len(values) // 2] if values else 0.0
    open_set = set(cands.open_ids)
    # must-haves are never a bet: the plan takes them whatever the strategy
    low = [c for c in frontier if cands.recs[c].value <= median and not cands.recs[c].mandatory]
    scored = [(len([d for d in catalog.graph.descendants(c) if d in open_set]), c) for c in low]
    scored = [(n, c) for n, c in scored if n > 0]
    if not scored:
        return None, ("No bet to suggest: none of the steps that could start now and are worth little on their "
                      "own leads to another.")
    count, cid = max(scored, key=lambda nc: (nc[0], -catalog.graph.position(nc[1])))
    bet = cands.recs[cid].model_copy(deep=True)
    ahead = names(catalog, [d for d in catalog.graph.required_by(cid) if d in open_set], 3)
    bet.reasons = [
        f"A bet: on its own it is worth little to you now, but {count} "
        f"{'capability builds' if count == 1 else 'capabilities build'} on it, directly or further on "
        f"(first {ahead}). Worth a look if your strategy may change."
    ]
    return bet, ""
