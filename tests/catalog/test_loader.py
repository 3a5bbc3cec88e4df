"""Loading questionnaires: the models, the checks within a file and across files, and every
kind of bad questionnaire file ending in one clear message (exit status 2, no traceback)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import BAD, MINI, assert_bad_input, catalog_of, make_questionnaire, scale, yes_no

from maturity.catalog import DOMAIN_ORDER
from maturity.common.errors import CatalogError, FileFormatError
from maturity.catalog.loader import check_questionnaire, load_questionnaire, LoadedQuestionnaire
from maturity.contract.questionnaire import Question, Questionnaire


# --------------------------------------------------------------------------------------------
# good files
# --------------------------------------------------------------------------------------------


def test_load_mini_alpha() -> None:
    loaded = load_questionnaire(MINI / "alpha.toml", "tests")
    q = loaded.model
    assert (loaded.id, loaded.plugin, q.version, q.questionnaire.prefix) == ("alpha", "tests", "1.0.0", "al")
    assert [c.id for c in q.capabilities] == ["al.one", "al.two", "al.three"]
    assert [c.stage_number for c in q.capabilities] == [1, 2, 3]
    assert q.capabilities[1].requires == ["al.one", "be.base"]
    assert [qu.type for qu in q.questions()] == ["single", "yes_no", "number"]
    assert loaded.capability_line(1, "requires") == 46


def test_yes_no_questions_get_yes_and_no_options() -> None:
    q = load_questionnaire(MINI / "alpha.toml").model
    two = q.capabilities[1].questions[0]
    assert [(o.id, o.credit) for o in two.options] == [("yes", 1.0), ("no", 0.0)]


def test_catalog_merges_files_in_domain_order(mini) -> None:
    assert list(mini.questionnaires) == ["alpha", "beta"]
    assert set(mini.capabilities) == {"al.one", "al.two", "al.three", "be.base", "be.shop", "be.top"}
    assert mini.domain_of["be.shop"] == "beta"
    assert mini.questions["al.two.q"][1] == "al.two"
    assert mini.versions() == {"alpha": "1.0.0", "beta": "2.0.0"}
    assert mini.domain_for_question("be.top.q") == "beta"
    assert mini.domain_for_question("zz.top.q") is None


def test_built_in_domains_come_first_in_their_order() -> None:
    made = [make_questionnaire(d, p) for d, p in (("ethics", "eth"), ("aardvark", "aa"), ("cybersecurity", "cyber"), ("cloud", "cloud"))]
    catalog = catalog_of(*made)
    assert list(catalog.questionnaires) == ["cybersecurity", "cloud", "ethics", "aardvark"]
    assert DOMAIN_ORDER[:2] == ("cybersecurity", "cloud")


def test_a_questionnaire_built_in_code_is_checked_like_a_file() -> None:
    q = make_questionnaire(capabilities=[{"id": "gb.one", "name": "One", "stage": "fundamentals"}])
    with pytest.raises(FileFormatError, match=r"capability id 'gb.one' must start with the questionnaire prefix 'ga.'"):
        check_questionnaire(LoadedQuestionnaire(q, "p", "<p>"))


def test_question_shapes_are_checked() -> None:
    with pytest.raises(ValueError, match="a single question needs at least two options"):
        Question(id="ga.one.q", text="?", options=[{"id": "a", "label": "A", "credit": 1}])
    with pytest.raises(ValueError, match="a number question needs thresholds"):
        Question(id="ga.one.q", text="?", type="number")
    with pytest.raises(ValueError, match="a text question takes no options"):
        Question(id="ga.one.q", text="?", type="text", options=[{"id": "a", "label": "A", "credit": 1}, {"id": "b", "label": "B", "credit": 0}])
    with pytest.raises(ValueError, match="only number questions take thresholds"):
        Question(**scale("ga.one.q"), thresholds=[{"at_least": 1, "credit": 1}])
    with pytest.raises(ValueError, match="duplicate option id 'o1'"):
        Question(id="ga.one.q", text="?", options=[{"id": "o1", "label": "A", "credit": 1}, {"id": "o1", "label": "B", "credit": 0}])
    assert Question(id="ga.one.q", text="Say", type="text").weight == 0.0


def test_duplicate_question_ids_within_a_file() -> None:
    q = make_questionnaire(capabilities=[
        {"id": "ga.one", "name": "One", "stage": "fundamentals", "questions": [yes_no("ga.one.q")]},
        {"id": "ga.two", "name": "Two", "stage": "fundamentals", "questions": [yes_no("ga.one.q")]},
    ])
    with pytest.raises(FileFormatError, match="duplicate question id 'ga.one.q'"):
        check_questionnaire(LoadedQuestionnaire(q, "p", "<p>"))


def test_a_question_may_not_reuse_a_capability_id() -> None:
    q = make_questionnaire(capabilities=[
        {"id": "ga.one", "name": "One", "stage": "fundamentals", "questions": [yes_no("ga.two")]},
        {"id": "ga.two", "name": "Two", "stage": "fundamentals"},
    ])
    with pytest.raises(FileFormatError, match="question id 'ga.two' is also a capability id"):
        check_questionnaire(LoadedQuestionnaire(q, "p", "<p>"))


def test_stage_names_need_one_per_stage() -> None:
    with pytest.raises(ValueError, match="give exactly 3 stage names"):
        make_questionnaire(stage_names=["Basic", "Expert"])
    q = make_questionnaire(stage_names=["Basic", "Good", "Expert"])
    assert [q.stage_label(s) for s in range(4)] == ["Not started", "Basic", "Good", "Expert"]


def test_version_must_be_semantic() -> None:
    with pytest.raises(ValueError):
        Questionnaire.model_validate({"questionnaire": {"id": "ga", "name": "G", "version": "1.0", "prefix": "ga"}})


# --------------------------------------------------------------------------------------------
# bad files, through the library: the error carries file, line and key
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case, error, line, key",
    [
        ("syntax", FileFormatError, 3, None),
        ("unknown_key", FileFormatError, 16, "capabilities[ga.two].colour"),
        ("wrong_type", FileFormatError, 22, "capabilities[ga.one].questions[ga.one.q].options[all].credit"),
        ("missing_key", FileFormatError, 7, "capabilities[ga.one].name"),
        ("duplicate_in_file", FileFormatError, 18, "ga.one"),
        ("duplicate_across_files", CatalogError, 6, "ga"),
        ("duplicate_questionnaire", CatalogError, 2, "gamma"),
        ("dangling", CatalogError, 16, "ga.restore"),
        ("cycle", CatalogError, None, None),
        ("unknown_strategy", CatalogError, 6, None),
    ],
)
def test_bad_questionnaire_errors_carry_their_place(case: str, error: type, line: int | None, key: str | None) -> None:
    with pytest.raises(error) as info:
        catalog_of(BAD / case)
    assert info.value.path is not None and Path(info.value.path).parent.name == case
    if line is not None:
        assert info.value.line == line
    if key is not None:
        assert info.value.key == key


# --------------------------------------------------------------------------------------------
# bad files, through the command line: one message, exit status 2, no traceback
# --------------------------------------------------------------------------------------------


def _place(case: str, name: str = "gamma.toml", line: int | None = None) -> str:
    path = str(BAD / case / name)
    return f"{path}:{line}:" if line else f"{path}:"


def test_cli_toml_syntax_error(run_bare) -> None:
    result = run_bare("questionnaires", dirs=[BAD / "syntax"])
    assert_bad_input(result, _place("syntax", line=3), "TOML syntax error", "column 14", "closing quote")


def test_cli_unknown_key(run_bare) -> None:
    result = run_bare("questionnaires", dirs=[BAD / "unknown_key"])
    message = assert_bad_input(result, _place("unknown_key", line=16), "capabilities[ga.two].colour", "unknown key")
    assert "line 16" not in message  # the line is said once, in the location


def test_cli_wrong_type(run_bare) -> None:
    result = run_bare("questionnaires", dirs=[BAD / "wrong_type"])
    assert_bad_input(result, _place("wrong_type", line=22), "options[all].credit: must be a number, not 'full'")


def test_cli_missing_key(run_bare) -> None:
    result = run_bare("questionnaires", dirs=[BAD / "missing_key"])
    assert_bad_input(result, _place("missing_key", line=7), "capabilities[ga.one].name", "required key is missing")


def test_cli_duplicate_capability_id_within_a_file(run_bare) -> None:
    result = run_bare("questionnaires", dirs=[BAD / "duplicate_in_file"])
    assert_bad_input(result, _place("duplicate_in_file", line=18), "duplicate capability id 'ga.one'", "first defined at line 8")


def test_cli_duplicate_capability_id_across_files(run_bare) -> None:
    # capability ids start with their questionnaire's prefix, so two files can only repeat an
    # id by sharing a prefix: that is refused, naming both files
    result = run_bare("questionnaires", dirs=[BAD / "duplicate_across_files"])
    assert_bad_input(
        result,
        _place("duplicate_across_files", "gamma_extra.toml", 6),
        "both use the prefix 'ga'",
        str(BAD / "duplicate_across_files" / "gamma.toml"),
    )


def test_cli_duplicate_questionnaire_id(run_bare) -> None:
    result = run_bare("questionnaires", dirs=[BAD / "duplicate_questionnaire"])
    assert_bad_input(result, _place("duplicate_questionnaire", "gamma_copy.toml", 2), "two questionnaires have the id 'gamma'", "gamma.toml")


def test_cli_dangling_requires_names_the_capability_the_missing_id_and_the_closest(run_bare) -> None:
    result = run_bare("questionnaires", dirs=[BAD / "dangling"])
    assert_bad_input(
        result,
        _place("dangling", line=16),
        "capability 'ga.restore'",
        "requires 'ga.bakups'",
        "closest existing ids: ga.backups",
    )


def test_cli_dangling_requires_across_questionnaires(run_bare, tmp_path: Path) -> None:
    # alpha requires be.base; without beta it dangles, and the message says so
    (tmp_path / "alpha.toml").write_text((MINI / "alpha.toml").read_text())
    result = run_bare("questionnaires", dirs=[tmp_path])
    assert_bad_input(result, f"{tmp_path / 'alpha.toml'}:46:", "capability 'al.two' requires 'be.base'", "no loaded questionnaire defines")


def test_cli_cycle_is_printed(run_bare) -> None:
    result = run_bare("questionnaires", dirs=[BAD / "cycle"])
    message = assert_bad_input(result, _place("cycle"), "prerequisites form a cycle: ")
    chain = re.search(r"cycle: (.*?)  \(", message).group(1).split(" --> ")
    requires = {"ga.one": "ga.three", "ga.two": "ga.one", "ga.three": "ga.two"}
    assert chain[0] == chain[-1] and len(chain) == 4
    assert all(requires[a] == b for a, b in zip(chain, chain[1:])), chain
    line = int(re.search(r"gamma\.toml:(\d+):", message).group(1))
    assert (BAD / "cycle" / "gamma.toml").read_text().splitlines()[line - 1].startswith("requires")


def test_cli_unknown_scoring_strategy(run_bare) -> None:
    result = run_bare("questionnaires", dirs=[BAD / "unknown_strategy"])
    assert_bad_input(result, _place("unknown_strategy", line=6), "scoring strategy 'weighted'", "known: additive, gated")


def test_cli_missing_questionnaire_folder(run_bare, tmp_path: Path) -> None:
    result = run_bare("questionnaires", dirs=[tmp_path / "nope"])
    assert_bad_input(result, str(tmp_path / "nope"), "does not exist")


def test_validate_reports_the_same_problem_with_status_1(run_bare) -> None:
    result = run_bare("validate", BAD / "unknown_key" / "gamma.toml")
    assert result.exit_code == 1
    assert f"{BAD / 'unknown_key' / 'gamma.toml'}:16: capabilities[ga.two].colour: unknown key" in result.stderr
    assert "1 problem found." in result.stderr



def test_a_questionnaire_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "alpha.toml"
    path.write_bytes("\ufeff".encode() + (MINI / "alpha.toml").read_bytes())
    assert load_questionnaire(path).doc.line(("questionnaire",)) == (MINI / "alpha.toml").read_text().splitlines().index("[questionnaire]") + 1


def test_cli_an_answer_file_in_a_questionnaire_folder(run_bare, tmp_path: Path) -> None:
    (tmp_path / "answers.toml").write_text('# ours\n[profile]\nname = "X"\n[answers]\n')
    assert_bad_input(
        run_bare("questionnaires", dirs=[tmp_path]),
        f"{tmp_path / 'answers.toml'}:2: this file is an answer file, not a questionnaire; give it with --answers",
    )


def test_a_folder_questionnaire_reusing_a_built_in_id_is_reported_at_its_own_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from maturity.cli import cli

    built_in = Path(__file__).parents[2] / "questionnaires" / "cybersecurity.toml"
    text = built_in.read_text(encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text(text, encoding="utf-8")
    line = text.splitlines().index('id = "cybersecurity"') + 1
    result = CliRunner().invoke(cli, ["--questionnaires", str(tmp_path), "questionnaires"], prog_name="maturity")
    assert_bad_input(result, f"Error: {mine}:{line}: two questionnaires have the id 'cybersecurity'", "cybersecurity.toml (cybersecurity)")
