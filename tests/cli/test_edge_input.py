"""Edge input in every format and on every writing command: true and false are not numbers,
a symbolic link loop is not a file, an amount no business plans is refused, and a full disk
is said: each ends in one message naming the file (and line), exit status 2, no traceback."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Callable

import pytest
from click.testing import Result

from conftest import MINI, assert_bad_input

Run = Callable[..., Result]

ANSWERS = """\
[profile]
name = "Acme Plumbing"
budget = 5000
size = 8
training_hours = 40
project_hours = 60

[profile.goals]
security = { weight = 3, target = "no incidents" }

[answers]
"al.one.q" = "some"
"""


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.toml"
    path.write_text(ANSWERS)
    return path


@pytest.fixture
def db(run: Run, tmp_path: Path, answers: Path) -> Path:
    path = tmp_path / "m.db"
    assert run("--db", path, "assess", "--answers", answers, "--save").exit_code == 0
    assert run("--db", path, "invest", "add", "al.one", "--cost", "100").exit_code == 0
    return path


# -- true and false are not numbers ---------------------------------------------------------


@pytest.mark.parametrize("old, new, line", [
    ("budget = 5000", "budget = true", 3),
    ("size = 8", "size = true", 4),
    ("training_hours = 40", "training_hours = false", 5),
    ("project_hours = 60", "project_hours = true", 6),
    ("weight = 3", "weight = true", 9),
    ("security = { weight = 3, target = \"no incidents\" }", "security = true", 9),
])
def test_true_is_not_a_number_in_an_answer_file(run: Run, tmp_path: Path, old: str, new: str, line: int) -> None:
    path = tmp_path / "bool.toml"
    assert old in ANSWERS
    path.write_text(ANSWERS.replace(old, new))
    for command in (["assess", "--answers", path], ["recommend", "--answers", path], ["report", "--answers", path]):
        message = assert_bad_input(run(*command), f"bool.toml:{line}:")
        assert "true" in message or "false" in message


@pytest.mark.parametrize("old, new", [
    ("credit = 0.33", "credit = true"),
    ("goals = { security = 1.0 }", "goals = { security = true }"),
    ("costs = { one_off = 500 }", "costs = { one_off = true }"),
    ("costs = { one_off = 500 }", "costs = { one_off = 500 }\neffort_hours = true"),
    ("costs = { one_off = 500 }", "costs = { one_off = 500 }\ntraining_hours = false"),
    ("costs = { one_off = 500 }", "costs = { one_off = 500 }\ncost_estimate = true"),
    ("costs = { one_off = 500 }", "costs = { one_off = 500 }\nweight = true"),
])
def test_true_is_not_a_number_in_a_questionnaire(run_bare: Run, tmp_path: Path, old: str, new: str) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    text = (MINI / "alpha.toml").read_text()
    assert old in text
    changed = text.replace(old, new, 1)
    (folder / "alpha.toml").write_text(changed)
    (folder / "beta.toml").write_text((MINI / "beta.toml").read_text())
    wrong = next(x for x in new.splitlines() if "true" in x or "false" in x)
    line = next(n for n, text in enumerate(changed.splitlines(), 1) if text.strip() == wrong.strip())
    message = assert_bad_input(run_bare("--questionnaires", folder, "template"), f"alpha.toml:{line}:")
    assert "must be a number, not true" in message or "not false" in message


def test_true_is_not_a_number_in_a_plugins_override() -> None:
    from pydantic import ValidationError

    from maturity.contract.recommendation import CapabilityOverride

    for fields in ({"priority": True}, {"add_goals": {"security": True}}):
        with pytest.raises(ValidationError):
            CapabilityOverride(id="al.one", **fields)  # type: ignore[arg-type]
    assert CapabilityOverride(id="al.one", priority=2, add_goals={"security": 1}).priority == 2.0


# -- symbolic link loops ----------------------------------------------------------------------


@pytest.fixture
def loop(tmp_path: Path) -> Path:
    """A symbolic link to itself."""
    path = tmp_path / "loop.toml"
    path.symlink_to(path.name)
    return path


@pytest.mark.parametrize("command", [
    ["assess", "--answers", "{loop}"],
    ["assess", "--answers", "{loop}", "--save"],
    ["recommend", "--answers", "{loop}"],
    ["roadmap", "--answers", "{loop}", "--json"],
    ["report", "--answers", "{loop}"],
    ["disagreements", "--answers", "{loop}", "--answers", "{answers}"],
    ["import", "{loop}"],
])
def test_a_symbolic_link_loop_to_read(run: Run, loop: Path, answers: Path, tmp_path: Path, command: list[str]) -> None:
    args = [a.format(loop=loop, answers=answers) for a in command]
    assert_bad_input(run("--db", tmp_path / "m.db", *args), str(loop), "symbolic links")
    assert loop.is_symlink()


def test_a_symbolic_link_loop_among_the_questionnaires(run_bare: Run, tmp_path: Path) -> None:
    folder = tmp_path / "q"
    folder.mkdir()
    (folder / "alpha.toml").write_text((MINI / "alpha.toml").read_text())
    (folder / "beta.toml").symlink_to("beta.toml")
    assert_bad_input(run_bare("--questionnaires", folder, "template"), "beta.toml", "symbolic links")


@pytest.mark.parametrize("command", [
    ["template", "-o", "{loop}"],
    ["template", "-o", "{loop}", "--force"],
    ["report", "--answers", "{answers}", "--format", "markdown", "-o", "{loop}"],
    ["report", "--answers", "{answers}", "--format", "html", "-o", "{loop}", "--force"],
    ["report", "--answers", "{answers}", "--format", "json", "-o", "{loop}", "--force"],
    ["--db", "{db}", "export", "-o", "{loop}", "--force"],
])
def test_a_symbolic_link_loop_to_write(run: Run, loop: Path, answers: Path, db: Path, command: list[str]) -> None:
    args = [a.format(loop=loop, answers=answers, db=db) for a in command]
    assert_bad_input(run(*args), f"cannot write {loop}", "symbolic links")
    assert loop.is_symlink()  # not replaced by the file
    assert not [p for p in loop.parent.iterdir() if p.name.endswith(".tmp")]


def test_something_other_than_a_file_is_not_replaced(run: Run, answers: Path, tmp_path: Path) -> None:
    """A named pipe where the report should go (a device such as /dev/null likewise, which a
    test must never risk replacing)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert_bad_input(run("report", "--answers", answers, "-o", fifo, "--format", "markdown", "--force"),
                     f"cannot write {fifo}", "named pipe")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert_bad_input(run("template", "-o", fifo, "--force"), f"cannot write {fifo}", "named pipe")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# -- amounts no business plans ----------------------------------------------------------------


