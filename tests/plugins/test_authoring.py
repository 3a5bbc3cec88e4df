"""Writing a plugin: `maturity plugins new`, the fixtures maturity ships for plugin tests
(maturity.testing, a pytest plugin), the recipe in docs/plugins.md and the sample plugin
plugins/maturity-healthcare, each run here with pytester as an author would run them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import highspy._core  # noqa: F401 - loaded here once: pytester's in-process runs cannot load it again
from conftest import assert_bad_input

REPO = Path(__file__).resolve().parents[2]
HEALTHCARE = REPO / "plugins" / "maturity-healthcare"
DOCS = REPO / "docs" / "plugins.md"


def install_source_tree(pytester: pytest.Pytester, folder: Path, module: str, entry_point: str) -> None:
    """Make a src-layout plugin importable and its entry point visible, as `pip install -e`
    would, for this process."""
    pytester.syspathinsert(folder / "src")
    site = pytester.path.parent / f"{pytester.path.name}-site"
    info = site / f"{module}-1.0.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0.0\n")
    (info / "entry_points.txt").write_text(f"[maturity]\n{entry_point} = {module}\n")
    pytester.syspathinsert(site)


def run_inner(pytester: pytest.Pytester) -> pytest.RunResult:
    """Run pytest in this process on pytester's folder, as an author runs `pytest` in theirs
    (without the snapshot plugins of this suite, which keep state per process)."""
    return pytester.runpytest_inprocess("-p", "no:textual-snapshot", "-p", "no:syrupy", "-p", "no:cacheprovider")


def recipe(name: str) -> str:
    """The code block under ``<!-- recipe: NAME -->`` in docs/plugins.md."""
    text = DOCS.read_text(encoding="utf-8")
    match = re.search(rf"<!-- recipe: {re.escape(name)} -->\s*```\w*\n(.*?)```", text, re.S)
    assert match, f"docs/plugins.md has no recipe {name!r}"
    return match.group(1)


# --------------------------------------------------------------------------------------------
# maturity plugins new
# --------------------------------------------------------------------------------------------


def test_the_scaffold_passes_its_own_tests_once_its_placeholder_is_written(pytester: pytest.Pytester, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from maturity.cli import cli

    target = tmp_path / "maturity-acme-shops"
    # with the built-in domains (the generated plugin builds on them), so not `run_bare`
    result = CliRunner().invoke(cli, ["plugins", "new", "acme-shops", "--industry", "retail", "--output", str(target)])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
    assert written == [
        "README.md",
        "pyproject.toml",
        "src/maturity_acme_shops/__init__.py",
        "src/maturity_acme_shops/acme-shops-rules.toml",
        "src/maturity_acme_shops/acme-shops.toml",
        "tests/test_maturity_acme_shops.py",
    ]
    for path in target.iterdir():
        if path.is_dir():
            shutil.copytree(path, pytester.path / path.name)
        else:
            shutil.copy(path, pytester.path / path.name)
    install_source_tree(pytester, pytester.path, "maturity_acme_shops", "acme-shops")
    # untouched, the placeholder fails `validate --strict`, so the plugin's strict test fails
    outcome = run_inner(pytester)
    outcome.assert_outcomes(passed=5, failed=1)
    outcome.stdout.fnmatch_lines(["*test_the_content_meets_the_strict_rules*",
                                  "*source is still a placeholder ('TODO: the code, regulation or insurer that says so')*"])
    module = pytester.path / "src" / "maturity_acme_shops" / "__init__.py"
    module.write_text(module.read_text().replace("TODO: the code, regulation or insurer that says so", "Acme Shops' insurer"))
    run_inner(pytester).assert_outcomes(passed=6)


def test_the_scaffold_reads_right_for_any_name_and_says_what_to_edit_next(tmp_path: Path) -> None:
    from maturity.plugins.scaffold import plan_plugin

    files = {p.name: text for p, text in plan_plugin("acme-retail", tmp_path, "retail").items()}
    text = "\n".join(files.values())
    assert not re.search(r"\b[Aa] Acme\b|\ban Acme\b", text)
    assert "applies_to = { industries = [\"retail\"] }" in files["acme-retail.toml"]
    assert 'INDUSTRY = "retail"' in files["__init__.py"] and "profile.industry_id == INDUSTRY" in files["__init__.py"]
    steps = re.search(r"## Next edits\n\n(.*?)\n\n##", files["README.md"], re.S)
    assert steps and re.findall(r"^\d\. `([^`]+)`", steps.group(1), re.M) == [
        "src/maturity_acme_retail/__init__.py", "src/maturity_acme_retail/acme-retail.toml",
        "src/maturity_acme_retail/__init__.py", "tests/test_maturity_acme_retail.py", "pyproject.toml",
    ]


def test_the_sector_rule_follows_the_profile_s_industry_id(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from maturity.catalog import load_catalog
    from maturity.contract.profile import Profile
    from maturity.plugins.scaffold import write_plugin

    write_plugin("acme-retail", tmp_path, industry="retail")
    monkeypatch.syspath_prepend(str(tmp_path / "src"))
    monkeypatch.setenv("MATURITY_LOAD_PLUGINS", "maturity_acme_retail")
    catalog = load_catalog()
    for profile in (Profile(industry_id="retail", industry="corner shop"), Profile(industry="Retail")):
        shop = catalog.for_profile(profile)
        assert shop.is_mandatory("cyber.backups") and "acme-retail" in shop.questionnaires
    other = catalog.for_profile(Profile(industry_id="hospitality", industry="acme-retail"))
    assert "acme-retail" not in other.questionnaires


@pytest.mark.parametrize(
    "name, needle",
    [("Retail", "must be lower-case letters"), ("cyber", "taken by a built-in domain"), ("9lives", "starting with a letter"),
     ("acme-retail", "name the industry plugin 'acme-retail' is for with --industry, one of: agriculture")],
)
def test_the_scaffold_refuses_names_it_cannot_use(run_bare, tmp_path: Path, name: str, needle: str) -> None:
    assert_bad_input(run_bare("plugins", "new", name, "--output", tmp_path / "x"), needle)


def test_the_scaffold_does_not_overwrite_a_folder(run_bare, tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me")
    assert_bad_input(run_bare("plugins", "new", "retail", "--output", tmp_path), "exists and is not empty")
    assert (tmp_path / "mine.txt").read_text() == "keep me"


def test_plugins_without_a_subcommand_still_lists(run) -> None:
    result = run("plugins")
    assert result.exit_code == 0 and result.stdout.startswith("Plugin contract ")


# --------------------------------------------------------------------------------------------
# the docs' recipe and the sample plugin
# --------------------------------------------------------------------------------------------


def test_the_testing_recipe_in_the_docs_runs_as_written(pytester: pytest.Pytester) -> None:
    install_source_tree(pytester, HEALTHCARE, "maturity_healthcare", "healthcare")
    pytester.makefile(".toml", pyproject=recipe("pyproject.toml"))
    pytester.makepyfile(test_recipe=recipe("tests/test_healthcare.py"))
    outcome = run_inner(pytester)
    outcome.assert_outcomes(passed=len(re.findall(r"^def test_", recipe("tests/test_healthcare.py"), re.M)))


def test_the_sample_plugin_passes_its_own_tests(pytester: pytest.Pytester) -> None:
    install_source_tree(pytester, HEALTHCARE, "maturity_healthcare", "healthcare")
    shutil.copy(HEALTHCARE / "pyproject.toml", pytester.path / "pyproject.toml")
    shutil.copytree(HEALTHCARE / "tests", pytester.path / "tests")
    outcome = run_inner(pytester)
    tests = re.findall(r"^def test_", (HEALTHCARE / "tests" / "test_healthcare.py").read_text(), re.M)
    counts = outcome.parseoutcomes()
    # every test ran and passed (a parametrised one counts once per case)
    assert outcome.ret == 0 and counts.get("passed", 0) >= len(tests), counts
    assert not any(counts.get(k) for k in ("failed", "errors", "skipped", "xfailed")), counts


def test_without_a_plugin_named_the_fixtures_say_how_to_name_one(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_x="def test_x(maturity_catalog):\n    pass\n")
    outcome = run_inner(pytester)
    outcome.assert_outcomes(errors=1)
    outcome.stdout.fnmatch_lines(["*no maturity plugin under test: set maturity_plugins*"])


def test_the_answer_builder_fills_and_sets_answers(pytester: pytest.Pytester) -> None:
    install_source_tree(pytester, HEALTHCARE, "maturity_healthcare", "healthcare")
    pytester.makefile(".toml", pyproject='[tool.pytest.ini_options]\nmaturity_plugins = ["healthcare"]\n')
    pytester.makepyfile(
        test_builder='''
import pytest
from maturity.assessment.answers import load_answers


def test_fill(maturity_answers, maturity_catalog):
    path = maturity_answers({"health.exchange.standard": "retyped"}, fill="worst", industry="dental", goals={"security": 3})
    answers = load_answers(path, maturity_catalog)
    assert answers.profile.industry == "dental" and answers.profile.goals["security"].weight == 3
    assert len(answers.answers) == len(maturity_catalog.questions) - sum(
        1 for q, _ in maturity_catalog.questions.values() if q.type == "text")
    assert answers.answers["health.exchange.standard"].answer == "retyped"


def test_unknown_question(maturity_answers):
    with pytest.raises(KeyError, match="no question 'health.nope'"):
        maturity_answers({"health.nope": "x"})
'''
    )
    outcome = run_inner(pytester)
    outcome.assert_outcomes(passed=2)


PROBE = """
import json, sys
from maturity.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


@pytest.mark.parametrize("which", ["scaffold", "healthcare"])
def test_an_installed_plugin_keeps_help_light(tmp_path: Path, which: str) -> None:
    import json
    import os
    import subprocess
    import sys

    from maturity.plugins.scaffold import write_plugin

    if which == "scaffold":
        folder, module, name = tmp_path / "maturity-retail", "maturity_retail", "retail"
        write_plugin("retail", folder)
    else:
        folder, module, name = HEALTHCARE, "maturity_healthcare", "healthcare"
    site = tmp_path / "site"
    info = site / f"{module}-1.0.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0.0\n")
    (info / "entry_points.txt").write_text(f"[maturity]\n{name} = {module}\n")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(folder / "src"), str(site)]),
        "MATURITY_LOAD_PLUGINS": name,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60, check=False)
    loaded = set(json.loads(proc.stderr.strip().splitlines()[-1]))
    assert module in loaded  # the plugin was loaded
    heavy = {m.split(".")[0] for m in loaded} & {"pydantic", "networkx", "textual", "sqlalchemy"}
    assert not heavy, heavy
