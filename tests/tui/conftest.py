"""Fixtures of the terminal-app tests: the small test questionnaires, a fresh database, a
fixed clock (so that snapshots do not change with the date)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

from maturity.catalog import Catalog

from .tui_support import MINI, catalog_from

FROZEN = dt.datetime(2026, 5, 9, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def catalog() -> Catalog:
    return catalog_from(MINI)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "maturity.db"


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The store stamps drafts with the time; pin it so screens show the same dates every run."""
    import maturity.store.store  # noqa: F401  (loads every part of the store)

    for name, module in list(sys.modules.items()):
        if name.startswith("maturity.store") and callable(getattr(module, "now", None)):
            monkeypatch.setattr(module, "now", lambda: FROZEN)


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A text box's cursor blinks on a timer, so a picture would show it or not depending on
    when it was taken: keep it on, as it is the moment a box gets the keyboard."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None)
