"""Reliability with real processes: killed mid-save, and saving side by side, on each backend."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from maturity.store import open_store
from store_support import Database

WORKER = Path(__file__).parents[1] / "store_worker.py"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses SIGKILL")


def start(mode: str, db: Path | str, org: str, count: int, *go: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATURITY_")}
    return subprocess.Popen(
        [sys.executable, str(WORKER), mode, str(db), org, str(count), *map(str, go)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )


def read_lines(proc: subprocess.Popen[str], wanted: int, timeout: float = 60.0) -> list[int]:
    assert proc.stdout is not None
    got: list[int] = []
    deadline = time.monotonic() + timeout
    while len(got) < wanted:
        line = proc.stdout.readline()
        if not line:
            raise AssertionError(f"worker stopped early: {proc.stderr.read() if proc.stderr else ''}")
        got.append(int(line))
        assert time.monotonic() < deadline, "worker too slow"
    return got


def kill(proc: subprocess.Popen[str]) -> list[int]:
    """Kill the worker anywhere in a save; return what it confirmed that was not read yet."""
    time.sleep(random.uniform(0.0, 0.008))
    proc.send_signal(signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    return [int(x) for x in out.split()]


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def test_killing_a_process_mid_save_loses_nothing_saved_before(tmp_path: Path) -> None:
    random.seed(5)
    db = tmp_path / "killed.db"
    confirmed: list[int] = []
    rounds = 0
    for _ in range(5):
        proc = start("save", db, "Acme", 0)
        confirmed += read_lines(proc, random.randint(1, 30))
        confirmed += kill(proc)
        rounds += 1
        with open_store(db) as store:
            stored = {a.id: a for a in store.assessments("Acme")}
        assert set(confirmed) <= set(stored), "a confirmed save was lost"
        # beyond them, at most the save each kill interrupted between its commit and its print
        assert len(stored) - len(confirmed) <= rounds
        assert all(a.hash_matches() for a in stored.values()), "a save was stored half-way"
        assert integrity(db) == "ok"


def test_killing_a_process_mid_answer_keeps_the_draft(tmp_path: Path) -> None:
    random.seed(7)
    db = tmp_path / "draft.db"
    total = 0
    for _ in range(4):
        proc = start("answer", db, "Acme", 0)
        numbers = read_lines(proc, random.randint(1, 40))
        numbers += kill(proc)
        total += len(numbers)
        with open_store(db) as store:
            draft = store.draft("Acme")
            assert draft is not None
            answered = draft.answer_file.answers
            assert {f"x.q{n}" for n in numbers} <= set(answered)
            for n in numbers:
                assert answered[f"x.q{n}"].answer == float(n)
            assert draft.position is not None
        assert integrity(db) == "ok"
    assert total > 0


def test_four_processes_saving_at_once_lose_nothing(database: Database, tmp_path: Path) -> None:
    db = database.absent()  # none of them finds it: they race to create it too
    go = tmp_path / "go"
    workers = [start("save", db.location, "Acme", 100, go) for _ in range(4)]
    for proc in workers:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    go.touch()
    outputs = []
    for proc in workers:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
        outputs.append([int(x) for x in out.split()])
    assert [len(o) for o in outputs] == [100] * 4
    ids = [i for o in outputs for i in o]
    assert len(set(ids)) == 400
    with open_store(db.location) as store:
        stored = store.assessments("Acme")
        assert sorted(a.id for a in stored) == sorted(ids)
        assert all(a.hash_matches() for a in stored)
        assert [o.name for o in store.orgs()] == ["Acme"]
    if db.backend == "sqlite":
        assert integrity(Path(db.location)) == "ok"
        assert Path(db.location).stat().st_mode & 0o777 == 0o600


def test_a_save_killed_inside_its_transaction_leaves_nothing_half_written(database: Database) -> None:
    """The worker stops just before its commit, everything of the save written: killed there,
    none of it is kept, what it saved before is, and the next writer gets in."""
    for before in (1, 3):
        proc = start("hold", database.location, "Acme", before)
        saved = read_lines(proc, before)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "inside"
        with open_store(database.location, readonly=True) as store:  # a reader does not wait for it
            assert [a.id for a in store.assessments("Acme")][-before:] == saved
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        after = start("save", database.location, "Acme", 2)  # the lock the killed save held is gone
        out, err = after.communicate(timeout=120)
        assert after.returncode == 0, err
        with open_store(database.location) as store:
            stored = store.assessments("Acme")
            assert store.draft("Acme") is None
            assert all(a.hash_matches() for a in stored)
            assert not [a for a in stored if a.answer_file.answers["al.one.q"].note == "never committed"]
            assert [a.id for a in stored][-(before + 2):] == saved + [int(x) for x in out.split()]
    if database.backend == "sqlite":
        assert integrity(Path(database.location)) == "ok"
    else:
        rows = database.execute("SELECT count(*) FROM answers WHERE answer LIKE '%never committed%'")
        assert rows == [(0,)]


def test_many_openers_of_a_new_database_all_get_in(database: Database) -> None:
    """Connections that switch a new file to WAL at the same moment can deadlock on its locks,
    and SQLite then says "locked" at once instead of waiting; servers asked to create the same
    database at the same moment refuse all but one: every opener must still get in."""
    import threading

    for n in range(40 if database.backend == "sqlite" else 10):
        db = database.absent()
        barrier = threading.Barrier(4)
        errors: list[BaseException] = []

        def opener() -> None:
            barrier.wait()
            try:
                with open_store(db.location) as store:
                    store.orgs()
            except BaseException as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(exc)

        threads = [threading.Thread(target=opener) for _ in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        assert errors == [], f"attempt {n}: {errors[0]}"
        if db.backend == "sqlite":
            assert integrity(Path(db.location)) == "ok"
