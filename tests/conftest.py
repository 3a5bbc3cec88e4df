"""Shared fixtures.

Every test runs with the maturity environment variables cleared and the per-user folders
(config and data) pointing into its own temporary directory, so nothing on the developer's
machine leaks in or is written to.

Most tests use the two small questionnaires in ``tests/fixtures/mini`` and hide the built-in
domains (whose content changes often); tests about the built-ins say so by not using
``no_builtins``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterable

import pytest
from click.testing import CliRunner, Result
from hypothesis import settings

from maturity.catalog import Catalog, build_catalog
from maturity.contract.hooks import hookimpl
from maturity.contract.questionnaire import Questionnaire
from maturity.plugins import DirectoryPlugin, Plugins
from store_support import Database, postgres_server

#: pytester runs the plugin authors' recipes (tests/plugins/test_authoring.py)
pytest_plugins = ["pytester"]

TESTS = Path(__file__).parent
FIXTURES = TESTS / "fixtures"
MINI = FIXTURES / "mini"
BAD = FIXTURES / "bad"
PLUGINS = FIXTURES / "plugins"
DISTS = PLUGINS / "dists"

ENV_VARS = ("MATURITY_LOAD_PLUGINS", "MATURITY_QUESTIONNAIRES", "MATURITY_DB")

#: A small answer file over the mini questionnaires, for tests that save assessments.
ACME_ANSWERS = """
[profile]
name = "Acme Plumbing"

[answers]
"al.one.q" = "some"
"""

# Property tests check behaviour, not speed (that is what bench/ is for): no per-example
# deadline, which a busy machine would otherwise turn into a spurious failure.
settings.register_profile("maturity", deadline=None)
settings.load_profile("maturity")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))


@pytest.fixture
def no_builtins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hide the built-in domain plugins, so that only what a test loads is loaded."""
    import maturity.plugins.loading

    real = maturity.plugins.loading.entry_points

    def without_builtins(**kwargs: Any) -> list[Any]:
        return [
            ep
            for ep in real(**kwargs)
            if getattr(getattr(ep, "dist", None), "name", None) != maturity.plugins.OWN_DISTRIBUTION
        ]

    monkeypatch.setattr(maturity.plugins.loading, "entry_points", without_builtins)


