"""The database file among other users: another user's refused save leaves nothing that locks
the owner out, and a database others can read is said so once, with the command that fixes it.

Another user is a real one: the test runs the save in a process that becomes another user
(os.setuid), which needs root, as the tests have in CI; elsewhere those tests are skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from maturity.store import open_store

WORKER = Path(__file__).parents[1] / "store_worker.py"
OWNER, OTHER = 65534, 65533  # two users that own nothing else on the machine

as_root = pytest.mark.skipif(
    not hasattr(os, "setuid") or os.geteuid() != 0, reason="becoming another user needs root (as in CI)"
)


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder every user may write to, as /tmp (mode 1777), reachable by every user."""
    folder = Path(tempfile.mkdtemp(prefix="maturity-shared-", dir="/tmp"))
    folder.chmod(0o1777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def save_as(uid: int, db: Path, mode: str = "save") -> str:
    """One save into ``db`` by the user ``uid``: its id, or "refused: MESSAGE" (with mode
    "count": how many assessments it finds)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MATURITY_")}
    done = subprocess.run([sys.executable, str(WORKER), "as", str(uid), mode, str(db), "Acme", "1"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n", 2)[2].strip()  # after the two saves made before becoming uid


def owners(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_uid for p in folder.iterdir()}


@as_root
def test_another_users_refused_save_leaves_the_owner_able_to_save(shared: Path) -> None:
    db = shared / "team.db"
    assert save_as(OWNER, db).isdigit()
    db.chmod(0o644)  # the owner lets others read it
    refused = save_as(OTHER, db)
    assert refused.startswith(f"refused: cannot write to the database {db}: the database belongs to ")
    assert "(mode 0644) and this user may not change it; nothing was changed" in refused
    assert owners(shared) == {"team.db": OWNER}, "the refused save left files behind"
    assert save_as(OTHER, db, "count") == "1", "the other user may still read it"
    assert owners(shared) == {"team.db": OWNER}, "reading left files behind"
    assert save_as(OWNER, db).isdigit(), "the owner was locked out of their own database"
    with open_store(db, readonly=True) as store:
        assert len(store.assessments("Acme")) == 2


@as_root
def test_a_log_left_by_another_user_is_named(shared: Path) -> None:
    db = shared / "team.db"
    assert save_as(OWNER, db).isdigit()
    shm = shared / "team.db-shm"
    shm.write_bytes(b"")
    shm.chmod(0o644)
    os.chown(shm, OTHER, OTHER)
    refused = save_as(OWNER, db)
    assert refused.startswith(f"refused: cannot write to the database {db}: the database's log team.db-shm (beside it) belongs to ")


def test_a_new_database_is_its_owners_alone(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    with open_store(db) as store:
        store.create_org("Acme")
        assert store.notices == []
    assert db.stat().st_mode & 0o777 == 0o600


def test_a_database_others_can_read_is_said_once_with_the_fix(tmp_path: Path) -> None:
    db = tmp_path / "open db.db"
    with open_store(db) as store:
        store.create_org("Acme")
    db.chmod(0o644)
    for readonly in (False, True):
        with open_store(db, readonly=readonly) as store:
            assert store.notices == [
                f"the database {db} can be read by other users (mode 0644); it describes security gaps: "
                f"make it yours alone with chmod 600 '{db}'"
            ]
    db.chmod(0o600)
    with open_store(db, readonly=True) as store:
        assert store.notices == []
