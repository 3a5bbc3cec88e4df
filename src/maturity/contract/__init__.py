"""The plugin contract in one place: the hooks' markers and version, and every type a plugin
sees or returns.

A plugin imports from here only::

    from maturity.contract import Adjustment, CapabilityOverride, DomainScore, hookimpl

This package is the bottom of the engine and imports nothing of it (only the shared helpers in
:mod:`maturity.common`): the hook specifications (:mod:`.hooks`), the plain values plugins return
(:mod:`.returns`), the data models a plugin sees (:mod:`.questionnaire`, :mod:`.profile`,
:mod:`.result`, :mod:`.recommendation`, loaded on first use of one of them so that importing
the contract stays light), and the shared vocabulary of goals, facts, pains and industries
(:mod:`.vocabulary`). The engine imports its types from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .hooks import CONTRACT_VERSION, hookimpl, hookspec
from .returns import SIZE_BANDS, Adjustment, Benchmark, DomainScore, ScoringStrategy, adjustment_problem

if TYPE_CHECKING:  # pragma: no cover
    from .baseline import Baseline
    from .profile import Profile
    from .questionnaire import Capability, Question, Questionnaire
    from .recommendation import CapabilityOverride, GoalContribution, Recommendation
    from .result import CapabilityResult, DomainResult, Result

#: the types that are pydantic models, each served from its module on first use
_MODELS = {
    "Baseline": "baseline",
    "Capability": "questionnaire",
    "CapabilityOverride": "recommendation",
    "CapabilityResult": "result",
    "DomainResult": "result",
    "GoalContribution": "recommendation",
    "Profile": "profile",
    "Question": "questionnaire",
    "Questionnaire": "questionnaire",
    "Recommendation": "recommendation",
    "Result": "result",
}


def __getattr__(name: str) -> Any:
    if name in _MODELS:
        import importlib

        return getattr(importlib.import_module(f"{__name__}.{_MODELS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_MODELS))


__all__ = [
    "CONTRACT_VERSION",
    "SIZE_BANDS",
    "Adjustment",
    "Baseline",
    "Benchmark",
    "Capability",
    "CapabilityOverride",
    "CapabilityResult",
    "DomainResult",
    "DomainScore",
    "GoalContribution",
    "Profile",
    "Question",
    "Questionnaire",
    "Recommendation",
    "Result",
    "ScoringStrategy",
    "adjustment_problem",
    "hookimpl",
    "hookspec",
]
