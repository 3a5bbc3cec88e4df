"""Finding, checking and opening a PostgreSQL database, given by URL.

``postgresql+psycopg://USER@HOST:PORT/DBNAME`` (``postgresql://`` means the same). What the
URL leaves out, libpq takes from the standard ``PG*`` environment variables (PGHOST, PGPORT,
PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE, …) and from ``~/.pgpass``, so that a password need
not be written in the URL at all. Wherever a URL is shown its password is masked.

The driver, psycopg 3, is the optional extra ``maturity[postgres]``; it is imported only when a
PostgreSQL database is opened. A database is checked through a read-only transaction before
anything writes to it, with the same refusals as an SQLite file (another program's, a newer or
a damaged database); one that does not exist yet is created when the user may create databases.
"""

from __future__ import annotations

import importlib.util
from typing import Any

from sqlalchemy import URL, Engine, create_engine, make_url, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.exc import ArgumentError

from ..common.errors import StoreError
from .errors import NoDatabase
from .migrations import META_TABLE
from .structure import foreign, judge

SCHEMES = ("postgresql", "postgresql+psycopg", "postgres")
DRIVER = "postgresql+psycopg"
#: how long to wait for the server to answer, and for another writer's lock
CONNECT_TIMEOUT_SECONDS = 10
LOCK_TIMEOUT_SECONDS = 30
INSTALL_HINT = "pip install 'maturity[postgres]'"


def parse(location: str) -> URL:
    """The URL of ``location``, with psycopg as its driver; StoreError for another driver."""
    scheme = location.split("://", 1)[0]
    if scheme not in SCHEMES:
        raise StoreError(
            f"unsupported database URL {scheme}://…; PostgreSQL is reached with psycopg: "
            f"postgresql+psycopg://USER@HOST/DBNAME"
        )
    authority = location.split("://", 1)[1].split("?", 1)[0]
    if authority.count("@") > 1:
        # the driver would end the password at the first @ and take the rest for the host
        raise StoreError(
            f"the database URL {mask_text(location)} has more than one @ before the host, so where the "
            "password ends is unclear; write each @ of the user name or password as %40 "
            "(team:Left%40Right@HOST for the password Left@Right), or leave the password out of the URL "
            "and give it in PGPASSWORD or ~/.pgpass; no connection was tried"
        )
    try:
        url = make_url(location)
    except ArgumentError:
        raise StoreError(f"invalid database URL {mask_text(location)}; give postgresql+psycopg://USER@HOST/DBNAME") from None
    except ValueError:  # a port that is not a number: perhaps a password without its user's @
        import re

        shown_ = re.sub(r"(://[^/?@]*?:)[^/?@]*", r"\1***", mask_text(location), count=1)
        raise StoreError(f"invalid database URL {shown_}: the port after the host must be a number") from None
    return url.set(drivername=DRIVER)


def shown(url: URL) -> str:
    """The URL as it may be printed: the password masked (also one given as ?password=)."""
    if "password" not in url.query:
        return url.render_as_string(hide_password=True)
    masked = url.update_query_dict({"password": "MASKED"}).render_as_string(hide_password=True)
    return masked.replace("password=MASKED", "password=***")


def _secrets(url: URL) -> list[str]:
    found = [str(url.password)] if url.password else []
    given = url.query.get("password")
    found += [given] if isinstance(given, str) else list(given or ())
    return [s for s in found if s]


def mask_text(location: str) -> str:
    """A URL as given, with everything between ``user:`` and the last ``@`` before the query
    masked (all of a password, whatever it holds), and a ``password=`` in the query too."""
    import re

    scheme, sep, rest = location.partition("://")
    if not sep:
        return location
    head, mark, query = rest.partition("?")
    at = head.rfind("@")
    if at >= 0:
        user, colon, _ = head[:at].partition(":")
        head = f"{user}{':***' if colon else ''}{head[at:]}"
    query = re.sub(r"(^|&)(password=)[^&]*", r"\1\2***", query)
    return f"{scheme}://{head}{mark}{query}"


def _masked(message: str, url: URL) -> str:
    """A driver's message on one line, with the URL's password masked wherever it appears."""
    message = " ".join(str(message).split())
    for secret in _secrets(url):
        message = message.replace(secret, "***")
    return message


def describe(url: URL) -> dict[str, Any]:
    """Where the URL points, for `maturity db status`: what it names and what libpq will fill in."""
    return {
        "host": url.host, "port": url.port, "database": url.database, "user": url.username,
        "password": "***" if url.password else None,
    }


def require_driver() -> None:
    if importlib.util.find_spec("psycopg") is None:
        raise StoreError(f"a PostgreSQL database needs the driver psycopg, which is not installed: {INSTALL_HINT}")


def _quiet_secondary_errors() -> None:
    """Keep psycopg's "error ignored …" warnings (an error met while it cleans up after one it
    has raised, such as a pipeline it cannot close once the server is gone) from the terminal:
    the store reports the first error, in one line. Only those records of psycopg's own logger."""
    import logging

    psycopg_log = logging.getLogger("psycopg")
    if not any(isinstance(f, _Secondary) for f in psycopg_log.filters):
        psycopg_log.addFilter(_Secondary())


