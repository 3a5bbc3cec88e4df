"""A blank answer file for the loaded questionnaires, ready to fill in an editor."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..contract.vocabulary import INDUSTRIES
from .assumed import WHEN_BLANK

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from .models import Answer, AnswerFile
    from ..contract.profile import Profile


def _q(text: str) -> str:
    # JSON escapes are TOML escapes; DEL, C1 and the bidirectional controls, which JSON leaves
    # as they are, are escaped by the terminal-text rule
    from ..common.termtext import json_escaped

    return json_escaped(json.dumps(text, ensure_ascii=False))


def _value(value: object) -> str:
    """A value written as TOML."""
    import datetime as dt

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    return _q(str(value))


def _key(name: str) -> str:
    import re

    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else _q(name)


def answer_value(answer: Answer) -> str:
    """One answer as the right-hand side of its line in an answer file."""
    # whose answer it was and when stay with the saved assessment: a new file starts unnamed
    data = answer.model_dump(exclude_defaults=True, exclude={"by", "at"})
    if set(data) == {"answer"}:
        return _value(data["answer"])
    return _value(data)


def _c(text: object) -> str:
    """Text from a questionnaire made fit for one comment line: a line break or a control
    character in it would end the comment (a live line) or make the TOML invalid."""
    from ..common.termtext import shown

    return shown(" ".join(str(text).split()))


def _comment(text: str, indent: str = "# ") -> list[str]:
    import textwrap

    return [indent + line for line in textwrap.wrap(_c(text), 94, break_on_hyphens=False)] or [indent.rstrip()]


def render_template(catalog: Catalog, domains: list[str] | None = None, previous: AnswerFile | None = None,
                    source: str = "") -> str:
    """The answer-file template: a commented profile and one line per question.

    With ``previous`` (the profile and answers of a saved assessment, named by ``source``)
    the profile and the answers are filled in from it, ready to edit for a repeat; answers to
    questions that no longer exist are listed at the end as comments (see `dropped_answers`).
    """
    sectors = catalog.sector_questionnaires()
    catalog, include = template_catalog(catalog, previous.profile if previous else None, domains)
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
        "# maturity answer file" + (f", filled in from {_c(source)}" if source else ""),
        "#",
        "# 1. Describe the business in [profile] and weigh the goals that matter (0-10).",
        "# 2. Answer each question between the quotes with the id of the option that fits best:",
        f'#      "{_c(qid)}" = "{_c(option)}"',
        "#    or, to say more:",
        f'#      "{_c(qid)}" = {{ answer = "{_c(option)}", note = "since May", evidence = ["link"], confidence = "low" }}',
        '#    If you do not know:   { dont_know = true }',
        '#    If it does not apply: { not_applicable = "why not" }',
        "#    Questions left empty count as unanswered.",
        "# 3. Run: maturity assess --answers THIS_FILE",
        "#",
        "# Answering with others? Each names themselves in their own copy of this file:",
        "#      [[respondents]]",
        '#      name = "Your name"',
        '#      role = "owner"          # optional; deciding = true makes your answers the ones kept',
        "#    then: maturity assess --answers yours.toml --answers theirs.toml (docs/respondents.md)",
        "",
    ]
    out += _profile_lines(catalog, previous.profile if previous else None, channels, data_kinds, other)
    out += _include_lines(sectors, include)
    out += [
        "",
        "# How much each goal matters (1-10), with an optional target: remove the # before the goals",
        f"# that matter and weigh them. With none, {WHEN_BLANK['goals']}.",
        "# A goal may also say what fully meeting it is worth a year, at weight 5, e.g. { weight = 5, worth = 20000 };",
        "# without worth, a small share of the yearly revenue.",
        "[profile.goals]",
    ]
    goals = previous.profile.goals if previous else None
    for goal_id, (name, description) in catalog.goals.items():
        if goals is None:
            line = f"# {goal_id} = {{ weight = 5, target = \"\" }}"
        elif goal_id in goals:
            line = f"{_key(goal_id)} = {_value(goals[goal_id].model_dump(exclude_defaults=True) or {'weight': 1})}"
        else:
            line = f"# {goal_id} = {{ weight = 1, target = \"\" }}"
        out.append(line.ljust(51) + f" # {_c(name)}: {_c(description)}")
    for goal_id in sorted(set(goals or {}) - set(catalog.goals)):
        out.append(f"{_key(goal_id)} = {_value(goals[goal_id].model_dump(exclude_defaults=True))}  # not a known goal any more")  # type: ignore[index]
    out += ["", "# Core processes and what hurts in them (repeat the block for each process). Name each",
            "# pain point with an id from the list at the end of this block, or in your own words."]
    processes = previous.profile.processes if previous else []
    for process in processes:
        out += ["[[profile.processes]]", f"name = {_q(process.name)}", f"pain_points = {_value(process.pain_points)}"]
        out += [f"{name} = {_value(getattr(process, name))}" for name in ("hours_per_week", "money_per_month")
                if getattr(process, name) is not None]
        out += [""]
    if not processes:
        out += [
            "# [[profile.processes]]",
            '# name = "Taking orders"',
            '# pain_points = ["lost-orders", "Allergy notes are not passed on to the kitchen"]',
        ]
    out += [
        "# hours_per_week = 4      # staff hours a week the pains of a process cost, or money_per_month = 600;",
        "#                         # without them, the typical figure for each pain",
        "",
    ]
    out += ["# Pain points maturity knows:"]
    width = max((len(p) for p in catalog.pains), default=0) + 1
    out += [f"#   - {(pain + ':').ljust(width)} {_c(label)}" for pain, (label, _) in catalog.pains.items()]
    out += [
        "",
        "# The questionnaire versions these answers were written for.",
        "[questionnaires]",
    ]
    for domain in chosen:
        version = catalog.questionnaires[domain].model.version
        was = previous.questionnaires.get(domain) if previous else None
        note = f"  # the saved answers were given to {_c(was)}" if was and was != version else ""
        out.append(f"{_key(domain)} = {_q(version)}{note}")
    out += ["", "[answers]"]
    for domain in chosen:
        q = catalog.questionnaires[domain].model
        out += ["", f"# {'=' * 94}", f"# {_c(q.questionnaire.name)}", f"# {'=' * 94}"]
        for cap in q.capabilities:
            out += ["", f"# --- {_c(cap.name)} ({_c(q.stage_label(cap.stage_number))}) ---"]
            for question in cap.questions:
                out.append("")
                out += _comment(question.text)
                if question.help:
                    out += _comment(question.help, "#   ")
                if question.when is not None:
                    rule = question.when
                    listed = ", ".join(rule.in_ or rule.not_in)
                    said = f"is one of: {listed}" if rule.in_ else f"is not: {listed}"
                    out += _comment(f"Only when the answer to {rule.question} {said}; otherwise leave it empty "
                                    "(it counts as not applicable).", "#   ")
                width = max((len(o.id) for o in question.options), default=0)
                if question.type == "multi":
                    out.append("#   Choose any (a list of ids):")
                for option in question.options:
                    out.append(f"#   {_c(option.id).ljust(width)}  {_c(option.label)}")
                if question.type == "number":
                    out.append(f"#   A number{' in ' + _c(question.unit) if question.unit else ''}.")
                if question.type == "text":
                    out.append("#   Free text.")
                given = previous.answers.get(question.id) if previous else None
                out.append(f"{_q(question.id)} = {answer_value(given) if given else _q('')}")
    dropped = dropped_answers(catalog, previous) if previous else []
    if dropped:
        out += [
            "",
            f"# {'=' * 94}",
            "# Answers saved for questions that no longer exist (not read; kept to see what they said).",
            f"# {'=' * 94}",
        ]
        out += [f"# {_c(_q(qid))} = {_c(answer_value(previous.answers[qid]))}" for qid in dropped]  # type: ignore[union-attr]
    return "\n".join(out) + "\n"


def template_catalog(catalog: Catalog, profile: Profile | None, domains: list[str] | None) -> tuple[Catalog, list[str]]:
    """The questionnaires a template covers: those for every business, a sector's when the
    profile (a saved one, or none for a blank file) is of that sector, and those named in
    ``domains`` (which the profile then includes); with the sector questionnaires included."""
    from ..contract.profile import Profile

    sectors = catalog.sector_questionnaires()
    profile = profile or Profile()
    include = sorted(set(profile.include) | {d for d in domains or [] if d in sectors})
    return catalog.for_profile(profile.model_copy(update={"include": include})), include


def _include_lines(sectors: dict[str, str], include: list[str]) -> list[str]:
    if not sectors and not include:
        return []
    shown = ", ".join(f"{d} ({_c(name)})" for d, name in sectors.items())
    return [
        f"include = {_value(include)}".ljust(25) + f" # questionnaires for a sector to answer anyway: {shown}",
        "#                           (each is asked of its own sector without this)",
    ]


def dropped_answers(catalog: Catalog, previous: AnswerFile) -> list[str]:
    """The ids of saved answers to questions no loaded questionnaire asks any more."""
    return sorted(qid for qid in previous.answers if qid not in catalog.questions)


#: The profile's inputs to the value model (docs/value.md): each offered commented out, with its
#: default named, unless the saved profile gives it.
VALUE_INPUTS = (
    ("revenue", 450000, "yearly revenue; without it, estimated from size and industry"),
    ("staff_cost", 30, "what an hour of staff time costs, wage and employer costs; without it, the typical figure for the country"),
    ("outside_help", {"allowed": True, "rate": 80, "max_per_year": 5000},
     "paid IT help when staff hours run out; without it, allowed, at the country's typical rate, up to the budget"),
)


def _value_lines(profile: Profile | None) -> list[str]:
    lines = []
    for name, example, meaning in VALUE_INPUTS:
        given = getattr(profile, name) if profile is not None else None
        if given is not None:
            shown = given.model_dump(exclude_none=True) if hasattr(given, "model_dump") else given
            lines.append(f"{name} = {_value(shown)}".ljust(25) + f" # {meaning}")
        else:
            lines.append(f"# {name} = {_value(example)}".ljust(25) + f" # {meaning}")
    return lines


def _baseline_lines(catalog: Catalog, profile: Profile | None) -> list[str]:
    """The baseline to reach by a date: the saved one, or an example commented out."""
    import datetime as dt

    from ..catalog.baselines import baselines_of, latest

    known = ", ".join(latest(baselines_of(catalog))) or "none is loaded"
    aim = profile.baseline if profile is not None else None
    if aim is not None:
        first = f"baseline = {_value(aim.model_dump(exclude_none=True))}"
    else:
        example = {"id": "cyber-essentials", "by": dt.date(dt.date.today().year + 1, 6, 30), "worth": 5000}
        first = f"# baseline = {_value(example)}"
    return [
        first,
        "#                         a recognised baseline to reach by a date (maturity coverage shows how far you are):",
        "#                         the roadmap completes what it needs by then, or says what stands in the way;",
        "#                         worth: what reaching it is worth a year (a contract it opens, an insurance discount);",
        f"#                         baselines: {_c(known)}",
    ]


def _profile_lines(catalog: Catalog, profile: Profile | None, channels: list[str], data_kinds: list[str],
                   other: list[str]) -> list[str]:
    def v(name: str, blank: object) -> str:
        if profile is None:
            return _value(blank)
        value = getattr(profile, name)
        return _value(value) if value is not None else _value(blank)

    lines = [
        "[profile]",
        f"name = {v('name', '')}",
        f"industry = {v('industry', '')}".ljust(25) + " # your sector, in words",
        f"industry_id = {v('industry_id', '')}".ljust(25) + " # for peer benchmarks, one of: " + ", ".join(INDUSTRIES),
        f"size = {v('size', '')}".ljust(25) + f" # people working in the business; blank: {WHEN_BLANK['size']}",
        f"budget = {v('budget', '')}".ljust(25) + f" # money for technology in a year; blank: {WHEN_BLANK['budget']}",
        f"currency = {v('currency', 'USD')}",
        f"country = {v('country', '')}".ljust(25) + " # two-letter code (GB, DE, US, ...): names the data protection law that applies",
        f"training_hours = {v('training_hours', '')}".ljust(25) + " # training hours the staff can absorb each quarter, all together;",
        "#".ljust(25) + f"   blank: {WHEN_BLANK['training_hours']}",
        f"project_hours = {v('project_hours', '')}".ljust(25) + " # staff hours for change work each quarter, all together, not training;",
        "#".ljust(25) + f"   blank: {WHEN_BLANK['project_hours']}",
        f"changes_per_quarter = {v('changes_per_quarter', '')}".ljust(25) + " # the most changes the team can take on and complete in a quarter;",
        "#".ljust(25) + f"   blank: {WHEN_BLANK['changes_per_quarter']}",
        f"sales_channels = {v('sales_channels', [])}".ljust(25) + f" # any of: {_c(', '.join(channels))}",
        f"regulated_data = {v('regulated_data', [])}".ljust(25) + f" # any of: {_c(', '.join(data_kinds))}",
        f"facts = {v('facts', [])}".ljust(25) + " # any of: " + _c(", ".join(other)),
        f"funded = {v('funded', [])}".ljust(25) + " # capability ids already funded or in progress",
        f"targets = {v('targets', {})}".ljust(25) + " # stages to aim at, e.g. { data = \"intermediate\" }; by default from size, data and channels",
    ]
    lines += _value_lines(profile)
    lines += _baseline_lines(catalog, profile)
    # what the owner has not decided stays blank (""), so the plan uses the defaults named
    return lines
