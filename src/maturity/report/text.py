"""The Markdown and CSV reports, and the JSON one."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ..common.formatting import money

if TYPE_CHECKING:  # pragma: no cover
    from .model import Report

STATUS_WORDS = {"achieved": "in place", "partial": "partly in place", "not_started": "not started", "not_applicable": "not applicable"}
_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|#"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " ", "\r": " "})


def md(text: object) -> str:
    """Text made inert in Markdown: no markup, no HTML, no table break."""
    return str(text).translate(_MD_SPECIAL)


def render_markdown(report: Report) -> str:
    cur = report.profile.currency
    out: list[str] = [f"# {md(report.title)}", ""]
    if report.source.kind == "assessment":
        source = f"Assessment #{report.source.assessment_id} of {report.source.date:%d %B %Y}"
    else:
        source = f"Answer file {md(report.source.path)}"
    facts = [source, f"report of {report.generated:%d %B %Y}"]
    if report.profile.industry:
        facts.append(md(report.profile.industry))
    if report.profile.size:
        facts.append(f"{report.profile.size} people")
    if report.profile.budget is not None:
        facts.append(f"yearly technology budget {money(report.profile.budget, cur)}")
    out += [" · ".join(facts), ""]
    if report.redacted:
        out += ["> Redacted for sharing: notes, evidence, free-text answers and not-applicable reasons are left out.", ""]
    from .first_page import first_page

    page = first_page(report)
    out += ["## Where the business stands", ""]
    if page.stand:
        out += ["| Domain | Stage now | Target | How far |", "|---|---|---|---|"]
        out += [f"| {md(d.name)} | {md(d.stage)} | {md(d.target)} | {md(d.progress)} |" for d in page.stand]
        out.append("")
    if page.not_assessed:
        out += [md(page.not_assessed), ""]
    out += ["## The three biggest risks", ""]
    out += [f"{n}. {md(w)}" for n, w in enumerate(page.risks, start=1)] or ["No loss the figures can name is left to expect."]
    out += ["", "## The next steps", ""]
    if page.steps:
        out += ["| Step | Who | By | Cost |", "|---|---|---|---|"]
        out += [f"| {md(s.name)} | {md(s.who)} | {md(s.by)} | {md(s.cost)} |" for s in page.steps]
        out.append("")
    out += [md(n) for n in page.steps_notes]
    out += ["", "## The year's expected return", ""] + ([md(w) for w in page.year] or ["No plan for the year."])
    if page.baselines:
        out += ["", "Recognised baselines: " + md("; ".join(page.baselines)) + "."]
    out += ["", "## The domains in detail", ""]
    head = "| Domain | Stage | Target | Index | Progress |" + (" Peers |" if report.benchmark else "")
    out += [head, "|---|---|---|---:|---:|" + ("---:|" if report.benchmark else "")]
    for d in report.assessed:
        name = f"**{md(d.name)}**" if d.weakest else md(d.name)
        row = f"| {name} | {md(d.label or d.stage_name)} | {md(d.target_text)} | {d.index:.2f} | {d.percent:.0f}% |"
        if report.benchmark:
            row += f" {d.peers:.2f} |" if d.peers is not None else " – |"
        out.append(row)
    out += ["", md(report.benchmark_note), ""]
    if report.weakest_link:
        out += [f"**{md(report.weakest_link.text)}**", ""]
    out += ["### Why these next steps", ""]
    for n, s in enumerate(report.next_steps, start=1):
        out.append(f"{n}. **{md(s.name)}** ({md(s.domain)}), {s.cost_text}")
        out += [f"   - {md(w)}" for w in s.why[:2]]
    out += ["", "### What changed", ""] + [f"- {md(c)}" for c in report.changes] + [""]
    if report.comparison:
        c = report.comparison
        out += [f"## Comparison of #{c.a} ({c.a_date:%d %b %Y}) and #{c.b} ({c.b_date:%d %b %Y})", ""]
        out += ["| Domain | Before | After | Index before | Index after | Change |", "|---|---|---|---:|---:|---:|"]
        for m in c.domains:
            out.append(f"| {md(m.name)} | {md(m.stage_before)} | {md(m.stage_after)} | {m.index_before:.2f} | {m.index_after:.2f} | {m.index_after - m.index_before:+.2f} |")
        out += ["", "| Capability | Domain | Before | After | Credit before | Credit after |", "|---|---|---|---|---:|---:|"]
        if not c.capabilities:
            out.append("| no capability moved | | | | | |")
        for cap in c.capabilities:
            out.append(
                f"| {md(cap.name)} | {md(report.domain_name(cap.domain))} | {STATUS_WORDS.get(cap.status_before, cap.status_before)} | "
                f"{STATUS_WORDS.get(cap.status_after, cap.status_after)} | {100 * cap.credit_before:.0f}% | {100 * cap.credit_after:.0f}% |"
            )
        out += [""] + [md(n) for n in c.not_compared] + [""]
    if report.coverage:
        out += coverage_markdown(report)
    out += ["## Domain by domain", ""]
    for dd in report.assessed_details:
        out += [f"### {md(dd.name)}", "", "| Capability | Stage | State | Credit | Answers |", "|---|---|---|---:|---|"]
        for cap in dd.capabilities:
            parts = []
            if cap.not_applicable_reason:
                parts.append(f"Not applicable: {md(cap.not_applicable_reason)}")
            for a in cap.answers:
                text = f"{md(a.question)} **{md(a.answer)}**"
                if a.confidence:
                    text += f" (confidence {a.confidence})"
                if a.note:
                    text += f"; note: {md(a.note)}"
                if a.evidence:
                    text += f"; evidence: {md('; '.join(a.evidence))}"
                parts.append(text)
            out.append(f"| {md(cap.name)} | {md(cap.stage)} | {STATUS_WORDS.get(cap.status, cap.status)} | {100 * cap.credit:.0f}% | {'<br>'.join(parts)} |")
        out.append("")
    out += survey_markdown(report)
    out += ["## Roadmap", ""]
    if report.roadmap:
        r = report.roadmap
        each = f"with {r.money_held}" if r.money_held else "with no budget limit"
        out += [f"{len(r.periods)} quarters {each}; {money(r.total_cost, cur)} planned in all.", ""]
        for p in r.periods:
            items = ", ".join(f"{md(i.name)} ({money(i.cost, cur)})" for i in p.items) or "nothing new"
            more = f"; continuing: {', '.join(md(c) for c in p.continuing)}" if p.continuing else ""
            out.append(f"- **Q{p.number}** ({money(p.cost, cur)}): {items}{more}")
        out.append("")
    out += [md(n) for n in report.roadmap_notes] + [""]
    if report.trend:
        shown = report.in_trend
        out += ["## Trend", "", "| Assessment | Date | " + " | ".join(md(d.name) for d in shown) + " |",
                "|---|---|" + "---:|" * len(shown)]
        for t in report.trend:
            cells = " | ".join(f"{t.indices[d.domain]:.2f}" if d.domain in t.indices else "–" for d in shown)
            out.append(f"| #{t.assessment_id} | {t.date.isoformat()} | {cells} |")
        out.append("")
    if report.investments:
        out += ["## Investments", "", "| Investment | Planned | Spent | Benefit | ROI | Payback | KPI progress |", "|---|---:|---:|---:|---:|---|---:|"]
        for i in report.investments:
            roi = f"{100 * i.roi:+.0f}%" if i.roi is not None else "–"
            payback = (f"{i.payback:%b %Y}" + (" (estimate)" if i.payback_estimated else "")) if i.payback else "–"
            kpi = f"{100 * i.kpi_progress:.0f}%" if i.kpi_progress is not None else "–"
            out.append(f"| {md(i.capability)} | {money(i.planned_cost, cur)} | {money(i.cost_to_date, cur)} | {money(i.benefit_to_date, cur)} | {roi} | {payback} | {kpi} |")
        out.append("")
    out += ["## Where these figures come from", ""]
    out += [f"- questionnaire {md(q)} {md(v)}" for q, v in report.trace.questionnaires.items()]
    out += [f"- plugin {md(p)} {md(v) or '–'}" for p, v in report.trace.plugins.items()]
    out += [f"- baseline {md(b.id)} {md(b.version)}" for b in report.coverage]
    out += [f"- content hash `{report.trace.content_hash}`", ""]
    out += [f"Note: {md(w)}" for w in report.warnings]
    return "\n".join(out).rstrip() + "\n"


def survey_markdown(report: Report) -> list[str]:
    """The published survey figures beside the business's answers, when any match it."""
    from ..assessment.peers import basis_words

    figures = report.peer_figures
    if figures is None:
        return []
    out = ["## Beside businesses like yours", "", md(figures.note), ""]
    out += [f"- {md(c.sentence)} Source: [{md(c.source.survey)}]({c.source.url}), {md(c.source.publisher)}; "
            f"asked: “{md(c.source.wording)}”; {basis_words(c.source.basis)}." for c in figures.shown]
    out += [f"- {md(x.sentence)}" for x in figures.left_out]
    return out + [""]


