"""Text from data, made safe to show in a terminal or to put in a JSON document.

Names, notes and question texts come from files and databases anyone may have written. A
control character in them (ESC, BEL, a C1 code such as CSI, a carriage return) would be acted
on by the terminal: clear the screen, change the window title, hide what came before; a
bidirectional control (U+202E and its kin) makes a terminal draw the text after it in another
order than it is stored. This module holds the one rule for all of them, used by every command,
every report and every screen of the app:

- `shown` writes every such character escaped, as git does with unusual bytes: ``\\e``,
  ``\\a``, ``\\x7f``, ``\\u009b``, ``\\u202e``; `shown_block` keeps line breaks and tabs, for
  multi-line texts; `shown_document` also keeps the ``\\r\\n`` that ends a line, for whole
  reports.
- `json_escaped` writes them as JSON escapes (``\\u009b``) in a JSON text: JSON escapes C0
  only, so DEL, C1 and the bidirectional controls would otherwise reach the terminal raw.
"""

from __future__ import annotations

import re

_NAMED = {"\x1b": "\\e", "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v", "\r": "\\r", "\n": "\\n", "\t": "\\t", "\0": "\\0"}

#: The bidirectional controls: the Arabic letter mark, the left-to-right and right-to-left
#: marks, the embeddings and overrides, and the isolates.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
#: C0 controls, DEL, C1 controls and the bidirectional controls: every character the rule escapes
CONTROL_CLASS = f"\x00-\x1f\x7f-\x9f{BIDI}"
_CONTROL = re.compile(f"[{CONTROL_CLASS}]")
_CONTROL_BUT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}]")
_CONTROL_IN_DOCUMENT = re.compile(f"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI}]")
# what JSON leaves as it is inside a string (it escapes C0 itself)
_JSON_UNESCAPED = re.compile(f"[\x7f-\x9f{BIDI}]")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def shown(text: object) -> str:
    """``text`` on one line, with every control character escaped."""
    value = str(text)
    return _CONTROL.sub(_escape, value) if _CONTROL.search(value) else value


def shown_block(text: object) -> str:
    """``text`` with control characters escaped, line breaks and tabs kept."""
    value = str(text)
    return _CONTROL_BUT_LINES.sub(_escape, value) if _CONTROL_BUT_LINES.search(value) else value


def shown_document(text: str) -> str:
    """A whole document (a report) with control characters escaped: line breaks, tabs and the
    carriage return of a ``\\r\\n`` line end kept."""
    return _CONTROL_IN_DOCUMENT.sub(_escape, text) if _CONTROL_IN_DOCUMENT.search(text) else text


def json_escaped(text: str) -> str:
    """A JSON text with every control character inside its strings written as a JSON escape.
    (Outside strings JSON has only ASCII punctuation and spaces, so this changes no structure.)"""
    return _JSON_UNESCAPED.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


def has_control(text: str) -> bool:
    """Whether ``text`` holds a character `shown` would escape."""
    return bool(_CONTROL.search(text))


__all__ = ["BIDI", "CONTROL_CLASS", "has_control", "json_escaped", "shown", "shown_block", "shown_document"]
