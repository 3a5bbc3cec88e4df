"""`maturity orgs`, `history`, `diff`, `invest …`, `export` and `import`: the stored history.

Thin commands: they open the store, call `maturity.history` and print. The store (and with it
SQLAlchemy) is imported only when one of these commands runs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

import click

from . import cli
from .context import Session, pass_session

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Store, StoredAssessment

DATE = click.DateTime(formats=["%Y-%m-%d"])
COST_KIND_NAMES = {"one-off": "one_off", "yearly": "yearly", "hours": "internal_hours"}
#: the version of every --json document these commands print (see `maturity schema --list`)
SCHEMA_VERSION = 1  # maturity.outputs.SCHEMA_VERSION, without importing the models at startup


def echo_json(data: object) -> None:
    click.echo(json_text(data))


def json_text(data: object) -> str:
    """JSON with every control character escaped (json escapes C0 only; DEL and C1 too here)."""
    import re

    text = json.dumps(data, indent=2, ensure_ascii=False)
    return re.sub("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group(0)):04x}", text)


def echo(text: str = "", **kwargs: Any) -> None:
    """Print a line of text output: data in it (names, notes, question texts) cannot reach the
    terminal as control sequences."""
    from ..common.termtext import shown_block

    click.echo(shown_block(text), **kwargs)


@contextmanager
def opened_store(session: Session, *, create: bool = False, readonly: bool = False) -> Iterator[Store]:
    """The session's database. Only commands that can add to an empty database create it;
    commands that only read open it read-only (no lock, no change to the file)."""
    from ..store import open_store

    store = open_store(session.db, create=create, readonly=readonly)
    try:
        yield store
    finally:
        store.close()


def pick_org(store: Store, org: str | None) -> str:
    """The organisation named, or the only one in the database."""
    from ..common.errors import StoreError

    if org:
        return store.get_org(org).name
    names = [o.name for o in store.orgs()]
    if not names:
        raise StoreError(
            f"{store.location} holds no organisation yet; save an assessment first: "
            "maturity assess --answers FILE --save --org NAME"
        )
    if len(names) > 1:
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more (maturity orgs lists them)" if len(names) > 10 else "")
        raise StoreError(f"{store.location} holds {len(names)} organisations; choose one with --org: {shown}")
    return names[0]


def save_assessment(session: Session, answer_file: Any, result: Any, org: str | None, day: dt.date | None,
                    *, force: bool = False, quiet: bool = False) -> int:
    """`maturity assess --save`: store a scored answer file as a completed assessment.

    The same answers saved for the same day again are refused unless ``force``: a script run
    twice should not record two assessments."""
    from ..common.errors import StoreError
    from ..store import NoDatabase

    name = (org or "").strip() or answer_file.profile.name.strip()
    completed = dt.datetime.combine(day, dt.time(12), tzinfo=dt.timezone.utc) if day else None
    versions = session.catalog.versions()
    plugin_versions = {n: info.version for n, info in session.plugins.info.items()}
    unnamed = StoreError("the profile has no name: give one in [profile] name or with --org NAME")
    try:
        with opened_store(session, create=bool(name)) as store:
            known = {o.name.lower(): o.name for o in store.orgs()}
            if not name:
                if len(known) != 1:
                    raise unnamed
                name = next(iter(known.values()))
            if not force:
                same = store.same_assessments(name, answer_file, result, versions, plugin_versions, (completed or dt.datetime.now(dt.timezone.utc)).date())
                if same:
                    from ..common.errors import UsageError

                    raise UsageError(
                        f"{name} already has assessment #{same[0]} of the same day with exactly these answers; "
                        "nothing was saved (add --force to save it again)"
                    )
            new_id = store.save_completed(name, answer_file, result, versions, plugin_versions, completed=completed)
            location = store.location
    except NoDatabase:
        raise unnamed from None
    fresh = "" if name.lower() in known else " (a new organisation)"
    if quiet:
        click.echo(str(new_id))
    else:
        echo(f"Saved as assessment #{new_id} of {name}{fresh} in {location}.", err=True)
    return new_id


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _catalog_or_none(session: Session) -> Any:
    """The catalog, for naming capabilities and questions; history still works without it."""
    from ..common.errors import MaturityError

    try:
        return session.catalog
    except MaturityError as exc:
        echo(f"warning: questionnaires could not be loaded ({exc}); showing ids", err=True)
        return None


# --------------------------------------------------------------------------------------------
# organisations and history
# --------------------------------------------------------------------------------------------


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
            _write_private(backup, json_text(store.export_org(org.name)) + "\n")
        store.delete_org(org.name)
    echo(f"Deleted {what}.")
    if backup is not None:
        echo(f"A copy was exported to {backup}; `maturity import {_quoted(str(backup))}` brings it back.")


def _quoted(text: str) -> str:
    import shlex

    return shlex.quote(text)


def _slug(name: str) -> str:
    import re

    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "organisation"


def _backup_path(location: str, name: str) -> Path:
    """A file beside the database (or in the current folder for an in-memory one) that is new."""
    folder = Path(location).parent if Path(location).is_absolute() or os.sep in location else Path(".")
    if not folder.is_dir():
        folder = Path(".")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = folder / f"{_slug(name)}-deleted-{stamp}.json"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{_slug(name)}-deleted-{stamp}-{n}.json"
    return path


@cli.command(short_help="Saved assessments over time, per domain.")
@click.option("--org", help="The organisation (needed when the database holds several).")
@click.option("--json", "json_", is_flag=True, help="Print JSON.")
@pass_session
def history(session: Session, org: str | None, json_: bool) -> None:
    """Each completed assessment's stage and index per domain, oldest first, and the trend."""
    from ..history import history as build_history

    with opened_store(session, readonly=True) as store:
        name = pick_org(store, org)
        found = store.assessments(name, with_answers=False)
        gone = [a for a in store.assessments(name, with_answers=False, withdrawn=True) if a.withdrawn is not None]
    report = build_history(name, found)
    if json_:
        echo_json(with_version(report.model_dump(mode="json")) | {
            "withdrawn": [{"id": a.id, "date": a.when.isoformat(), "withdrawn": a.withdrawn.isoformat() if a.withdrawn else None,
                           "reason": a.withdrawn_reason} for a in gone]
        })
        return
    withdrawn_note = ""
    if gone:
        listed = ", ".join(f"#{a.id} ({a.when.date().isoformat()}{': ' + a.withdrawn_reason if a.withdrawn_reason else ''})" for a in gone)
        withdrawn_note = f"Withdrawn, not shown: {listed}; `maturity restore ID` brings one back."
    if not report.rows:
        echo(f"{name} has no completed assessment yet.")
        if withdrawn_note:
            echo(withdrawn_note)
        return
    echo(f"{name}: {len(report.rows)} assessment{'s' if len(report.rows) != 1 else ''}")
    echo("")
    import shutil

    id_w = max(len(str(r.id)) for r in report.rows) + 1
    # names are never cut: full names when the table fits the terminal, else the domain ids
    # (named in full under the table)
    heads = dict(report.domains)
    fixed = id_w + 2 + 10 + 2 + len("weakest link")
    if fixed + sum(max(len(h), 8) + 2 for h in heads.values()) > shutil.get_terminal_size((100, 24)).columns:
        heads = {d: d for d in report.domains}
    widths = {d: max(len(h), 8) for d, h in heads.items()}
    line = f"{'#'.ljust(id_w)}  {'date'.ljust(10)}  " + "  ".join(h.ljust(widths[d]) for d, h in heads.items()) + "  weakest link"
    echo(line)
    for r in report.rows:
        cells = []
        for d in report.domains:
            p = r.domains.get(d)
            cell = f"{(p.stage_name[:1] if p.stage else '-')} {p.index:.2f}" if p else "·"
            cells.append(cell.ljust(widths[d]))
        weakest = "-"
        if r.weakest_link:
            weakest = f"all ({r.weakest_link.stage_name})" if len(r.weakest_link.domains) == len(r.domains) > 1 else ", ".join(
                report.domains.get(x, x) for x in r.weakest_link.domains
            )
        echo(f"{('#' + str(r.id)).ljust(id_w)}  {r.date.date().isoformat()}  " + "  ".join(cells) + f"  {weakest}")
    echo("")
    if any(heads[d] != report.domains[d] for d in heads):
        wrapped("Domains: " + ", ".join(f"{d} = {n}" for d, n in report.domains.items() if d != n) + ".")
    reached = {p.stage: p.stage_name for r in report.rows for p in r.domains.values() if p.stage}
    legend = ", ".join(f"{reached[n][:1]} {reached[n]}" for n in sorted(reached))
    wrapped(
        f"Each cell: the stage reached ({legend + ', ' if legend else ''}- not started) "
        "and the index (stage plus progress into the next, 3.00 at most)."
    )
    if report.trends:
        first = report.rows[0]
        echo("")
        echo(f"Since the first assessment (#{first.id}, {first.date:%d %b %Y}):")
        still = [t.name for t in report.trends if t.first == t.last]
        for trend in report.trends:
            if trend.first != trend.last:
                echo(f"  {trend.sentence}")
        if still:
            echo(f"  No change in {', '.join(still)}.")
    if withdrawn_note:
        echo("")
        wrapped(withdrawn_note)


