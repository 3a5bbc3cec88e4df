"""Commands about what is loaded: plugins, questionnaires, schemas, templates, validation, graph."""

from __future__ import annotations

import json
from pathlib import Path

import click

from .context import Session, pass_session
from .output import echo, echo_json
from .root import cli


@cli.group(invoke_without_command=True)
@click.option("--json", "json_", is_flag=True, help="Print JSON.")
@click.pass_context
def plugins(ctx: click.Context, json_: bool) -> None:
    """List the plugins, their versions and the hooks they implement; a broken plugin
    (one left out because its code or content fails) is marked, with why.

    `maturity plugins new NAME` writes a new plugin to start from.
    """
    if ctx.invoked_subcommand is None:
        list_plugins(Session.from_context(ctx), json_)


@plugins.command("new")
@click.argument("name")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), help="The folder to write (default: ./maturity-NAME).")
@click.option("--industry", metavar="ID", help="The industry id the plugin is for (default: NAME, when it is one).")
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
def plugins_new(name: str, output: Path | None, industry: str | None, force: bool) -> None:
    """Write a complete plugin distribution NAME for one industry: pyproject, package,
    questionnaire, hooks, tests and a README listing the edits to make next. Its placeholder
    fails `validate --strict` until it is replaced."""
    from ..plugins.scaffold import write_plugin

    folder = output or Path(f"maturity-{name}")
    written = write_plugin(name, folder, industry=industry, force=force)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(
        f"\nNext (see {folder / 'README.md'}):\n  cd {folder}\n  pip install -e '.[test]'\n"
        "  replace the TODO: in the sector rule, then the sample questions\n  pytest\n  maturity validate --strict",
    )


def list_plugins(session: Session, json_: bool) -> None:
    from ..common.errors import MaturityError
    from ..contract.hooks import CONTRACT_VERSION

    session.plugins  # noqa: B018 - a plugin the user named that cannot load stops here
    try:
        session.catalog  # noqa: B018 - checks every plugin's content, so broken ones are marked
    except MaturityError as exc:
        echo(f"warning: {exc}", err=True)
    info = list(session.plugins.info.values())
    if json_:
        echo_json({"schema_version": 1, "contract": CONTRACT_VERSION, "plugins": [p.as_dict() for p in info]})
        return
    echo(f"Plugin contract {CONTRACT_VERSION}")
    width = max((len(p.name) for p in info), default=4)
    for p in info:
        version = p.version or "-"
        mark = "  BROKEN" if p.broken else ""
        echo(f"  {p.name.ljust(width)}  {version:<8} {p.source:<11} {p.module}{mark}")
        echo(f"  {''.ljust(width)}  hooks: {', '.join(p.hooks) or 'none'}")
        if p.broken:
            echo(f"  {''.ljust(width)}  left out: {p.broken}")


@cli.command()
@click.option("--json", "json_", is_flag=True, help="Print JSON.")
@pass_session
def questionnaires(session: Session, json_: bool) -> None:
    """List the loaded questionnaires (domains) with their counts."""
    catalog = session.catalog
    rows = []
    for domain, loaded in catalog.questionnaires.items():
        q = loaded.model
        per_stage = [sum(1 for c in q.capabilities if c.stage_number == s) for s in (1, 2, 3)]
        rows.append(
            {
                "id": domain,
                "name": q.questionnaire.name,
                "version": q.version,
                "plugin": loaded.plugin,
                "source": loaded.source,
                "scoring": q.questionnaire.scoring,
                "capabilities": len(q.capabilities),
                "capabilities_per_stage": dict(zip(("fundamentals", "intermediate", "advanced"), per_stage)),
                "questions": len(q.questions()),
            }
        )
    if json_:
        echo_json({"schema_version": 1, "questionnaires": rows})
        return
    if not rows:
        echo("No questionnaires are loaded.")
        return
    echo(f"{'domain':<15} {'version':<8} {'capabilities':>12}  {'F/I/A':<8} {'questions':>9}  plugin")
    for r in rows:
        fia = "/".join(str(n) for n in r["capabilities_per_stage"].values())
        echo(f"{r['id']:<15} {r['version']:<8} {r['capabilities']:>12}  {fia:<8} {r['questions']:>9}  {r['plugin']}")
    total = sum(r["questions"] for r in rows)
    echo(f"\n{len(rows)} domains, {sum(r['capabilities'] for r in rows)} capabilities, {total} questions.")


FILE_SCHEMAS = ["questionnaire", "answers", "profile", "capability", "question", "option", "value", "baseline", "peers"]


