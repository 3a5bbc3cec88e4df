"""Protections in the first quarter: what costs next to nothing, or answers what happened.

The value model prices a protection at the losses it avoids a year (docs/value.md), and for a
small business those are often a few hundred: in a tight plan, a step worth thousands a year
then takes the first quarter's hours and two-step login waits until quarter 3. No adviser plans
that way, and not because the figures are wrong: a step of an hour or two that costs almost
nothing is not traded against anything, it is done now. So is a protection against an incident
the business says has happened to it (among its pains, or in an answer's note): a fake invoice
that was nearly paid is answered in the first quarter, not when the hours are free.

A step is planned to be complete in the first quarter (its `due` period is 1) when it protects
against an incident (it lowers its chance or cost by at least PROTECTS: two-step login, updates,
backups, device protection, not a policy or a list), is worth at least what it costs, is no
must-have (those come first anyway), and either

* it and its open prerequisites together need at most QUICK_HOURS plus QUICK_HOURS_PER_PERSON
  a person of staff time, at most QUICK_TRAINING_PER_PERSON a person of training, and money
  (one-off and a year's running) of at most QUICK_MONEY_SHARE of the year's budget; or
* it lowers an incident the business names (`ValueModel.named`) by at least ANSWERS; or
* it mends a weakness the business names among its pains, one the step's content says it
  addresses ("everyone logs in as reception", "nobody has ever tried to restore the backup").

What the business names is taken first, as long as it and its prerequisites fit the quarter;
then room is kept for the must-haves that could be complete in the first quarter (one displaced
completes later in the plan); last the quick steps, by what each returns for its hours, as
long as all of them still fit together. The few minutes a person of training a quick step
needs (how to answer a sign-in prompt) are given while it is set up, not taken from the
training time the quarter holds for learning new tools: six minutes of it must not push a
booking system back a quarter. The thresholds are a judgement, named as one in
docs/planning.md. When the plan cannot keep the quarter beside the rest (a baseline's dates,
say), or keeping it leaves some step's work stopping for a quarter and starting again while the
plan by value alone does not, the steps are planned by value alone instead (`release`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..common.formatting import money
from .candidates import prerequisites
from .problem import EPS, Item, Limits

if TYPE_CHECKING:  # pragma: no cover
    from .candidates import Candidates

#: A quick step (with its prerequisites) needs at most this many staff hours, plus ...
QUICK_HOURS = 2.0
#: ... this many a person: two-step login is "about an hour, then a few minutes a person".
QUICK_HOURS_PER_PERSON = 0.25
#: Training a quick step needs, a person.
QUICK_TRAINING_PER_PERSON = 0.5
#: The money (one-off and a year's running) a quick step may cost, as a share of the year's budget.
QUICK_MONEY_SHARE = 0.02
#: A step protects against an incident when it lowers its chance or its cost by at least this
#: share (two-step login, updates, backups, device protection; not a policy or a list) ...
PROTECTS = 0.25
#: ... and answers an incident the business names when it lowers it by at least this share.
ANSWERS = 1 / 3


@dataclass(frozen=True)
class Pick:
    why: str  # the reason the plan gives
    #: a quick step: its few minutes a person of training are given as it is set up
    light: bool


def chosen(cands: Candidates, limits: Limits, first: tuple[str, ...], year_money: float | None) -> dict[str, Pick]:
    """The steps to complete in the first quarter, each with the reason the plan gives."""
    benefit = cands.benefit
    people = max(1, benefit.people)
    named = benefit.named
    picks: list[tuple[int, float, str, str, bool]] = []
    for cid in cands.open_ids:
        rec, it = cands.recs.get(cid), cands.items.get(cid)
        if rec is None or it is None or rec.mandatory or it.due:
            continue
        if rec.value < rec.cost_year:
            continue
        cuts: dict[str, float] = {}
        for r in benefit.content.reductions.get(cid, []):
            cuts[r.incident] = max(cuts.get(r.incident, 0.0), r.central)
        losses = [p for p in rec.value_parts if p.kind == "loss" and p.amount > 0
                  and cuts.get(p.key, 0.0) >= PROTECTS - EPS]
        if not losses:
            continue
        chain = [cands.items[c] for c in prerequisites(cands, cid)] + [it]
        hours = sum(c.hours for c in chain)
        training = sum(c.training for c in chain)
        spend = sum(c.one_off + c.yearly for c in chain)
        told = next((named[p.key] for p in losses if p.key in named and cuts[p.key] >= ANSWERS - EPS), None)
        if told is None:  # a weakness the owner names that this protection mends: "nobody has tried a restore"
            told = next((words[0] for pain in benefit.catalog.capabilities[cid].addresses
                         if (words := benefit.pains.get(pain))), None)
        small = (hours <= QUICK_HOURS + QUICK_HOURS_PER_PERSON * people + EPS
                 and training <= QUICK_TRAINING_PER_PERSON * people + EPS
                 and (spend <= EPS or (year_money is not None and spend <= QUICK_MONEY_SHARE * year_money + EPS)))
        if told is not None:
            why = (f"In the first quarter: it answers what you told us (“{told}”), "
                   "so it comes before steps that are worth more but can wait.")
        elif small:
            cost = money(spend, benefit.currency) if spend > EPS else "no money"
            why = (f"In the first quarter: about {_h(hours)} of work and {cost}, and it lowers a loss; "
                   "a protection that costs this little is done now, before steps that are worth more "
                   "but take longer.")
        else:
            continue
        picks.append((0 if told is not None else 1, -(it.value / max(hours, 0.5)), cid, why, small))
    picks.sort()
    taken: dict[str, Pick] = {}
    together: dict[str, Item] = {}

    def take(cid: str, light: bool = False) -> bool:
        nonlocal together
        trial = dict(together)
        for c in list(prerequisites(cands, cid)) + [cid]:
            trial[c] = cands.items[c]
        if light:
            trial[cid] = dataclasses.replace(cands.items[cid], training=0.0)
        if fits_first(list(trial.values()), limits):
            together = trial
            return True
        return False

    # what the owner names comes first; then room is kept for the must-haves (with the steps they
    # need) that could be complete then; the law's steps still complete within the plan, or the
    # plan is made by value alone (`release`)
    for told, _, cid, why, light in picks:
        if told == 0 and take(cid, light):
            taken[cid] = Pick(why, light)
    musts = [c for c in cands.open_ids if c in cands.items and (c in first or cands.recs[c].mandatory)]
    musts.sort(key=lambda c: sum(cands.items[x].hours for x in prerequisites(cands, c) | {c}))
    for cid in musts:
        take(cid)
    for told, _, cid, why, light in picks:
        if told == 1 and take(cid, light):
            taken[cid] = Pick(why, light)
    return taken


def fits_first(items: list[Item], limits: Limits) -> bool:
    """Whether `items` can all be complete in the first quarter, on their own: its hours, with
    outside help up to what a quarter may buy, its training, and the money of its pot (their
    one-off money, the help, and their running costs to the pot's end)."""
    hours = sum(it.hours for it in items)
    training = sum(it.training for it in items)
    if hours > limits.hours + limits.help_hours + EPS or training > limits.training + EPS:
        return False
    running = sum(it.yearly for it in items) / limits.periods_per_year * limits.running_periods(1, limits.pot(1))
    spend = sum(it.one_off for it in items) + limits.paid_help(hours) * limits.help_rate + running
    return spend <= limits.pot_money(limits.pot(1)) + EPS


def hold(cands: Candidates, picks: dict[str, Pick]) -> None:
    """Make each chosen step due in the first quarter; a quick one takes no training time."""
    for cid, pick in picks.items():
        it = cands.items[cid]
        cands.items[cid] = dataclasses.replace(it, due=1, training=0.0 if pick.light else it.training)


def release(cands: Candidates, picks: dict[str, Pick]) -> None:
    """Plan the chosen steps by value alone again."""
    for cid in picks:
        cands.items[cid] = dataclasses.replace(cands.items[cid], due=0, training=cands.recs[cid].training_total)


def explain(cands: Candidates, picks: dict[str, Pick], done: dict[str, int]) -> None:
    """Give each chosen step complete in the first quarter its reason."""
    for cid, pick in picks.items():
        if done.get(cid) == 1 and cid in cands.recs:
            cands.recs[cid].reasons.insert(0, pick.why)


def _h(hours: float) -> str:
    return f"{hours:.0f} h" if hours >= 1.5 else ("an hour" if hours >= 0.75 else "less than an hour")
