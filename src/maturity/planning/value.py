"""The value model: what a capability is worth to this business a year, in its own currency.

Three parts, each from figures with a source and a range (``questionnaires/value/*.toml``, see
docs/value.md):

* **losses avoided.** Each incident kind k has a yearly likelihood p_k for the business's size
  band (a count per person for lost devices) and a cost c_k for its country, scaled by the
  profile's facts (health or card data, online sales). What is already in place lowers it: each
  capability j that reduces k by r_jk and is in place to its credit x_j leaves (1 − r_jk · x_j)
  of it. A loss large against the business weighs more than its expected value: with yearly
  revenue R (the profile's, or estimated from size and industry) and a risk tolerance
  T = s · R (the cash a business can draw on at once), it weighs
  w_k = min(W, (exp(c_k / T) − 1) / (c_k / T)): what an owner would pay to be rid of it, under
  constant absolute risk aversion (s and W in rates.toml). Capability c's part is
  p_k · c_k · w_k · Π_{j≠c} (1 − r_jk · x_j) · r_ck · gap_c.
* **time saved.** Each stated pain costs hours a week (the owner's figure for the process, or
  the pain's typical figure); a capability that addresses it removes its saving share (a row in
  pains.toml, else one half; shares of several capabilities are scaled to at most the whole
  pain), over WEEKS_PER_YEAR weeks, at the staff cost per hour (the profile's, or the country's).
* **goals.** A goal is worth its `worth` (or a share of revenue from goals.toml) times its
  weight / 5, never normalised against the other goals, and the steps that serve it share it
  (`planning/goals.py`) in proportion to their relevance; when the owner names pains, a
  generic step beyond the basics counts less of it.

The total is scaled by the capability's `fit` for this profile and by what is left to do
(gap = 1 − credit). Set against it is what the capability costs a year: its running cost, plus
its one-off money and staff hours (at the staff cost) spread over AMORTISE_YEARS years, all for
the work that remains (`remaining`). A step is worth doing when its value is at least that.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..assessment.models import AnswerFile
from ..common.errors import UsageError
from ..common.formatting import money
from ..contract.questionnaire import Capability
from ..contract.result import Result
from ..contract.value import Figure, Money, size_band
from .goals import GENERIC_FOCUS, GOAL_WEIGHT_AT_FACE, SERVES, GoalShares, source_words
from .tool import money_left

__all__ = ["GENERIC_FOCUS", "GOAL_WEIGHT_AT_FACE", "SERVES", "Part", "Valuation", "ValueModel", "remaining_share"]

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog

WEEKS_PER_YEAR = 46
#: The share of a pain's cost a capability that addresses it removes, without a row of its own.
DEFAULT_SAVING = 0.5
#: One-off money and staff time are spread over this many years when set against value.
AMORTISE_YEARS = 3
#: Work left on a capability in place to credit x: (1 − x)², at least this share.
REMAINING_MIN = 0.1
#: A `fit` key starting with this holds when the profile does not state the fact after it.
NOT = "not:"
CONFIDENCE = {"high": 1.0, "medium": 0.95, None: 1.0, "low": 0.75}


@dataclass
class Part:
    """One reason a capability is worth something, in money a year."""

    kind: str  # "loss", "time" or "goal"
    key: str  # the incident kind, pain or goal
    amount: float
    low: float
    high: float
    text: str
    hours: float = 0.0  # staff hours a year it frees (time saved)
    sources: list[str] = field(default_factory=list)


@dataclass
class Valuation:
    parts: list[Part]
    total: float
    low: float
    high: float
    cost_year: float
    remaining: float


def remaining_share(credit: float) -> float:
    """The share of a capability's whole work still to do when it is in place to `credit`."""
    if credit <= 0:
        return 1.0
    return max(REMAINING_MIN, (1.0 - credit) ** 2)


