"""`maturity assess`: score an answer file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from . import cli
from .context import Session, pass_session


@cli.command()
@click.option("--answers", "answers_path", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The answer file (TOML).")
@click.option("--json", "json_", is_flag=True, help="Print the result as JSON (see docs/result-json.md).")
@click.option("--save", is_flag=True, help="Save the result to the history (see --db).")
@click.option("--org", help="With --save: the organisation (default: the profile's name).")
@click.option("--date", "date_", type=click.DateTime(formats=["%Y-%m-%d"]), help="With --save: the day the assessment was made (default today).")
@pass_session
def assess(session: Session, answers_path: Path, json_: bool, save: bool, org: str | None, date_: dt.datetime | None) -> None:
    """Score an answer file: stage, index and percent per domain, and the weakest link."""
    from ..answers import load_answers
    from ..render import render_result
    from ..scoring import score

    from ..errors import UsageError

    if not save and (org or date_):
        raise UsageError("--org and --date go with --save")
    if date_ is not None and date_.date() > dt.date.today():
        raise UsageError(f"--date {date_.date()} is in the future")
    catalog = session.catalog
    answers = load_answers(answers_path, catalog)
    result = score(catalog, answers)
    if json_:
        click.echo(json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        click.echo(render_result(result, catalog), nl=False)
        _peers(session, answers.profile, result)
    if save:
        from .history import save_assessment

        save_assessment(session, answers, result, org, date_.date() if date_ else None)


def _peers(session: Session, profile: object, result: object) -> None:
    """The peer comparison, when a plugin provides benchmarks."""
    from ..benchmarks import collect_benchmarks, match_benchmark, peer_lines

    benchmarks = collect_benchmarks(session.plugins)
    session.warn()
    if benchmarks:
        click.echo("")
        for line in peer_lines(result, match_benchmark(benchmarks, profile)):  # type: ignore[arg-type]
            click.echo(line)