class _Secondary:
    def filter(self, record: Any) -> bool:
        return not str(record.msg).startswith("error ignored")


def create_postgresql_engine(url: URL, *, readonly: bool = False) -> Engine:
    require_driver()
    _quiet_secondary_errors()
    options = f"-c lock_timeout={LOCK_TIMEOUT_SECONDS * 1000}"
    if readonly:
        options += " -c default_transaction_read_only=on"
    return create_engine(
        url,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS, "application_name": "maturity", "options": options},
        pool_pre_ping=True,
    )


def _missing_database(exc: BaseException) -> bool:
    text_ = str(exc)
    return "database" in text_ and "does not exist" in text_


def _create_database(url: URL, label: str) -> None:
    """Create the database the URL names, from the server's maintenance database."""
    name = url.database
    if not name:
        raise StoreError(f"{label} names no database and none could be found; give one: postgresql+psycopg://USER@HOST/DBNAME")
    engine = create_postgresql_engine(url.set(database="postgres"))
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            quoted = conn.dialect.identifier_preparer.quote(name)
            conn.exec_driver_sql(f"CREATE DATABASE {quoted}")
    except sa_exc.DBAPIError as exc:
        if "already exists" in str(exc.orig):
            # another process created it a moment ago (at the same moment, the server reports a
            # duplicate key in its catalogue instead of a duplicate database)
            return
        if not isinstance(exc, sa_exc.ProgrammingError):
            raise StoreError(f"cannot create the database {label}: {_masked(str(exc.orig), url)}") from None
        user = url.username or "the user libpq connects as"
        raise StoreError(
            f"the database {name!r} does not exist on the server of {label}, and {user} may not create it "
            f"({_masked(str(exc.orig), url)}); ask its administrator to create it: createdb -O {user} {name}"
        ) from None
    finally:
        engine.dispose()


def _structure(conn: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for table, column in conn.execute(text(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
    )):
        out.setdefault(f"table:{table}", []).append(column)
    for (name,) in conn.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")):
        out[f"index:{name}"] = []
    # pg_catalog, not information_schema.triggers: that view shows a trigger only to a role
    # that may change its table, and a role that may only read must pass this check too
    for (name,) in conn.execute(text(
        "SELECT DISTINCT tg.tgname FROM pg_catalog.pg_trigger tg "
        "JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND NOT tg.tgisinternal"
    )):
        out[f"trigger:{name}"] = []
    return out


def inspect_database(url: URL, label: str, *, create: bool) -> int | None:
    """The schema version of the maturity database at ``url``, None for an empty one; refuses
    another program's, a newer or a damaged database without writing to it."""
    engine = create_postgresql_engine(url, readonly=True)
    try:
        try:
            with engine.connect() as conn, conn.begin():
                tables = [r[0] for r in conn.execute(text(
                    "SELECT table_name FROM information_schema.tables "
                    "WHERE table_schema = current_schema() ORDER BY table_name"
                ))]
                if not tables:
                    return None
                if META_TABLE not in tables:
                    raise foreign(label, tables)
                meta = dict(conn.execute(text(f"SELECT key, value FROM {META_TABLE}")).all())  # type: ignore[arg-type]
                structure = _structure(conn)
        except sa_exc.OperationalError as exc:
            if not _missing_database(exc.orig):
                raise connection_error(exc, url, label) from None
            if not create:
                raise NoDatabase(
                    f"no database at {label} yet: save an assessment first (maturity assess --answers FILE --save)"
                ) from None
            _create_database(url, label)
            return None
        except sa_exc.DBAPIError as exc:
            raise StoreError(f"cannot read the database {label}: {_masked(str(exc.orig), url)}") from None
    finally:
        engine.dispose()
    return judge(label, meta, structure)


def connection_error(exc: sa_exc.DBAPIError, url: URL, label: str) -> StoreError:
    message = _masked(str(exc.orig), url)
    if "password" in message and ("no password supplied" in message or "authentication failed" in message):
        return StoreError(
            f"cannot connect to the database {label}: {message} (give the password in PGPASSWORD or ~/.pgpass)"
        )
    return StoreError(f"cannot connect to the database {label}: {message}")


def open_postgresql(location: str, *, create: bool = True, readonly: bool = False) -> Any:
    from .migrations import latest_version
    from .store import Store

    require_driver()
    url = parse(location)
    label = shown(url)
    version = inspect_database(url, label, create=create)
    if version is None and readonly:
        raise NoDatabase(
            f"{label} is an empty database, no maturity database yet: save an assessment first "
            "(maturity assess --answers FILE --save)"
        )
    if readonly and version == latest_version():
        return Store(create_postgresql_engine(url, readonly=True), label, readonly=True)
    store = Store(create_postgresql_engine(url), label)
    try:
        store._migrate()
    except BaseException:
        store.close()
        raise
    if readonly:
        store.close()
        return Store(create_postgresql_engine(url, readonly=True), label, readonly=True)
    return store


__all__ = ["describe", "open_postgresql", "parse", "shown"]
