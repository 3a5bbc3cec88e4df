"""Goals in the value model: what a goal is worth a year, and how the steps that serve it share it.

A goal is worth its `worth` (or a share of revenue from goals.toml) times its weight / 5, never
normalised against the other goals. Every capability of the catalogue that serves it (relevance
at least SERVES) and applies to this business holds a share in proportion to its relevance,
whether it lies within this year's targets or beyond them: a step claims its own part of the
whole goal, never the parts of steps the targets leave out.

When the owner names pains, a step beyond Fundamentals that answers none of them counts
GENERIC_FOCUS of its relevance (`focus`): beyond the basics, the goal is won where the owner says
it is lost. The goal's worth itself is unchanged; only its sharing moves.
"""

from __future__ import annotations

import re

from ..common.formatting import money
from ..contract.questionnaire import Capability

#: the project's research notes named at the start of a figure's source ("costs-and-pains.md:",
#: "maturity reference risk-and-value.md Table A;")
_NOTES = re.compile(r"^(maturity reference )?[\w-]+\.md( Table [A-Z])?( \([^)]*\))?\s*[:;]?\s*")

#: The weight at which a goal counts at its stated worth.
GOAL_WEIGHT_AT_FACE = 5.0
#: Relevance from which a capability is said to serve a goal.
SERVES = 0.5
#: When the owner names pains, a step beyond Fundamentals that answers none of them holds this
#: share of its relevance in the goals it serves; the others hold theirs in full.
GENERIC_FOCUS = 0.3


class GoalShares:
    """The goal part of `ValueModel` (it provides catalog, profile, content, weights, pains,
    revenue, currency and `_ruled_out`)."""

    def relevance(self, cap: Capability, gid: str) -> float:
        """How strongly `cap` serves goal `gid`: the catalogue's relevance, 0 below SERVES."""
        r = cap.goals.get(gid, 0.0)
        return r if r >= SERVES else 0.0

    def goal_worth(self, gid: str) -> tuple[float, float, float, str]:
        goal = self.profile.goals.get(gid)
        weight = self.weights.get(gid, 0.0) / GOAL_WEIGHT_AT_FACE
        if goal is not None and goal.worth is not None:
            w = float(goal.worth) * weight
            return w, w, w, "your figure"
        row = self.content.goals.get(gid)
        if row is None:
            return 0.0, 0.0, 0.0, ""
        f = row.revenue_share
        return (f.central * self.revenue * weight, f.low * self.revenue * weight, f.high * self.revenue * weight,
                source_words(f))

    def _relevance_total(self, gid: str) -> float:
        """The relevance of every capability that serves goal `gid` and applies to this business,
        in place or not, within the domains' targets or beyond them. The goal's worth is what
        meeting it in full brings, and meeting it in full takes every step that serves it: a step
        holds its own share of that whole. Counting only the steps within this year's targets
        would hand a step the shares of the steps beyond them, so that with low targets one
        generic step would claim most of a goal."""
        if gid not in self._goal_total:
            self._goal_total[gid] = sum(
                self.relevance(cap, gid) * self.focus(cap) for cid, cap in self.catalog.capabilities.items()
                if not self._ruled_out(cid)
            )
        return self._goal_total[gid]

    def focus(self, cap: Capability) -> float:
        """How much of its relevance a step holds in the goals it serves: all of it for a
        Fundamentals step (the basics every business of the kind needs), for one that answers a
        pain the owner names, and for every step when the owner names none; else GENERIC_FOCUS.
        An owner who says where the business loses time or money has said where a goal is won
        beyond the basics: a general step (one agreed list of customers and products, processes
        measured end to end) then holds less of it, and the steps that answer what was said
        hold more. The goal's worth is unchanged."""
        if not self.pains or cap.stage_number == 1 or any(p in self.pains for p in cap.addresses):
            return 1.0
        return GENERIC_FOCUS

    def goal_parts(self, cap: Capability, gap: float) -> list[tuple[str, float, float, float, str, list[str]]]:
        """(goal, amount, low, high, text, sources) of each goal `cap` serves, before its fit."""
        out = []
        for gid in self.weights:
            relevance = self.relevance(cap, gid)
            if relevance <= 0:
                continue
            worth, low, high, source = self.goal_worth(gid)
            total = self._relevance_total(gid)
            if worth <= 0 or total <= 0:
                continue
            share = relevance * self.focus(cap) / total * gap
            name = self.catalog.goals.get(gid, (gid, ""))[0]
            goal = self.profile.goals.get(gid)
            aim = f" ({goal.target})" if goal is not None and goal.target else ""
            text = f"advances “{name}”{aim}, a goal you value at about {money(worth, self.currency)} a year"
            out.append((gid, worth * share, low * share, high * share, text, [source] if source else []))
        return out


def source_words(f) -> str:
    """A figure's source in a few words: the publisher and title before any detail, and a
    judgement said to be one."""
    if f is None:
        return ""
    if getattr(f, "basis", "") == "J":
        return "a judgement, no source gives this figure"
    source = getattr(f, "source", "")
    # the project's own research notes are where a figure was collected, not its source
    notes = _NOTES.match(source)
    if notes:
        source = source[notes.end():].strip()
    if not source:
        return "published figures"
    for cut in (" (", ";", " as quoted", " via ", ":"):
        at = source.find(cut)
        if at > 8:
            source = source[:at]
    year = getattr(f, "year", None)
    if year and str(year) not in source:
        source += f" {year}"
    return source + (" (derived)" if f.basis == "D" else "")
