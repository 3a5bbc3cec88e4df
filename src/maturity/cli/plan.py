"""`maturity recommend` and `maturity roadmap`: what to invest in next, and when."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path

import click

from .context import Session, pass_session
from .output import echo, echo_json
from .root import cli

#: how far from the best possible plan a roadmap may be before it says so (the JSON always does)
SHOWN_GAP = 0.01


def _number(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    from ..common.formatting import MAX_AMOUNT, MAX_HOURS

    if value is not None and (math.isnan(value) or math.isinf(value) or value < 0):
        raise click.BadParameter(f"must be a number of 0 or more, not {value}")
    hours = "hours" in (param.name or "") or "training" in (param.name or "")
    top = MAX_HOURS if hours else MAX_AMOUNT
    if value is not None and value > top:
        from ..common.errors import UsageError

        option = param.opts[0] if param.opts else param.name
        raise UsageError(f"{option} must be at most {top:,.0f}, not {value:g}: no business plans that much")
    return value


def _plan(session: Session, answers_path: Path | None, org: str | None, **options):
    """The plan, from an answer file or the latest saved assessment of an organisation (with its
    investments), through the one planning service the app uses too."""
    from ..assessment.answers import load_answers
    from ..common.errors import AnswerError
    from ..planning import plan
    from ..planning.service import plan_assessment

    catalog = session.catalog
    if answers_path is not None:
        if org:
            raise click.UsageError("give either --answers or --org, not both")
        answers = load_answers(answers_path, catalog)
        try:
            return catalog, plan(catalog, answers, **options)
        except AnswerError as exc:
            raise _in_file(exc, answers_path) from None
    from .stores import opened_store, pick_org

    with opened_store(session, readonly=True) as store:
        name = pick_org(store, org)
        saved = store.assessments(name)
        if not saved:
            raise click.UsageError(f"{name} has no completed assessment; give --answers FILE")
        investments = store.investments(name)
    return catalog, plan_assessment(catalog, saved[-1], investments, **options)


def _in_file(exc, path: Path):
    """A profile's error (`profile.baseline.by`, say) with the answer file and line it is on."""
    from ..common.errors import AnswerError
    from ..common.tomlfile import read_toml

    if exc.path is not None or not (exc.key or "").startswith("profile."):
        return exc
    line = read_toml(path).line(tuple(exc.key.split(".")))
    return AnswerError(exc.message, path=path, line=line, key=exc.key)


def _baseline(plan_part) -> None:
    """The plan toward the baseline the profile aims at, in the words the planner gave."""
    if plan_part.baseline is None:
        return
    echo("")
    for n, line in enumerate(plan_part.baseline.lines):
        echo(_wrap(line, "" if n == 0 else "   "))


ANSWERS = click.option(
    "--answers", "answers_path", type=click.Path(dir_okay=False, path_type=Path),
    help="The answer file (TOML). Without it, the latest saved assessment of --org.",
)
ORG = click.option("--org", help="Plan from this organisation's latest saved assessment (see --db).")


def _wrap(text: str, indent: str) -> str:
    """Text wrapped to the terminal (100 columns at most), continuation lines indented; words
    and names are never cut."""
    import shutil

    from ..common.termtext import shown

    width = max(40, min(shutil.get_terminal_size((100, 24)).columns, 100) - 1)
    return textwrap.fill(
        shown(text), width=width, initial_indent=indent, subsequent_indent=" " * len(indent),
        break_on_hyphens=False, break_long_words=False,
    )


def _limits(held: str, recs_or_road) -> str:
    """The money (in the planner's words) and the hours a quarter holds."""
    from ..common.formatting import hours

    parts = [held] if held else []
    parts.append(f"{hours(recs_or_road[0])} of staff time")
    return ", ".join(parts) + f" and {hours(recs_or_road[1])} of training a quarter"


def _step(rec, catalog, cur: str, label: str) -> None:
    from ..planning.explain import money_words

    domain = catalog.questionnaire(rec.domain).questionnaire.name
    from ..common.termtext import shown

    echo("")
    echo(shown(f"{label}{rec.name}  [{domain}, {rec.stage}, {money_words(rec, cur)}, effort {rec.effort}]"))
    for reason in rec.reasons:
        echo(_wrap(reason, "   - "))
    if rec.advice:
        echo(_wrap("Next step: " + rec.advice, "   "))


def _beyond_hint(command: str, beyond: list[str]) -> str:
    return f"maturity {command} --beyond-targets also plans the {len(beyond)} beyond the targets."


