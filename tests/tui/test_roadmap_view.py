"""The roadmap as the terminal app shows it: work that carries over is shown in every quarter
it takes hours in, so a quarter with hours used never reads "nothing fits"."""

from __future__ import annotations

from pathlib import Path

from maturity.assessment.answers import load_answers
from maturity.catalog import load_catalog
from maturity.common.formatting import hours, money
from maturity.planning import plan
from maturity.tui.widgets.roadmap_view import RoadmapView

BAKERY = Path(__file__).parents[2] / "examples" / "corner-bakery.toml"


def test_work_that_carries_over_is_shown_in_each_quarter_it_runs_in() -> None:
    catalog = load_catalog(user_dir=None, env={})
    answers = load_answers(BAKERY, catalog)
    road = plan(catalog, answers, periods=4, budget_per_period=2000, hours_per_period=20).roadmap
    names = {cid: cap.name for cid, cap in catalog.capabilities.items()}
    carried = [(p, i) for p in road.periods for i in p.items if i.finishes > p.number]
    assert carried, "the example should carry work over"
    text = RoadmapView.describe(road, names).plain
    period, item = carried[0]
    helped = f", of which {hours(item.help_hours)} of outside help" if item.help_hours >= 0.5 else ""
    assert f"{item.name}  {money(item.one_off)}" in text
    assert f"{hours(item.hours)}{helped}, complete in quarter {item.finishes}" in " ".join(text.split())
    for later in range(period.number + 1, item.finishes + 1):
        block = text.split(f"Quarter {later}", 1)[1].split("Quarter ", 1)[0]
        assert f"… {item.name} (continued)" in block
        assert "nothing fits" not in block


def test_the_roadmap_shows_the_plan_toward_the_baseline_in_the_planners_words() -> None:
    import datetime as dt

    from maturity.contract.profile import BaselineTarget

    catalog = load_catalog(user_dir=None, env={})
    answers = load_answers(BAKERY, catalog)
    answers.profile.baseline = BaselineTarget(id="cyber-essentials", by=dt.date(2027, 12, 7), worth=5000)
    road = plan(catalog, answers, today=dt.date(2026, 12, 7)).roadmap
    assert road.baseline is not None
    text = " ".join(RoadmapView.describe(road, {c: cap.name for c, cap in catalog.capabilities.items()}).plain.split())
    for line in road.baseline.lines:
        assert " ".join(line.split()) in text
    assert "Cyber Essentials by 7 December 2027" in text