@cli.command()
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the schemas: the files maturity reads and the --json documents it prints.")
def schema(name: str | None, list_: bool) -> None:
    """Print the JSON Schema NAME: of a file maturity reads (for editors that check TOML as you
    type) or of a --json document a command prints (for scripts). --list names them all."""
    from ..common.errors import UsageError
    from ..assessment.models import SCHEMAS, file_schema
    from ..report.outputs import OUTPUTS, json_schema

    if list_:
        if name:
            raise UsageError("give NAME or --list, not both")
        for file_name in FILE_SCHEMAS:
            echo(f"{file_name:<15} a file: {file_name} (TOML)")
        for output, (_, command) in OUTPUTS.items():
            echo(f"{output:<15} {command}")
        echo(f"{'report':<15} maturity report --format json")
        return
    if not name:
        raise UsageError("give a schema NAME; `maturity schema --list` names them")
    if name in OUTPUTS:
        echo_json(json_schema(OUTPUTS[name][0]))
        return
    if name == "report":
        from ..report.model import Report

        echo_json({**Report.model_json_schema(), "$schema": "https://json-schema.org/draft/2020-12/schema"})
        return
    if name not in SCHEMAS:
        known = FILE_SCHEMAS + [n for n in OUTPUTS if n not in FILE_SCHEMAS]
        raise UsageError(f"unknown schema {name!r}; choose from: {', '.join(known)}")
    echo_json(file_schema(name))