def wrapped(text: str, first: str = "", rest: str | None = None) -> None:
    """A sentence wrapped to the terminal's width (words are never cut), its continuation
    lines indented as `rest` (as `first` when not given)."""
    import shutil
    import textwrap

    width = max(40, min(shutil.get_terminal_size((100, 24)).columns, 100) - 1)
    echo(textwrap.fill(text, width, initial_indent=first, subsequent_indent=first if rest is None else rest,
                       break_long_words=False, break_on_hyphens=False))


def with_version(data: dict[str, Any]) -> dict[str, Any]:
    """A --json document with its schema version first."""
    return {"schema_version": SCHEMA_VERSION, **data}


@cli.command(short_help="Withdraw an assessment saved by mistake.")
@click.argument("assessment_id", metavar="ID", type=int)
@click.option("--reason", default="", help="Why, e.g. \"saved twice\".")
@pass_session
def withdraw(session: Session, assessment_id: int, reason: str) -> None:
    """Withdraw completed assessment ID: it is kept exactly as it was saved, but left out of
    history, diff, repeats and ROI. `maturity restore ID` undoes it."""
    with opened_store(session) as store:
        a = store.withdraw_assessment(assessment_id, reason)
    echo(f"Withdrew assessment #{a.id} of {a.org} ({a.when.date().isoformat()}); `maturity restore {a.id}` undoes it.")


