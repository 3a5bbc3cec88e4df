"""Onboarding: who the business is and what it wants, before any technology question.

The profile drives everything after it: goal weights rank the recommendations, the budget and
training hours bound the roadmap, and sales channels and regulated data decide which
capabilities apply at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.validation import Integer, Number
from textual.widgets import Button, Checkbox, Footer, Header, Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from ...assessment.assumed import WHEN_BLANK, assumed_briefly
from ...contract.profile import Goal, Profile
from ..text import join, literal, printable
from ..widgets.goal_row import GoalRow
from ..widgets.process_row import ProcessRow

if TYPE_CHECKING:  # pragma: no cover
    from ..workspace import Workspace


#: Profile fields as the form names them, and the input each is typed in.
FIELDS = {
    "name": ("Name", "#name"),
    "industry": ("Industry", "#industry"),
    "size": ("People", "#size"),
    "budget": ("Technology budget a year", "#budget"),
    "currency": ("Currency", "#currency"),
    "country": ("Country", "#country"),
    "project_hours": ("Staff hours a quarter", "#project"),
    "training_hours": ("Training hours", "#training"),
    "changes_per_quarter": ("Changes a quarter", "#changes"),
    "revenue": ("Yearly revenue", "#revenue"),
    "staff_cost": ("Staff cost an hour", "#staff-cost"),
    "outside_help.rate": ("Outside help an hour", "#help-rate"),
    "outside_help.max_per_year": ("Outside help, most a year", "#help-most"),
    "baseline": ("Baseline to reach", "#baseline"),
    "baseline.by": ("Reach it by", "#baseline-by"),
    "baseline.worth": ("Worth a year", "#baseline-worth"),
}


class FieldProblem(ValueError):
    """A value the form cannot take, and the field to fix it in."""

    def __init__(self, message: str, field: Widget | None = None) -> None:
        super().__init__(message)
        self.field = field


class OnboardingScreen(Screen["Profile | None"]):
    CSS_PATH = "onboarding.tcss"
    AUTO_FOCUS = "#name"
    SCREEN_NAME = "business profile"
    HELP = (
        "Describe the business before any technology question: the goals and their weights rank "
        "the recommendations, the budget and training hours bound the plan, and how you sell and "
        "which data you hold decide which questions apply; your own figures (revenue, staff cost, outside "
        "help) make the value of each step fit the business. Everything can be changed later with p "
        "on the questionnaire."
    )
    KEYS = [
        ("tab / shift+tab", "next / previous field"),
        ("enter", "next field"),
        ("space", "tick or untick a choice in a list"),
        ("ctrl+s", "save and go on to the questions"),
        ("escape", "cancel (asks first when something was changed)"),
    ]
    BINDINGS = [
        Binding("ctrl+s", "save", "Save and continue", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, workspace: Workspace, org: str, profile: Profile, *, repeat: bool = False, editing: bool = False) -> None:
        super().__init__()
        self.workspace = workspace
        self.org = org
        self.profile = profile
        self.repeat = repeat
        self.editing = editing

    def compose(self) -> ComposeResult:
        p = self.profile
        catalog = self.workspace.catalog
        yield Header()
        with VerticalScroll(id="form"):
            if self.editing:
                intro = "Change the profile of this assessment. Questions that no longer apply are skipped; new ones are added."
            elif self.repeat:
                intro = "A new assessment starts from the previous profile and answers. Check that the profile still holds, then save."
            else:
                intro = "First, the business itself: a few minutes here make every recommendation fit it."
            yield Static(literal(intro), id="intro")
            yield Static("", id="problem")

            yield Static("The business", classes="section")
            yield from self._field("name", "Name", p.name or self.org, "How the business is called in reports.")
            yield from self._field("industry", "Industry", p.industry, "e.g. retail, dental practice, accounting, manufacturing.")
            yield from self._field(
                "size", "People", "" if p.size is None else str(p.size),
                f"How many people work in the business, counting part-timers. Left empty, {WHEN_BLANK['size']}.",
                type="integer", validators=[Integer(minimum=1)],
            )
            yield from self._field(
                "budget", "Technology budget a year", "" if p.budget is None else f"{p.budget:g}",
                "Money you can spend on new technology in a year; recommendations and the roadmap stay within it. "
                f"Left empty, {WHEN_BLANK['budget']}.",
                type="number", validators=[Number(minimum=0)],
            )
            yield from self._field("currency", "Currency", p.currency, "Three letters: USD, EUR, GBP…", max_length=3)
            yield from self._field(
                "country", "Country", p.country,
                "Two letters: GB, IE, DE, US…; the laws that advice names follow it. Left empty, no particular law is named.",
                max_length=2,
            )
            yield from self._field(
                "project", "Staff hours a quarter", "" if p.project_hours is None else f"{p.project_hours:g}",
                "For change work: hours staff can give to setting new things up and moving to them each quarter, "
                f"all staff together. Left empty: {WHEN_BLANK['project_hours']}.",
                type="number", validators=[Number(minimum=0)],
            )
            yield from self._field(
                "training", "Training hours a quarter", "" if p.training_hours is None else f"{p.training_hours:g}",
                "Staff hours the business can give to new tools and learning each quarter, all staff together. "
                f"Left empty: {WHEN_BLANK['training_hours']}.",
                type="number", validators=[Number(minimum=0)],
            )
            yield from self._field(
                "changes", "Changes a quarter",
                "" if p.changes_per_quarter is None else str(p.changes_per_quarter),
                "The most changes (new tools, habits or rules) the team can take on and finish in a quarter; "
                "urgent protections and what the law requires come on top. "
                f"Left empty: {WHEN_BLANK['changes_per_quarter']}.",
                type="integer", validators=[Integer(minimum=1)],
            )

            yield Static("Goals", classes="section")
            yield Static(
                "Weight each goal from 0 (not a goal) to 10 (what matters most), and give a target where you have one.",
                classes="help",
            )
            for goal_id, (name, description) in catalog.goals.items():
                yield GoalRow(goal_id, name, description, p.goals.get(goal_id))

            channels = self._facts("channel:")
            if channels:
                yield Static("How you sell", classes="section")
                yield Static("Tick every way customers buy from you (space to tick). Online questions are asked only if you sell online.", classes="help")
                yield SelectionList[str](
                    *(Selection(literal(desc), key, key.split(":", 1)[1] in p.sales_channels) for key, desc in channels),
                    id="channels",
                )
            data = self._facts("data:")
            if data:
                yield Static("Regulated data", classes="section")
                yield Static("Tick the kinds of data you keep: they bring legal duties and the questions that go with them.", classes="help")
                yield SelectionList[str](
                    *(Selection(literal(desc), key, key.split(":", 1)[1] in p.regulated_data) for key, desc in data),
                    id="data",
                )
            other = [(k, d) for k, d in catalog.facts.items() if not k.startswith(("channel:", "data:"))]
            if other:
                yield Static("Also true of the business", classes="section")
                yield SelectionList[str](*(Selection(literal(desc), key, key in p.facts) for key, desc in other), id="facts")

            yield Static("Core processes", classes="section")
            yield Static("Optional. Name the processes that matter and tick what goes wrong in each: "
                         "recommendations that fix those pains come first.", classes="help")
            with Vertical(id="processes"):
                for number, process in enumerate([*p.processes, None], start=1):
                    yield ProcessRow(number, catalog.pains, process)
            yield Button("Another process", id="add-process")
            yield from self._value_fields()
            yield from self._baseline_fields()

            with Horizontal(id="buttons"):
                yield Button("Save and continue (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel (esc)", id="cancel")
        yield Footer()

    def _value_fields(self) -> ComposeResult:
        """The figures each step is valued with: all optional, each hint naming what is used
        without it."""
        p = self.profile
        helper = p.outside_help

        def shown(value: float | None) -> str:
            return "" if value is None else f"{value:g}"

        yield Static("Your own figures", classes="section")
        yield Static("Optional. Each step is valued in money a year: with your own figures rather than "
                     "typical ones, the values fit the business better.", classes="help")
        yield from self._field(
            "revenue", "Yearly revenue", shown(p.revenue),
            "What the business takes in a year: a loss is weighed against it. Left empty, it is estimated "
            "from the number of people and the industry.",
            type="number", validators=[Number(minimum=0)],
        )
        yield from self._field(
            "staff-cost", "Staff cost an hour", shown(p.staff_cost),
            "What an hour of staff time costs, wages and employer costs together. Left empty, the typical "
            "cost for the country is used.",
            type="number", validators=[Number(minimum=0)],
        )
        yield Static("Outside help", classes="section")
        yield Checkbox("Pay an IT provider or freelancer when staff hours run out", helper is None or helper.allowed,
                       id="help-allowed", compact=True)
        yield Static(literal("Ticked by default: the plan may pay for the hours your staff cannot give, from the "
                             "budget. Untick it to keep all the work with your staff."), classes="help")
        yield from self._field(
            "help-rate", "Outside help an hour", shown(helper.rate if helper else None),
            "What they charge an hour. Left empty, the typical rate for the country is used.",
            type="number", validators=[Number(minimum=0)],
        )
        yield from self._field(
            "help-most", "Outside help, most a year", shown(helper.max_per_year if helper else None),
            "The most to spend on outside help in a year. Left empty, any of the budget that is left.",
            type="number", validators=[Number(minimum=0)],
        )

    def _baseline_fields(self) -> ComposeResult:
        """A recognised baseline to reach by a date, and what reaching it is worth a year."""
        from textual.widgets import Select

        from ...catalog.baselines import baselines_of, latest

        aim = self.profile.baseline
        found = latest(baselines_of(self.workspace.catalog))
        options = [(one.model.baseline.name, key) for key, one in found.items()]
        if aim is not None and aim.id not in found:  # one version, named in the answer file: kept
            options.append((aim.id, aim.id))
        yield Static("A baseline to reach", classes="section")
        yield Static(literal("Optional. A recognised standard to meet by a date (a tender or an insurer may ask for "
                             "one): the roadmap then completes what it needs by that date, or says what stands in "
                             "the way."), classes="help")
        with Horizontal(classes="field"):
            yield Static("Baseline to reach", classes="label")
            yield Select(options, prompt="None", value=aim.id if aim is not None else Select.NULL, id="baseline", compact=True)
        yield from self._field("baseline-by", "Reach it by", aim.by.isoformat() if aim else "",
                               "The date, written YYYY-MM-DD, such as 2027-06-30.", max_length=10)
        yield from self._field(
            "baseline-worth", "Worth a year", "" if aim is None or aim.worth is None else f"{aim.worth:g}",
            "What reaching it is worth to you a year: a contract it opens, an insurance discount. Left empty, "
            "the plan reaches it because you asked, and puts no money figure on it.",
            type="number", validators=[Number(minimum=0)],
        )

    def _baseline(self) -> dict[str, object] | None:
        """The baseline to reach as entered; None when none is chosen."""
        import datetime as dt

        from textual.widgets import Select

        chosen = self.query_one("#baseline", Select).value
        when = self._text("baseline-by")
        worth = self._amount("baseline-worth", "Worth a year")
        if chosen is Select.NULL:
            if when or worth is not None:
                raise FieldProblem("Baseline to reach: choose the baseline, or clear the date and worth",
                                   self.query_one("#baseline"))
            return None
        try:
            by = dt.date.fromisoformat(when)
        except ValueError:
            raise FieldProblem(f"Reach it by: give the date, written YYYY-MM-DD{f', not {when!r}' if when else ''}",
                               self.query_one("#baseline-by")) from None
        today = self.workspace.today()
        if by <= today:
            raise FieldProblem(f"Reach it by: {by.isoformat()} is not after today ({today.isoformat()})",
                               self.query_one("#baseline-by"))
        return {"id": chosen, "by": by, "worth": worth}

    def _facts(self, prefix: str) -> list[tuple[str, str]]:
        return [(k, d) for k, d in self.workspace.catalog.facts.items() if k.startswith(prefix)]

    def _field(self, field_id: str, label: str, value: str, help_text: str, **options: object) -> ComposeResult:
        with Horizontal(classes="field"):
            yield Static(literal(label), classes="label")
            # tabbing in puts the cursor at the end: the first key typed adds to the text, never
            # replaces it
            yield Input(printable(value), id=field_id, compact=True, valid_empty=True, select_on_focus=False, **options)  # type: ignore[arg-type]
        yield Static(literal(help_text), classes="help")

    def on_mount(self) -> None:
        self.sub_title = f"{printable(self.org)}: business profile"
        self.query_one("#name", Input).focus()
        self._as_shown = self._form_state()

    def _form_state(self) -> tuple[object, ...]:
        """Everything the form holds, to tell whether the user changed anything."""
        inputs = tuple(i.value for i in self.query(Input))
        ticks = tuple(tuple(sl.selected) for sl in self.query(SelectionList))
        boxes = tuple(box.value for box in self.query(Checkbox))
        return inputs, ticks, boxes, tuple(getattr(s, "value", None) for s in self.query("#baseline"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "add-process":
            self._add_process()
        elif event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def _add_process(self) -> None:
        rows = self.query_one("#processes", Vertical)
        row = ProcessRow(len(rows.children) + 1, self.workspace.catalog.pains, None)
        rows.mount(row)
        self.call_after_refresh(row.name_input().focus)

    def action_cancel(self) -> None:
        if self._form_state() == self._as_shown:
            self.dismiss(None)
            return
        from .confirm import ConfirmScreen

        def decided(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen("Discard the changes?", "The changes to the profile have not been saved.",
                          yes="Discard them", no="Keep editing"),
            decided,
        )

    # -- reading the form ---------------------------------------------------------------------

    def _text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def _number(self, field_id: str, label: str, integer: bool = False) -> float | int | None:
        text = self._text(field_id).replace(",", "")
        if not text:
            return None
        try:
            value = int(text) if integer else float(text)
        except ValueError:
            raise FieldProblem(f"{label}: {text!r} is not {'a whole number' if integer else 'a number'}",
                               self.query_one(f"#{field_id}")) from None
        return value

    def _amount(self, field_id: str, label: str) -> float | int | None:
        """A number of the value figures: a whole number stays one (450000, not 450000.0)."""
        value = self._number(field_id, label)
        return int(value) if value is not None and float(value).is_integer() and abs(value) < 1e15 else value

    def _outside_help(self) -> dict[str, object] | None:
        """Outside help as entered (checked with the profile); None when the form says nothing
        beyond the defaults."""
        allowed = self.query_one("#help-allowed", Checkbox).value
        rate = self._amount("help-rate", "Outside help an hour")
        most = self._amount("help-most", "Outside help, most a year")
        if allowed and rate is None and most is None:
            return None
        return {"allowed": allowed, "rate": rate, "max_per_year": most}

    def _selected(self, selector: str) -> list[str]:
        found = self.query(selector)
        if not found:
            return []
        return list(found.first(SelectionList).selected)

    def _processes(self) -> list[object]:
        out = []
        for row in self.query(ProcessRow):
            try:
                process = row.value()
            except ValueError as exc:
                raise FieldProblem(str(exc), row.name_input()) from None
            if process is not None:
                out.append(process)
        return out

    def read_profile(self) -> Profile:
        """The profile as entered; ValueError with a message naming the field."""
        goals: dict[str, Goal] = {}
        rows = list(self.query(GoalRow))
        for row in rows:
            try:
                goal = row.value()
            except ValueError as exc:
                raise FieldProblem(str(exc), row.weight_input()) from None
            if goal is not None:
                goals[row.goal_id] = goal
        if goals and not any(g.weight > 0 for g in goals.values()):
            raise FieldProblem("Goals: give at least one goal a weight above 0", rows[0].weight_input() if rows else None)
        data = {
            "name": self._text("name"),
            "industry": self._text("industry"),
            "industry_id": self.profile.industry_id,  # chosen in the answer file; kept as it is
            "size": self._number("size", "People", integer=True),
            "budget": self._number("budget", "Technology budget"),
            "currency": (self._text("currency") or "USD").upper(),
            "country": self._text("country").upper(),
            "project_hours": self._number("project", "Staff hours a quarter"),
            "training_hours": self._number("training", "Training hours"),
            "changes_per_quarter": self._number("changes", "Changes a quarter", integer=True),
            "goals": goals,
            "sales_channels": [k.split(":", 1)[1] for k in self._selected("#channels")],
            "regulated_data": [k.split(":", 1)[1] for k in self._selected("#data")],
            "facts": self._selected("#facts"),
            "processes": self._processes(),
            "funded": list(self.profile.funded),
            "targets": dict(self.profile.targets),  # set in the answer file; kept as they are
            "revenue": self._amount("revenue", "Yearly revenue"),
            "staff_cost": self._amount("staff-cost", "Staff cost an hour"),
            "outside_help": self._outside_help(),
            "baseline": self._baseline(),
        }
        from ...assessment.answers import currency_problem

        if problem := currency_problem(data["currency"]):
            raise FieldProblem(f"Currency: {problem}", self.query_one("#currency"))
        try:
            return Profile.model_validate(data)
        except ValidationError as exc:
            from ...common.tomlfile import plain_message

            first = exc.errors()[0]
            name = str(first["loc"][0])
            if name in ("outside_help", "baseline") and len(first["loc"]) > 1:
                name = f"{name}.{first['loc'][1]}"
            label, field = FIELDS.get(name, (".".join(str(x) for x in first["loc"]), None))
            raise FieldProblem(f"{label}: {plain_message(first)}", self.query_one(field) if field else None) from None

    def action_save(self) -> None:
        try:
            profile = self.read_profile()
        except FieldProblem as exc:
            problem = self.query_one("#problem", Static)
            problem.update(join(("Please check: ", "bold $text-error"), str(exc)))
            problem.display = True
            if exc.field is not None:
                exc.field.focus()
                self.notify(str(exc), title="Please check", severity="error", markup=False)
            else:
                self.query_one("#form", VerticalScroll).scroll_home(animate=False)
            return
        assumed = assumed_briefly(profile)
        if assumed:
            # a short notice, placed beside the question (not over it) by the questionnaire
            self.app.notify("; ".join(assumed) + ". p on a question changes the profile.",
                            title="Left blank, so the plan assumes", timeout=10, markup=False)
        self.dismiss(profile)
