"""`maturity plugins new NAME`: a complete plugin distribution for one industry, whose README
lists the edits to make next. Its one placeholder (who says the sector rule holds, marked
``TODO:``) fails `maturity validate --strict`, and so the plugin's own strict test, until it is
replaced; everything else passes as written.

What it writes (for ``NAME`` = ``retail``)::

    maturity-retail/
      pyproject.toml                 the entry point, the maturity range, the tests' settings
      README.md
      src/maturity_retail/__init__.py   the hooks: questionnaire, goal, sector rule, adjustment
      src/maturity_retail/retail.toml   three capabilities building on built-in ones
      src/maturity_retail/retail-rules.toml   the sector's rules as a baseline, for `maturity coverage`
      tests/test_retail.py           with maturity's fixtures (maturity_catalog, ...)
"""

from __future__ import annotations

import re
from pathlib import Path

from ..common.errors import UsageError
from ..contract.hooks import CONTRACT_VERSION
from ..contract.vocabulary import INDUSTRIES

NAME = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
#: names the built-in domains and their prefixes already use
TAKEN = {"cybersecurity", "cyber", "cloud", "automation", "auto", "data", "talent", "ethics"}
#: how the scaffold marks text its author must replace; `validate --strict` fails on it
PLACEHOLDER = "TODO:"


def plan_plugin(name: str, folder: Path, industry: str | None = None) -> dict[Path, str]:
    """The files of plugin `name` for businesses of `industry` (an industry id; by default the
    name, when it is one) under `folder`, by path (nothing is written)."""
    if not NAME.fullmatch(name):
        raise UsageError(
            f"plugin name {name!r} must be lower-case letters, digits and hyphens, starting with a letter (such as 'retail')"
        )
    if name in TAKEN:
        raise UsageError(f"plugin name {name!r} is taken by a built-in domain; choose another, such as '{name}-sector'")
    industry = industry or (name if name in INDUSTRIES else None)
    if industry is None:
        raise UsageError(f"name the industry plugin {name!r} is for with --industry, one of: {', '.join(INDUSTRIES)}")
    if industry not in INDUSTRIES:
        raise UsageError(f"unknown industry {industry!r}; choose one of: {', '.join(INDUSTRIES)}")
    module = "maturity_" + name.replace("-", "_")
    major = CONTRACT_VERSION.split(".")[0]
    values = {
        "name": name,
        "module": module,
        "title": name.replace("-", " ").title(),
        "prefix": name,
        "industry": industry,
        "industry_words": INDUSTRIES[industry],
        "other": "other" if industry != "other" else "retail",
        "contract": f">={CONTRACT_VERSION},<{int(major) + 1}",
    }
    files = {
        folder / "pyproject.toml": PYPROJECT,
        folder / "README.md": README,
        folder / "src" / module / "__init__.py": MODULE,
        folder / "src" / module / f"{name}.toml": QUESTIONNAIRE,
        folder / "src" / module / f"{name}-rules.toml": BASELINE,
        folder / "tests" / f"test_{module}.py": TESTS,
    }
    return {path: _fill(text, values) for path, text in files.items()}


def write_plugin(name: str, folder: Path, *, industry: str | None = None, force: bool = False) -> list[Path]:
    """Write plugin `name` into `folder` (which must not exist, unless `force`)."""
    files = plan_plugin(name, folder, industry)
    if folder.exists() and not force and any(folder.iterdir()):
        raise UsageError(f"{folder} exists and is not empty; choose another --output or use --force")
    for path, text in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    return list(files)


def _fill(text: str, values: dict[str, str]) -> str:
    # {{name}} placeholders, so that TOML and Python braces need no escaping
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values[m.group(1)], text)


PYPROJECT = '''\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "maturity-{{name}}"
version = "0.1.0"
description = "Questions and sector rules for maturity, for {{title}} businesses"
readme = "README.md"
requires-python = ">=3.10"
# the plugin contract this plugin supports is MATURITY_CONTRACT in src/{{module}}/__init__.py
dependencies = ["maturity>=0.1"]

[project.optional-dependencies]
test = ["pytest>=8"]

# the entry point: the plugin's name in messages and in MATURITY_LOAD_PLUGINS
[project.entry-points.maturity]
{{name}} = "{{module}}"

[tool.setuptools.packages.find]
where = ["src"]

[tool.setuptools.package-data]
{{module}} = ["*.toml"]

[tool.pytest.ini_options]
testpaths = ["tests"]
# the plugins maturity's test fixtures load with the built-in domains
maturity_plugins = ["{{name}}"]
'''

