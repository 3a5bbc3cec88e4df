"""The store's own refusals: NoDatabase (no database to open) and Duplicate (a write a
uniqueness rule refuses); the rest raise StoreError.

Kept free of SQLAlchemy, so that `import maturity.store` and a command catching it load no
database code.
"""

from __future__ import annotations

from ..common.errors import StoreError


class NoDatabase(StoreError):
    """The database file asked for does not exist, and was not to be created."""


class Duplicate(StoreError):
    """A write refused, inside its own transaction, because what it would add exists already:
    ``ids`` are the assessments or investments it would duplicate."""

    def __init__(self, message: str, ids: list[int]) -> None:
        super().__init__(message)
        self.ids = ids


__all__ = ["Duplicate", "NoDatabase"]
