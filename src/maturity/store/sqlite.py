"""Finding, checking and opening the SQLite file.

A file is inspected through a read-only connection before anything writes to it, so a foreign,
damaged or newer database is refused without being touched. A new file is created readable
by its owner only (assessments describe security gaps) and switched to WAL with a busy timeout
so several processes can save at once.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError

from ..common.errors import StoreError
from .errors import NoDatabase
from .listing import default_db_path
from .migrations import META_TABLE, latest_version
from .structure import foreign, judge, sqlite_structure

if TYPE_CHECKING:  # pragma: no cover
    from .store import Store

ENV_DB = "MATURITY_DB"
SQLITE_HEADER = b"SQLite format 3\x00"
#: how long a writer waits for another one before giving up
BUSY_TIMEOUT_SECONDS = 30.0


def resolve(location: str | os.PathLike[str] | None) -> tuple[URL, Path | None, str]:
    """The SQLAlchemy URL, the file (None in memory) and a name for messages."""
    if location is None or str(location) == "":
        location = os.environ.get(ENV_DB) or str(default_db_path())
    location = str(location)
    if location == ":memory:":
        return URL.create("sqlite+pysqlite", database=":memory:"), None, "an in-memory database"
    if "://" in location:
        scheme = location.split("://", 1)[0]
        if scheme not in ("sqlite", "sqlite+pysqlite"):
            raise StoreError(
                f"unsupported database URL {scheme}://…; give a file path or sqlite:///PATH"
            )
        try:
            url = make_url(location)
        except ArgumentError as exc:
            raise StoreError(f"invalid database URL {location!r}: {exc}") from None
        database = url.database
        if not database or database == ":memory:":
            return url.set(drivername="sqlite+pysqlite"), None, "an in-memory database"
        path = _expand(database)
    else:
        path = _expand(location)
    return URL.create("sqlite+pysqlite", database=str(path)), path, str(path)


def _expand(location: str) -> Path:
    try:
        return Path(location).expanduser()
    except RuntimeError:  # ~user of a user that does not exist
        user = location[1:].split("/", 1)[0].split(os.sep, 1)[0]
        raise StoreError(f"cannot find the home folder of {user or 'the current user'!r} in the database path {location!r}") from None


def prepare_file(path: Path) -> bool:
    """Create the file (mode 0600) if missing, or check an existing one without writing to it.

    Returns True when the file is new or empty, i.e. ours to initialise.
    """
    return inspect_file(path) is None


def inspect_file(path: Path, *, create: bool = True) -> int | None:
    """Like `prepare_file`, but returns the schema version of an existing maturity database,
    or None for a new or empty file. An empty file is made readable by its owner only, as a
    new one would be. With ``create=False`` a missing file is not created."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")
    if path.exists() and not path.is_file():
        raise StoreError(f"{path} is not a regular file, so it cannot be a database")
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise StoreError(f"cannot create the folder {path.parent}: {exc.strerror or exc}") from None
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            os.close(fd)
        except FileExistsError:
            pass  # another process created it a moment ago: check it like any existing file
        except OSError as exc:
            raise StoreError(f"cannot create the database {path}: {exc.strerror or exc}") from None
        else:
            return None
    version = check_existing(path)
    if version is None and create:
        try:
            if path.stat().st_size == 0 and path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)
        except OSError:
            pass  # not ours to change: it is still used, with the mode its owner gave it
    return version


class _Unsettled(StoreError):
    """A file that could not be read consistently; it may be being created by another process."""


def check_existing(path: Path, attempts: int = 20) -> int | None:
    """Refuse a file that is not a maturity database or was written by a newer maturity.

    A file another process is creating at this very moment can read as damaged for a moment:
    such reads are tried again for about two seconds before the file is called damaged."""
    import time

    for attempt in range(attempts):
        try:
            return _check_once(path)
        except _Unsettled as exc:
            if attempt == attempts - 1:
                raise StoreError(exc.message) from None
            time.sleep(0.1)
    return None  # pragma: no cover


def _check_once(path: Path) -> int | None:
    """Refuse a file that is not a maturity database or was written by a newer maturity."""
    untouched = "it was left untouched"
    try:
        size = path.stat().st_size
        if size == 0:
            return None
        with open(path, "rb") as handle:
            head = handle.read(100)
    except OSError as exc:
        raise StoreError(f"cannot read the database {path}: {exc.strerror or exc}") from None
    if not head.startswith(SQLITE_HEADER):
        raise StoreError(f"{path} is not a maturity database (it is not an SQLite file); {untouched}")
    if len(head) < 100:
        raise _Unsettled(f"{path} is damaged (truncated SQLite header); {untouched}")
    # Without a write-ahead log beside it the file alone is the database: read it as immutable,
    # which creates no -wal or -shm files next to a file we may refuse.
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the database {path}: {exc}") from None
    try:
        objects = conn.execute("SELECT type, name FROM sqlite_master").fetchall()
        tables = sorted(name for kind, name in objects if kind == "table" and not name.startswith("sqlite_"))
        if not objects:
            return None
        if META_TABLE not in tables:
            raise foreign(str(path), tables, "an SQLite database")
        meta = dict(conn.execute(f"SELECT key, value FROM {META_TABLE}").fetchall())
        structure = sqlite_structure(conn)
    except sqlite3.DatabaseError as exc:
        raise _Unsettled(f"{path} is damaged or not a database ({exc}); {untouched}") from None
    finally:
        conn.close()
    return judge(str(path), meta, structure)