README = '''\
# maturity-{{name}}

A [maturity](https://pypi.org/project/maturity/) plugin for {{title}} businesses (industry
`{{industry}}`: {{industry_words}}): a questionnaire (`src/{{module}}/{{name}}.toml`), a
business goal, a sector rule and a recommendation adjustment (`src/{{module}}/__init__.py`).
Its questions are asked only of businesses whose profile says `industry_id = "{{industry}}"`
(others add `include = ["{{name}}"]` to their profile to answer them anyway).

## Next edits

1. `src/{{module}}/__init__.py`: replace the `TODO:` source of the sector rule with the code,
   regulation or insurer that makes backups a must-have for the sector (or drop the rule).
   `maturity validate --strict` and `pytest` fail until you do.
2. `src/{{module}}/{{name}}.toml`: replace the three sample capabilities with your sector's,
   in its owners' words; give each real `costs` (the sample figures are guesses) and the
   references that back it; raise `version` and add a `[[changelog]]` entry when it changes.
3. `src/{{module}}/__init__.py`: name the goal in your sector's words, and keep or drop the
   adjustment that raises the first capability.
4. `tests/test_{{module}}.py`: test what your rules and adjustment promise.
5. `pyproject.toml` and this README: the description, authors and licence.

## Use it

    pip install .
    maturity plugins                  # lists {{name}}
    maturity template > answers.toml  # with the {{title}} questions once industry_id is {{industry}}
    maturity recommend --answers answers.toml

## Develop it

    pip install -e '.[test]'
    pytest                            # the tests use maturity's fixtures
    maturity validate --strict        # every installed plugin, held to the content rules

The questionnaire format and every hook are described in maturity's `docs/plugins.md` and
`docs/questionnaire-format.md`.
'''

MODULE = '''\
"""maturity plugin for {{title}} businesses."""

from __future__ import annotations

from maturity.contract import hookimpl

# The contract's other types are imported inside the hooks that use them: plugins are loaded by
# every command, `maturity --help` included, and the models take a moment to import.

#: the versions of maturity's plugin contract this plugin supports
MATURITY_CONTRACT = "{{contract}}"
__version__ = "0.1.0"

#: the industry id (a profile's `industry_id`) the sector rule and the adjustment are for
INDUSTRY = "{{industry}}"


def _of_the_sector(profile):
    return profile.industry_id == INDUSTRY or profile.industry.strip().lower() == INDUSTRY


@hookimpl
def register_questionnaires(register):
    from importlib.resources import files

    register(files(__package__) / "{{name}}.toml")


@hookimpl
def register_baselines(register):
    from importlib.resources import files

    # the sector's own rules, which `maturity coverage` counts beside Cyber Essentials and the rest
    register(files(__package__) / "{{name}}-rules.toml")


@hookimpl
def register_goals(register):
    register("{{name}}-trust", "Keep {{title}} customers' trust", "Customers keep coming back because they trust the business.")


@hookimpl
def register_capability_overrides(register):
    from maturity.contract import CapabilityOverride

    # a sector rule as data: for businesses of this industry only, with its reason and source
    register(
        CapabilityOverride(
            id="cyber.backups",
            mandatory=True,
            reason="Records must be restorable after ransomware or a lost laptop",
            source="TODO: the code, regulation or insurer that says so",
            when_industry=[INDUSTRY],
        )
    )


@hookimpl
def adjust_recommendations(profile, result, candidates):
    """Raise the sector's first capability for businesses of this industry."""
    from maturity.contract import Adjustment

    if not _of_the_sector(profile):
        return None
    return [Adjustment(id="{{prefix}}.basics", factor=1.5, reason="The first step for {{title}} businesses")]
'''

QUESTIONNAIRE = '''\
# The {{title}} questionnaire: three capabilities, one per stage, building on built-in ones.
# Check it with `maturity validate --strict`; the format is maturity's
# docs/questionnaire-format.md.

[questionnaire]
id = "{{name}}"
name = "{{title}}"
version = "1.0.0"
prefix = "{{prefix}}"
description = "What {{title}} businesses need beyond the basics every business needs."
# asked only of businesses of this industry; others include it in their profile to answer it
applies_to = { industries = ["{{industry}}"] }

[[changelog]]
version = "1.0.0"
changes = ["First release."]

[[capabilities]]
id = "{{prefix}}.basics"
name = "Sector records kept safe"
stage = "fundamentals"
requires = ["cyber.accounts"]
description = "The records the sector depends on are kept in one place, with personal accounts for everyone who uses them."
advice = "List the records the business cannot work without and keep them in one system with personal accounts."
goals = { {{name}}-trust = 1.0, security = 0.5 }
costs = { one_off = 500, yearly_per_person = 24 }   # your estimate: set-up help, then a licence per person
kpis = ["Share of sector records kept in the one system"]

  [[capabilities.questions]]
  id = "{{prefix}}.basics.records"
  text = "Where are the records the business cannot work without?"
  options = [
    { id = "scattered", label = "On paper and in personal files, nobody knows them all", credit = 0.0 },
    { id = "some", label = "Some are in one system, others on paper or in personal files", credit = 0.5 },
    { id = "one-system", label = "All in one system with personal accounts", credit = 1.0 },
  ]

[[capabilities]]
id = "{{prefix}}.processes"
name = "Sector processes written down and backed up"
stage = "intermediate"
requires = ["{{prefix}}.basics", "cyber.backups"]
description = "The sector's main processes are written down, and the records they use are backed up and tested."
advice = "Write down the three processes that matter most and check that their records come back from a backup."
goals = { operations = 1.0, {{name}}-trust = 0.5 }
costs = { one_off = 300 }   # your estimate
kpis = ["Processes written down", "Days since the last restore test"]

  [[capabilities.questions]]
  id = "{{prefix}}.processes.written"
  text = "Are the main processes written down, and were their records restored from a backup in the last year?"
  options = [
    { id = "no", label = "No", credit = 0.0 },
    { id = "written", label = "Written down, but never restored from a backup", credit = 0.5 },
    { id = "tested", label = "Written down and restored from a backup in the last year", credit = 1.0 },
  ]

[[capabilities]]
id = "{{prefix}}.insight"
name = "Sector figures reviewed every month"
stage = "advanced"
requires = ["{{prefix}}.processes", "data.kpis"]
description = "The figures that show how the sector's work is going are reviewed every month and acted on."
advice = "Pick three figures, review them every month and note one action each time."
goals = { innovation = 0.5, {{name}}-trust = 0.5 }
costs = {}   # staff time only
kpis = ["Monthly reviews held"]

  [[capabilities.questions]]
  id = "{{prefix}}.insight.reviews"
  text = "How often are the sector's figures reviewed?"
  options = [
    { id = "never", label = "Never", credit = 0.0 },
    { id = "yearly", label = "Once or twice a year", credit = 0.5 },
    { id = "monthly", label = "Every month, with actions noted", credit = 1.0 },
  ]
'''

