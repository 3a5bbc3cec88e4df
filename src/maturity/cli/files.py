"""The files the commands write: exports, readable by their owner only and named after the
organisation."""

from __future__ import annotations

from pathlib import Path


def slug(name: str) -> str:
    """A file name made of an organisation's name."""
    import re

    return re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower() or "organisation"


def write_private(path: Path, text: str) -> None:
    """Write atomically, readable by the owner only: an export describes security gaps."""
    from ..common.errors import StoreError
    from ..common.safeio import atomic_write

    try:
        atomic_write(path, text, private=True)
    except OSError as exc:
        raise StoreError(f"cannot write {path}: {exc.strerror or exc}") from None
