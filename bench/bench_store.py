"""Benchmark of the store: saving an assessment, history of an organisation, diff of two, on
SQLite and on PostgreSQL.

Targets, with 100,000 stored assessments across 1,000 organisations: saving one ≤ 50 ms,
`history` for one organisation ≤ 300 ms, `diff` ≤ 300 ms, on PostgreSQL; the same figures are
printed for SQLite.

    python bench/bench_store.py --quick                    # 2,000 across 20 organisations, SQLite
    PG_DURABLE=1 scripts/pg-cluster run python bench/bench_store.py          # the full size, both
    python bench/bench_store.py --postgres postgresql+psycopg://me@localhost/postgres --backend postgresql
    python bench/bench_store.py --orgs 50 --per-org 40

Every organisation gets the same number of assessments (100 by default, as in the full size),
so history and diff read as much per organisation in the quick run as in the full one; the
quick run differs in the size of the database and its indexes. The catalog is synthetic and of
the size of the built-in one (6 domains, 72 capabilities, 108 questions).

The database is filled with bulk inserts of the rows the store writes (scored answer files,
sealed with their content hash), not through 100,000 saves; then every timed operation goes
through the store as the program uses it. Figures are wall-clock milliseconds. Saves use the
program's settings, committed to disk: on SQLite WAL with synchronous=FULL; on PostgreSQL
whatever the server does (give a server with fsync on: `scripts/pg-cluster` turns it off
unless PG_DURABLE=1). PostgreSQL is used when --postgres (or MATURITY_TEST_POSTGRES) names a
server on which the benchmark may create a database; it creates one and drops it afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from maturity.catalog import Catalog, build_catalog
from maturity.history import diff, history
from maturity.contract.hooks import hookimpl
from maturity.contract.questionnaire import (
    STAGES,
    Capability,
    Option,
    Question,
    Questionnaire,
    QuestionnaireInfo,
)
from maturity.assessment.models import Answer, AnswerFile
from maturity.contract.profile import Goal, Profile
from maturity.plugins import Plugins
from maturity.assessment.scoring import score
from maturity.store import content_hash, open_store

DOMAINS = ["cyber", "cloud", "auto", "data", "talent", "ethics"]
OPTIONS = [
    Option(id="none", label="None", credit=0.0),
    Option(id="some", label="Some", credit=0.33),
    Option(id="most", label="Most", credit=0.67),
    Option(id="all", label="All", credit=1.0),
]
TARGETS = {"save": 50.0, "history": 300.0, "diff": 300.0}


class _Content:
    def __init__(self, questionnaires: list[Questionnaire]) -> None:
        self.questionnaires = questionnaires

    @hookimpl
    def register_questionnaires(self, register: Callable[[Questionnaire], None]) -> None:
        for q in self.questionnaires:
            register(q)


def synthetic_catalog(per_domain: int = 12) -> Catalog:
    questionnaires = []
    for d, domain in enumerate(DOMAINS):
        caps = []
        for i in range(per_domain):
            stage = min(2, i * 3 // per_domain)
            cid = f"{domain}.c{i}"
            questions = [Question(id=f"{cid}.q1", text=f"How far is {cid}?", options=OPTIONS)]
            if i % 2:
                questions.append(Question(id=f"{cid}.q2", text=f"Is {cid} tested?", type="yes_no"))
            caps.append(
                Capability(
                    id=cid, name=f"{domain.title()} capability {i}", stage=STAGES[stage],
                    requires=[f"{domain}.c{i - 1}"] if i else [], goals={"security": 0.5}, questions=questions,
                )
            )
        info = QuestionnaireInfo(id=domain, name=domain.title(), version="1.0.0", prefix=domain)
        questionnaires.append(Questionnaire(questionnaire=info, capabilities=caps))
    plugins = Plugins()
    plugins.add(_Content(questionnaires), "bench", module=__name__, version="0", source="test")
    return build_catalog(plugins)


def answer_files(catalog: Catalog, count: int, rng: random.Random) -> list[tuple[AnswerFile, object]]:
    """`count` different answer files with their results (scored once, reused when loading)."""
    out = []
    questions = list(catalog.questions.items())
    for n in range(count):
        answers: dict[str, Answer] = {}
        for qid, (question, _) in questions:
            roll = rng.random()
            if roll < 0.05:
                answers[qid] = Answer(dont_know=True)
            elif roll < 0.08:
                answers[qid] = Answer(not_applicable="does not apply here")
            elif question.type == "yes_no":
                answers[qid] = Answer(answer=rng.random() < 0.5, note="checked" if roll < 0.3 else "")
            else:
                answers[qid] = Answer(answer=rng.choice(OPTIONS).id, confidence=rng.choice(["high", "medium", "low"]))
        profile = Profile(name=f"Business {n}", industry="retail", size=25, budget=40000, currency="EUR",
                          goals={"security": Goal(weight=3), "operations": Goal(weight=2)})
        af = AnswerFile(profile=profile, questionnaires=catalog.versions(), answers=answers)
        out.append((af, score(catalog, af)))
    return out


def _ts(value: dt.datetime) -> str:
    from maturity.store.base import _ts as stamp

    return stamp(value)


def populate(location: str, catalog: Catalog, orgs: int, per_org: int, variants: list, rng: random.Random) -> float:
    """Fill the database with rows as the store writes them, in bulk: per batch of
    organisations one transaction that writes the answers first (so that the database's guard,
    which refuses answers to a completed assessment, lets them in), then the sealed
    assessments that they belong to, with the foreign keys checked at commit."""
    from sqlalchemy import insert

    from maturity.store import schema as t

    versions = catalog.versions()
    plugin_versions = {"bench": "0"}
    rows = []
    for af, result in variants:
        stored = AnswerFile(profile=af.profile, questionnaires=af.questionnaires, answers=dict(sorted(af.answers.items())))
        rows.append({
            "profile": af.profile.model_dump_json(), "questionnaires": json.dumps(af.questionnaires, sort_keys=True),
            "versions": json.dumps(versions, sort_keys=True), "plugin_versions": json.dumps(plugin_versions, sort_keys=True),
            "result": result.model_dump_json(), "content_hash": content_hash(stored, result, versions, plugin_versions),
            "answers": [(qid, a.model_dump_json()) for qid, a in sorted(af.answers.items())],
        })
    start = time.perf_counter()
    first = dt.datetime(2015, 1, 1, tzinfo=dt.timezone.utc)
    store = open_store(location)
    postgresql = store.backend == "postgresql"
    if not postgresql:  # durability off for the filling only
        from sqlalchemy import event

        store._engine.dispose()

        @event.listens_for(store._engine, "connect")
        def _fast(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_connection.execute("PRAGMA synchronous = OFF")
    next_id = 1
    batch = max(1, 5000 // per_org)
    try:
        for lo in range(0, orgs, batch):
            with store._engine.begin() as conn:
                conn.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED" if postgresql else "PRAGMA defer_foreign_keys = ON")
                conn.execute(insert(t.orgs), [{"id": o + 1, "name": f"Org {o:03d}", "created": _ts(first)} for o in range(lo, min(orgs, lo + batch))])
                assessments, answers = [], []
                for o in range(lo, min(orgs, lo + batch)):
                    for n in range(per_org):
                        row = rows[rng.randrange(len(rows))]
                        when = _ts(first + dt.timedelta(days=30 * n, minutes=o))
                        assessments.append({
                            "id": next_id, "org_id": o + 1, "status": "completed", "created": when, "updated": when, "completed": when,
                            **{k: v for k, v in row.items() if k != "answers"},
                        })
                        answers.extend((next_id, qid, text, when) for qid, text in row["answers"])
                        next_id += 1
                raw = conn.connection.driver_connection
                if postgresql:
                    with raw.cursor() as cursor, cursor.copy("COPY answers (assessment_id, question_id, answer, updated) FROM STDIN") as copy:
                        for answer in answers:
                            copy.write_row(answer)
                else:
                    raw.executemany("INSERT INTO answers (assessment_id, question_id, answer, updated) VALUES (?, ?, ?, ?)", answers)
                conn.execute(insert(t.assessments), assessments)
            if orgs >= 20 and (lo // batch + 1) % max(1, orgs // batch // 10) == 0:
                print(f"  … {min(orgs, lo + batch)} organisations", file=sys.stderr)
        if postgresql:
            with store._engine.begin() as conn:
                for table in ("orgs", "assessments"):
                    conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")
                conn.exec_driver_sql("ANALYZE")
    finally:
        store.close()
    return time.perf_counter() - start


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float]) -> bool:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    target = TARGETS[name]
    fits = p95 <= target
    print(f"{name:<8} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   max {times[-1]:7.1f} ms"
          f"   target {target:.0f} ms   {'ok' if fits else 'OVER'}   (n={len(times)})")
    return fits


def size_of(location: str) -> str:
    if "://" in location:
        from sqlalchemy import create_engine

        engine = create_engine(location)
        try:
            with engine.connect() as conn:
                size = conn.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()
        finally:
            engine.dispose()
        return f"database {int(size) / 1e6:,.0f} MB"
    path = Path(location)
    size = path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob(path.name + "-*"))
    return f"file {size / 1e6:,.0f} MB"


def measure(name: str, location: str, catalog: Catalog, orgs: int, per_org: int, repeat: int, variants: list, rng: random.Random) -> bool:
    total = orgs * per_org
    print(f"== {name}: filling with {total:,} assessments across {orgs:,} organisations …")
    seconds = populate(location, catalog, orgs, per_org, variants, rng)
    print(f"filled in {seconds:.1f} s (bulk inserts); {size_of(location)}")
    fits = True
    versions = catalog.versions()
    names = [f"Org {o:03d}" for o in range(orgs)]
    with open_store(location) as store:
        store.assessments(names[0], with_answers=False)  # warm the connection pool

        def save_one() -> None:
            af, result = variants[rng.randrange(len(variants))]
            store.save_completed(rng.choice(names), af, result, versions, {"bench": "0"})

        fits &= report("save", timed(save_one, repeat))

        def history_of_one() -> None:
            history("x", store.assessments(rng.choice(names), with_answers=False))

        fits &= report("history", timed(history_of_one, repeat))

        ids_by_org = {n: [a.id for a in store.assessments(n, with_answers=False)] for n in rng.sample(names, min(5, orgs))}

        def diff_two() -> None:
            ids = ids_by_org[rng.choice(list(ids_by_org))]
            a, b = sorted(rng.sample(ids, 2))
            diff(store.get_assessment(a), store.get_assessment(b), catalog)

        fits &= report("diff", timed(diff_two, repeat))
    print()
    return fits


class _Server:
    """A database of the benchmark's own on a PostgreSQL server, dropped afterwards."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine, make_url

        self.url = make_url(url).set(drivername="postgresql+psycopg")
        self.name = f"maturity_bench_{os.getpid()}"
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
            conn.exec_driver_sql(f"CREATE DATABASE {self.name}")
            self.fsync = conn.exec_driver_sql("SHOW fsync").scalar()

    @property
    def location(self) -> str:
        return self.url.set(database=self.name).render_as_string(hide_password=False)

    def drop(self) -> None:
        with self.admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
        self.admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2,000 assessments across 20 organisations (seconds)")
    parser.add_argument("--orgs", type=int, help="organisations (default 1,000, or 20 with --quick)")
    parser.add_argument("--per-org", type=int, default=100, help="assessments per organisation (default 100)")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each operation (default 30)")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--postgres", default=os.environ.get("MATURITY_TEST_POSTGRES"),
                        help="a PostgreSQL server to create the benchmark's database on (default: MATURITY_TEST_POSTGRES)")
    parser.add_argument("--db", type=Path, help="the SQLite file to create (default: a temporary file)")
    args = parser.parse_args()
    orgs = args.orgs or (20 if args.quick else 1000)
    rng = random.Random(20240115)
    catalog = synthetic_catalog()
    variants = answer_files(catalog, 40, rng)
    print(f"catalog: {len(catalog.questionnaires)} domains, {len(catalog.capabilities)} capabilities, {len(catalog.questions)} questions")
    fits = True
    if args.backend in ("sqlite", "both"):
        folder = None
        if args.db is None:
            folder = tempfile.TemporaryDirectory(prefix="maturity-bench-")
            path = Path(folder.name) / "bench.db"
        else:
            path = args.db
            if path.exists():
                sys.exit(f"{path} exists; give a new file")
        try:
            fits &= measure(f"SQLite {path}", str(path), catalog, orgs, args.per_org, args.repeat, variants, rng)
        finally:
            if folder is not None:
                folder.cleanup()
    if args.backend in ("postgresql", "both"):
        if not args.postgres:
            print("PostgreSQL: skipped; give a server with --postgres URL or MATURITY_TEST_POSTGRES "
                  "(or run under PG_DURABLE=1 scripts/pg-cluster run …)")
            if args.backend == "postgresql":
                return 2
        else:
            server = _Server(args.postgres)
            try:
                label = server.url.set(database=server.name).render_as_string(hide_password=True)
                fits &= measure(f"PostgreSQL {label} (fsync {server.fsync})", server.location, catalog, orgs,
                                args.per_org, args.repeat, variants, rng)
            finally:
                server.drop()
    print("save: one completed assessment with its 108 answers, one transaction, committed.")
    print(f"history: one organisation's {args.per_org} assessments read and summarised (maturity.history.history).")
    print("diff: two assessments read with their answers and compared (maturity.history.diff).")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    return 0 if fits else 1


if __name__ == "__main__":
    sys.exit(main())
