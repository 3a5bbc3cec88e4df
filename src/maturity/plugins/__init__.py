"""Plugins: finding and loading them (:mod:`.loading`), calling their hooks with each one
isolated (:mod:`.manager`), and writing a new one (:mod:`.scaffold`, `maturity plugins new`).

Plugins are loaded when a command first needs them, never on import. A plugin that fails to
load or raises in a hook is named in `Plugins.failures` and the rest carry on; a plugin the user
asked for by name fails loudly with a PluginError.
"""

from __future__ import annotations

from .loading import DirectoryPlugin, load_plugins, user_questionnaire_dir
from .manager import (
    ENV_PLUGINS,
    ENV_QUESTIONNAIRES,
    ENV_TRACE,
    OWN_DISTRIBUTION,
    PluginInfo,
    Plugins,
    ReportFormat,
    adjustments_problem,
    current_plugin,
    report_formats,
)

__all__ = [
    "ENV_PLUGINS",
    "ENV_QUESTIONNAIRES",
    "ENV_TRACE",
    "OWN_DISTRIBUTION",
    "DirectoryPlugin",
    "PluginInfo",
    "Plugins",
    "ReportFormat",
    "adjustments_problem",
    "current_plugin",
    "load_plugins",
    "report_formats",
    "user_questionnaire_dir",
]
