"""Value figures from a plugin (`register_value_content`): the sample plugin
tests/fixtures/plugins/maturity_test_value adds a factor for its sector to a built-in incident
kind and says what one of its own capabilities removes of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maturity.assessment.answers import parse_answers
from maturity.assessment.scoring import score
from maturity.catalog import Catalog, load_catalog
from maturity.common.tomlfile import parse_toml
from maturity.planning.value import ValueModel

SAMPLE = "maturity_test_value"


@pytest.fixture
def vet(plugin_path: Path) -> Catalog:
    """The built-in domains and the sample plugin, named (so a problem with it fails the test)."""
    return load_catalog(user_dir=None, env={"MATURITY_LOAD_PLUGINS": SAMPLE})


def model(catalog: Catalog, facts: list[str]) -> ValueModel:
    text = f'[profile]\nsize = 8\ncountry = "GB"\ncurrency = "GBP"\nrevenue = 900000\nfacts = {json.dumps(facts)}\n'
    answers = parse_answers(parse_toml(text, "answers.toml"), catalog)
    return ValueModel(catalog, answers, score(catalog, answers))


def test_the_plugin_figures_join_the_built_in_ones(vet: Catalog) -> None:
    value = vet.value
    files = [(plugin, Path(path).name) for plugin, path, _ in value.files]
    assert files[-1] == (SAMPLE, "value.toml")  # after the built-in files it builds on
    assert "incidents.toml" in {name for _, name in files[:-1]}
    [scale] = [s for s in value.scales if s.fact == "has:imaging"]
    assert (scale.incident, scale.on, scale.factor) == ("ransomware", "cost", 1.4)
    [reduction] = value.reductions["vet.image-copies"]
    assert (reduction.incident, reduction.on, reduction.central) == ("ransomware", "cost", 0.3)


def test_the_sector_factor_raises_what_a_built_in_capability_is_worth(vet: Catalog) -> None:
    def ransomware(facts: list[str]) -> float:
        parts = model(vet, facts).valuation("cyber.backups").parts
        return sum(p.amount for p in parts if p.kind == "loss" and p.key == "ransomware")

    plain, imaging = ransomware([]), ransomware(["has:imaging"])
    assert plain > 0
    # the large-loss weight grows with the cost too, so the loss rises by at least the factor
    assert imaging >= plain * 1.4 - 1e-9


def test_the_plugin_capability_is_valued_by_its_reduction(vet: Catalog) -> None:
    valuation = model(vet, ["has:imaging"]).valuation("vet.image-copies")
    [loss] = [p for p in valuation.parts if p.kind == "loss"]
    assert loss.key == "ransomware" and loss.amount > 0
    assert "a judgement, no source gives this figure" in loss.sources


def test_maturity_plugins_lists_the_hook(run_bare, install) -> None:
    install("value")
    result = run_bare("plugins", "--json", env={"MATURITY_LOAD_PLUGINS": "vet"})
    assert result.exit_code == 0, result.output
    [vet] = [p for p in json.loads(result.stdout)["plugins"] if p["name"] == "vet"]
    assert vet["hooks"] == ["register_facts", "register_questionnaires", "register_value_content"]
    assert vet["broken"] is None