def coverage_markdown(report: Report) -> list[str]:
    """The section on recognised baselines: counts per baseline, then what is missing in each."""
    from ..coverage.text import MISSING_WORDS, closer_text, counts_text, title, verdict

    cur = report.profile.currency
    out = ["## Recognised baselines", "", "| Baseline | Met | Partly met | Not met | Unknown | Not applicable |", "|---|---:|---:|---:|---:|---:|"]
    for b in report.coverage:
        c = b.counts
        out.append(f"| {md(title(b))} | {c.met} of {c.applicable} ({c.percent_met:.0f}%) | {c.partly} | {c.not_met} | {c.unknown} | {c.not_applicable} |")
    out += ["", "Partly met is never counted as met.", ""]
    for b in report.coverage:
        out += [f"### {md(title(b))}", "", counts_text(b.counts) + "."]
        said = verdict(b)
        if said:
            out += ["", f"**{md(said)}**"]
        out += ["", "| Theme | Coverage |", "|---|---|"] + [f"| {md(t.name)} | {md(counts_text(t.counts))} |" for t in b.themes] + [""]
        missing = b.missing()
        if missing:
            out += ["| Missing | State | What closes it |", "|---|---|---|"]
            out += [f"| {md(i.label)} | {MISSING_WORDS[i.status]} | {md(closer_text(i, cur))} |" for i in missing]
            out.append("")
    return out


