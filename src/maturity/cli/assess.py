"""`maturity assess`: score an answer file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from .context import Session, pass_session
from .root import cli


@cli.command()
@click.option("--answers", "answers_paths", required=True, multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The answer file (TOML); give it again for each file of another respondent, to merge them.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, help="With several respondents: credits this far apart are a disagreement (default 0.25).")
@click.option("--json", "json_", is_flag=True, help="Print the result as JSON (its JSON Schema: maturity schema result).")
@click.option("--save", is_flag=True, help="Save the result to the history (see --db).")
@click.option("--org", help="With --save: the organisation (default: the profile's name).")
@click.option("--date", "date_", type=click.DateTime(formats=["%Y-%m-%d"]), help="With --save: the day the assessment was made (default today).")
@click.option("--force", is_flag=True, help="With --save: save even when the same answers were saved for the same day.")
@click.option("-q", "--quiet", is_flag=True, help="With --save: print only the saved assessment's id.")
@pass_session
def assess(session: Session, answers_paths: tuple[Path, ...], threshold: float | None, json_: bool,
           save: bool, org: str | None, date_: dt.datetime | None, force: bool, quiet: bool) -> None:
    """Score an answer file: stage, index and percent per domain, and the weakest link.

    Several --answers files (or one file with several [[respondents]]) are merged into one
    assessment by the rule in docs/respondents.md, and the questions the respondents disagree
    on are listed after the result (`maturity disagreements` prints only them)."""
    from ..assessment.answers import load_answer_files
    from ..assessment.respondents import THRESHOLD, disagreements as find_disagreements, render_disagreements
    from ..report.plain import render_result
    from ..assessment.scoring import score

    from ..common.errors import UsageError
    from ..common.termtext import shown_block as shown_text

    if not save and (org or date_ or force or quiet):
        raise UsageError("--org, --date, --force and --quiet go with --save")
    if quiet and json_:
        raise UsageError("--quiet prints only the saved id; leave out --json")
    if date_ is not None and date_.date() > dt.date.today():
        raise UsageError(f"--date {date_.date()} is in the future")
    catalog = session.catalog
    answers = load_answer_files(answers_paths, catalog)
    report = find_disagreements(answers, catalog, THRESHOLD if threshold is None else threshold)
    result = score(catalog, answers)
    if quiet:
        pass
    elif json_:
        from ..assessment.peers import AssessOutput, peer_figures
        from .output import json_text

        figures = peer_figures(catalog, answers, result)
        click.echo(json_text(AssessOutput(**dict(result), peer_figures=figures).model_dump(mode="json")))
    else:
        from ..common.termtext import shown_block

        click.echo(shown_block(render_result(result, catalog)), nl=False)
        _peers(session, answers.profile, result)
        _survey_figures(catalog, answers, result)
        _baselines(catalog, answers, result)
        if len(answers.respondents) > 1:
            click.echo("")
            click.echo(shown_text(render_disagreements(report, catalog)), nl=False)
    if save:
        from .stores import save_assessment

        save_assessment(session, answers, result, org, date_.date() if date_ else None, force=force, quiet=quiet)
    if not quiet:
        # after the work is done, so that a failure stays one message
        from ..assessment.answers import answer_warnings

        shown_path = answers_paths[0] if len(answers_paths) == 1 else ", ".join(map(str, answers_paths))
        for line, text in answer_warnings(answers, name=False, catalog=catalog):
            if len(answers_paths) > 1:
                line = None  # a line of which file: the merged answers have none
            click.echo(shown_text(f"warning: {shown_path}{':' + str(line) if line else ''}: {text}"), err=True)


def _baselines(catalog: object, answers: object, result: object) -> None:
    """One line per recognised baseline: the same figures as `maturity coverage`."""
    from ..common.termtext import shown_block
    from ..coverage import coverage
    from ..coverage.text import summary_line

    found = coverage(catalog, answers, result).baselines  # type: ignore[arg-type]
    if found:
        lines = ["", "Recognised baselines (partly met is never counted as met):"] + [f"  {summary_line(b)}" for b in found]
        click.echo(shown_block("\n".join(lines) + "\n"), nl=False)


def _survey_figures(catalog: object, answers: object, result: object) -> None:
    """Published survey figures beside the business's own answers, when any match it."""
    from ..assessment.peers import peer_figures
    from ..common.termtext import shown_block

    found = peer_figures(catalog, answers, result).lines()  # type: ignore[arg-type]
    if found:
        lines = ["", "Beside businesses like yours (published survey figures):"] + [f"  {line}" for line in found]
        click.echo(shown_block("\n".join(lines) + "\n"), nl=False)


def _peers(session: Session, profile: object, result: object) -> None:
    """The peer comparison, when a plugin provides benchmarks."""
    from ..assessment.benchmarks import collect_benchmarks, match_benchmark, peer_lines
    from ..common.termtext import shown_block as shown_text

    benchmarks = collect_benchmarks(session.plugins)
    session.warn()
    if benchmarks:
        click.echo("")
        for line in peer_lines(result, match_benchmark(benchmarks, profile)):  # type: ignore[arg-type]
            click.echo(shown_text(line))


@cli.command(short_help="The questions the respondents of an assessment disagree on.")
@click.option("--answers", "answers_paths", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="An answer file; give it once per respondent's file (or one file with several [[respondents]]).")
@click.option("--org", help="A saved organisation: its open draft, else its last assessment.")
@click.option("--id", "assessment_id", type=int, help="A saved assessment, by the id `maturity history` shows.")
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, help="Credits this far apart are a disagreement (default 0.25).")
@click.option("--json", "json_", is_flag=True, help="Print the report as JSON (its JSON Schema: maturity schema disagreements).")
@pass_session
def disagreements(session: Session, answers_paths: tuple[Path, ...], org: str | None, assessment_id: int | None,
                  threshold: float | None, json_: bool) -> None:
    """List the questions where respondents differ materially: different options, credits
    0.25 or more apart, or "does not apply" against an answer; each respondent's answer and
    what the merge kept (the rule: docs/respondents.md)."""
    from ..assessment.answers import load_answer_files
    from ..common.errors import UsageError
    from ..assessment.respondents import THRESHOLD, disagreements as find_disagreements, render_disagreements
    from ..common.termtext import shown_block

    if sum(bool(x) for x in (answers_paths, org, assessment_id is not None)) > 1:
        raise UsageError("give --answers, --org or --id, one of them")
    catalog = session.catalog
    if answers_paths:
        answer_file = load_answer_files(answers_paths, catalog)
    else:
        from .stores import opened_store, pick_org

        with opened_store(session, readonly=True) as store:
            if assessment_id is not None:
                answer_file = store.get_assessment(assessment_id).answer_file
            else:
                name = pick_org(store, org)
                chosen = store.draft(name) or next(iter(store.assessments(name)[-1:]), None)
                if chosen is None:
                    raise UsageError(f"{name} has no assessment yet")
                answer_file = chosen.answer_file
    report = find_disagreements(answer_file, catalog, THRESHOLD if threshold is None else threshold)
    if json_:
        from ..report.outputs import DisagreementsOutput
        from .output import json_text

        click.echo(json_text(DisagreementsOutput(**report.model_dump()).model_dump(mode="json")))
    else:
        click.echo(shown_block(render_disagreements(report, catalog)), nl=False)
