"""The store's own refusal to open a database: NoDatabase (the rest raise StoreError).

Kept free of SQLAlchemy, so that `import maturity.store` and a command catching it load no
database code.
"""

from __future__ import annotations

from ..common.errors import StoreError


class NoDatabase(StoreError):
    """The database file asked for does not exist, and was not to be created."""


__all__ = ["NoDatabase"]