def _use_wal(cursor: sqlite3.Cursor, timeout: float = BUSY_TIMEOUT_SECONDS) -> None:
    """Switch the file to write-ahead logging, waiting for other processes doing the same.

    Two connections switching a new file at once can deadlock on its locks; SQLite then answers
    "database is locked" at once, without waiting for the busy timeout, so wait here instead.
    """
    import random
    import time

    deadline = time.monotonic() + timeout
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        if time.monotonic() >= deadline:
            raise sqlite3.OperationalError("database is locked")
        time.sleep(random.uniform(0.005, 0.05))


def create_readonly_engine(path: Path) -> Engine:
    """An engine that only reads: SQLite's mode=ro takes no write lock, changes no journal
    mode and works in a folder the user cannot write to."""
    base = path.resolve().as_uri()
    wal = path.with_name(path.name + "-wal")

    def connect() -> sqlite3.Connection:
        # With no write-ahead log beside the file no other connection is open: read the file
        # alone (immutable), which creates no -wal and -shm files, even in a folder one may write
        # to. With a log, read through it as SQLite's readers do, without writing.
        mode = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
        return sqlite3.connect(f"{base}?{mode}", uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)

    engine = create_engine("sqlite+pysqlite://", creator=connect)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        cursor.execute("PRAGMA query_only = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: object) -> None:
        conn.exec_driver_sql("BEGIN")  # type: ignore[attr-defined]

    return engine


def create_sqlite_engine(url: URL) -> Engine:
    if url.database in (None, "", ":memory:"):
        from sqlalchemy.pool import StaticPool

        # one connection shared by every thread, or each thread would see its own empty database
        engine = create_engine(
            url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False}, poolclass=StaticPool
        )
    else:
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # take transactions out of the driver's hands so BEGIN IMMEDIATE can be used for writes
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if url.database not in (None, "", ":memory:"):
            _use_wal(cursor)
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: object) -> None:
        # a writer takes the write lock at BEGIN: waiting for it honours the busy timeout,
        # whereas upgrading a read transaction later can fail at once with "database is locked"
        write = conn.get_execution_options().get("maturity_write")  # type: ignore[attr-defined]
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")  # type: ignore[attr-defined]

    return engine


def open_sqlite(location: str | None, *, create: bool = True, readonly: bool = False) -> Store:
    """Open (creating and migrating as needed) the SQLite database at ``location``; see `open_store`."""
    from .store import Store

    url, path, label = resolve(location)
    if path is not None:
        if not create and not path.exists() and not path.is_symlink():
            raise NoDatabase(
                f"no database at {path} yet: save an assessment first (maturity assess --answers FILE --save)"
            )
        version = inspect_file(path, create=not readonly)
        if readonly and version == latest_version():
            reader = Store(create_readonly_engine(path), label, readonly=True)
            reader.notices += exposure(path)
            return reader
        if readonly and version is None:
            raise NoDatabase(
                f"{path} is an empty file, no database yet: save an assessment first (maturity assess --answers FILE --save)"
            )
        refusal = unwritable(path)
        if refusal and version == latest_version():
            # readable, not writable: open it for reading, and say why at the first write
            reader = Store(create_readonly_engine(path), label, readonly=True)
            reader.readonly_reason = refusal
            reader.notices += exposure(path)
            return reader
        if refusal:  # an earlier schema would be upgraded, which writes
            raise StoreError(refusal)
    engine = create_sqlite_engine(url)
    store = Store(engine, label)
    try:
        store._migrate()
    except BaseException:
        store.close()
        raise
    if path is not None:
        store.notices += exposure(path)
    return store


def unwritable(path: Path) -> str | None:
    """Why this user may not write the database, or None.

    Asked before SQLite is: SQLite would first create the -wal and -shm files beside it, owned
    by this user, which in a folder others may write to (such as /tmp) lock the owner out.
    """
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and not os.access(file, os.W_OK):
            what = "the database" if file == path else f"the database's log {file.name} (beside it)"
            return (
                f"cannot write to the database {path}: {what} belongs to {_owner(file)} (mode "
                f"{file.stat().st_mode & 0o777:04o}) and this user may not change it; nothing was changed"
            )
    return None


def _owner(file: Path) -> str:
    try:
        import pwd

        return pwd.getpwuid(file.stat().st_uid).pw_name
    except (ImportError, KeyError, OSError):
        return "another user"


def exposure(path: Path) -> list[str]:
    """A warning when the database, which describes security gaps, can be read by other users
    and this user may change that."""
    import shlex

    try:
        st = path.stat()
    except OSError:
        return []
    if not st.st_mode & 0o077 or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
        return []
    return [
        f"the database {path} can be read by other users (mode {st.st_mode & 0o777:04o}); it describes "
        f"security gaps: make it yours alone with chmod 600 {shlex.quote(str(path))}"
    ]
