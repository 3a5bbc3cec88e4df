"""Reading answer files and checking them against the loaded questionnaires."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from ..common.errors import AnswerError
from .models import Answer, AnswerFile
from ..contract.questionnaire import Question
from ..common.tomlfile import TomlDocument, combined, read_toml, validation_error

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog

_ANSWER_KEYS = set(Answer.model_fields)


def _flatten(table: dict[str, Any], known: set[str]) -> tuple[dict[str, Any], dict[str, tuple[str, ...]]]:
    """Answers keyed by question id. Unquoted dotted keys (``cyber.mfa.admins = "all"``) arrive
    as nested tables; join them back. Returns the answers and each id's key path in the file."""
    out: dict[str, Any] = {}
    paths: dict[str, tuple[str, ...]] = {}

    def walk(node: dict[str, Any], trail: tuple[str, ...]) -> None:
        for key, value in node.items():
            path = trail + (key,)
            qid = ".".join(path)
            is_answer = not isinstance(value, dict) or (set(value) <= _ANSWER_KEYS and value) or qid in known
            if is_answer:
                out[qid] = value if isinstance(value, dict) else {"answer": value}
                paths[qid] = path
            else:
                walk(value, path)

    walk(table, ())
    return out, paths


def load_answers(path: str | Path, catalog: Catalog) -> AnswerFile:
    """Read an answer file and check every id and option against the catalog."""
    doc = read_toml(path)
    return parse_answers(doc, catalog)


def parse_answers(doc: TomlDocument, catalog: Catalog | None) -> AnswerFile:
    data = dict(doc.data)
    if "questionnaire" in data:
        info = data["questionnaire"]
        qid = info.get("id") if isinstance(info, dict) else None
        if catalog is not None and qid in catalog.questionnaires:
            load = f"questionnaire {qid} is already loaded"
        else:
            load = f"to load it, give its folder with --questionnaires {doc.path.parent}"
        raise AnswerError(
            f"this file is a questionnaire, not an answer file; {load}; to answer it, write an "
            "answer file with: maturity template",
            path=doc.path, line=doc.line(("questionnaire",)),
        )
    raw_answers = data.get("answers", {})
    paths: dict[str, tuple[str, ...]] = {}
    known = set(catalog.questions) if catalog else set()
    if isinstance(raw_answers, dict):
        data["answers"], paths = _flatten(raw_answers, known)
    # each respondent's own [respondents.answers] table: ids kept as "respondents.N.<id>" in
    # `paths`, so that an error points at the line where it was written
    if isinstance(data.get("respondents"), list):
        data["respondents"] = [dict(r) if isinstance(r, dict) else r for r in data["respondents"]]
        for n, r in enumerate(data["respondents"]):
            if isinstance(r, dict) and isinstance(r.get("answers"), dict):
                r["answers"], own = _flatten(r["answers"], known)
                paths.update({f"respondents.{n}.{qid}": path for qid, path in own.items()})
    try:
        answer_file = AnswerFile.model_validate(data)
    except ValidationError as exc:
        err = validation_error(_RelocatedError(exc, paths), doc, what="")
        problems = [AnswerError(p.message, path=p.path, line=p.line, key=p.key) for p in err.problems]
        # check the rest of the file too, without the values found wrong, so that one run
        # reports every problem
        partial = _without(data, [tuple(e["loc"]) for e in exc.errors()])
        if partial is not None and catalog is not None:
            try:
                check_answers(partial, catalog, doc, paths)
            except AnswerError as more:
                problems += more.problems
        problems.sort(key=lambda p: (p.line or 0))
        raise combined(problems) from None
    if catalog is not None:
        check_answers(answer_file, catalog, doc, paths)
    return _attributed(answer_file, catalog, doc, paths)


