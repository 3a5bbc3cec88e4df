"""Benchmark of the store: saving an assessment, history of an organisation, diff of two.

Targets (issue 5), with 10,000 stored assessments across 100 organisations: saving one
≤ 50 ms, `history` for one organisation ≤ 300 ms, `diff` ≤ 300 ms.

    python bench/bench_store.py            # 1,000 assessments across 10 organisations (seconds)
    python bench/bench_store.py --full     # 10,000 across 100, the size of the targets
    python bench/bench_store.py --orgs 50 --per-org 40 --db /tmp/b.db

Every organisation gets the same number of assessments (100 by default, as in the full size),
so history and diff read as much per organisation in the small run as in the full one; the
small run differs in the size of the file and its indexes. The catalog is synthetic and of the
size of the built-in one (6 domains, 72 capabilities, 108 questions). Figures are wall-clock
times in milliseconds; saves use the same settings as the program (WAL, synchronous=FULL),
so they include an fsync of the disk the database is on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from sqlalchemy import event

from maturity.catalog import Catalog, build_catalog
from maturity.history import diff, history
from maturity.hookspecs import hookimpl
from maturity.models import STAGES, Answer, AnswerFile, Capability, Goal, Option, Profile, Question, Questionnaire, QuestionnaireInfo
from maturity.plugins import Plugins
from maturity.scoring import score
from maturity.store import open_store

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


def populate(path: Path, catalog: Catalog, orgs: int, per_org: int, variants: list, rng: random.Random) -> float:
    """Fill the database through the Store API; durability is switched off for this phase only."""
    store = open_store(path)
    store._engine.dispose()

    @event.listens_for(store._engine, "connect")
    def _fast(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA synchronous = OFF")

    start = time.perf_counter()
    versions = catalog.versions()
    first = dt.datetime(2015, 1, 1, tzinfo=dt.timezone.utc)
    for o in range(orgs):
        for n in range(per_org):
            af, result = variants[rng.randrange(len(variants))]
            store.save_completed(f"Org {o:03d}", af, result, versions, {"bench": "0"},
                                 completed=first + dt.timedelta(days=30 * n, minutes=o))
        if orgs >= 20 and (o + 1) % (orgs // 10) == 0:
            print(f"  … {o + 1} organisations", file=sys.stderr)
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="10,000 assessments across 100 organisations")
    parser.add_argument("--orgs", type=int, help="organisations (default 10, or 100 with --full)")
    parser.add_argument("--per-org", type=int, default=100, help="assessments per organisation (default 100)")
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each operation (default 30)")
    parser.add_argument("--db", type=Path, help="database file to create (default: a temporary file)")
    args = parser.parse_args()
    orgs = args.orgs or (100 if args.full else 10)
    rng = random.Random(20240115)
    catalog = synthetic_catalog()
    variants = answer_files(catalog, 40, rng)
    folder = None
    if args.db is None:
        folder = tempfile.TemporaryDirectory(prefix="maturity-bench-")
        path = Path(folder.name) / "bench.db"
    else:
        path = args.db
        if path.exists():
            sys.exit(f"{path} exists; give a new file")
    total = orgs * args.per_org
    print(f"catalog: {len(catalog.questionnaires)} domains, {len(catalog.capabilities)} capabilities, {len(catalog.questions)} questions")
    print(f"filling {path} with {total:,} assessments across {orgs} organisations …")
    seconds = populate(path, catalog, orgs, args.per_org, variants, rng)
    size = path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob(path.name + "-*"))
    print(f"filled in {seconds:.1f} s ({seconds / total * 1000:.2f} ms each, without fsync); file {size / 1e6:.1f} MB")
    print()

    fits = True
    versions = catalog.versions()
    names = [f"Org {o:03d}" for o in range(orgs)]
    with open_store(path) as store:
        store.assessments(names[0], with_answers=False)  # warm the connection pool

        def save_one() -> None:
            af, result = variants[rng.randrange(len(variants))]
            store.save_completed(rng.choice(names), af, result, versions, {"bench": "0"})

        fits &= report("save", timed(save_one, args.repeat))

        def history_of_one() -> None:
            history("x", store.assessments(rng.choice(names), with_answers=False))

        fits &= report("history", timed(history_of_one, args.repeat))

        ids_by_org = {n: [a.id for a in store.assessments(n, with_answers=False)] for n in rng.sample(names, min(5, orgs))}

        def diff_two() -> None:
            ids = ids_by_org[rng.choice(list(ids_by_org))]
            a, b = sorted(rng.sample(ids, 2))
            diff(store.get_assessment(a), store.get_assessment(b), catalog)

        fits &= report("diff", timed(diff_two, args.repeat))

    print()
    print("save: one completed assessment with its 108 answers, one transaction, committed to disk.")
    print(f"history: one organisation's {args.per_org} assessments read and summarised (maturity.history.history).")
    print("diff: two assessments read with their answers and compared (maturity.history.diff).")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    if folder is not None:
        folder.cleanup()
    return 0 if fits else 1


if __name__ == "__main__":
    sys.exit(main())
