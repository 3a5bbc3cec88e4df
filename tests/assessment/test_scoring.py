"""Scoring: hand-computed golden cases for both built-in strategies, the states an answer can
be in, and property tests (raising an answer never lowers a stage)."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import MINI, catalog_of, make_questionnaire, scale, yes_no
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from maturity.assessment.answers import parse_answers
from maturity.catalog import Catalog
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.questionnaire import Question
from maturity.contract.result import Result
from maturity.report.plain import render_result
from maturity.catalog.strategies import AdditiveStrategy
from maturity.assessment.scoring import question_credit, score
from maturity.common.tomlfile import parse_toml


def assess(catalog: Catalog, text: str) -> Result:
    return score(catalog, parse_answers(parse_toml(text, "answers.toml"), catalog))


def domain(result: Result, name: str) -> tuple[int, float, float]:
    d = result.domain(name)
    return d.stage, d.index, d.percent


@pytest.fixture(scope="module")
def mini() -> Catalog:
    return catalog_of(MINI)


@pytest.fixture(scope="module")
def mini_additive() -> Catalog:
    plain = catalog_of(MINI)
    alpha = plain.questionnaire("alpha")
    info = alpha.questionnaire.model_copy(update={"scoring": "additive"})
    return catalog_of(alpha.model_copy(update={"questionnaire": info}), plain.questionnaire("beta"))


# --------------------------------------------------------------------------------------------
# golden cases on the mini questionnaires
#
# alpha: al.one (fundamentals; none 0, some .33, most .67, all 1)
#        al.two (intermediate; yes/no)
#        al.three (advanced; number: 0 -> 0, 2 -> .67, 5 -> 1)
# beta:  be.base (fundamentals; multi: a 0, b .5, c .5)
#        be.shop (intermediate; yes/no; applies only to businesses selling online)
#        be.top (advanced; yes/no)
# A capability is achieved at credit .67 or more.
# --------------------------------------------------------------------------------------------


def test_gated_everything_achieved(mini: Catalog) -> None:
    result = assess(mini, '[answers]\n"al.one.q" = "most"\n"al.two.q" = "yes"\n"al.three.q" = 3\n')
    # every stage achieved: stage 3, index 3; percent = (.67 + 1 + .67) / 3
    assert domain(result, "alpha") == (3, 3.0, 78.0)
    assert result.domain("alpha").stage_name == "Advanced"
    assert result.domain("alpha").achieved == 3


def test_gated_stops_at_the_first_gap(mini: Catalog) -> None:
    result = assess(mini, '[answers]\n"al.one.q" = "all"\n"al.two.q" = "no"\n"al.three.q" = 5\n')
    # fundamentals reached; intermediate has 0 coverage, so the achieved advanced stage is not
    # counted: index 1 + 0; percent (1 + 0 + 1) / 3
    assert domain(result, "alpha") == (1, 1.0, 66.7)
    assert result.domain("alpha").stage_name == "Fundamentals"


def test_gated_and_additive_on_the_same_answers(mini: Catalog, mini_additive: Catalog) -> None:
    text = '[answers]\n"al.one.q" = "some"\n"al.two.q" = "yes"\n"al.three.q" = 5\n'
    # gated: fundamentals not achieved (.33): stage 0, index .33
    assert domain(assess(mini, text), "alpha") == (0, 0.33, 77.7)
    # additive: .33 + 1 + 1 = 2.33, stage 2
    result = assess(mini_additive, text)
    assert domain(result, "alpha") == (2, 2.33, 77.7)
    assert result.domain("alpha").strategy == "additive"


def test_partial_capability_status(mini: Catalog) -> None:
    result = assess(mini, '[answers]\n"al.one.q" = "some"\n')
    one = result.capabilities["al.one"]
    assert (one.credit, one.status, one.answered, one.unanswered) == (0.33, "partial", 1, 0)
    assert result.capabilities["al.two"].status == "not_started"


def test_not_applicable_by_profile_leaves_the_target(mini: Catalog) -> None:
    # be.shop applies only to businesses that sell online; this one does not, so neither
    # be.shop nor be.top (which builds on it) counts: be.base alone is the target
    result = assess(mini, '[answers]\n"be.base.q" = ["b", "c"]\n"be.top.q" = "no"\n')
    assert domain(result, "beta") == (3, 3.0, 100.0)
    assert result.domain("beta").not_applicable == 2
    shop, top = result.capabilities["be.shop"], result.capabilities["be.top"]
    assert shop.status == top.status == "not_applicable"
    assert shop.not_applicable_reason == (
        "does not fit this business: only where customers buy or book online, on the business's own site"
    )
    assert top.not_applicable_reason == "does not fit this business: builds on Shop, which does not fit"


def test_the_same_capability_counts_when_it_applies(mini: Catalog) -> None:
    text = '[profile]\nsales_channels = ["online"]\n[answers]\n"be.base.q" = ["b", "c"]\n"be.top.q" = "yes"\n'
    # be.shop now applies and is unanswered: stage 1, index 1 + 0, percent 2 / 3
    assert domain(assess(mini, text), "beta") == (1, 1.0, 66.7)


def test_not_applicable_by_answer_leaves_the_target(mini: Catalog) -> None:
    text = '[answers]\n"al.one.q" = "all"\n"al.two.q" = { not_applicable = "no second site" }\n"al.three.q" = 5\n'
    result = assess(mini, text)
    assert domain(result, "alpha") == (3, 3.0, 100.0)
    two = result.capabilities["al.two"]
    assert (two.status, two.not_applicable_reason, two.credit) == ("not_applicable", "no second site", 0.0)


def test_dont_know_counts_as_nothing_and_is_reported(mini: Catalog) -> None:
    result = assess(mini, '[answers]\n"al.one.q" = { dont_know = true }\n"al.two.q" = "yes"\n')
    d = result.domain("alpha")
    assert (d.stage, d.index, d.dont_know, d.answered, d.unanswered) == (0, 0.0, 1, 1, 1)
    assert (result.capabilities["al.one"].credit, result.capabilities["al.one"].dont_know) == (0.0, 1)
    assert "1 don't know (counted as no)" in render_result(result, mini)


def test_dont_know_weighs_like_a_no(mini: Catalog) -> None:
    known = assess(mini, '[answers]\n"al.one.q" = "none"\n"al.three.q" = 5\n')
    unknown = assess(mini, '[answers]\n"al.one.q" = { dont_know = true }\n"al.three.q" = 5\n')
    assert domain(known, "alpha") == domain(unknown, "alpha") == (0, 0.0, 33.3)


def test_low_confidence_is_reported(mini: Catalog) -> None:
    text = '[answers]\n"al.one.q" = { answer = "all", confidence = "low" }\n"be.top.q" = { answer = "yes", confidence = "high" }\n'
    result = assess(mini, text)
    assert result.domain("alpha").low_confidence == ["al.one.q"]
    assert result.domain("beta").low_confidence == []
    assert result.capabilities["al.one"].status == "achieved"  # still counted in full
    assert f"low confidence in {mini.capabilities['al.one'].name}" in render_result(result, mini)


def test_unanswered_questions_are_counted(mini: Catalog) -> None:
    result = assess(mini, "")
    d = result.domain("alpha")
    assert (d.stage, d.index, d.percent, d.answered, d.unanswered) == (0, 0.0, 0.0, 0, 3)
    assert result.domain("beta").unanswered == 3  # be.shop does not apply, but is still a question


@pytest.mark.parametrize(
    "chosen, credit",
    [(["a"], 0.0), (["b"], 0.5), (["a", "b"], 0.5), (["b", "c"], 1.0), (["a", "b", "c"], 1.0), ("c", 0.5), ([], 0.0)],
)
def test_multi_question_credit_is_the_capped_sum(mini: Catalog, chosen: Any, credit: float) -> None:
    question, _ = mini.questions["be.base.q"]
    assert question_credit(question, Answer(answer=chosen)) == credit


@pytest.mark.parametrize("number, credit", [(-3, 0.0), (0, 0.0), (1, 0.0), (2, 0.67), (4.9, 0.67), (5, 1.0), (1000, 1.0)])
def test_number_question_credit_is_the_highest_threshold_reached(mini: Catalog, number: float, credit: float) -> None:
    question, _ = mini.questions["al.three.q"]
    assert question_credit(question, Answer(answer=number)) == credit


def test_yes_no_credit_from_booleans_and_ids(mini: Catalog) -> None:
    question, _ = mini.questions["al.two.q"]
    assert [question_credit(question, Answer(answer=v)) for v in (True, False, "yes", "no")] == [1.0, 0.0, 1.0, 0.0]


def test_text_questions_carry_no_weight() -> None:
    question = Question(id="ga.one.q", text="Describe it", type="text")
    assert question.weight == 0.0 and question_credit(question, Answer(answer="anything")) == 0.0


# --------------------------------------------------------------------------------------------
# golden cases on a questionnaire with weights
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def weighted() -> Catalog:
    def cap(cid: str, stage: str, *questions: dict, weight: float = 1.0) -> dict:
        return {"id": cid, "name": cid, "stage": stage, "weight": weight, "questions": list(questions)}

    return catalog_of(
        make_questionnaire(
            "gamma",
            "ga",
            capabilities=[
                cap("ga.a", "fundamentals", scale("ga.a.q")),
                cap("ga.b", "fundamentals", scale("ga.b.q")),
                cap("ga.c", "intermediate", scale("ga.c.q"), weight=2.0),
                cap("ga.d", "intermediate", scale("ga.d.q")),
                cap("ga.e", "advanced", yes_no("ga.e.q1", weight=3.0), yes_no("ga.e.q2")),
            ],
        )
    )


def test_gated_index_adds_weighted_coverage_of_the_next_stage(weighted: Catalog) -> None:
    text = '[answers]\n"ga.a.q" = "o3"\n"ga.b.q" = "o2"\n"ga.c.q" = "o1"\n"ga.d.q" = "o3"\n'
    stage, index, percent = domain(assess(weighted, text), "gamma")
    # fundamentals: 1 and .67, both achieved -> stage 1
    # intermediate coverage: (2 x .33 + 1 x 1) / 3 = .5533 -> index 1.55
    # percent: (1 + .67 + 2 x .33 + 1 + 0) / 6 = 55.5 %
    assert (stage, index) == (1, 1.55)
    assert percent == pytest.approx(55.5, abs=0.05)


def test_question_weights_within_a_capability(weighted: Catalog) -> None:
    result = assess(weighted, '[answers]\n"ga.e.q1" = "yes"\n"ga.e.q2" = "no"\n')
    # (3 x 1 + 1 x 0) / 4
    assert (result.capabilities["ga.e"].credit, result.capabilities["ga.e"].status) == (0.75, "achieved")


def test_additive_counts_a_stage_with_nothing_applicable_as_full() -> None:
    q = make_questionnaire(
        scoring="additive",
        capabilities=[
            {"id": "ga.a", "name": "A", "stage": "fundamentals", "questions": [yes_no("ga.a.q")]},
            {"id": "ga.c", "name": "C", "stage": "advanced", "questions": [yes_no("ga.c.q")]},
        ],
    )
    result = assess(catalog_of(q), '[answers]\n"ga.a.q" = "yes"\n"ga.c.q" = "no"\n')
    # 1 + 1 (no intermediate capability) + 0
    assert domain(result, "gamma") == (2, 2.0, 50.0)


# --------------------------------------------------------------------------------------------
# the overall result
# --------------------------------------------------------------------------------------------


def test_weakest_link_is_the_lowest_stage(mini: Catalog) -> None:
    result = assess(mini, '[answers]\n"al.one.q" = "all"\n"be.base.q" = ["b", "c"]\n"be.top.q" = "yes"\n')
    assert [(d.domain, d.stage) for d in result.domains] == [("alpha", 1), ("beta", 3)]
    assert result.weakest_link is not None
    assert (result.weakest_link.stage, result.weakest_link.stage_name, result.weakest_link.domains) == (1, "Fundamentals", ["alpha"])


def test_weakest_link_names_every_domain_at_the_lowest_stage(mini: Catalog) -> None:
    result = assess(mini, '[answers]\n"al.one.q" = "none"\n"be.base.q" = { dont_know = true }\n')
    assert result.weakest_link is not None and result.weakest_link.domains == ["alpha", "beta"]


def test_a_domain_where_nothing_applies_has_no_stage_and_is_not_the_weakest_link(mini: Catalog) -> None:
    text = "[answers]\n" + "\n".join(f'"{q}" = {{ not_applicable = "n/a" }}' for q in ("al.one.q", "al.two.q", "al.three.q"))
    result = assess(mini, text + '\n"be.base.q" = ["b"]\n')
    assert domain(result, "alpha") == (0, 0.0, 0.0)
    assert result.domain("alpha").label == "Nothing applies" and result.domain("alpha").is_assessed
    assert result.weakest_link is not None and result.weakest_link.domains == ["beta"]
    assert result.warnings == ["Alpha: no capability applies, so it has no stage"]


def test_profile_name_and_achieved_set(mini: Catalog) -> None:
    result = assess(mini, '[profile]\nname = "Acme"\n[answers]\n"al.one.q" = "all"\n')
    assert result.profile_name == "Acme"
    assert result.achieved() == {"al.one"}


# --------------------------------------------------------------------------------------------
# strategies from plugins
# --------------------------------------------------------------------------------------------


def test_a_plugin_strategy_replaces_the_built_in_of_the_same_name(plugin_path) -> None:
    import maturity_test_scoring

    q = make_questionnaire(capabilities=[
        {"id": "ga.a", "name": "A", "stage": "fundamentals", "questions": [yes_no("ga.a.q")]},
        {"id": "ga.b", "name": "B", "stage": "fundamentals", "questions": [yes_no("ga.b.q")]},
    ])
    text = '[answers]\n"ga.a.q" = "yes"\n"ga.b.q" = "no"\n'
    assert domain(assess(catalog_of(q), text), "gamma")[:2] == (0, 0.5)  # built-in gated
    catalog = catalog_of(q, maturity_test_scoring)
    assert isinstance(catalog.strategies["gated"].strategy, maturity_test_scoring.LenientGated)
    assert isinstance(catalog.strategies["additive"], AdditiveStrategy)  # untouched
    result = assess(catalog, text)
    assert domain(result, "gamma")[:2] == (1, 1.0)  # half achieved is enough for the plugin
    assert result.domain("gamma").strategy == "gated"


def test_a_questionnaire_can_name_a_plugin_strategy(plugin_path) -> None:
    import maturity_test_scoring

    q = make_questionnaire(scoring="best-stage", capabilities=[
        {"id": "ga.a", "name": "A", "stage": "fundamentals", "questions": [yes_no("ga.a.q")]},
        {"id": "ga.c", "name": "C", "stage": "advanced", "questions": [yes_no("ga.c.q")]},
    ])
    result = assess(catalog_of(q, maturity_test_scoring), '[answers]\n"ga.c.q" = "yes"\n')
    assert (result.domain("gamma").strategy, result.domain("gamma").stage) == ("best-stage", 3)


# --------------------------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------------------------

CREDITS = st.sampled_from([0.0, 0.1, 0.25, 0.33, 0.5, 0.66, 0.67, 0.7, 0.9, 1.0])


@st.composite
def questionnaires(draw: st.DrawFn, scoring: str = "gated") -> Catalog:
    caps = []
    for c in range(draw(st.integers(min_value=1, max_value=7))):
        questions = []
        for n in range(draw(st.integers(min_value=1, max_value=3))):
            credits = draw(st.lists(CREDITS, min_size=2, max_size=4))
            questions.append({**scale(f"ga.c{c}.q{n}", credits), "weight": draw(st.sampled_from([0.5, 1.0, 2.0]))})
        caps.append({
            "id": f"ga.c{c}",
            "name": f"C{c}",
            "stage": draw(st.sampled_from(["fundamentals", "intermediate", "advanced"])),
            "weight": draw(st.sampled_from([0.5, 1.0, 3.0])),
            "questions": questions,
        })
    return catalog_of(make_questionnaire(scoring=scoring, capabilities=caps), check_graph=False)


def answer_choices(question: Question) -> st.SearchStrategy[Answer | None]:
    return st.one_of(
        st.none(),
        st.just(Answer(dont_know=True)),
        st.just(Answer(not_applicable="does not apply")),
        st.sampled_from([Answer(answer=o.id) for o in question.options]),
    )


def _credit(question: Question, answer: Answer | None) -> float:
    if answer is None or answer.state != "answered":
        return 0.0
    return question_credit(question, answer)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["gated", "additive"]).flatmap(questionnaires), st.data())
def test_raising_one_answer_never_lowers_stage_index_or_percent(catalog: Catalog, data: st.DataObject) -> None:
    questions = [q for q, _ in catalog.questions.values()]
    before = {q.id: data.draw(answer_choices(q), label=q.id) for q in questions}
    before = {k: v for k, v in before.items() if v is not None}
    # raise one answer that is not "not applicable" to an option with more credit
    candidates = [q for q in questions if before.get(q.id) is None or before[q.id].state != "not_applicable"]
    assume(candidates)
    question = data.draw(st.sampled_from(candidates), label="raised")
    current = _credit(question, before.get(question.id))
    better = [o for o in question.options if o.credit > current]
    assume(better)
    option = data.draw(st.sampled_from(better), label="to")
    after = {**before, question.id: Answer(answer=option.id)}

    low = score(catalog, AnswerFile(answers=before)).domain("gamma")
    high = score(catalog, AnswerFile(answers=after)).domain("gamma")
    assert high.stage >= low.stage
    assert high.index >= low.index
    assert high.percent >= low.percent


@settings(max_examples=100, deadline=None)
@given(questionnaires(), st.data())
def test_gated_stage_is_the_highest_fully_achieved_stage(catalog: Catalog, data: st.DataObject) -> None:
    questions = [q for q, _ in catalog.questions.values()]
    answers = {q.id: a for q in questions if (a := data.draw(answer_choices(q), label=q.id)) is not None}
    result = score(catalog, AnswerFile(answers=answers))
    d = result.domain("gamma")
    caps = [c for c in result.capabilities.values() if c.status != "not_applicable"]
    assume(caps)
    expected = 0
    for stage in (1, 2, 3):
        if all(c.status == "achieved" for c in caps if c.stage == stage):
            expected = stage
        else:
            break
    assert d.stage == expected
    assert expected <= d.index <= expected + 1
    assert 0.0 <= d.percent <= 100.0