CSV_COLUMNS = (
    "organisation", "assessment", "date", "domain", "domain_name", "domain_stage", "domain_index", "capability",
    "capability_name", "stage", "status", "credit", "questions", "answered", "dont_know", "unanswered",
    "not_applicable_reason", "peers_domain_index", "status_before", "credit_before",
)


def _cell(value: object) -> str:
    # a cell starting with = + - @ would run as a formula in a spreadsheet
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def render_csv(report: Report) -> str:
    """One row per capability, for spreadsheets."""
    from .model import CapabilityMove

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    domains = {d.domain: d for d in report.domains}
    moves: dict[str, CapabilityMove] = {m.id: m for m in report.comparison.capabilities} if report.comparison else {}
    when = report.source.date.isoformat() if report.source.date else report.generated.isoformat()
    for dd in report.details:
        d = domains[dd.domain]
        for cap in dd.capabilities:
            move = moves.get(cap.id)
            before = (move.status_before, f"{move.credit_before:.4f}") if move else (("", "") if not report.comparison else (cap.status, f"{cap.credit:.4f}"))
            writer.writerow([_cell(v) for v in (
                report.profile.name, report.source.assessment_id or "", when, d.domain, d.name, d.stage_name,
                f"{d.index:.4f}" if d.assessed else "", cap.id, cap.name, cap.stage, cap.status, f"{cap.credit:.4f}", cap.questions,
                cap.answered, cap.dont_know, cap.unanswered, cap.not_applicable_reason,
                f"{d.peers:.4f}" if d.peers is not None else "", *before,
            )])
    # then one row per baseline item: the baseline in the domain columns, the item in the
    # capability columns, its theme in `stage` and its coverage in `status`
    for b in report.coverage:
        themes = {t.id: t.name for t in b.themes}
        for item in b.items:
            writer.writerow([_cell(v) for v in (
                report.profile.name, report.source.assessment_id or "", when, f"baseline:{b.key}", b.name, "",
                f"{b.counts.percent_met / 100:.4f}", item.id, item.label, themes.get(item.theme, item.theme), item.status,
                "", "", "", "", "", item.reason if item.status == "not_applicable" else "", "", "", "",
            )])
    return buffer.getvalue()


def render_json(report: Report) -> str:
    return report.model_dump_json(indent=2) + "\n"
