"""Answer files: the format and its shorthands, the checks against the loaded questionnaires,
and every kind of bad answer file ending in one clear message (exit status 2, no traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BAD, assert_bad_input

from maturity.assessment.answers import load_answers, parse_answers
from maturity.common.errors import AnswerError, FileFormatError
from maturity.assessment.models import Answer, AnswerFile
from maturity.common.tomlfile import parse_toml

ANSWERS = BAD / "answers"


def parse(text: str, catalog=None) -> AnswerFile:
    return parse_answers(parse_toml(text, "answers.toml"), catalog)


def test_full_answer_file(mini) -> None:
    answers = parse(
        '''
[profile]
name = "Acme Plumbing"
industry = "trades"
size = 12
budget = 15000
currency = "EUR"
training_hours = 30
sales_channels = ["phone", "online"]
regulated_data = ["personal"]
facts = ["has:remote-staff"]
funded = ["al.one"]

[profile.goals]
security = 5
customer-service = { weight = 3, target = "answer within a day", metric = "hours to answer", value = 24, by = 2027-06-30 }

[[profile.processes]]
name = "Taking orders"
pain_points = ["orders by phone get lost"]

[questionnaires]
alpha = "1.0.0"

[answers]
"al.one.q" = "most"
"al.two.q" = { answer = "yes", note = "since May", evidence = "https://intranet/policy", confidence = "low" }
"al.three.q" = { dont_know = true }
"be.base.q" = ["b", "c"]
"be.shop.q" = { not_applicable = "we only sell in the shop" }
''',
        mini,
    )
    profile = answers.profile
    assert (profile.name, profile.size, profile.budget, profile.currency) == ("Acme Plumbing", 12, 15000.0, "EUR")
    assert profile.goals["security"].weight == 5
    assert profile.goals["customer-service"].target == "answer within a day"
    assert str(profile.goals["customer-service"].by) == "2027-06-30"
    assert profile.processes[0].pain_points == ["orders by phone get lost"]
    assert profile.fact_set() == {"channel:phone", "channel:online", "data:personal", "has:remote-staff"}
    assert answers.questionnaires == {"alpha": "1.0.0"}
    a = answers.answers
    assert a["al.one.q"].answer == "most" and a["al.one.q"].state == "answered"
    assert a["al.two.q"].evidence == ["https://intranet/policy"]  # one link is short for a list
    assert (a["al.two.q"].note, a["al.two.q"].confidence) == ("since May", "low")
    assert a["al.three.q"].state == "dont_know"
    assert a["be.base.q"].answer == ["b", "c"]
    assert a["be.shop.q"].state == "not_applicable"
    assert a["be.shop.q"].not_applicable == "we only sell in the shop"


def test_unquoted_dotted_keys_are_question_ids(mini) -> None:
    answers = parse(
        '''
[answers]
al.one.q = "all"
al.two.q = { answer = "no", note = "not yet" }

[answers.be]
base.q = ["b"]
''',
        mini,
    )
    assert set(answers.answers) == {"al.one.q", "al.two.q", "be.base.q"}
    assert answers.answers["al.two.q"].note == "not yet"


def test_yes_no_accepts_booleans(mini) -> None:
    answers = parse('[answers]\n"al.two.q" = true\n"be.top.q" = false\n', mini)
    assert answers.answers["al.two.q"].answer is True


def test_a_single_choice_for_a_multi_question(mini) -> None:
    answers = parse('[answers]\n"be.base.q" = "b"\n', mini)
    assert answers.answers["be.base.q"].answer == "b"


def test_empty_answers_count_as_unanswered(mini) -> None:
    answers = parse('[answers]\n"al.one.q" = ""\n"al.three.q" = ""\n', mini)
    assert answers.answers["al.one.q"].answer == ""


def test_an_empty_file_is_a_valid_answer_file(mini) -> None:
    answers = parse("", mini)
    assert answers.answers == {} and answers.profile.name == ""


@pytest.mark.parametrize(
    "fields, message",
    [
        ({}, "give exactly one of"),
        ({"answer": "all", "dont_know": True}, "give exactly one of"),
        ({"dont_know": True, "not_applicable": "no"}, "give exactly one of"),
        ({"not_applicable": "  "}, "not_applicable needs a reason"),
    ],
)
def test_an_answer_is_exactly_one_thing(fields: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Answer(**fields)


def test_load_answers_from_a_file(mini, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('[answers]\n"al.one.q" = "all"\n')
    assert load_answers(path, mini).answers["al.one.q"].answer == "all"


# --------------------------------------------------------------------------------------------
# checks against the catalog, through the library
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, line, key, message",
    [
        ('[answers]\n"al.one.q" = "every"\n', 2, "al.one.q", "'every' is not an option of this question; choose one of: none, some, most, all"),
        ('[answers]\n"be.base.q" = ["a", "x", "y"]\n', 2, "be.base.q", "'x', 'y' are not options of this question; choose from: a, b, c"),
        ('[answers]\n"al.two.q" = 1\n', 2, "al.two.q", 'the answer is the number 1, but this question takes one of its options, written in quotes: "yes", "no", or true or false'),
        ('[answers]\n"al.one.q" = 2.5\n', 2, "al.one.q", 'the answer is the number 2.5, but this question takes one of its options, written in quotes: "none", "some", "most", "all"'),
        ('[answers]\n"al.one.q" = ["all"]\n', 2, "al.one.q", "the answer is a list, but this question takes one of its options"),
        ('[answers]\n"al.three.q" = "5"\n', 2, "al.three.q", "the answer must be a number (threes)"),
        ('[answers]\n"al.three.q" = true\n', 2, "al.three.q", "the answer must be a number"),
        ('[answers]\n"al.three.q" = -5\n', 2, "al.three.q", "al.three.q: the answer must be 0 or more (threes), not -5"),
        ('[answers]\n"al.three.q" = { answer = -0.5 }\n', 2, "al.three.q", "the answer must be 0 or more (threes), not -0.5"),
        ('[answers]\n"zz.one.q" = "all"\n', 2, "zz.one.q", "no loaded questionnaire has ids starting like it (prefixes: al., be.)"),
        ('[profile]\nsales_channels = ["onlin"]\n', 2, "onlin", "profile.sales_channels: unknown sales channel 'onlin'; choose from: b2b, field"),
        ('[profile]\nname = "A"\ncurrency = "dol"\n', 3, "currency", "profile.currency: must be three capital letters such as USD, EUR or GBP, not 'dol'"),
        ('[profile]\nregulated_data = ["pets"]\n', 2, "pets", "profile.regulated_data: unknown kind of regulated data 'pets'"),
        ('[profile]\nfacts = ["has:robots"]\n', 2, "has:robots", "unknown fact 'has:robots'"),
        ('[profile]\nfunded = ["al.onee"]\n', 2, "al.onee", "profile.funded: unknown capability 'al.onee' (did you mean al.one?)"),
        ('[questionnaires]\ngamma = "1.0.0"\n', 2, "gamma", "answers name questionnaire 'gamma', which is not loaded; loaded: alpha, beta"),
    ],
)
def test_answers_are_checked_against_the_catalog(mini, text: str, line: int, key: str, message: str) -> None:
    with pytest.raises(AnswerError) as info:
        parse(text, mini)
    assert (info.value.path, info.value.line, info.value.key) == ("answers.toml", line, key)
    assert message in info.value.message


@pytest.mark.parametrize(
    "text, message",
    [
        ('[answers]\n"al.one.q" = { answer = { level = 3 } }\n', 'answers.toml:2: answers."al.one.q".answer: must be true or false, a number, text in quotes or a list, not a table'),
        ('[answers]\n"be.base.q" = ["b", 3]\n', 'answers.toml:2: answers."be.base.q".answer[1]: must be text in quotes, not 3'),
        ('[answers]\nal.one.q = { answer = "all", confidence = "sure" }\n', "answers.toml:2: answers.al.one.q.confidence: must be 'high', 'medium' or 'low', not 'sure'"),
        ("[profile]\nsize = 0\n", "answers.toml:2: profile.size: must be 1 or more, not 0"),
        ('[profile.goals]\nsecurity = { by = "June" }\n', "answers.toml:2: profile.goals.security.by: must be a date written YYYY-MM-DD, not 'June'"),
        ("[profile.goals]\nsecurity = { by = 2027-06-30T10:00:00 }\n", "answers.toml:2: profile.goals.security.by: must be a date written YYYY-MM-DD, not 2027-06-30T10:00:00"),
        ("[profile.goals]\nsecurity = { by = 2027 }\n", "answers.toml:2: profile.goals.security.by: must be a date written YYYY-MM-DD, not 2027"),
        ('[profile]\nname = "Z"\n\n[profile.goals]\nsecurity = 0\ncost = 0\n', "answers.toml:4: profile.goals: every goal has weight 0; give at least one goal a weight above 0"),
        ("[profile]\ngoals = { security = 0 }\n", "answers.toml:2: profile.goals: every goal has weight 0; give at least one goal a weight above 0"),
        ('[questionnaires]\nalpha = "one"\n', 'answers.toml:2: questionnaires.alpha: must be a version written MAJOR.MINOR.PATCH, such as "1.2.0", not \'one\''),
        ('[questionnaires]\nalpha = "1.0"\n', 'answers.toml:2: questionnaires.alpha: must be a version written MAJOR.MINOR.PATCH, such as "1.2.0", not \'1.0\''),
        ('[answers]\n"al.three.q" = inf\n', 'answers.toml:2: answers."al.three.q".answer: must be a finite number, not inf'),
        ('[answers]\n"al.three.q" = { answer = nan }\n', 'answers.toml:2: answers."al.three.q".answer: must be a finite number, not nan'),
        ("[profile]\nname = 'X'\nbudget = inf\n", "answers.toml:3: profile.budget: must be a finite number, not inf"),
        ("[profile]\ntraining_hours = nan\n", "answers.toml:2: profile.training_hours: must be a finite number, not nan"),
        ("[profile]\nsize = inf\n", "answers.toml:2: profile.size: must be a finite number, not inf"),
        ("[profile.goals]\nsecurity = inf\n", "answers.toml:2: profile.goals.security.weight: must be a finite number, not inf"),
        ("[profile.goals]\nsecurity = { value = -inf }\n", "answers.toml:2: profile.goals.security.value: must be a finite number, not -inf"),
        ('[profile]\ngoals = { security = { weight = 11 } }\n', "answers.toml:2: profile.goals.security.weight: must be 10 or less, not 11"),
    ],
)
def test_badly_typed_answers_read_well(mini, text: str, message: str) -> None:
    with pytest.raises(AnswerError) as info:
        parse(text, mini)
    assert str(info.value) == message


def test_without_a_catalog_only_the_format_is_checked() -> None:
    answers = parse('[answers]\n"zz.one.q" = "anything"\n')
    assert "zz.one.q" in answers.answers


# --------------------------------------------------------------------------------------------
# bad answer files, through the command line
# --------------------------------------------------------------------------------------------


def _assess(run, name: str):
    return run("assess", "--answers", ANSWERS / name)


def _at(name: str, line: int) -> str:
    return f"{ANSWERS / name}:{line}:"


def test_cli_answer_file_syntax_error(run) -> None:
    assert_bad_input(_assess(run, "syntax.toml"), _at("syntax.toml", 5), "TOML syntax error: Invalid value")


def test_cli_unknown_question_id(run) -> None:
    assert_bad_input(
        _assess(run, "unknown_question.toml"),
        _at("unknown_question.toml", 6),
        "unknown question id 'al.won.q' in alpha",
        "did you mean al.two.q or al.one.q?",
    )


def test_cli_unknown_option_id(run) -> None:
    assert_bad_input(
        _assess(run, "unknown_option.toml"),
        _at("unknown_option.toml", 4),
        "be.base.q: 'd' is not an option of this question; choose from: a, b, c",
    )


def test_cli_answer_for_a_question_an_older_version_had(run) -> None:
    assert_bad_input(
        _assess(run, "old_version.toml"),
        _at("old_version.toml", 8),
        "question 'al.four.q' is not in alpha 1.0.0",
        "written for alpha 0.9.0",
        "removed or renamed",
        "changelog",
    )


def test_cli_unknown_goal(run) -> None:
    assert_bad_input(
        _assess(run, "unknown_goal.toml"),
        _at("unknown_goal.toml", 6),
        "unknown goal 'custmer-service' (did you mean customer-service?)",
    )


def test_cli_negative_budget(run) -> None:
    assert_bad_input(_assess(run, "negative_budget.toml"), _at("negative_budget.toml", 4), "profile.budget: must be 0 or more, not -5000")


def test_cli_unknown_key_in_an_answer(run) -> None:
    assert_bad_input(_assess(run, "unknown_key.toml"), _at("unknown_key.toml", 5), 'answers."al.one.q".confidance: unknown key')


def test_cli_answer_and_dont_know_together(run) -> None:
    assert_bad_input(_assess(run, "two_states.toml"), _at("two_states.toml", 3), 'answers."al.two.q"', "give exactly one of")


def test_cli_not_a_number(run) -> None:
    assert_bad_input(_assess(run, "not_a_number.toml"), _at("not_a_number.toml", 2), "al.three.q: the answer must be a number (threes)")


def test_cli_missing_answers_file(run, tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    assert_bad_input(run("assess", "--answers", missing), f"{missing}: no such file")


def test_cli_answers_file_is_a_folder(run, tmp_path: Path) -> None:
    result = run("assess", "--answers", tmp_path)
    assert result.exit_code == 2 and "is a directory" in result.stderr and "Traceback" not in result.output


def test_validate_lists_answer_file_problems_with_status_1(run) -> None:
    result = run("validate", ANSWERS / "unknown_option.toml", ANSWERS / "unknown_goal.toml")
    assert result.exit_code == 1
    assert f"{ANSWERS / 'unknown_option.toml'}:4: be.base.q" in result.stderr
    assert f"{ANSWERS / 'unknown_goal.toml'}:6: profile.goals: unknown goal" in result.stderr
    assert "2 problems found." in result.stderr


def test_answers_without_a_catalog_reject_unknown_top_level_tables() -> None:
    with pytest.raises(AnswerError, match="answrs: unknown key"):
        parse("[answrs]\n")


def test_a_file_that_cannot_be_read_is_a_file_format_error(mini, tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="no such file"):
        load_answers(tmp_path / "nope.toml", mini)


def test_negative_numbers_are_answers_where_the_thresholds_go_below_zero() -> None:
    from conftest import catalog_of, make_questionnaire

    question = {"id": "ga.temp.q", "text": "Lowest temperature?", "type": "number", "unit": "degrees",
                "thresholds": [{"at_least": -20, "credit": 0.0}, {"at_least": 0, "credit": 1.0}]}
    catalog = catalog_of(make_questionnaire(capabilities=[{"id": "ga.temp", "name": "Temp", "stage": "fundamentals", "questions": [question]}]))
    assert parse('[answers]\n"ga.temp.q" = -30\n', catalog).answers["ga.temp.q"].answer == -30


def test_cli_a_questionnaire_given_as_answers(run, tmp_path: Path) -> None:
    from conftest import MINI

    assert_bad_input(
        run("assess", "--answers", MINI / "alpha.toml"),
        f"{MINI / 'alpha.toml'}:1: this file is a questionnaire, not an answer file; questionnaire alpha is already loaded;",
        "write an answer file with: maturity template",
    )
    other = tmp_path / "gamma.toml"
    other.write_text((MINI / "alpha.toml").read_text().replace('id = "alpha"', 'id = "gamma"'))
    assert_bad_input(run("assess", "--answers", other), f"to load it, give its folder with --questionnaires {tmp_path};")
