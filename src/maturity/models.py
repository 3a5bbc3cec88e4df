"""The data models under the names plugins and scripts have always imported
(``from maturity.models import Profile``). Each lives with the part that owns it: the models a
plugin sees in :mod:`maturity.contract` (questionnaires, profiles, results, recommendations),
the answer file's in :mod:`maturity.assessment.models`."""

from __future__ import annotations

from .assessment.models import SCHEMAS, Answer, AnswerFile, Respondent
from .contract.profile import Goal, Process, Profile
from .contract.questionnaire import (
    ACHIEVED,
    CAPABILITY_ID,
    COST_BANDS,
    DEFAULT_SIZE,
    DOMAIN_ID,
    EFFORT_HOURS,
    OPTION_ID,
    STAGE_LABELS,
    STAGES,
    VERSION,
    Capability,
    ChangelogEntry,
    Costs,
    Option,
    Question,
    Questionnaire,
    QuestionnaireInfo,
    Threshold,
)
from .contract.recommendation import CapabilityOverride, GoalContribution, Recommendation
from .contract.result import CapabilityResult, DomainResult, DomainTarget, Result, StageProgress, WeakestLink

__all__ = [
    "ACHIEVED", "CAPABILITY_ID", "COST_BANDS", "DEFAULT_SIZE", "DOMAIN_ID", "EFFORT_HOURS", "OPTION_ID",
    "SCHEMAS", "STAGES", "STAGE_LABELS", "VERSION", "Answer", "AnswerFile", "Capability", "CapabilityOverride",
    "CapabilityResult", "ChangelogEntry", "Costs", "DomainResult", "DomainTarget", "Goal", "GoalContribution",
    "Option", "Process", "Profile", "Question", "Questionnaire", "QuestionnaireInfo", "Recommendation",
    "Respondent", "Result", "StageProgress", "Threshold", "WeakestLink",
]
