"""The profile form does not surprise: the cursor lands where text is added, escape asks before
throwing changes away, and saving an empty profile says what the plan then assumes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Checkbox, Input, SelectionList, Static

from maturity.catalog import Catalog
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.profile import Goal, OutsideHelp, Process
from maturity.assessment.scoring import score
from maturity.tui.screens.confirm import ConfirmScreen
from maturity.tui.screens.onboarding import OnboardingScreen
from maturity.tui.screens.questionnaire import QuestionnaireScreen
from maturity.tui.screens.start import StartScreen
from maturity.tui.widgets.process_row import ProcessRow

from .tui_support import at, make_app, profile, run, seed_history, settle, stored


def assessed(catalog: Catalog, db: Path, business) -> None:  # type: ignore[no-untyped-def]
    """A completed assessment of the business, as the start of a repeat."""
    done = AnswerFile(profile=business, questionnaires=catalog.versions(), answers={"al.one.q": Answer(answer="some")})
    with stored(db) as store:
        store.save_completed(business.name, done, score(catalog, done), catalog.versions(), {"maturity": "0.1.0"},
                             completed=at(2026, 2, 16))


def drafted(db: Path):  # type: ignore[no-untyped-def]
    """The profile of Acme's draft, as the form saved it."""
    with stored(db) as store:
        draft = store.draft("Acme")
    assert draft is not None
    return draft.answer_file.profile


async def repeat_form(pilot) -> OnboardingScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("a")  # a new assessment of Acme, from its last one
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, OnboardingScreen)
    return screen


@run
async def test_typing_adds_to_a_field_and_backspace_takes_one_letter(catalog: Catalog, db: Path) -> None:
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await repeat_form(pilot)
        assert app.focused is screen.query_one("#name")  # always the first field
        await pilot.press("tab")
        industry = screen.query_one("#industry", Input)
        assert app.focused is industry
        await pilot.press("s")
        assert industry.value == "retails"  # added to, not replaced
        await pilot.press("backspace")
        assert industry.value == "retail"
        await pilot.press("backspace")
        assert industry.value == "retai"
    app.shutdown()


@run
async def test_escape_asks_before_dropping_changes(catalog: Catalog, db: Path) -> None:
    seed_history(db, catalog)
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await repeat_form(pilot)
        await pilot.press("escape")  # nothing changed: leaves at once
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        screen = await repeat_form(pilot)
        await pilot.press("end", "!")  # the name changed
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # keep editing
        await settle(pilot)
        assert app.screen is screen and screen.query_one("#name", Input).value == "Acme!"
        await pilot.press("escape", "y")  # discard them
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
    app.shutdown()
    with stored(db) as store:
        assert store.draft("Acme") is None


