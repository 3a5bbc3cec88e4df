"""Opening the terminal app from the command line."""

from __future__ import annotations

from .context import Session


def run_app(session: Session) -> None:
    from ..tui.app import run

    run(session)
