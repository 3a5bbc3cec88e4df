"""Stages that inform: progress inside the stage being built, the "Largely" label, and domains
that are not assessed. docs/stages-and-targets.md states the rules checked here."""

from __future__ import annotations

import re

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.catalog import Catalog, load_catalog
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.questionnaire import Question
from maturity.contract.result import Result
from maturity.report.plain import render_result
from maturity.assessment.scoring import score, standing


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(user_dir=None, env={})


def best(question: Question) -> Answer:
    """The answer that earns the question's full credit."""
    if question.type == "number":
        return Answer(answer=max(t.at_least for t in question.thresholds))
    if question.type == "text":
        return Answer(answer="yes, we do")
    top = max(question.options, key=lambda o: o.credit)
    return Answer(answer=[top.id] if question.type == "multi" else top.id)


def worst(question: Question) -> Answer:
    if question.type == "number":
        return Answer(answer=min(t.at_least for t in question.thresholds))
    if question.type == "text":
        return Answer(answer="no")
    low = min(question.options, key=lambda o: o.credit)
    return Answer(answer=[low.id] if question.type == "multi" else low.id)


def fundamentals(catalog: Catalog, domain: str) -> list[str]:
    return [c.id for c in catalog.questionnaire(domain).capabilities if c.stage == "fundamentals" and not c.applies_if]


def answers(catalog: Catalog, in_place: set[str], domains: tuple[str, ...] = ("cybersecurity",)) -> AnswerFile:
    """Every question of `domains` answered: best for the capabilities in `in_place`, worst for
    the others."""
    out = {}
    for domain in domains:
        for cap in catalog.questionnaire(domain).capabilities:
            for q in cap.questions:
                out[q.id] = best(q) if cap.id in in_place else worst(q)
    return AnswerFile(answers=out)


def test_progress_counts_the_stage_being_built_and_names_what_is_missing(catalog: Catalog) -> None:
    caps = fundamentals(catalog, "cybersecurity")
    result = score(catalog, answers(catalog, set(caps[1:])))
    d = result.domain("cybersecurity")
    assert d.stage == 0 and d.stage_name == "Not started"  # gated: one gap keeps the stage
    assert d.building is not None
    assert (d.building.stage, d.building.in_place, d.building.applicable) == (1, len(caps) - 1, len(caps))
    assert d.building.missing == [caps[0]] and d.building.largely
    assert d.label == "Largely Fundamentals"
    text = render_result(result, catalog)
    name = catalog.capabilities[caps[0]].name
    assert f"  Building Fundamentals: {len(caps) - 1} of {len(caps)} in place; missing: {name} (0%)" in text