@pytest.mark.parametrize("command, needle", [
    (["roadmap", "--answers", "{answers}", "--budget-per-period", "1e308"], "--budget-per-period"),
    (["roadmap", "--answers", "{answers}", "--budget", "1e308"], "--budget"),
    (["roadmap", "--answers", "{answers}", "--hours-per-period", "1e300"], "--hours-per-period"),
    (["roadmap", "--answers", "{answers}", "--training-per-period", "1e9"], "--training-per-period"),
    (["recommend", "--answers", "{answers}", "--budget", "1e308"], "--budget"),
    (["--db", "{db}", "invest", "add", "al.two", "--cost", "1e308", "--force"], "--cost"),
    (["--db", "{db}", "invest", "edit", "1", "--hourly-rate", "1e308"], "--hourly-rate"),
    (["--db", "{db}", "invest", "cost", "1", "1e308"], "the amount"),
    (["--db", "{db}", "invest", "benefit", "1", "1e20"], "the amount"),
])
def test_an_absurd_amount_on_the_command_line(run: Run, answers: Path, db: Path, command: list[str], needle: str) -> None:
    args = [a.format(answers=answers, db=db) for a in command]
    assert_bad_input(run(*args), needle)


@pytest.mark.parametrize("value", ["1e308", "inf", "nan", "-inf"])
@pytest.mark.parametrize("key", ["budget", "training_hours", "project_hours"])
def test_an_absurd_amount_in_an_answer_file(run: Run, tmp_path: Path, key: str, value: str) -> None:
    path = tmp_path / "big.toml"
    line = next(n for n, text in enumerate(ANSWERS.splitlines(), 1) if text.startswith(f"{key} ="))
    path.write_text("\n".join(f"{key} = {value}" if n == line else text for n, text in enumerate(ANSWERS.splitlines(), 1)))
    for command in ("recommend", "roadmap"):
        assert_bad_input(run(command, "--answers", path), f"big.toml:{line}: profile.{key}")


def test_money_too_large_to_show_is_said_not_a_crash() -> None:
    from maturity.common.formatting import hours, money

    assert money(float("inf")) == "an amount too large to show"
    assert hours(float("nan")) == "hours too many to show"


# -- a full disk ------------------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """Every new file maturity writes lands on a full disk: its temporary file is /dev/full."""
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    made: list[Path] = []

    def mkstemp(*, dir: str | os.PathLike[str] | None = None, prefix: str = "", suffix: str = "", **_: object) -> tuple[int, str]:
        path = Path(dir or tmp_path) / f"{prefix}full{suffix}"
        made.append(path)
        return os.open("/dev/full", os.O_WRONLY), str(path)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    return made


@pytest.mark.parametrize("command", [
    ["report", "--answers", "{answers}", "--format", "markdown", "-o", "{out}"],
    ["report", "--answers", "{answers}", "--format", "html", "-o", "{out}"],
    ["report", "--answers", "{answers}", "--format", "csv", "-o", "{out}"],
    ["report", "--answers", "{answers}", "--format", "json", "-o", "{out}"],
    ["template", "-o", "{out}"],
    ["--db", "{db}", "export", "-o", "{out}"],
])
def test_a_full_disk_is_said_naming_the_file(run: Run, answers: Path, db: Path, tmp_path: Path,
                                             full_disk: list[Path], command: list[str]) -> None:
    out = tmp_path / "out" / "written.txt"
    out.parent.mkdir()
    args = [a.format(answers=answers, db=db, out=out) for a in command]
    assert_bad_input(run(*args), f"cannot write {out}", "No space left on device")
    assert full_disk, "the command did not write through a temporary file"
    assert list(out.parent.iterdir()) == []  # nothing half-written, no temporary file left
