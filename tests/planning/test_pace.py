"""The pace of change: the profile's `changes_per_quarter`, else a few steps a quarter growing
with the number of people; must-haves, quick protections and steps with a date come on top."""

from __future__ import annotations

from pathlib import Path

import pytest

from maturity.assessment.answers import load_answers
from maturity.catalog import load_catalog
from maturity.contract.profile import Profile
from maturity.planning import plan

FERNHILL = Path(__file__).parents[1] / "fixtures" / "heldout" / "fernhill-creative.toml"


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(user_dir=None, env={})


@pytest.mark.parametrize("people, expected", [(1, 4), (4, 4), (5, 5), (8, 5), (15, 7), (20, 8), (500, 8)])
def test_the_default_pace_grows_gently_with_the_team(people, expected):
    assert Profile(size=people).changes_per_quarter_value() == (expected, True)


def test_the_owners_own_pace_is_kept_and_said(catalog):
    answers = load_answers(FERNHILL, catalog)
    own = answers.model_copy(update={"profile": answers.profile.model_copy(update={"changes_per_quarter": 2})})
    default, slow = plan(catalog, answers).roadmap, plan(catalog, own).roadmap
    assert default.steps_per_period == 7 and slow.steps_per_period == 2
    assert all(p.paced <= 2 for p in slow.periods)
    assert sum(p.paced for p in slow.periods) < sum(p.paced for p in default.periods)
    assert any("At most 2 steps are completed a quarter, as the profile says" in a for a in slow.assumptions)
    assert any("your own figure in the profile replaces it" in a for a in default.assumptions)


def test_a_pace_below_one_names_the_field(catalog, tmp_path):
    from maturity.common.errors import AnswerError

    text = FERNHILL.read_text(encoding="utf-8").replace("[profile]\n", "[profile]\nchanges_per_quarter = 0\n", 1)
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(AnswerError) as err:
        load_answers(bad, catalog)
    assert "changes_per_quarter" in str(err.value)


def test_a_quarter_says_which_of_its_steps_come_on_top_of_the_pace(catalog):
    road = plan(catalog, load_answers(FERNHILL, catalog)).roadmap
    busy = [p for p in road.periods if len(p.completed) > p.paced]
    assert busy, "Fernhill's first quarter holds urgent protections beside the paced steps"
    for p in road.periods:
        words = p.pace_words()
        if p in busy:
            extra = len(p.completed) - p.paced
            assert words.startswith(f"{len(p.completed)} steps complete: {p.paced} at the pace of change, and {extra} ")
        else:
            assert words == ""
