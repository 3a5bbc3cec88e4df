"""Helpers for driving the terminal app in tests: a fixed clock, a ready app, seeded data."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from pathlib import Path
from typing import Any, Awaitable, Callable

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from maturity.catalog import Catalog, build_catalog
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.profile import Goal, Profile
from maturity.plugins import DirectoryPlugin, Plugins
from maturity.assessment.scoring import score
from maturity.store import Store, open_store
from maturity.tui.app import MaturityApp, create_app

TESTS = Path(__file__).resolve().parent.parent
MINI = TESTS / "fixtures" / "mini"
TODAY = dt.date(2026, 5, 9)
UTC = dt.timezone.utc


def run(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """Run an async test in its own event loop (no async plugin needed); fixtures still work."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


def at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 12, tzinfo=UTC)


def catalog_from(*folders: Path) -> Catalog:
    """A catalog of the TOML questionnaires in `folders` only (no installed plugins)."""
    plugins = Plugins()
    for folder in folders:
        name = f"dir:{folder}"
        plugins.strict.add(name)
        plugins.add(DirectoryPlugin(folder), name, module=str(folder), version="", source="directory")
    return build_catalog(plugins)


def make_app(catalog: Catalog, db: Path, **kwargs: Any) -> MaturityApp:
    return create_app(catalog=catalog, db=str(db), today=lambda: TODAY, **kwargs)


#: How long the app may take to do what it does in the background before a test gives up. Far
#: longer than anything takes on a busy machine: it only turns a hang into a failure.
PATIENCE = 120.0


def busy(app: App[object]) -> list[str]:
    """What the app is still doing on its own: workers loading, and flows between screens that
    are not waiting for the user's answer to a dialog."""
    running = [w for w in app.workers if not w.is_finished]
    out = [f"worker {w.name or w.group}" for w in running if w.group != "flow"]
    flows = [w for w in running if w.group == "flow"]
    if len(flows) > getattr(app, "asking", 0):
        out.append("the flow between screens")
    return out


async def settle(pilot: Pilot, rounds: int = 3) -> None:
    """Wait until the app has done everything it does without the user: every worker finished
    (one may start another, as the start screen starts the questionnaires loading), every flow
    between screens shown its dialog or screen, every queued answer stored, and every message
    these led to handled (`rounds` passes in a row with nothing left).

    Nothing here waits for a length of time: only for the app's own state."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + PATIENCE
    quiet = 0
    while quiet < rounds:
        await pilot.pause(0)  # every message queued so far handled, and the screen updated
        doing = busy(app)
        assert loop.time() < deadline, f"the app is still busy: {', '.join(doing)}"
        loading = [w for w in app.workers if not w.is_finished and w.group != "flow"]
        if loading:
            quiet = 0
            try:
                await app.workers.wait_for_complete(loading)
            except WorkerCancelled:
                # a worker whose screen closed meanwhile (a dialog that dismisses itself from
                # its own worker): it is over, which is all this waits for
                pass
        elif doing:
            quiet = 0
            # a flow is in a background step (reading the database): let it get on
            await asyncio.sleep(0.001)
        else:
            if isinstance(app, MaturityApp) and app.workspace is not None and not app.workspace.writer.flush():
                raise AssertionError("the store writer did not finish")
            quiet += 1


async def wait_until(pilot: Pilot, done: Callable[[], bool], timeout: float = PATIENCE) -> None:
    """Settle until `done()` holds: for a state the app reaches by itself (a problem screen
    after a failed load, say). Fails after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    await settle(pilot, rounds=1)
    while not done():
        assert loop.time() < deadline, "timed out waiting for the app"
        await asyncio.sleep(0.001)
        await settle(pilot, rounds=1)
    await settle(pilot)  # and let what arrived be drawn


def profile(name: str = "Acme", **extra: Any) -> Profile:
    data: dict[str, Any] = {
        "name": name, "industry": "retail", "size": 12, "budget": 20000.0, "training_hours": 200.0,
        "goals": {"security": Goal(weight=8), "operations": Goal(weight=5, target="Invoices out in a day")},
    }
    data.update(extra)
    return Profile(**data)


def seed_history(db: Path, catalog: Catalog, org: str = "Acme") -> list[int]:
    """Two completed assessments of `org` a season apart, the second better. The business aims
    at Intermediate in both mini domains, so that there is something left to recommend, and
    says what its goals are worth a year: the mini questionnaires carry no value figures, and
    the planner leaves out a step worth less than it costs."""
    aims = {"alpha": "intermediate", "beta": "intermediate"}
    goals = {"security": Goal(weight=8, worth=24000), "operations": Goal(weight=5, target="Invoices out in a day", worth=12000)}
    first = AnswerFile(
        profile=profile(org, targets=aims, goals=goals), questionnaires=catalog.versions(),
        answers={"al.one.q": Answer(answer="some"), "al.two.q": Answer(answer="no"), "be.base.q": Answer(answer=["b"])},
    )
    second = AnswerFile(
        profile=profile(org, targets=aims, goals=goals), questionnaires=catalog.versions(),
        answers={
            "al.one.q": Answer(answer="all", note="Checked with the [bold red]office manager[/]"),
            "al.two.q": Answer(answer="no"),
            "al.three.q": Answer(dont_know=True),
            "be.base.q": Answer(answer=["b", "c"]),
        },
    )
    with open_store(db) as store:
        ids = [
            store.save_completed(org, af, score(catalog, af), catalog.versions(), {"maturity": "0.1.0"}, completed=when)
            for af, when in ((first, at(2025, 11, 3)), (second, at(2026, 2, 16)))
        ]
    return ids


def stored(db: Path) -> Store:
    return open_store(db)


def screen_text(app: MaturityApp) -> str:
    """What the terminal shows, as plain text."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), record=True, legacy_windows=False,
                      color_system=None, force_terminal=False)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False)


def start_draft(db: Path, catalog: Catalog, org: str = "Acme", answers: dict[str, Answer] | None = None,
                position: str | None = None, **profile_fields: Any) -> int:
    """An organisation with an open draft (and the answers given so far)."""
    with open_store(db) as store:
        draft_id = store.start_draft(org, profile(org, **profile_fields), catalog.versions(), from_previous=False)
        for qid, answer in (answers or {}).items():
            store.save_answer(draft_id, qid, answer)
        if position:
            store.set_position(draft_id, position)
    return draft_id
