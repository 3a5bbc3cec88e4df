"""`maturity history`, `diff`, `withdraw` and `restore`: saved assessments over time.

Thin commands: they open the store, call `maturity.history` and print. The store (and with it
SQLAlchemy) is imported only when one of these commands runs.
"""

from __future__ import annotations

import click

from .context import Session, pass_session
from .output import echo, echo_json, with_version, wrapped
from .root import cli
from .stores import catalog_or_none, opened_store, pick_org


@cli.command(short_help="Saved assessments over time, per domain.")
@click.option("--org", help="The organisation (needed when the database holds several).")
@click.option("--json", "json_", is_flag=True, help="Print JSON.")
@pass_session
def history(session: Session, org: str | None, json_: bool) -> None:
    """Each completed assessment's stage and index per domain, oldest first, and the trend."""
    from ..history import history as build_history

    with opened_store(session, readonly=True) as store:
        name = pick_org(store, org)
        found = store.assessments(name)  # with the answers: coverage of the baselines over time
        gone = [a for a in store.assessments(name, with_answers=False, withdrawn=True) if a.withdrawn is not None]
    report = build_history(name, found, catalog_or_none(session))
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
    unanswered = any(not p.assessed for r in report.rows for p in r.domains.values())
    widths = {d: max(len(h), 12 if unanswered else 8) for d, h in heads.items()}
    line = f"{'#'.ljust(id_w)}  {'date'.ljust(10)}  " + "  ".join(h.ljust(widths[d]) for d, h in heads.items()) + "  weakest link"
    echo(line)
    for r in report.rows:
        cells = []
        for d in report.domains:
            p = r.domains.get(d)
            if p is None:
                cell = "·"
            elif not p.assessed:
                cell = "not assessed"
            else:
                cell = f"{(p.stage_name[:1] if p.stage else '-')} {p.index:.2f}"
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
    reached = {p.stage: p.stage_name for r in report.rows for p in r.domains.values() if p.stage and p.assessed}
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
    if report.baselines:
        echo("")
        echo("Recognised baselines, requirements met (partly met is never counted as met):")
        width = max(len(n) for n in report.baselines.values())
        for key, title in report.baselines.items():
            points = [f"#{r.id} {r.baselines[key].met}/{r.baselines[key].applicable}" for r in report.rows if key in r.baselines]
            echo(f"  {title.ljust(width)}  " + "  ".join(points))
    if withdrawn_note:
        echo("")
        wrapped(withdrawn_note)


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
    report = compute_diff(first, second, catalog_or_none(session))
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
    if report.baselines:
        echo("Recognised baselines, requirements met (partly met is never counted as met):")
        width = max(len(c.name) for c in report.baselines)
        for change in report.baselines:
            echo(f"  {change.name.ljust(width)}  {change.met_before} of {change.applicable_before} → {change.met_after} of {change.applicable_after}")
            for label in change.newly_met:
                wrapped(label, "    ✔ ", "      ")
            for label in change.no_longer_met:
                wrapped(label, "    ✘ ", "      ")
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
