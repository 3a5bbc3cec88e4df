"""The roadmap: what to fund in each quarter within its budget and hours, prerequisites first."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...formatting import money
from ...roadmap import Roadmap
from ..text import bar, join, lines, literal


class RoadmapView(VerticalScroll):
    DEFAULT_CSS = """
    RoadmapView { padding: 0 1; }
    """

    can_focus = True

    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("", id="roadmap-body")

    def show(self, roadmap: Roadmap | None, names: dict[str, str], notes: list[str]) -> None:
        self.query_one("#roadmap-body", Static).update(self.describe(roadmap, names, notes))

    @staticmethod
    def describe(roadmap: Roadmap | None, names: dict[str, str], notes: list[str]) -> Content:
        if roadmap is None:
            return lines([literal(n) for n in notes] or [literal("No roadmap.")])
        cur = roadmap.currency
        limits = f"{money(roadmap.budget_per_period, cur)} a quarter"
        if roadmap.hours_per_period is not None:
            limits += f" and {roadmap.hours_per_period:g} staff hours"
        out: list[Content] = [
            join(("Roadmap over ", "bold"), (f"{len(roadmap.periods)} quarters", "bold"), f": {limits}."),
            literal(f"Method: {roadmap.method_note}.", "$text-muted"),
        ]
        if roadmap.in_progress:
            out.append(join(("In progress: ", "bold"), ", ".join(names.get(c, c) for c in roadmap.in_progress)))
        out += [literal(n, "$text-muted") for n in notes + roadmap.notes]
        for period in roadmap.periods:
            out.append(literal(""))
            used = bar(period.cost, roadmap.budget_per_period, 12).replace(" ", "·")
            out.append(join((f"Quarter {period.number}", "bold $accent"), f"  {money(period.cost, cur)} ",
                            (used, "$accent"), f"  {period.hours:.0f} h"))
            if not period.items and not period.continuing:
                out.append(literal("  nothing fits", "$text-muted"))
            for cid in period.continuing:
                out.append(literal(f"  … {names.get(cid, cid)} (continued)", "$text-muted"))
            for item in period.items:
                runs = f", runs until quarter {item.finishes}" if item.finishes > period.number else ""
                out.append(join("  • ", (item.name, "bold"), f"  {money(item.cost, cur)}, {item.hours:.0f} h{runs}"))
                if item.requires:
                    out.append(literal(f"      after {', '.join(names.get(r, r) for r in item.requires)}", "$text-muted"))
        out.append(literal(""))
        out.append(literal(f"Total: {money(roadmap.total_cost, cur)} of {money(roadmap.budget_per_period * len(roadmap.periods), cur)}."))
        if roadmap.left_out:
            out.append(literal("Next in line, beyond these budgets: " + ", ".join(i.name for i in roadmap.left_out[:4]) + ".", "$text-muted"))
        return lines(out)
