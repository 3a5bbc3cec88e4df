"""Test fixtures for plugin authors: a pytest plugin, loaded by pytest wherever maturity is
installed (the ``pytest11`` entry point ``maturity``).

Name the plugin under test in your pytest configuration (entry-point or module names)::

    [tool.pytest.ini_options]
    maturity_plugins = ["retail"]

and use the fixtures:

``maturity_catalog``
    a :class:`maturity.catalog.Catalog` with the built-in domains and the plugins under test;
    anything wrong with them raises (they are named, as with ``MATURITY_LOAD_PLUGINS``).
``maturity_answers``
    an answer-file builder: ``maturity_answers(answers={...}, fill="worst", **profile)``
    writes a file and returns its path.
``maturity_run``
    runs ``maturity ARGS`` in-process with the plugins under test loaded, the per-user folders
    and the database in a temporary folder: ``maturity_run("recommend", "--answers", path)``
    returns click's ``Result`` (``exit_code``, ``stdout``, ``stderr``).

None of them changes anything unless a test asks for it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

import pytest

if TYPE_CHECKING:  # pragma: no cover
    from click.testing import Result

    from .catalog import Catalog

INI = "maturity_plugins"
ENV_VARS = ("MATURITY_LOAD_PLUGINS", "MATURITY_QUESTIONNAIRES", "MATURITY_DB", "MATURITY_TRACE_HOOKS")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(INI, "maturity plugins under test (entry-point or module names)", type="linelist", default=[])


@pytest.fixture
def maturity_plugins(request: pytest.FixtureRequest) -> list[str]:
    """The plugins under test: the ``maturity_plugins`` setting (override this fixture to
    choose per test)."""
    names = [n.strip(" ,") for n in request.config.getini(INI) if n.strip(" ,")]
    if not names:
        pytest.fail(
            "no maturity plugin under test: set maturity_plugins in your pytest configuration, "
            'e.g. [tool.pytest.ini_options] maturity_plugins = ["retail"]',
            pytrace=False,
        )
    return names


@pytest.fixture
def maturity_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory, maturity_plugins: list[str]) -> dict[str, str]:
    """The environment the other fixtures use: the plugins under test named in
    ``MATURITY_LOAD_PLUGINS``, and the per-user folders and database in a temporary folder."""
    home = tmp_path_factory.mktemp("maturity-home")
    for name in ENV_VARS:
        monkeypatch.delenv(name, raising=False)
    env = {
        "MATURITY_LOAD_PLUGINS": ",".join(maturity_plugins),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "MATURITY_DB": str(home / "maturity.db"),
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return env


@pytest.fixture
def maturity_catalog(maturity_env: dict[str, str]) -> Catalog:
    """The built-in domains and the plugins under test, in one catalog."""
    from .catalog import build_catalog
    from .plugins import load_plugins

    plugins = load_plugins(env=maturity_env, user_dir=None)
    catalog = build_catalog(plugins)
    if plugins.failures:
        pytest.fail("\n".join(plugins.failures), pytrace=False)
    return catalog


class AnswerBuilder:
    """Writes answer files for tests: ``build(answers={...}, fill=None, **profile)``.

    ``fill="best"`` or ``"worst"`` first answers every question of the catalog with the option
    (or number) earning the most or the least credit; ``answers`` then sets single questions
    (``{"retail.pos.q": "yes"}``); keyword arguments are ``[profile]`` fields
    (``industry="retail"``, ``goals={"security": 3}``, ``facts=["data:card"]``).
    """

    def __init__(self, catalog: Catalog, folder: Path) -> None:
        self.catalog = catalog
        self.folder = folder
        self.count = 0

    def __call__(self, answers: dict[str, Any] | None = None, *, fill: str | None = None, **profile: Any) -> Path:
        values: dict[str, Any] = {}
        if fill is not None:
            if fill not in ("best", "worst"):
                raise ValueError(f"fill is 'best' or 'worst', not {fill!r}")
            for qid, (question, _) in self.catalog.questions.items():
                value = _extreme(question, best=fill == "best")
                if value is not None:
                    values[qid] = value
        for qid in answers or {}:
            if qid not in self.catalog.questions:
                raise KeyError(f"no question {qid!r} in the catalog")
        values.update(answers or {})
        lines = ["[profile]"]
        lines += [f"{key} = {_toml(value)}" for key, value in {"name": "Test business", **profile}.items()]
        lines += ["", "[answers]"]
        lines += [f"{json.dumps(qid)} = {_toml(value)}" for qid, value in values.items()]
        self.count += 1
        path = self.folder / f"answers-{self.count}.toml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path


def _extreme(question: Any, *, best: bool) -> Any:
    if question.type in ("single", "yes_no") and question.options:
        pick = max if best else min
        return pick(question.options, key=lambda o: o.credit).id
    if question.type == "yes_no":
        return "yes" if best else "no"
    if question.type == "multi":
        return [o.id for o in question.options if o.credit > 0] if best else []
    if question.type == "number" and question.thresholds:
        top = max(question.thresholds, key=lambda t: (t.credit, -t.at_least))
        return top.at_least if best else 0
    return None


def _toml(value: Any) -> str:
    """A TOML value for the plain data answer files hold."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {value!r} to an answer file")


@pytest.fixture
def maturity_answers(maturity_catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> AnswerBuilder:
    """An answer-file builder over ``maturity_catalog`` (see :class:`AnswerBuilder`)."""
    return AnswerBuilder(maturity_catalog, tmp_path_factory.mktemp("maturity-answers"))


@pytest.fixture
def maturity_run(maturity_env: dict[str, str]) -> Iterator[Callable[..., Result]]:
    """Run ``maturity ARGS`` in-process: ``maturity_run(*args, input=None, env=None)``."""
    from click.testing import CliRunner

    from .cli import cli

    def run(*args: Any, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(cli, [str(a) for a in args], input=input, env={**maturity_env, **(env or {})}, prog_name="maturity")

    yield run
