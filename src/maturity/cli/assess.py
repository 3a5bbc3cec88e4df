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
@click.option("--json", "json_", is_flag=True, help="Print the result as JSON (its JSON Schema: maturity schema result).")
@click.option("--save", is_flag=True, help="Save the result to the history (see --db).")
@click.option("--org", help="With --save: the organisation (default: the profile's name).")
@click.option("--date", "date_", type=click.DateTime(formats=["%Y-%m-%d"]), help="With --save: the day the assessment was made (default today).")
@click.option("--force", is_flag=True, help="With --save: save even when the same answers were saved for the same day.")
@click.option("-q", "--quiet", is_flag=True, help="With --save: print only the saved assessment's id.")
@pass_session
def assess(session: Session, answers_path: Path, json_: bool, save: bool, org: str | None, date_: dt.datetime | None,
           force: bool, quiet: bool) -> None:
    """Score an answer file: stage, index and percent per domain, and the weakest link."""
    from ..answers import load_answers
    from ..render import render_result
    from ..scoring import score

    from ..errors import UsageError
    from ..termtext import shown_block as shown_text

    if not save and (org or date_ or force or quiet):
        raise UsageError("--org, --date, --force and --quiet go with --save")
    if quiet and json_:
        raise UsageError("--quiet prints only the saved id; leave out --json")
    if date_ is not None and date_.date() > dt.date.today():
        raise UsageError(f"--date {date_.date()} is in the future")
    catalog = session.catalog
    answers = load_answers(answers_path, catalog)
    result = score(catalog, answers)
    if quiet:
        pass
    elif json_:
        from .history import json_text

        click.echo(json_text(result.model_dump(mode="json")))
    else:
        from ..termtext import shown_block

        click.echo(shown_block(render_result(result, catalog)), nl=False)
        _peers(session, answers.profile, result)
    if save:
        from .history import save_assessment

        save_assessment(session, answers, result, org, date_.date() if date_ else None, force=force, quiet=quiet)
    if not quiet:
        # after the work is done, so that a failure stays one message
        from ..answers import answer_warnings

        for line, text in answer_warnings(answers, name=False):
            click.echo(shown_text(f"warning: {answers_path}{':' + str(line) if line else ''}: {text}"), err=True)


def _peers(session: Session, profile: object, result: object) -> None:
    """The peer comparison, when a plugin provides benchmarks."""
    from ..benchmarks import collect_benchmarks, match_benchmark, peer_lines
    from ..termtext import shown_block as shown_text

    benchmarks = collect_benchmarks(session.plugins)
    session.warn()
    if benchmarks:
        click.echo("")
        for line in peer_lines(result, match_benchmark(benchmarks, profile)):  # type: ignore[arg-type]
            click.echo(shown_text(line))
