"""The `when` rule of a follow-up question: checked on load, with the file, line and question."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity.catalog.loader import load_questionnaire
from maturity.common.errors import FileFormatError

FOLLOWUP = Path(__file__).resolve().parent.parent / "fixtures" / "followup" / "gamma.toml"


def written(tmp_path: Path, old: str, new: str) -> Path:
    text = FOLLOWUP.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "gamma.toml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_follow_up_loads_with_its_rule() -> None:
    loaded = load_questionnaire(FOLLOWUP)
    question = next(q for q in loaded.model.questions() if q.id == "ga.test.findings")
    assert question.when is not None
    assert question.when.question == "ga.test.last" and question.when.not_in == ["never"]
    assert question.when.moot({"never"}) and not question.when.moot({"old"}) and not question.when.moot(None)


@pytest.mark.parametrize(
    ("old", "new", "needles"),
    [
        ('question = "ga.test.last", not_in', 'question = "ga.test.lats", not_in',
         ["ga.test.findings", "'ga.test.lats'", "does not have"]),
        ('not_in = ["never"]', 'not_in = ["nevr"]',
         ["ga.test.findings", "option 'nevr'", "its options: never, old, recent"]),
        ('not_in = ["never"]', 'in = ["old"], not_in = ["never"]', ["exactly one of `in` and `not_in`"]),
        ('not_in = ["never"]', 'unless = ["never"]', ["unless"]),
    ],
)
def test_a_wrong_rule_names_the_file_line_and_question(tmp_path: Path, old: str, new: str, needles: list[str]) -> None:
    path = written(tmp_path, old, new)
    with pytest.raises(FileFormatError) as caught:
        load_questionnaire(path)
    message = str(caught.value)
    assert "gamma.toml" in message and ":32" in message, message  # the line of the `when`
    for needle in needles:
        assert needle in message, message


def test_a_rule_must_name_an_earlier_question(tmp_path: Path) -> None:
    path = written(tmp_path, 'question = "ga.test.last", not_in = ["never"]', 'question = "ga.plan.q", in = ["yes"]')
    with pytest.raises(FileFormatError, match="must come before it"):
        load_questionnaire(path)


def test_validate_reports_a_wrong_rule_with_status_2(tmp_path: Path, run_bare) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import assert_bad_input

    path = written(tmp_path, 'not_in = ["never"]', 'not_in = ["nevr"]')
    result = run_bare("validate", str(path))
    assert result.exit_code == 2 or result.exit_code == 1, result.output
    assert "gamma.toml" in result.output + result.stderr and "nevr" in result.output + result.stderr
    bad = run_bare("assess", "--answers", str(tmp_path / "none.toml"), dirs=[tmp_path])
    assert_bad_input(bad, "gamma.toml", "ga.test.findings", "nevr")
