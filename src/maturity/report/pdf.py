"""The PDF report, from the same content as the HTML one, drawn with fpdf2 (pure Python; the
optional extra ``maturity[pdf]`` installs it, with tinycss2 and cssselect2 for the charts).

It embeds Noto Sans (with its Arabic and CJK faces where the report needs them) from the
system's fonts, so that any name prints (`pdf_fonts.py`); without them it uses the standard
PDF fonts, where a character beyond Western European text is written as "?", and says so.
"""

from __future__ import annotations

import io
import re
import logging
import unicodedata
from typing import TYPE_CHECKING, Any

from ..common.errors import UsageError
from ..common.formatting import money

if TYPE_CHECKING:  # pragma: no cover
    from .model import Report

STATUS_WORDS = {"achieved": "in place", "partial": "partly in place", "not_started": "not started", "not_applicable": "not applicable"}
_REPLACE = {"€": "EUR ", "−": "-", "–": "-", "—": "-", "→": "->", "←": "<-", "…": "...", "‘": "'", "’": "'",
            "“": '"', "”": '"', "•": "-", "✔": "v", "◀": "<", "·": "-", "\u00a0": " "}
#: characters Noto Sans has no glyph for
_NO_GLYPH = str.maketrans({"→": "->", "←": "<-", "✔": "v", "◀": "<"})
ACCENT = (31, 95, 139)
WARN = (192, 57, 43)
GOOD = (30, 132, 73)
SOFT = (243, 246, 248)


def latin(text: object) -> str:
    """Text the standard PDF fonts can draw."""
    out = []
    for ch in str(text):
        if ch in _REPLACE:
            out.append(_REPLACE[ch])
            continue
        try:
            ch.encode("latin-1")
            out.append(ch)
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", ch).encode("latin-1", "ignore").decode("latin-1")
            out.append(base or "?")
    return "".join(out)


def _fpdf() -> Any:
    try:
        import cssselect2  # noqa: F401  (the charts' styles)
        import fpdf
        import tinycss2  # noqa: F401
    except ImportError:
        raise UsageError("the PDF format needs fpdf2: pip install 'maturity[pdf]'") from None
    # fpdf2 logs each SVG element it does not draw (titles, descriptions); they carry no ink
    logging.getLogger("fpdf.svg").setLevel(logging.ERROR)
    return fpdf


def _coverage(report: Report, heading: Any, text: Any, table: Any) -> None:
    """The section on recognised baselines, as in the other formats."""
    from ..coverage.text import MISSING_WORDS, closer_text, counts_text, title, verdict

    heading("Recognised baselines")
    table(["Baseline", "Met", "Partly met", "Not met", "Unknown", "Not applicable"],
          [[title(b), f"{b.counts.met} of {b.counts.applicable} ({b.counts.percent_met:.0f}%)", str(b.counts.partly), str(b.counts.not_met),
            str(b.counts.unknown), str(b.counts.not_applicable)] for b in report.coverage])
    text("Partly met is never counted as met.", 8.5, colour=(95, 107, 115))
    for b in report.coverage:
        text(title(b), 12, "B", h=7)
        text(counts_text(b.counts) + ".", 9)
        if verdict(b):
            text(verdict(b), 9, "B")
        table(["Theme", "Coverage"], [[t.name, counts_text(t.counts)] for t in b.themes], widths=(50, 77), size=7.5)
        missing = b.missing()
        if missing:
            table(["Missing", "State", "What closes it"],
                  [[i.label, MISSING_WORDS[i.status], closer_text(i, report.profile.currency)] for i in missing], widths=(62, 15, 50), size=7.5)


