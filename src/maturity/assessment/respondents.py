"""Several respondents to one assessment: the merge rule and the disagreement report.

The owner, the office manager and the outside IT provider each know different answers. Each
respondent's answers are kept as they gave them; the assessment's answer to a question is
merged from them by one rule (docs/respondents.md):

1. A respondent marked ``deciding`` decides: wherever they gave a value or said "not
   applicable", theirs is the assessment's answer (their "don't know" defers to whoever
   knows, by rules 2 and 3). At most one respondent decides.
2. Otherwise an answer with a value beats "don't know" and "not applicable", and among the
   values the one with the lowest credit is kept: the cautious answer, so that nothing counts
   as in place because one person was optimistic. On a tie, the respondent listed first wins.
3. With no value given: "don't know" when anyone said so, so that a capability is taken out of
   the assessment only when every respondent said it does not apply; "not applicable" (the
   first reason given) when all did.

A question is a *disagreement* when the respondents who gave a value to it chose different
options, or their credits lie `THRESHOLD` (0.25) or more apart, or some said it does not apply
while others answered it. "Don't know" defers to who knows and is never a disagreement; text
answers carry no credit and are never one either.

This module knows nothing of files, the store or the shells: `answers.py` reads files into
`Respondent` models, the store keeps them, and every shell calls `merge_answers` and
`disagreements` here.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from ..common.errors import AnswerError
from .models import Answer, AnswerFile, Respondent
from ..contract.profile import Profile
from ..contract.questionnaire import Question
from .scoring import is_unanswered, question_credit

if TYPE_CHECKING:  # pragma: no cover
    from ..catalog import Catalog

#: credits this far apart (or more) are a disagreement worth talking about
THRESHOLD = 0.25

Reason = Literal["deciding", "lowest credit", "only answer", "an answer over don't know or not applicable",
                 "nobody knows", "all say not applicable", "first text"]


def _question(catalog: Catalog | None, qid: str) -> Question | None:
    if catalog is None or qid not in catalog.questions:
        return None
    return catalog.questions[qid][0]


def credit_of(question: Question | None, answer: Answer) -> float | None:
    """The credit of an answer with a value; None for "don't know", "not applicable", text, or
    a question that is not loaded."""
    if answer.state != "answered" or question is None or question.type == "text":
        return None
    return question_credit(question, answer)


def _options(question: Question | None, answer: Answer) -> frozenset[str] | None:
    if question is None or question.type not in ("single", "multi", "yes_no") or answer.state != "answered":
        return None
    value = answer.answer
    if isinstance(value, bool):
        value = "yes" if value else "no"
    return frozenset([value] if isinstance(value, str) else value or [])


def merge_one(question: Question | None, given: list[tuple[Respondent, Answer]]) -> tuple[Answer, Reason] | None:
    """The assessment's answer to one question from its respondents' answers (in the order
    the respondents are listed), with why it was kept; None when nobody answered."""
    given = [(r, a) for r, a in given if not is_unanswered(a)]
    if not given:
        return None
    chosen: tuple[Respondent, Answer]
    reason: Reason
    deciding = [(r, a) for r, a in given if r.deciding and not a.dont_know]
    values = [(r, a) for r, a in given if a.state == "answered"]
    if deciding:
        chosen, reason = deciding[0], "deciding"
    elif values:
        credits = [credit_of(question, a) for _, a in values]
        if all(c is None for c in credits):
            chosen, reason = values[0], "first text"
        else:
            index = min(range(len(values)), key=lambda i: (credits[i] if credits[i] is not None else 2.0, i))
            chosen, reason = values[index], "lowest credit"
        if len(values) == 1:
            reason = "an answer over don't know or not applicable"
    elif any(a.dont_know for _, a in given):
        chosen, reason = next((r, a) for r, a in given if a.dont_know), "nobody knows"
    else:
        chosen, reason = given[0], "all say not applicable" if len(given) > 1 else "only answer"
    respondent, answer = chosen
    if len(given) == 1 and reason != "deciding":
        reason = "only answer"
    return answer.model_copy(update={"by": respondent.name}), reason


def merge_answers(respondents: list[Respondent], catalog: Catalog | None) -> dict[str, Answer]:
    """The assessment's answers merged from every respondent's, by the rule of this module."""
    out: dict[str, Answer] = {}
    for qid, given in _by_question(respondents).items():
        merged = merge_one(_question(catalog, qid), given)
        if merged is not None:
            out[qid] = merged[0]
    return dict(sorted(out.items()))


def _by_question(respondents: list[Respondent]) -> dict[str, list[tuple[Respondent, Answer]]]:
    out: dict[str, list[tuple[Respondent, Answer]]] = {}
    for respondent in respondents:
        for qid, answer in respondent.answers.items():
            out.setdefault(qid, []).append((respondent, answer))
    return out


def merged_file(answer_file: AnswerFile, catalog: Catalog | None) -> AnswerFile:
    """The answer file with its answers merged from its respondents (unchanged without any)."""
    if not answer_file.respondents:
        return answer_file
    return answer_file.model_copy(update={"answers": merge_answers(answer_file.respondents, catalog)})


def deciding_problem(respondents: list[Respondent]) -> str | None:
    """Why these respondents cannot be merged (two decide, a name twice), or None."""
    seen: set[str] = set()
    for r in respondents:
        if r.name.casefold() in seen:
            return f"the respondent {r.name!r} is listed twice; give each respondent once"
        seen.add(r.name.casefold())
    deciding = [r.name for r in respondents if r.deciding]
    if len(deciding) > 1:
        return f"{' and '.join(map(repr, deciding))} are both marked deciding; at most one respondent decides"
    return None


# -- several files ---------------------------------------------------------------------------


def combine_files(files: list[tuple[str, AnswerFile]], catalog: Catalog | None) -> AnswerFile:
    """One assessment from several answer files, each by one or more respondents.

    A file without ``[[respondents]]`` is one respondent named after the file (its name
    without ``.toml``). A respondent named in several files answers in all of them, but not
    the same question twice. The business profile is given in one file, or the same in each:
    files with a blank profile take the others'; two different profiles are refused."""
    if len(files) == 1:
        return files[0][1]
    respondents: list[Respondent] = []
    where: dict[tuple[str, str], str] = {}  # (name, question) -> file
    profile: tuple[str, Profile] | None = None
    questionnaires: dict[str, str] = {}
    for source, answer_file in files:
        listed = answer_file.respondents or [Respondent(name=_stem(source), answers=answer_file.answers)]
        for r in listed:
            same = next((x for x in respondents if x.name.casefold() == r.name.casefold()), None)
            if same is None:
                same = Respondent(name=r.name, role=r.role, deciding=r.deciding)
                respondents.append(same)
            same.deciding = same.deciding or r.deciding
            same.role = same.role or r.role
            for qid, answer in r.answers.items():
                if (same.name.casefold(), qid) in where:
                    raise AnswerError(
                        f"respondent {r.name!r} answers {qid} here and in {where[(same.name.casefold(), qid)]}; "
                        "keep one of the two answers", path=source,
                    )
                where[(same.name.casefold(), qid)] = source
                same.answers[qid] = answer.model_copy(update={"by": None})
        if answer_file.profile != Profile():
            if profile is None:
                profile = (source, answer_file.profile)
            elif profile[1] != answer_file.profile:
                fields = [name for name in Profile.model_fields
                          if getattr(profile[1], name) != getattr(answer_file.profile, name)]
                raise AnswerError(
                    f"the business profile differs from the one in {profile[0]} ({', '.join(fields)}); "
                    "give the profile in one file only, or the same in each", path=source,
                )
        for domain, version in answer_file.questionnaires.items():
            questionnaires.setdefault(domain, version)
    if problem := deciding_problem(respondents):
        raise AnswerError(f"these answer files cannot be merged: {problem}", path=files[-1][0])
    for r in respondents:
        r.answers = dict(sorted(r.answers.items()))
    combined = AnswerFile(profile=profile[1] if profile else Profile(), questionnaires=questionnaires,
                          respondents=respondents)
    return merged_file(combined, catalog)


