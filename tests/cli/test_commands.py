"""The first commands, run in-process with click's CliRunner over the mini questionnaires."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import MINI, assert_bad_input

from maturity import __version__
from maturity.assessment.models import SCHEMAS
from maturity.contract.result import Result

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


def ok(result) -> str:
    assert result.exit_code == 0, f"exit {result.exit_code}\n{result.output}"
    # warnings about what an answer file lacks (no goals, no budget) may be printed; nothing else
    assert all(line.startswith("warning: ") for line in result.stderr.splitlines()), result.stderr
    return result.stdout


def test_version(run) -> None:
    assert ok(run("--version")) == f"maturity, version {__version__}\n"


def test_help_lists_the_commands(run) -> None:
    out = ok(run("--help"))
    for command in ("assess", "graph", "plugins", "questionnaires", "schema", "template", "validate"):
        assert re.search(rf"^  {command}\b", out, re.M), command


def test_unknown_command_is_a_usage_error(run) -> None:
    result = run("asess")
    assert result.exit_code == 2 and "No such command 'asess'" in result.stderr


def test_plugins_json(run) -> None:
    data = json.loads(ok(run("plugins", "--json")))
    assert set(data) == {"schema_version", "contract", "plugins"}
    [folder] = data["plugins"]
    assert folder == {
        "name": f"dir:{MINI}",
        "module": str(MINI),
        "version": "",
        "source": "directory",
        "hooks": ["register_questionnaires"],
        "broken": None,
    }


def test_questionnaires_json(run) -> None:
    rows = json.loads(ok(run("questionnaires", "--json")))["questionnaires"]
    assert rows[0] == {
        "id": "alpha",
        "name": "Alpha",
        "version": "1.0.0",
        "plugin": f"dir:{MINI}",
        "source": str(MINI / "alpha.toml"),
        "scoring": "gated",
        "capabilities": 3,
        "capabilities_per_stage": {"fundamentals": 1, "intermediate": 1, "advanced": 1},
        "questions": 3,
    }
    assert [r["id"] for r in rows] == ["alpha", "beta"]


def test_questionnaires_text(run) -> None:
    out = ok(run("questionnaires"))
    assert re.search(r"^alpha\s+1\.0\.0\s+3\s+1/1/1\s+3\s+dir:", out, re.M)
    assert out.rstrip().endswith("2 domains, 6 capabilities, 6 questions.")


def test_questionnaires_with_nothing_loaded(run_bare) -> None:
    assert ok(run_bare("questionnaires")) == "No questionnaires are loaded.\n"
    assert json.loads(ok(run_bare("questionnaires", "--json"))) == {"schema_version": 1, "questionnaires": []}


# --------------------------------------------------------------------------------------------
# schema
# --------------------------------------------------------------------------------------------

KEYWORDS = {
    "$schema", "$defs", "$ref", "title", "description", "type", "properties", "required",
    "additionalProperties", "items", "anyOf", "allOf", "oneOf", "enum", "const", "default",
    "format", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "minItems", "maxItems", "uniqueItems", "examples", "propertyNames",
}
TYPES = {"object", "array", "string", "number", "integer", "boolean", "null"}


def check_schema(node: Any, defs: dict[str, Any], where: str = "#") -> None:
    """A structural check of a JSON Schema (2020-12) as pydantic writes it."""
    assert isinstance(node, dict), where
    assert set(node) <= KEYWORDS, f"{where}: unknown keywords {set(node) - KEYWORDS}"
    if "type" in node:
        types = node["type"] if isinstance(node["type"], list) else [node["type"]]
        assert set(types) <= TYPES, where
    if "$ref" in node:
        match = re.fullmatch(r"#/\$defs/(.+)", node["$ref"])
        assert match and match.group(1) in defs, f"{where}: dangling $ref {node['$ref']}"
    if "required" in node:
        assert set(node["required"]) <= set(node.get("properties", {})), where
    if "enum" in node:
        assert isinstance(node["enum"], list) and node["enum"], where
    for key in ("pattern",):
        if key in node:
            re.compile(node[key])
    for name, sub in node.get("properties", {}).items():
        check_schema(sub, defs, f"{where}/properties/{name}")
    for key in ("anyOf", "allOf", "oneOf"):
        for i, sub in enumerate(node.get(key, [])):
            check_schema(sub, defs, f"{where}/{key}/{i}")
    for key in ("items", "additionalProperties", "propertyNames"):
        if isinstance(node.get(key), dict):
            check_schema(node[key], defs, f"{where}/{key}")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_a_valid_json_schema(run, name: str) -> None:
    schema = json.loads(ok(run("schema", name)))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False  # unknown keys are errors, in editors too
    defs = schema.get("$defs", {})
    check_schema(schema, defs)
    for def_name, sub in defs.items():
        check_schema(sub, defs, f"#/$defs/{def_name}")
    assert set(schema["properties"]) == set(SCHEMAS[name].model_fields)


def test_schema_covers_what_a_real_file_uses(run) -> None:
    schema = json.loads(ok(run("schema", "questionnaire")))
    data = tomllib.loads((MINI / "alpha.toml").read_text())
    defs = schema["$defs"]
    assert set(data) <= set(schema["properties"])
    assert set(data["questionnaire"]) <= set(defs["QuestionnaireInfo"]["properties"])
    for cap in data["capabilities"]:
        assert set(cap) <= set(defs["Capability"]["properties"])
        for question in cap["questions"]:
            assert set(question) <= set(defs["Question"]["properties"])


def test_schema_of_an_unknown_name(run) -> None:
    result = run("schema", "answer")
    assert result.exit_code == 2 and "unknown schema 'answer'; choose from: questionnaire, answers" in result.stderr


# --------------------------------------------------------------------------------------------
# template and assess
# --------------------------------------------------------------------------------------------


def test_template_parses_and_covers_every_question(run) -> None:
    text = ok(run("template"))
    data = tomllib.loads(text)
    assert set(data["answers"]) == {"al.one.q", "al.two.q", "al.three.q", "be.base.q", "be.shop.q", "be.top.q"}
    assert set(data["answers"].values()) == {""}
    assert data["questionnaires"] == {"alpha": "1.0.0", "beta": "2.0.0"}
    assert data["profile"]["goals"] == {}  # the owner weighs them: each is there, behind a #
    for goal in ("market-reach", "customer-service", "operations", "innovation", "cost", "security"):
        assert f'\n# {goal} = {{ weight = 5, target = "" }}' in text
    # each question's text and options are there as comments
    assert "# How much of one?\n#   none  None\n#   some  Some\n#   most  Most\n#   all   All\n\"al.one.q\" = \"\"" in text
    assert '#   Choose any (a list of ids):' in text
    assert "#   A number in threes." in text


def test_assess_of_a_blank_template(run, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(ok(run("template")))
    data = json.loads(ok(run("assess", "--answers", path, "--json")))
    for d in data["domains"]:
        assert (d["stage"], d["index"], d["percent"], d["answered"], d["dont_know"]) == (0, 0.0, 0.0, 0, 0)
        assert d["unanswered"] == d["questions"] == 3
        assert d["assessed"] is False and d["label"] == "Not assessed"
    assert data["weakest_link"] is None
    text = ok(run("assess", "--answers", path))
    assert "Alpha: not assessed (no question answered); left out of the weakest link" in text
    assert re.search(r"^Alpha\s+Not assessed\s+Fundamentals\s+-$", text, re.M)


def test_assess_text_counts_in_words(run, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('[answers]\n"be.base.q" = ["b"]\n')
    text = ok(run("assess", "--answers", path))
    # the questions of the two capabilities that do not apply are never asked: not "unanswered"
    assert "Beta: 0 of 1 capability achieved; 2 capabilities not applicable" in text


def test_template_for_one_domain_to_a_file(run, tmp_path: Path) -> None:
    path = tmp_path / "alpha.toml"
    result = run("template", "--domain", "alpha", "-o", path)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"Wrote {path} (3 questions to answer).\n"
    assert set(tomllib.loads(path.read_text())["answers"]) == {"al.one.q", "al.two.q", "al.three.q"}
    again = run("template", "-o", path)
    assert again.exit_code == 2 and "exists; use --force to overwrite it" in again.stderr
    assert run("template", "-o", path, "--force").exit_code == 0


def test_template_into_a_missing_folder(run, tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "x.toml"
    assert_bad_input(run("template", "-o", path), f"cannot write {path}: the folder does not exist")


def _maturity(args: list[str], tmp_path: Path, **kwargs: Any) -> Any:
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith("MATURITY_")}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    argv = [sys.executable, "-m", "maturity", "--questionnaires", str(MINI), *args]
    return subprocess.run(argv, env=env, stderr=subprocess.PIPE, text=True, timeout=60, **kwargs)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_gives_one_message(tmp_path: Path) -> None:
    with open("/dev/full", "w") as full:
        done = _maturity(["template"], tmp_path, stdout=full)
    assert done.returncode == 1
    assert done.stderr == "Error: cannot write the output: No space left on device\n"


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    import os

    read, write = os.pipe()
    os.close(read)
    try:
        done = _maturity(["template"], tmp_path, stdout=write)
    finally:
        os.close(write)
    assert done.returncode != 0 and done.stderr == ""


def test_template_of_an_unknown_domain(run) -> None:
    result = run("template", "--domain", "gamma")
    assert result.exit_code == 2 and "unknown domain 'gamma'; choose from alpha, beta" in result.stderr


def fill_template(text: str) -> str:
    """Answer every question of a template with its first option (numbers: 5)."""
    out, options = [], []
    for line in text.splitlines():
        option = re.match(r"#   ([a-z][a-z0-9-]*)  ", line)
        if option:
            options.append(option.group(1))
        answer = re.match(r'^("[^"]+") = ""$', line)
        if answer:
            line = f'{answer.group(1)} = "{options[0]}"' if options else f"{answer.group(1)} = 5"
            options = []
        out.append(line)
    return "\n".join(out) + "\n"


def test_assess_json_structure(run, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(fill_template(ok(run("template"))).replace('name = ""', 'name = "Acme"', 1))
    data = json.loads(ok(run("assess", "--answers", path, "--json")))
    assert set(data) == set(Result.model_fields)
    assert data["schema_version"] == 1 and data["profile_name"] == "Acme"
    Result.model_validate(data)  # the JSON reads back into the model
    alpha = data["domains"][0]
    assert set(alpha) == {
        "domain", "name", "version", "strategy", "stage", "stage_name", "index", "percent",
        "capabilities", "achieved", "not_applicable", "questions", "answered", "unanswered",
        "dont_know", "low_confidence", "assessed", "label", "building", "target",
    }
    assert alpha["assessed"] is True and alpha["label"] == "Not started"
    assert alpha["building"] == {"stage": 1, "stage_name": "Fundamentals", "in_place": 0, "applicable": 1, "largely": False, "missing": ["al.one"]}
    assert alpha["target"] == {
        "stage": 1, "stage_name": "Fundamentals", "set_by": "rules", "below": 1,
        "reason": "the first stage: the basics a small business needs in every domain",
    }
    # first options: al.one none (0), al.two yes (1), al.three 5 (1); be.base a (0), be.top yes
    assert (alpha["domain"], alpha["stage"], alpha["index"], alpha["percent"]) == ("alpha", 0, 0.0, 66.7)
    assert data["capabilities"]["al.two"] == {
        "id": "al.two", "domain": "alpha", "stage": 2, "credit": 1.0, "status": "achieved",
        "questions": 1, "answered": 1, "dont_know": 0, "unanswered": 0, "not_applicable_reason": "",
    }
    assert data["weakest_link"] == {"stage": 0, "stage_name": "Not started", "domains": ["alpha", "beta"], "below_target": 1}
    assert data["warnings"] == []


def test_assess_text(run, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(
        '[profile]\nname = "Acme"\ntargets = { alpha = "intermediate" }\n'
        '[answers]\n"al.one.q" = "all"\n"be.base.q" = ["b", "c"]\n"be.top.q" = "yes"\n'
    )
    out = ok(run("assess", "--answers", path))
    assert out.startswith("Maturity of Acme\n================\n")
    assert re.search(r"^Alpha\s+Fundamentals\s+Intermediate\s+1\.00 .* 33\.3%  ◀ weakest link$", out, re.M)
    assert re.search(r"^Beta\s+Advanced\s+Fundamentals\s+3\.00 .*100\.0%$", out, re.M)
    assert "Weakest link: Alpha at Fundamentals: 1 stage below its target Intermediate." in out
    assert "  Building Intermediate: 0 of 1 in place; missing: Two (0%)" in out
    assert "  Target Intermediate (1 stage to go): set in the profile (the rules give Fundamentals)" in out
    assert "  Target Fundamentals (reached): the first stage" in out


def test_assess_needs_answers(run) -> None:
    result = run("assess")
    assert result.exit_code == 2 and "Missing option '--answers'" in result.stderr


# --------------------------------------------------------------------------------------------
# validate
# --------------------------------------------------------------------------------------------


def test_validate_good_files(run_bare, tmp_path: Path) -> None:
    answers = tmp_path / "a.toml"
    answers.write_text('[answers]\n"al.one.q" = "all"\n')
    result = run_bare("validate", MINI / "alpha.toml", MINI / "beta.toml", answers)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"checked {MINI / 'alpha.toml'}: questionnaire alpha 1.0.0, 3 capabilities, 3 questions",
        f"checked {MINI / 'beta.toml'}: questionnaire beta 2.0.0, 3 capabilities, 3 questions",
        f"checked {answers}: answer file, 1 of 1 answers given",
        "No problems found.",
    ]


def test_validate_a_folder_strictly(run_bare) -> None:
    result = run_bare("validate", "--strict", MINI)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("No problems found. (strict)\n")


def test_validate_what_is_loaded(run) -> None:
    result = run("validate", "--strict")
    assert result.exit_code == 0, result.output
    assert f"checked {MINI / 'alpha.toml'}: questionnaire alpha 1.0.0 (dir:{MINI})" in result.stdout


def test_validate_checks_a_file_against_the_rest(run_bare) -> None:
    # alpha alone requires be.base, which only beta defines
    result = run_bare("validate", MINI / "alpha.toml")
    assert result.exit_code == 1
    assert "capability 'al.two' requires 'be.base', which no loaded questionnaire defines" in result.stderr


def test_validate_lists_every_problem(run_bare, tmp_path: Path) -> None:
    (tmp_path / "one.toml").write_text('[questionnaire]\nid = "one"\nname = "One"\nversion = "1.0"\nprefix = "one"\n')
    (tmp_path / "two.toml").write_text('[questionnaire]\nid = "two"\nname = "Two"\nversion = "1.0.0"\nprefix = "two"\ncolour = 1\n')
    (tmp_path / "three.toml").write_text('title = "neither"\n')
    result = run_bare("validate", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'one.toml'}:4: questionnaire.version: must be a version written MAJOR.MINOR.PATCH, such as \"1.2.0\", not '1.0'",
        f"{tmp_path / 'three.toml'}: neither a questionnaire ([questionnaire] table), a baseline ([baseline]), an answer "
        "file ([profile] or [answers]), a value file ([[incident]], [[reduction]], [pain.ID], ...) nor a survey "
        "figures file ([[survey]], [[figure]])",
        f"{tmp_path / 'two.toml'}:6: questionnaire.colour: unknown key",
        "3 problems found.",
    ]


def test_validate_a_missing_path(run_bare, tmp_path: Path) -> None:
    result = run_bare("validate", tmp_path / "nope.toml")
    assert result.exit_code == 2 and "does not exist" in result.stderr


STRICT_CASE = """\
[questionnaire]
id = "gamma"
name = "Gamma"
version = "1.1.0"
prefix = "ga"

