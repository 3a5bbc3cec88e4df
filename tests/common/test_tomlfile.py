"""Reading TOML: errors name the file and line; the locator finds the line of any key path."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal, Union

import pytest
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from maturity.common.errors import FileFormatError
from maturity.common.tomlfile import Locator, parse_toml, read_toml, validation_error

DOCUMENT = '''\
# a comment
title = "x"
dotted.key = 1
"quoted.key" = 2

[table]
a = 1
b = """
[not_a_header]
c = 3
"""
d = [
  "[also not]",
  { e = 1 },
]
f = 'single ] { quoted'

[[items]]
id = "first"

  [[items.children]]
  id = "first-a"

  [[items.children]]
  id = "first-b"

[[items]]
id = "second"

  [[items.children]]
  id = "second-a"
  inline = { x = 1 }

[items.extra]
g = 4
'''


@pytest.fixture(scope="module")
def locator() -> Locator:
    return Locator(DOCUMENT)


@pytest.mark.parametrize(
    "key, line",
    [
        (("title",), 2),
        (("dotted", "key"), 3),
        (("quoted.key",), 4),
        (("table",), 6),
        (("table", "a"), 7),
        (("table", "b"), 8),
        (("table", "d"), 12),
        (("table", "f"), 16),
        (("items", 0), 18),
        (("items", 0, "id"), 19),
        (("items", 0, "children", 0, "id"), 22),
        (("items", 0, "children", 1, "id"), 25),
        (("items", 1, "id"), 28),
        (("items", 1, "children", 0), 30),
        (("items", 1, "children", 0, "inline"), 32),
        (("items", 1, "extra", "g"), 35),
    ],
)
def test_locator_finds_the_line_of_a_key(locator: Locator, key: tuple, line: int) -> None:
    assert locator.line(key) == line


def test_locator_skips_what_looks_like_keys_inside_strings_and_arrays(locator: Locator) -> None:
    assert ("not_a_header",) not in locator.lines
    assert ("table", "c") not in locator.lines
    assert ("c",) not in locator.lines


def test_locator_falls_back_to_the_closest_enclosing_key(locator: Locator) -> None:
    # a key that was never written (a default, or a value inside an inline table)
    assert locator.line(("items", 1, "children", 0, "inline", "x")) == 32
    assert locator.line(("items", 0, "missing")) == 18
    assert locator.line(("nowhere",)) is None


def test_parse_error_names_file_line_and_column(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError) as info:
        parse_toml('a = 1\nb = "unclosed\n', tmp_path / "f.toml")
    error = info.value
    assert error.line == 2
    assert error.path == str(tmp_path / "f.toml")
    assert str(error).startswith(f"{tmp_path / 'f.toml'}:2: TOML syntax error")
    assert "(column 14)" in str(error)  # where the line ends inside the string
    assert "closing quote" in str(error)


def test_parse_error_for_a_key_given_twice(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError) as info:
        parse_toml("a = 1\n\na = 2\n", "twice.toml")
    assert info.value.line == 3
    assert str(info.value).startswith("twice.toml:3: TOML syntax error")


def test_read_toml_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="no such file") as info:
        read_toml(tmp_path / "nope.toml")
    assert info.value.path == str(tmp_path / "nope.toml")


def test_read_toml_directory(tmp_path: Path) -> None:
    with pytest.raises(FileFormatError, match="is a directory"):
        read_toml(tmp_path)


def test_read_toml_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('name = "Caf\xe9"\n'.encode("latin-1"))
    with pytest.raises(FileFormatError, match=r"not UTF-8 text \(byte 11\)"):
        read_toml(path)


def test_read_toml_keeps_data_and_lines(tmp_path: Path) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(DOCUMENT, encoding="utf-8")
    doc = read_toml(path)
    assert doc.data["items"][1]["children"][0]["id"] == "second-a"
    assert doc.line(("items", 1, "children", 0, "id")) == 31


def test_read_toml_accepts_a_byte_order_mark_and_keeps_lines(tmp_path: Path) -> None:
    path = tmp_path / "windows.toml"
    path.write_bytes("\ufeff".encode() + DOCUMENT.encode())
    doc = read_toml(path)
    assert doc.data["items"][1]["children"][0]["id"] == "second-a"
    assert doc.line(("items", 1, "children", 0, "id")) == 31
    first = read_toml(_write(tmp_path / "first.toml", "\ufeff[a]\nb = 1\n"))
    assert first.data == {"a": {"b": 1}} and first.line(("a",)) == 1 and first.line(("a", "b")) == 2
    with pytest.raises(FileFormatError) as info:
        read_toml(_write(tmp_path / "bad.toml", "\ufeff[a]\nb = \n"))
    assert info.value.line == 2


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode())
    return path


class Child(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    size: int = 0


class Parent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    items: list[Child]


def _error_for(text: str) -> FileFormatError:
    doc = parse_toml(text, "model.toml")
    with pytest.raises(ValidationError) as info:
        Parent.model_validate(doc.data)
    return validation_error(info.value, doc)


def test_validation_error_names_line_and_key_path_with_ids() -> None:
    error = _error_for('[[items]]\nid = "a"\n\n[[items]]\nid = "b"\nsize = "big"\n')
    assert error.line == 6
    assert error.key == "items[b].size"
    # the line is in the location, not repeated in the message
    assert str(error) == "model.toml:6: items[b].size: must be a whole number, not 'big'"


def test_validation_error_unknown_and_missing_keys() -> None:
    error = _error_for('[[items]]\nid = "a"\ncolour = "red"\n\n[[items]]\nsize = 1\n')
    text = str(error)
    assert text.startswith("model.toml:3: items[a].colour: unknown key (and 1 more problem")
    # every problem is there, each with its own line
    assert [str(p) for p in error.problems] == [
        "model.toml:3: items[a].colour: unknown key",
        "model.toml:5: items[1].id: required key is missing",
    ]


def test_validation_error_counts_what_it_leaves_out() -> None:
    text = "".join(f'[[items]]\nid = "i{n}"\nsize = "x"\n' for n in range(8))
    error = _error_for(text)
    assert "(and 7 more problems; `maturity validate model.toml` lists them all)" in str(error)
    assert [p.line for p in error.problems] == [3, 6, 9, 12, 15, 18, 21, 24]


class Kinds(BaseModel):
    model_config = ConfigDict(extra="forbid")
    count: int = 0
    share: Annotated[float, Field(ge=0.0, le=1.0)] = 0.0
    size: Annotated[int, Field(gt=0)] = 1
    level: Literal["high", "low"] = "low"
    version: Annotated[str, Field(pattern=r"^\d+\.\d+$")] = "1.0"
    name: Annotated[str, Field(min_length=1, max_length=5)] = "x"
    tags: list[str] = []
    flag: bool = False
    text: str = ""
    answer: Union[bool, float, str, list[str], None] = None


@pytest.mark.parametrize(
    "line, message",
    [
        ('count = "many"', "count: must be a whole number, not 'many'"),
        ("count = 1.5", "count: must be a whole number, not 1.5"),
        ('share = "half"', "share: must be a number, not 'half'"),
        ("share = -0.5", "share: must be 0 or more, not -0.5"),
        ("share = 2", "share: must be 1 or less, not 2"),
        ("size = 0", "size: must be more than 0, not 0"),
        ('level = "hi"', "level: must be 'high' or 'low', not 'hi'"),
        ('version = "one"', "version: 'one' does not have the expected form (the pattern ^\\d+\\.\\d+$)"),
        ('name = "Bartholomew"', "name: is 11 characters long; at most 5 are allowed"),
        ('name = ""', "name: must not be empty"),
        ('tags = "a"', 'tags: must be a list such as ["a", "b"], not \'a\''),
        ("flag = [1]", "flag: must be true or false, not a list"),
        ("text = 3", "text: must be text in quotes, not 3"),
        ("answer = { a = 1 }", "answer: must be true or false, a number, text in quotes or a list, not a table"),
        ('answer = ["a", 3]', "answer[1]: must be text in quotes, not 3"),
    ],
)
def test_validation_messages_speak_toml(line: str, message: str) -> None:
    doc = parse_toml(f"# first\n{line}\n", "kinds.toml")
    with pytest.raises(ValidationError) as info:
        Kinds.model_validate(doc.data)
    assert str(validation_error(info.value, doc)) == f"kinds.toml:2: {message}"
