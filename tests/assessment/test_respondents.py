"""Several respondents: the merge rule, the disagreement report, answer files, `assess`."""

from __future__ import annotations

import re

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.assessment.answers import load_answer_files, load_answers
from maturity.catalog import Catalog
from maturity.common.errors import AnswerError
from maturity.assessment.models import Answer, AnswerFile, Respondent
from maturity.assessment.respondents import (
    THRESHOLD,
    combine_files,
    credit_of,
    disagreements,
    merge_answers,
    merge_one,
)

ONE = "al.one.q"  # single choice: none 0, some 0.5, all 1


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    from maturity.catalog import build_catalog
    from maturity.plugins import DirectoryPlugin, Plugins

    folder = Path(__file__).parents[1] / "fixtures" / "mini"
    plugins = Plugins()
    plugins.add(DirectoryPlugin(folder), f"dir:{folder}", module=str(folder), version="", source="directory")
    return build_catalog(plugins)


def person(name: str, deciding: bool = False, **answers: Answer) -> Respondent:
    return Respondent(name=name, deciding=deciding, answers={qid.replace("_", "."): a for qid, a in answers.items()})


def q(mini: Catalog, qid: str = ONE):  # type: ignore[no-untyped-def]
    return mini.questions[qid][0]


# -- the merge rule --------------------------------------------------------------------------


def test_lowest_credit_is_kept_and_named(mini: Catalog) -> None:
    merged = merge_answers([person("Ana", al_one_q=Answer(answer="all")), person("Ben", al_one_q=Answer(answer="some"))], mini)
    assert merged[ONE].answer == "some" and merged[ONE].by == "Ben"


def test_the_deciding_respondent_decides(mini: Catalog) -> None:
    merged = merge_answers([person("Ana", al_one_q=Answer(answer="some")), person("Ben", True, al_one_q=Answer(answer="all"))], mini)
    assert merged[ONE].by == "Ben" and merged[ONE].answer == "all"
    answer, reason = merge_one(q(mini), [(person("Ben", True), Answer(not_applicable="no ones")), (person("Ana"), Answer(answer="some"))])  # type: ignore[misc]
    assert answer.not_applicable == "no ones" and reason == "deciding"


def test_dont_know_defers_even_from_the_deciding_respondent(mini: Catalog) -> None:
    answer, reason = merge_one(q(mini), [(person("Ben", True), Answer(dont_know=True)), (person("Ana"), Answer(answer="all"))])  # type: ignore[misc]
    assert answer.answer == "all" and answer.by == "Ana"


def test_not_applicable_only_when_everyone_says_so(mini: Catalog) -> None:
    na = Answer(not_applicable="no ones")
    assert merge_one(q(mini), [(person("A"), na), (person("B"), Answer(answer="all"))])[0].answer == "all"  # type: ignore[index]
    assert merge_one(q(mini), [(person("A"), na), (person("B"), Answer(dont_know=True))])[0].dont_know  # type: ignore[index]
    answer, reason = merge_one(q(mini), [(person("A"), na), (person("B"), Answer(not_applicable="none here"))])  # type: ignore[misc]
    assert answer.not_applicable == "no ones" and reason == "all say not applicable"


def test_blank_answers_are_not_answers(mini: Catalog) -> None:
    assert merge_one(q(mini), [(person("A"), Answer(answer=""))]) is None
    assert merge_one(q(mini), [(person("A"), Answer(answer="")), (person("B"), Answer(answer="some"))])[0].by == "B"  # type: ignore[index]


STATES = st.one_of(
    st.sampled_from(["none", "some", "all"]).map(lambda o: Answer(answer=o)),
    st.just(Answer(dont_know=True)),
    st.just(Answer(not_applicable="a reason")),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(STATES, st.booleans()), min_size=1, max_size=6))
