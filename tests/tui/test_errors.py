"""A broken plugin, questionnaire or database shows a readable message on screen, never a
traceback, and nothing already stored is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity.catalog import build_catalog
from maturity.common.errors import StoreError
from maturity.contract.hooks import hookimpl
from maturity.plugins import DirectoryPlugin, Plugins
from maturity.tui.app import create_app
from maturity.tui.screens.problem import ProblemScreen
from maturity.tui.screens.questionnaire import QuestionnaireScreen

from .test_names import whole
from .tui_support import MINI, TESTS, TODAY, catalog_from, make_app, run, screen_text, settle, start_draft, stored, wait_until


@run
async def test_a_broken_questionnaire_is_explained_on_screen(no_builtins: None, tmp_path: Path) -> None:
    folder = TESTS / "fixtures" / "bad" / "dangling"
    app = create_app(questionnaire_dirs=[str(folder)], db=str(tmp_path / "m.db"), today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ProblemScreen))
        text = screen_text(app)
        assert "gamma.toml" in text and "requires" in text
        assert "Traceback" not in text
        await pilot.press("q")
    assert app.return_code in (0, None)


@run
async def test_a_foreign_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("my notes, not a database\n")
    app = create_app(db=str(db), questionnaire_dirs=[str(MINI)], today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, ProblemScreen))
        assert "is not a maturity database" in screen_text(app)
    assert db.read_text() == "my notes, not a database\n"


@run
async def test_a_failing_write_is_reported_and_the_app_carries_on(catalog, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    start_draft(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)

        def locked(*args: object) -> None:
            raise StoreError("the database is locked by another program")

        monkeypatch.setattr(app.workspace.store, "save_answer", locked)
        await pilot.press("3")
        await settle(pilot)
        # said in a notice over the list of domains (it may wrap there), not over the question
        assert whole(screen_text(app), "the database is locked by another")
        assert app.is_running and isinstance(app.screen, QuestionnaireScreen)
        await pilot.press("1")  # still answering
        assert app.screen.step.question.id == "al.three.q"
    app.shutdown()


class Boom:
    name = "boom"

    def score_domain(self, questionnaire: object, capabilities: object) -> None:
        raise RuntimeError("the boom strategy broke")


class BoomPlugin:
    @hookimpl
    def register_scoring_strategies(self, register):  # type: ignore[no-untyped-def]
        register(Boom())


@run
async def test_a_plugin_whose_strategy_raises_is_left_out_and_the_assessment_finishes(tmp_path: Path) -> None:
    folder = tmp_path / "boom"
    folder.mkdir()
    text = (MINI / "alpha.toml").read_text().replace('prefix = "al"', 'prefix = "al"\nscoring = "boom"')
    text = text.replace('requires = ["al.one", "be.base"]', 'requires = ["al.one"]')
    (folder / "alpha.toml").write_text(text)
    plugins = Plugins()
    plugins.add(DirectoryPlugin(folder), f"dir:{folder}", module=str(folder), version="", source="directory")
    plugins.add(BoomPlugin(), "boom", module=__name__, version="1.0", source="test")
    catalog = build_catalog(plugins)
    db = tmp_path / "m.db"
    start_draft(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("4", "1", "6", "enter")
        await settle(pilot)
        await pilot.press("y")  # finish
        await settle(pilot)
        text = screen_text(app)
        assert "Traceback" not in text and app.is_running
        assert "results" in text  # scored with the built-in strategy instead
    app.shutdown()
    assert plugins.failures == [
        "plugin 'boom' failed in scoring strategy 'boom': RuntimeError: the boom strategy broke; carrying on without it"
    ]


@run
async def test_a_read_only_database_says_so_once_and_marks_the_answer(catalog, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    start_draft(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

        def read_only(*args: object) -> None:
            raise StoreError("cannot write to the database maturity.db: it is read-only")

        monkeypatch.setattr(app.workspace.store, "save_answer", read_only)
        monkeypatch.setattr(app.workspace.store, "set_position", read_only)
        await pilot.press("3", "left")  # an answer, then back to it
        await settle(pilot)
        text = screen_text(app)
        assert "NOT SAVED" in text
        assert len(app._notifications) == 1  # one message for the answer and the position
        assert "it is read-only" in text
        await pilot.press("2")
        await settle(pilot)
        assert len(app._notifications) == 1
    app.shutdown()
    assert app.database_error is not None  # `maturity` then exits with status 1


def test_the_app_exits_with_status_1_after_a_database_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import maturity.tui.app as tui_app

    class Failing:
        database_error = StoreError("cannot write to the database maturity.db: it is read-only")
        crash = None
        return_code = 0

        def run(self) -> None:
            pass

        def shutdown(self) -> None:
            pass

    monkeypatch.setattr(tui_app, "create_app", lambda **kwargs: Failing())

    with pytest.raises(SystemExit) as exited:
        tui_app.run()
    assert exited.value.code == 1


@run
async def test_answers_to_a_questionnaire_no_longer_loaded_are_announced_and_kept(db: Path) -> None:
    from maturity.assessment.models import Answer

    both = catalog_from(MINI, TESTS / "tui" / "fixtures" / "kinds")
    start_draft(db, both, answers={"de.text.q": Answer(answer="In folders"), "al.one.q": Answer(answer="some")})
    app = make_app(catalog_from(MINI), db)  # delta is gone
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        said = " ".join(str(n.message) for n in app._notifications)
        assert "1 answer of this draft belong to delta, not loaded now" in said
        await pilot.press("f")
        await settle(pilot)
        assert "belong to delta" in screen_text(app)
    app.shutdown()
    with stored(db) as store:
        assert store.draft("Acme").answer_file.answers["de.text.q"] == Answer(answer="In folders")  # type: ignore[union-attr]