def _attributed(answer_file: AnswerFile, catalog: Catalog | None, doc: TomlDocument,
                paths: dict[str, tuple[str, ...]]) -> AnswerFile:
    """Each answer given to its respondent, and the assessment's answers merged from theirs
    (maturity.assessment.respondents); a file without respondents is returned as it is."""
    from .respondents import deciding_problem, merged_file

    def at(qid: str) -> int | None:
        return doc.line(("answers", *paths.get(qid, (qid,))))

    respondents = answer_file.respondents
    problems: list[AnswerError] = []
    if not respondents:
        for qid, answer in answer_file.answers.items():
            if answer.by is not None:
                problems.append(AnswerError(
                    f"{qid}: by = {answer.by!r} names a respondent, but the file lists none; add "
                    f'[[respondents]] with name = "{answer.by}"', path=doc.path, line=at(qid), key=qid,
                ))
        if problems:
            raise combined(problems)
        return answer_file
    if problem := deciding_problem(respondents):
        problems.append(AnswerError(f"respondents: {problem}", path=doc.path, line=doc.line(("respondents", len(respondents) - 1))))
    by_name = {r.name.casefold(): r for r in respondents}
    for qid, answer in answer_file.answers.items():
        if answer.by is None and len(respondents) > 1:
            problems.append(AnswerError(
                f"{qid}: this file lists {len(respondents)} respondents; say whose answer this is with "
                f"by = \"NAME\", or write it under its respondent's [respondents.answers]",
                path=doc.path, line=at(qid), key=qid,
            ))
            continue
        owner = by_name.get((answer.by or respondents[0].name).casefold())
        if owner is None:
            names = ", ".join(repr(r.name) for r in respondents)
            problems.append(AnswerError(f"{qid}: by = {answer.by!r} is not a listed respondent ({names})",
                                        path=doc.path, line=at(qid), key=qid))
            continue
        if qid in owner.answers:
            problems.append(AnswerError(f"{qid}: {owner.name} answers this question twice, here and in their [respondents.answers]",
                                        path=doc.path, line=at(qid), key=qid))
            continue
        owner.answers[qid] = answer.model_copy(update={"by": None})
    if problems:
        problems.sort(key=lambda p: p.line or 0)
        raise combined(problems)
    for r in respondents:
        r.answers = {qid: a.model_copy(update={"by": None}) for qid, a in sorted(r.answers.items())}
    return merged_file(answer_file.model_copy(update={"answers": {}}), catalog)


def _without(data: dict[str, Any], locations: list[tuple[Any, ...]]) -> AnswerFile | None:
    """The answer file without the fields at ``locations`` (a whole profile field, a whole
    answer), or None when what is left is still not valid."""
    import copy

    pruned = copy.deepcopy(data)
    for loc in locations:
        cut = loc[:1] if len(loc) == 1 else loc[:2]
        node: Any = pruned
        for part in cut[:-1]:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, dict):
            node.pop(cut[-1], None)
    try:
        return AnswerFile.model_validate(pruned)
    except ValidationError:
        return None


class _RelocatedError:
    """Maps error locations of flattened answer ids back to their key path in the file."""

    def __init__(self, exc: ValidationError, paths: dict[str, tuple[str, ...]]) -> None:
        self.exc = exc
        self.paths = paths

    def errors(self) -> list[dict[str, Any]]:
        out = []
        for error in self.exc.errors():
            loc = tuple(error["loc"])
            if len(loc) >= 2 and loc[0] == "answers" and loc[1] in self.paths:
                error = dict(error)
                error["loc"] = ("answers",) + self.paths[str(loc[1])] + loc[2:]
            elif len(loc) >= 4 and loc[0] == "respondents" and loc[2] == "answers" and f"respondents.{loc[1]}.{loc[3]}" in self.paths:
                error = dict(error)
                error["loc"] = loc[:3] + self.paths[f"respondents.{loc[1]}.{loc[3]}"] + loc[4:]
            out.append(error)
        return out


