"""Startup stays light and the core stays free of the shells.

- ``maturity --help`` imports none of textual, networkx, sqlalchemy (nor pydantic: listing
  commands needs no validation); ``maturity plugins`` (which checks every plugin's content)
  imports neither textual nor sqlalchemy.
- The core (everything but ``maturity.cli`` and ``maturity.tui``) imports neither click nor
  textual, checked by import-linter's contracts in pyproject.toml and by a scan of the source.
- networkx is imported by the graph module only.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import maturity

PACKAGE = Path(maturity.__file__).parent
REPO = Path(__file__).resolve().parents[2]

HEAVY = ("textual", "networkx", "sqlalchemy", "pydantic")
#: The report libraries: only a report imports them.
REPORTING = ("jinja2", "markupsafe", "pygal", "fpdf", "PIL", "fontTools")

PROBE = """
import json, sys
from maturity.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(tmp_path: Path, *args: str) -> set[str]:
    """The modules imported by one run of ``maturity ARGS`` with the built-in plugins only."""
    env = {
        **os.environ,
        "MATURITY_LOAD_PLUGINS": "",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, timeout=60, check=False
    )
    last = proc.stderr.strip().splitlines()[-1]
    return set(json.loads(last))


def roots(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


@pytest.mark.parametrize("args", [("--help",), ("report", "--help")], ids=" ".join)
def test_help_imports_nothing_heavy(tmp_path: Path, args: tuple[str, ...]) -> None:
    loaded = modules_after(tmp_path, *args)
    assert "maturity.cli" in loaded  # the probe did run the command line
    assert roots(loaded).isdisjoint(HEAVY + REPORTING), sorted(roots(loaded) & set(HEAVY + REPORTING))


def test_the_probe_sees_the_report_libraries_when_a_report_is_made(tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text('[profile]\nname = "Probe"\n')
    loaded = roots(modules_after(tmp_path, "--questionnaires", str(REPO / "tests" / "fixtures" / "mini"), "report", "--answers", str(answers), "--format", "html", "-o", str(tmp_path / "r.html")))
    assert {"jinja2", "pygal"} <= loaded


@pytest.mark.parametrize("args", [("plugins",), ("plugins", "--json")], ids=" ".join)
def test_listing_plugins_imports_neither_the_app_nor_the_database(tmp_path: Path, args: tuple[str, ...]) -> None:
    # `plugins` checks each plugin's content (models and graph), so that a broken one is marked
    loaded = modules_after(tmp_path, *args)
    assert "maturity.cli" in loaded
    assert roots(loaded).isdisjoint({"textual", "sqlalchemy"}), sorted(roots(loaded) & {"textual", "sqlalchemy"})


def test_the_probe_sees_heavy_imports_when_there_are_some(tmp_path: Path) -> None:
    # `questionnaires` builds the catalog: pydantic models and the networkx graph
    loaded = roots(modules_after(tmp_path, "--questionnaires", str(REPO / "tests" / "fixtures" / "mini"), "questionnaires"))
    assert {"pydantic", "networkx"} <= loaded


def test_the_postgresql_driver_is_imported_only_for_a_postgresql_database(tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    loaded = roots(modules_after(tmp_path, "--db", db, "db", "status"))
    assert "sqlalchemy" in loaded and "psycopg" not in loaded
    # a server that is not there: the driver is loaded to try it
    assert "psycopg" in roots(modules_after(tmp_path, "--db", "postgresql+psycopg://probe@127.0.0.1:1/none", "db", "status"))


def test_importing_maturity_for_a_plugin_is_light(tmp_path: Path) -> None:
    code = "import json, sys, maturity; from maturity import hookimpl; print(json.dumps(sorted(sys.modules)))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    loaded = roots(set(json.loads(proc.stdout)))
    assert loaded.isdisjoint(HEAVY + ("click",)), sorted(loaded & set(HEAVY + ("click",)))


# --------------------------------------------------------------------------------------------
# the core imports neither click nor textual
# --------------------------------------------------------------------------------------------

SHELLS = ("cli", "tui")


def core_files() -> list[Path]:
    files = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        # testing.py is the pytest plugin for plugin authors: it runs the command line
        if relative.parts[0] in SHELLS or relative.name in ("__main__.py", "testing.py"):
            continue
        files.append(path)
    return files


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, anywhere in it (functions and TYPE_CHECKING blocks too),
    with relative imports resolved against the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ["maturity", *path.relative_to(PACKAGE).parent.parts]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
                found.add(module)
                found.update(f"{module}.{alias.name}" for alias in node.names)
            elif node.module:
                found.add(node.module)
    return found


def test_the_scan_finds_the_core_and_resolves_relative_imports() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in core_files()}
    assert {"contract/questionnaire.py", "catalog/graph.py", "assessment/scoring.py", "plugins/__init__.py", "catalog/build.py"} <= names
    assert not any(n.startswith(("cli/", "tui/")) for n in names)
    assert "maturity.common.errors" in imported_modules(PACKAGE / "catalog" / "build.py")
    assert "networkx" in imported_modules(PACKAGE / "catalog" / "graph.py")


@pytest.mark.parametrize("path", core_files(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_core_module_imports_no_shell(path: Path) -> None:
    bad = {
        m
        for m in imported_modules(path)
        if m.split(".")[0] in ("click", "textual")
        or m.startswith(tuple(f"maturity.{s}" for s in SHELLS))
    }
    assert not bad, f"{path.relative_to(PACKAGE)} imports {sorted(bad)}"


def test_networkx_stays_in_the_graph_module() -> None:
    users = [
        p.relative_to(PACKAGE).as_posix()
        for p in sorted(PACKAGE.rglob("*.py"))
        if any(m.split(".")[0] == "networkx" for m in imported_modules(p))
    ]
    assert users == ["catalog/graph.py"]


def test_import_linter_contracts_are_kept() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    assert Path(exe).exists(), "import-linter is part of the test extra: pip install '.[test]'"
    proc = subprocess.run(
        [exe, "--no-logo", "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "The core imports neither click nor textual KEPT" in proc.stdout
