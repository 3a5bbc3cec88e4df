"""`maturity validate`: check questionnaire and answer files, and (strictly) content quality."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..common.errors import MaturityError
from ..contract.questionnaire import CAPABILITY_ID, STAGES
from ..contract.vocabulary import INDUSTRIES

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog
    from ..catalog.baselines import LoadedBaseline
    from ..catalog.loader import LoadedQuestionnaire

#: Longest texts the terminal app shows without truncating at 80 columns.
LIMITS = {
    "capability name": 60,
    "question text": 240,
    "option label": 110,
    "advice": 500,
    "description": 700,
    "help": 500,
}


@dataclass
class Problem:
    path: str
    line: int | None
    message: str

    @classmethod
    def all_of(cls, exc: MaturityError, path: object) -> list[Problem]:
        """Every problem an error carries, each with its own line."""
        return [cls(p.path or str(path), p.line, p.message) for p in exc.problems]

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


#: The sections that make a file a value file (`questionnaires/value/*.toml`, docs/value.md).
VALUE_SECTIONS = ("incident", "scale", "reduction", "staff_cost", "outside_help", "fx", "revenue_per_person",
                  "large_loss", "pain", "saving", "goal")


def kind_of(data: dict) -> str:
    if "baseline" in data:
        return "baseline"
    if "questionnaire" in data:
        return "questionnaire"
    if "answers" in data or "profile" in data:
        return "answers"
    if any(section in data for section in VALUE_SECTIONS):
        return "value"
    if "figure" in data or "survey" in data:
        return "peers"
    return "unknown"


def validate_files(paths: list[Path], catalog_factory, strict: bool = False,
                   warnings: list[Problem] | None = None) -> tuple[list[Problem], list[str]]:
    """Check each file; returns the problems and a line of what was checked per file. Every
    problem of every file is reported, not only the first of each. ``warnings`` receives what
    is valid but missing for a meaningful result (an answer file with no answers, ...).

    ``catalog_factory(extra)`` builds the catalog with the given questionnaires in place of any
    loaded one with the same id, so a plugin author's file is checked against everything else.
    """
    from .answers import parse_answers
    from ..catalog.baselines import load_baseline
    from ..catalog.loader import load_questionnaire
    from ..common.tomlfile import read_toml

    problems: list[Problem] = []
    checked: list[str] = []
    questionnaires: list[LoadedQuestionnaire] = []
    baselines: list[LoadedBaseline] = []
    answer_docs = []
    value_paths: list[Path] = []
    peer_paths: list[Path] = []
    for path in paths:
        try:
            doc = read_toml(path)
            kind = kind_of(doc.data)
            if kind == "questionnaire":
                questionnaires.append(load_questionnaire(path, "validate"))
            elif kind == "answers":
                answer_docs.append(doc)
            elif kind == "value":
                value_paths.append(path)
            elif kind == "peers":
                peer_paths.append(path)
            elif kind == "baseline":
                baselines.append(load_baseline(path, "validate"))
            else:
                problems.append(Problem(str(path), None, "neither a questionnaire ([questionnaire] table), a baseline ([baseline]), "
                                        "an answer file ([profile] or [answers]), a value file ([[incident]], [[reduction]], "
                                        "[pain.ID], ...) nor a survey figures file ([[survey]], [[figure]])"))
        except MaturityError as exc:
            problems += Problem.all_of(exc, path)
    try:
        catalog = catalog_factory(questionnaires)
    except MaturityError as exc:
        problems.append(Problem(exc.path or "plugins", exc.line, exc.message))
        return problems, checked
    for loaded in questionnaires:
        found = strict_problems(catalog, [loaded.id]) if strict else []
        problems += found
        q = loaded.model
        checked.append(f"{loaded.source}: questionnaire {q.id} {q.version}, {len(q.capabilities)} capabilities, {len(q.questions())} questions")
    problems += _check_value_files(value_paths, catalog, strict, checked)
    problems += _check_peer_files(peer_paths, catalog, checked)
    from ..catalog.baselines import check_references

    for one in baselines:
        try:
            check_references(one, catalog)
        except MaturityError as exc:
            problems += Problem.all_of(exc, one.source)
            continue
        problems += baseline_problems(one, catalog) if strict else []
        b = one.model
        checked.append(f"{one.source}: baseline {b.key}, {len(b.items)} items in {len(b.themes)} themes")
    from .answers import answer_warnings, given_of_asked

    for doc in answer_docs:
        try:
            answers = parse_answers(doc, catalog)
            given, asked = given_of_asked(answers, catalog)
            checked.append(f"{doc.path}: answer file, {given} of {asked} answers given")
            if warnings is not None:
                warnings += [Problem(str(doc.path), line, text) for line, text in answer_warnings(answers, doc, catalog=catalog)]
        except MaturityError as exc:
            problems += Problem.all_of(exc, doc.path)
    return problems, checked


def _check_value_files(paths: list[Path], catalog: Catalog, strict: bool, checked: list[str]) -> list[Problem]:
    """Each value file against its format and the catalog (the incident kinds, capabilities,
    pains and goals it names); with `strict`, the rules for its figures too."""
    from ..catalog.value import check_value_file, load_value_file

    problems: list[Problem] = []
    for path in paths:
        found = [p for exc in check_value_file(path, catalog) for p in Problem.all_of(exc, path)]
        if not found:
            vf, doc = load_value_file(path)
            if strict:
                found = value_strict_problems(vf, doc)
            checked.append(f"{path}: value file {vf.version}, {_value_summary(vf)}")
        problems += found
    return problems


def _check_peer_files(paths: list[Path], catalog: Catalog, checked: list[str]) -> list[Problem]:
    """Each survey figures file against its format and the catalog: every figure cites a survey
    and names a question with its options, or a capability, that exist."""
    from ..catalog.peers import check_peer_file, load_peer_file, peer_summary

    problems: list[Problem] = []
    for path in paths:
        found = [p for exc in check_peer_file(path, catalog) for p in Problem.all_of(exc, path)]
        if not found:
            pf, _ = load_peer_file(path)
            checked.append(f"{path}: survey figures {pf.version}, {peer_summary(pf)}")
        problems += found
    return problems


def installed_peer_problems(catalog: Catalog, checked: list[str]) -> list[Problem]:
    """Every loaded plugin's survey figure files, merged as an assessment merges them, then each
    checked strictly: a question, option or capability it names must exist."""
    from ..catalog.peers import check_peer_file, load_peer_file, peer_summary

    try:
        files = catalog.peers.files
    except MaturityError as exc:
        return Problem.all_of(exc, exc.path or "survey figure files")
    problems: list[Problem] = []
    for plugin, path, _ in files:
        found = [p for exc in check_peer_file(path, catalog) for p in Problem.all_of(exc, path)]
        if not found:
            pf, _ = load_peer_file(path)
            checked.append(f"{path}: survey figures {pf.version} ({plugin}), {peer_summary(pf)}")
        problems += found
    return problems


def installed_value_problems(catalog: Catalog, strict: bool, checked: list[str]) -> list[Problem]:
    """Every loaded plugin's value files, merged as a plan merges them (a problem stops at the
    first file that has one); with `strict`, the rules for their figures too."""
    from ..catalog.value import load_value_file

    try:
        files = catalog.value.files
    except MaturityError as exc:
        return Problem.all_of(exc, exc.path or "value files")
    problems: list[Problem] = []
    for plugin, path, _ in files:
        vf, doc = load_value_file(path)
        checked.append(f"{path}: value file {vf.version} ({plugin}), {_value_summary(vf)}")
        if strict:
            problems += value_strict_problems(vf, doc)
    return problems


def _value_summary(vf) -> str:
    counts = {
        ("incident kind", "incident kinds"): len(vf.incident), ("scale", "scales"): len(vf.scale),
        ("reduction", "reductions"): len(vf.reduction), ("staff cost", "staff costs"): len(vf.staff_cost),
        ("outside help rate", "outside help rates"): len(vf.outside_help),
        ("exchange rate", "exchange rates"): len([k for k in vf.fx if k not in ("source", "year", "basis", "note")]),
        ("revenue per person", "revenues per person"): len(vf.revenue_per_person),
        ("large-loss rule", ""): int(vf.large_loss is not None),
        ("pain", "pains"): len(vf.pain), ("saving", "savings"): len(vf.saving), ("goal", "goals"): len(vf.goal),
    }
    said = [f"{n} {one if n == 1 else many}" for (one, many), n in counts.items() if n]
    return ", ".join(said) or "no figures"


def value_strict_problems(vf, doc) -> list[Problem]:
    """What a value file should meet beyond its format: a derived figure says how in its note,
    a judgement says what it rests on, an incident kind says what happens."""
    from pydantic import BaseModel

    from ..contract.value import Sourced

    problems: list[Problem] = []

    def walk(node: object, key: tuple) -> None:
        if isinstance(node, Sourced):
            if node.basis == "D" and not node.note.strip():
                problems.append(Problem(str(doc.path), doc.line(key), f"{_dotted(key)}: a derived figure (basis D) needs a note saying how it was derived"))
            if node.basis == "J" and not node.note.strip():
                problems.append(Problem(str(doc.path), doc.line(key), f"{_dotted(key)}: a judgement (basis J) needs a note saying what it rests on"))
        if isinstance(node, BaseModel):
            for name in type(node).model_fields:
                walk(getattr(node, name), key + (name,))
        elif isinstance(node, list):
            for i, item in enumerate(node):
                walk(item, key + (i,))
        elif isinstance(node, dict):
            for k, item in node.items():
                walk(item, key + (k,))

    walk(vf, ())
    for i, inc in enumerate(vf.incident):
        if not inc.description.strip():
            problems.append(Problem(str(doc.path), doc.line(("incident", i, "id")), f"incident kind {inc.id!r} has no description"))
    return problems


def _dotted(key: tuple) -> str:
    out = ""
    for part in key:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def strict_problems(catalog: Catalog, domains: list[str] | None = None) -> list[Problem]:
    """Content rules every questionnaire should meet (the built-ins are held to them in tests)."""
    problems: list[Problem] = []
    graph = catalog.graph
    for domain, loaded in catalog.questionnaires.items():
        if domains is not None and domain not in domains:
            continue
        q = loaded.model
        src = loaded.source

        def add(message: str, index: int | None = None, key: str | None = None, _src: str = src, _l: LoadedQuestionnaire = loaded) -> None:
            line = _l.capability_line(index, key) if index is not None else None
            problems.append(Problem(_src, line, message))

        def add_q(message: str, index: int, qindex: int, *key: str | int, _src: str = src, _l: LoadedQuestionnaire = loaded) -> None:
            # problems with a question point at the question, not at its capability
            line = _l.doc.line(("capabilities", index, "questions", qindex) + key) if _l.doc else None
            problems.append(Problem(_src, line, message))

        if not any(entry.version == q.version for entry in q.changelog):
            problems.append(Problem(src, loaded.doc.line(("questionnaire", "version")) if loaded.doc else None,
                                    f"version {q.version} has no [[changelog]] entry"))
        applies = q.questionnaire.applies_to
        where = loaded.doc.line(("questionnaire", "applies_to")) if loaded.doc else None
        for industry in applies.industries:
            if industry not in INDUSTRIES:
                problems.append(Problem(src, where, f"applies_to names unknown industry {industry!r}; industries: {', '.join(INDUSTRIES)}"))
        for fact in applies.facts:
            if fact not in catalog.facts:
                problems.append(Problem(src, where, f"applies_to names unknown fact {fact!r}"))
        for number, stage in enumerate(STAGES, start=1):
            if not any(c.stage_number == number for c in q.capabilities):
                problems.append(Problem(src, None, f"no capability at stage {stage}: that stage can never be shown as reached on its own merits"))
        for index, cap in enumerate(q.capabilities):
            if not cap.questions:
                add(f"capability {cap.id} has no question", index, "id")
            elif not any(question.weight > 0 for question in cap.questions):
                add(f"capability {cap.id} has no question that carries credit (text questions and questions "
                    "of weight 0 carry none): it could never be achieved", index, "id")
            if not cap.description:
                add(f"capability {cap.id} has no description", index, "id")
            if not cap.advice:
                add(f"capability {cap.id} has no advice", index, "id")
            if not cap.goals:
                add(f"capability {cap.id} is relevant to no goal", index, "id")
            if not cap.kpis:
                add(f"capability {cap.id} names no KPI", index, "id")
            if cap.mandatory and not (cap.mandatory_reason and cap.mandatory_source):
                add(f"capability {cap.id} is mandatory but does not say why and who says so "
                    "(mandatory_reason, mandatory_source)", index, "mandatory")
            for goal in cap.goals:
                if goal not in catalog.goals:
                    add(f"capability {cap.id} names unknown goal {goal!r}", index, "goals")
            if cap.costs is None:
                add(f"capability {cap.id} gives its money only as a cost band; give a costs table: "
                    "costs = { one_off = ..., one_off_per_person = ..., yearly = ..., yearly_per_person = ... } "
                    "(any part may be left out; costs = {} when it takes staff time only)", index, "cost" if "cost" in cap.model_fields_set else "id")
            for pain in cap.addresses:
                if pain not in catalog.pains:
                    close = difflib.get_close_matches(pain, list(catalog.pains), n=1)
                    hint = f" (did you mean {close[0]}?)" if close else ""
                    add(f"capability {cap.id} addresses unknown pain {pain!r}{hint}", index, "addresses")
            for fact in list(cap.applies_if) + list(cap.fit):
                if fact not in catalog.facts and not (fact in cap.fit and fact.startswith("not:")
                                                      and fact[len("not:"):] in catalog.facts):
                    add(f"capability {cap.id} names unknown fact {fact!r}", index, "applies_if" if fact in cap.applies_if else "fit")
            for req in graph.requires(cap.id):
                other = catalog.capabilities[req]
                if other.stage_number > cap.stage_number:
                    add(f"{cap.stage} capability {cap.id} requires {other.stage} capability {req}: "
                        f"the {cap.stage} stage could never be reached first", index, "requires")
            for label, text in (("capability name", cap.name), ("advice", cap.advice), ("description", cap.description)):
                if len(text) > LIMITS[label]:
                    add(f"{cap.id}: {label} is {len(text)} characters, more than {LIMITS[label]}", index, "id")
            for qindex, question in enumerate(cap.questions):
                if not question.id.startswith(cap.id + "."):
                    add_q(f"question id {question.id} should start with its capability id {cap.id}.", index, qindex)
                if not re.fullmatch(CAPABILITY_ID, question.id):
                    add_q(f"question id {question.id} breaks the naming rule", index, qindex)
                if len(question.text) > LIMITS["question text"]:
                    add_q(f"{question.id}: question text is {len(question.text)} characters, more than {LIMITS['question text']}", index, qindex, "text")
                if len(question.help) > LIMITS["help"]:
                    add_q(f"{question.id}: help is {len(question.help)} characters, more than {LIMITS['help']}", index, qindex, "help")
                for oindex, option in enumerate(question.options):
                    if len(option.label) > LIMITS["option label"]:
                        add_q(f"{question.id}.{option.id}: option label is {len(option.label)} characters, more than {LIMITS['option label']}", index, qindex, "options", oindex, "label")
                if question.type in ("single", "yes_no", "multi"):
                    credits = [o.credit for o in question.options]
                    top = min(1.0, sum(credits)) if question.type == "multi" else max(credits)
                    if min(credits) > 0 or top < 1.0:
                        add_q(f"{question.id}: options must span no credit (0) to full credit (1); they span {min(credits):g} to {top:g}", index, qindex, "options")
                elif question.type == "number":
                    credits = [t.credit for t in question.thresholds]
                    if max(credits) < 1.0:
                        add_q(f"{question.id}: no threshold gives full credit", index, qindex, "thresholds")
    problems += _placeholders(catalog, domains)
    return problems


#: how a scaffold marks text its author must still write (see `maturity plugins new`)
PLACEHOLDER = "TODO:"


def _placeholders(catalog: Catalog, domains: list[str] | None) -> list[Problem]:
    """Text still marked as a placeholder, in the questionnaires or in their plugins' overrides:
    it would reach users as it is (a must-have's source, an advice)."""
    out: list[Problem] = []
    plugins = {lq.plugin for d, lq in catalog.questionnaires.items() if domains is None or d in domains}
    for domain, loaded in catalog.questionnaires.items():
        if domains is not None and domain not in domains:
            continue
        for index, cap in enumerate(loaded.model.capabilities):
            texts = {"description": cap.description, "advice": cap.advice, "mandatory_reason": cap.mandatory_reason,
                     "mandatory_source": cap.mandatory_source, "references": " ".join(cap.references), "kpis": " ".join(cap.kpis)}
            for key, text in texts.items():
                if PLACEHOLDER in text:
                    out.append(Problem(loaded.source, loaded.capability_line(index, key),
                                       f"capability {cap.id}: {key} is still a placeholder ({_quoted(text)}); write it"))
    for cid, applied in catalog.overrides.items():
        for one in applied:
            if one.plugin not in plugins and domains is not None:
                continue
            for key in ("reason", "source", "advice"):
                text = getattr(one.override, key, "") or ""
                if PLACEHOLDER in text:
                    out.append(Problem(f"plugin {one.plugin}", None,
                                       f"the override of {cid}: {key} is still a placeholder ({_quoted(text)}); write it"))
    return out


def _quoted(text: str) -> str:
    start = text.index(PLACEHOLDER)
    return repr(text[start:start + 70])

def baseline_problems(loaded: LoadedBaseline, catalog: Catalog) -> list[Problem]:
    """Content rules for a baseline file: a changelog entry for its file version, no empty
    theme, and needs an answer can reach."""
    b = loaded.model
    problems: list[Problem] = []
    if not any(entry.version == b.baseline.file_version for entry in b.changelog):
        problems.append(Problem(loaded.source, loaded.line("baseline", "file_version"),
                                f"baseline {b.key}: file version {b.baseline.file_version} has no [[changelog]] entry"))
    for fact in b.baseline.applies_if:
        if fact not in catalog.facts:
            problems.append(Problem(loaded.source, loaded.line("baseline", "applies_if"), f"baseline {b.key}: unknown fact {fact!r}"))
    used = {item.theme for item in b.items}
    for index, theme in enumerate(b.themes):
        if theme.id not in used:
            problems.append(Problem(loaded.source, loaded.line("themes", index), f"baseline {b.key}: theme {theme.id!r} has no item"))
    for index, item in enumerate(b.items):
        for row_index, row in enumerate(item.evidence):
            for qid, need in row.needs.items():
                question = catalog.questions[qid][0]
                if isinstance(need, list):
                    if question.type not in ("single", "multi", "yes_no"):
                        problems.append(Problem(loaded.source, loaded.line("items", index, "evidence", row_index),
                                                f"baseline {b.key}: item {item.id} needs options of {qid}, which has none to choose"))
                    elif question.type != "multi" and len(need) > 1:
                        problems.append(Problem(loaded.source, loaded.line("items", index, "evidence", row_index),
                                                f"baseline {b.key}: item {item.id} needs several options of {qid}, which takes one answer"))
                    continue
                top = min(1.0, sum(o.credit for o in question.options)) if question.type == "multi" else max(
                    [o.credit for o in question.options] + [t.credit for t in question.thresholds] + [0.0])
                if need > top:
                    problems.append(Problem(loaded.source, loaded.line("items", index, "evidence", row_index),
                                            f"baseline {b.key}: item {item.id} needs credit {need:g} from {qid}, which gives at most {top:g}"))
    return problems