def _stem(source: str) -> str:
    from pathlib import Path

    return Path(source).stem or source


# -- the disagreement report -----------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GivenAnswer(_Model):
    respondent: str
    role: str = ""
    deciding: bool = False
    state: Literal["answered", "dont_know", "not_applicable"]
    answer: bool | float | str | list[str] | None = None
    not_applicable: str | None = None
    credit: float | None = None
    note: str = ""
    at: dt.datetime | None = None


class Disagreement(_Model):
    question: str
    text: str = ""
    domain: str = ""
    #: credit: credits `threshold` or more apart; options: different options, credits close;
    #: applies: some say it does not apply, others answered it
    kind: Literal["credit", "options", "applies"]
    #: the highest credit given minus the lowest
    spread: float | None = None
    answers: list[GivenAnswer]
    kept: GivenAnswer
    reason: Reason


class RespondentSummary(_Model):
    name: str
    role: str = ""
    deciding: bool = False
    answered: int


class DisagreementReport(_Model):
    threshold: float
    respondents: list[RespondentSummary]
    #: questions answered (with anything but blank) by two respondents or more
    shared_questions: int
    disagreements: list[Disagreement]


def _given(respondent: Respondent, answer: Answer, question: Question | None) -> GivenAnswer:
    return GivenAnswer(
        respondent=respondent.name, role=respondent.role, deciding=respondent.deciding, state=answer.state,
        answer=answer.answer, not_applicable=answer.not_applicable, credit=credit_of(question, answer),
        note=answer.note, at=answer.at,
    )