@pytest.fixture
def plugin_path(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the sample plugin modules of tests/fixtures/plugins importable (for MATURITY_LOAD_PLUGINS)."""
    monkeypatch.syspath_prepend(str(PLUGINS))
    return PLUGINS


@pytest.fixture
def install(monkeypatch: pytest.MonkeyPatch, plugin_path: Path) -> Callable[..., None]:
    """Install sample distributions: ``install("sector", "broken")`` puts the ``*.dist-info``
    folders of tests/fixtures/plugins/dists/<name>/ on sys.path, so their entry points are found exactly
    as those of a pip-installed plugin."""

    def _install(*names: str) -> None:
        for name in names:
            folder = DISTS / name
            assert folder.is_dir(), f"no sample distribution {name!r} in {DISTS}"
            monkeypatch.syspath_prepend(str(folder))

    return _install


# --------------------------------------------------------------------------------------------
# the database, on each backend
# --------------------------------------------------------------------------------------------

@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterable[Database]:
    """An empty database of its own for the test, on SQLite and on PostgreSQL (skipped without a
    server, see HOW_TO_RUN_POSTGRES). Tests that use it run once per backend."""
    made: list[str] = []
    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp("db")

        def make(create: bool) -> Database:
            made.append(str(folder / f"test{len(made) + 1}.db") if create else str(folder / f"new{len(made) + 1}" / "m.db"))
            return Database("sqlite", made[-1], make)

        yield make(True)
        return
    server = postgres_server()

    def make_pg(create: bool) -> Database:
        made.append(server.create(create))
        return Database("postgresql", made[-1], make_pg)

    # the server's databases are dropped even when the test fails; the store's own connections
    # are closed by then (or cut off by WITH (FORCE))
    try:
        yield make_pg(True)
    finally:
        for location in made:
            server.drop(location)


# --------------------------------------------------------------------------------------------
# running the command line
# --------------------------------------------------------------------------------------------


@pytest.fixture
def run(no_builtins: None) -> Callable[..., Result]:
    """Run ``maturity ARGS`` in-process with the mini questionnaires loaded (and no built-ins).

    ``run(*args, mini=False, env={...}, input=...)``; the result has ``exit_code``, ``stdout``
    and ``stderr``.
    """
    return _runner(default_dirs=(MINI,))


@pytest.fixture
def run_bare(no_builtins: None) -> Callable[..., Result]:
    """Like ``run`` but loading no questionnaire folder unless the test passes one."""
    return _runner(default_dirs=())


def _runner(default_dirs: Iterable[Path]) -> Callable[..., Result]:
    from maturity.cli import cli

    def invoke(*args: str | Path, dirs: Iterable[Path] | None = None, env: dict[str, str] | None = None, input: str | None = None) -> Result:
        chosen = default_dirs if dirs is None else dirs
        argv: list[str] = []
        for folder in chosen:
            argv += ["--questionnaires", str(folder)]
        argv += [str(a) for a in args]
        return CliRunner().invoke(cli, argv, env=env, input=input, prog_name="maturity")

    return invoke


def assert_bad_input(result: Result, *needles: str) -> str:
    """Exit status 2, exactly one message on stderr containing every needle, no traceback.

    Returns the message so that a test can check more.
    """
    assert result.exit_code == 2, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert isinstance(result.exception, SystemExit), f"crashed with {result.exception!r}"
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, "expected one message on stderr, got:\n" + result.stderr
    message = lines[0]
    assert message.startswith("Error: "), message
    for needle in needles:
        assert needle in message, f"{needle!r} not in {message!r}"
    return message


# --------------------------------------------------------------------------------------------
# building catalogs in the library
# --------------------------------------------------------------------------------------------


class ModelPlugin:
    """A plugin contributing questionnaires built in code."""

    def __init__(self, *questionnaires: Questionnaire) -> None:
        self.questionnaires = questionnaires

    @hookimpl
    def register_questionnaires(self, register: Callable[[Questionnaire], None]) -> None:
        for q in self.questionnaires:
            register(q)


def plugins_for(*sources: Path | Questionnaire | object) -> Plugins:
    """A fresh plugin manager with each source registered: a folder of TOML files, a
    Questionnaire model, or a plugin object or module."""
    plugins = Plugins()
    for number, source in enumerate(sources):
        if isinstance(source, Path):
            name = f"dir:{source}"
            plugins.strict.add(name)
            plugins.add(DirectoryPlugin(source), name, module=str(source), version="", source="directory")
        elif isinstance(source, Questionnaire):
            name = f"model:{source.id}"
            plugins.strict.add(name)
            plugins.add(ModelPlugin(source), name, module=__name__, version="", source="test")
        else:
            name = getattr(source, "__name__", f"plugin{number}")
            plugins.add(source, name, module=name, version="", source="test")
    return plugins


def catalog_of(*sources: Path | Questionnaire | object, check_graph: bool = True) -> Catalog:
    """Build a catalog from folders, questionnaire models and plugins."""
    return build_catalog(plugins_for(*sources), check_graph=check_graph)


@pytest.fixture
def mini() -> Catalog:
    return catalog_of(MINI)


def make_questionnaire(qid: str = "gamma", prefix: str = "ga", scoring: str = "gated", capabilities: list[dict[str, Any]] | None = None, **info: Any) -> Questionnaire:
    """A questionnaire model from plain data: ``capabilities`` as the dicts a TOML file holds."""
    return Questionnaire.model_validate(
        {
            "questionnaire": {"id": qid, "name": qid.title(), "version": "1.0.0", "prefix": prefix, "scoring": scoring, **info},
            "capabilities": capabilities or [],
        }
    )


def yes_no(qid: str, weight: float = 1.0) -> dict[str, Any]:
    return {"id": qid, "text": "Is it so?", "type": "yes_no", "weight": weight}


def scale(qid: str, credits: Iterable[float] = (0.0, 0.33, 0.67, 1.0)) -> dict[str, Any]:
    """A single-choice question with options o0, o1, ... earning the given credits."""
    return {
        "id": qid,
        "text": "How far?",
        "options": [{"id": f"o{i}", "label": f"Option {i}", "credit": c} for i, c in enumerate(credits)],
    }
