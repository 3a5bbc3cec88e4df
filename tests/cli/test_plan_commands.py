"""`maturity recommend` and `maturity roadmap` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from maturity.cli import cli

ROOT = Path(__file__).parents[2]
BAKERY = str(ROOT / "examples" / "corner-bakery.toml")


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setenv("MATURITY_DB", str(tmp_path / "m.db"))
    monkeypatch.delenv("MATURITY_LOAD_PLUGINS", raising=False)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_recommend_explains_each_step(run):
    out = run("recommend", "--answers", BAKERY, "--top", "3")
    assert out.exit_code == 0, out.output
    assert "Next investments for Corner Bakery (budget $8,000 a year)" in out.output
    assert ("This quarter, within $8,000 for the year (any of its quarters may spend it), 48 h of staff time and\n"
            "20 h of training a quarter") in out.output
    assert "which addresses “" in out.output  # the owner's own words, quoted
    assert "Measure of success" in out.output and "Next step:" in out.output
    assert "maturity invest add cyber." in out.output
    # the command that accepts each step, with its id, is a hint at the end; no id in the steps
    assert out.output.count("\n   maturity invest add ") == 3 and "\n   id " not in out.output
    assert "A deliberate bet" not in out.output


def test_recommend_json_is_complete(run):
    out = run("recommend", "--answers", BAKERY, "--json", "--explore")
    data = json.loads(out.output)
    assert data["schema_version"] == 2 and data["currency"] == "USD"
    assert 1 <= len(data["items"]) <= 5
    first = data["items"][0]
    for key in ("id", "name", "value", "reasons", "goals", "builds_on", "unlocks", "cost", "one_off", "yearly", "kpi"):
        assert key in first
    assert data["exploration"] is None or data["exploration"]["reasons"][0].startswith("An explicit bet")
    assert "cloud.online-shop" in data["not_fitting"]


def test_a_budget_too_small_shows_the_cheapest_step(no_builtins, tmp_path, monkeypatch):
    # the mini questionnaires price everything at 500 or more: nothing fits in 100 a year, though
    # the goal makes every step worth far more than it costs
    from conftest import MINI, _runner

    monkeypatch.setenv("MATURITY_DB", str(tmp_path / "m.db"))
    answers = tmp_path / "mini.toml"
    answers.write_text('[profile]\nname = "Mini shop"\n[profile.goals]\nsecurity = { weight = 3, worth = 100000 }\n'
                       '[answers]\n"al.three.q" = { dont_know = true }\n"be.top.q" = { dont_know = true }\n')
    run = _runner((MINI,))
    out = run("recommend", "--answers", answers, "--budget", "100")
    assert out.exit_code == 0, out.output
    assert "Nothing fits $100 a year and" in out.output and "the cheapest next step is" in out.output
    assert "Cheapest next step:" in out.output
    road = run("roadmap", "--answers", answers, "--budget", "100")
    note = next(line for line in out.output.splitlines() if line.startswith("Nothing fits"))
    assert note in road.output  # both name the same step


@pytest.mark.parametrize(
    "args, message",
    [
        (["recommend", "--answers", BAKERY, "--budget", "-5"], "must be a number of 0 or more"),
        (["recommend", "--answers", BAKERY, "--budget", "lots"], "is not a valid float"),
        (["recommend", "--answers", BAKERY, "--top", "0"], "--top"),
        (["roadmap", "--answers", BAKERY, "--periods", "0"], "a roadmap plans 1 to 20 periods"),
        (["roadmap", "--answers", BAKERY, "--periods", "100000"], "a roadmap plans 1 to 20 periods"),
        (["roadmap", "--answers", BAKERY, "--budget-per-period", "nan"], "must be a number of 0 or more"),
        (["recommend", "--org", "Nobody"], "no database at"),
        (["recommend", "--answers", BAKERY, "--org", "X"], "either --answers or --org"),
    ],
)
def test_bad_values_give_one_message_and_exit_2(run, args, message):
    out = run(*args)
    assert out.exit_code == 2, out.output
    assert message in out.output
    assert "Traceback" not in out.output


def test_bad_goal_weights_and_missing_budget(run, tmp_path):
    zero = tmp_path / "zero.toml"
    zero.write_text('[profile]\nname = "Z"\n[profile.goals]\nsecurity = 0\n')
    out = run("recommend", "--answers", str(zero))
    assert out.exit_code == 2 and "every goal has weight 0" in out.output
    heavy = tmp_path / "heavy.toml"
    heavy.write_text('[profile]\nname = "H"\n[profile.goals]\nsecurity = 11\n')
    out = run("recommend", "--answers", str(heavy))
    assert out.exit_code == 2 and "heavy.toml:4" in out.output and "security" in out.output
    no_budget = tmp_path / "no-budget.toml"
    no_budget.write_text('[profile]\nname = "N"\n[profile.goals]\nsecurity = 3\n')
    out = run("roadmap", "--answers", str(no_budget))
    assert out.exit_code == 0 and "money is not limited here" in out.output


def test_roadmap_text_and_json(run):
    out = run("roadmap", "--answers", BAKERY, "--periods", "3", "--budget-per-period", "1500", "--hours-per-period", "40")
    assert out.exit_code == 0, out.output
    assert "Method" not in out.output and "Quarter 3" in out.output
    data = json.loads(run("roadmap", "--answers", BAKERY, "--periods", "3", "--budget-per-period", "1500", "--json").output)
    assert data["method"] == "exact" and len(data["periods"]) == 3
    assert all(p["cost"] <= 1500 for p in data["periods"])
    heuristic = json.loads(run("roadmap", "--answers", BAKERY, "--method", "heuristic", "--json").output)
    assert heuristic["method"] == "heuristic" and "of the best plan" in heuristic["method_note"]


def test_plans_from_the_latest_saved_assessment(run):
    assert run("assess", "--answers", BAKERY, "--save", "--org", "Corner Bakery").exit_code == 0
    from_file = json.loads(run("recommend", "--answers", BAKERY, "--json").output)
    from_store = json.loads(run("recommend", "--org", "Corner Bakery", "--json").output)
    assert [i["id"] for i in from_store["items"]] == [i["id"] for i in from_file["items"]]
    assert run("roadmap", "--periods", "2").exit_code == 0  # the only organisation


def test_roadmap_says_when_staff_hours_not_money_are_the_limit(run):
    out = run("roadmap", "--answers", BAKERY, "--periods", "4", "--budget-per-period", "3000", "--hours-per-period", "20")
    assert out.exit_code == 0, out.output
    said = " ".join(out.output.split())
    assert "not money, hold back the rest: the 20 h a quarter of staff time for change work are taken" in said
    roomy = run("roadmap", "--answers", BAKERY, "--periods", "4", "--budget-per-period", "500", "--hours-per-period", "400")
    assert roomy.exit_code == 0 and "Staff time" not in roomy.output and "not money, hold" not in roomy.output


EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_command_line_plans_what_the_service_plans(run, path):
    from maturity.assessment.answers import load_answers
    from maturity.catalog import load_catalog
    from maturity.planning import plan

    catalog = load_catalog(user_dir=None, env={})
    service = plan(catalog, load_answers(path, catalog))
    recs = json.loads(run("recommend", "--answers", str(path), "--json").output)
    road = json.loads(run("roadmap", "--answers", str(path), "--json").output)
    assert recs == service.recommendations.model_dump(mode="json")
    assert road == service.roadmap.model_dump(mode="json")
    assert [i["id"] for i in recs["items"]] == [r.id for r in service.recommendations.items]
    assert {i["id"] for i in recs["items"]} <= {i["id"] for i in road["periods"][0]["items"]}


def test_an_accepted_investment_is_in_progress_in_recommend_and_roadmap(run):
    assert run("assess", "--answers", BAKERY, "--save", "--org", "Corner Bakery").exit_code == 0
    before = json.loads(run("recommend", "--org", "Corner Bakery", "--json").output)
    first = before["items"][0]["id"]
    cost = before["items"][0]["cost"]  # accepted at the cost the recommendation states
    assert run("invest", "add", first, "--org", "Corner Bakery", "--cost", str(cost)).exit_code == 0
    recs = json.loads(run("recommend", "--org", "Corner Bakery", "--json").output)
    road = json.loads(run("roadmap", "--org", "Corner Bakery", "--json").output)
    assert first not in [i["id"] for i in recs["items"]]
    assert road["in_progress"] == [first]
    assert recs["budget"] == 8000 - cost
    assert first not in [i["id"] for p in road["periods"] for i in p["items"]]


def test_the_command_line_says_how_to_plan_beyond_the_targets(run):
    beyond = json.loads(run("roadmap", "--answers", BAKERY, "--json").output)["beyond_target"]
    assert beyond
    for command in ("recommend", "roadmap"):
        out = run(command, "--answers", BAKERY)
        assert f"--beyond-targets also plans the {len(beyond)} beyond the targets." in " ".join(out.output.split())
    out = run("roadmap", "--answers", BAKERY, "--beyond-targets")
    assert "--beyond-targets also plans" not in out.output
