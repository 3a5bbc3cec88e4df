"""A separate process that writes to a store, for the reliability tests.

    python store_worker.py save DB ORG COUNT     # COUNT completed assessments (0: until killed)
    python store_worker.py answer DB ORG COUNT   # COUNT answers to one draft (0: until killed)
    python store_worker.py hold DB ORG COUNT     # COUNT saves, then one that stops inside its
                                                 # transaction, everything written but not
                                                 # committed: prints "inside" and waits to be killed
    python store_worker.py same DB ORG COUNT     # COUNT saves of one same content, each refused
                                                 # if saved that day already
    python store_worker.py invest DB ORG COUNT   # COUNT investments in one capability, each
                                                 # refused while one is open
    python store_worker.py count DB ORG 0        # prints how many assessments ORG has

DB is a file or a PostgreSQL URL.

Given as `python store_worker.py as UID MODE DB ORG COUNT`, the worker does everything it can
as the user running it (loading, and one save to a scratch database so that every module a save
needs is loaded), then becomes the user UID (it must run as root) and works on DB as that user:
another user of a shared folder. A write the store refuses then prints "refused: MESSAGE".

With a fifth argument GO, the worker prints "ready" once loaded and waits for the file GO to
exist before it opens the store, so that two workers start at the same moment.

Prints one line per committed write (the assessment id, or the answer's number), flushed at
once, so the test knows exactly what was saved before it kills the process; "refused" for a
write a uniqueness rule refused.
"""

from __future__ import annotations

import sys
import time
from itertools import count
from pathlib import Path

from maturity.catalog import build_catalog
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.profile import Profile
from maturity.plugins import DirectoryPlugin, Plugins
from maturity.assessment.scoring import score
from maturity.store import open_store

MINI = Path(__file__).parent / "fixtures" / "mini"


def main(mode: str, db: str, org: str, limit: int, go: str | None = None) -> None:
    plugins = Plugins()
    plugins.add(DirectoryPlugin(MINI), "dir:mini", module=str(MINI), version="", source="directory")
    catalog = build_catalog(plugins)
    versions = catalog.versions()
    choices = ["none", "some", "most", "all"]
    if go:
        print("ready", flush=True)
        while not Path(go).exists():
            time.sleep(0.002)
    with open_store(db) as store:
        numbers = count(1) if limit == 0 else range(1, limit + 1)
        if mode in ("save", "hold"):
            for n in numbers:
                af = AnswerFile(
                    profile=Profile(name=org, facts=[]),
                    questionnaires=versions,
                    answers={"al.one.q": Answer(answer=choices[n % 4], note=f"save {n}"), "be.base.q": Answer(answer=["b"])},
                )
                new_id = store.save_completed(org, af, score(catalog, af), versions, {"worker": str(n)})
                print(new_id, flush=True)
            if mode == "hold":
                from sqlalchemy import event

                @event.listens_for(store._engine, "commit")
                def _inside(conn) -> None:  # type: ignore[no-untyped-def]
                    # the save has written all it writes; its commit has not been sent
                    print("inside", flush=True)
                    sys.stdin.read()  # until the test kills this process

                af = AnswerFile(profile=Profile(name=org, facts=[]), questionnaires=versions,
                                answers={"al.one.q": Answer(answer="all", note="never committed")})
                store.save_completed(org, af, score(catalog, af), versions, {"worker": "held"})
                sys.exit("the held save was committed")
        elif mode in ("same", "invest"):
            from maturity.store.errors import Duplicate

            af = AnswerFile(profile=Profile(name=org, facts=[]), questionnaires=versions,
                            answers={"al.one.q": Answer(answer="some"), "be.base.q": Answer(answer=["b"])})
            result = score(catalog, af)
            for _ in numbers:
                try:
                    if mode == "same":
                        print(store.save_completed(org, af, result, versions, {}, once_a_day=True), flush=True)
                    else:
                        print(store.add_investment(org, "al.one", 100.0, only_open=True), flush=True)
                except Duplicate:
                    print("refused", flush=True)
        elif mode == "count":
            print(len(store.assessments(org)) if any(o.name == org for o in store.orgs()) else 0, flush=True)
        elif mode == "answer":
            draft = store.draft(org) if store.orgs() and any(o.name == org for o in store.orgs()) else None
            draft_id = draft.id if draft else store.start_draft(org, Profile(name=org), versions)
            for n in numbers:
                store.save_answer(draft_id, f"x.q{n}", Answer(answer=float(n), note="n" * (n % 50)))
                store.set_position(draft_id, f"x.q{n}")
                print(n, flush=True)
        else:
            sys.exit(f"unknown mode {mode}")


def as_user(uid: int, mode: str, db: str, org: str, limit: int) -> None:
    import os
    import pwd  # noqa: F401 - loaded now: after setuid the interpreter's files may be out of reach
    import shlex  # noqa: F401
    import tempfile

    from maturity.common.errors import StoreError

    with tempfile.TemporaryDirectory() as scratch:
        main(mode, str(Path(scratch) / "warm.db"), org, 1)
        os.chmod(Path(scratch) / "warm.db", 0o644)
        main(mode, str(Path(scratch) / "warm.db"), org, 1)
    sys.stdout.flush()
    os.setgroups([])
    os.setgid(uid)
    os.setuid(uid)
    try:
        main(mode, db, org, limit)
    except StoreError as exc:
        print(f"refused: {exc}", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "as":
        as_user(int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]))
    else:
        main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), *sys.argv[5:6])