@cli.command(short_help="Restore a withdrawn assessment.")
@click.argument("assessment_id", metavar="ID", type=int)
@pass_session
def restore(session: Session, assessment_id: int) -> None:
    """Bring withdrawn assessment ID back into history."""
    with opened_store(session) as store:
        a = store.restore_assessment(assessment_id)
    echo(f"Restored assessment #{a.id} of {a.org} ({a.when.date().isoformat()}).")


@cli.command(short_help="What changed between two assessments.")
@click.argument("a", type=int, required=False)
@click.argument("b", type=int, required=False)
@click.option("--org", help="With no ids: compare this organisation's last two assessments.")
@click.option("--json", "json_", is_flag=True, help="Print JSON.")
@pass_session
def diff(session: Session, a: int | None, b: int | None, org: str | None, json_: bool) -> None:
    """What changed between assessments A and B (ids from `maturity history`).

    With one id, compares it with the latest assessment of its organisation; with none, the
    last two assessments.
    """
    from ..common.errors import StoreError
    from ..history import diff as compute_diff

    with opened_store(session, readonly=True) as store:
        if a is not None and b is not None:
            first, second = store.get_assessment(a), store.get_assessment(b)
        else:
            if a is not None:
                first = store.get_assessment(a)
                name = first.org
                if org and store.get_org(org).name != name:
                    raise StoreError(f"assessment #{a} belongs to {name}, not {org}")
            else:
                name = pick_org(store, org)
            done = store.assessments(name)
            if a is None:
                if len(done) < 2:
                    raise StoreError(f"{name} has {len(done)} completed assessment(s); two are needed to compare")
                first, second = done[-2], done[-1]
            else:
                second = done[-1] if done else first
                if second.id == first.id:
                    raise StoreError(f"assessment #{a} is {name}'s latest; give a second id to compare it with")
    for x in (first, second):
        if x.status != "completed":
            raise StoreError(f"assessment #{x.id} is a draft; only completed assessments can be compared")
        if x.withdrawn is not None:
            raise StoreError(f"assessment #{x.id} was withdrawn; `maturity restore {x.id}` brings it back first")
    report = compute_diff(first, second, _catalog_or_none(session))
    if json_:
        echo_json(with_version(report.model_dump(mode="json")))
        return
    same_org = first.org == second.org
    head = f"{first.org}: " if same_org else f"{first.org} (#{first.id}) against {second.org} (#{second.id}): "
    wrapped(head + report.summary[0])
    echo("")
    arrows = {"up": "▲ up a stage", "down": "▼ down a stage", "forward": "↗ forward", "back": "↘ back", "same": "="}
    moved = [c for c in report.domains if c.direction != "same" or c.version_before != c.version_after]
    if moved:
        width = max(len(c.name) for c in moved)
        for c in moved:
            before = f"{c.before.stage_name} {c.before.index:.2f}"
            after = f"{c.after.stage_name} {c.after.index:.2f}"
            version = f"  (questionnaire {c.version_before} → {c.version_after})" if c.version_before != c.version_after else ""
            echo(f"  {c.name.ljust(width)}  {before:>18} → {after:<18} {arrows[c.direction]}{version}")
    still = [c.name for c in report.domains if c not in moved]
    if still:
        wrapped(f"No change in {', '.join(still)}." if moved else "No domain changed stage or index.", "  ")
    if report.domains:
        echo("")
    if report.achieved:
        echo(f"Newly in place ({len(report.achieved)}):")
        for cap in report.achieved:
            wrapped(f"{cap.name}  ({cap.credit_before:.0%} → {cap.credit_after:.0%})", "  ✔ ", "    ")
    if report.lost:
        echo(f"No longer in place ({len(report.lost)}):")
        for cap in report.lost:
            wrapped(f"{cap.name}  ({cap.credit_before:.0%} → {cap.credit_after:.0%})", "  ✘ ", "    ")
    if report.answers:
        echo(f"Answers that changed ({len(report.answers)}):")
        for change in report.answers:
            wrapped(change.question, "  ")
            wrapped(str(change.before), "      was: ", "           ")
            wrapped(str(change.after), "      now: ", "           ")
    if report.not_compared:
        echo(f"Could not compare ({len(report.not_compared)}):")
        for note in report.not_compared:
            wrapped(note, "  · ", "    ")
    if not (report.achieved or report.lost or report.answers):
        echo("No capability and no answer changed.")
    if len(report.summary) > 1:
        echo("")
        echo("In short:")
        for sentence in report.summary[1:]:
            wrapped(sentence, "  ")


