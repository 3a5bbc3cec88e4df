"""The roadmap: what to fund in each quarter within its budget and hours, prerequisites first."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...common.formatting import hours, money, paid_hours
from ...planning import Roadmap
from ...planning.explain import year_words
from ..text import bar, hanging, join, lines, literal


#: how many of a list (next in line, cannot fit, not worth it) are named before "and N more"
LISTED = 8


class RoadmapView(VerticalScroll):
    DEFAULT_CSS = """
    RoadmapView { padding: 0 1; }
    """

    can_focus = True

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("", id="roadmap-body")

    def show(self, roadmap: Roadmap | None, names: dict[str, str]) -> None:
        self._shown = (roadmap, names)
        self._render_body()

    def on_resize(self) -> None:
        if getattr(self, "_shown", None) is not None:
            self._render_body()

    def _render_body(self) -> None:
        roadmap, names = self._shown
        width = max(20, self.size.width - 4) if self.size.width else None
        self.query_one("#roadmap-body", Static).update(self.describe(roadmap, names, width))

    @staticmethod
    def describe(roadmap: Roadmap | None, names: dict[str, str], width: int | None = None) -> Content:
        if roadmap is None:
            return literal("No roadmap.")
        cur = roadmap.currency
        held = ([roadmap.money_held] if roadmap.money_held else []) + [
            f"{hours(roadmap.hours_per_period)} of staff time and {hours(roadmap.training_hours_per_period)} of training a quarter"]
        method = "the best plan over all quarters together" if roadmap.method == "exact" else "a good plan, found quickly (not proven best)"
        out: list[Content] = [
            join(("Roadmap over ", "bold"), (f"{len(roadmap.periods)} quarters", "bold"), f": {', '.join(held)}."),
            literal(f"This is {method}.", "$text-muted"),
        ]
        if roadmap.in_progress:
            out.append(join(("In progress: ", "bold"), "; ".join(names.get(c, c) for c in roadmap.in_progress)))
        out += [literal(n, "$text-muted") for n in roadmap.assumptions + roadmap.notes]
        if roadmap.baseline is not None:  # toward the baseline the profile aims at, in the planner's words
            out += [literal(""), literal(roadmap.baseline.lines[0], "bold")] + [literal(n) for n in roadmap.baseline.lines[1:]]
        for period in roadmap.periods:
            out.append(literal(""))
            # what the quarter spends against what it may spend: the year's money, or its own
            may = roadmap.budget_per_year or roadmap.budget_per_period
            used = bar(period.cost, may or max(period.cost, 1.0), 12).replace(" ", "·")
            helped = (f", of which {paid_hours(period.help_hours)} of outside help ({money(period.help_cost, cur)})"
                      if period.help_hours >= 0.5 else "")
            out.append(join((f"Quarter {period.number}", "bold $text-accent"), f"  {money(period.cost, cur)} ",
                            (used, "$text-accent"), f"  {hours(period.hours)}{helped}"))
            if period.pace_words():
                out.append(literal(f"  {period.pace_words()}.", "$text-muted"))
            if not period.items and not period.continuing:
                out.append(literal("  nothing fits", "$text-muted"))
            for cid in period.continuing:
                out += hanging(literal(f"{names.get(cid, cid)} (continued)", "$text-muted"), width, "  … ", "    ")
            for item in period.items:
                runs = f", complete in quarter {item.finishes}" if item.finishes > period.number else ""
                cost = money(item.one_off, cur) + (f" + {money(item.yearly, cur)} a year" if item.yearly else "")
                helped = f", of which {hours(item.help_hours)} of outside help" if item.help_hours >= 0.5 else ""
                worth = f"; worth about {money(item.value, cur)} a year" if item.value > 0 else ""
                out += hanging(join((item.name, "bold"), f"  {cost}, {hours(item.hours)}{helped}{runs}{worth}"), width)
                if item.to_finish:
                    out += hanging(literal(item.to_finish[:1].upper() + item.to_finish[1:], "$text-muted"),
                                   width, "      ", "      ")
                if item.requires:
                    after = f"after {'; '.join(names.get(r, r) for r in item.requires)}"
                    out += hanging(literal(after, "$text-muted"), width, "      ", "      ")
        out.append(literal(""))
        total = f"Total: {money(roadmap.total_cost, cur)}"
        if roadmap.budget_total is not None:
            total += f" of {money(roadmap.budget_total, cur)}"
        out.append(literal(total + "."))
        out += [literal(sentence) for sentence in year_words(roadmap.year, cur)]
        for title, items in (("Next in line", roadmap.next_in_line), ("Cannot fit", roadmap.cannot_fit),
                             ("Not worth its cost for now", roadmap.not_worth)):
            if not items:
                continue
            out.append(literal(""))
            out.append(literal(title + ":", "bold"))
            shown = items if len(items) <= LISTED + 1 else items[:LISTED]
            for item in shown:
                out += hanging(literal(f"{item.name}: {item.why_not}.", "$text-muted"), width, "  - ", "    ")
            if len(shown) < len(items):
                out.append(literal(f"  and {len(items) - len(shown)} more", "$text-muted"))
        return lines(out)

