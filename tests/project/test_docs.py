"""The documentation tells the truth: every hook is documented and exercised, the field tables
match the models, and the examples load, validate and score as shown."""

from __future__ import annotations

import ast
import inspect
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import PLUGINS, catalog_of

from maturity.contract import hooks as hookspecs
from maturity.assessment.answers import parse_answers
from maturity.contract.vocabulary import FACTS, GOALS, PAIN_KEYWORDS, PAINS
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.questionnaire import (
    Capability,
    ChangelogEntry,
    Option,
    Question,
    QuestionnaireInfo,
    Threshold,
)
from maturity.contract.result import (
    CapabilityResult,
    DomainResult,
    DomainTarget,
    Result,
    StageProgress,
    WeakestLink,
)
from maturity.contract.profile import Goal, Process, Profile
from maturity.assessment.scoring import score
from maturity.common.tomlfile import parse_toml
from maturity.assessment.validate import strict_problems

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DOCS = Path(__file__).resolve().parents[2] / "docs"


def read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The text under a heading line, up to the next heading of the same or a higher level."""
    level = len(heading) - len(heading.lstrip("#"))
    lines = text.splitlines()
    assert heading in lines, f"no heading {heading!r}"
    start = lines.index(heading) + 1
    end = next(
        (i for i in range(start, len(lines)) if re.match(rf"^#{{1,{level}}} ", lines[i])),
        len(lines),
    )
    return "\n".join(lines[start:end])


def first_table_keys(text: str) -> list[str]:
    """The backticked names in the first column of the first table of a text."""
    rows = []
    in_table = False
    for line in text.splitlines():
        if line.startswith("|"):
            in_table = True
            cell = line.split("|")[1].strip()
            match = re.fullmatch(r"`([^`]+)`", cell)
            if match:
                rows.append(match.group(1))
        elif in_table:
            break
    return rows


def example(text: str, name: str, lang: str) -> str:
    match = re.search(rf"<!-- example: {name} -->\n```{lang}\n(.*?)```", text, re.S)
    assert match, f"no {name} example"
    return match.group(1)


# --------------------------------------------------------------------------------------------
# the plugin guide and the hooks
# --------------------------------------------------------------------------------------------


def hooks() -> dict[str, Any]:
    return {
        name: fn
        for name, fn in vars(hookspecs).items()
        if callable(fn) and hasattr(fn, "maturity_spec")
    }


def test_the_contract_has_hooks() -> None:
    assert {"register_questionnaires", "register_capability_overrides", "register_scoring_strategies", "adjust_recommendations", "register_commands"} <= set(hooks())


@pytest.mark.parametrize("name", sorted(hooks()))
def test_hook_docstring_documents_every_argument(name: str) -> None:
    fn = hooks()[name]
    doc = inspect.getdoc(fn) or ""
    assert doc.splitlines()[0].endswith("."), f"{name}: the docstring starts with a one-line summary"
    for argument in inspect.signature(fn).parameters:
        assert f":param {argument}:" in doc, f"{name}: no :param {argument}:"
    documented = set(re.findall(r":param (\w+):", doc))
    assert documented <= set(inspect.signature(fn).parameters), f"{name} documents arguments it does not take"
    assert re.search(r"\.\. versionadded:: \d+\.\d+", doc), f"{name}: no versionadded"
    returns = inspect.signature(fn).return_annotation
    if returns not in ("None", None, inspect.Signature.empty):
        assert ":return:" in doc, f"{name} returns {returns} but does not say what"


def plugin_guide_hook_sections() -> list[str]:
    return re.findall(r"^### `(\w+)`$", section(read("plugins.md"), "## Hooks"), re.M)


@pytest.mark.parametrize("name", sorted(hooks()))
def test_hook_has_a_section_in_the_plugin_guide(name: str) -> None:
    sections = plugin_guide_hook_sections()
    assert name in sections, f"docs/plugins.md has no '### `{name}`' under '## Hooks'"
    text = section(read("plugins.md"), f"### `{name}`")
    assert f"def {name}(" in text, f"the section of {name} shows no implementation"
    version = re.search(r"\.\. versionadded:: (\S+)", inspect.getdoc(hooks()[name]) or "").group(1)
    assert f"*Since {version}.*" in text


def test_the_plugin_guide_documents_no_hook_that_does_not_exist() -> None:
    assert set(plugin_guide_hook_sections()) <= set(hooks())


def implemented_by_sample_plugins() -> dict[str, set[Path]]:
    """hook name -> sample plugin files under tests/fixtures/plugins implementing it (by AST, so that
    the deliberately broken samples need not be imported)."""
    found: dict[str, set[Path]] = {}
    for path in PLUGINS.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in node.decorator_list:
                    target = decorator.func if isinstance(decorator, ast.Call) else decorator
                    if getattr(target, "id", getattr(target, "attr", None)) == "hookimpl":
                        found.setdefault(node.name, set()).add(path)
    return found


@pytest.mark.parametrize("name", sorted(hooks()))
def test_hook_is_exercised_by_a_sample_plugin(name: str) -> None:
    implementers = implemented_by_sample_plugins().get(name, set())
    # the deliberately broken samples do not count
    working = {p for p in implementers if p.stem not in ("maturity_test_broken", "maturity_test_hook_raises")}
    assert working, f"no sample plugin under tests/fixtures/plugins implements {name}"


def test_the_plugin_guide_code_compiles() -> None:
    blocks = re.findall(r"```python\n(.*?)```", read("plugins.md"), re.S)
    assert len(blocks) >= len(hooks())
    for block in blocks:
        compile(block, "docs/plugins.md", "exec")


def test_the_plugin_guide_names_the_entry_point_group_and_the_environment() -> None:
    text = read("plugins.md")
    for needle in ("[project.entry-points.maturity]", "MATURITY_LOAD_PLUGINS", "MATURITY_QUESTIONNAIRES", "--questionnaires", "MATURITY_CONTRACT", hookspecs.CONTRACT_VERSION):
        assert needle in text, needle


# --------------------------------------------------------------------------------------------
# the questionnaire format
# --------------------------------------------------------------------------------------------

QUESTIONNAIRE_TABLES = {
    "## `[questionnaire]`": QuestionnaireInfo,
    "## `[[changelog]]`": ChangelogEntry,
    "## `[[capabilities]]`": Capability,
    "## `[[capabilities.questions]]`": Question,
    "### Options": Option,
    "### Thresholds": Threshold,
}


@pytest.mark.parametrize("heading", list(QUESTIONNAIRE_TABLES))
def test_questionnaire_format_documents_every_field(heading: str) -> None:
    documented = first_table_keys(section(read("questionnaire-format.md"), heading))
    assert sorted(documented) == sorted(QUESTIONNAIRE_TABLES[heading].model_fields)


@pytest.fixture(scope="module")
def example_questionnaire(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("example")
    (folder / "point-of-sale.toml").write_text(example(read("questionnaire-format.md"), "questionnaire", "toml"), encoding="utf-8")
    return folder


def test_questionnaire_example_loads_and_passes_strict_validation(example_questionnaire: Path) -> None:
    catalog = catalog_of(example_questionnaire)
    assert list(catalog.questionnaires) == ["point-of-sale"]
    assert strict_problems(catalog) == []


def test_questionnaire_example_uses_every_field(example_questionnaire: Path) -> None:
    data = tomllib.loads((example_questionnaire / "point-of-sale.toml").read_text())
    capabilities = data["capabilities"]
    questions = [q for c in capabilities for q in c["questions"]]
    used = {
        QuestionnaireInfo: set(data["questionnaire"]),
        ChangelogEntry: {k for entry in data["changelog"] for k in entry},
        Capability: {k for c in capabilities for k in c},
        Question: {k for q in questions for k in q},
        Option: {k for q in questions for o in q.get("options", []) for k in o},
        Threshold: {k for q in questions for t in q.get("thresholds", []) for k in t},
    }
    for model, keys in used.items():
        assert keys == set(model.model_fields), f"{model.__name__}: unused {set(model.model_fields) - keys}"
    assert {q.get("type", "single") for q in questions} == {"single", "multi", "yes_no", "number", "text"}


# --------------------------------------------------------------------------------------------
# the answer format
# --------------------------------------------------------------------------------------------

ANSWER_TABLES = {
    "## `[profile]`": Profile,
    "### Goals": Goal,
    "### Processes": Process,
    "## `[answers]`": Answer,
}


@pytest.mark.parametrize("heading", list(ANSWER_TABLES))
def test_answer_format_documents_every_field(heading: str) -> None:
    documented = first_table_keys(section(read("answer-format.md"), heading))
    assert sorted(documented) == sorted(ANSWER_TABLES[heading].model_fields)


def test_answer_format_documents_the_three_tables() -> None:
    assert sorted(first_table_keys(read("answer-format.md").split("## A complete example")[0])) == sorted(
        f"[[{name}]]" if name == "respondents" else f"[{name}]" for name in AnswerFile.model_fields
    )


def tables(text: str) -> list[list[list[str]]]:
    """Every table of a text: rows of stripped cells, the header row first."""
    found: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                current.append(cells)
        elif current:
            found.append(current)
            current = []
    return found


def table_with_header(text: str, first: str) -> list[list[str]]:
    return next(t[1:] for t in tables(text) if t[0][0] == first)


def test_respondents_page_documents_every_respondent_field() -> None:
    from maturity.assessment.models import Respondent

    documented = first_table_keys(section(read("respondents.md"), "## Answering in files"))
    assert sorted(documented) == sorted(Respondent.model_fields)


def test_every_respondents_example_is_valid() -> None:
    from maturity.catalog import load_catalog

    catalog = load_catalog(user_dir=None, env={})  # the examples answer the built-in questionnaires
    blocks = re.findall(r"```toml\n(.*?)```", read("respondents.md"), re.S)
    assert len(blocks) == 2
    for number, block in enumerate(blocks):
        parsed = parse_answers(parse_toml(block, f"respondents.md example {number + 1}"), catalog)
        assert parsed.respondents


def test_answer_format_lists_the_goal_catalogue() -> None:
    rows = table_with_header(section(read("answer-format.md"), "### Goals"), "goal")
    assert {goal.strip("`"): (name, meaning) for goal, name, meaning in rows} == GOALS


def test_answer_format_lists_the_facts() -> None:
    rows = table_with_header(section(read("answer-format.md"), "### Facts"), "fact")
    assert {fact.strip("`"): meaning for fact, meaning, _ in rows} == FACTS


def test_answer_format_lists_the_pain_catalogue() -> None:
    rows = table_with_header(section(read("answer-format.md"), "### Pain points"), "pain")
    assert {pain.strip("`"): (label, meaning) for pain, label, meaning, _ in rows} == PAINS
    assert {pain.strip("`"): tuple(k.strip("`") for k in keywords.split(", ")) for pain, _, _, keywords in rows} == PAIN_KEYWORDS


def answer_catalog(example_questionnaire: Path):
    """The example questionnaire's catalog, knowing the built-in baselines by id (the examples'
    `baseline` names one; only its id is checked when a file is read)."""
    from maturity.catalog.baselines import load_baseline

    catalog = catalog_of(example_questionnaire)
    folder = Path(__file__).parents[2] / "baselines"
    catalog._baselines = {one.key: one for one in map(load_baseline, sorted(folder.glob("*.toml")))}
    return catalog


def test_every_answer_example_is_valid(example_questionnaire: Path) -> None:
    catalog = answer_catalog(example_questionnaire)
    blocks = re.findall(r"```toml\n(.*?)```", read("answer-format.md"), re.S)
    assert len(blocks) >= 4
    for number, block in enumerate(blocks):
        parse_answers(parse_toml(block, f"answer-format.md example {number + 1}"), catalog)


def test_the_complete_answer_example_fills_every_field(example_questionnaire: Path) -> None:
    data = tomllib.loads(example(read("answer-format.md"), "answers", "toml"))
    assert set(data) == set(AnswerFile.model_fields)
    assert set(data["profile"]) == set(Profile.model_fields)
    goals = data["profile"]["goals"]
    assert {k for g in goals.values() if isinstance(g, dict) for k in g} == set(Goal.model_fields)
    answers = [a for a in data["answers"].values() if isinstance(a, dict)]
    assert {k for a in answers for k in a} >= {"answer", "note", "evidence", "confidence", "dont_know"}


# --------------------------------------------------------------------------------------------
# the result JSON
# --------------------------------------------------------------------------------------------

RESULT_TABLES = {
    "## Top level": Result,
    "## `domains`": DomainResult,
    "## `building`": StageProgress,
    "## `target`": DomainTarget,
    "## `weakest_link`": WeakestLink,
    "## `capabilities`": CapabilityResult,
}


@pytest.mark.parametrize("heading", list(RESULT_TABLES))
def test_result_json_documents_every_field(heading: str) -> None:
    documented = first_table_keys(section(read("result-json.md"), heading))
    assert documented == list(RESULT_TABLES[heading].model_fields), "documented fields differ from the model, or their order does"


def test_result_json_example_is_what_assess_prints(example_questionnaire: Path) -> None:
    catalog = answer_catalog(example_questionnaire)
    answers = parse_answers(parse_toml(example(read("answer-format.md"), "answers", "toml"), "answers.toml"), catalog)
    documented = json.loads(example(read("result-json.md"), "result", "json"))
    assert documented == score(catalog, answers).model_dump(mode="json")


def test_result_json_example_shows_the_schema_version() -> None:
    documented = json.loads(example(read("result-json.md"), "result", "json"))
    assert documented["schema_version"] == Result.model_fields["schema_version"].default


@pytest.mark.parametrize("name", sorted(hooks()))
def test_every_hook_argument_is_typed_in_the_plugin_guide(name: str) -> None:
    text = section(read("plugins.md"), f"### `{name}`")
    assert "\nArguments:\n" in text, f"{name}: no list of arguments"
    arguments = text.split("\nArguments:\n", 1)[1]
    for argument in inspect.signature(hooks()[name]).parameters:
        assert re.search(rf"^- `{argument}` \(", arguments, re.M), f"{name}: argument {argument} has no typed entry"


def test_the_plugin_guide_documents_every_override_field() -> None:
    from maturity.contract.recommendation import CapabilityOverride

    documented = first_table_keys(section(read("plugins.md"), "### `register_capability_overrides`"))
    assert sorted(documented) == sorted(CapabilityOverride.model_fields)


# --------------------------------------------------------------------------------------------
# the value model and its file format
# --------------------------------------------------------------------------------------------


def first_column_keys(text: str) -> set[str]:
    """Every backticked name in the first column of the first table of a text (a row may name
    several: "`source`, `year`, `basis`, `note`")."""
    keys: set[str] = set()
    in_table = False
    for line in text.splitlines():
        if line.startswith("|"):
            in_table = True
            keys |= set(re.findall(r"`([^`]+)`", line.split("|")[1]))
        elif in_table:
            break
    return keys


def value_tables() -> dict[str, type]:
    from maturity.contract import value as v

    return {
        "### Top level": v.ValueFile,
        "### Figures": v.Figure,
        "### `[[incident]]`": v.Incident,
        "### `[[incident.scale]]`": v.Scale,
        "### `[[scale]]`": v.SectorScale,
        "### `[[reduction]]`": v.Reduction,
        "### `large_loss`": v.LargeLoss,
        "### `[pain.ID]`": v.PainCost,
        "### `[[saving]]`": v.Saving,
        "### `[goal.ID]`": v.GoalValue,
    }


@pytest.mark.parametrize("heading", list(value_tables()))
def test_the_value_file_format_documents_every_key(heading: str) -> None:
    documented = first_column_keys(section(read("value.md"), heading))
    assert documented == set(value_tables()[heading].model_fields)


def test_the_value_page_shows_the_sample_plugin_file() -> None:
    shown = tomllib.loads(example(read("value.md"), "plugin-value", "toml"))
    shipped = tomllib.loads((PLUGINS / "maturity_test_value" / "value.toml").read_text(encoding="utf-8"))
    assert shown == shipped


def test_the_worked_example_is_what_the_value_model_computes() -> None:
    from maturity.catalog import load_catalog
    from maturity.common.formatting import money
    from maturity.planning.value import ValueModel

    catalog = load_catalog(user_dir=None, env={})
    text = ('[profile]\nsize = 10\ncountry = "GB"\ncurrency = "GBP"\ngoals = { security = 5 }\n'
            '[[profile.processes]]\nname = "Backups"\npain_points = ["untested-backups"]\n')
    answers = parse_answers(parse_toml(text, "worked.toml"), catalog)
    model = ValueModel(catalog, answers, score(catalog, answers))
    worth = model.valuation("cyber.backups")
    page = read("value.md").split("<!-- example: worked -->", 1)[1].split("\n## ", 1)[0]
    shown = [row[-1] for row in tables(page)[0][1:]]
    assert shown == [money(p.amount, "GBP") for p in worth.parts]
    assert f"**{money(worth.total, 'GBP')} a year**" in page
    assert f"**{money(worth.cost_year, 'GBP')}**" in page
    assert money(model.revenue, "GBP") in page
    assert catalog.capabilities["cyber.backups"].name in " ".join(page.split())


def test_the_value_page_is_linked() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    assert "(docs/value.md)" in readme
    assert "(value.md)" in read("planning.md")