# --------------------------------------------------------------------------------------------
# investments
# --------------------------------------------------------------------------------------------


@cli.group(short_help="Investments, their costs, KPIs and ROI.")
def invest() -> None:
    """Record accepted investments, their costs, benefits and KPI measurements; show ROI.

    \b
      maturity invest add cyber.mfa --cost 1200 --start 2024-02-01 \\
          --kpi "MFA coverage" --unit % --baseline 20 --target 100
      maturity invest cost 1 900 --kind one-off --on 2024-02-10
      maturity invest measure 1 85 --on 2024-05-01
      maturity invest benefit 1 400 --on 2024-06-30
      maturity invest show 1
    """


@invest.command("add", short_help="Record an accepted recommendation.")
@click.argument("capability")
@click.option("--cost", "planned_cost", type=float, help="Planned cost, in the profile's currency (default: the capability's estimate).")
@click.option("--start", type=DATE, help="Start date (YYYY-MM-DD).")
@click.option("--end", type=DATE, help="Planned end date (YYYY-MM-DD).")
@click.option("--kpi", default=None, help="The KPI to watch, e.g. \"invoice cycle time\" (default: the capability's first KPI).")
@click.option("--unit", default="", help="The KPI's unit, e.g. days or %.")
@click.option("--baseline", type=float, help="The KPI's value before the investment.")
@click.option("--target", type=float, help="The KPI value aimed for.")
@click.option("--target-date", type=DATE, help="When the target should be reached.")
@click.option("--hourly-rate", type=float, help="Cost of one internal hour, to count recorded hours as money.")
@click.option("--notes", default="", help="Free text.")
@click.option("--org", help="The organisation (needed when the database holds several).")
@click.option("--force", is_flag=True, help="Record it even if an open investment in the capability exists, or it does not apply.")
@pass_session
def invest_add(session: Session, capability: str, planned_cost: float | None, start: dt.datetime | None, end: dt.datetime | None,
               kpi: str | None, unit: str, baseline: float | None, target: float | None, target_date: dt.datetime | None,
               hourly_rate: float | None, notes: str, org: str | None, force: bool) -> None:
    """Record an accepted recommendation: CAPABILITY (an id such as cyber.mfa) and its plan."""
    import difflib

    from ..common.errors import UsageError

    catalog = session.catalog
    if capability not in catalog.capabilities:
        close = difflib.get_close_matches(capability, list(catalog.capabilities), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise UsageError(f"unknown capability {capability!r}{hint}; `maturity graph` lists them")
    cap = catalog.capabilities[capability]
    if planned_cost is None:
        planned_cost = cap.cost_value
    if kpi is None:
        kpi = cap.kpis[0] if cap.kpis else ""
    if (baseline is None) != (target is None) and not kpi:
        raise UsageError("--baseline and --target describe a KPI: give --kpi too")
    with opened_store(session) as store:
        name = pick_org(store, org)
        if not force:
            _check_new_investment(store, name, capability, cap.name)
        new_id = store.add_investment(
            name, capability, planned_cost, _day(start), _day(end), kpi=kpi, baseline=baseline, target=target,
            notes=notes, unit=unit, target_on=_day(target_date), hourly_rate=hourly_rate,
        )
    echo(f"Recorded investment #{new_id} in {catalog.capabilities[capability].name} for {name}.")


def _check_new_investment(store: Store, org: str, capability: str, cap_name: str) -> None:
    """Refuse (without --force) a second open investment in one capability, and one in a
    capability the organisation's last assessment found not to apply."""
    from ..common.errors import UsageError

    same = [i for i in store.investments(org) if i.capability_id == capability and i.closed_on is None]
    if same:
        ids = ", ".join(f"#{i.id}" for i in same)
        raise UsageError(
            f"{org} already has an open investment in {cap_name} ({ids}); change it with `maturity invest edit "
            f"{same[0].id}`, or add --force to record a second one"
        )
    done = store.assessments(org, with_answers=False)
    last = done[-1] if done else None
    found = last.result.capabilities.get(capability) if last and last.result else None
    if found is not None and found.status == "not_applicable":
        why = f" ({found.not_applicable_reason})" if found.not_applicable_reason else ""
        raise UsageError(
            f"{cap_name} does not apply to {org} according to assessment #{last.id}{why}; "  # type: ignore[union-attr]
            "add --force to record it anyway"
        )


@invest.command("edit", short_help="Change an investment's plan.")
@click.argument("investment_id", metavar="ID", type=int)
@click.option("--cost", "planned_cost", type=float, help="Planned cost.")
@click.option("--start", type=DATE, help="Start date (YYYY-MM-DD).")
@click.option("--end", type=DATE, help="Planned end date (YYYY-MM-DD).")
@click.option("--kpi", default=None, help="The KPI to watch.")
@click.option("--unit", default=None, help="The KPI's unit.")
@click.option("--baseline", type=float, help="The KPI's value before the investment.")
@click.option("--target", type=float, help="The KPI value aimed for.")
@click.option("--target-date", type=DATE, help="When the target should be reached.")
@click.option("--hourly-rate", type=float, help="Cost of one internal hour.")
@click.option("--notes", default=None, help="Free text (replaces the notes).")
@pass_session
def invest_edit(session: Session, investment_id: int, planned_cost: float | None, start: dt.datetime | None, end: dt.datetime | None,
                kpi: str | None, unit: str | None, baseline: float | None, target: float | None, target_date: dt.datetime | None,
                hourly_rate: float | None, notes: str | None) -> None:
    """Change the plan of investment ID: only the options given change."""
    from ..common.errors import UsageError

    changes = {
        "planned_cost": planned_cost, "start": _day(start), "end": _day(end), "kpi": kpi, "unit": unit,
        "baseline": baseline, "target": target, "target_on": _day(target_date), "hourly_rate": hourly_rate, "notes": notes,
    }
    changes = {k: v for k, v in changes.items() if v is not None}
    if not changes:
        raise UsageError("give at least one option to change (see maturity invest edit --help)")
    with opened_store(session) as store:
        inv = store.edit_investment(investment_id, **changes)
    echo(f"Changed investment #{inv.id} of {inv.org}: {', '.join(sorted(changes))}.")


@invest.command("close", short_help="Mark an investment finished.")
@click.argument("investment_id", metavar="ID", type=int)
@click.option("--on", "on", type=DATE, help="The day it was finished (default today).")
@click.option("--reopen", is_flag=True, help="Mark it running again.")
@pass_session
def invest_close(session: Session, investment_id: int, on: dt.datetime | None, reopen: bool) -> None:
    """Mark investment ID finished (costs and measurements can still be recorded)."""
    day = None if reopen else (_day(on) or dt.date.today())
    with opened_store(session) as store:
        inv = store.close_investment(investment_id, day)
    echo(f"Investment #{inv.id} of {inv.org} " + (f"closed on {day.isoformat()}." if day else "is running again."))


@invest.command("withdraw", short_help="Withdraw an investment recorded by mistake.")
@click.argument("investment_id", metavar="ID", type=int)
@click.option("--reason", default="", help="Why, e.g. \"recorded twice\".")
@pass_session
def invest_withdraw(session: Session, investment_id: int, reason: str) -> None:
    """Withdraw investment ID (a duplicate, a mistake): kept, but left out of lists and ROI.
    `maturity invest restore ID` undoes it."""
    with opened_store(session) as store:
        inv = store.withdraw_investment(investment_id, reason)
    echo(f"Withdrew investment #{inv.id} of {inv.org}; `maturity invest restore {inv.id}` undoes it.")


@invest.command("restore", short_help="Restore a withdrawn investment.")
@click.argument("investment_id", metavar="ID", type=int)
@pass_session
def invest_restore(session: Session, investment_id: int) -> None:
    """Bring withdrawn investment ID back."""
    with opened_store(session) as store:
        inv = store.restore_investment(investment_id)
    echo(f"Restored investment #{inv.id} of {inv.org}.")


def _currency_of(assessments: list[Any]) -> str:
    """The currency of the organisation's latest assessment (USD when it has none)."""
    return assessments[-1].answer_file.profile.currency if assessments else "USD"


def _cli_words(data: Any) -> Any:
    from ..report.outputs import cli_words

    return cli_words(data)


@invest.command("list", short_help="All investments with ROI and KPI progress.")
@click.option("--org", help="The organisation (needed when the database holds several).")
@click.option("--as-of", type=DATE, help="Count costs and benefits up to this day (default today).")
@click.option("--json", "json_", is_flag=True, help="Print JSON.")
@pass_session
def invest_list(session: Session, org: str | None, as_of: dt.datetime | None, json_: bool) -> None:
    """The organisation's investments with cost so far, benefit, ROI and KPI progress."""
    from ..history import investment_report

    with opened_store(session, readonly=True) as store:
        name = pick_org(store, org)
        investments = store.investments(name)
        done = store.assessments(name, with_answers=False) if investments else []
    catalog = _catalog_or_none(session) if investments else None
    reports = [investment_report(i, done, as_of=_day(as_of), catalog=catalog) for i in investments]
    if json_:
        echo_json({"schema_version": SCHEMA_VERSION, "investments": [_cli_words(r.model_dump(mode="json")) for r in reports]})
        return
    if not reports:
        echo(f"{name} has no investments yet; record one with `maturity invest add CAPABILITY --cost AMOUNT`.")
        return
    from ..common.formatting import money

    currency = _currency_of(done)
    width = max(max(len(r.capability) for r in reports), len("capability"))
    echo(f"{'#':>4}  {'capability'.ljust(width)}  {'planned':>10}  {'spent':>10}  {'benefit':>10}  {'ROI':>6}  KPI")
    for r in reports:
        roi = f"{r.roi:+.0%}" if r.roi is not None else "-"
        kpi = f"{r.kpi_progress:.0%} of the way" if r.kpi_progress is not None else (r.investment.kpi and "no progress yet") or "-"
        if r.investment.closed_on:
            kpi += f" (closed {r.investment.closed_on.isoformat()})"
        echo(
            f"{r.investment.id:>4}  {r.capability.ljust(width)}  {money(r.planned_cost, currency):>10}  "
            f"{money(r.cost_to_date, currency):>10}  {money(r.benefit_to_date, currency):>10}  {roi:>6}  {kpi}"
        )


@invest.command("show", short_help="KPI, maturity progress, ROI and payback.", context_settings={"ignore_unknown_options": True})
@click.argument("investment_id", metavar="ID", type=int)
@click.option("--as-of", type=DATE, help="Count costs and benefits up to this day (default today).")
@click.option("--json", "json_", is_flag=True, help="Print JSON.")
@pass_session
def invest_show(session: Session, investment_id: int, as_of: dt.datetime | None, json_: bool) -> None:
    """KPI progress, maturity progress, ROI and payback of investment ID."""
    from ..history import investment_report

    with opened_store(session, readonly=True) as store:
        inv = store.get_investment(investment_id)
        done = store.assessments(inv.org, with_answers=False)
    report = investment_report(inv, done, as_of=_day(as_of), catalog=_catalog_or_none(session))
    if json_:
        echo_json(with_version(_cli_words(report.model_dump(mode="json"))))
        return
    title = f"Investment #{inv.id} of {inv.org}: {report.capability}"
    echo(title)
    echo("=" * len(title))
    dates = " to ".join(d.isoformat() for d in (inv.start, inv.end) if d) or "no dates"
    echo(f"Period: {dates}. As of {report.as_of.isoformat()}.")
    if inv.closed_on:
        echo(f"Closed on {inv.closed_on.isoformat()}.")
    if inv.withdrawn:
        why = f" ({inv.withdrawn_reason})" if inv.withdrawn_reason else ""
        echo(f"Withdrawn on {inv.withdrawn.date().isoformat()}{why}; `maturity invest restore {inv.id}` brings it back.")
    m = report.maturity
    before = f"#{m.before_id} ({m.before_date:%d %b %Y})" if m.before_id and m.before_date else "none"
    after = f"#{m.after_id} ({m.after_date:%d %b %Y})" if m.after_id and m.after_date else "none yet"
    echo(f"Assessments: before {before}, after {after}.")
    echo("")
    for sentence in report.sentences:
        wrapped(sentence, "  ")
    from ..common.formatting import hours, money

    currency = _currency_of(done)
    kinds = {"one_off": "one-off cost", "yearly": "yearly cost", "internal_hours": "hours"}
    ledger = [(c.on, kinds[c.kind], hours(c.amount) if c.kind == "internal_hours" else money(c.amount, currency), c.note)
              for c in inv.costs]
    ledger += [(b.on, "benefit", money(b.amount, currency), b.note) for b in inv.benefits]
    ledger += [(x.on, "KPI" + (f" ({inv.unit})" if inv.unit else ""), f"{x.value:,.2f}", x.note) for x in inv.measurements]
    ledger = sorted((e for e in ledger if e[0] <= report.as_of), key=lambda e: e[0])
    if ledger:
        echo("")
        kind_w = max(len(e[1]) for e in ledger)
        for on, kind, value, note in ledger:
            echo(f"  {on.isoformat()}  {kind.ljust(kind_w)}  {value:>12}  {note}".rstrip())


@invest.command("cost", short_help="Record an actual cost, money or hours.", context_settings={"ignore_unknown_options": True})
@click.argument("investment_id", metavar="ID", type=int)
@click.argument("amount", type=float)
@click.option("--kind", type=click.Choice(list(COST_KIND_NAMES)), default="one-off", show_default=True,
              help="one-off money, yearly money (recurs every year from --on), or internal hours.")
@click.option("--on", "on", type=DATE, help="The day (default today).")
@click.option("--note", default="", help="Free text.")
@pass_session
def invest_cost(session: Session, investment_id: int, amount: float, kind: str, on: dt.datetime | None, note: str) -> None:
    """Record an actual cost of investment ID: AMOUNT money, or hours with --kind hours."""
    day = _day(on) or dt.date.today()
    from ..common.formatting import money

    with opened_store(session) as store:
        store.record_cost(investment_id, COST_KIND_NAMES[kind], amount, day, note)  # type: ignore[arg-type]
        currency = _currency_of(store.assessments(store.get_investment(investment_id).org, with_answers=False))
    what = f"{amount:g} internal hours" if kind == "hours" else f"a {kind} cost of {money(amount, currency)}"
    echo(f"Recorded {what} on {day.isoformat()} for investment #{investment_id}.")


@invest.command("measure", short_help="Record a KPI measurement.", context_settings={"ignore_unknown_options": True})
@click.argument("investment_id", metavar="ID", type=int)
@click.argument("value", type=float)
@click.option("--on", "on", type=DATE, help="The day (default today).")
@click.option("--note", default="", help="Free text.")
@pass_session
def invest_measure(session: Session, investment_id: int, value: float, on: dt.datetime | None, note: str) -> None:
    """Record a KPI measurement of investment ID."""
    day = _day(on) or dt.date.today()
    with opened_store(session) as store:
        store.record_measurement(investment_id, value, day, note)
    echo(f"Recorded KPI value {value:g} on {day.isoformat()} for investment #{investment_id}.")


@invest.command("benefit", short_help="Record money gained or saved.", context_settings={"ignore_unknown_options": True})
@click.argument("investment_id", metavar="ID", type=int)
@click.argument("amount", type=float)
@click.option("--on", "on", type=DATE, help="The day (default today).")
@click.option("--note", default="", help="Free text, e.g. how it was estimated.")
@pass_session
def invest_benefit(session: Session, investment_id: int, amount: float, on: dt.datetime | None, note: str) -> None:
    """Record money gained or saved thanks to investment ID."""
    day = _day(on) or dt.date.today()
    from ..common.formatting import money

    with opened_store(session) as store:
        store.record_benefit(investment_id, amount, day, note)
        currency = _currency_of(store.assessments(store.get_investment(investment_id).org, with_answers=False))
    echo(f"Recorded a benefit of {money(amount, currency)} on {day.isoformat()} for investment #{investment_id}.")


@invest.command("link", short_help="Pin the assessments before and after.", context_settings={"ignore_unknown_options": True})
@click.argument("investment_id", metavar="ID", type=int)
@click.option("--before", type=int, help="The assessment before the investment.")
@click.option("--after", type=int, help="The assessment after it.")
@pass_session
def invest_link(session: Session, investment_id: int, before: int | None, after: int | None) -> None:
    """Pin the assessments before and after investment ID (otherwise found from its dates)."""
    with opened_store(session) as store:
        store.link_assessments(investment_id, before, after)
    echo(f"Investment #{investment_id}: before {('#' + str(before)) if before else 'from dates'}, "
               f"after {('#' + str(after)) if after else 'from dates'}.")


# --------------------------------------------------------------------------------------------
# export and import
# --------------------------------------------------------------------------------------------


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
    _write_private(output, text)
    echo(f"Exported {name} ({_counts(doc)}) to {output}.", err=True)


def _export_all(session: Session, folder: Path, force: bool) -> None:
    from ..common.errors import StoreError, UsageError

    with opened_store(session, readonly=True) as store:
        names = [o.name for o in store.orgs()]
        if not names:
            raise StoreError(f"{store.location} holds no organisation yet; there is nothing to export")
        targets: dict[str, Path] = {}
        for name in names:
            path = folder / f"{_slug(name)}.json"
            n = 1
            while path in targets.values():
                n += 1
                path = folder / f"{_slug(name)}-{n}.json"
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
        _write_private(targets[name], json_text(doc) + "\n")
        echo(f"Exported {name} ({_counts(doc)}) to {targets[name]}.", err=True)


def _counts(doc: dict[str, Any]) -> str:
    def n(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return f"{n(len(doc.get('assessments', [])), 'assessment')}, {n(len(doc.get('investments', [])), 'investment')}"


def _write_private(path: Path, text: str) -> None:
    """Write atomically, readable by the owner only: an export describes security gaps."""
    from ..common.errors import StoreError
    from ..common.safeio import atomic_write

    try:
        atomic_write(path, text, private=True)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None


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
