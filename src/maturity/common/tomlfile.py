"""Reading TOML files with errors that name the file and the line.

`tomllib` gives no positions for keys, so `Locator` scans the text once for table headers and
keys, and maps a key path such as ``("capabilities", 3, "questions", 0, "options")`` to the line
where it was written. It understands what maturity's files use: ``[table]``, ``[[array]]``,
``key = value``, dotted and quoted keys, and multi-line strings and arrays.
"""

from __future__ import annotations

import datetime as dt
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
    from .safeio import read_text

    path = Path(path)
    text = read_text(path)
    return parse_toml(text, path)


def parse_toml(text: str, path: str | Path) -> TomlDocument:
    text = text.removeprefix("\ufeff")  # the byte order mark some Windows editors write
    from .safeio import MAX_NESTING, check_depth

    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise FileFormatError(
            f"TOML syntax error: tables and lists nest more than {MAX_NESTING} levels deep", path=path
        ) from None
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
    check_depth(data, path)
    return TomlDocument(Path(path), data, text)


def validation_error(exc: Any, doc: TomlDocument, *, what: str = "") -> FileFormatError:
    """Turn a pydantic ValidationError into one FileFormatError naming file, line and key.

    Its message names the first problem (and how many more there are); its ``problems`` list
    every one, each with its own line, for `maturity validate`."""
    errors = _merge_union_branches(exc.errors())
    prefix = f"{what}: " if what else ""
    found: list[FileFormatError] = []
    for loc, error in errors:
        key = _dotted(loc, doc.data)
        found.append(
            FileFormatError(f"{prefix}{key or '(top level)'}: {plain_message(error)}", path=doc.path, line=doc.line(loc), key=key or None)
        )
    if not found:  # pragma: no cover - pydantic always names one
        return FileFormatError(f"{prefix}{exc}", path=doc.path)
    return combined(found)


def combined(found: list[Any]) -> Any:
    """The first of several problems, carrying all of them: its message says how many more."""
    first = found[0]
    more = len(found) - 1
    head = type(first)(
        first.message + (f" (and {more} more problem{'s' if more != 1 else ''}; `maturity validate {first.path}` lists them all)" if more and first.path else f" (and {more} more)" if more else ""),
        path=first.path, line=first.line, key=first.key,
    )
    head.problems = list(found)
    return head


def _merge_union_branches(errors: list[dict[str, Any]]) -> list[tuple[Key, dict[str, Any]]]:
    """pydantic reports a value that fits no type of a union once per type, each at a location
    ending in the type's name; drop those names and say it once: "must be X or Y, not Z"."""
    out: list[tuple[Key, dict[str, Any]]] = []
    for error in errors:
        loc = tuple(
            p for p in error["loc"]
            if not (isinstance(p, str) and ("[" in p or p in _UNION_TAGS or p.startswith("constrained-")))
        )
        previous = out[-1][1] if out and out[-1][0] == loc else None
        if previous is not None and error["type"] in _KINDS and previous["type"] in _KINDS:
            merged = {"type": "union", "kinds": [_KINDS[previous["type"]], _KINDS[error["type"]]]}
            out[-1] = (loc, {**merged, "input": error.get("input"), "msg": error["msg"]})
        elif previous is not None and error["type"] in _KINDS and previous["type"] == "union":
            previous["kinds"].append(_KINDS[error["type"]])
        else:
            out.append((loc, error))
    # when one type of the union went deeper (a list with one bad item), that is the problem
    return [
        (loc, e) for i, (loc, e) in enumerate(out)
        if not (e["type"] == "union" and any(later[: len(loc)] == loc and len(later) > len(loc) for later, _ in out[i + 1:]))
    ]


_KINDS = {
    "bool_type": "true or false", "bool_parsing": "true or false",
    "float_type": "a number", "float_parsing": "a number", "int_type": "a whole number", "int_parsing": "a whole number",
    "string_type": "text in quotes", "list_type": "a list", "dict_type": "a table",
}

_UNION_TAGS = {"bool", "float", "str", "list[str]", "int", "none"}


def plain_message(error: dict[str, Any]) -> str:
    """pydantic's message in the words of someone editing a TOML file, with the value given."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = _show(error.get("input"))
    if kind == "union":
        kinds = list(dict.fromkeys(error["kinds"]))
        return f"must be {', '.join(kinds[:-1])} or {kinds[-1]}, not {given}"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"must be a whole number, not {given}"
    if kind == "finite_number":
        return f"must be a finite number, not {given}"
    if kind in ("float_parsing", "float_type"):
        return f"must be a number, not {given}"
    if kind == "string_type":
        return f"must be text in quotes, not {given}"
    if kind in ("bool_parsing", "bool_type"):
        return f"must be true or false, not {given}"
    if kind == "list_type":
        return f'must be a list such as ["a", "b"], not {given}'
    if kind in ("dict_type", "model_type"):
        return f"must be a table, not {given}"
    bounds = {"greater_than_equal": ("ge", "{} or more"), "greater_than": ("gt", "more than {}"),
              "less_than_equal": ("le", "{} or less"), "less_than": ("lt", "less than {}")}
    if kind in bounds and bounds[kind][0] in ctx:
        name, form = bounds[kind]
        return f"must be {form.format(_show(ctx[name]))}, not {given}"
    if kind == "literal_error" and "expected" in ctx:
        return f"must be {ctx['expected']}, not {given}"
    if kind == "string_pattern_mismatch" and "pattern" in ctx:
        from .ids import PATTERN_WORDS

        if ctx["pattern"] in PATTERN_WORDS:
            return f"must be {PATTERN_WORDS[ctx['pattern']]}, not {given}"
        return f"{given} does not have the expected form (the pattern {ctx['pattern']})"
    if kind == "string_too_long" and "max_length" in ctx and isinstance(error.get("input"), str):
        return f"is {len(error['input'])} characters long; at most {ctx['max_length']} are allowed"
    if kind == "string_too_short":
        return "must not be empty"
    if kind.startswith(("date_", "datetime_")):
        return f"must be a date written YYYY-MM-DD, not {given}"
    if kind == "too_short" and "min_length" in ctx:
        return f"must have at least {ctx['min_length']} item{'s' if ctx['min_length'] != 1 else ''}"
    if kind == "too_long" and "max_length" in ctx:
        return f"must have at most {ctx['max_length']} item{'s' if ctx['max_length'] != 1 else ''}"
    return str(error["msg"]).removeprefix("Value error, ")


def _show(value: Any) -> str:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value)) if abs(value) < 1e15 else f"{value:g}"
    elif isinstance(value, str):
        text = repr(value)
    elif isinstance(value, (int, float)):
        text = str(value) if abs(value) < 1e15 else f"{value:g}"
    elif isinstance(value, (dt.date, dt.time)):
        text = value.isoformat()
    elif isinstance(value, (dict, list)):
        text = "a table" if isinstance(value, dict) else "a list"
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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
