"""Commands about what is loaded: plugins, questionnaires, schemas, templates, validation, graph."""

from __future__ import annotations

import json
from pathlib import Path

import click

from . import cli
from .context import Session, pass_session


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


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
@click.option("--force", is_flag=True, help="Write into a folder that is not empty.")
def plugins_new(name: str, output: Path | None, force: bool) -> None:
    """Write a complete plugin distribution NAME: pyproject, package, questionnaire, hooks,
    tests and README. It passes its tests and `validate --strict` as it is."""
    from ..scaffold import write_plugin

    folder = output or Path(f"maturity-{name}")
    written = write_plugin(name, folder, force=force)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(
        f"\nNext:\n  cd {folder}\n  pip install -e '.[test]'\n  pytest\n  maturity validate --strict",
    )


def list_plugins(session: Session, json_: bool) -> None:
    from ..errors import MaturityError
    from ..hookspecs import CONTRACT_VERSION

    session.plugins  # noqa: B018 - a plugin the user named that cannot load stops here
    try:
        session.catalog  # noqa: B018 - checks every plugin's content, so broken ones are marked
    except MaturityError as exc:
        click.echo(f"warning: {exc}", err=True)
    info = list(session.plugins.info.values())
    if json_:
        echo_json({"contract": CONTRACT_VERSION, "plugins": [p.as_dict() for p in info]})
        return
    click.echo(f"Plugin contract {CONTRACT_VERSION}")
    width = max((len(p.name) for p in info), default=4)
    for p in info:
        version = p.version or "-"
        mark = "  BROKEN" if p.broken else ""
        click.echo(f"  {p.name.ljust(width)}  {version:<8} {p.source:<11} {p.module}{mark}")
        click.echo(f"  {''.ljust(width)}  hooks: {', '.join(p.hooks) or 'none'}")
        if p.broken:
            click.echo(f"  {''.ljust(width)}  left out: {p.broken}")


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
        echo_json(rows)
        return
    if not rows:
        click.echo("No questionnaires are loaded.")
        return
    click.echo(f"{'domain':<15} {'version':<8} {'capabilities':>12}  {'F/I/A':<8} {'questions':>9}  plugin")
    for r in rows:
        fia = "/".join(str(n) for n in r["capabilities_per_stage"].values())
        click.echo(f"{r['id']:<15} {r['version']:<8} {r['capabilities']:>12}  {fia:<8} {r['questions']:>9}  {r['plugin']}")
    total = sum(r["questions"] for r in rows)
    click.echo(f"\n{len(rows)} domains, {sum(r['capabilities'] for r in rows)} capabilities, {total} questions.")


@cli.command()
@click.argument("name", type=click.Choice(["questionnaire", "answers", "profile", "result", "capability", "question", "option",
                                           "recommendations", "roadmap"]))
def schema(name: str) -> None:
    """Print the JSON Schema of a file or model, for editors that check TOML as you type, and of
    what `--json` prints (result, recommendations, roadmap)."""
    from ..models import SCHEMAS
    from ..planning.models import Recommendations, Roadmap

    models = {**SCHEMAS, "recommendations": Recommendations, "roadmap": Roadmap}
    data = models[name].model_json_schema()
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    echo_json(data)


@cli.command()
@click.option("--domain", "domains", multiple=True, help="Only these domains (repeatable). Default: all.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to this file instead of printing.")
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
@pass_session
def template(session: Session, domains: tuple[str, ...], output: str | None, force: bool) -> None:
    """Write a blank answer file for the loaded questionnaires."""
    from ..template import render_template

    catalog = session.catalog
    for d in domains:
        if d not in catalog.questionnaires:
            raise click.BadParameter(f"unknown domain {d!r}; choose from {', '.join(catalog.questionnaires)}", param_hint="--domain")
    text = render_template(catalog, list(domains) or None)
    if output:
        path = Path(output)
        if path.exists() and not force:
            raise click.UsageError(f"{path} exists; use --force to overwrite it")
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            from ..errors import UsageError

            reason = "the folder does not exist" if isinstance(exc, FileNotFoundError) else (exc.strerror or str(exc))
            raise UsageError(f"cannot write {path}: {reason}") from None
        count = len(catalog.questions) if not domains else sum(len(catalog.questionnaire(d).questions()) for d in domains)
        click.echo(f"Wrote {path} ({count} questions to answer).", err=True)
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Also check content quality: questions, credit spans, stage order, text lengths, naming.")
@pass_session
def validate(session: Session, paths: tuple[Path, ...], strict: bool) -> None:
    """Check questionnaire and answer files (or, with no PATH, every installed plugin and its
    questionnaires).

    Exits 0 when everything is valid and 1 when a problem was found (with no PATH: also when
    a plugin is broken); each problem names the plugin, the file, the line and the id.
    """
    from ..validate import Problem, strict_problems, validate_files

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(path.glob("*.toml"))
        elif not path.exists():
            raise click.BadParameter(f"{path} does not exist", param_hint="PATH")
        else:
            files.append(path)
    if paths:
        problems, checked = validate_files(files, lambda extra: session.build_catalog(extra=extra), strict)
    else:
        from ..errors import MaturityError

        checked, problems = [], []
        session.hold_warnings = True  # each broken plugin is a problem here, not a warning
        try:
            catalog = session.catalog
            for domain, loaded in catalog.questionnaires.items():
                checked.append(f"{loaded.source}: questionnaire {domain} {loaded.model.version} ({loaded.plugin})")
            if strict:
                problems = strict_problems(catalog)
        except MaturityError as exc:
            problems = [Problem(exc.path or "plugins", exc.line, exc.message)]
        plugins_ = session.plugins
        problems += [Problem(f"plugin {name!r}", None, f"is broken: {why}") for name, why in plugins_.broken.items()]
        problems += [Problem("plugins", None, message) for message in plugins_.failures if not message.startswith("plugin '")]
        plugins_.failures.clear()
    for line in checked:
        click.echo(f"checked {line}")
    if problems:
        for problem in problems:
            click.echo(f"{problem}", err=True)
        click.echo(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found.", err=True)
        raise SystemExit(1)
    click.echo("No problems found." + (" (strict)" if strict else ""))


@cli.command()
@click.option("--domain", help="Only this domain's capabilities (prerequisites in other domains are shown as links).")
@click.option("--format", "fmt", type=click.Choice(["text", "dot", "mermaid", "json"]), default="text", show_default=True)
@click.option("--answers", "answers_path", type=click.Path(dir_okay=False, path_type=Path), help="Mark each capability achieved, next, blocked or not applicable.")
@pass_session
def graph(session: Session, domain: str | None, fmt: str, answers_path: Path | None) -> None:
    """Show the capability graph and its prerequisites."""
    from ..render import render_graph

    catalog = session.catalog
    if domain and domain not in catalog.questionnaires:
        raise click.BadParameter(f"unknown domain {domain!r}; choose from {', '.join(catalog.questionnaires)}", param_hint="--domain")
    result = None
    if answers_path:
        from ..answers import load_answers
        from ..scoring import score

        result = score(catalog, load_answers(answers_path, catalog))
    click.echo(render_graph(catalog, fmt, domain, result), nl=False)
