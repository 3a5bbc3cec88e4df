"""`maturity invest …`: investments, their costs, benefits, KPI measurements and ROI."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import click

from .context import Session, pass_session
from .output import SCHEMA_VERSION, echo, echo_json, with_version, wrapped
from .root import cli
from .stores import catalog_or_none, opened_store, pick_org

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Store

DATE = click.DateTime(formats=["%Y-%m-%d"])
COST_KIND_NAMES = {"one-off": "one_off", "yearly": "yearly", "hours": "internal_hours"}


class _Amount(click.ParamType):
    """A number of money or hours: a float no larger than anything a business plans, so that
    1e308 is refused here rather than overflowing a sum later (a sign and infinity are the
    store's to refuse, with its own words)."""

    name = "amount"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        import math

        from ..common.formatting import MAX_AMOUNT

        number = click.FLOAT.convert(value, param, ctx)
        if math.isfinite(number) and abs(number) > MAX_AMOUNT:
            from ..common.errors import UsageError

            what = param.opts[0] if param is not None and isinstance(param, click.Option) else "the amount"
            raise UsageError(f"{what} must be at most {MAX_AMOUNT:,.0f}, not {number:g}: no business plans that much")
        return number


AMOUNT = _Amount()


def _day(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _past(value: dt.datetime | None, what: str) -> dt.date:
    """The day of `--on` (today when not given), refused when it is still to come: what is
    recorded happened, and a day to come would be left out of every figure until then."""
    from ..common.errors import UsageError

    today = dt.date.today()
    day = _day(value) or today
    if day > today:
        raise UsageError(f"--on {day.isoformat()} is in the future: record {what} on or after the day it happens "
                         f"(today is {today.isoformat()})")
    return day


#: every command that acts on one organisation's investments takes --org the same way
ORG_OPTION = click.option("--org", help="The organisation (needed when the database holds several; "
                                        "with an investment ID, checked against it).")


def _owned(store: Store, investment_id: int, org: str | None) -> None:
    """With --org, investment ID must be that organisation's."""
    if not org:
        return
    from ..common.errors import UsageError

    name = store.get_org(org).name
    owner = store.get_investment(investment_id).org
    if owner != name:
        raise UsageError(f"investment #{investment_id} is {owner}'s, not {name}'s")


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
@click.option("--cost", "planned_cost", type=AMOUNT, help="Planned cost, in the profile's currency (default: the capability's estimate).")
@click.option("--start", type=DATE, help="Start date (YYYY-MM-DD).")
@click.option("--end", type=DATE, help="Planned end date (YYYY-MM-DD).")
@click.option("--kpi", default=None, help="The KPI to watch, e.g. \"invoice cycle time\" (default: the capability's first KPI).")
@click.option("--unit", default="", help="The KPI's unit, e.g. days or %.")
@click.option("--baseline", type=float, help="The KPI's value before the investment.")
@click.option("--target", type=float, help="The KPI value aimed for.")
@click.option("--target-date", type=DATE, help="When the target should be reached.")
@click.option("--hourly-rate", type=AMOUNT, help="Cost of one internal hour, to count recorded hours as money.")
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
    from ..store.errors import Duplicate

    with opened_store(session) as store:
        name = pick_org(store, org)
        if not force:
            _check_applies(store, name, capability, cap.name)
        try:
            new_id = store.add_investment(
                name, capability, planned_cost, _day(start), _day(end), kpi=kpi, baseline=baseline, target=target,
                notes=notes, unit=unit, target_on=_day(target_date), hourly_rate=hourly_rate, only_open=not force,
            )
        except Duplicate as exc:  # checked inside the write, so two at once cannot both pass
            ids = ", ".join(f"#{i}" for i in exc.ids)
            raise UsageError(
                f"{name} already has an open investment in {cap.name} ({ids}); change it with `maturity invest edit "
                f"{exc.ids[0]}`, or add --force to record a second one"
            ) from None
    echo(f"Recorded investment #{new_id} in {catalog.capabilities[capability].name} for {name}.")


def _check_applies(store: Store, org: str, capability: str, cap_name: str) -> None:
    """Refuse (without --force) an investment in a capability the organisation's last
    assessment found not to apply."""
    from ..common.errors import UsageError

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
@click.option("--cost", "planned_cost", type=AMOUNT, help="Planned cost.")
@click.option("--start", type=DATE, help="Start date (YYYY-MM-DD).")
@click.option("--end", type=DATE, help="Planned end date (YYYY-MM-DD).")
@click.option("--kpi", default=None, help="The KPI to watch.")
@click.option("--unit", default=None, help="The KPI's unit.")
@click.option("--baseline", type=float, help="The KPI's value before the investment.")
@click.option("--target", type=float, help="The KPI value aimed for.")
@click.option("--target-date", type=DATE, help="When the target should be reached.")
@click.option("--hourly-rate", type=AMOUNT, help="Cost of one internal hour.")
@click.option("--notes", default=None, help="Free text (replaces the notes).")
@ORG_OPTION
@pass_session
def invest_edit(session: Session, investment_id: int, planned_cost: float | None, start: dt.datetime | None, end: dt.datetime | None,
                kpi: str | None, unit: str | None, baseline: float | None, target: float | None, target_date: dt.datetime | None,
                hourly_rate: float | None, notes: str | None, org: str | None) -> None:
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
        _owned(store, investment_id, org)
        inv = store.edit_investment(investment_id, **changes)
    echo(f"Changed investment #{inv.id} of {inv.org}: {', '.join(sorted(changes))}.")


@invest.command("close", short_help="Mark an investment finished.")
@click.argument("investment_id", metavar="ID", type=int)
@click.option("--on", "on", type=DATE, help="The day it was finished (default today).")
@click.option("--reopen", is_flag=True, help="Mark it running again.")
@ORG_OPTION
@pass_session
def invest_close(session: Session, investment_id: int, on: dt.datetime | None, reopen: bool, org: str | None) -> None:
    """Mark investment ID finished (costs and measurements can still be recorded)."""
    day = None if reopen else _past(on, "its end")
    with opened_store(session) as store:
        _owned(store, investment_id, org)
        inv = store.close_investment(investment_id, day)
    echo(f"Investment #{inv.id} of {inv.org} " + (f"closed on {day.isoformat()}." if day else "is running again."))


@invest.command("withdraw", short_help="Withdraw an investment recorded by mistake.")
@click.argument("investment_id", metavar="ID", type=int)
@click.option("--reason", default="", help="Why, e.g. \"recorded twice\".")
@ORG_OPTION
@pass_session
def invest_withdraw(session: Session, investment_id: int, reason: str, org: str | None) -> None:
    """Withdraw investment ID (a duplicate, a mistake): kept, but left out of lists and ROI.
    `maturity invest restore ID` undoes it."""
    with opened_store(session) as store:
        _owned(store, investment_id, org)
        inv = store.withdraw_investment(investment_id, reason)
    echo(f"Withdrew investment #{inv.id} of {inv.org}; `maturity invest restore {inv.id}` undoes it.")


@invest.command("restore", short_help="Restore a withdrawn investment.")
@click.argument("investment_id", metavar="ID", type=int)
@ORG_OPTION
@pass_session
def invest_restore(session: Session, investment_id: int, org: str | None) -> None:
    """Bring withdrawn investment ID back."""
    with opened_store(session) as store:
        _owned(store, investment_id, org)
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
    catalog = catalog_or_none(session) if investments else None
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
@ORG_OPTION
@pass_session
def invest_show(session: Session, investment_id: int, as_of: dt.datetime | None, json_: bool, org: str | None) -> None:
    """KPI progress, maturity progress, ROI and payback of investment ID."""
    from ..history import investment_report

    with opened_store(session, readonly=True) as store:
        _owned(store, investment_id, org)
        inv = store.get_investment(investment_id)
        done = store.assessments(inv.org, with_answers=False)
    report = investment_report(inv, done, as_of=_day(as_of), catalog=catalog_or_none(session))
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
@click.argument("amount", type=AMOUNT)
@click.option("--kind", type=click.Choice(list(COST_KIND_NAMES)), default="one-off", show_default=True,
              help="one-off money, yearly money (recurs every year from --on), or internal hours.")
@click.option("--on", "on", type=DATE, help="The day (default today).")
@click.option("--note", default="", help="Free text.")
@ORG_OPTION
@pass_session
def invest_cost(session: Session, investment_id: int, amount: float, kind: str, on: dt.datetime | None, note: str,
                org: str | None) -> None:
    """Record an actual cost of investment ID: AMOUNT money, or hours with --kind hours."""
    day = _past(on, "a cost")
    from ..common.formatting import money

    with opened_store(session) as store:
        _owned(store, investment_id, org)
        store.record_cost(investment_id, COST_KIND_NAMES[kind], amount, day, note)  # type: ignore[arg-type]
        currency = _currency_of(store.assessments(store.get_investment(investment_id).org, with_answers=False))
    what = f"{amount:g} internal hours" if kind == "hours" else f"a {kind} cost of {money(amount, currency)}"
    echo(f"Recorded {what} on {day.isoformat()} for investment #{investment_id}.")


@invest.command("measure", short_help="Record a KPI measurement.", context_settings={"ignore_unknown_options": True})
@click.argument("investment_id", metavar="ID", type=int)
@click.argument("value", type=float)
@click.option("--on", "on", type=DATE, help="The day (default today).")
@click.option("--note", default="", help="Free text.")
@ORG_OPTION
@pass_session
def invest_measure(session: Session, investment_id: int, value: float, on: dt.datetime | None, note: str,
                   org: str | None) -> None:
    """Record a KPI measurement of investment ID."""
    day = _past(on, "a measurement")
    with opened_store(session) as store:
        _owned(store, investment_id, org)
        store.record_measurement(investment_id, value, day, note)
    echo(f"Recorded KPI value {value:g} on {day.isoformat()} for investment #{investment_id}.")


@invest.command("benefit", short_help="Record money gained or saved.", context_settings={"ignore_unknown_options": True})
@click.argument("investment_id", metavar="ID", type=int)
@click.argument("amount", type=AMOUNT)
@click.option("--on", "on", type=DATE, help="The day (default today).")
@click.option("--note", default="", help="Free text, e.g. how it was estimated.")
@ORG_OPTION
@pass_session
def invest_benefit(session: Session, investment_id: int, amount: float, on: dt.datetime | None, note: str,
                   org: str | None) -> None:
    """Record money gained or saved thanks to investment ID."""
    day = _past(on, "a benefit")
    from ..common.formatting import money

    with opened_store(session) as store:
        _owned(store, investment_id, org)
        store.record_benefit(investment_id, amount, day, note)
        currency = _currency_of(store.assessments(store.get_investment(investment_id).org, with_answers=False))
    echo(f"Recorded a benefit of {money(amount, currency)} on {day.isoformat()} for investment #{investment_id}.")


@invest.command("link", short_help="Pin the assessments before and after.", context_settings={"ignore_unknown_options": True})
@click.argument("investment_id", metavar="ID", type=int)
@click.option("--before", type=int, help="The assessment before the investment.")
@click.option("--after", type=int, help="The assessment after it.")
@ORG_OPTION
@pass_session
def invest_link(session: Session, investment_id: int, before: int | None, after: int | None, org: str | None) -> None:
    """Pin the assessments before and after investment ID (otherwise found from its dates)."""
    with opened_store(session) as store:
        _owned(store, investment_id, org)
        store.link_assessments(investment_id, before, after)
    echo(f"Investment #{investment_id}: before {('#' + str(before)) if before else 'from dates'}, "
               f"after {('#' + str(after)) if after else 'from dates'}.")
