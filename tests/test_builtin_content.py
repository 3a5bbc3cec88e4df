"""The six built-in questionnaires meet the content rules plugin authors are held to."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from maturity.catalog import DOMAIN_ORDER, load_catalog
from maturity.cli import cli
from maturity.validate import strict_problems


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


def test_validate_strict_passes_on_every_built_in(catalog):
    assert [str(p) for p in strict_problems(catalog)] == []
    out = CliRunner().invoke(cli, ["validate", "--strict"], env={"MATURITY_LOAD_PLUGINS": ""})
    assert out.exit_code == 0, out.output
    assert "No problems found. (strict)" in out.output


def test_six_domains_of_real_size(catalog):
    assert list(catalog.questionnaires) == list(DOMAIN_ORDER)
    for domain, loaded in catalog.questionnaires.items():
        q = loaded.model
        assert q.version == "1.1.0"
        assert 10 <= len(q.capabilities) <= 15, domain
        for stage in (1, 2, 3):
            assert sum(c.stage_number == stage for c in q.capabilities) >= 3, (domain, stage)
        for cap in q.capabilities:
            assert 1 <= len(cap.questions) <= 3, cap.id
            assert cap.description and cap.advice and cap.kpis and cap.references, cap.id
        crossing = [r for c in q.capabilities for r in c.requires if catalog.domain_of[r] != domain]
        assert crossing, f"{domain} has no cross-domain prerequisite"


@pytest.mark.parametrize(
    "capability, prerequisite",
    [
        ("cyber.backups", "data.inventory"),  # backups need to know what data there is
        ("cyber.sso", "cloud.identity"),  # single sign-on needs a cloud identity
        ("ethics.ai-inventory", "data.inventory"),  # AI governance needs a data inventory
        ("ethics.ai-inventory", "ethics.ai-policy"),  # and an acceptable-use policy
    ],
)
def test_the_cross_domain_prerequisites_the_frameworks_call_for(catalog, capability, prerequisite):
    assert prerequisite in catalog.graph.prerequisites(capability)


def test_no_stage_needs_a_later_one(catalog):
    for cid, cap in catalog.capabilities.items():
        for req in catalog.graph.requires(cid):
            assert catalog.capabilities[req].stage_number <= cap.stage_number, (cid, req)
