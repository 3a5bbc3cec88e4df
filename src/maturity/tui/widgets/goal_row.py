"""One business goal in the onboarding form: how much it matters (0-10) and its target."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.validation import Number
from textual.widgets import Input, Static

from ...contract.profile import Goal
from ..text import literal, printable


class GoalRow(Vertical):
    """Weight blank or 0: not a goal of this business."""

    DEFAULT_CSS = """
    GoalRow { height: auto; margin-bottom: 1; }
    GoalRow Horizontal { height: auto; }
    GoalRow .goal-name { width: 28; padding-top: 0; text-style: bold; }
    GoalRow .goal-weight { width: 9; margin-right: 1; }
    GoalRow .goal-target { width: 1fr; }
    GoalRow .goal-help { color: $text-muted; padding-left: 2; }
    """

    def __init__(self, goal_id: str, name: str, description: str, goal: Goal | None) -> None:
        super().__init__(id=f"goal-{goal_id}")
        self.goal_id = goal_id
        self.goal_name = name
        self.description = description
        self.goal = goal

    def compose(self) -> ComposeResult:
        weight = "" if self.goal is None else f"{self.goal.weight:g}"
        with Horizontal():
            yield Static(literal(self.goal_name), classes="goal-name")
            yield Input(
                weight, placeholder="0-10", type="number", compact=True, classes="goal-weight",
                validators=[Number(minimum=0, maximum=10)], valid_empty=True, select_on_focus=False,
                tooltip="How much this goal matters, 0 to 10; blank or 0 if it is not a goal",
            )
            yield Input(
                printable(self.goal.target) if self.goal else "", placeholder="target (optional)",
                compact=True, classes="goal-target", max_length=200, select_on_focus=False,
            )
        yield Static(literal(self.description), classes="goal-help")

    def weight_input(self) -> Input:
        return self.query_one(".goal-weight", Input)

    def value(self) -> Goal | None:
        """The goal as entered, None when it is not a goal; ValueError for a bad weight."""
        weight_text = self.query_one(".goal-weight", Input).value.strip()
        target = self.query_one(".goal-target", Input).value.strip()
        if not weight_text:
            if target:
                raise ValueError(f"{self.goal_name}: give a weight from 1 to 10 for this target")
            return None
        try:
            weight = float(weight_text)
        except ValueError:
            raise ValueError(f"{self.goal_name}: the weight must be a number from 0 to 10") from None
        if not 0 <= weight <= 10:
            raise ValueError(f"{self.goal_name}: the weight must be from 0 to 10")
        if weight == 0 and not target:
            return None
        base = self.goal or Goal()
        return base.model_copy(update={"weight": weight, "target": target})