[[changelog]]
version = "1.0.0"

[[capabilities]]
id = "ga.one"
name = "One"
stage = "fundamentals"
requires = ["ga.two"]
description = "d"
advice = "a"
goals = { security = 1.0, happiness = 0.5 }
kpis = ["k"]
applies_if = ["has:boats"]

  [[capabilities.questions]]
  id = "ga.uno.q"
  text = "Half way?"
  options = [{ id = "some", label = "Some", credit = 0.2 }, { id = "most", label = "Most", credit = 0.8 }]

[[capabilities]]
id = "ga.two"
name = "A capability whose name goes on and on far beyond what fits on a line"
stage = "intermediate"

  [[capabilities.questions]]
  id = "ga.two.count"
  text = "How many?"
  type = "number"
  thresholds = [{ at_least = 0, credit = 0.0 }, { at_least = 3, credit = 0.5 }]

[[capabilities]]
id = "ga.three"
name = "Three"
stage = "intermediate"
description = "d"
advice = "a"
goals = { security = 1.0 }
kpis = ["k"]

  [[capabilities.questions]]
  id = "ga.three.q"
  text = "Tell us about it."
  type = "text"
"""


def test_validate_strict_rules(run_bare, tmp_path: Path) -> None:
    path = tmp_path / "gamma.toml"
    path.write_text(STRICT_CASE)
    assert run_bare("validate", path).exit_code == 0  # valid, if not good
    result = run_bare("validate", "--strict", path)
    assert result.exit_code == 1
    problems = result.stderr.splitlines()
    assert problems[-1] == "17 problems found."
    money = ("gives its money only as a cost band; give a costs table: costs = { one_off = ..., one_off_per_person = ..., "
             "yearly = ..., yearly_per_person = ... } (any part may be left out; costs = {} when it takes staff time only)")
    expected = [
        ":4: version 1.1.0 has no [[changelog]] entry",
        ": no capability at stage advanced: that stage can never be shown as reached on its own merits",
        ":17: capability ga.one names unknown goal 'happiness'",
        ":19: capability ga.one names unknown fact 'has:boats'",
        ":14: fundamentals capability ga.one requires intermediate capability ga.two: the fundamentals stage could never be reached first",
        ":21: question id ga.uno.q should start with its capability id ga.one.",
        ":24: ga.uno.q: options must span no credit (0) to full credit (1); they span 0.2 to 0.8",
        ":27: capability ga.two has no description",
        ":27: capability ga.two has no advice",
        ":27: capability ga.two is relevant to no goal",
        ":27: capability ga.two names no KPI",
        ":27: ga.two: capability name is 69 characters, more than 60",
        ":35: ga.two.count: no threshold gives full credit",
        ":38: capability ga.three has no question that carries credit (text questions and questions of weight 0 carry none): it could never be achieved",
        f":11: capability ga.one {money}",
        f":27: capability ga.two {money}",
        f":38: capability ga.three {money}",
    ]
    assert sorted(problems[:-1]) == sorted(f"{path}{e}" for e in expected)


# --------------------------------------------------------------------------------------------
# graph
# --------------------------------------------------------------------------------------------


def test_graph_text(run) -> None:
    out = ok(run("graph"))
    assert out.startswith("Fundamentals\n------------\nal.one  One\n    unlocks  al.two\n")
    assert "al.two  Two\n    requires al.one, be.base [beta]\n    unlocks  al.three\n" in out
    assert out.index("Intermediate") < out.index("Advanced")


def test_graph_text_with_answers_marks_states(run, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('[answers]\n"al.one.q" = "all"\n"be.base.q" = ["b", "c"]\n')
    out = ok(run("graph", "--answers", path))
    assert "✔ al.one  One" in out and "✔ be.base  Base" in out
    assert "→ al.two  Two" in out  # every prerequisite achieved
    assert "· al.three  Three" in out  # blocked
    assert "– be.shop  Shop" in out  # does not apply (no online sales)
    assert "– be.top  Top" in out  # builds on be.shop
    assert out.rstrip().endswith("✔ achieved  → next (every prerequisite achieved)  · blocked  – not applicable")


def test_graph_dot(run) -> None:
    out = ok(run("graph", "--format", "dot", "--domain", "beta"))
    assert out.startswith("digraph capabilities {\n") and out.endswith("}\n")
    assert '"be.base" [label="Base\\nbe.base (fundamentals)", fillcolor=white];' in out
    assert '"al.two" [label="al.two", style="dashed"];' in out  # outside the domain, linked
    assert set(re.findall(r'"([a-z.]+)" -> "([a-z.]+)"', out)) == {("be.base", "al.two"), ("be.base", "be.shop"), ("be.shop", "be.top")}


def test_graph_mermaid(run) -> None:
    out = ok(run("graph", "--format", "mermaid", "--domain", "alpha"))
    lines = out.splitlines()
    assert lines[0] == "flowchart LR"
    assert '  al_one["One<br/><small>al.one</small>"]' in lines
    assert '  be_base(["be.base"])' in lines
    assert {"  al_one --> al_two", "  al_two --> al_three", "  be_base --> al_two"} <= set(lines)


def test_graph_json(run) -> None:
    data = json.loads(ok(run("graph", "--format", "json")))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert list(nodes) == ["al.one", "be.base", "al.two", "be.shop", "al.three", "be.top"]
    assert nodes["al.two"] == {"id": "al.two", "name": "Two", "domain": "alpha", "stage": "intermediate", "requires": ["al.one", "be.base"], "enhances": []}
    assert {(e["from"], e["to"]) for e in data["edges"]} == {
        ("al.one", "al.two"), ("be.base", "al.two"), ("al.two", "al.three"), ("be.base", "be.shop"), ("be.shop", "be.top"),
    }


def test_graph_of_an_unknown_domain(run) -> None:
    result = run("graph", "--domain", "gamma")
    assert result.exit_code == 2 and "unknown domain 'gamma'; choose from alpha, beta" in result.stderr


def test_graph_with_bad_answers(run, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text('[answers]\n"al.one.q" = "every"\n')
    assert_bad_input(run("graph", "--answers", path), f"{path}:2:", "'every' is not an option")
