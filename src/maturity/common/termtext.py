"""Text from data, made safe to show in a terminal.

Names, notes and question texts come from files and databases anyone may have written. A
control character in them (ESC, BEL, a C1 code such as CSI, a carriage return) would be acted
on by the terminal: clear the screen, change the window title, hide what came before. `shown`
writes every such character escaped, as git does with unusual bytes: ``\\e``, ``\\a``,
``\\x7f``, ``\\u009b``. `shown_block` keeps line breaks and tabs, for multi-line texts.
"""

from __future__ import annotations

import re

_NAMED = {"\x1b": "\\e", "\x07": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v", "\r": "\\r", "\n": "\\n", "\t": "\\t", "\0": "\\0"}
# C0 controls, DEL, C1 controls, and the bidirectional overrides that reorder what is shown
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


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


def has_control(text: str) -> bool:
    """Whether ``text`` holds a character `shown` would escape."""
    return bool(_CONTROL.search(text))


__all__ = ["has_control", "shown", "shown_block"]
