"""History, diff, KPI progress, ROI and payback: the pure computations."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from maturity.catalog import Catalog
from maturity.common.errors import StoreError
from maturity.history import (
    cost_to,
    describe_answer,
    diff,
    history,
    investment_report,
    kpi_progress,
    linked_assessments,
    payback_date,
)
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.questionnaire import Capability, Question
from maturity.contract.profile import Profile
from maturity.assessment.scoring import score
from maturity.store import CostEntry, Investment, Measurement, StoredAssessment
from maturity.store.models import Benefit

from conftest import MINI, catalog_of

UTC = dt.timezone.utc
D = dt.date


def at(year: int, month: int, day: int) -> dt.datetime:
    return dt.datetime(year, month, day, 12, tzinfo=UTC)


def stored(catalog: Catalog, number: int, when: dt.datetime, status: str = "completed", **given: object) -> StoredAssessment:
    af = AnswerFile(
        profile=Profile(name="Acme", currency="EUR"),
        questionnaires=catalog.versions(),
        answers={k.replace("_", "."): v if isinstance(v, Answer) else Answer(answer=v) for k, v in given.items()},
    )
    return StoredAssessment(
        id=number, org="Acme", status=status, created=when, updated=when,
        completed=when if status == "completed" else None, answer_file=af,
        result=score(catalog, af) if status == "completed" else None, versions=catalog.versions(),
    )


# -- history ---------------------------------------------------------------------------------


def test_history_rows_and_trends(mini: Catalog) -> None:
    later = stored(mini, 7, at(2024, 7, 1), al_one_q="all", be_base_q=["b", "c"], al_two_q=True)
    early = stored(mini, 3, at(2024, 1, 1), al_one_q="some")
    report = history("Acme", [later, early])
    assert [r.id for r in report.rows] == [3, 7]
    assert report.domains == {"alpha": "Alpha", "beta": "Beta"}
    assert report.rows[0].domains["alpha"].stage == 0 and report.rows[1].domains["alpha"].stage == 2
    alpha = next(t for t in report.trends if t.domain == "alpha")
    assert alpha.sentence.startswith("Alpha moved up from Not started to Intermediate")


def test_history_of_one_assessment_has_no_trend(mini: Catalog) -> None:
    report = history("Acme", [stored(mini, 1, at(2024, 1, 1), al_one_q="some")])
    assert len(report.rows) == 1 and report.trends == []
    assert history("Acme", []).rows == []


# -- diff ------------------------------------------------------------------------------------


def test_diff_same_versions(mini: Catalog) -> None:
    a = stored(mini, 1, at(2024, 1, 15), al_one_q="all", be_base_q=["b", "c"], al_two_q=True, al_three_q=1)
    b = stored(mini, 2, at(2024, 7, 15), al_one_q="some", be_base_q=["c", "b"], al_two_q=True, al_three_q=6)
    report = diff(a, b, mini)
    assert report.summary[0] == "From #1 (15 Jan 2024) to #2 (15 Jul 2024), 6 months apart:"
    alpha = next(c for c in report.domains if c.domain == "alpha")
    assert alpha.direction == "down" and alpha.before.stage_name == "Intermediate" and alpha.after.stage_name == "Not started"
    assert [c.id for c in report.lost] == ["al.one"] and [c.name for c in report.achieved] == ["Three"]
    # the order of a multi answer does not matter; labels and units are shown
    assert [(c.question, c.before, c.after) for c in report.answers] == [
        ("How much of one?", "All", "Some"),
        ("How many threes a year?", "1 three", "6 threes"),
    ]
    assert report.not_compared == []
    assert any(s.startswith("No longer in place: One") for s in report.summary)


def test_diff_without_catalog_uses_ids(mini: Catalog) -> None:
    a = stored(mini, 1, at(2024, 1, 1), al_one_q="some")
    b = stored(mini, 2, at(2024, 1, 2), al_one_q="all")
    report = diff(a, b)
    assert report.answers[0].question == "al.one.q" and (report.answers[0].before, report.answers[0].after) == ("some", "all")
    assert report.summary[0].endswith("1 day apart:")


def test_diff_nothing_changed(mini: Catalog) -> None:
    a = stored(mini, 1, at(2024, 1, 1), al_one_q="some")
    b = stored(mini, 2, at(2025, 3, 1), al_one_q="some")
    report = diff(a, b, mini)
    assert (report.achieved, report.lost, report.answers) == ([], [], [])
    assert "No domain changed stage or index." in report.summary
    assert "14 months apart" in report.summary[0]


def newer_alpha(mini: Catalog) -> Catalog:
    """Alpha 1.1.0: drops `al.three`, adds `al.four`."""
    alpha = mini.questionnaire("alpha")
    four = Capability(
        id="al.four", name="Four", stage="advanced", requires=["al.two"],
        questions=[Question(id="al.four.q", text="Four?", type="yes_no")],
    )
    caps = [c for c in alpha.capabilities if c.id != "al.three"] + [four]
    info = alpha.questionnaire.model_copy(update={"version": "1.1.0"})
    return catalog_of(alpha.model_copy(update={"questionnaire": info, "capabilities": caps}), mini.questionnaire("beta"))


def test_diff_across_questionnaire_versions(mini: Catalog) -> None:
    new = newer_alpha(mini)
    a = stored(mini, 1, at(2024, 1, 1), al_one_q="all", al_three_q=6, be_base_q=["b"])
    b = stored(new, 2, at(2025, 1, 1), al_one_q="all", al_four_q=True, be_base_q=["b", "c"])
    report = diff(a, b, new)
    alpha = next(c for c in report.domains if c.domain == "alpha")
    assert (alpha.version_before, alpha.version_after) == ("1.0.0", "1.1.0")
    assert "changed from version 1.0.0 to 1.1.0" in alpha.sentence
    notes = "\n".join(report.not_compared)
    assert "al.three exists only in the questionnaire of #1 (alpha 1.0.0 → 1.1.0)" in notes
    assert "Four exists only in the questionnaire of #2" in notes
    assert "The answer to 'al.three.q' is only in #1" in notes and "The answer to 'Four?' is only in #2" in notes
    # what both versions share is still compared
    assert [c.question_id for c in report.answers] == ["be.base.q"]
    assert any("could not be compared" in s for s in report.summary)


def test_diff_with_a_domain_on_one_side(mini: Catalog) -> None:
    only_alpha = catalog_of(mini.questionnaire("alpha").model_copy(
        update={"capabilities": [mini.capabilities["al.one"]]}))
    a = stored(only_alpha, 1, at(2024, 1, 1), al_one_q="some")
    b = stored(mini, 2, at(2024, 6, 1), al_one_q="some", be_base_q=["b"])
    report = diff(a, b, mini)
    assert "Beta was not assessed in #1; it is new in #2." in report.not_compared
    assert report.lost == [] and report.achieved == []
    assert diff(b, a, mini).not_compared[0] == "Beta was assessed in #2 but not in #1."


def test_diff_refuses_drafts(mini: Catalog) -> None:
    a = stored(mini, 1, at(2024, 1, 1), al_one_q="some")
    draft = stored(mini, 2, at(2024, 2, 1), status="draft")
    with pytest.raises(StoreError, match="#2 is a draft"):
        diff(a, draft)


@pytest.mark.parametrize(
    ("answer", "qid", "text"),
    [
        (None, "al.one.q", "no answer"),
        (Answer(dont_know=True), "al.one.q", "don't know"),
        (Answer(not_applicable="no such thing"), "al.one.q", "not applicable (no such thing)"),
        (Answer(answer="most"), "al.one.q", "Most"),
        (Answer(answer=True), "al.two.q", "Yes"),
        (Answer(answer="no"), "al.two.q", "No"),
        (Answer(answer=[]), "be.base.q", "none"),
        (Answer(answer=2.5), "al.three.q", "2.5 threes"),
        (Answer(answer=""), "al.one.q", "no answer"),
    ],
)
def test_describe_answer(mini: Catalog, answer: Answer | None, qid: str, text: str) -> None:
    assert describe_answer(answer, mini.questions[qid][0]) == text


@pytest.mark.parametrize(("value", "text"), [(1, "1 hour"), (2, "2 hours"), (1.5, "1.5 hours"), (0, "0 hours")])
def test_a_number_answer_agrees_with_its_unit(value: float, text: str) -> None:
    question = Question(id="al.one.hours", text="How many hours?", type="number", unit="hours",
                        thresholds=[{"at_least": 0, "credit": 0.0}])
    assert describe_answer(Answer(answer=value), question) == text


# -- investments -----------------------------------------------------------------------------


def investment(**fields: object) -> Investment:
    base: dict[str, object] = {"id": 1, "org": "Acme", "capability_id": "al.two", "planned_cost": 1000.0, "created": at(2024, 1, 20)}
    base.update(fields)
    return Investment.model_validate(base)


def cost(kind: str, amount: float, on: D) -> CostEntry:
    return CostEntry(id=0, kind=kind, amount=amount, on=on)  # type: ignore[arg-type]


def benefit(amount: float, on: D) -> Benefit:
    return Benefit(id=0, amount=amount, on=on)


def test_cost_to_counts_each_year_started() -> None:
    inv = investment(costs=[cost("one_off", 500, D(2024, 2, 1)), cost("yearly", 100, D(2024, 2, 29)),
                            cost("internal_hours", 10, D(2024, 3, 1))], hourly_rate=20)
    assert cost_to(inv, D(2024, 1, 31)) == (0, 0)
    assert cost_to(inv, D(2024, 2, 29)) == (600, 0)
    assert cost_to(inv, D(2024, 3, 1)) == (800, 10)
    assert cost_to(inv, D(2025, 2, 28)) == (800, 10)
    assert cost_to(inv, D(2025, 3, 1)) == (900, 10)  # the second year began
    assert cost_to(investment(costs=inv.costs), D(2024, 3, 1)) == (600, 10)  # hours without a rate: not money


def test_payback_exact_and_estimated() -> None:
    inv = investment(costs=[cost("one_off", 1000, D(2024, 1, 1))],
                     benefits=[benefit(400, D(2024, 2, 1)), benefit(400, D(2024, 3, 1)), benefit(400, D(2024, 4, 1))])
    assert payback_date(inv, D(2024, 12, 31)) == (D(2024, 4, 1), False)
    when, estimated = payback_date(inv, D(2024, 3, 15))
    assert estimated and D(2024, 3, 15) < when < D(2024, 6, 1)
    assert payback_date(investment(costs=inv.costs), D(2024, 12, 31)) == (None, False)  # no benefit yet
    assert payback_date(investment(benefits=inv.benefits), D(2024, 12, 31)) == (None, False)  # no cost


def test_payback_never_when_yearly_costs_outrun_benefits() -> None:
    inv = investment(costs=[cost("yearly", 1200, D(2024, 1, 1))], benefits=[benefit(10, D(2024, 6, 1))])
    assert payback_date(inv, D(2024, 7, 1)) == (None, False)


def test_kpi_progress() -> None:
    assert kpi_progress(10, 2, 6) == 0.5  # a KPI meant to fall
    assert kpi_progress(20, 100, 85) == pytest.approx(0.8125)
    assert kpi_progress(1, 1, 5) is None and kpi_progress(None, 2, 1) is None and kpi_progress(1, 2, None) is None


@given(
    st.floats(-1e6, 1e6, allow_nan=False), st.floats(-1e6, 1e6, allow_nan=False),
)
def test_kpi_progress_is_zero_at_baseline_and_one_at_target(baseline: float, target: float) -> None:
    assume(abs(target - baseline) > 1e-6)
    assert kpi_progress(baseline, target, baseline) == 0
    assert kpi_progress(baseline, target, target) == pytest.approx(1)


@given(
    st.lists(st.tuples(st.sampled_from(["one_off", "yearly"]), st.floats(1, 1e5), st.integers(0, 900)), min_size=1, max_size=5),
    st.lists(st.tuples(st.floats(1, 1e5), st.integers(0, 900)), max_size=8),
)
def test_payback_is_the_first_day_benefits_cover_costs(costs: list, benefits: list) -> None:  # type: ignore[type-arg]
    start = D(2024, 1, 1)
    inv = investment(
        costs=[cost(k, a, start + dt.timedelta(days=d)) for k, a, d in costs],
        benefits=[benefit(a, start + dt.timedelta(days=d)) for a, d in benefits],
    )
    end = start + dt.timedelta(days=1000)
    day, estimated = payback_date(inv, end)
    if day is not None and not estimated:
        spent, _ = cost_to(inv, day)
        gained = sum(b.amount for b in inv.benefits if b.on <= day)
        assert gained >= spent > 0
        before = day - dt.timedelta(days=1)
        spent_before, _ = cost_to(inv, before)
        assert sum(b.amount for b in inv.benefits if b.on <= before) < spent_before or spent_before == 0
    if estimated:
        assert day is not None and day > end


def test_linked_assessments(mini: Catalog) -> None:
    a1 = stored(mini, 1, at(2024, 1, 1), al_one_q="some")
    a2 = stored(mini, 2, at(2024, 3, 1), al_one_q="some")
    a3 = stored(mini, 3, at(2024, 9, 1), al_one_q="all")
    a4 = stored(mini, 4, at(2025, 1, 1), al_one_q="all")
    inv = investment(start=D(2024, 4, 1))
    assert linked_assessments(inv, [a4, a3, a2, a1]) == (a2, a4)
    assert linked_assessments(investment(start=D(2024, 4, 1), before_id=1, after_id=3), [a1, a2, a3, a4]) == (a1, a3)
    assert linked_assessments(investment(start=D(2023, 1, 1)), [a1]) == (None, a1)
    assert linked_assessments(investment(start=D(2026, 1, 1)), [a1, a2]) == (a2, None)
    # no dates: the day it was recorded
    assert linked_assessments(investment(), [a1, a2]) == (a1, a2)


def test_investment_report(mini: Catalog) -> None:
    before = stored(mini, 1, at(2024, 1, 15), al_one_q="all", be_base_q=["b", "c"], al_two_q=False)
    after = stored(mini, 2, at(2024, 7, 10), al_one_q="all", be_base_q=["b", "c"], al_two_q=True)
    inv = investment(
        start=D(2024, 2, 1), end=D(2024, 4, 30), kpi="hours to invoice", unit="h/week", baseline=10, target=2,
        hourly_rate=40, planned_cost=3000,
        costs=[cost("one_off", 1800, D(2024, 2, 5)), cost("yearly", 600, D(2024, 2, 5)), cost("internal_hours", 20, D(2024, 3, 1))],
        measurements=[Measurement(id=1, value=6, on=D(2024, 5, 1)), Measurement(id=2, value=4, on=D(2024, 7, 1))],
        benefits=[benefit(900, D(2024, 5, 31)), benefit(900, D(2024, 6, 30)), benefit(900, D(2024, 7, 31)), benefit(900, D(2024, 8, 31))],
    )
    report = investment_report(inv, [before, after], as_of=D(2024, 9, 1), catalog=mini)
    assert report.capability == "Two"
    assert (report.cost_to_date, report.hours, report.hours_cost, report.benefit_to_date) == (3200, 20, 800, 3600)
    assert report.roi == pytest.approx(400 / 3200)
    assert (report.payback, report.payback_estimated) == (D(2024, 8, 31), False)
    assert report.kpi_latest is not None and report.kpi_latest.value == 4 and report.kpi_progress == 0.75
    m = report.maturity
    assert (m.before_id, m.after_id, m.status_before, m.status_after, m.progress) == (1, 2, "not_started", "achieved", 1.0)
    text = "\n".join(report.sentences)
    assert "planned €3,000, spent €3,200" in text
    assert "from 10 to 4 h/week (01 Jul 2024), target 2 h/week: 75% of the way" in text
    assert "Two went from not started to in place between #1 and #2" in text
    assert "Return so far: +12%" in text and "Paid back on 31 Aug 2024." in text
    assert "contribution, not its sole doing" in text
    # seen from June: the July assessment and later entries do not exist yet
    june = investment_report(inv, [before, after], as_of=D(2024, 6, 15), catalog=mini)
    assert june.maturity.after_id is None and june.kpi_progress == 0.5 and june.benefit_to_date == 900
    assert "no assessment since the investment started" in "\n".join(june.sentences)
    assert june.payback_estimated


def test_investment_report_without_numbers(mini: Catalog) -> None:
    report = investment_report(investment(kpi="adoption"), [], as_of=D(2024, 2, 1))
    assert report.roi is None and report.payback is None and report.kpi_progress is None
    assert "KPI 'adoption': no measurement yet." in report.sentences
    hours_only = investment_report(investment(costs=[cost("internal_hours", 5, D(2024, 1, 25))]), [], as_of=D(2024, 2, 1))
    assert "not counted in the cost (no hourly rate given)" in "\n".join(hours_only.sentences)


def test_mini_is_the_fixture() -> None:
    assert MINI.name == "mini"


def test_a_target_equal_to_the_baseline_is_named_as_such() -> None:
    flat = investment(kpi="coverage", unit="%", baseline=10, target=10, measurements=[Measurement(id=1, value=12, on=D(2024, 1, 20))])
    text = "\n".join(investment_report(flat, [], as_of=D(2024, 2, 1)).sentences)
    assert "the target equals the baseline (10 %), so there is no way to go" in text
    assert "give a baseline and a target" not in text
    missing = investment(kpi="coverage", measurements=[Measurement(id=1, value=12, on=D(2024, 1, 20))])
    assert "give a baseline and a target to see progress" in "\n".join(investment_report(missing, [], as_of=D(2024, 2, 1)).sentences)


def test_the_expected_return_stands_beside_the_measured_one() -> None:
    from pathlib import Path

    from maturity.assessment.answers import load_answers
    from maturity.catalog import load_catalog
    from maturity.planning.value import ValueModel

    catalog = load_catalog(user_dir=None, env={})
    answers = load_answers(Path(__file__).parents[2] / "examples" / "corner-bakery.toml", catalog)
    result = score(catalog, answers)
    before = StoredAssessment(id=1, org="Acme", status="completed", created=at(2024, 1, 15), updated=at(2024, 1, 15),
                              completed=at(2024, 1, 15), answer_file=answers, result=result, versions=catalog.versions())
    inv = investment(capability_id="cyber.mfa", start=D(2024, 2, 1), benefits=[benefit(120, D(2024, 6, 30))])
    report = investment_report(inv, [before], as_of=D(2024, 9, 1), catalog=catalog)
    worth = ValueModel(catalog.for_profile(answers.profile), answers, result).valuation("cyber.mfa")
    assert report.expected_yearly == pytest.approx(worth.total, abs=0.01) and report.expected_yearly > 0
    assert report.expected_low <= report.expected_yearly <= report.expected_high
    text = "\n".join(report.sentences)
    assert "Expected when in place: about $" in text and "recorded so far: $120 of benefits" in text
    # without an assessment before it, nothing is claimed
    assert investment_report(inv, [], as_of=D(2024, 9, 1), catalog=catalog).expected_yearly is None