@cli.command()
@click.option("--domain", "domains", multiple=True, help="Only these domains (repeatable); a sector's questionnaire named here is included for any business. Default: every domain that applies.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of printing.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@click.option("--from", "from_org", metavar="ORG", help="Fill in the profile and answers of ORG's last saved assessment, for a repeat.")
@click.option("--assessment", "assessment_id", type=int, metavar="ID", help="With --from: this saved assessment instead of the last one.")
@pass_session
def template(session: Session, domains: tuple[str, ...], output: str | None, force: bool, from_org: str | None,
             assessment_id: int | None) -> None:
    """Write a blank answer file for the loaded questionnaires, or with --from ORG one filled in
    from a saved assessment, ready to edit and assess again."""
    from ..assessment.template import dropped_answers, render_template, template_catalog

    catalog = session.catalog
    for d in domains:
        if d not in catalog.questionnaires:
            raise click.BadParameter(f"unknown domain {d!r}; choose from {', '.join(catalog.questionnaires)}", param_hint="--domain")
    previous, source = None, ""
    if assessment_id is not None and not from_org:
        raise click.UsageError("--assessment goes with --from ORG")
    if from_org:
        previous, source = _saved_answers(session, from_org, assessment_id)
    text = render_template(catalog, list(domains) or None, previous, source)
    catalog, _ = template_catalog(catalog, previous.profile if previous is not None else None, list(domains))
    if previous is not None:
        dropped = dropped_answers(catalog, previous)
        if dropped:
            shown = ", ".join(dropped[:8]) + (f" and {len(dropped) - 8} more" if len(dropped) > 8 else "")
            echo(f"note: {len(dropped)} saved answer(s) are to questions that no longer exist, listed at the end "
                 f"of the file as comments: {shown}", err=True)
    if output:
        path = Path(output)
        if path.exists() and not force:
            raise click.UsageError(f"{path} exists; use --force to overwrite it")
        from ..common.safeio import atomic_write

        try:
            atomic_write(path, text, private=previous is not None)  # saved answers are private
        except OSError as exc:
            from ..common.errors import UsageError

            reason = "the folder does not exist" if isinstance(exc, FileNotFoundError) else (exc.strerror or str(exc))
            raise UsageError(f"cannot write {path}: {reason}") from None
        count = len(catalog.questions) if not domains else sum(len(catalog.questionnaire(d).questions()) for d in domains)
        echo(f"Wrote {path} ({count} questions to answer).", err=True)
    else:
        echo(text, nl=False)


def _saved_answers(session: Session, org: str, assessment_id: int | None) -> tuple[object, str]:
    from ..common.errors import StoreError
    from .stores import opened_store

    with opened_store(session, readonly=True) as store:
        name = store.get_org(org).name
        if assessment_id is None:
            done = store.assessments(name)
            if not done:
                raise StoreError(f"{name} has no completed assessment to start from; `maturity template` writes a blank file")
            chosen = done[-1]
        else:
            chosen = store.get_assessment(assessment_id)
            if chosen.org != name:
                raise StoreError(f"assessment #{assessment_id} belongs to {chosen.org}, not {name}")
    return chosen.answer_file, f"assessment #{chosen.id} of {name} ({chosen.when.date().isoformat()})"


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Also check content quality: questions, credit spans, stage order, text lengths, naming.")
@click.option("--json", "json_", is_flag=True, help="Print what was checked, the problems and the warnings as JSON (maturity schema validate).")
@pass_session
def validate(session: Session, paths: tuple[Path, ...], strict: bool, json_: bool) -> None:
    """Check questionnaire, answer, value, baseline and survey figure files (or, with no PATH,
    every installed plugin and its files).

    Exits 0 when everything is valid and 1 when a problem was found (with no PATH: also when
    a plugin is broken); each problem names the plugin, the file, the line and the id.
    """
    from ..assessment.validate import (Problem, baseline_problems, installed_peer_problems, installed_value_problems,
                                       strict_problems, validate_files)

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
            if not found:
                from ..common.errors import UsageError

                raise UsageError(f"{path}: no *.toml file in this folder, so nothing was checked")
            files += found
        elif not path.exists():
            raise click.BadParameter(f"{path} does not exist", param_hint="PATH")
        elif not path.is_file():
            from ..common.errors import UsageError

            raise UsageError(f"{path} is not a regular file (a pipe or a device?); give a TOML file or a folder")
        else:
            files.append(path)
    warnings: list[Problem] = []
    if paths:
        problems, checked = validate_files(files, lambda extra: session.build_catalog(extra=extra), strict, warnings)
    else:
        from ..common.errors import MaturityError

        checked, problems = [], []
        session.hold_warnings = True  # each broken plugin is a problem here, not a warning
        try:
            catalog = session.catalog
            for domain, loaded in catalog.questionnaires.items():
                checked.append(f"{loaded.source}: questionnaire {domain} {loaded.model.version} ({loaded.plugin})")
            if strict:
                problems = strict_problems(catalog)
            problems += installed_value_problems(catalog, strict, checked)
            problems += installed_peer_problems(catalog, checked)
            from ..catalog.baselines import baselines_of

            for loaded_baseline in baselines_of(catalog).values():
                b = loaded_baseline.model
                checked.append(f"{loaded_baseline.source}: baseline {b.key}, {len(b.items)} items ({loaded_baseline.plugin})")
                if strict:
                    problems += baseline_problems(loaded_baseline, catalog)
        except MaturityError as exc:
            problems = [Problem(exc.path or "plugins", exc.line, exc.message)]
        plugins_ = session.plugins
        problems += [Problem(f"plugin {name!r}", None, f"is broken: {why}") for name, why in plugins_.broken.items()]
        problems += [Problem("plugins", None, message) for message in plugins_.failures if not message.startswith("plugin '")]
        plugins_.failures.clear()
    if json_:
        def row(p: Problem) -> dict[str, object]:
            return {"path": p.path, "line": p.line, "message": p.message}

        echo_json({"schema_version": 1, "ok": not problems, "checked": checked,
                   "problems": [row(p) for p in problems], "warnings": [row(w) for w in warnings]})
        if problems:
            raise SystemExit(1)
        return
    for line in checked:
        echo(f"checked {line}")
    for warning in warnings:
        echo(f"warning: {warning}", err=True)
    if problems:
        for problem in problems:
            echo(f"{problem}", err=True)
        echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.", err=True)
        raise SystemExit(1)
    echo("No problems found." + (" (strict)" if strict else ""))


@cli.command()
@click.option("--domain", help="Only this domain's capabilities (prerequisites in other domains are shown as links).")
@click.option("--format", "fmt", type=click.Choice(["text", "dot", "mermaid", "json"]), default="text", show_default=True)
@click.option("--answers", "answers_path", type=click.Path(dir_okay=False, path_type=Path), help="Mark each capability achieved, next, blocked or not applicable.")
@pass_session
def graph(session: Session, domain: str | None, fmt: str, answers_path: Path | None) -> None:
    """Show the capability graph and its prerequisites."""
    from ..report.plain import render_graph

    catalog = session.catalog
    if domain and domain not in catalog.questionnaires:
        raise click.BadParameter(f"unknown domain {domain!r}; choose from {', '.join(catalog.questionnaires)}", param_hint="--domain")
    result = None
    if answers_path:
        from ..assessment.answers import load_answers
        from ..assessment.scoring import score

        result = score(catalog, load_answers(answers_path, catalog))
    text = render_graph(catalog, fmt, domain, result)
    if fmt == "json":
        echo_json({"schema_version": 1, **json.loads(text)})
        return
    echo(text, nl=False)
