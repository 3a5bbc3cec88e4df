"""A blank answer file for the loaded questionnaires, ready to fill in an editor."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .catalog import Catalog


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str = "# ") -> list[str]:
    import textwrap

    return [indent + line for line in textwrap.wrap(" ".join(text.split()), 94, break_on_hyphens=False)] or [indent.rstrip()]


def render_template(catalog: Catalog, domains: list[str] | None = None) -> str:
    """The answer-file template: a commented profile and one line per question."""
    chosen = [d for d in catalog.questionnaires if not domains or d in domains]
    channels = sorted(f.split(":", 1)[1] for f in catalog.facts if f.startswith("channel:"))
    data_kinds = sorted(f.split(":", 1)[1] for f in catalog.facts if f.startswith("data:"))
    other = sorted(f for f in catalog.facts if not f.startswith(("channel:", "data:")))
    sample = next(
        ((qid, q) for qid, (q, _) in catalog.questions.items() if q.options and catalog.domain_for_question(qid) in chosen),
        None,
    )
    qid, option = (sample[0], sample[1].options[-1].id) if sample else ("cyber.mfa.email", "all")
    out = [
        "# maturity answer file",
        "#",
        "# 1. Describe the business in [profile] and weigh the goals that matter (0-10).",
        "# 2. Answer each question between the quotes with the id of the option that fits best:",
        f'#      "{qid}" = "{option}"',
        "#    or, to say more:",
        f'#      "{qid}" = {{ answer = "{option}", note = "since May", evidence = ["link"], confidence = "low" }}',
        '#    If you do not know:   { dont_know = true }',
        '#    If it does not apply: { not_applicable = "why not" }',
        "#    Questions left empty count as unanswered.",
        "# 3. Run: maturity assess --answers THIS_FILE",
        "",
        "[profile]",
        'name = ""',
        'industry = ""',
        "size = 10                # people working in the business",
        "budget = 10000           # technology budget for a year",
        'currency = "USD"',
        "training_hours = 20      # training hours the staff can absorb each quarter, all together",
        "project_hours = 40       # staff hours for change work each quarter, all together, not training",
        f"sales_channels = []      # any of: {', '.join(channels)}",
        f"regulated_data = []      # any of: {', '.join(data_kinds)}",
        "facts = []               # any of: " + ", ".join(other),
        "funded = []              # capability ids already funded or in progress",
        "",
        "# How much each goal matters (0-10), with an optional target. Delete the goals that do not matter.",
        "[profile.goals]",
    ]
    for goal_id, (name, description) in catalog.goals.items():
        out.append(f"{goal_id} = {{ weight = 1, target = \"\" }}".ljust(52) + f"# {name}: {description}")
    out += [
        "",
        "# Core processes and what hurts in them (repeat the block for each process).",
        "# [[profile.processes]]",
        '# name = "Taking orders"',
        '# pain_points = ["orders by phone get lost"]',
        "",
        "# The questionnaire versions these answers were written for.",
        "[questionnaires]",
    ]
    for domain in chosen:
        out.append(f"{domain} = {_q(catalog.questionnaires[domain].model.version)}")
    out += ["", "[answers]"]
    for domain in chosen:
        q = catalog.questionnaires[domain].model
        out += ["", f"# {'=' * 94}", f"# {q.questionnaire.name}", f"# {'=' * 94}"]
        for cap in q.capabilities:
            out += ["", f"# --- {cap.name} ({q.stage_label(cap.stage_number)}) ---"]
            for question in cap.questions:
                out.append("")
                out += _comment(question.text)
                if question.help:
                    out += _comment(question.help, "#   ")
                width = max((len(o.id) for o in question.options), default=0)
                if question.type == "multi":
                    out.append("#   Choose any (a list of ids):")
                for option in question.options:
                    out.append(f"#   {option.id.ljust(width)}  {option.label}")
                if question.type == "number":
                    out.append(f"#   A number{' in ' + question.unit if question.unit else ''}.")
                if question.type == "text":
                    out.append("#   Free text.")
                out.append(f"{_q(question.id)} = \"\"")
    return "\n".join(out) + "\n"
