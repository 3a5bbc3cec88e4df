"""Opening the terminal app from the command line: from the group's callback (`maturity` with
options), or at once when `maturity` is run bare in a terminal. Then click has nothing to parse
or check, so neither click nor the commands are loaded, and the app starts sooner; this module
imports neither."""

from __future__ import annotations

import os
import stat
import sys
from typing import Iterable

def run_app(questionnaire_dirs: Iterable[str], db: str | None) -> None:
    from ..tui.app import run

    run(questionnaire_dirs=list(questionnaire_dirs), db=db)


def has_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def opens_at_once(args: list[str]) -> bool:
    """Whether `maturity ARGS` only opens the app with nothing for click to parse or check: no
    arguments, a terminal, no shell completion asked for, and MATURITY_DB unset, empty or a
    value the --db option takes as it is (anything else, and click says what is wrong)."""
    if args or not has_terminal() or os.environ.get("_MATURITY_COMPLETE"):
        return False
    db = os.environ.get("MATURITY_DB")
    if not db:
        return True
    try:
        mode = os.stat(db).st_mode
    except OSError:
        return True  # a file still to create, or a PostgreSQL URL
    return not stat.S_ISDIR(mode) and os.access(db, os.R_OK)


def open_at_once() -> None:
    """Run the app as the group's callback would, with the defaults (see `opens_at_once`)."""
    from .guard import guarded

    guarded(lambda: run_app([], os.environ.get("MATURITY_DB") or None))
