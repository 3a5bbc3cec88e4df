"""`maturity coverage`: how far an assessment meets recognised baselines."""

from __future__ import annotations

from pathlib import Path

import click

from .context import Session, pass_session
from .root import cli


@cli.command(short_help="How far an assessment meets recognised baselines (Cyber Essentials, CIS IG1, ...).")
@click.argument("answers_path", required=False, type=click.Path(dir_okay=False, path_type=Path), metavar="[ANSWERS]")
@click.option("--answers", "answers_paths", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The answer file (TOML); give it again for each respondent's file, to merge them.")
@click.option("--org", help="A saved organisation: its last completed assessment.")
@click.option("--id", "assessment_id", type=int, help="A saved assessment, by the id `maturity history` shows.")
@click.option("--baseline", "baselines", multiple=True, metavar="ID[@VERSION]",
              help="Only this baseline (repeatable), such as cyber-essentials or cyber-essentials@3.2. Default: the newest version of each.")
@click.option("--summary", is_flag=True, help="Only the counts per baseline and theme, not the missing items.")
@click.option("--list", "list_", is_flag=True, help="List the baselines that can be counted, with their versions.")
@click.option("--json", "json_", is_flag=True, help="Print the coverage as JSON (its JSON Schema: maturity schema coverage).")
@pass_session
def coverage(session: Session, answers_path: Path | None, answers_paths: tuple[Path, ...], org: str | None,
             assessment_id: int | None, baselines: tuple[str, ...], summary: bool, list_: bool, json_: bool) -> None:
    """Count, per baseline and per theme, the items met, partly met, not met, unknown and not
    applicable, and list each missing item with the capability that would close it and its
    cost. Partly met is never counted as met; a baseline's own hard rules hold (under Cyber
    Essentials 3.3 one cloud service without two-step login fails the whole baseline).

    Give an answer file (ANSWERS or --answers), or a saved organisation (--org) or assessment
    (--id). docs/coverage.md explains the counting."""
    from ..common.errors import UsageError
    from ..common.termtext import shown_block

    catalog = session.catalog
    if list_:
        _list(catalog, json_)
        return
    paths = ((answers_path,) if answers_path else ()) + answers_paths
    if sum(bool(x) for x in (paths, org, assessment_id is not None)) != 1:
        raise UsageError("give an answer file (ANSWERS or --answers), --org or --id, one of them")
    if paths:
        from ..assessment.answers import load_answer_files

        answer_file = load_answer_files(paths, catalog)
    else:
        answer_file = _saved(session, org, assessment_id)
    from ..coverage import coverage as count

    found = count(catalog, answer_file, baselines=baselines)
    session.warn()
    if json_:
        from .output import json_text

        click.echo(json_text(found.model_dump(mode="json")))
        return
    from ..coverage.text import render_coverage

    click.echo(shown_block(render_coverage(found, missing=not summary)), nl=False)


def _list(catalog: object, json_: bool) -> None:
    from ..catalog.baselines import baselines_of, latest

    found = baselines_of(catalog)  # type: ignore[arg-type]
    newest = {b.key for b in latest(found).values()}
    rows = [
        {"id": b.model.id, "version": b.model.version, "key": b.key, "name": b.model.baseline.name, "date": b.model.baseline.date.isoformat(),
         "items": len(b.model.items), "default": b.key in newest, "plugin": b.plugin, "source": b.source}
        for b in found.values()
    ]
    if json_:
        from ..report.outputs import BaselinesOutput
        from .output import json_text

        click.echo(json_text(BaselinesOutput(baselines=rows).model_dump(mode="json")))  # type: ignore[arg-type]
        return
    from .output import echo

    for r in rows:
        mark = "" if r["default"] else f"  (--baseline {r['key']})"
        echo(f"{r['key']:<26} {r['items']:>3} items  {r['name']}, {r['date']}{mark}")


def _saved(session: Session, org: str | None, assessment_id: int | None) -> object:
    from ..common.errors import UsageError
    from .stores import opened_store, pick_org

    with opened_store(session, readonly=True) as store:
        if assessment_id is not None:
            return store.get_assessment(assessment_id).answer_file
        name = pick_org(store, org)
        done = store.assessments(name)
        if not done:
            raise UsageError(f"{name} has no completed assessment yet; `maturity assess --answers FILE --save` saves one")
        return done[-1].answer_file
