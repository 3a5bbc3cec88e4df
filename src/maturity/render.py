"""Plain-text, DOT and Mermaid renderings shared by the command line and reports."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .models import STAGE_LABELS, Result

if TYPE_CHECKING:  # pragma: no cover
    from .catalog import Catalog

STATE_MARK = {"achieved": "✔", "next": "→", "blocked": "·", "not_applicable": "–", "partial": "◐"}


def bar(value: float, maximum: float, width: int = 24) -> str:
    """A bar of `width` cells with eighth-block resolution."""
    blocks = " ▏▎▍▌▋▊▉█"
    filled = max(0.0, min(1.0, value / maximum if maximum else 0.0)) * width
    full = int(filled)
    part = int(round((filled - full) * 8))
    if part == 8:
        full, part = full + 1, 0
    text = "█" * full + (blocks[part] if part and full < width else "")
    return text.ljust(width, "·")


def render_result(result: Result, catalog: Catalog) -> str:
    lines = []
    title = f"Maturity of {result.profile_name}" if result.profile_name else "Maturity"
    lines += [title, "=" * len(title), ""]
    name_w = min(22, max(len(d.name) for d in result.domains)) if result.domains else 10
    lines.append(f"{'domain'.ljust(name_w)}  {'stage'.ljust(13)} {'index'.rjust(5)}  {'0' + ' ' * 22 + '3'}  {'target'.rjust(6)}")
    for d in result.domains:
        weakest = result.weakest_link and d.domain in result.weakest_link.domains
        mark = "  ◀ weakest link" if weakest else ""
        lines.append(
            f"{_clip(d.name, name_w).ljust(name_w)}  {d.stage_name.ljust(13)} {d.index:5.2f}  {bar(d.index, 3.0)}  {d.percent:5.1f}%{mark}"
        )
    lines.append("")
    if result.weakest_link:
        names = ", ".join(result.domain(x).name for x in result.weakest_link.domains)
        lines.append(f"Weakest link: {names} at {result.weakest_link.stage_name}. Overall maturity is only as strong as this.")
    lines.append("Index: the stage reached plus progress into the next (1.40 = Fundamentals done, 40 % of Intermediate).")
    lines.append("Target: share of everything that applies to you, weighted by credit.")
    lines.append("")
    for d in result.domains:
        gaps = [
            c for c in catalog.questionnaire(d.domain).capabilities
            if result.capabilities[c.id].stage == d.stage + 1 and result.capabilities[c.id].status not in ("achieved", "not_applicable")
        ]
        notes = []
        if open_questions := result.open_questions(d.domain):
            notes.append(f"{open_questions} unanswered")
        if d.dont_know:
            notes.append(f"{d.dont_know} don't know (counted as no)")
        if d.not_applicable:
            notes.append(f"{d.not_applicable} {'capability' if d.not_applicable == 1 else 'capabilities'} not applicable")
        if d.low_confidence:
            notes.append(f"low confidence: {', '.join(d.low_confidence)}")
        applicable = d.capabilities - d.not_applicable
        head = f"{d.name} {d.version}: {d.achieved} of {applicable} {'capability' if applicable == 1 else 'capabilities'} achieved"
        lines.append(head + (f"; {'; '.join(notes)}" if notes else ""))
        if gaps and d.stage < 3:
            target = catalog.questionnaire(d.domain).stage_label(d.stage + 1)
            shown = ", ".join(f"{c.name} ({percent_down(result.capabilities[c.id].credit)})" for c in gaps[:4])
            more = f", and {len(gaps) - 4} more" if len(gaps) > 4 else ""
            lines.append(f"  To reach {target}: {shown}{more}")
    for warning in result.warnings:
        lines.append(f"Note: {warning}")
    return "\n".join(lines) + "\n"


def percent_down(credit: float) -> str:
    """A credit as a whole percentage rounded down, so 0.667 (not achieved) never reads 67 %."""
    return f"{int(credit * 100 + 1e-9)}%"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def capability_states(catalog: Catalog, result: Result | None) -> dict[str, str]:
    """achieved, next (on the frontier), blocked, or not_applicable for every capability."""
    if result is None:
        return {}
    done = result.achieved()
    skip = {cid for cid, c in result.capabilities.items() if c.status == "not_applicable"}
    frontier = set(catalog.graph.frontier(done, skip))
    states = {}
    for cid in catalog.capabilities:
        if cid in done:
            states[cid] = "achieved"
        elif cid in skip:
            states[cid] = "not_applicable"
        elif cid in frontier:
            states[cid] = "next"
        else:
            states[cid] = "blocked"
    return states


def render_graph(catalog: Catalog, fmt: str = "text", domain: str | None = None, result: Result | None = None) -> str:
    graph = catalog.graph
    ids = [cid for cid in graph.topological_order() if domain is None or catalog.domain_of[cid] == domain]
    states = capability_states(catalog, result)
    if fmt == "dot":
        return _dot(catalog, ids, domain, states)
    if fmt == "mermaid":
        return _mermaid(catalog, ids, domain, states)
    if fmt == "json":
        edges = graph.edges(domain)
        return json.dumps(
            {
                "nodes": [
                    {
                        "id": cid,
                        "name": catalog.capabilities[cid].name,
                        "domain": catalog.domain_of[cid],
                        "stage": catalog.capabilities[cid].stage,
                        "requires": graph.requires(cid),
                        "enhances": graph.enhances(cid),
                        **({"state": states[cid]} if states else {}),
                    }
                    for cid in ids
                ],
                "edges": [{"from": a, "to": b} for a, b in edges],
                "soft_edges": [{"from": a, "to": b} for a, b in graph.soft_edges(domain)],
            },
            indent=2,
        ) + "\n"
    lines = []
    current_stage = None
    for cid in sorted(ids, key=lambda c: (catalog.capabilities[c].stage_number, graph.position(c))):
        cap = catalog.capabilities[cid]
        q = catalog.questionnaire(catalog.domain_of[cid])
        if cap.stage_number != current_stage:
            current_stage = cap.stage_number
            heading = q.stage_label(current_stage) if domain else STAGE_LABELS[current_stage]
            if lines:
                lines.append("")
            lines += [heading, "-" * len(heading)]
        mark = f"{STATE_MARK[states[cid]]} " if states else ""
        lines.append(f"{mark}{cid}  {cap.name}")
        requires = graph.requires(cid)
        if requires:
            shown = [r if catalog.domain_of[r] == catalog.domain_of[cid] else f"{r} [{catalog.domain_of[r]}]" for r in requires]
            lines.append(f"    requires {', '.join(shown)}")
        unlocks = graph.required_by(cid)
        if unlocks:
            lines.append(f"    unlocks  {', '.join(unlocks)}")
        enhances = graph.enhances(cid)
        if enhances:
            shown = [e if catalog.domain_of[e] == catalog.domain_of[cid] else f"{e} [{catalog.domain_of[e]}]" for e in enhances]
            lines.append(f"    enhances {', '.join(shown)}")
    if states:
        lines += ["", "✔ achieved  → next (every prerequisite achieved)  · blocked  – not applicable"]
    return "\n".join(lines) + "\n"


def _node_id(cid: str) -> str:
    return cid.replace(".", "_").replace("-", "_")


def _dot(catalog: Catalog, ids: list[str], domain: str | None, states: dict[str, str]) -> str:
    colours = {"achieved": "palegreen", "next": "gold", "blocked": "white", "not_applicable": "lightgrey"}
    shown = set(ids)
    lines = ["digraph capabilities {", "  rankdir=LR;", '  node [shape=box, style="rounded,filled", fillcolor=white];']
    for cid in ids:
        cap = catalog.capabilities[cid]
        fill = colours.get(states.get(cid, ""), "white")
        label = f"{cap.name}\\n{cid} ({cap.stage})".replace('"', '\\"')
        lines.append(f'  "{cid}" [label="{label}", fillcolor={fill}];')
    for a, b in catalog.graph.edges(domain):
        for outside in (a, b):
            if outside not in shown:
                shown.add(outside)
                lines.append(f'  "{outside}" [label="{outside}", style="dashed"];')
        lines.append(f'  "{a}" -> "{b}";')
    for a, b in catalog.graph.soft_edges(domain):
        for outside in (a, b):
            if outside not in shown:
                shown.add(outside)
                lines.append(f'  "{outside}" [label="{outside}", style="dashed"];')
        lines.append(f'  "{a}" -> "{b}" [style=dashed, arrowhead=open, label="enhances"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid(catalog: Catalog, ids: list[str], domain: str | None, states: dict[str, str]) -> str:
    shown = set(ids)
    lines = ["flowchart LR"]
    for cid in ids:
        name = catalog.capabilities[cid].name.replace('"', "'")
        lines.append(f'  {_node_id(cid)}["{name}<br/><small>{cid}</small>"]')
    for a, b in catalog.graph.edges(domain):
        for outside in (a, b):
            if outside not in shown:
                shown.add(outside)
                lines.append(f'  {_node_id(outside)}(["{outside}"])')
        lines.append(f"  {_node_id(a)} --> {_node_id(b)}")
    for a, b in catalog.graph.soft_edges(domain):
        for outside in (a, b):
            if outside not in shown:
                shown.add(outside)
                lines.append(f'  {_node_id(outside)}(["{outside}"])')
        lines.append(f"  {_node_id(a)} -. enhances .-> {_node_id(b)}")
    if states:
        for state, colour in (("achieved", "#c8f7c5"), ("next", "#ffe08a"), ("not_applicable", "#dddddd")):
            members = [_node_id(c) for c in ids if states.get(c) == state]
            if members:
                lines.append(f"  classDef {state} fill:{colour}")
                lines.append(f"  class {','.join(members)} {state}")
    return "\n".join(lines) + "\n"
