"""The database from the command line: opening it, choosing the organisation, saving an
assessment, and the catalog that names what it holds.

The store (and with it SQLAlchemy) is imported only when a command that needs it runs.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Iterator

import click

from .context import Session
from .output import echo

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Store


@contextmanager
def opened_store(session: Session, *, create: bool = False, readonly: bool = False) -> Iterator[Store]:
    """The session's database. Only commands that can add to an empty database create it;
    commands that only read open it read-only (no lock, no change to the file)."""
    from ..store import open_store

    store = open_store(session.db, create=create, readonly=readonly)
    tell_notices(store)
    try:
        yield store
    finally:
        store.close()


def tell_notices(store: Store) -> None:
    """Say, once, what the store noticed on opening (a database file others can read)."""
    for notice in store.notices:
        echo(f"warning: {notice}", err=True)


def pick_org(store: Store, org: str | None) -> str:
    """The organisation named, or the only one in the database."""
    from ..common.errors import StoreError

    if org:
        return store.get_org(org).name
    names = [o.name for o in store.orgs()]
    if not names:
        raise StoreError(
            f"{store.location} holds no organisation yet; save an assessment first: "
            "maturity assess --answers FILE --save --org NAME"
        )
    if len(names) > 1:
        shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more (maturity orgs lists them)" if len(names) > 10 else "")
        raise StoreError(f"{store.location} holds {len(names)} organisations; choose one with --org: {shown}")
    return names[0]


def save_assessment(session: Session, answer_file: Any, result: Any, org: str | None, day: dt.date | None,
                    *, force: bool = False, quiet: bool = False) -> int:
    """`maturity assess --save`: store a scored answer file as a completed assessment.

    The same answers saved for the same day again are refused unless ``force``: a script run
    twice should not record two assessments."""
    from ..common.errors import StoreError
    from ..store import NoDatabase
    from ..store.errors import Duplicate

    name = (org or "").strip() or answer_file.profile.name.strip()
    completed = dt.datetime.combine(day, dt.time(12), tzinfo=dt.timezone.utc) if day else None
    versions = session.catalog.versions()
    plugin_versions = {n: info.version for n, info in session.plugins.info.items()}
    unnamed = StoreError("the profile has no name: give one in [profile] name or with --org NAME")
    try:
        with opened_store(session, create=bool(name)) as store:
            known = {o.name.lower(): o.name for o in store.orgs()}
            if not name:
                if len(known) != 1:
                    raise unnamed
                name = next(iter(known.values()))
            try:
                new_id = store.save_completed(name, answer_file, result, versions, plugin_versions,
                                              completed=completed, once_a_day=not force)
            except Duplicate as exc:  # checked inside the write, so two at once cannot both pass
                from ..common.errors import UsageError

                raise UsageError(
                    f"{name} already has assessment #{exc.ids[0]} of the same day with exactly these answers; "
                    "nothing was saved (add --force to save it again)"
                ) from None
            location = store.location
    except NoDatabase:
        raise unnamed from None
    fresh = "" if name.lower() in known else " (a new organisation)"
    if quiet:
        click.echo(str(new_id))
    else:
        echo(f"Saved as assessment #{new_id} of {name}{fresh} in {location}.", err=True)
    return new_id


def catalog_or_none(session: Session) -> Any:
    """The catalog, for naming capabilities and questions; history still works without it."""
    from ..common.errors import MaturityError

    try:
        return session.catalog
    except MaturityError as exc:
        echo(f"warning: questionnaires could not be loaded ({exc}); showing ids", err=True)
        return None
