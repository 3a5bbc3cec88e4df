"""The uniqueness rules hold with many processes writing at once, on each backend: the same
answers are saved once a day, and a capability has one open investment, because the store
checks them inside the write transaction."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from maturity.store import open_store
from store_support import Database

WORKER = Path(__file__).parents[1] / "store_worker.py"
PROCESSES = 6
ATTEMPTS = 4


def race(mode: str, db: Database, tmp_path: Path) -> list[str]:
    """PROCESSES workers, released at one moment, each trying ATTEMPTS writes; every line printed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATURITY_")}
    go = tmp_path / f"go-{mode}"
    workers = [
        subprocess.Popen([sys.executable, str(WORKER), mode, db.location, "Acme", str(ATTEMPTS), str(go)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for _ in range(PROCESSES)
    ]
    for proc in workers:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    go.touch()
    lines = []
    for proc in workers:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
        lines += out.split()
    assert len(lines) == PROCESSES * ATTEMPTS
    return lines


def test_the_same_answers_saved_at_once_are_stored_once(database: Database, tmp_path: Path) -> None:
    lines = race("same", database, tmp_path)
    saved = [int(x) for x in lines if x != "refused"]
    assert len(saved) == 1, f"{len(saved)} of {len(lines)} identical saves went through"
    with open_store(database.location) as store:
        assert [a.id for a in store.assessments("Acme")] == saved


def test_investments_added_at_once_leave_one_open(database: Database, tmp_path: Path) -> None:
    with open_store(database.location) as store:
        store.create_org("Acme")
    lines = race("invest", database, tmp_path)
    added = [int(x) for x in lines if x != "refused"]
    assert len(added) == 1, f"{len(added)} of {len(lines)} investments went through while one was open"
    with open_store(database.location) as store:
        assert [i.id for i in store.investments("Acme")] == added


def test_a_refused_duplicate_says_so(database: Database) -> None:
    from maturity.store.errors import Duplicate

    with open_store(database.location) as store:
        store.create_org("Acme")
        first = store.add_investment("Acme", "al.one", 10.0, only_open=True)
        with pytest.raises(Duplicate, match=rf"already has an open investment in al.one \(#{first}\)") as caught:
            store.add_investment("Acme", "al.one", 10.0, only_open=True)
        assert caught.value.ids == [first]
        assert store.add_investment("Acme", "al.one", 10.0) != first  # without the rule, as --force
        assert len(store.investments("Acme")) == 2
