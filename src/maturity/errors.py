"""The error types, importable from here as plugins and scripts always have; they live in
:mod:`maturity.common.errors`."""

from __future__ import annotations

from .common.errors import (
    AnswerError,
    CatalogError,
    FileFormatError,
    MaturityError,
    PluginError,
    StoreError,
    UsageError,
)

__all__ = ["AnswerError", "CatalogError", "FileFormatError", "MaturityError", "PluginError", "StoreError", "UsageError"]
