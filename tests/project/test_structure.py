"""The shape of the source: no import cycle between any two modules, no module over 500 lines,
and the map at the top of CONTRIBUTING.md naming exactly the packages there are.

The layers themselves (each package imports only from those below it, the core never imports
click or Textual) are import-linter contracts in pyproject.toml, run by
tests/project/test_import_hygiene.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import grimp
import pytest

import maturity

PACKAGE = Path(maturity.__file__).parent
SRC = PACKAGE.parent
REPO = SRC.parent
MAX_LINES = 500


def import_graph() -> dict[str, set[str]]:
    """Module -> the modules of maturity it imports, anywhere in it: at the top, inside
    functions and under ``if TYPE_CHECKING`` (an import for annotations is still a
    dependency); a package's ``__init__`` counts as the package."""
    graph = grimp.build_graph("maturity", include_external_packages=False, exclude_type_checking_imports=False, cache_dir=None)
    return {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm), each
    sorted, and every module that imports itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(start: str) -> None:
        nonlocal counter
        work = [(start, iter(sorted(edges.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1 or node in edges.get(node, ()):
                        found.append(sorted(component))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return sorted(found)


def test_the_cycle_finder_finds_a_cycle_and_nothing_else() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": {"e"}, "f": set()}
    assert cycles(edges) == [["a", "b", "c"], ["e"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_the_graph_sees_imports_in_functions_and_for_annotations() -> None:
    edges = import_graph()
    # imported inside a function (the store is opened only when a command needs it)
    assert "maturity.store" in edges["maturity.cli.context"] or any(
        m.startswith("maturity.store") for m in edges["maturity.report.data"]
    )
    # the contract's hooks name the models they pass only for annotations
    assert "maturity.contract.profile" in edges["maturity.contract.hooks"]


def test_no_import_cycle_between_modules() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles (each line one circle of modules):\n" + "\n".join(" <-> ".join(c) for c in found)


def python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_no_module_over_500_lines() -> None:
    over = {
        p.relative_to(REPO).as_posix(): n
        for p in python_files()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert python_files() and not over, f"modules over {MAX_LINES} lines: {over}"


# --------------------------------------------------------------------------------------------
# the map in CONTRIBUTING.md
# --------------------------------------------------------------------------------------------


def packages() -> set[str]:
    """Every package under src/maturity, as a dotted name (``maturity.tui.screens``)."""
    return {
        ".".join(init.parent.relative_to(SRC).parts)
        for init in SRC.rglob("__init__.py")
        if "__pycache__" not in init.parts
    }


def mapped_packages() -> list[str]:
    """The packages the map at the top of CONTRIBUTING.md names, one table row each, written
    as a path (`src/maturity/planning/`)."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("\n## ", 2)[1]
    assert section.startswith("The line"), "CONTRIBUTING.md opens with the map of the packages"
    return [
        ".".join(Path(path).parts[1:])
        for path in re.findall(r"^\| `(src/maturity(?:/[a-z_]+)*)/` \|", section, flags=re.M)
    ]


def test_the_map_names_every_package_once_and_nothing_else() -> None:
    named = mapped_packages()
    assert len(named) == len(set(named)), "a package is named twice in the map"
    assert set(named) - packages() == set(), "the map names packages that do not exist"
    assert packages() - set(named) == set(), "packages missing from the map in CONTRIBUTING.md"


@pytest.mark.parametrize(
    "name",
    [
        # the names docs/plugins.md and docs/result-json.md give plugin authors
        "maturity.hookimpl",
        "maturity.CONTRACT_VERSION",
        "maturity.load_answers",
        "maturity.load_catalog",
        "maturity.score",
        "maturity.contract.hookimpl",
        "maturity.contract.Adjustment",
        "maturity.contract.Benchmark",
        "maturity.contract.CapabilityOverride",
        "maturity.contract.DomainScore",
        "maturity.contract.Profile",
        "maturity.contract.Questionnaire",
        "maturity.contract.Result",
        "maturity.contract.ScoringStrategy",
        "maturity.contract.SIZE_BANDS",
        "maturity.cli.pass_session",
        "maturity.cli.cli",
        "maturity.errors.MaturityError",
        "maturity.catalog.Catalog",
        "maturity.catalog.build_catalog",
        "maturity.plugins.load_plugins",
        "maturity.plugins.report_formats",
        "maturity.models.Profile",
        "maturity.models.Questionnaire",
        "maturity.models.Result",
        "maturity.store.open_store",
        "maturity.history.history",
        "maturity.history.diff",
        "maturity.history.investment_report",
        "maturity.testing.maturity_catalog",
    ],
)
def test_the_names_given_to_plugin_authors_stay_importable(name: str) -> None:
    import importlib

    module, _, attr = name.rpartition(".")
    assert getattr(importlib.import_module(module), attr) is not None
