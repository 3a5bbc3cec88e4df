"""Mutated answer files and questionnaires never crash the command line: every run ends with
exit status 0, 1 or 2 and no traceback, and nothing it prints (text, JSON, a report, an error
message) holds a raw control character: the terminal-text rule holds on whatever the files say. A fixed budget of examples, derandomised, so the suite
stays fast and repeatable."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
QUESTIONNAIRE = ROOT / "questionnaires" / "cloud.toml"

# pieces that tend to break things: TOML syntax, wrong types, control characters, nesting
PIECES = [
    "", "=", "\"", "'", "[", "]", "{", "}", "[[", "]]", "\n", "\\", "\x00", "\x1b[2J", "\u009b", "true", "-1",
    "1e999", "nan", "1979-05-27", "\"\"\"", "{ a = { b = { c = 1 } } }", "[" * 40 + "]" * 40, "#", ".", "é",
    "not_applicable", "dont_know = true", "answer", "weight = -3", "= { answer = [] }", "\ufeff",
    "\x1b]2;PWNED\x07", "\u202e", "\u2066", "\u200f", "\x7f", "\\u001b", "\\u009b", "\\u202e", "\\u2066",
    "note = \"\\u001b]52;c;eA==\\u0007\\u202e\"", "budget = true", "size = 1e308", "budget = inf",
]
#: what must never reach the terminal raw (line breaks and tabs may)
RAW = set(chr(c) for c in (*range(0x20), *range(0x7F, 0xA0))) - set("\n\t") | set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

mutation = st.tuples(
    st.sampled_from(["insert", "delete", "replace", "duplicate-line", "drop-line"]),
    st.floats(min_value=0.0, max_value=1.0, allow_nan=False),
    st.one_of(st.sampled_from(PIECES), st.text(max_size=8)),
)


def mutate(text: str, mutations: list[tuple[str, float, str]]) -> str:
    for op, where, piece in mutations:
        at = int(where * len(text))
        if op == "insert":
            text = text[:at] + piece + text[at:]
        elif op == "delete":
            text = text[:at] + text[at + max(1, len(piece)):]
        elif op == "replace":
            text = text[:at] + piece + text[at + len(piece):]
        else:
            lines = text.splitlines(keepends=True)
            if lines:
                n = int(where * (len(lines) - 1))
                lines[n:n + 1] = [lines[n], lines[n]] if op == "duplicate-line" else []
                text = "".join(lines)
    return text


def run(*args: str) -> None:
    from maturity.cli import cli

    result = CliRunner().invoke(cli, list(args), prog_name="maturity")
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    raw = set(result.stdout.replace("\r\n", "\n") + result.stderr) & RAW
    assert not raw, (args, sorted(f"U+{ord(c):04X}" for c in raw))


FUZZ = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(example=st.sampled_from(EXAMPLES), mutations=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_answer_files(tmp_path: Path, example: Path, mutations: list[tuple[str, float, str]]) -> None:
    path = tmp_path / "answers.toml"
    path.write_bytes(mutate(example.read_text(encoding="utf-8"), mutations).encode("utf-8", "surrogatepass"))
    run("validate", str(path))
    run("assess", "--answers", str(path))
    run("assess", "--answers", str(path), "--json")
    run("recommend", "--answers", str(path), "--json")
    run("report", "--answers", str(path), "--format", "markdown")


@FUZZ
@given(mutations=st.lists(mutation, min_size=1, max_size=4))
def test_mutated_questionnaire(tmp_path: Path, mutations: list[tuple[str, float, str]]) -> None:
    folder = tmp_path / "q"
    folder.mkdir(exist_ok=True)
    path = folder / "cloud.toml"
    path.write_bytes(mutate(QUESTIONNAIRE.read_text(encoding="utf-8"), mutations).encode("utf-8", "surrogatepass"))
    run("validate", str(path))
    run("--questionnaires", str(folder), "template")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_examples_themselves_pass(example: Path) -> None:
    run("validate", str(example))