@run
async def test_an_empty_profile_says_what_the_plan_assumes(catalog: Catalog, db: Path) -> None:
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Harbour", "enter")
        await settle(pilot)
        assert isinstance(app.screen, OnboardingScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
        said = " ".join(str(n.message) for n in app._notifications)
        assert "every goal counts the same" in said and "online selling" in said
        assert "no budget limit" in said and "20 h of training a quarter" in said
        assert "10 people" in said and "40 h of change work a quarter" in said
    app.shutdown()


@run
async def test_processes_take_pains_from_the_catalogue_and_in_own_words(catalog: Catalog, db: Path) -> None:
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Harbour", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        row = screen.query_one("#process-1", ProcessRow)
        row.name_input().focus()
        await settle(pilot)
        await pilot.press(*"Orders", "tab")  # to the list of known pains
        pains = row.query_one(SelectionList)
        assert app.focused is pains and pains.option_count == len(catalog.pains)
        await pilot.press("down", "space")  # the second pain of the catalogue
        await pilot.press("tab", *"the van is too small")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
    app.shutdown()
    second = list(catalog.pains)[1]
    with stored(db) as store:
        draft = store.draft("Harbour")
        assert draft is not None
        assert draft.answer_file.profile.processes == [Process(name="Orders", pain_points=[second, "the van is too small"])]


@run
async def test_a_repeat_shows_the_processes_and_their_pains_as_they_were(catalog: Catalog, db: Path) -> None:
    first = list(catalog.pains)[0]
    seed_history(db, catalog)
    with stored(db) as store:
        done = store.assessments("Acme", with_answers=False)[-1]
        profile = done.answer_file.profile
    app = make_app(catalog, db)
    processes = [Process(name="Invoicing", pain_points=[first, "slow; really"])]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        ws = app.workspace
        assert ws is not None
        edited = profile.model_copy(update={"processes": processes})
        app.push_screen(OnboardingScreen(ws, "Acme", edited, repeat=True))
        await settle(pilot)
        row = app.screen.query_one("#process-1", ProcessRow)
        assert row.name_input().value == "Invoicing"
        assert list(row.query_one(SelectionList).selected) == [first]
        assert row.value() == Process(name="Invoicing", pain_points=[first, "slow", "really"])
        assert app.screen.query_one("#process-2", ProcessRow).value() is None  # a blank row to add one
        await pilot.press("ctrl+s")
        await settle(pilot)
    app.shutdown()


@run
async def test_the_form_keeps_the_country_staff_hours_and_targets(catalog: Catalog, db: Path) -> None:
    aims = {"alpha": "intermediate", "beta": "intermediate"}
    assessed(catalog, db, profile("Acme", targets=aims, country="GB", project_hours=30.0))
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await repeat_form(pilot)
        country, hours = screen.query_one("#country", Input), screen.query_one("#project", Input)
        assert (country.value, hours.value) == ("GB", "30")
        country.focus()
        await settle(pilot)
        await pilot.press("backspace", "backspace", *"ie")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
    app.shutdown()
    with stored(db) as store:
        draft = store.draft("Acme")
        assert draft is not None
        kept = draft.answer_file.profile
        assert (kept.country, kept.project_hours, kept.targets) == ("IE", 30.0, aims)


def hint_of(screen: OnboardingScreen, field_id: str) -> str:
    """The help line under a field of the form."""
    field = screen.query_one(f"#{field_id}")
    row = field.parent
    assert row is not None and row.parent is not None
    siblings = list(row.parent.children)
    return str(siblings[siblings.index(row) + 1].render())


@run
async def test_the_value_figures_are_offered_each_optional_with_its_default_named(catalog: Catalog, db: Path) -> None:
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Harbour", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        for field in ("revenue", "staff-cost", "help-rate", "help-most"):
            assert screen.query_one(f"#{field}", Input).value == ""
        assert screen.query_one("#help-allowed", Checkbox).value is True  # allowed unless the owner says not
        assert "Left empty, it is estimated from the number of people and the industry" in hint_of(screen, "revenue")
        assert "Left empty, the typical cost for the country" in hint_of(screen, "staff-cost")
        assert "Left empty, the typical rate for the country" in hint_of(screen, "help-rate")
        assert "Left empty, any of the budget that is left" in hint_of(screen, "help-most")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
    app.shutdown()
    with stored(db) as store:
        draft = store.draft("Harbour")
        assert draft is not None
        kept = draft.answer_file.profile
        assert (kept.revenue, kept.staff_cost, kept.outside_help) == (None, None, None)


@run
async def test_the_form_keeps_the_value_figures(catalog: Catalog, db: Path) -> None:
    first = list(catalog.pains)[0]
    given = profile("Acme", revenue=820000, staff_cost=27.5, outside_help=OutsideHelp(rate=70, max_per_year=2000),
                    goals={"security": Goal(weight=8, worth=12000)},
                    processes=[Process(name="Invoicing", pain_points=[first], hours_per_week=3)])
    done = AnswerFile(profile=given, questionnaires=catalog.versions(), answers={"al.one.q": Answer(answer="some")})
    with stored(db) as store:
        store.save_completed("Acme", done, score(catalog, done), catalog.versions(), {"maturity": "0.1.0"},
                             completed=at(2026, 2, 16))
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await repeat_form(pilot)
        shown = [screen.query_one(f"#{f}", Input).value for f in ("revenue", "staff-cost", "help-rate", "help-most")]
        assert shown == ["820000", "27.5", "70", "2000"]
        revenue = screen.query_one("#revenue", Input)
        revenue.focus()
        await settle(pilot)
        await pilot.press("end", *"0")  # ten times as much
        screen.query_one("#help-most", Input).focus()
        await settle(pilot)
        await pilot.press(*["backspace"] * 4)  # no cap any more
        box = screen.query_one("#help-allowed", Checkbox)
        box.focus()
        await settle(pilot)
        await pilot.press("space")  # no outside help after all
        assert box.value is False
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
    app.shutdown()
    with stored(db) as store:
        draft = store.draft("Acme")
        assert draft is not None
        kept = draft.answer_file.profile
    assert (kept.revenue, kept.staff_cost) == (8200000, 27.5)
    assert kept.outside_help == OutsideHelp(allowed=False, rate=70)
    assert kept.goals["security"].worth == 12000
    assert kept.processes == [Process(name="Invoicing", pain_points=[first], hours_per_week=3)]


@run
async def test_a_bad_value_figure_names_its_field(catalog: Catalog, db: Path) -> None:
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Harbour", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        screen.query_one("#staff-cost", Input).focus()
        await settle(pilot)
        await pilot.press("0")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen  # not saved
        assert app.focused is screen.query_one("#staff-cost")
        assert "Staff cost an hour: " in str(screen.query_one("#problem", Static).render())
    app.shutdown()


MINI_BASELINE = """
[baseline]
id = "mini-standard"
name = "The Mini Standard"
short_name = "Mini Standard"
version = "1.0"
date = 2026-01-01
licence = "public domain"
source = "tests"

[[themes]]
id = "all"
name = "Everything"

[[items]]
id = "MS-1"
label = "The first thing is in place"
theme = "all"
evidence = [{ capability = "al.one", relation = "equal" }]
"""


@run
async def test_the_form_offers_a_baseline_to_reach_by_a_date(catalog: Catalog, db: Path, tmp_path: Path) -> None:
    from textual.widgets import Select

    from maturity.catalog.baselines import load_baseline
    from maturity.contract.profile import BaselineTarget

    (tmp_path / "mini-standard.toml").write_text(MINI_BASELINE, encoding="utf-8")
    one = load_baseline(tmp_path / "mini-standard.toml")
    catalog._baselines = {one.key: one}
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Harbour", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, OnboardingScreen)
        chooser = screen.query_one("#baseline", Select)
        assert chooser.value is Select.NULL  # none unless the owner chooses one
        assert "completes what it needs by that date" in str(chooser.parent.parent.children[
            list(chooser.parent.parent.children).index(chooser.parent) - 1].render())
        chooser.focus()
        await settle(pilot)
        await pilot.press("enter", "down", "enter")  # open the list, take the one baseline
        await settle(pilot)
        assert chooser.value == "mini-standard"
        when = screen.query_one("#baseline-by", Input)
        when.focus()
        await settle(pilot)
        await pilot.press(*"2026-01-31")  # before the app's today (9 May 2026)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen  # not saved: the field is named
        assert app.focused is when
        assert "Reach it by: 2026-01-31 is not after today" in str(screen.query_one("#problem", Static).render())
        await pilot.press(*["backspace"] * 10, *"2027-03-31")
        screen.query_one("#baseline-worth", Input).focus()
        await settle(pilot)
        await pilot.press(*"4000")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
    app.shutdown()
    with stored(db) as store:
        draft = store.draft("Harbour")
        assert draft is not None
        assert draft.answer_file.profile.baseline == BaselineTarget(id="mini-standard", by="2027-03-31", worth=4000)


@run
async def test_the_form_keeps_the_changes_a_quarter_and_names_its_default(catalog: Catalog, db: Path) -> None:
    assessed(catalog, db, profile("Acme", changes_per_quarter=2))
    app = make_app(catalog, db)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await repeat_form(pilot)
        changes = screen.query_one("#changes", Input)
        assert changes.value == "2"
        assert "one more for every 4 people" in hint_of(screen, "changes")
        changes.focus()
        await settle(pilot)
        await pilot.press("backspace", "5")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, QuestionnaireScreen)
    app.shutdown()
    assert drafted(db).changes_per_quarter == 5
