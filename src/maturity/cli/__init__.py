"""The `maturity` command line: thin commands over the core.

Every command parses its options, calls the core and renders. Bad input of any kind raises a
MaturityError in the core; it is printed here as one message and exits with status 2.
"""

from __future__ import annotations

from .context import Session, pass_session  # noqa: F401  (importable from maturity.cli, as before)
from .root import EXIT_BAD_INPUT, EXIT_INTERRUPTED, BadInput, MaturityGroup, PluginCommands, cli, main  # noqa: F401

from . import assess, content, coverage, db, history, invest, orgs, plan, report, transfer  # noqa: F401  (registers the commands)

__all__ = ["cli", "main", "pass_session"]