def check_answers(
    answer_file: AnswerFile,
    catalog: Catalog,
    doc: TomlDocument | None = None,
    paths: dict[str, tuple[str, ...]] | None = None,
) -> None:
    """Every question and option id must exist; values must fit the question type; goals and
    facts must be in the catalogues. Every problem is found: the error raised is the first,
    and carries all of them in its ``problems``."""
    found: list[AnswerError] = []
    _check_each(answer_file, catalog, doc, paths or {}, found.append)
    if found:
        raise combined(found)


def _check_each(answer_file: AnswerFile, catalog: Catalog, doc: TomlDocument | None,
                paths: dict[str, tuple[str, ...]], report: Any) -> None:
    where = doc.path if doc else None

    def line(*key: str | int) -> int | None:
        return doc.line(key) if doc else None

    profile = answer_file.profile
    if profile.goals and not any(goal.weight > 0 for goal in profile.goals.values()):
        report(AnswerError(
            "profile.goals: every goal has weight 0; give at least one goal a weight above 0", path=where, line=line("profile", "goals")
        ))
    for goal in profile.goals:
        if goal not in catalog.goals:
            close = difflib.get_close_matches(goal, list(catalog.goals), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            report(AnswerError(
                f"profile.goals: unknown goal {goal!r}{hint}; goals: {', '.join(catalog.goals)}",
                path=where, line=line("profile", "goals", goal), key=goal,
            ))
    if problem := currency_problem(profile.currency):
        report(AnswerError(f"profile.currency: {problem}", path=where, line=line("profile", "currency"), key="currency"))
    for field_name, kind, what in (("sales_channels", "channel", "sales channel"), ("regulated_data", "data", "kind of regulated data")):
        for value in getattr(profile, field_name):
            if f"{kind}:{value}" not in catalog.facts:
                choices = sorted(f.split(":", 1)[1] for f in catalog.facts if f.startswith(kind + ":"))
                report(AnswerError(
                    f"profile.{field_name}: unknown {what} {value!r}; choose from: {', '.join(choices)}",
                    path=where, line=line("profile", field_name), key=value,
                ))
    for fact in profile.facts:
        if fact not in catalog.facts:
            report(AnswerError(
                f"profile.facts: unknown fact {fact!r}; known facts: {', '.join(sorted(catalog.facts))}",
                path=where, line=line("profile", "facts"), key=fact,
            ))
    for domain in profile.include:
        if domain not in catalog.questionnaires:
            report(AnswerError(
                f"profile.include: unknown questionnaire {domain!r}; questionnaires: {', '.join(catalog.questionnaires)}",
                path=where, line=line("profile", "include"), key=domain,
            ))
    for cid in profile.funded:
        if cid not in catalog.capabilities:
            close = difflib.get_close_matches(cid, list(catalog.capabilities), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            report(AnswerError(f"profile.funded: unknown capability {cid!r}{hint}", path=where, line=line("profile", "funded"), key=cid))
    for domain in profile.targets:
        if domain not in catalog.questionnaires:
            close = difflib.get_close_matches(domain, list(catalog.questionnaires), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            report(AnswerError(
                f"profile.targets.{domain}: unknown domain {domain!r}{hint}; loaded: {', '.join(catalog.questionnaires)}",
                path=where, line=line("profile", "targets", domain), key=domain,
            ))
    if profile.baseline is not None and (problem := baseline_problem(catalog, profile.baseline.id)):
        report(AnswerError(f"profile.baseline.id: {problem}", path=where, line=line("profile", "baseline"), key="baseline"))
    for domain, version in answer_file.questionnaires.items():
        if domain not in catalog.questionnaires:
            report(AnswerError(
                f"questionnaires.{domain}: answers name questionnaire {domain!r}, which is not loaded; loaded: {', '.join(catalog.questionnaires)}",
                path=where, line=line("questionnaires", domain), key=domain,
            ))

    given = [(qid, answer, line("answers", *paths.get(qid, (qid,)))) for qid, answer in answer_file.answers.items()]
    for n, respondent in enumerate(answer_file.respondents):
        given += [(qid, answer, line("respondents", n, "answers", *paths.get(f"respondents.{n}.{qid}", (qid,))))
                  for qid, answer in respondent.answers.items()]
    for qid, answer, at in given:
        if qid not in catalog.questions:
            report(AnswerError(f"{qid}: " + _unknown_question(qid, answer_file, catalog), path=where, line=at, key=qid))
            continue
        question, _ = catalog.questions[qid]
        if answer.state != "answered" or answer.answer in ("", None):
            continue
        value = answer.answer
        valid = [o.id for o in question.options]
        if question.type in ("single", "yes_no"):
            if question.type == "yes_no" and isinstance(value, bool):
                continue
            if not isinstance(value, str):
                report(AnswerError(
                    f"{qid}: the answer is {_shown(value)}, but this question takes one of its options, "
                    f'written in quotes: {", ".join(map(_quoted, valid))}'
                    + (", or true or false" if question.type == "yes_no" else ""),
                    path=where, line=at, key=qid,
                ))
                continue
            if question.option(value) is None:
                report(AnswerError(
                    f"{qid}: {value!r} is not an option of this question; choose one of: {', '.join(valid)}",
                    path=where, line=at, key=qid,
                ))
        elif question.type == "multi":
            chosen = [value] if isinstance(value, str) else value
            if not isinstance(chosen, list) or any(not isinstance(v, str) or question.option(v) is None for v in chosen):
                bad = [v for v in (chosen if isinstance(chosen, list) else [chosen]) if not isinstance(v, str) or question.option(v) is None]
                verb = "is not an option" if len(bad) == 1 else "are not options"
                report(AnswerError(
                    f"{qid}: {', '.join(map(repr, bad))} {verb} of this question; choose from: {', '.join(valid)}",
                    path=where, line=at, key=qid,
                ))
        elif question.type == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                report(AnswerError(f"{qid}: the answer must be a number{_unit(question.unit)}", path=where, line=at, key=qid))
                continue
            problem = number_problem(question, value)
            if problem:
                report(AnswerError(f"{qid}: {problem}", path=where, line=at, key=qid))
        elif question.type == "text" and not isinstance(value, str):
            report(AnswerError(f"{qid}: the answer must be text", path=where, line=at, key=qid))


def given_of_asked(answer_file: AnswerFile, catalog: Catalog | None = None) -> tuple[int, int]:
    """(answered, asked) among the questions an answer file holds: a follow-up an earlier answer
    makes moot is neither (`followups.answered_of_asked`); without a catalog, every question
    the file holds is asked."""
    from .followups import answered_of_asked, has_answer

    answers = answer_file.answers
    if catalog is None:
        return sum(1 for a in answers.values() if has_answer(a)), len(answers)
    held = [catalog.questions[qid][0] for qid in answers if qid in catalog.questions]
    answered, asked = answered_of_asked(held, answers)
    unknown = [a for qid, a in answers.items() if qid not in catalog.questions]
    return answered + sum(1 for a in unknown if has_answer(a)), asked + len(unknown)


def answer_warnings(answer_file: AnswerFile, doc: TomlDocument | None = None, *, name: bool = True,
                    catalog: Catalog | None = None) -> list[tuple[int | None, str]]:
    """What a valid answer file still lacks for a meaningful result, with the line to fix:
    no name, no answers, no goals, no budget. Warnings, not errors: a blank file is valid.
    With the catalog, a follow-up an earlier answer makes moot is not counted as unanswered."""
    def line(*key: str) -> int | None:
        return doc.line(key) if doc else None

    profile = answer_file.profile
    out: list[tuple[int | None, str]] = []
    given, asked = given_of_asked(answer_file, catalog)
    if not given:
        out.append((line("answers"), "answers: no question is answered; every capability will count as not in place"))
    elif given < asked / 2:
        out.append((line("answers"), f"answers: only {given} of {asked} questions are answered; "
                                     "the rest count as not in place"))
    if name and not profile.name.strip():
        out.append((line("profile", "name"), "profile.name: empty; name the business (or give --org NAME to save it)"))
    if not any(g.weight > 0 for g in profile.goals.values()):
        out.append((line("profile", "goals"), "profile.goals: no goal is given; recommendations cannot follow the business's strategy"))
    if not profile.budget:
        out.append((line("profile", "budget"), "profile.budget: none given; recommendations and roadmaps cannot fit a budget"))
    return out


def baseline_problem(catalog: Catalog, name: str) -> str | None:
    """Why `name` names no baseline the plugins bring (``id`` or ``id@version``), or None."""
    from ..catalog.baselines import baselines_of, latest

    found = baselines_of(catalog)
    newest = latest(found)
    if name in found or name in newest:
        return None
    close = difflib.get_close_matches(name, list(newest), n=1)
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"unknown baseline {name!r}{hint}; choose from: {', '.join(newest) or 'none is loaded'}"


def currency_problem(code: str) -> str | None:
    """Why `code` is not a currency code, or None."""
    if re.fullmatch(r"[A-Z]{3}", code):
        return None
    return f"must be three capital letters such as USD, EUR or GBP, not {code!r}"


def number_problem(question: Question, value: float) -> str | None:
    """Why `value` cannot answer the number question, or None: a count or amount whose
    thresholds start at 0 or more cannot be negative."""
    lowest = min((t.at_least for t in question.thresholds), default=0.0)
    if value < 0 <= lowest:
        return f"the answer must be 0 or more{_unit(question.unit)}, not {_shown(value).removeprefix('the number ')}"
    return None


def _shown(value: object) -> str:
    """An answer value as the user wrote it in TOML."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return f"the number {int(value)}"
    if isinstance(value, (int, float)):
        return f"the number {value:g}"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def _quoted(option: str) -> str:
    return f'"{option}"'


def _unit(unit: str) -> str:
    return f" ({unit})" if unit else ""


def _unknown_question(qid: str, answer_file: AnswerFile, catalog: Catalog) -> str:
    domain = catalog.domain_for_question(qid)
    if domain is None:
        prefixes = ", ".join(lq.model.questionnaire.prefix + "." for lq in catalog.questionnaires.values())
        return f"unknown question id {qid!r}: no loaded questionnaire has ids starting like it (prefixes: {prefixes})"
    loaded = catalog.questionnaires[domain].model
    written_for = answer_file.questionnaires.get(domain)
    if written_for and written_for != loaded.version:
        return (
            f"question {qid!r} is not in {domain} {loaded.version}: these answers were written for "
            f"{domain} {written_for}, and the question has since been removed or renamed; remove the "
            f"answer, or see the changelog of {domain} for what replaced it"
        )
    close = difflib.get_close_matches(qid, list(catalog.questions), n=2, cutoff=0.6)
    hint = f" (did you mean {' or '.join(close)}?)" if close else ""
    return f"unknown question id {qid!r} in {domain}{hint}"


def load_answer_files(paths: list[str | Path] | tuple[str | Path, ...], catalog: Catalog) -> AnswerFile:
    """Read one answer file, or several by different respondents merged into one assessment
    (`maturity.assessment.respondents.combine_files`)."""
    from .respondents import combine_files

    from ..common.errors import FileFormatError
    from ..common.safeio import resolved as resolved_path

    seen: set[Path] = set()
    for path in paths:
        try:
            resolved = resolved_path(path)
        except OSError as exc:  # a symbolic link loop
            raise FileFormatError(f"cannot read: {exc.strerror or exc}", path=str(path)) from None
        if resolved in seen:
            raise AnswerError("this answer file is given twice; give each respondent's file once", path=Path(path))
        seen.add(resolved)
    loaded = [(str(path), load_answers(path, catalog)) for path in paths]
    return combine_files(loaded, catalog)
