"""Follow-ups an earlier answer makes moot: not asked, and scored as not applicable."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity.assessment.interview import Interview
from maturity.assessment.models import Answer, AnswerFile
from maturity.assessment.scoring import score
from maturity.contract.profile import Profile

from tests.conftest import catalog_of

FOLLOWUP = Path(__file__).resolve().parent.parent / "fixtures" / "followup"


def answer_file(**answers: str) -> AnswerFile:
    return AnswerFile(profile=Profile(name="Acme"), answers={qid.replace("_", "."): Answer(answer=a) for qid, a in answers.items()})


def test_a_moot_follow_up_counts_as_not_applicable_not_unanswered() -> None:
    catalog = catalog_of(FOLLOWUP)
    result = score(catalog, answer_file(ga_test_last="never", ga_plan_q="yes"))
    test = result.capabilities["ga.test"]
    assert test.unanswered == 0 and test.credit == 0.0 and test.status == "not_started"
    # asked and left open, the same follow-up is unanswered
    open_result = score(catalog, answer_file(ga_test_last="old", ga_plan_q="yes"))
    assert open_result.capabilities["ga.test"].unanswered == 1
    assert open_result.capabilities["ga.test"].credit == 0.25


def test_an_answer_to_a_moot_follow_up_is_kept_but_not_counted() -> None:
    """An answer file written before the rule (or by hand) that answered the follow-up anyway
    still loads; the moot answer does not count."""
    catalog = catalog_of(FOLLOWUP)
    result = score(catalog, answer_file(ga_test_last="never", ga_test_findings="fixed", ga_plan_q="yes"))
    assert result.capabilities["ga.test"].credit == 0.0
    assert score(catalog, answer_file(ga_test_last="recent", ga_test_findings="fixed")).capabilities["ga.test"].credit == 1.0


def test_without_a_definite_earlier_answer_the_follow_up_is_asked() -> None:
    catalog = catalog_of(FOLLOWUP)
    interview = Interview(catalog, Profile(name="Acme"))
    findings = interview.steps[interview.index_of("ga.test.findings")]
    for earlier in (None, Answer(dont_know=True), Answer(not_applicable="not ours")):
        answers = {} if earlier is None else {"ga.test.last": earlier}
        assert not interview.is_moot(findings, answers)


def test_the_interview_steps_over_a_moot_follow_up_both_ways() -> None:
    catalog = catalog_of(FOLLOWUP)
    interview = Interview(catalog, Profile(name="Acme"))
    last, findings, plan = (interview.index_of(q) for q in ("ga.test.last", "ga.test.findings", "ga.plan.q"))
    never = {"ga.test.last": Answer(answer="never")}
    assert interview.step_from(last, 1, never) == plan
    assert interview.step_from(plan, -1, never) == last
    assert interview.step_from(last, 1, {"ga.test.last": Answer(answer="old")}) == findings
    # progress and what is left open leave the moot question out
    assert interview.unanswered_count(never) == 1  # only the plan
    assert interview.progress(never)[0].total == 2
    assert interview.first_unanswered(never, findings) == plan
    # a draft that stopped on the follow-up resumes on the next question asked
    assert interview.resume_at(never, "ga.test.findings") == plan


def test_assess_on_the_command_line_counts_a_moot_follow_up_as_not_applicable(tmp_path: Path, run_bare) -> None:  # type: ignore[no-untyped-def]
    import json

    answers = tmp_path / "answers.toml"
    answers.write_text('[profile]\nname = "Acme"\n\n[answers]\n"ga.test.last" = "never"\n"ga.plan.q" = "yes"\n', encoding="utf-8")
    result = run_bare("assess", "--answers", str(answers), "--json", dirs=[FOLLOWUP])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    caps = {c["id"]: c for c in data["capabilities"]} if isinstance(data["capabilities"], list) else data["capabilities"]
    assert caps["ga.test"]["unanswered"] == 0


def test_the_blank_answer_file_says_when_a_follow_up_is_asked() -> None:
    from maturity.assessment.template import render_template

    text = render_template(catalog_of(FOLLOWUP))
    before = text[: text.index('"ga.test.findings" = ')]
    assert "Only when the answer to ga.test.last is not: never" in before.splitlines()[-5] + " ".join(before.splitlines()[-6:])


def test_the_questions_that_apply_are_counted_once_for_every_surface() -> None:
    """`asked` and `answered_of_asked` are what every count of questions uses: a moot
    follow-up is neither asked nor answered, whatever the file holds for it."""
    from maturity.assessment.followups import answered_of_asked, asked

    catalog = catalog_of(FOLLOWUP)
    questions = [catalog.questions[q][0] for q in ("ga.test.last", "ga.test.findings", "ga.plan.q")]
    assert [q.id for q in asked(questions, {})] == ["ga.test.last", "ga.test.findings", "ga.plan.q"]
    never = answer_file(ga_test_last="never", ga_test_findings="fixed").answers
    assert [q.id for q in asked(questions, never)] == ["ga.test.last", "ga.plan.q"]
    assert answered_of_asked(questions, never) == (1, 2)
    assert answered_of_asked(questions, answer_file(ga_test_last="old").answers) == (1, 3)


def test_the_app_s_counter_counts_only_the_questions_asked() -> None:
    """"2 of 3" before the first answer; after "Never tested" the plan is "2 of 2"."""
    catalog = catalog_of(FOLLOWUP)
    interview = Interview(catalog, Profile(name="Acme"))
    last, findings, plan = (interview.steps[interview.index_of(q)] for q in ("ga.test.last", "ga.test.findings", "ga.plan.q"))
    assert interview.position(last, {}) == (1, 3)
    assert interview.position(plan, {}) == (3, 3)
    never = {"ga.test.last": Answer(answer="never")}
    assert interview.position(last, never) == (1, 2)
    assert interview.position(plan, never) == (2, 2)
    assert interview.asked_count(never) == 2
    old = {"ga.test.last": Answer(answer="old")}
    assert interview.position(findings, old) == (2, 3) and interview.asked_count(old) == 3


def test_a_file_s_count_of_answers_leaves_a_moot_follow_up_out() -> None:
    """`validate` and the warnings of `assess` count the answers a file gives of the questions
    it is asked: an empty moot follow-up is not a missing answer."""
    from maturity.assessment.answers import answer_warnings, given_of_asked

    catalog = catalog_of(FOLLOWUP)
    held = AnswerFile(profile=Profile(name="Acme"), answers={
        "ga.test.last": Answer(answer="never"), "ga.test.findings": Answer(answer=""), "ga.plan.q": Answer(answer=""),
    })
    assert given_of_asked(held) == (1, 3)  # without the questions, every entry counts
    assert given_of_asked(held, catalog) == (1, 2)
    assert not any("only 1 of" in text for _, text in answer_warnings(held, catalog=catalog))


def test_validate_and_assess_count_answers_without_the_moot_follow_up(tmp_path: Path, run_bare) -> None:  # type: ignore[no-untyped-def]
    answers = tmp_path / "answers.toml"
    answers.write_text('[profile]\nname = "Acme"\n\n[answers]\n"ga.test.last" = "never"\n"ga.test.findings" = ""\n'
                       '"ga.plan.q" = ""\n', encoding="utf-8")
    checked = run_bare("validate", str(answers), dirs=[FOLLOWUP])
    assert "answer file, 1 of 2 answers given" in checked.output, checked.output
    assessed = run_bare("assess", "--answers", str(answers), dirs=[FOLLOWUP])
    assert assessed.exit_code == 0, assessed.output
    assert "of 3 questions" not in assessed.output


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_report_says_a_moot_follow_up_does_not_apply(tmp_path: Path, run_bare, fmt: str) -> None:  # type: ignore[no-untyped-def]
    """The answers listed in the report: the follow-up after "Never tested" is not "no answer"
    but does not apply, saying why in the question's own words."""
    import html
    import re

    answers = tmp_path / "answers.toml"
    answers.write_text('[profile]\nname = "Acme"\n\n[answers]\n"ga.test.last" = "never"\n"ga.plan.q" = "yes"\n', encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    result = run_bare("report", "--answers", str(answers), "--format", fmt, "--output", str(out), dirs=[FOLLOWUP])
    assert result.exit_code == 0, result.output
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8"))).replace("*", "").split())
    at = text.index("What happened to the last test's findings?")
    said = text[at:at + 200]
    assert said.startswith("What happened to the last test's findings? does not apply (not asked after the answer "
                           "“Never tested” to “When was the last test?”)"), said
    assert "no answer" not in said