def test_merge_rule_properties(catalog: Catalog, given_: list[tuple[Answer, bool]]) -> None:
    question = q(catalog)
    deciding_at = next((i for i, (_, d) in enumerate(given_) if d), None)
    people = [(person(f"p{i}", deciding=(i == deciding_at)), a) for i, (a, _) in enumerate(given_)]
    answer, _ = merge_one(question, people)  # type: ignore[misc]
    by = {r.name: a for r, a in people}
    # the kept answer is one of the given ones, named after whoever gave it
    assert answer.model_copy(update={"by": None}) == by[answer.by]  # type: ignore[index]
    values = [credit_of(question, a) for _, a in people if a.state == "answered"]
    decider = people[deciding_at] if deciding_at is not None else None
    if decider is not None and not decider[1].dont_know:
        assert answer.by == decider[0].name
    elif values:
        # cautious: never more credit than the lowest value given
        assert answer.state == "answered" and credit_of(question, answer) == min(values)  # type: ignore[type-var]
    elif any(a.dont_know for _, a in people):
        assert answer.dont_know
    else:
        assert answer.state == "not_applicable"
    # the order of the respondents changes who is named on a tie, never the answer's credit
    again, _ = merge_one(question, list(reversed(people)))  # type: ignore[misc]
    assert again.state == answer.state and credit_of(question, again) == credit_of(question, answer)


@settings(max_examples=100, deadline=None)
@given(STATES)
def test_one_respondent_merges_to_their_own_answers(catalog: Catalog, answer: Answer) -> None:
    assert merge_answers([person("Solo", al_one_q=answer)], catalog)[ONE] == answer.model_copy(update={"by": "Solo"})


# -- disagreements ---------------------------------------------------------------------------


def test_disagreements_name_the_material_questions(mini: Catalog) -> None:
    af = AnswerFile(respondents=[
        person("Ana", True, al_one_q=Answer(answer="none"), al_two_q=Answer(answer=True), al_three_q=Answer(answer=5),
               be_base_q=Answer(answer=["b"])),
        person("Ben", al_one_q=Answer(answer="all"), al_two_q=Answer(answer="yes"), al_three_q=Answer(not_applicable="none"),
               be_base_q=Answer(dont_know=True)),
    ])
    report = disagreements(af, mini)
    kinds = {d.question: d.kind for d in report.disagreements}
    assert kinds == {ONE: "credit", "al.three.q": "applies"}  # true and "yes" agree; don't know defers
    first = report.disagreements[0]
    assert [g.respondent for g in first.answers] == ["Ana", "Ben"] and first.kept.respondent == "Ana"
    assert first.reason == "deciding" and first.spread == 1.0 and report.shared_questions == 4


def test_threshold_and_option_sets(mini: Catalog) -> None:
    af = AnswerFile(respondents=[person("A", al_one_q=Answer(answer="some")), person("B", al_one_q=Answer(answer="all"))])
    assert [d.kind for d in disagreements(af, mini).disagreements] == ["credit"]
    assert [d.kind for d in disagreements(af, mini, threshold=0.9).disagreements] == ["options"]
    assert THRESHOLD == 0.25


# -- answer files ------------------------------------------------------------------------------


OWNER = '''
[[respondents]]
name = "Ana"
role = "owner"

[profile]
name = "Acme"

[answers]
"al.one.q" = "all"
"al.two.q" = { answer = true, at = 2026-11-30T10:00:00Z }
'''

IT = '''
[[respondents]]
name = "Ben"
role = "IT provider"
deciding = true

[answers]
"al.one.q" = { answer = "none", note = "only the owner has it" }
'''


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_file_with_respondents_is_merged(tmp_path: Path, mini: Catalog) -> None:
    text = OWNER + '''
[[respondents]]
name = "Ben"
deciding = true
[respondents.answers]
"al.one.q" = "none"
'''
    af = load_answers(write(tmp_path, "a.toml", text.replace('"al.one.q" = "all"', '"al.one.q" = { answer = "all", by = "Ana" }')
                            .replace('{ answer = true,', '{ answer = true, by = "Ana",')), mini)
    assert [r.name for r in af.respondents] == ["Ana", "Ben"]
    assert af.answers[ONE].by == "Ben" and af.answers["al.two.q"].by == "Ana"
    assert af.respondents[0].answers["al.two.q"].at is not None


