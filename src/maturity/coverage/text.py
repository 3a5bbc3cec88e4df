"""Coverage in words, the same for the command line, the assessment summary, the Markdown report
and the app: the counts of a baseline, per theme, and what closes each missing item."""

from __future__ import annotations

from ..common.formatting import hours, money
from .models import BaselineCoverage, Closer, Counts, Coverage, ItemCoverage

#: how an item's status reads in a list of what is missing
MISSING_WORDS = {"partly": "partly met", "not_met": "not met", "unknown": "unknown"}


def counts_text(counts: Counts) -> str:
    """"3 of 25 met (12 %), 5 partly met, 15 not met, 2 unknown" (partly met never counts as met)."""
    if not counts.applicable:
        return "not applicable" if counts.total else "nothing to count"
    parts = [f"{counts.met} of {counts.applicable} met ({counts.percent_met:.0f} %)"]
    for value, words in ((counts.partly, "partly met"), (counts.not_met, "not met"), (counts.unknown, "unknown")):
        if value:
            parts.append(f"{value} {words}")
    if counts.not_applicable:
        parts.append(f"{counts.not_applicable} not applicable")
    return ", ".join(parts)


def title(b: BaselineCoverage) -> str:
    """The baseline as an owner reads it: its plain name and when that edition was published
    ("Australian Essential Eight, maturity level 1, as published in November 2023"); the
    version number is for auditors (the report's last section, `--json`)."""
    return f"{b.name}, as published in {b.date:%B %Y}"


def verdict(b: BaselineCoverage) -> str:
    """One sentence on the baseline as a whole: held by certificate, failed by a hard rule, or met."""
    if b.certificate:
        return f"Met by the certificate held: {b.certificate}."
    if b.automatic_fails:
        labels = [i.label for i in b.items if i.id in b.automatic_fails]
        return "Fails as a whole: a rule of the baseline that allows no exception is not met: " + "; ".join(labels) + "."
    if b.counts.applicable and b.counts.met == b.counts.applicable:
        return "Every requirement is met."
    return ""


def summary_line(b: BaselineCoverage) -> str:
    """The one line of the assessment summary: the baseline and its counts."""
    fails = "; fails a rule that allows no exception" if b.automatic_fails else ""
    held = "; certificate held" if b.certificate else ""
    return f"{b.name}: {counts_text(b.counts)}{fails}{held}"


def cost_text(closer: Closer, currency: str) -> str:
    if closer.in_place:
        return "already in place; the answers below fall short"
    parts = []
    if closer.one_off:
        parts.append(f"{money(closer.one_off, currency)} one-off")
    if closer.yearly:
        parts.append(f"{money(closer.yearly, currency)} a year")
    parts.append(f"{hours(closer.hours)} of staff time")
    return ", ".join(parts)


def missing_lines(item: ItemCoverage, currency: str, *, refs: bool) -> list[str]:
    head = f"{item.id}  " if refs else ""
    lines = [f"{head}{item.label} ({MISSING_WORDS[item.status]})"]
    pad = " " * len(head)
    if item.closed_by is not None:
        c = item.closed_by
        lines.append(f"{pad}  closed by: {c.name} ({cost_text(c, currency)})")
        for short in c.short:
            given = f"answered \"{short.given}\"" if short.given is not None else "not answered"
            lines.append(f"{pad}  \"{short.text}\" {given}; needs \"{short.needed}\"")
    if item.reason:
        lines.append(f"{pad}  {item.reason}")
    return lines


def render_baseline(b: BaselineCoverage, currency: str, *, missing: bool = True, refs: bool = True) -> str:
    out = [title(b), f"  {counts_text(b.counts)}"]
    said = verdict(b)
    if said:
        out.append(f"  {said}")
    width = max(len(t.name) for t in b.themes)
    for theme in b.themes:
        reached = "" if theme.reached is None else ("  level reached" if theme.reached else "  level not reached")
        out.append(f"    {theme.name.ljust(width)}  {counts_text(theme.counts)}{reached}")
    gaps = b.missing()
    if missing and gaps:
        out.append("  What is missing:")
        for item in gaps:
            out += [f"    {line}" for line in missing_lines(item, currency, refs=refs)]
    return "\n".join(out) + "\n"


def closer_text(item: ItemCoverage, currency: str) -> str:
    """What closes a missing item, in one line for reports and the app."""
    if item.closed_by is None:
        return item.reason
    c = item.closed_by
    return f"{c.name} ({cost_text(c, currency)})"


def render_coverage(cov: Coverage, *, missing: bool = True, refs: bool = True) -> str:
    """The text of `maturity coverage`: each baseline, its themes and what is missing."""
    name = f"{cov.profile_name}: " if cov.profile_name else ""
    out = [f"{name}coverage of {len(cov.baselines)} recognised baseline{'s' if len(cov.baselines) != 1 else ''}", ""]
    for b in cov.baselines:
        out.append(render_baseline(b, cov.currency, missing=missing, refs=refs))
    out.append("Partly met is never counted as met. An item is unknown when a question it needs is not answered.")
    return "\n".join(out) + "\n"


__all__ = ["closer_text", "counts_text", "render_baseline", "render_coverage", "summary_line", "title", "verdict"]
