"""`maturity assess`: score an answer file."""

from __future__ import annotations

import json
from pathlib import Path

import click

from . import cli
from .context import Session, pass_session


@cli.command()
@click.option("--answers", "answers_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The answer file (TOML).")
@click.option("--json", "json_", is_flag=True, help="Print the result as JSON (see docs/result-json.md).")
@pass_session
def assess(session: Session, answers_path: Path, json_: bool) -> None:
    """Score an answer file: stage, index and percent per domain, and the weakest link."""
    from ..answers import load_answers
    from ..render import render_result
    from ..scoring import score

    catalog = session.catalog
    answers = load_answers(answers_path, catalog)
    result = score(catalog, answers)
    if json_:
        click.echo(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        click.echo(render_result(result, catalog), nl=False)