def test_old_files_have_no_respondents(tmp_path: Path, mini: Catalog) -> None:
    af = load_answers(write(tmp_path, "a.toml", '[answers]\n"al.one.q" = "all"\n'), mini)
    assert af.respondents == [] and af.answers[ONE].by is None


@pytest.mark.parametrize("text, needle", [
    ('[answers]\n"al.one.q" = { answer = "all", by = "Zed" }\n', "lists none"),
    ('[[respondents]]\nname = "A"\n[[respondents]]\nname = "B"\n[answers]\n"al.one.q" = "all"\n', "say whose answer"),
    ('[[respondents]]\nname = "A"\n[answers]\n"al.one.q" = { answer = "all", by = "B" }\n', "not a listed respondent"),
    ('[[respondents]]\nname = "A"\ndeciding = true\n[[respondents]]\nname = "B"\ndeciding = true\n', "at most one"),
    ('[[respondents]]\nname = "A"\n[[respondents]]\nname = "a"\n', "listed twice"),
    ('[[respondents]]\nname = "A"\n[respondents.answers]\n"al.one.q" = "lots"\n', "not an option"),
    ('[[respondents]]\nname = ""\n', "respondents[0].name"),
])
def test_bad_respondents_are_named_with_the_line(tmp_path: Path, mini: Catalog, text: str, needle: str) -> None:
    with pytest.raises(AnswerError) as info:
        load_answers(write(tmp_path, "bad.toml", text), mini)
    assert needle in info.value.message and str(info.value.path) == str(tmp_path / "bad.toml") and info.value.line


def test_several_files_merge(tmp_path: Path, mini: Catalog) -> None:
    af = load_answer_files([write(tmp_path, "owner.toml", OWNER), write(tmp_path, "it.toml", IT)], mini)
    assert af.profile.name == "Acme" and [r.name for r in af.respondents] == ["Ana", "Ben"]
    assert af.answers[ONE].answer == "none" and af.answers[ONE].by == "Ben"  # Ben decides
    assert af.answers["al.two.q"].by == "Ana"


def test_a_file_without_respondents_is_named_after_the_file(tmp_path: Path, mini: Catalog) -> None:
    af = load_answer_files([write(tmp_path, "owner.toml", OWNER), write(tmp_path, "cleo.toml", '[answers]\n"al.one.q" = "some"\n')], mini)
    assert [r.name for r in af.respondents] == ["Ana", "cleo"] and af.answers[ONE].by == "cleo"


def test_the_same_file_twice_is_refused(tmp_path: Path, mini: Catalog) -> None:
    a = write(tmp_path, "owner.toml", OWNER)
    with pytest.raises(AnswerError, match="given twice"):
        load_answer_files([a, tmp_path / "." / "owner.toml"], mini)


def test_conflicting_profiles_are_refused(tmp_path: Path, mini: Catalog) -> None:
    other = '[profile]\nname = "Other"\n'
    with pytest.raises(AnswerError, match="profile differs from the one in .*owner.toml"):
        load_answer_files([write(tmp_path, "owner.toml", OWNER), write(tmp_path, "b.toml", other)], mini)


def test_same_respondent_same_question_in_two_files_is_refused(tmp_path: Path, mini: Catalog) -> None:
    with pytest.raises(AnswerError, match="answers al.one.q here and in"):
        combine_files([("a.toml", AnswerFile(respondents=[person("Ana", al_one_q=Answer(answer="all"))])),
                       ("b.toml", AnswerFile(respondents=[person("ana", al_one_q=Answer(answer="none"))]))], mini)


# -- the command line --------------------------------------------------------------------------


