"""`maturity export` and `maturity import`: an organisation as a JSON file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .context import Session, pass_session
from .files import slug, write_private
from .output import echo, json_text
from .root import cli
from .stores import opened_store, pick_org


@cli.command("export", short_help="Export an organisation as JSON.")
@click.option("--org", help="The organisation (needed when the database holds several).")
@click.option("--all", "all_", is_flag=True, help="Export every organisation, one file each, into the folder given with -o.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to this file (with --all: this folder) instead of printing.")
@click.option("--force", is_flag=True, help="Overwrite existing output files.")
@pass_session
def export_cmd(session: Session, org: str | None, all_: bool, output: Path | None, force: bool) -> None:
    """Export one organisation (assessments, drafts, investments) as JSON.

    With --all, every organisation is written to its own file in the folder given with -o
    (created if needed), named after the organisation; each can be imported on its own.
    """
    from ..common.errors import UsageError

    if all_:
        if org:
            raise UsageError("--all exports every organisation; leave out --org")
        if output is None:
            raise UsageError("--all writes one file per organisation: give the folder with -o FOLDER")
        if output.exists() and not output.is_dir():
            raise UsageError(f"{output} is not a folder; --all writes one file per organisation into a folder")
        _export_all(session, output, force)
        return
    if output is not None and output.is_dir():
        raise UsageError(f"{output} is a folder; give a file name, or use --all to write every organisation into it")
    if output is not None and output.exists() and not force:
        raise UsageError(f"{output} exists; use --force to overwrite it")
    with opened_store(session, readonly=True) as store:
        name = pick_org(store, org)
        doc = store.export_org(name)
    text = json_text(doc) + "\n"
    if output is None:
        click.echo(text, nl=False)
        return
    write_private(output, text)
    echo(f"Exported {name} ({_counts(doc)}) to {output}.", err=True)


def _export_all(session: Session, folder: Path, force: bool) -> None:
    from ..common.errors import StoreError, UsageError

    with opened_store(session, readonly=True) as store:
        names = [o.name for o in store.orgs()]
        if not names:
            raise StoreError(f"{store.location} holds no organisation yet; there is nothing to export")
        targets: dict[str, Path] = {}
        for name in names:
            path = folder / f"{slug(name)}.json"
            n = 1
            while path in targets.values():
                n += 1
                path = folder / f"{slug(name)}-{n}.json"
            targets[name] = path
        clash = [p for p in targets.values() if p.exists()]
        if clash and not force:
            raise UsageError(f"{clash[0]} exists{f' (and {len(clash) - 1} more)' if len(clash) > 1 else ''}; use --force to overwrite")
        docs = {name: store.export_org(name) for name in names}
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder {folder}: {exc.strerror or exc}") from None
    for name, doc in docs.items():
        write_private(targets[name], json_text(doc) + "\n")
        echo(f"Exported {name} ({_counts(doc)}) to {targets[name]}.", err=True)


def _counts(doc: dict[str, Any]) -> str:
    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return f"{n(len(doc.get('assessments', [])), 'assessment')}, {n(len(doc.get('investments', [])), 'investment')}"



@cli.command("import", short_help="Import an organisation from a JSON export.")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--as", "as_name", help="Import under this organisation name.")
@pass_session
def import_cmd(session: Session, file: str, as_name: str | None) -> None:
    """Import an organisation from a JSON export (FILE, or - for standard input)."""
    from ..common.errors import StoreError

    from ..common.safeio import read_text
    from ..store.transfer import parse_json

    data = parse_json(read_text(file, allow_stdin=True), file)
    with opened_store(session, create=True) as store:
        try:
            name = store.import_org(data, as_name)
        except StoreError as exc:
            raise StoreError(f"{file}: {exc.message}") from None
    echo(f"Imported {name} ({_counts(data)}).")