def test_largely_means_more_than_half(catalog: Catalog) -> None:
    caps = fundamentals(catalog, "cybersecurity")
    assert len(caps) % 2 == 0, "the test needs an even number to try exactly half"
    half = score(catalog, answers(catalog, set(caps[: len(caps) // 2]))).domain("cybersecurity")
    more = score(catalog, answers(catalog, set(caps[: len(caps) // 2 + 1]))).domain("cybersecurity")
    assert half.building is not None and not half.building.largely and half.label == "Building Fundamentals"
    assert more.building is not None and more.building.largely and more.label == "Largely Fundamentals"
    assert half.stage == more.stage == 0


def test_not_started_means_nothing_of_the_first_stage_is_in_place(catalog: Catalog) -> None:
    d = score(catalog, answers(catalog, set())).domain("cybersecurity")
    assert d.label == "Not started" and d.building is not None and d.building.in_place == 0


def test_a_reached_stage_keeps_its_name_while_the_next_is_under_half(catalog: Catalog) -> None:
    q = catalog.questionnaire("cybersecurity")
    base = {c.id for c in q.capabilities if c.stage == "fundamentals"}
    d = score(catalog, answers(catalog, base)).domain("cybersecurity")
    assert d.stage == 1 and d.label == "Fundamentals"
    assert d.building is not None and d.building.stage == 2 and d.building.in_place == 0
    everything = {c.id for c in q.capabilities}
    top = score(catalog, answers(catalog, everything)).domain("cybersecurity")
    assert top.stage == 3 and top.label == "Advanced" and top.building is None


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_the_label_never_says_not_started_where_most_of_a_stage_is_in_place(catalog: Catalog, data: st.DataObject) -> None:
    caps = [c.id for c in catalog.questionnaire("cybersecurity").capabilities]
    chosen = set(data.draw(st.lists(st.sampled_from(caps), unique=True)))
    d = score(catalog, answers(catalog, chosen)).domain("cybersecurity")
    assert d.building is None or d.building.stage == d.stage + 1
    if d.building is not None and 2 * d.building.in_place > d.building.applicable:
        assert d.label == f"Largely {d.building.stage_name}"
    if d.label == "Not started":
        assert d.building is not None and d.building.in_place == 0


# --------------------------------------------------------------------------------------------
# not assessed
# --------------------------------------------------------------------------------------------


def test_domains_without_answers_are_not_assessed_and_not_the_weakest_link(catalog: Catalog) -> None:
    result = score(catalog, answers(catalog, set(), domains=("cybersecurity", "cloud")))
    assert result.assessed_domains() == ["cybersecurity", "cloud"]
    for domain in ("automation", "data", "talent", "ethics"):
        d = result.domain(domain)
        assert d.assessed is False and d.label == "Not assessed" and d.building is None
        assert d.target is not None and d.target.below is None
    assert result.weakest_link is not None and set(result.weakest_link.domains) <= {"cybersecurity", "cloud"}
    assert any(w.startswith("Not assessed (no question answered): Automation, Data") for w in result.warnings)
    text = render_result(result, catalog)
    assert re.search(r"Automation: not assessed \(no question answered\); left out of the weakest link", text)
    assert "◀ weakest link" not in [line for line in text.splitlines() if line.startswith("Automation")][0]


def test_dont_know_and_not_applicable_are_answers(catalog: Catalog) -> None:
    first = catalog.questionnaire("data").capabilities[0].questions[0].id
    unsure = score(catalog, AnswerFile(answers={first: Answer(dont_know=True)}))
    assert unsure.assessed_domains() == ["data"]
    skipped = score(catalog, AnswerFile(answers={first: Answer(not_applicable="we keep no data")}))
    assert skipped.assessed_domains() == ["data"]
    nothing = score(catalog, AnswerFile())
    assert nothing.assessed_domains() == [] and nothing.weakest_link is None
    assert "No domain is assessed yet: answer at least one question" in render_result(nothing, catalog)


def test_an_empty_answer_is_no_answer(catalog: Catalog) -> None:
    first = catalog.questionnaire("data").capabilities[0].questions[0].id
    assert score(catalog, AnswerFile(answers={first: Answer(answer="")})).assessed_domains() == []


# --------------------------------------------------------------------------------------------
# results stored before these fields existed
# --------------------------------------------------------------------------------------------


def test_a_result_stored_without_the_new_fields_reads_back_and_dumps_as_it_was(catalog: Catalog) -> None:
    caps = fundamentals(catalog, "cybersecurity")
    new = score(catalog, answers(catalog, set(caps[1:]), domains=("cybersecurity", "cloud")))
    old_json = new.model_dump(mode="json")
    for d in old_json["domains"]:
        for key in ("assessed", "label", "building", "target"):
            d.pop(key, None)
    del old_json["weakest_link"]["below_target"]
    old = Result.model_validate_json(json.dumps(old_json))
    assert old.model_dump(mode="json") == old_json  # so its content hash still matches
    label, progress = standing(old, "cybersecurity", catalog)
    assert (label, progress) == (new.domain("cybersecurity").label, new.domain("cybersecurity").building)
    assert not old.domain("data").is_assessed and old.domain("cloud").is_assessed
    assert standing(old, "data")[0] == "Not assessed"
    render_result(old, catalog)  # shown without targets


def test_a_profile_stored_before_targets_dumps_as_it_was() -> None:
    stored = {"name": "Old", "industry": "", "size": None, "budget": None, "currency": "USD", "goals": {},
              "processes": [], "training_hours": None, "sales_channels": [], "regulated_data": [], "facts": [], "funded": []}
    profile = AnswerFile.model_validate({"profile": stored}).profile
    assert profile.model_dump(mode="json") == stored


def test_the_schema_v1_fixture_still_matches_its_hashes(tmp_path: Path) -> None:
    import shutil

    from maturity.store import open_store

    path = tmp_path / "v1.db"
    shutil.copyfile(Path(__file__).parents[1] / "fixtures" / "db" / "schema-v1.db", path)
    with open_store(path) as store:
        for org in ("Fixture Bakery", "Second Org"):
            assert all(a.hash_matches() for a in store.assessments(org))