def disagreements(answer_file: AnswerFile, catalog: Catalog | None, threshold: float = THRESHOLD) -> DisagreementReport:
    """The questions where the respondents differ materially, with each one's answer and what
    the merge kept, in questionnaire order."""
    respondents = answer_file.respondents
    order = {qid: n for n, qid in enumerate(catalog.questions)} if catalog is not None else {}
    shared = 0
    found: list[Disagreement] = []
    for qid, given in sorted(_by_question(respondents).items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])):
        given = [(r, a) for r, a in given if not is_unanswered(a)]
        if len(given) < 2:
            continue
        shared += 1
        question = _question(catalog, qid)
        values = [(r, a) for r, a in given if a.state == "answered"]
        kind: Literal["credit", "options", "applies"] | None = None
        credits = [c for c in (credit_of(question, a) for _, a in values) if c is not None]
        spread = round(max(credits) - min(credits), 6) if len(credits) > 1 else None
        option_sets = {_options(question, a) for _, a in values} - {None}
        if spread is not None and spread > 0 and spread >= threshold - 1e-9:
            kind = "credit"
        elif len(option_sets) > 1:
            kind = "options"
        elif values and any(a.state == "not_applicable" for _, a in given):
            kind = "applies"
        if kind is None:
            continue
        merged = merge_one(question, given)
        assert merged is not None
        kept_answer, reason = merged
        kept_by = next(r for r, _ in given if r.name == kept_answer.by)
        found.append(Disagreement(
            question=qid, text=question.text if question else "", domain=_domain(catalog, qid), kind=kind,
            spread=spread, answers=[_given(r, a, question) for r, a in given],
            kept=_given(kept_by, kept_answer, question), reason=reason,
        ))
    return DisagreementReport(
        threshold=threshold,
        respondents=[RespondentSummary(name=r.name, role=r.role, deciding=r.deciding,
                                       answered=sum(not is_unanswered(a) for a in r.answers.values()))
                     for r in respondents],
        shared_questions=shared, disagreements=found,
    )


def _domain(catalog: Catalog | None, qid: str) -> str:
    if catalog is None or qid not in catalog.questions:
        return ""
    return catalog.domain_for_question(qid) or ""


def shown_value(given: GivenAnswer, labels: dict[str, str] | None = None) -> str:
    """A given answer in a few words, for the text report and the app: options by their labels
    (`labels`, option id -> label, from the question) as the question words them."""
    labels = labels or {}
    if given.state == "dont_know":
        return "don't know"
    if given.state == "not_applicable":
        return f"not applicable ({given.not_applicable})"
    value = given.answer
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(labels.get(v, v) for v in value) if value else "none of these"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return labels.get(value, str(value)) if isinstance(value, str) else str(value)


def render_disagreements(report: DisagreementReport, catalog: Catalog | None = None) -> str:
    """The disagreement report as text: one block per question, each answer in the words of
    the question's options (from `catalog`)."""
    names = ", ".join(r.name + (f" ({', '.join(([r.role] if r.role else []) + (['whose answers decide'] if r.deciding else []))})"
                                if r.role or r.deciding else "")
                      for r in report.respondents)
    lines = [f"Respondents: {names or '(none)'}"]
    if len(report.respondents) < 2:
        lines.append("One respondent: there is nothing to disagree about.")
        return "\n".join(lines) + "\n"
    lines.append(
        f"{len(report.disagreements)} disagreement{'s' if len(report.disagreements) != 1 else ''} "
        f"among {report.shared_questions} question{'s' if report.shared_questions != 1 else ''} answered by several "
        f"(where they differ enough to matter: different options, answers {report.threshold:.0%} or more of the "
        "question's scale apart, or one says it applies and another that it does not)"
    )
    width = max((len(g.respondent) for d in report.disagreements for g in d.answers), default=0)
    kinds = {"credit": "answers far apart", "options": "different options", "applies": "applies or not"}
    for d in report.disagreements:
        question = catalog.questions[d.question][0] if catalog is not None and d.question in catalog.questions else None
        labels = {o.id: o.label for o in question.options} if question is not None else {}
        # the question as the owner was asked it, never its id
        lines += ["", f"{d.text or (question.text if question is not None else d.question)}  ({kinds[d.kind]})"]
        for g in d.answers:
            lines.append(f"  {g.respondent:<{width}}  {shown_value(g, labels)}")
        lines.append(f"  kept: {d.kept.respondent}'s answer ({d.reason})")
    return "\n".join(lines) + "\n"
