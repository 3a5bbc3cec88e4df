"""Reading TOML files with errors that name the file and the line.

`tomllib` gives no positions for keys, so `Locator` scans the text once for table headers and
keys, and maps a key path such as ``("capabilities", 3, "questions", 0, "options")`` to the line
where it was written. It understands what maturity's files use: ``[table]``, ``[[array]]``,
``key = value``, dotted and quoted keys, and multi-line strings and arrays.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import FileFormatError

Key = tuple[str | int, ...]

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r'"(?:[^"\\]|\\.)*"|\'[^\']*\''
_KEY_PART = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_KEY_PART}(?:\s*\.\s*{_KEY_PART})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?\s*(?:#.*)?$")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=")


def _split(dotted: str) -> list[str]:
    parts = re.findall(_KEY_PART, dotted)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


class Locator:
    """Maps key paths of a parsed TOML document to line numbers (1-based)."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Key, int] = {}
        counts: dict[tuple[str, ...], int] = {}
        prefix: Key = ()
        in_string: str | None = None
        depth = 0  # open brackets of a multi-line value
        for number, line in enumerate(text.splitlines(), start=1):
            if in_string:
                if line.count(in_string) % 2 == 1:
                    in_string = None
                continue
            if depth > 0:
                depth += _bracket_balance(line)
                continue
            header = _HEADER.match(line)
            if header:
                names = _split(header.group(2))
                if header.group(1) == "[[":
                    index = counts.get(tuple(names), 0)
                    counts[tuple(names)] = index + 1
                    # nested arrays restart their count under each new parent element
                    for other in list(counts):
                        if len(other) > len(names) and other[: len(names)] == tuple(names):
                            del counts[other]
                    prefix = self._resolve(names, counts) + (index,)
                else:
                    prefix = self._resolve(names, counts)
                self.lines.setdefault(prefix, number)
                continue
            assign = _ASSIGN.match(line)
            if assign:
                key = prefix + tuple(_split(assign.group(1)))
                self.lines.setdefault(key, number)
                rest = line[assign.end():]
                for quote in ('"""', "'''"):
                    if rest.count(quote) % 2 == 1:
                        in_string = quote
                        break
                if not in_string:
                    depth = max(0, _bracket_balance(rest))

    @staticmethod
    def _resolve(names: list[str], counts: dict[tuple[str, ...], int]) -> Key:
        """Insert the current index of each enclosing array of tables into a header path."""
        path: list[str | int] = []
        for i, name in enumerate(names):
            path.append(name)
            parent = tuple(names[: i + 1])
            if i < len(names) - 1 and parent in counts:
                path.append(counts[parent] - 1)
        return tuple(path)

    def line(self, key: Key) -> int | None:
        """The line of `key`, or of its closest enclosing key that was written in the file."""
        key = tuple(key)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return None


def _bracket_balance(text: str) -> int:
    text = re.sub(_QUOTED, '""', text).split("#", 1)[0]
    return text.count("[") + text.count("{") - text.count("]") - text.count("}")


class TomlDocument:
    """A parsed TOML file with its path and a line locator."""

    def __init__(self, path: Path, data: dict[str, Any], text: str) -> None:
        self.path = path
        self.data = data
        self.text = text
        self._locator: Locator | None = None

    def line(self, key: Key) -> int | None:
        if self._locator is None:
            self._locator = Locator(self.text)
        return self._locator.line(key)


def read_toml(path: str | Path) -> TomlDocument:
    """Read and parse a TOML file; every failure is a FileFormatError naming the file and line."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileFormatError("no such file", path=path) from None
    except IsADirectoryError:
        raise FileFormatError("is a directory, not a TOML file", path=path) from None
    except OSError as exc:
        raise FileFormatError(f"cannot read: {exc.strerror}", path=path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileFormatError(f"not UTF-8 text (byte {exc.start})", path=path) from None
    return parse_toml(text, path)


def parse_toml(text: str, path: str | Path) -> TomlDocument:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        line = getattr(exc, "lineno", None)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if match:
            line = int(match.group(1))
            message = f"{message[: match.start()].strip()} (column {match.group(2)})"
        if message.startswith("Illegal character '\\n'"):
            message += "; is a string missing its closing quote?"
        raise FileFormatError(f"TOML syntax error: {message}", path=path, line=line) from None
    return TomlDocument(Path(path), data, text)


def validation_error(exc: Any, doc: TomlDocument, *, what: str = "") -> FileFormatError:
    """Turn a pydantic ValidationError into one FileFormatError naming file, line and key."""
    problems = []
    first_line = None
    first_key = None
    for error in exc.errors()[:5]:
        loc = tuple(error["loc"])
        # pydantic places model-level checks at the model's own path; drop union branch names
        loc = tuple(p for p in loc if not (isinstance(p, str) and ("[" in p or p in _UNION_TAGS)))
        line = doc.line(loc)
        key = _dotted(loc, doc.data)
        if not problems:
            first_line, first_key = line, key
        msg = error["msg"]
        if error["type"] == "extra_forbidden":
            msg = "unknown key"
        elif error["type"] == "missing":
            msg = "required key is missing"
        msg = msg.removeprefix("Value error, ")
        # the first problem's line is the error's own location; only later ones need theirs
        where = f"line {line}: " if line and problems else ""
        problems.append(f"{where}{key or '(top level)'}: {msg}")
    more = len(exc.errors()) - len(problems)
    text = "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")
    prefix = f"{what}: " if what else ""
    return FileFormatError(prefix + text, path=doc.path, line=first_line, key=first_key or None)


_UNION_TAGS = {"bool", "float", "str", "list[str]", "int", "none"}


def _dotted(loc: Key, data: Any) -> str:
    """A readable key path: capabilities[3] (id cyber.mfa).questions[0].text"""
    out = ""
    node = data
    for part in loc:
        if isinstance(part, int):
            label = f"[{part}]"
            if isinstance(node, list) and part < len(node):
                node = node[part]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label = f"[{node['id']}]"
            else:
                node = None
            out += label
        else:
            part_s = str(part)
            out += ("." if out else "") + (part_s if re.fullmatch(_BARE, part_s) else f'"{part_s}"')
            node = node.get(part_s) if isinstance(node, dict) else None
    return out
