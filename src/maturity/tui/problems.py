"""Failures in words for the user: what the app and every screen show when something fails."""

from __future__ import annotations

from ..common.errors import MaturityError


def describe_error(exc: BaseException) -> tuple[str, str]:
    """A title and a message for the user, never a traceback."""
    if isinstance(exc, MaturityError):
        return exc.title.capitalize(), str(exc)
    return "Unexpected error", f"{type(exc).__name__}: {exc}"
