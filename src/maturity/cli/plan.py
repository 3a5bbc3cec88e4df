"""`maturity recommend` and `maturity roadmap`: what to invest in next, and when."""

from __future__ import annotations

import json
import math
import textwrap
from pathlib import Path

import click

from . import cli
from .context import Session, pass_session


def _number(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    if value is not None and (math.isnan(value) or math.isinf(value) or value < 0):
        raise click.BadParameter(f"must be a number of 0 or more, not {value}")
    return value


def _load(session: Session, answers_path: Path | None, org: str | None):
    """The answers to plan from: an answer file, or the latest saved assessment of an
    organisation, scored against the questionnaires loaded now."""
    from ..answers import load_answers
    from ..scoring import score

    catalog = session.catalog
    if answers_path is not None:
        if org:
            raise click.UsageError("give either --answers or --org, not both")
        answers = load_answers(answers_path, catalog)
    else:
        from .history import opened_store, pick_org

        with opened_store(session) as store:
            name = pick_org(store, org)
            saved = store.assessments(name)
            if not saved:
                raise click.UsageError(f"{name} has no completed assessment; give --answers FILE")
            answers = saved[-1].answer_file.model_copy(deep=True)
        dropped = [qid for qid in answers.answers if qid not in catalog.questions]
        for qid in dropped:
            del answers.answers[qid]
        if dropped:
            click.echo(f"warning: {len(dropped)} saved answers belong to questions no longer asked; left out", err=True)
    return catalog, answers, score(catalog, answers)


ANSWERS = click.option(
    "--answers", "answers_path", type=click.Path(dir_okay=False, path_type=Path),
    help="The answer file (TOML). Without it, the latest saved assessment of --org.",
)
ORG = click.option("--org", help="Plan from this organisation's latest saved assessment (see --db).")


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(
        text, width=100, initial_indent=indent, subsequent_indent=" " * len(indent), break_on_hyphens=False
    )


@cli.command()
@ANSWERS
@ORG
@click.option("--budget", type=float, callback=_number, help="Money available (default: the profile's annual budget).")
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True, help="How many to show.")
@click.option("--explore", is_flag=True, help="Also show one deliberate bet outside the stated strategy.")
@click.option("--json", "json_", is_flag=True, help="Print JSON.")
@pass_session
def recommend(session: Session, answers_path: Path | None, org: str | None, budget: float | None, top: int, explore: bool, json_: bool) -> None:
    """The next investments that fit your goals and budget, and why.

    Accept one with `maturity invest add CAPABILITY --cost N`."""
    from ..formatting import money
    from ..recommend import recommend as run

    catalog, answers, result = _load(session, answers_path, org)
    recs = run(catalog, answers, result, budget=budget, top=top, explore=explore)
    session.warn()
    if json_:
        click.echo(json.dumps(recs.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    cur = recs.currency
    name = answers.profile.name or "your business"
    head = f"Next investments for {name}"
    if recs.budget is not None:
        head += f" (budget {money(recs.budget, cur)})"
    click.echo(head)
    click.echo("=" * len(head))
    for note in recs.notes:
        click.echo(_wrap(note, ""))
    for n, rec in enumerate(recs.items, start=1):
        domain = catalog.questionnaire(rec.domain).questionnaire.name
        click.echo(f"\n{n}. {rec.name}  [{domain}, {rec.stage}, {money(rec.cost, cur)}, effort {rec.effort}]")
        click.echo(f"   id {rec.id}")
        for reason in rec.reasons:
            click.echo(_wrap(reason, "   - "))
        if rec.advice:
            click.echo(_wrap("Next step: " + rec.advice, "   "))
    if recs.items:
        first = recs.items[0]
        click.echo(f"\nTo accept one, give its id (cost and KPI as above unless you give --cost and --kpi): maturity invest add {first.id}")
    if recs.over_budget:
        click.echo("\nWorth it but over the remaining budget: " + ", ".join(f"{r.name} ({money(r.cost, cur)})" for r in recs.over_budget[:3]))
    if recs.cheapest and not recs.items:
        rec = recs.cheapest
        click.echo(f"\nCheapest next step: {rec.name} ({money(rec.cost, cur)}; id {rec.id})")
        for reason in rec.reasons:
            click.echo(_wrap(reason, "   - "))
    if recs.exploration:
        rec = recs.exploration
        click.echo(f"\nA deliberate bet: {rec.name}  [{money(rec.cost, cur)}, effort {rec.effort}]")
        click.echo(f"   id {rec.id}")
        for reason in rec.reasons:
            click.echo(_wrap(reason, "   - "))
    if recs.not_fitting:
        names = [catalog.capabilities[cid].name for cid in recs.not_fitting]
        shown = "; ".join(names[:4]) + (f"; and {len(names) - 4} more" if len(names) > 4 else "")
        click.echo(_wrap(f"Left out because they do not fit this business: {shown}. (--json gives the reasons.)", ""))


@cli.command()
@ANSWERS
@ORG
@click.option("--periods", type=int, default=4, show_default=True, help="How many periods (quarters) to plan.")
@click.option("--budget-per-period", type=float, callback=_number, help="Money per period (default: the profile's annual budget / 4).")
@click.option("--hours-per-period", type=float, callback=_number, help="Staff hours per period (default: the profile's training hours, else no limit).")
@click.option("--method", type=click.Choice(["auto", "exact", "heuristic"]), default="auto", show_default=True)
@click.option("--json", "json_", is_flag=True, help="Print JSON.")
@pass_session
def roadmap(session: Session, answers_path: Path | None, org: str | None, periods: int, budget_per_period: float | None, hours_per_period: float | None, method: str, json_: bool) -> None:
    """A plan over several periods within a budget, prerequisites first."""
    from ..formatting import money
    from ..roadmap import plan_roadmap

    if periods < 1:
        raise click.BadParameter("a roadmap needs at least one period", param_hint="--periods")
    catalog, answers, result = _load(session, answers_path, org)
    profile = answers.profile
    if budget_per_period is None:
        if profile.budget is None:
            raise click.UsageError("give --budget-per-period, or set budget in the answer file's [profile]")
        budget_per_period = profile.budget / 4
    if hours_per_period is None:
        hours_per_period = profile.training_hours
    plan = plan_roadmap(catalog, answers, result, periods=periods, budget_per_period=budget_per_period, hours_per_period=hours_per_period, method=method)
    session.warn()
    if json_:
        click.echo(json.dumps(plan.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    cur = plan.currency
    limits = f"{money(plan.budget_per_period, cur)} per period"
    if plan.hours_per_period is not None:
        limits += f" and {plan.hours_per_period:g} staff hours"
    title = f"Roadmap for {profile.name or 'your business'}: {periods} periods, {limits}"
    click.echo(title)
    click.echo("=" * min(len(title), 100))
    click.echo(f"Method: {plan.method_note}.")
    if plan.in_progress:
        click.echo("Already funded or in progress: " + ", ".join(catalog.capabilities[c].name for c in plan.in_progress))
    for note in plan.notes:
        click.echo(_wrap(note, ""))
    for period in plan.periods:
        click.echo(f"\nPeriod {period.number}  ({money(period.cost, cur)}, {period.hours:.0f} h)")
        if not period.items and not period.continuing:
            click.echo("   nothing fits")
        for cid in period.continuing:
            click.echo(f"   … {catalog.capabilities[cid].name} (continued)")
        for item in period.items:
            after = f"  after {', '.join(catalog.capabilities[r].name for r in item.requires)}" if item.requires else ""
            runs = f", runs until period {item.finishes}" if item.finishes > period.number else ""
            click.echo(f"   - {item.name}  [{money(item.cost, cur)}, {item.hours:.0f} h{runs}]{after}")
    click.echo(f"\nTotal: {money(plan.total_cost, cur)} of {money(plan.budget_per_period * periods, cur)}.")
    if plan.left_out:
        click.echo("Next in line, beyond these budgets: " + ", ".join(i.name for i in plan.left_out[:3]) + ".")
