"""Reading and writing the user's files safely.

Every file maturity reads (questionnaires, answer files, exports to import) goes through
`read_text`: only a regular file (or standard input, where a command takes ``-``), at most
`MAX_FILE_BYTES`, UTF-8. A FIFO, a device such as ``/dev/zero`` or a folder is refused at once
instead of hanging or filling the memory. Parsed documents are checked by `check_depth`, so a
document nested thousands of levels deep is refused with a message, not a RecursionError.

Every file maturity writes goes through `atomic_write`: a temporary file beside the target,
renamed over it only once it is complete, and removed whatever goes wrong.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

from .errors import FileFormatError

#: the largest file maturity reads (questionnaires, answer files, exports): 16 MiB
MAX_FILE_BYTES = 16 * 1024 * 1024
#: the deepest nesting of tables and lists accepted in a TOML or JSON document
MAX_NESTING = 32

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str:
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def read_bytes(path: str | os.PathLike[str], *, limit: int | None = None, allow_stdin: bool = False) -> bytes:
    """The content of a regular file (or of standard input for ``-`` when allowed), at most
    ``limit`` bytes (default `MAX_FILE_BYTES`)."""
    name = str(path)
    limit = MAX_FILE_BYTES if limit is None else limit
    if allow_stdin and name == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise FileFormatError(f"more than {_size(limit)} on standard input; that is not a file maturity reads", path="-")
        return data
    try:
        # O_NONBLOCK: opening a FIFO for reading must not wait for a writer
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise FileFormatError("no such file", path=name) from None
    except IsADirectoryError:
        raise FileFormatError("is a directory, not a file", path=name) from None
    except OSError as exc:
        raise FileFormatError(f"cannot read: {exc.strerror or exc}", path=name) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileFormatError(f"is {_kind(info.st_mode)}, not a regular file", path=name)
        if info.st_size > limit:
            raise FileFormatError(f"is {_size(info.st_size)}; maturity reads files of at most {_size(limit)}", path=name)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(limit + 1)
    except OSError as exc:
        raise FileFormatError(f"cannot read: {exc.strerror or exc}", path=name) from None
    finally:
        if fd >= 0:
            os.close(fd)
    if len(data) > limit:  # the file grew while it was read
        raise FileFormatError(f"is larger than {_size(limit)}, the most maturity reads", path=name)
    return data


def read_text(path: str | os.PathLike[str], *, limit: int | None = None, allow_stdin: bool = False) -> str:
    """`read_bytes` decoded as UTF-8 (a byte order mark is dropped)."""
    data = read_bytes(path, limit=limit, allow_stdin=allow_stdin)
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise FileFormatError(f"not UTF-8 text (byte {exc.start})", path=str(path)) from None


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB" if n >= 1024 * 1024 else f"{n} bytes"


def nesting_depth(data: Any, limit: int = MAX_NESTING) -> int:
    """How deeply tables and lists nest in ``data`` (stops counting past ``limit``)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        depth += 1
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        stack.extend((child, depth) for child in children)
    return deepest


def check_depth(data: Any, path: str | os.PathLike[str], limit: int = MAX_NESTING) -> None:
    if nesting_depth(data, limit) > limit:
        raise FileFormatError(f"tables and lists nest more than {limit} levels deep; that is not a maturity file", path=str(path))


def resolved(path: str | os.PathLike[str]) -> Path:
    """``path`` made absolute with its links followed; a symbolic link that leads back to
    itself is an OSError (ELOOP) naming it, as on every Python (3.11 and 3.12 raise a
    RuntimeError, later ones leave the link unresolved)."""
    try:
        return Path(path).resolve()
    except RuntimeError:
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None


def check_target(path: str | os.PathLike[str]) -> None:
    """Refuse to write to ``path`` when it is a symbolic link that never ends (a loop) or
    something other than a regular file (a device, a FIFO, a folder): an OSError naming it.
    Writing there would replace the link or the device with the file."""
    name = str(path)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        return  # a new file, or a link to one
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, name) from None
    if not stat.S_ISREG(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", name) if stat.S_ISDIR(info.st_mode) else \
            OSError(errno.EINVAL, f"is {_kind(info.st_mode)}, not a regular file", name)


def atomic_write(path: str | os.PathLike[str], text: str | bytes, *, private: bool = False) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it, removed on any failure.

    ``private`` makes the file readable by its owner only (exports describe security gaps).
    Raises OSError (with the target's name) when the file cannot be written: a full disk, a
    symbolic link loop, a device or a folder in its place.
    """
    target = Path(path)
    check_target(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError) and not exc.filename:
            exc.filename = str(target)
        raise


__all__ = ["MAX_FILE_BYTES", "MAX_NESTING", "atomic_write", "check_depth", "check_target", "nesting_depth", "read_bytes",
           "read_text", "resolved"]
