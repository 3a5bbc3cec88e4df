"""Next steps for a stored assessment: investments accepted in the budget year count against
it, also after a new assessment, and those not yet in place are not recommended again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from maturity.catalog import Catalog
from maturity.models import Answer, AnswerFile, Profile
from maturity.overview import next_steps
from maturity.scoring import score
from maturity.store import open_store

UTC = dt.timezone.utc


def save(store, catalog: Catalog, when: dt.datetime) -> int:  # type: ignore[no-untyped-def]
    af = AnswerFile(
        profile=Profile(name="Acme", budget=4000, training_hours=100),
        questionnaires=catalog.versions(),
        answers={"al.one.q": Answer(answer="all"), "be.base.q": Answer(answer=["a", "b", "c"])},
    )
    return store.save_completed("Acme", af, score(catalog, af), catalog.versions(), {}, completed=when)


def test_an_investment_accepted_before_a_new_assessment_still_counts_this_year(tmp_path: Path, mini: Catalog) -> None:
    now = dt.datetime.now(UTC)
    with open_store(tmp_path / "m.db") as store:
        save(store, mini, now - dt.timedelta(days=90))
        store.add_investment("Acme", "al.two", 600)
        second = store.get_assessment(save(store, mini, now + dt.timedelta(minutes=1)))
        investments = store.investments("Acme")
    steps = next_steps(mini, second, investments, today=now.date())
    assert steps.committed == 600 and steps.remaining == 3400
    assert [inv.capability_id for inv in steps.accepted] == ["al.two"]
    assert "al.two" in steps.answer_file.profile.funded
    assert "al.two" not in [r.id for r in steps.recommendations.items]  # in progress, not offered again
    next_year = next_steps(mini, second, investments, today=now.date() + dt.timedelta(days=400))
    assert next_year.committed == 0 and next_year.remaining == 4000