@cli.command()
@ANSWERS
@ORG
@click.option("--budget", type=float, callback=_number, help="The year's budget (default: the profile's budget).")
@click.option("--top", type=click.IntRange(min=1), default=5, show_default=True, help="How many to show.")
@click.option("--explore", is_flag=True, help="Also show one deliberate bet outside the stated strategy.")
@click.option("--beyond-targets", is_flag=True, help="Also plan stages above each domain's target.")
@click.option("--json", "json_", is_flag=True, help="Print JSON (schema: maturity schema recommendations).")
@pass_session
def recommend(session: Session, answers_path: Path | None, org: str | None, budget: float | None, top: int, explore: bool,
              beyond_targets: bool, json_: bool) -> None:
    """The next investments that fit your goals, budget and staff time, and why: the first
    quarter of the plan that `maturity roadmap` shows whole.

    Accept one with `maturity invest add CAPABILITY`."""
    catalog, result = _plan(session, answers_path, org, budget=budget, top=top, explore=explore, beyond_targets=beyond_targets)
    recs = result.recommendations
    session.warn()
    if json_:
        echo_json(recs.model_dump(mode="json"))
        return
    from ..common.formatting import money

    cur = recs.currency
    from ..common.termtext import shown

    name = shown(result.answer_file.profile.name) or "your business"
    head = f"Next investments for {name}"
    if recs.budget is not None:
        head += f" (budget {money(recs.budget, cur)} a year)"
    echo(head)
    echo("=" * len(head))
    echo(_wrap("This quarter, within " + _limits(recs.money_held, (recs.period_hours, recs.period_training_hours)) + ":", ""))
    for note in recs.assumptions + recs.notes:
        echo(_wrap(note, ""))
    if recs.beyond_target:
        echo(_beyond_hint("recommend", recs.beyond_target))
    _baseline(recs)
    for n, rec in enumerate(recs.items, start=1):
        _step(rec, catalog, cur, f"{n}. ")
    if recs.items:
        from ..common.termtext import shown

        name = _quote(shown(result.answer_file.profile.name or "NAME"))
        echo("")
        if org:
            echo("To accept one (with the cost and KPI above):")
        else:
            echo("To accept one, save this assessment first, then accept it (with the cost and KPI above):")
            echo(f"   maturity assess --answers {_quote(str(answers_path))} --save --org {name}")
        for n, rec in enumerate(recs.items, start=1):
            echo(f"   maturity invest add {rec.id} --org {name}".ljust(60) + f"  # {n}")
    if recs.cheapest and not recs.items:
        _step(recs.cheapest, catalog, cur, "Cheapest next step: ")
    if recs.next_in_line:
        echo("\nNext in line:")
        for rec in recs.next_in_line:
            echo(_wrap(f"{rec.name} ({money(rec.cost, cur)} in the first year): {rec.why_not_now}.", "   - "))
    if recs.exploration:
        _step(recs.exploration, catalog, cur, "A deliberate bet: ")
    if recs.not_fitting:
        names = [catalog.capabilities[cid].name for cid in recs.not_fitting]
        listed = "; ".join(names[:4]) + (f"; and {len(names) - 4} more" if len(names) > 4 else "")
        echo("")
        echo(_wrap(f"Left out because they do not fit this business: {listed}.", ""))
        echo("maturity recommend --json gives the reasons.")


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


