"""`maturity orgs`, `orgs rename` and `orgs delete`: the organisations in the database."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from .context import Session, pass_session
from .files import slug, write_private
from .output import SCHEMA_VERSION, echo, echo_json, json_text
from .root import cli
from .stores import opened_store


@cli.group(short_help="List, rename or delete the organisations in the database.", invoke_without_command=True)
@click.option("--json", "json_", is_flag=True, help="Print JSON.")
@click.pass_context
def orgs(ctx: click.Context, json_: bool) -> None:
    """List the organisations in the database with their assessments and investments.

    \b
      maturity orgs rename "Old name" "New name"
      maturity orgs delete NAME      # asks first; writes an export beside the database
    """
    if ctx.invoked_subcommand is not None:
        return
    session = Session.from_context(ctx)
    from ..common.termtext import shown

    with opened_store(session, readonly=True) as store:
        rows = store.summary()
        location = store.location
    if json_:
        echo_json({"schema_version": SCHEMA_VERSION, "organisations": [r.model_dump(mode="json") for r in rows]})
        return
    if not rows:
        echo(f"No organisations in {location} yet.")
        return
    width = max(max(len(shown(r.name)) for r in rows), len("organisation"))
    echo(f"{'organisation'.ljust(width)}  assessments  last assessed  investments  draft")
    for r in rows:
        last = r.last_assessed.date().isoformat() if r.last_assessed else "-"
        gone = f"  ({r.withdrawn} withdrawn)" if r.withdrawn else ""
        echo(
            f"{shown(r.name).ljust(width)}  {r.assessments:>11}  {last:>13}  {r.investments:>11}  {'yes' if r.drafts else '-'}{gone}"
        )


@orgs.command("rename")
@click.argument("old")
@click.argument("new")
@pass_session
def orgs_rename(session: Session, old: str, new: str) -> None:
    """Rename organisation OLD to NEW; its assessments and investments follow."""
    with opened_store(session) as store:
        before = store.get_org(old).name
        after = store.rename_org(old, new)
    echo(f"Renamed {before} to {after.name}.")


@orgs.command("delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.option("--no-backup", is_flag=True, help="Do not write an export of the organisation first.")
@pass_session
def orgs_delete(session: Session, name: str, yes: bool, no_backup: bool) -> None:
    """Delete organisation NAME with all its assessments and investments.

    An export of everything deleted is written first, beside the database (undo with
    `maturity import FILE`), unless --no-backup is given.
    """
    from ..common.errors import UsageError

    with opened_store(session) as store:
        org = store.get_org(name)
        summary = next(r for r in store.summary() if r.name == org.name)
        what = (f"{org.name}: {summary.assessments + summary.withdrawn} assessment(s), {summary.drafts} draft(s), "
                f"{summary.investments} investment(s)")
        if not yes:
            if not sys.stdin.isatty():
                raise UsageError(f"deleting {what} needs confirmation: add --yes")
            click.confirm(f"Delete {what}?", abort=True, err=True)
        backup = None
        if not no_backup:
            backup = _backup_path(store.location, org.name)
            write_private(backup, json_text(store.export_org(org.name)) + "\n")
        store.delete_org(org.name)
    echo(f"Deleted {what}.")
    if backup is not None:
        echo(f"A copy was exported to {backup}; `maturity import {_quoted(str(backup))}` brings it back.")


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _backup_path(location: str, name: str) -> Path:
    """A file beside the database (or in the current folder for an in-memory one) that is new."""
    folder = Path(location).parent if Path(location).is_absolute() or os.sep in location else Path(".")
    if not folder.is_dir():
        folder = Path(".")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{slug(name)}-deleted-{stamp}.json"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{slug(name)}-deleted-{stamp}-{n}.json"
    return path