def render_pdf(report: Report, charts: dict[str, str] | None = None) -> bytes:
    fpdf = _fpdf()
    from .charts import all_charts, with_inline_styles
    from .first_page import first_page

    drawn = all_charts(report) if charts is None else charts
    cur = report.profile.currency

    class Doc(fpdf.FPDF):  # type: ignore[misc,name-defined]
        def footer(self) -> None:
            self.set_y(-12)
            self.set_font(family or "helvetica", "", 8)
            self.set_text_color(110)
            self.cell(0, 6, say(f"{report.title} - {report.generated:%d %B %Y} - page {self.page_no()}"), align="C")

    pdf = Doc(format="A4", unit="mm")
    pdf.set_title(report.title)
    from .pdf_fonts import INSTALL, setup

    family, missing = setup(pdf, report.model_dump_json())
    say = latin if family is None else (lambda value: str(value).translate(_NO_GLYPH))
    font = family or "helvetica"
    pdf.set_creator("maturity")
    pdf.set_auto_page_break(True, margin=16)
    pdf.set_margins(14, 14, 14)
    width = pdf.w - 28

    def text(value: str, size: float = 10, style: str = "", colour: tuple[int, ...] = (29, 35, 39), h: float = 5) -> None:
        pdf.set_font(font, style, size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(width, h, say(value), new_x="LMARGIN", new_y="NEXT")

    def heading(value: str, size: float = 14) -> None:
        pdf.ln(3)
        text(value, size, "B", ACCENT, h=7)
        pdf.set_draw_color(*ACCENT)
        pdf.line(14, pdf.get_y(), 14 + width, pdf.get_y())
        pdf.ln(2)

    def table(head: list[str], rows: list[list[str]], widths: tuple[float, ...] | None = None, size: float = 8.5) -> None:
        pdf.set_font(font, "", size)
        pdf.set_text_color(29, 35, 39)
        pdf.set_draw_color(213, 218, 221)
        with pdf.table(col_widths=widths, text_align="LEFT", line_height=1.35 * size / 2.6,
                       headings_style=fpdf.FontFace(emphasis="BOLD", fill_color=SOFT), width=width) as t:
            t.row([say(h) for h in head])
            for row in rows:
                t.row([say(c) for c in row])
        pdf.ln(2)

    def chart(name: str, w: float, x: float | None = None, y: float | None = None) -> None:
        svg = drawn.get(name)
        if svg:
            styled = with_inline_styles(svg)
            # every text of the chart in the embedded family, whatever font pygal named
            styled = latin(styled) if family is None else re.sub(r"font-family:[^;\"]*", f"font-family:{family}", styled)
            pdf.image(io.BytesIO(styled.encode("utf-8")), x=x, y=y, w=w)

    # -- the one-page summary --------------------------------------------------------------
    pdf.add_page()
    text(report.title, 18, "B", h=8)
    if report.source.kind == "assessment":
        source = f"Assessment #{report.source.assessment_id} of {report.source.date:%d %B %Y}"
    else:
        source = f"Answer file {report.source.path}"
    facts = [source, f"report of {report.generated:%d %B %Y}"]
    if report.profile.industry:
        facts.append(report.profile.industry)
    if report.profile.size:
        facts.append(f"{report.profile.size} people")
    if report.profile.budget is not None:
        facts.append(f"budget {money(report.profile.budget, cur)} a year")
    text(" - ".join(facts), 9, colour=(95, 107, 115))
    if report.redacted:
        text("Redacted for sharing: notes, evidence, free-text answers and not-applicable reasons are left out.", 9, "B", WARN)
    if missing:
        text(f"Some names here need fonts that are not installed ({', '.join(missing)}) and show as \"?\": {INSTALL}.", 8.5, "B", WARN)
    page = first_page(report)
    heading("Where the business stands", 12)
    if page.stand:
        pdf.set_font(font, "", 9)
        pdf.set_text_color(29, 35, 39)
        pdf.set_draw_color(213, 218, 221)
        with pdf.table(col_widths=(40, 42, 30, 30), text_align="LEFT", line_height=4.6, width=width,
                       headings_style=fpdf.FontFace(emphasis="BOLD", fill_color=SOFT)) as t:
            t.row(["Domain", "Stage now", "Target", "How far"])
            for d in page.stand:
                row = t.row()
                row.cell(say(d.name), style=fpdf.FontFace(emphasis="BOLD", color=GOOD if d.at_target else WARN))
                for cell in (d.stage, d.target, d.progress):
                    row.cell(say(cell))
        text("Domain names in green: at target; in red: below target.", 8, colour=(95, 107, 115), h=4)
    if page.not_assessed:
        text(page.not_assessed, 9, colour=(95, 107, 115), h=4.4)
    heading("The three biggest risks", 12)
    for n, w in enumerate(page.risks, start=1):
        text(f"{n}. {w}", 8.8, h=4.3)
    if not page.risks:
        text("No loss the figures can name is left to expect.", 9)
    heading("The next steps", 12)
    if page.steps:
        table(["Step", "Who", "By", "Cost"], [[s.name, s.who, s.by, s.cost] for s in page.steps], widths=(52, 42, 24, 64), size=8.5)
    for n in page.steps_notes:
        text(n, 8, colour=(95, 107, 115), h=4)
    heading("The year's expected return", 12)
    for w in page.year or ["No plan for the year."]:
        text(w, 9, h=4.4)
    if page.baselines:
        pdf.ln(1)
        text("Recognised baselines: " + "; ".join(page.baselines) + ".", 9, h=4.4)

    # -- the domains in detail -------------------------------------------------------------
    pdf.add_page()
    heading("The domains in detail")
    # one chart above the other, wide enough for their labels to print at the text's size
    top = pdf.get_y() + 1
    chart("radar", 170, x=14 + (width - 170) / 2, y=top)
    pdf.set_y(top + 170 * 520 / 980 + 2)
    top = pdf.get_y()
    chart("bars", 112, x=14 + (width - 112) / 2, y=top)
    pdf.set_y(top + 112 * (150 + 44 * max(1, len(report.assessed))) / 560 + 2)
    head = ["Domain", "Stage", "Target", "Index", "Progress"] + (["Peers"] if report.benchmark else [])
    rows = []
    for d in report.assessed:
        row = [d.name + (" (weakest)" if d.weakest else ""), d.label or d.stage_name, d.target_text, f"{d.index:.2f}", f"{d.percent:.0f}%"]
        if report.benchmark:
            row.append(f"{d.peers:.2f}" if d.peers is not None else "-")
        rows.append(row)
    if rows:
        table(head, rows)
    text(report.benchmark_note, 8, colour=(95, 107, 115), h=4)
    if report.weakest_link:
        pdf.ln(1)
        text(report.weakest_link.text, 10, "B", WARN)
    pdf.ln(1)
    text("Why these next steps", 11, "B", h=6)
    for n, s in enumerate(report.next_steps, start=1):
        text(f"{n}. {s.name} ({s.domain}) - {s.cost_text}", 9.5, "B", h=4.8)
        for w in s.why[:2]:
            text(f"    {w}", 8.5, colour=(95, 107, 115), h=4.2)
    pdf.ln(1)
    text("What changed", 11, "B", h=6)
    for c in report.changes[:6]:
        text(f"- {c}", 8.5, h=4.2)

    # -- the rest --------------------------------------------------------------------------
    pdf.add_page()
    if report.comparison:
        c = report.comparison
        heading(f"Comparison of #{c.a} ({c.a_date:%d %b %Y}) and #{c.b} ({c.b_date:%d %b %Y})")
        table(["Domain", "Before", "After", "Index before", "Index after", "Change"],
              [[m.name, m.stage_before, m.stage_after, f"{m.index_before:.2f}", f"{m.index_after:.2f}", f"{m.index_after - m.index_before:+.2f}"] for m in c.domains])
        if c.capabilities:
            table(["Capability", "Domain", "Before", "After", "Credit before", "Credit after"],
                  [[m.name, report.domain_name(m.domain), STATUS_WORDS.get(m.status_before, m.status_before), STATUS_WORDS.get(m.status_after, m.status_after),
                    f"{100 * m.credit_before:.0f}%", f"{100 * m.credit_after:.0f}%"] for m in c.capabilities])
        for n in c.not_compared:
            text(n, 8.5, colour=(95, 107, 115))
    if report.coverage:
        _coverage(report, heading, text, table)
    heading("Domain by domain")
    for dd in report.assessed_details:
        text(dd.name, 12, "B", h=7)
        rows = []
        for cap in dd.capabilities:
            parts = [f"Not applicable: {cap.not_applicable_reason}"] if cap.not_applicable_reason else []
            for a in cap.answers:
                line = f"{a.question} {a.answer}"
                if a.confidence:
                    line += f" (confidence {a.confidence})"
                if a.note:
                    line += f"\nNote: {a.note}"
                if a.evidence:
                    line += f"\nEvidence: {'; '.join(a.evidence)}"
                parts.append(line)
            rows.append([cap.name, cap.stage, STATUS_WORDS.get(cap.status, cap.status), f"{100 * cap.credit:.0f}%", "\n".join(parts)])
        table(["Capability", "Stage", "State", "Credit", "Answers"], rows, widths=(30, 14, 14, 9, 60), size=7.5)
    if report.peer_figures is not None:
        heading("Beside businesses like yours")
        text(report.peer_figures.note, 8.5, colour=(95, 107, 115))
        for c in report.peer_figures.shown:
            text(f"{c.sentence} Source: {c.source.survey}, {c.source.publisher} ({c.source.url}).", 9)
        for x in report.peer_figures.left_out:
            text(x.sentence, 8.5, colour=(95, 107, 115))
    heading("Roadmap")
    if report.roadmap:
        r = report.roadmap
        each = f"with {r.money_held}" if r.money_held else "with no budget limit"
        text(f"{len(r.periods)} quarters {each}; {money(r.total_cost, cur)} planned in all.", 9)
        rows = []
        numbers = [p.number for p in r.periods]
        for p in r.periods:
            for i in p.items:
                rows.append([i.name, money(i.cost, cur)] + [("start" if n == i.start else "====") if i.start <= n <= i.finishes else "" for n in numbers])
        if rows:
            table(["Investment", "Cost"] + [f"Q{n}" for n in numbers], rows)
    for n in report.roadmap_notes:
        text(n, 8.5, colour=(95, 107, 115))
    heading("Trend")
    if "trend" in drawn:
        if pdf.get_y() > pdf.h - 110:
            pdf.add_page()
        chart("trend", width)
    if report.trend:
        shown = report.in_trend
        table(["Assessment", "Date"] + [d.name for d in shown],
              [[f"#{t.assessment_id}", f"{t.date:%d %b %Y}"] + [f"{t.indices[d.domain]:.2f}" if d.domain in t.indices else "-" for d in shown] for t in report.trend],
              size=7.5)
    else:
        text("No saved assessments: a report of an answer file has no history.", 9)
    heading("Investments")
    if report.investments:
        if "kpis" in drawn:
            chart("kpis", 120)
        table(["Investment", "Planned", "Spent", "Benefit", "ROI", "Payback", "KPI progress"],
              [[i.capability, money(i.planned_cost, cur), money(i.cost_to_date, cur), money(i.benefit_to_date, cur),
                f"{100 * i.roi:+.0f}%" if i.roi is not None else "-",
                (f"{i.payback:%b %Y}" + (" (estimate)" if i.payback_estimated else "")) if i.payback else "-",
                f"{100 * i.kpi_progress:.0f}%" if i.kpi_progress is not None else "-"] for i in report.investments])
    else:
        text("No investments recorded.", 9)
    heading("Where these figures come from")
    table(["Questionnaire, plugin or baseline", "Version"],
          [[f"questionnaire {q}", v] for q, v in report.trace.questionnaires.items()] + [[f"plugin {p}", v or "-"] for p, v in report.trace.plugins.items()]
          + [[f"baseline {b.id}", b.version] for b in report.coverage])
    text(f"Content hash: {report.trace.content_hash}", 8)
    for w in report.warnings:
        text(f"Note: {w}", 8.5, colour=(95, 107, 115))
    return bytes(pdf.output())
