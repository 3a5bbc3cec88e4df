"""The store: history, investments and ROI kept in a database.

The one door to the database: an SQLite file (in the user data folder, or `--db PATH`,
`MATURITY_DB`) or a PostgreSQL server (`--db postgresql+psycopg://USER@HOST/DBNAME`, with the
extra ``maturity[postgres]``), behind `open_store`; the rest of the program does not know which.
SQLAlchemy (and psycopg) are imported only when a store is opened, so commands that need no
database start without them::

    from maturity.store import open_store
    with open_store("acme.db") as store:
        assessment_id = store.save_completed("Acme", answer_file, result, versions, plugin_versions)
        for assessment in store.assessments("Acme"):
            ...
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..common.errors import StoreError
from .errors import NoDatabase
from .listing import default_db_path

if TYPE_CHECKING:  # pragma: no cover
    from .models import (
        COST_KINDS,
        Benefit,
        CostEntry,
        CostKind,
        Investment,
        Measurement,
        Org,
        OrgSummary,
        StoredAssessment,
        content_hash,
    )
    from .store import Store

ENV_DB = "MATURITY_DB"


def open_store(location: str | os.PathLike[str] | None = None, *, create: bool = True, readonly: bool = False) -> Store:
    """Open (creating and migrating as needed) the database at ``location``.

    ``location`` is a file path, an ``sqlite:///PATH`` URL, a ``postgresql+psycopg://`` URL, or
    None for MATURITY_DB or the default file. A foreign, damaged or newer database raises StoreError and is left untouched.
    With ``create=False`` a file that does not exist raises NoDatabase and nothing is created:
    for reading, where a new empty database would only hide a mistyped path.

    With ``readonly=True`` the file is opened with SQLite's ``mode=ro``: no write lock is taken,
    the journal mode is not changed and a database in a read-only folder can be read. (A
    database of an earlier schema is upgraded first, which writes.)
    """
    chosen = str(location) if location is not None and str(location) != "" else os.environ.get(ENV_DB) or None
    if chosen is not None and is_postgresql(chosen):
        from .postgresql import open_postgresql

        return open_postgresql(chosen, create=create, readonly=readonly)  # type: ignore[no-any-return]
    from .sqlite import open_sqlite

    return open_sqlite(chosen, create=create, readonly=readonly)


def is_postgresql(location: str) -> bool:
    """Whether ``location`` is a PostgreSQL URL (postgresql+psycopg://…, postgresql://…)."""
    return "://" in location and location.split("://", 1)[0].startswith("postgres")


#: names loaded only when asked for: the models pull in pydantic and the assessment models, the
#: Store class SQLAlchemy, and the terminal app lists organisations (listing.py) without them
_MODELS = {"COST_KINDS", "Benefit", "CostEntry", "CostKind", "Investment", "Measurement", "Org", "OrgSummary",
           "StoredAssessment", "content_hash"}


def __getattr__(name: str) -> Any:
    if name == "Store":
        from .store import Store

        return Store
    if name in _MODELS:
        from . import models

        return getattr(models, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "COST_KINDS",
    "Benefit",
    "CostEntry",
    "CostKind",
    "ENV_DB",
    "Investment",
    "Measurement",
    "NoDatabase",
    "Org",
    "OrgSummary",
    "Store",
    "StoreError",
    "StoredAssessment",
    "content_hash",
    "default_db_path",
    "is_postgresql",
    "open_store",
]