BASELINE = '''\
# The {{title}} sector's own rules as a baseline: each item mapped to the questions that show it
# is met. Check it with `maturity validate --strict`; the format is maturity's
# docs/baseline-format.md.

[baseline]
id = "{{name}}-rules"
name = "{{title}} sector rules"
short_name = "{{title}} rules"
version = "1"
date = 2026-01-01
licence = "replace with the licence of the rules' text"
source = "replace with where the rules are published"

[[changelog]]
version = "1.0.0"
changes = ["First release."]

[[themes]]
id = "records"
name = "Records"

[[items]]
id = "R-1"
label = "The records the business depends on are in one system with personal accounts"
theme = "records"
evidence = [
  { capability = "{{prefix}}.basics", relation = "equal", needs = { "{{prefix}}.basics.records" = 1.0 } },
]

[[items]]
id = "R-2"
label = "Records are backed up every day, with one copy kept apart"
theme = "records"
evidence = [
  { capability = "cyber.backups", relation = "superset", needs = { "cyber.backups.coverage" = 0.67, "cyber.backups.isolated" = 0.67 } },
]
'''

TESTS = '''\
"""Tests with maturity's fixtures: maturity_catalog (the built-in domains and this plugin),
maturity_answers (writes answer files) and maturity_run (runs `maturity ARGS`)."""

import json

from maturity.models import Profile


def test_the_questionnaire_loads_and_builds_on_the_built_ins(maturity_catalog):
    assert "{{name}}" in maturity_catalog.questionnaires
    assert maturity_catalog.graph.requires("{{prefix}}.basics") == ["cyber.accounts"]


def test_the_content_meets_the_strict_rules(maturity_run):
    result = maturity_run("validate", "--strict")
    assert result.exit_code == 0, result.output


def test_the_sector_rule_holds_for_the_industry_only(maturity_catalog):
    assert maturity_catalog.for_profile(Profile(industry_id="{{industry}}")).is_mandatory("cyber.backups")
    assert not maturity_catalog.for_profile(Profile(industry_id="{{other}}")).is_mandatory("cyber.backups")


def test_its_questions_are_for_the_industry_only(maturity_catalog):
    assert "{{name}}" in maturity_catalog.for_profile(Profile(industry_id="{{industry}}")).questionnaires
    assert "{{name}}" not in maturity_catalog.for_profile(Profile(industry_id="{{other}}")).questionnaires


def test_coverage_counts_the_sector_rules(maturity_run, maturity_answers):
    answers = maturity_answers({"{{prefix}}.basics.records": "one-system"}, fill="best", industry="{{name}}")
    result = maturity_run("coverage", answers, "--baseline", "{{name}}-rules", "--json")
    assert result.exit_code == 0, result.output
    [rules] = json.loads(result.stdout)["baselines"]
    assert rules["counts"]["met"] == 2


def test_recommend_names_the_plugin(maturity_run, maturity_answers):
    # a step is planned only when it is worth its cost a year: the business says what the goal
    # the first capability serves is worth to it (replace with your sector's own figures)
    answers = maturity_answers({"{{prefix}}.basics.records": "scattered"}, fill="best", industry_id="{{industry}}",
                               goals={"{{name}}-trust": {"weight": 5, "worth": 20000}})
    result = maturity_run("recommend", "--answers", answers, "--json")
    assert result.exit_code == 0, result.output
    [first] = [item for item in json.loads(result.stdout)["items"] if item["id"] == "{{prefix}}.basics"]
    assert any(note.startswith("{{name}}: ") for note in first["adjustments"])
'''