@cli.command()
@ANSWERS
@ORG
@click.option("--periods", type=int, default=4, show_default=True, help="How many periods (quarters) to plan, 1 to 20.")
@click.option("--budget", type=float, callback=_number, help="The year's budget (default: the profile's budget).")
@click.option("--budget-per-period", type=float, callback=_number, help="Money per period, each period its own (default: the year's budget, which any of its quarters may spend).")
@click.option("--hours-per-period", type=float, callback=_number, help="Staff hours for change work per period (default: the profile's project hours).")
@click.option("--training-per-period", type=float, callback=_number, help="Training hours the staff can absorb per period (default: the profile's training hours).")
@click.option("--method", type=click.Choice(["auto", "exact", "heuristic"]), default="auto", show_default=True)
@click.option("--beyond-targets", is_flag=True, help="Also plan stages above each domain's target.")
@click.option("--json", "json_", is_flag=True, help="Print JSON (schema: maturity schema roadmap).")
@pass_session
def roadmap(session: Session, answers_path: Path | None, org: str | None, periods: int, budget: float | None,
            budget_per_period: float | None, hours_per_period: float | None, training_per_period: float | None,
            method: str, beyond_targets: bool, json_: bool) -> None:
    """A plan over several quarters within the budget and staff time, prerequisites first."""
    from ..common.formatting import hours, money, paid_hours
    from ..planning.explain import year_words
    from ..planning.explain import names
    from ..planning.service import MAX_PERIODS

    if not 1 <= periods <= MAX_PERIODS:
        raise click.BadParameter(f"a roadmap plans 1 to {MAX_PERIODS} periods, not {periods}", param_hint="--periods")
    catalog, result = _plan(session, answers_path, org, periods=periods, budget=budget, budget_per_period=budget_per_period,
                            hours_per_period=hours_per_period, training_per_period=training_per_period, method=method,
                            beyond_targets=beyond_targets)
    plan = result.roadmap
    session.warn()
    if json_:
        echo_json(plan.model_dump(mode="json"))
        return
    cur = plan.currency
    from ..common.termtext import shown

    title = f"Roadmap for {shown(result.answer_file.profile.name) or 'your business'}: {periods} quarters"
    echo(title)
    echo("=" * min(len(title), 100))
    echo(_wrap("The plan works with " + _limits(plan.money_held, (plan.hours_per_period, plan.training_hours_per_period)) + ".", ""))
    if plan.gap is None or plan.gap >= SHOWN_GAP:  # a plan within a hair of the best says nothing of it
        echo(_wrap(f"The plan: {plan.method_note}.", ""))
    for note in plan.assumptions + plan.notes:
        echo(_wrap(note, ""))
    if plan.beyond_target:
        echo(_beyond_hint("roadmap", plan.beyond_target))
    if plan.in_progress:
        echo(_wrap("Already funded or in progress: " + names(catalog, plan.in_progress) + ".", ""))
    _baseline(plan)
    for period in plan.periods:
        spent = f"{money(period.cost, cur)}"
        if period.running:
            spent += f", of which {money(period.running, cur)} running costs"
        work = f"{hours(period.staff_hours)} of staff time"
        if period.help_hours >= 0.5:
            work += f" and {paid_hours(period.help_hours)} of outside help ({money(period.help_cost, cur)})"
        echo(f"\nQuarter {period.number}  ({spent}; {work})")
        if period.pace_words():
            echo(_wrap(period.pace_words() + ".", "   "))
        if not period.items and not period.continuing:
            echo("   nothing fits")
        for cid in period.continuing:
            share = next((i.share_by_period.get(period.number, 0.0) for p in plan.periods for i in p.items if i.id == cid), 0.0)
            note = "continued" if share > 1e-6 else "waits this quarter for room, and goes on after"
            echo(_wrap(f"… {catalog.capabilities[cid].name} ({note})", "   "))
        for item in period.items:
            runs = f", complete in quarter {item.finishes}" if item.finishes > period.number else ""
            after = f"; after {names(catalog, item.requires)}" if item.requires else ""
            money_part = f"{money(item.one_off, cur)} one-off" + (f" + {money(item.yearly, cur)} a year" if item.yearly else "")
            helped = f", of which {hours(item.help_hours)} of outside help" if item.help_hours >= 0.5 else ""
            worth = f"; worth about {money(item.value, cur)} a year" if item.value > 0 else ""
            echo(_wrap(f"{item.name}  [{money_part}, {hours(item.hours)}{helped}{runs}{worth}]{after}", "   - "))
            if item.to_finish:
                echo(_wrap(item.to_finish[:1].upper() + item.to_finish[1:], "     "))
    echo(f"\nTotal: {money(plan.total_cost, cur)} over {periods} quarters"
               + (f", of {money(plan.budget_total, cur)}." if plan.budget_total is not None else "."))
    for line in year_words(plan.year, cur):
        echo(_wrap(line, ""))
    for title, items in (("Next in line:", plan.next_in_line), ("Cannot fit this plan:", plan.cannot_fit),
                         ("Not worth its cost for now:", plan.not_worth)):
        if items:
            echo(title)
            for line in listed([f"{item.name}: {item.why_not}." for item in items], 8):
                echo(_wrap(line, "   - "))


def listed(lines: list[str], limit: int) -> list[str]:
    """`lines` whole, or the first `limit` of them and "and N more"."""
    if len(lines) <= limit + 1:
        return lines
    return lines[:limit] + [f"and {len(lines) - limit} more (the roadmap's JSON lists them all)"]
