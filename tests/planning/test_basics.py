"""For a business that holds regulated data, two-step login, tested backups and protected
devices are complete within the plan's first year, or the roadmap says plainly, per step, what
prevents it: on every example and every held-out business."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity.assessment.answers import load_answers
from maturity.catalog import load_catalog
from maturity.planning import plan
from maturity.planning.left_out import BASICS

ROOT = Path(__file__).parents[2]
FILES = sorted((ROOT / "examples").glob("*.toml")) + sorted((ROOT / "tests" / "fixtures" / "heldout").glob("*.toml"))
REASONS = ("worth about", "needs", "it needs", "its domain was not assessed", "left out of this plan", "take the")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_the_basics_are_done_in_the_first_year_or_the_plan_says_why(catalog, path):
    answers = load_answers(path, catalog)
    if not answers.profile.regulated_data:
        return
    out = plan(catalog, answers)
    road = out.roadmap
    year = min(len(road.periods), 4)
    done = {cid for p in road.periods[:year] for cid in p.completed}
    have = out.result.achieved() | set(answers.profile.funded)
    notes = [n for n in road.notes if n.startswith("Your business handles")]
    for cid in BASICS:
        state = out.result.capabilities.get(cid)
        if cid not in catalog.capabilities or state is None or state.status == "not_applicable":
            continue
        if cid in have or cid in done:
            continue
        name = catalog.capabilities[cid].name
        assert notes, f"{path.stem}: {name} is not complete within the year and the roadmap does not say so"
        said = notes[0].split(name, 1)
        assert len(said) == 2, f"{path.stem}: the note leaves out {name}"
        reason = said[1][:400]
        assert reason.startswith(" (") and any(r in reason.split(")")[0] + ")" or r in reason for r in REASONS), (
            f"{path.stem}: {name} is named without a reason: {reason[:160]}")


def test_a_profile_without_a_country_is_told_that_no_law_is_applied(catalog):
    answers = load_answers(ROOT / "tests" / "fixtures" / "heldout" / "harwood-vets.toml", catalog)
    assert answers.profile.regulated_data and not answers.profile.country
    said = " ".join(plan(catalog, answers).recommendations.notes)
    assert "names no country, so no law that makes a step required" in said
    answers.profile.country = "GB"
    out = plan(catalog, answers)
    assert "names no country" not in " ".join(out.recommendations.notes + out.roadmap.notes)
