"""maturity: strategy-first technology maturity assessments for small and medium businesses.

The library API is the same one the command line and the terminal app use::

    from maturity import load_catalog, load_answers, score
    catalog = load_catalog()
    result = score(catalog, load_answers("answers.toml", catalog))
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .contract.hooks import CONTRACT_VERSION, hookimpl

__version__ = "0.1.0"

__all__ = [
    "CONTRACT_VERSION",
    "__version__",
    "hookimpl",
    "load_catalog",
    "load_answers",
    "score",
]

_LAZY = {
    "CONTRACT_VERSION": ("maturity.contract.hooks", "CONTRACT_VERSION"),
    "hookimpl": ("maturity.contract.hooks", "hookimpl"),
    "load_catalog": ("maturity.catalog", "load_catalog"),
    "load_answers": ("maturity.assessment.answers", "load_answers"),
    "score": ("maturity.assessment.scoring", "score"),
}


def __getattr__(name: str) -> Any:
    # everything loads on first use: `import maturity` stays light for plugins, and the app
    # opened by a bare `maturity` loads the plugin machinery only once its first screen shows
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(name)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
