"""Everything about one recommendation: why, what it costs against the budget, how long it
takes, what to do first and which KPI to watch."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...common.formatting import hours, money
from ...planning import Recommendation
from ...planning.explain import EFFORT_WORDS, money_words
from ..text import bar, join, lines, literal


class RecommendationDetails(VerticalScroll):
    DEFAULT_CSS = """
    RecommendationDetails { padding: 0 1 0 2; }
    """

    # the list beside it keeps the keyboard (its arrows choose); this scrolls with the page keys
    can_focus = False

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("", id="rec-body")

    def show(self, rec: Recommendation | None, *, domain_name: str, currency: str, remaining: float | None,
             kind: str = "ranked", accepted: bool = False) -> None:
        body = self.query_one("#rec-body", Static)
        if rec is None:
            body.update(literal("Nothing to show.", "$text-muted"))
            return
        body.update(self.describe(rec, domain_name=domain_name, currency=currency, remaining=remaining, kind=kind, accepted=accepted))
        self.scroll_home(animate=False)

    @staticmethod
    def describe(rec: Recommendation, *, domain_name: str, currency: str, remaining: float | None, kind: str, accepted: bool) -> Content:
        out: list[Content] = [literal(rec.name, "bold"), literal(f"{domain_name} · {rec.stage.replace('-', ' ').capitalize()}", "$text-muted")]
        if kind == "bet":
            out.append(literal("A deliberate bet outside your stated goals.", "$text-warning"))
        elif kind == "over":
            out.append(literal(f"Next in line: {rec.why_not_now}." if rec.why_not_now else "Next in line.", "$text-warning"))
        if accepted:
            out.append(literal("Accepted as an investment: it is in progress.", "$text-success"))
        out.append(literal(""))
        width = 24
        if remaining:
            fits = rec.cost <= remaining
            out.append(join(("Cost    ", "bold"), money_words(rec, currency), f", {rec.cost / remaining:.0%} of the {money(remaining, currency)} left"))
            out.append(join("        ", (bar(rec.cost, remaining, width).replace(" ", "·"), "$text-accent" if fits else "$text-error")))
        else:
            out.append(join(("Cost    ", "bold"), f"about {money_words(rec, currency)}"))
        out.append(join(("Effort  ", "bold"), f"{EFFORT_WORDS.get(rec.effort, rec.effort)}, {hours(rec.hours)} of staff time"))
        if rec.kpi:
            out.append(join(("KPI     ", "bold"), rec.kpi))
        out.append(literal(""))
        out.append(literal("Why", "bold $text-accent"))
        out += [join("• ", reason) for reason in rec.reasons]
        if rec.advice:
            out += [literal(""), literal("First step", "bold $text-accent"), literal(rec.advice)]
        if not accepted:
            out += [literal(""), literal("i: accept it as an investment", "$text-muted")]
        return lines(out)
