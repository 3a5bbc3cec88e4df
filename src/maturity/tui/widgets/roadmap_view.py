"""The roadmap: what to fund in each quarter within its budget and hours, prerequisites first."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...common.formatting import hours, money
from ...planning import Roadmap
from ..text import bar, hanging, join, lines, literal


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
        held = [f"{hours(roadmap.hours_per_period)} of staff time", f"{hours(roadmap.training_hours_per_period)} of training"]
        if roadmap.budget_per_period is not None:
            held.insert(0, money(roadmap.budget_per_period, cur))
        method = "the best plan over all quarters together" if roadmap.method == "exact" else "a good plan, found quickly (not proven best)"
        out: list[Content] = [
            join(("Roadmap over ", "bold"), (f"{len(roadmap.periods)} quarters", "bold"), f": each holds {', '.join(held)}."),
            literal(f"This is {method}.", "$text-muted"),
        ]
        if roadmap.in_progress:
            out.append(join(("In progress: ", "bold"), "; ".join(names.get(c, c) for c in roadmap.in_progress)))
        out += [literal(n, "$text-muted") for n in roadmap.assumptions + roadmap.notes]
        if roadmap.baseline is not None:  # toward the baseline the profile aims at, in the planner's words
            out += [literal(""), literal(roadmap.baseline.lines[0], "bold")] + [literal(n) for n in roadmap.baseline.lines[1:]]
        for period in roadmap.periods:
            out.append(literal(""))
            used = bar(period.cost, roadmap.budget_per_period or max(period.cost, 1.0), 12).replace(" ", "·")
            out.append(join((f"Quarter {period.number}", "bold $text-accent"), f"  {money(period.cost, cur)} ",
                            (used, "$text-accent"), f"  {hours(period.hours)}"))
            if not period.items and not period.continuing:
                out.append(literal("  nothing fits", "$text-muted"))
            for cid in period.continuing:
                out += hanging(literal(f"{names.get(cid, cid)} (continued)", "$text-muted"), width, "  … ", "    ")
            for item in period.items:
                runs = f", complete in quarter {item.finishes}" if item.finishes > period.number else ""
                cost = money(item.one_off, cur) + (f" + {money(item.yearly, cur)} a year" if item.yearly else "")
                out += hanging(join((item.name, "bold"), f"  {cost}, {hours(item.hours)}{runs}"), width)
                if item.requires:
                    after = f"after {'; '.join(names.get(r, r) for r in item.requires)}"
                    out += hanging(literal(after, "$text-muted"), width, "      ", "      ")
        out.append(literal(""))
        total = f"Total: {money(roadmap.total_cost, cur)}"
        if roadmap.budget_per_period is not None:
            total += f" of {money(roadmap.budget_per_period * len(roadmap.periods), cur)}"
        out.append(literal(total + "."))
        if roadmap.next_in_line:
            out.append(literal("Next in line: " + "; ".join(i.name for i in roadmap.next_in_line[:4]) + ".", "$text-muted"))
        for item in roadmap.cannot_fit[:3]:
            out.append(literal(f"Cannot fit: {item.name}: {item.why_not}.", "$text-muted"))
        return lines(out)

