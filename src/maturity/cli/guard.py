"""How `maturity` ends on an interrupt, a broken pipe or a failed write: one message and an exit
status, never a traceback. No click here: the app opened at once (cli/app.py) ends the same way
as every command."""

from __future__ import annotations

import sys
from typing import Callable

EXIT_INTERRUPTED = 130


def guarded(call: Callable[[], object]) -> None:
    try:
        call()
    except KeyboardInterrupt:
        _say("Interrupted.")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(1)
    except OSError as exc:
        _silence_stdout()
        from ..common.termtext import shown

        reason = exc.strerror or str(exc)
        where = f"{shown(exc.filename)}: " if exc.filename else "cannot write the output: "
        try:
            _say(f"Error: {where}{reason}")
        except OSError:
            pass
        sys.exit(1)


def _say(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the final flush at exit cannot fail
    again on the same broken pipe or full disk."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