class ValueModel(GoalShares):
    """Each capability's value to one business, with the parts that make it up."""

    def __init__(self, catalog: Catalog, answer_file: AnswerFile, result: Result) -> None:
        self.catalog = catalog
        self.content = catalog.value
        self.profile = profile = answer_file.profile
        self.answers = answer_file.answers
        self.result = result
        self.notes: list[str] = []
        self.assumptions: list[str] = []
        self.currency = profile.currency
        self.people = profile.people()
        self.band = size_band(self.people)
        self.facts = profile.fact_set()
        self.pains = catalog.profile_pains(profile)
        self._no_fx: set[str] = set()
        self.staff_rate, self.staff_rate_stated = self._rate(profile.staff_cost, self.content.staff_cost, "staff")
        help_cfg = profile.outside_help
        if help_cfg is not None and help_cfg.allowed is False:
            self.help_rate = 0.0  # no help is bought: its rate is neither needed nor assumed aloud
        else:
            self.help_rate, _ = self._rate(help_cfg.rate if help_cfg else None, self.content.outside_help, "help")
        self.revenue, self.revenue_stated = self._revenue()
        if profile.goals and not any(g.weight > 0 for g in profile.goals.values()):
            raise UsageError("every goal has weight 0: give at least one goal a weight above 0")
        self.weights = {g: goal.weight for g, goal in profile.goals.items() if goal.weight > 0}
        if not profile.goals:
            self.weights = {g: 1.0 for g in catalog.goals}
            self.notes.append(
                "No goals in the profile: every goal counts at weight 1 of 10. State the business's goals and "
                "their weights to rank by what matters to you."
            )
        #: incident kinds a stated pain is a sign of -> the owner's words for it
        self.named: dict[str, str] = {}
        #: those of them named only in an answer's note (not among the pains)
        self.noted: set[str] = set()
        for pain, words in self.pains.items():
            cost = self.content.pains.get(pain)
            for kid in (cost.incidents if cost else []):
                if kid in self.content.incidents and words:
                    self.named.setdefault(kid, words[0])
        for kid, note in self._notes_of_incidents():
            if kid not in self.named:
                self.named[kid] = note
                self.noted.add(kid)
        self._residual: dict[tuple[str, str], float] = {}
        self._cache: dict[str, Valuation] = {}
        self._goal_total: dict[str, float] = {}

    def _notes_of_incidents(self) -> list[tuple[str, str]]:
        """(incident kind, the note's words) for each answer's note that names a pain telling of
        an incident (`in_notes`): "A fake supplier bank-detail change was paid in 2024" on the
        question about payment changes is the business saying it happened."""
        from ..contract.vocabulary import match_pains

        telling = {pid: cost for pid, cost in self.content.pains.items() if cost.in_notes and cost.incidents}
        if not telling:
            return []
        keywords = {pid: words for pid, words in self.catalog.pain_keywords.items() if pid in telling}
        out = []
        for a in self.answers.values():
            note = (a.note or "").strip()
            if not note:
                continue
            for pid in match_pains(note, keywords):
                out.extend((kid, note) for kid in telling[pid].incidents if kid in self.content.incidents)
        return out

    # -- figures ------------------------------------------------------------------------------

    def convert(self, m: Money) -> tuple[float, float, float]:
        got = self.content.convert(1.0, m.currency, self.currency)
        if got is None:
            if m.currency not in self._no_fx:
                self._no_fx.add(m.currency)
                self.notes.append(f"No exchange rate from {m.currency} to {self.currency}: those figures are used as they are.")
            got = 1.0
        return m.central * got, m.low * got, m.high * got

    def _rate(self, stated: float | None, table: dict[str, Money], what: str) -> tuple[float, bool]:
        if stated is not None:
            return float(stated), True
        row = self.content.by_country(table, self.profile.country)
        if row is None:
            return (25.0 if what == "staff" else 60.0), False
        rate = self.convert(row)[0]
        words = "an hour of staff time" if what == "staff" else "an hour of outside help (an IT provider)"
        self.assumptions.append(
            f"{money(rate, self.currency)} for {words} ({source_words(row)}); state your own figure in the profile to use it."
        )
        return rate, False

    def _revenue(self) -> tuple[float, bool]:
        if self.profile.revenue is not None:
            return float(self.profile.revenue), True
        table = self.content.revenue_per_person
        row = table.get(self.profile.industry_id) or table.get("default")
        if row is None:
            return 100_000.0 * self.people, False
        revenue = self.convert(row)[0] * self.people
        self.assumptions.append(
            f"Yearly revenue of about {money(revenue, self.currency)} estimated from {self.people} people "
            f"({source_words(row)}); state the revenue in the profile to use your own."
        )
        return revenue, False

    def credit(self, cid: str) -> float:
        c = self.result.capabilities.get(cid)
        if c is None or c.status == "not_applicable":
            return 0.0
        return c.credit

    def gap(self, cid: str) -> float:
        c = self.result.capabilities.get(cid)
        if c is None:
            return 1.0
        if c.status == "not_applicable":
            return 0.0
        return max(0.0, 1.0 - c.credit)

    def fit(self, cap: Capability) -> float:
        factor = 1.0
        for fact, multiplier in cap.fit.items():
            negated = fact.startswith(NOT)
            if (fact[len(NOT):] not in self.facts) if negated else (fact in self.facts):
                factor *= multiplier
        return factor

    # -- the three parts -------------------------------------------------------------------------

    def _incident(self, kid: str) -> tuple[list[float], list[float], float, list[str]]:
        """(likelihood central/low/high, cost central/low/high, large-loss weight, sources)."""
        inc = self.content.incidents[kid]
        lf: Figure = inc.likelihood[self.band]
        times = self.people if inc.per_person else 1
        p = [lf.central * times, lf.low * times, lf.high * times]
        if kid in self.named:  # it happens to this business: the high end of the range, not the middle
            p = [lf.high * times, lf.central * times, lf.high * times]
        row = self.content.by_country(inc.cost, self.profile.country)
        c = list(self.convert(row)) if row is not None else [0.0, 0.0, 0.0]
        sources = [source_words(lf), source_words(row)] if row is not None else [source_words(lf)]
        size = inc.cost_by_size.get(self.band)
        if size is not None:
            c = [c[0] * size.central, c[1] * size.low, c[2] * size.high]
            sources.append(source_words(size))
        for sc in list(inc.scale) + [s for s in self.content.scales if s.incident == kid]:
            if sc.fact in self.facts:
                target = p if sc.on == "likelihood" else c
                for k in range(3):
                    target[k] *= sc.factor
                sources.append(source_words(sc))
        return p, c, self.loss_weight(c[0]), sources

    def loss_weight(self, cost: float) -> float:
        """How many times its expected value a loss of `cost` weighs for this business."""
        rule = self.content.large_loss
        tolerance = rule.share_of_revenue * self.revenue
        if tolerance <= 0 or cost <= 0 or rule.weight <= 1:
            return 1.0
        x = cost / tolerance
        if x > math.log(rule.weight * x + 1):  # past the cap (and clear of overflow)
            return float(rule.weight)
        return min(float(rule.weight), math.expm1(x) / x)

    def _others(self, kid: str, on: str, cid: str) -> float:
        """What the capabilities in place other than `cid` leave of incident `kid`'s `on`."""
        left = 1.0
        for other, rows in self.content.reductions.items():
            if other == cid:
                continue
            x = self.credit(other)
            if x <= 0:
                continue
            for r in rows:
                if r.incident == kid and r.on == on:
                    left *= 1.0 - r.central * x
        return left

    def losses(self, cid: str, gap: float) -> list[Part]:
        out = []
        for red in self.content.reductions.get(cid, []):
            p, c, weight, sources = self._incident(red.incident)
            inc = self.content.incidents[red.incident]
            left = self._others(red.incident, "likelihood", cid) * self._others(red.incident, "cost", cid)
            base = [p[k] * c[k] * left for k in range(3)]
            amount = base[0] * weight * red.central * gap
            low, high = base[1] * red.low * gap, base[2] * weight * red.high * gap
            how = "the chance of" if red.on == "likelihood" else "the cost of"
            chance = (f"about {p[0]:.2g} a year" if inc.per_person else f"about {_percent(p[0])} a year")
            if red.incident in self.named:
                said = "note in your answers" if red.incident in self.noted else "name among your pains"
                chance += (f", the high end of the published figures, as you {said} “{self.named[red.incident]}”")
            text = (f"lowers {how} {inc.name.lower()} by about {_share(red.central)} "
                    f"(a loss of about {money(c[0], self.currency)} when it happens, {chance}")
            text += ("; counted above its average, as a loss that size is hard for a business of your revenue "
                     "to absorb)") if weight >= 1.05 else ")"
            out.append(Part("loss", red.incident, amount, low, high, text, sources=sources + [source_words(red)]))
        return out

    def _pain_hours(self, pain: str) -> tuple[float, float, float, str]:
        """Hours a week the pain costs this business (central, low, high) and where from."""
        texts = set(self.pains.get(pain, []))
        for process in self.profile.processes:
            if not texts & set(process.pain_points):
                continue
            named = [pid for pid, words in self.pains.items() if set(words) & set(process.pain_points)]
            # a process's hours or money are lost to its everyday pains; a sign of an incident
            # beside them (a fake invoice nearly paid) is priced as the incident, not as time
            everyday = [pid for pid in named if not self._risky(pid)]
            if everyday and pain not in everyday:
                continue
            split = max(1, len(everyday or named))
            if process.hours_per_week is not None or process.money_per_month is not None:
                h = float(process.hours_per_week or 0.0)
                h += float(process.money_per_month or 0.0) * 12 / WEEKS_PER_YEAR / self.staff_rate
                h /= split
                return h, h, h, "your figure"
        cost = self.content.pains.get(pain)
        if cost is None:
            return 0.0, 0.0, 0.0, ""
        f = cost.hours_per_week
        scale = self.people / 10 if cost.per_person else 1.0
        return f.central * scale, f.low * scale, f.high * scale, source_words(f)

    def _risky(self, pain: str) -> bool:
        row = self.content.pains.get(pain)
        return bool(row and row.incidents)

    def _saving(self, cid: str, pain: str) -> tuple[float, float, float]:
        row = self.content.savings.get((cid, pain))
        if row is not None:
            return row.central, row.low, row.high
        return DEFAULT_SAVING, DEFAULT_SAVING / 2, DEFAULT_SAVING

    def _saving_total(self, pain: str) -> float:
        total = 0.0
        for cid, cap in self.catalog.capabilities.items():
            if pain in cap.addresses and not self._ruled_out(cid):
                total += self._saving(cid, pain)[0]
        return total

    def time(self, cap: Capability, gap: float) -> list[Part]:
        out = []
        for pain in cap.addresses:
            if pain not in self.pains:
                continue
            h, h_low, h_high, source = self._pain_hours(pain)
            if h <= 0:
                continue
            share, s_low, s_high = self._saving(cap.id, pain)
            scale = 1.0 / max(1.0, self._saving_total(pain))
            hours = h * share * scale * WEEKS_PER_YEAR * gap
            amount = hours * self.staff_rate
            low = h_low * s_low * scale * WEEKS_PER_YEAR * gap * self.staff_rate
            high = h_high * s_high * WEEKS_PER_YEAR * gap * self.staff_rate
            words = self.pains[pain][0]
            if words in self.catalog.pains:  # the profile gave the pain's id: the catalogue's words
                words = self.catalog.pains[words][0]
            text = f"frees about {_hours(hours / WEEKS_PER_YEAR)} a week now lost to “{words}”"
            out.append(Part("time", pain, amount, low, high, text, hours=hours, sources=[source] if source else []))
        return out

    def _ruled_out(self, cid: str) -> bool:
        c = self.result.capabilities.get(cid)
        return c is not None and c.status == "not_applicable"

    def goals(self, cap: Capability, gap: float) -> list[Part]:
        return [Part("goal", gid, amount, low, high, text, sources=sources)
                for gid, amount, low, high, text, sources in self.goal_parts(cap, gap)]

    # -- the whole --------------------------------------------------------------------------------

    def valuation(self, cid: str) -> Valuation:
        if cid in self._cache:
            return self._cache[cid]
        cap = self.catalog.capabilities[cid]
        gap = self.gap(cid)
        fit = self.fit(cap) * self.confidence(cap)
        parts = self.losses(cid, gap) + self.time(cap, gap) + self.goals(cap, gap)
        for part in parts:
            part.amount *= fit
            part.low *= fit
            part.high *= fit
        parts.sort(key=lambda p: -p.amount)
        remaining = remaining_share(self.credit(cid))
        people = self.profile.size
        one_off, yearly = money_left(cap, self.answers, people, remaining)
        hours = cap.project_hours(people) * remaining + cap.training_total(people) * gap
        cost_year = yearly + (one_off + hours * self.staff_rate) / AMORTISE_YEARS
        v = Valuation(parts, sum(p.amount for p in parts), sum(p.low for p in parts), sum(p.high for p in parts),
                      cost_year, remaining)
        self._cache[cid] = v
        return v

    def confidence(self, cap: Capability) -> float:
        """Answers given with low confidence make the value less certain: it counts less."""
        values = [CONFIDENCE.get(a.confidence, 1.0) for q in cap.questions
                  if (a := self.answers.get(q.id)) is not None and not a.dont_know]
        return sum(values) / len(values) if values else 1.0

    def in_place(self, cid: str) -> str:
        """What of a capability is already in place, in the words of the answers given."""
        cap = self.catalog.capabilities[cid]
        said = []
        for q in cap.questions:
            a = self.answers.get(q.id)
            if a is None or a.dont_know or a.not_applicable:
                continue
            chosen = a.answer if isinstance(a.answer, list) else [a.answer]
            for opt in q.options:
                if opt.id in chosen and opt.credit > 0:
                    said.append(opt.label)
        return "; ".join(dict.fromkeys(said))


def _percent(p: float) -> str:
    if p >= 0.1:
        return f"{p * 100:.0f} %"
    if p >= 0.01:
        return f"{p * 100:.1f} %"
    return f"{p * 100:.2f} %"


def _share(r: float) -> str:
    words = {0.9: "nine tenths", 0.75: "three quarters", 0.5: "half", 0.25: "a quarter", 0.1: "a tenth"}
    return next((word for value, word in words.items() if abs(r - value) < 0.02), f"{r * 100:.0f} %")


def _hours(h: float) -> str:
    if h >= 10:
        return f"{h:.0f} h"
    if h >= 1:
        return f"{h:.1f} h".replace(".0 h", " h")
    return f"{h * 60:.0f} minutes"
