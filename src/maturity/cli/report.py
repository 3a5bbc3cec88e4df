"""`maturity report`: a report of an answer file or a saved assessment, in any format."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from ..common.errors import UsageError
from .context import Session, pass_session
from .output import echo
from .root import cli


@cli.command(short_help="A report to hand over: HTML, PDF, Markdown, CSV, JSON.")
@click.argument("number", type=int, required=False)
@click.option("--answers", "answers_path", type=click.Path(dir_okay=False, path_type=Path), help="Report on this answer file instead of a saved assessment.")
@click.option("--org", help="The organisation (needed when the database holds several).")
@click.option("--compare", nargs=2, type=int, metavar="A B", help="Compare two saved assessments of one organisation: what moved from A to B.")
@click.option("--format", "format_", metavar="NAME", help="html, pdf, markdown, csv, json or a plugin's format (default: from the -o file's suffix, else markdown).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to this file (default: standard output).")
@click.option("--force", is_flag=True, help="Overwrite the -o file if it exists.")
@click.option("--redact", is_flag=True, help="Leave out notes, evidence, free-text answers and not-applicable reasons, for sharing.")
@click.option("--list-formats", is_flag=True, help="List the formats available and exit.")
@pass_session
def report(
    session: Session, number: int | None, answers_path: Path | None, org: str | None, compare: tuple[int, int] | None,
    format_: str | None, output: str | None, force: bool, redact: bool, list_formats: bool,
) -> None:
    """Write a report of the latest saved assessment of an organisation, of assessment
    NUMBER, or of an answer file (--answers): a summary page for the owner or the board, then
    every capability with the answers behind it, the roadmap, the trend, the investments and
    what the figures can be traced to.

    \b
      maturity report -o report.html
      maturity report 7 --org "Corner Bakery" -o report.pdf
      maturity report --answers answers.toml --format markdown
      maturity report --compare 3 7 -o changes.html
    """
    from ..report import available_formats, choose, render

    formats = available_formats(session.plugins)
    session.warn()
    if list_formats:
        width = max(len(n) for n in formats)
        for fmt in formats.values():
            click.echo(f"{fmt.name.ljust(width)}  {fmt.description}")
        return
    fmt = choose(formats, format_, output)
    if answers_path is not None and (org or number is not None or compare):
        raise UsageError("--answers reports on an answer file: give no assessment number, --org or --compare with it")
    if compare and not fmt.builtin:
        raise UsageError(f"--compare needs a built-in format; the plugin format {fmt.name!r} shows one result")
    target = None if output in (None, "-") else Path(output)
    if target is not None and target.exists() and not force:
        raise UsageError(f"{target} already exists; give --force to overwrite it")
    if target is None and fmt.binary and sys.stdout.isatty():
        raise UsageError(f"a {fmt.name} report is not text; write it to a file with -o FILE")

    from ..assessment.benchmarks import collect_benchmarks

    catalog = session.catalog
    benchmarks = collect_benchmarks(session.plugins)
    session.warn()
    if answers_path is not None:
        from ..assessment.answers import load_answers
        from ..report import report_of_answers

        answers = load_answers(answers_path, catalog)
        plugin_versions = {n: info.version for n, info in session.plugins.info.items()}
        built, result = report_of_answers(
            catalog, answers, path=str(answers_path), benchmarks=benchmarks, plugin_versions=plugin_versions, redact=redact
        )
        subject = answers.profile.name or str(answers_path)
    else:
        from ..report import report_of_assessment
        from .stores import opened_store, pick_org

        with opened_store(session, readonly=True) as store:
            if org:
                name = pick_org(store, org)
            elif number is not None:
                name = store.get_assessment(number).org
            elif compare:
                name = store.get_assessment(compare[1]).org
            else:
                name = pick_org(store, None)
            built, result = report_of_assessment(
                catalog, store, name, number=number, compare=tuple(compare) if compare else None,
                benchmarks=benchmarks, redact=redact,
            )
        subject = name
    if redact:
        result = result.model_copy(
            update={"capabilities": {k: c.model_copy(update={"not_applicable_reason": ""}) for k, c in result.capabilities.items()}}
        )
    out = render(fmt, built, result, catalog)
    session.warn()
    data = out if isinstance(out, bytes) else out.encode("utf-8")
    if target is None:
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:  # a text-only stream: only text formats can go there
            if isinstance(out, bytes):
                raise UsageError(f"a {fmt.name} report is not text; write it to a file with -o FILE")
            click.echo(out, nl=False)
        else:
            sys.stdout.flush()
            stream.write(data)
            stream.flush()
        return
    try:
        _write(target, data)
    except OSError as exc:  # a full disk, a link loop, a device in the way: one message, exit 2
        reason = "the folder does not exist" if isinstance(exc, FileNotFoundError) else (exc.strerror or str(exc))
        raise UsageError(f"cannot write {target}: {reason}") from None
    what = f"assessment #{built.source.assessment_id}" if built.source.kind == "assessment" else "the answer file"
    if built.comparison:
        what = f"assessments #{built.comparison.a} and #{built.comparison.b}"
    echo(f"Wrote the {fmt.name} report of {subject} ({what}) to {target.resolve()}.", err=True)


def _write(target: Path, data: bytes) -> None:
    """Write the whole file or nothing: a report cut short by a full disk is worse than none."""
    from ..common.safeio import check_target, resolved

    check_target(target)
    folder = resolved(target).parent
    if not folder.is_dir():
        raise UsageError(f"cannot write {target}: the folder {folder} does not exist")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # the temporary file is readable by its owner only, and so stays the report: it describes
        # security gaps
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