def test_assess_merges_and_reports(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = write(tmp_path, "owner.toml", OWNER), write(tmp_path, "it.toml", IT)
    result = run("assess", "--answers", a, "--answers", b)
    assert result.exit_code == 0, result.output
    assert "Respondents: Ana (owner), Ben (IT provider, whose answers decide)" in result.stdout
    # the question as it was asked, never its id
    assert "How much of one?  (answers far apart)" in result.stdout and "al.one.q" not in result.stdout
    assert "kept: Ben's answer (deciding)" in result.stdout
    assert "1 disagreement among 1 question answered by several" in result.stdout
    # each answer in the words of the question's options, not its id or its credit
    assert re.search(r"^  Ben  None$", result.stdout, re.M) and re.search(r"^  Ana  All$", result.stdout, re.M)
    assert "credit" not in result.stdout.split("Respondents:")[1].split("\n", 2)[2]
    alone = run("disagreements", "--answers", a, "--answers", b)
    assert alone.stdout.startswith("Respondents:") and "Alpha" not in alone.stdout
    data = json.loads(run("disagreements", "--answers", a, "--answers", b, "--json").stdout)
    assert data["schema_version"] == 1 and [d["question"] for d in data["disagreements"]] == [ONE]


def test_disagreements_schema_is_listed(run) -> None:  # type: ignore[no-untyped-def]
    assert "disagreements   maturity disagreements --json" in run("schema", "--list").stdout
    schema = json.loads(run("schema", "disagreements").stdout)
    assert "disagreements" in schema["properties"]
    assert "respondents" in json.loads(run("schema", "answers").stdout)["properties"]


def test_bad_second_file_is_one_message(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a = write(tmp_path, "owner.toml", OWNER)
    bad = write(tmp_path, "b.toml", '[profile]\nname = "Other"\n')
    result = run("assess", "--answers", a, "--answers", bad)
    assert result.exit_code == 2 and "b.toml" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_saved_with_respondents_round_trips(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    a, b = write(tmp_path, "owner.toml", OWNER), write(tmp_path, "it.toml", IT)
    db, db2 = tmp_path / "a.db", tmp_path / "b.db"
    assert run("--db", db, "assess", "--answers", a, "--answers", b, "--save", "-q").exit_code == 0
    assert run("--db", db, "export", "-o", tmp_path / "e1.json").exit_code == 0
    assert run("--db", db2, "import", tmp_path / "e1.json").exit_code == 0
    assert run("--db", db2, "export", "-o", tmp_path / "e2.json").exit_code == 0
    first = (tmp_path / "e1.json").read_text()
    assert first == (tmp_path / "e2.json").read_text()
    people = json.loads(first)["assessments"][0]["respondents"]
    assert [(p["name"], p["deciding"]) for p in people] == [("Ana", False), ("Ben", True)]
    saved = run("--db", db2, "disagreements", "--org", "Acme")
    assert saved.exit_code == 0 and "kept: Ben's answer (deciding)" in saved.stdout
    assert run("--db", db2, "disagreements", "--id", "1", "--json").exit_code == 0
    assert run("--db", db2, "disagreements", "--id", "1", "--org", "Acme").exit_code == 2


ANY_ANSWER = st.one_of(
    st.sampled_from(["none", "some", "most", "all"]).map(lambda o: Answer(answer=o)),
    st.just(Answer(dont_know=True)),
    st.just(Answer(not_applicable="a reason")),
    st.just(Answer(answer="")),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(ANY_ANSWER, min_size=1, max_size=5), st.floats(0, 1))
def test_disagreements_do_not_depend_on_the_order_of_respondents(catalog: Catalog, given_: list[Answer], threshold: float) -> None:
    people = [person(f"p{i}", al_one_q=a) for i, a in enumerate(given_)]
    forward = disagreements(AnswerFile(respondents=people), catalog, threshold)
    backward = disagreements(AnswerFile(respondents=list(reversed(people))), catalog, threshold)
    assert [(d.question, d.kind, d.spread) for d in forward.disagreements] == [(d.question, d.kind, d.spread) for d in backward.disagreements]
    values = {a.answer for a in given_ if a.state == "answered" and a.answer != ""}
    if len(values) <= 1 and not (values and any(a.not_applicable for a in given_)):
        assert forward.disagreements == []  # everyone who gave a value agrees
    for d in forward.disagreements:
        assert d.kept.respondent in {g.respondent for g in d.answers}
