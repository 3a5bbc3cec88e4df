"""Printing what a command outputs: text safe for the terminal, JSON, wrapped sentences."""

from __future__ import annotations

import json
from typing import Any

import click

#: the version of every --json document these commands print (see `maturity schema --list`)
SCHEMA_VERSION = 1  # maturity.report.outputs.SCHEMA_VERSION, without importing the models at startup


def echo_json(data: object) -> None:
    click.echo(json_text(data))


def json_text(data: object) -> str:
    """JSON with every control character escaped: C0 by json itself, DEL, C1 and the
    bidirectional controls by the terminal-text rule."""
    from ..common.termtext import json_escaped

    return json_escaped(json.dumps(data, indent=2, ensure_ascii=False))


def echo(text: str = "", **kwargs: Any) -> None:
    """Print a line of text output: data in it (names, notes, question texts) cannot reach the
    terminal as control sequences."""
    from ..common.termtext import shown_block

    click.echo(shown_block(text), **kwargs)


def wrapped(text: str, first: str = "", rest: str | None = None) -> None:
    """A sentence wrapped to the terminal's width (words are never cut), its continuation
    lines indented as `rest` (as `first` when not given)."""
    import shutil
    import textwrap

    width = max(40, min(shutil.get_terminal_size((100, 24)).columns, 100) - 1)
    echo(textwrap.fill(text, width, initial_indent=first, subsequent_indent=first if rest is None else rest,
                       break_long_words=False, break_on_hyphens=False))


def with_version(data: dict[str, Any]) -> dict[str, Any]:
    """A --json document with its schema version first."""
    return {"schema_version": SCHEMA_VERSION, **data}
