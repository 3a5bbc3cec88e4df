"""What ids and versions look like in every file maturity reads, and those forms in words for
messages about values that do not fit."""

from __future__ import annotations

ID_PART = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
CAPABILITY_ID = rf"^{ID_PART}(?:\.{ID_PART})+$"
DOMAIN_ID = rf"^{ID_PART}$"
OPTION_ID = rf"^{ID_PART}$"
VERSION = r"^\d+\.\d+\.\d+$"

#: What each pattern above asks for, in words, for messages about values that do not fit.
PATTERN_WORDS: dict[str, str] = {
    VERSION: 'a version written MAJOR.MINOR.PATCH, such as "1.2.0"',
    CAPABILITY_ID: 'an id of lower-case words joined by dots, such as "cyber.mfa-admins"',
    DOMAIN_ID: 'an id of lower-case letters, digits and hyphens that starts with a letter, such as "cloud"',
}
