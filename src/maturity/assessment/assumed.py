"""What is assumed where a profile leaves a figure blank, said once for every surface: the
template's comments, the app's profile form and its notice after the profile is saved.

The figures themselves come from the profile (`Profile.people`, `project_hours_per_quarter`,
`training_hours_per_quarter`), which the planner uses: a surface never works them out again.
"""

from __future__ import annotations

from ..common.formatting import hours
from ..contract.profile import Profile
from ..contract.questionnaire import (
    DEFAULT_SIZE,
    PACE_BASE,
    PACE_MOST,
    PACE_PEOPLE,
    PROJECT_HOURS_MAX,
    PROJECT_HOURS_MIN,
    PROJECT_HOURS_PER_PERSON,
    TRAINING_HOURS_PER_PERSON,
)

#: what each blank profile figure stands for, in the owner's words (no figures of a business)
WHEN_BLANK: dict[str, str] = {
    "size": f"costs and hours per person are worked out for {DEFAULT_SIZE} people",
    "budget": "recommendations and the plan are not held to a budget",
    "project_hours": (f"{PROJECT_HOURS_PER_PERSON:g} staff hours a quarter for each person "
                      f"(at least {PROJECT_HOURS_MIN:g}, at most {PROJECT_HOURS_MAX:g})"),
    "training_hours": f"{TRAINING_HOURS_PER_PERSON:g} training hours a quarter for each person",
    "changes_per_quarter": (f"{PACE_BASE} changes a quarter, one more for every {PACE_PEOPLE} people, "
                            f"at most {PACE_MOST}"),
    "goals": "every goal counts the same",
}


def assumptions(profile: Profile) -> list[str]:
    """What the plan takes for granted for this business where its profile is blank, with the
    figures the plan uses ("24 staff hours a quarter for change work, 4 for each of 6 people")."""
    out = []
    people = profile.people()
    if profile.size is None:
        out.append(f"{people} people, for costs and hours that depend on the number of people")
    if not any(goal.weight > 0 for goal in profile.goals.values()):
        out.append("every goal counts the same, as none is weighted")
    if profile.budget is None:
        out.append("no budget, so recommendations are not held to one")
    project, assumed = profile.project_hours_per_quarter()
    if assumed:
        out.append(f"{hours(project)} of staff time a quarter for change work "
                   f"({PROJECT_HOURS_PER_PERSON:g} h for each of {people} people"
                   + (", kept between the least and most a plan takes)" if project != PROJECT_HOURS_PER_PERSON * people else ")"))
    training, assumed = profile.training_hours_per_quarter()
    if assumed:
        out.append(f"{hours(training)} of training a quarter ({TRAINING_HOURS_PER_PERSON:g} h for each of {people} people)")
    changes, assumed = profile.changes_per_quarter_value()
    if assumed:
        out.append(f"at most {changes} changes completed a quarter ({PACE_BASE}, and one more for every "
                   f"{PACE_PEOPLE} of {people} people)")
    if not profile.sales_channels:
        out.append("no online selling, so its questions are skipped")
    return out


def assumed_briefly(profile: Profile) -> list[str]:
    """The same assumptions in a few words each ("40 h of change work a quarter, 4 h a
    person"), for a notice that has to stay small."""
    out = []
    people = profile.people()
    if profile.size is None:
        out.append(f"{people} people")
    if not any(goal.weight > 0 for goal in profile.goals.values()):
        out.append("every goal counts the same")
    if profile.budget is None:
        out.append("no budget limit")
    project, assumed = profile.project_hours_per_quarter()
    if assumed:
        out.append(f"{hours(project)} of change work a quarter")
    training, assumed = profile.training_hours_per_quarter()
    if assumed:
        out.append(f"{hours(training)} of training a quarter")
    changes, assumed = profile.changes_per_quarter_value()
    if assumed:
        out.append(f"{changes} changes a quarter")
    if not profile.sales_channels:
        out.append("no online selling")
    return out
