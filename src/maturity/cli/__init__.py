"""The `maturity` command line: thin commands over the core.

Every command parses its options, calls the core and renders. Bad input of any kind raises a
MaturityError in the core; it is printed here as one message and exits with status 2.

`maturity` run bare in a terminal opens the app at once (see cli/app.py): click and the commands
load only for a command, an option, or a name imported from here (`cli`, `pass_session`, ...).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .context import Session, pass_session  # noqa: F401
    from .root import EXIT_BAD_INPUT, EXIT_INTERRUPTED, BadInput, MaturityGroup, PluginCommands, cli  # noqa: F401

__all__ = ["cli", "main", "pass_session"]

#: the names importable from maturity.cli, as before, each from its module
_NAMES = {
    "Session": "context",
    "pass_session": "context",
    **{name: "root" for name in ("EXIT_BAD_INPUT", "EXIT_INTERRUPTED", "BadInput", "MaturityGroup", "PluginCommands", "cli")},
}


def main(argv: list[str] | None = None) -> None:
    """The `maturity` command."""
    from .app import open_at_once, opens_at_once

    if opens_at_once(sys.argv[1:] if argv is None else list(argv)):
        open_at_once()
        return
    _load_commands()
    from .root import main as run_command

    run_command(argv)


def _load_commands() -> None:
    from . import assess, content, coverage, db, history, invest, orgs, plan, report, transfer  # noqa: F401  (registers the commands)


def __getattr__(name: str) -> Any:
    if name in _NAMES:
        import importlib

        _load_commands()
        return getattr(importlib.import_module(f"{__name__}.{_NAMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
