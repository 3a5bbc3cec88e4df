"""Plain-text, DOT and Mermaid renderings shared by the command line and reports."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..contract.questionnaire import STAGE_LABELS
from ..contract.result import DomainResult, Result, StageProgress
from ..assessment.scoring import standing

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog

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
    labels = {d.domain: standing(result, d.domain, catalog)[0] for d in result.domains}
    label_w = max([len("stage")] + [len(x) for x in labels.values()])
    target_w = max([len("target")] + [len(d.target.stage_name) for d in result.domains if d.target])
    bar_w = 16
    lines.append(
        f"{'domain'.ljust(name_w)}  {'stage'.ljust(label_w)}  {'target'.ljust(target_w)}  {'index'.rjust(5)}  "
        f"{'0' + ' ' * (bar_w - 2) + '3'}  {'done'.rjust(6)}"
    )
    weakest = set(weakest_marked(result))
    for d in result.domains:
        mark = "  ◀ weakest link" if d.domain in weakest else ""
        target = d.target.stage_name if d.target else "-"
        head = f"{_clip(d.name, name_w).ljust(name_w)}  {labels[d.domain].ljust(label_w)}  {target.ljust(target_w)}"
        if not d.is_assessed:
            lines.append(f"{head}  {'-'.rjust(5)}")
            continue
        lines.append(f"{head}  {d.index:5.2f}  {bar(d.index, 3.0, bar_w)}  {d.percent:5.1f}%{mark}")
    lines.append("")
    lines.append(weakest_link_text(result))
    lines.append("Stage: reached only when every capability at and below it is in place; \"Largely\": more than half of the next one is.")
    lines.append("Index: the stage reached plus progress into the next (1.40 = Fundamentals done, 40 % of Intermediate).")
    lines.append("Done: share of everything that applies to you, weighted by credit.")
    lines.append("")
    for d in result.domains:
        if not d.is_assessed:
            lines.append(f"{d.name}: not assessed (no question answered); left out of the weakest link")
            continue
        notes = []
        if open_questions := result.open_questions(d.domain):
            notes.append(f"{open_questions} unanswered")
        if d.dont_know:
            notes.append(f"{d.dont_know} don't know (counted as no)")
        if d.not_applicable:
            notes.append(f"{d.not_applicable} {'capability' if d.not_applicable == 1 else 'capabilities'} not applicable")
        if d.low_confidence:
            notes.append("low confidence in " + ", ".join(_question_names(catalog, d.low_confidence)))
        applicable = d.capabilities - d.not_applicable
        head = f"{d.name}: {d.achieved} of {applicable} {'capability' if applicable == 1 else 'capabilities'} achieved"
        lines.append(head + (f"; {'; '.join(notes)}" if notes else ""))
        _, progress = standing(result, d.domain, catalog)
        if progress is not None:
            names = [
                f"{catalog.capabilities[cid].name} ({percent_down(result.capabilities[cid].credit)})" if cid in catalog.capabilities else cid
                for cid in progress.missing
            ]
            shown = ", ".join(names[:4]) + (f", and {len(names) - 4} more" if len(names) > 4 else "")
            lines.append(f"  {progress_text(progress)}" + (f"; missing: {shown}" if shown else ""))
        if d.target is not None:
            lines.append(f"  {target_text(d)}")
    for warning in result.warnings:
        lines.append(f"Note: {warning}")
    return "\n".join(lines) + "\n"


def _question_names(catalog: Catalog, qids: list[str]) -> list[str]:
    """The capabilities that questions ask about, by name, once each."""
    names: list[str] = []
    for qid in qids:
        cid = catalog.questions[qid][1] if qid in catalog.questions else None
        name = catalog.capabilities[cid].name if cid in catalog.capabilities else qid
        if name not in names:
            names.append(name)
    return names


def progress_text(progress: StageProgress) -> str:
    """ "Building Fundamentals: 4 of 5 in place" """
    return f"Building {progress.stage_name}: {progress.in_place} of {progress.applicable} in place"


def target_text(d: DomainResult) -> str:
    """The domain's target, how far it is from it, and why."""
    assert d.target is not None
    t = d.target
    if t.below is None:
        where = ""
    elif t.below == 0:
        where = " (reached)"
    else:
        where = f" ({t.below} {'stage' if t.below == 1 else 'stages'} to go)"
    return f"Target {t.stage_name}{where}: {t.reason}"


def weakest_marked(result: Result) -> list[str]:
    """The domains to mark as the weakest link: none when every domain has reached its target
    (the sentence still names the lowest)."""
    w = result.weakest_link
    return [] if w is None or w.below_target == 0 else list(w.domains)


def weakest_link_text(result: Result) -> str:
    """The weakest link in one sentence: the domains furthest below their target."""
    w = result.weakest_link
    if w is None:
        if not result.assessed_domains():
            return "No domain is assessed yet: answer at least one question of a domain to see where it stands."
        return "No domain applies to this business, so there is no stage to show."
    ranked = [d for d in result.domains if d.is_assessed and d.applies]
    if len(w.domains) > 1 and len(w.domains) == len(ranked):
        names = "every assessed domain" if len(ranked) < len(result.domains) else "every domain"
    else:
        names = ", ".join(d.name for d in result.domains if d.domain in w.domains)
    if w.below_target is None:
        return f"Weakest link: {names} at {w.stage_name}. Overall maturity is only as strong as this."
    if w.below_target == 0:
        if names.startswith("every"):
            return f"{names.capitalize()} has reached its target (all at {w.stage_name})."
        return f"Every assessed domain has reached its target; the lowest is {names} at {w.stage_name}."
    first = result.domain(w.domains[0])
    target = first.target.stage_name if first.target else ""
    stages = "1 stage" if w.below_target == 1 else f"{w.below_target} stages"
    their = "its" if len(w.domains) == 1 else "their"
    where = f"at {w.stage_name}" if w.stage else f"({first.building.stage_name if first.building else 'the first stage'} not reached yet)"
    return f"Weakest link: {names} {where}: {stages} below {their} target {target}. Overall maturity is only as strong as this."


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
    edges = [(a, b, "") for a, b in catalog.graph.edges(domain)]
    edges += [(a, b, ' [style=dashed, arrowhead=open, label="enhances"]') for a, b in catalog.graph.soft_edges(domain)]
    for a, b, style in edges:
        for outside in (a, b):  # an end in another domain is drawn dashed, with its id only
            if outside not in shown:
                shown.add(outside)
                lines.append(f'  "{outside}" [label="{outside}", style="dashed"];')
        lines.append(f'  "{a}" -> "{b}"{style};')
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
