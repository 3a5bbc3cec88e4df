"""The results table: where each domain stands (its stage, or how much of the stage it is
building is in place) and its index as a bar on the 0-3 scale, the weakest link marked, and the
change since the previous assessment. A domain without answers reads "Not assessed"."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...history import AssessmentDiff
from ...contract.result import Result
from ...report.plain import weakest_marked
from ...assessment.scoring import standing
from ..text import bar, join, lines, wrapped

NAME_W, STAGE_W, TARGET_W, INDEX_W, CHANGE_W = 16, 21, 12, 5, 6
MIN_BAR = 20  # the bar keeps this many cells where there is room; the names take what is left
NARROW_BAR = 10  # and at least this many in a narrow terminal, where the names wrap sooner
ARROWS = {"up": "▲", "forward": "▲", "down": "▼", "back": "▼", "same": " "}


class DomainBars(OptionList):
    """A heading row, then one row per domain; choosing a row asks for its capability graph."""

    DEFAULT_CSS = """
    DomainBars, DomainBars:focus { height: auto; max-height: 14; border: none; padding: 0; }
    /* the heading row is an option that cannot be chosen: drawn as text, not greyed out */
    DomainBars > .option-list--option-disabled { color: $foreground; }
    """

    class Chosen(Message):
        def __init__(self, domain: str) -> None:
            super().__init__()
            self.domain = domain

    def __init__(self, **kwargs: object) -> None:
        super().__init__(markup=False, **kwargs)  # type: ignore[arg-type]
        self.result: Result | None = None
        self.diff: AssessmentDiff | None = None

    def show(self, result: Result, diff: AssessmentDiff | None) -> None:
        self.result = result
        self.diff = diff
        self._render_rows()

    def _width(self) -> int:
        return self.scrollable_content_region.width or self.size.width or 76

    def _fixed(self) -> int:
        """Columns every row takes besides the name and the bar: the mark, the stage, target
        and index with a space after each, and the change with the space before it."""
        change = self.change_width() + 1 if self.diff is not None else 0
        return 2 + 1 + STAGE_W + 1 + TARGET_W + 1 + INDEX_W + 1 + change

    def name_width(self) -> int:
        """As wide as the longest domain name, as far as the terminal allows; a longer name
        continues on the next line of its row, never the row itself."""
        longest = max((len(d.name) for d in self.result.domains), default=NAME_W) if self.result else NAME_W
        room = self._width() - self._fixed() - MIN_BAR
        if room >= NAME_W:
            return max(len("domain"), min(longest, room))
        # a narrow terminal: the bar keeps its least, the name takes what is left
        return max(len("domain"), min(longest, self._width() - self._fixed() - NARROW_BAR))

    def bar_width(self) -> int:
        return max(NARROW_BAR, self._width() - self._fixed() - self.name_width())

    def change_width(self) -> int:
        """The change column, only when there is a previous assessment to compare with."""
        return CHANGE_W if self.diff is not None else 0

    def header(self) -> Content:
        """The column heads, with the stage ticks over the bar."""
        w = self.bar_width()
        ticks = ["·"] * w
        for stage in range(4):
            pos = min(w - 1, round(stage / 3 * (w - 1)))
            ticks[pos] = str(stage)
        return join(("  " + "domain".ljust(self.name_width()) + " " + "stage".ljust(STAGE_W) + " " + "target".ljust(TARGET_W) + " "
                     + "index".rjust(INDEX_W) + " ", "bold"),
                    ("".join(ticks), "$text-muted"), (" " + "change".rjust(self.change_width()) if self.diff else "", "bold"))

    def _render_rows(self) -> None:
        if self.result is None:
            return
        result = self.result
        weakest = set(weakest_marked(result))
        changes = {c.domain: c for c in self.diff.domains} if self.diff else {}
        w = self.bar_width()
        name_w = self.name_width()
        options = [Option(self.header(), disabled=True)]
        for d in result.domains:
            is_weak = d.domain in weakest
            name, *more = wrapped(d.name, name_w)  # the whole name: what does not fit goes below
            change = changes.get(d.domain)
            if self.diff is None:
                delta, delta_style = "", ""
            elif change is None:
                delta, delta_style = "new", "$text-muted"
            else:
                moved = change.after.index - change.before.index
                delta = f"{moved:+.2f}{ARROWS[change.direction]}" if change.direction != "same" else "="
                delta_style = "$text-success" if moved > 0 else "$text-error" if moved < 0 else "$text-muted"
            style = "bold $text-error" if is_weak else "" if d.is_assessed else "$text-muted"
            label = standing(result, d.domain)[0]
            row = join(
                ("◀ " if is_weak else "  ", "bold $text-error"),
                (name.ljust(name_w), style), " ",
                (label[:STAGE_W].ljust(STAGE_W), style), " ",
                ((d.target.stage_name if d.target else "")[:TARGET_W].ljust(TARGET_W), "$text-muted"), " ",
                (f"{d.index:.2f}" if d.is_assessed else "-").rjust(INDEX_W), " ",
                (bar(d.index, 3.0, w) if d.is_assessed else " " * w, "$text-error" if is_weak else "$text-accent"),
                (" " + delta.rjust(self.change_width()) if self.diff is not None else "", delta_style),
            )
            rest = [join("  ", (line, style)) for line in more]
            options.append(Option(lines([row, *rest]) if rest else row, id=d.domain))
        keep = self.highlighted
        self.set_options(options)
        if len(options) > 1:
            self.highlighted = keep if keep is not None and 0 < keep < len(options) else 1

    def on_resize(self, event: events.Resize) -> None:
        self._render_rows()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))
