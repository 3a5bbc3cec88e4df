"""The errors maturity raises for bad input.

Every error names where the problem is (a file, a line, an id) so the command line can print one
clear message and exit with status 2, never a traceback.
"""

from __future__ import annotations

from pathlib import Path


class MaturityError(Exception):
    """Base class of every error caused by the user's input or by a plugin."""

    title = "error"
    #: the plugin whose content caused the error, when one did (set by the catalog)
    plugin: str | None = None

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.key = key
        #: every problem found when there were several (this error is the first of them)
        self.problems: list[MaturityError] = [self]

    def location(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line:
                where += f":{self.line}"
        return where

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class FileFormatError(MaturityError):
    """A TOML file that cannot be read, parsed or validated."""

    title = "invalid file"


class CatalogError(MaturityError):
    """The capabilities of all plugins do not form a valid graph (duplicates, dangling, cycles)."""

    title = "invalid capability graph"


class AnswerError(MaturityError):
    """An answer file that does not fit the loaded questionnaires."""

    title = "invalid answers"


class PluginError(MaturityError):
    """A plugin that could not be loaded or that broke the contract."""

    title = "plugin error"


class UsageError(MaturityError):
    """A command-line value that makes no sense (negative budget, zero periods, ...)."""

    title = "bad value"


class StoreError(MaturityError):
    """The database cannot be opened or used: unknown organisation or assessment, a foreign,
    damaged or newer database, a change to a completed assessment."""

    title = "database error"
