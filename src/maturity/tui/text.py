"""Building what the app shows from text it does not control.

Questionnaire, plugin and user text reaches the screen only through these helpers, which make
`Content` objects: Textual never parses them as markup, so `[bold]` or `[@click=app.quit]` in a
question is shown exactly as typed and does nothing. Control characters are shown as escapes
(`\\e`), never sent to the terminal: a name holding `ESC ] 0 ; … BEL` cannot retitle the window,
and a right-to-left override cannot turn what follows it around. The rule is the one every
command and report follows (:mod:`maturity.common.termtext`).
"""

from __future__ import annotations

from typing import Iterable, Union

from textual.content import Content

from ..common.termtext import shown_block

Piece = Union[str, tuple[str, str], Content]


def printable(text: object) -> str:
    """`text` with every control character written out as an escape, e.g. ``\\e`` or
    ``\\u202e`` (line breaks and tabs kept)."""
    return shown_block(text)


def literal(text: object, style: str = "") -> Content:
    """`text` as it is (control characters written out), optionally in one style."""
    content = Content(printable(text))
    return content.stylize(style) if style else content


def join(*pieces: Piece) -> Content:
    """Concatenate literal pieces: plain strings, (text, style) pairs, or Content."""
    parts: list[Content] = []
    for piece in pieces:
        if isinstance(piece, Content):
            parts.append(piece)
        elif isinstance(piece, tuple):
            parts.append(literal(piece[0], piece[1]))
        else:
            parts.append(literal(piece))
    return Content("").join(parts)


def lines(items: Iterable[Content | str]) -> Content:
    """One Content with each item on its own line."""
    return Content("\n").join(item if isinstance(item, Content) else literal(item) for item in items)


def hanging(body: Content | str, width: int | None, first: str = "  • ", rest: str = "    ") -> list[Content]:
    """`body` after `first`, wrapped to `width` columns with each further line indented by
    `rest`, so that a bullet or an indented line keeps its indent when it wraps (the styles of
    `body` are kept). Without a width, one line."""
    content = body if isinstance(body, Content) else literal(body)
    if width is None:
        return [literal(first) + content]
    pieces = content.wrap(max(10, width - max(len(first), len(rest))))
    return [literal(first) + pieces[0]] + [literal(rest) + piece for piece in pieces[1:]]


BLOCKS = " ▏▎▍▌▋▊▉█"
SPARKS = "▁▂▃▄▅▆▇█"


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar of `width` cells with eighth-cell resolution, padded with spaces."""
    filled = max(0.0, min(1.0, value / maximum if maximum else 0.0)) * width
    full = int(filled)
    part = int(round((filled - full) * 8))
    if part == 8:
        full, part = full + 1, 0
    text = "█" * full + (BLOCKS[part] if part and full < width else "")
    return text.ljust(width)


def spark(values: Iterable[float], maximum: float) -> str:
    """A sparkline on an absolute scale 0..maximum, one cell per value."""
    out = []
    for value in values:
        share = max(0.0, min(1.0, value / maximum if maximum else 0.0))
        out.append(SPARKS[min(len(SPARKS) - 1, int(round(share * (len(SPARKS) - 1))))])
    return "".join(out)


def wrapped(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` columns, broken between words (a word longer than the
    line is cut): for names that must be shown whole where a line is too short."""
    import textwrap

    return textwrap.wrap(text, width=max(1, width), break_on_hyphens=False) or [""]


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells with an ellipsis when it is longer."""
    if width <= 0:
        return ""
    text = printable(text)
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def count(number: int, noun: str, plural: str = "") -> str:
    """`3 answers`, `1 answer`."""
    return f"{number} {noun if number == 1 else (plural or noun + 's')}"


def percent(share: float) -> str:
    """A share as a whole percentage, rounded down: 0.667 is "66%", so that a capability just
    short of the 67% that counts as in place never shows as 67%."""
    return f"{int(share * 100 + 1e-9)}%"


def name_block(lead: Piece, name: object, width: int, *, style: str = "", tail: tuple[Piece, ...] = ()) -> Content:
    """A row that shows a name whole: `lead` (a mark or a rank), the name wrapped to `width`
    columns under itself, and `tail` (a percentage, a state) after its last line, or on a line
    of its own when it does not fit there."""
    lead_content = join(lead)
    indent = lead_content.cell_length
    room = max(10, width - indent)
    parts = wrapped(printable(name), room)
    rows = [join(lead_content if i == 0 else " " * indent, (part, style)) for i, part in enumerate(parts)]
    if tail:
        tail_content = join(*tail)
        if len(parts[-1]) + tail_content.cell_length <= room:
            rows[-1] = join(rows[-1], tail_content)
        else:
            rows.append(join(" " * indent, tail_content))
    return lines(rows)
