"""Benchmark of `maturity report`: the HTML and PDF reports of an organisation with 20 saved
assessments and a few investments, on the built-in questionnaires.

Targets: HTML ≤ 1 s, PDF ≤ 3 s (the report's data, next steps included, and its rendering;
the questionnaires are loaded once, as a command does before any work). The first run of each
format is shown apart: it includes importing jinja2, pygal or fpdf2. Also prints the time of
the whole command, `maturity report -o FILE`, in a fresh process.

    python bench/bench_report.py               # 20 assessments, 3 runs of each format
    python bench/bench_report.py --assessments 40 --runs 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from maturity.assessment.answers import load_answers
from maturity.catalog import load_catalog
from maturity.assessment.models import Answer
from maturity.report import BUILTIN, render, report_of_assessment
from maturity.assessment.scoring import score
from maturity.store import open_store

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "corner-bakery.toml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    catalog = load_catalog(user_dir=None)
    base = load_answers(EXAMPLE, catalog)
    rng = random.Random(7)
    folder = Path(tempfile.mkdtemp(prefix="bench-report-"))
    db = folder / "bench.db"
    versions = catalog.versions()
    plugin_versions = {n: i.version for n, i in catalog.plugins.info.items()} if catalog.plugins else {}
    with open_store(db) as store:
        start = dt.datetime(2021, 1, 15, 12, tzinfo=dt.timezone.utc)
        for n in range(args.assessments):
            answers = base.model_copy(deep=True)
            for qid, (question, _) in catalog.questions.items():
                if question.options and rng.random() < 0.15 + 0.03 * n:
                    best = max(question.options, key=lambda o: o.credit)
                    value = [best.id] if question.type == "multi" else best.id
                    answers.answers[qid] = Answer(answer=value)
            store.save_completed("Corner Bakery", answers, score(catalog, answers), versions, plugin_versions,
                                 completed=start + dt.timedelta(days=91 * n))
        for cid, cost in (("cyber.mfa", 400.0), ("cyber.backups", 1200.0), ("auto.orders", 2500.0)):
            if cid in catalog.capabilities:
                store.add_investment("Corner Bakery", cid, cost, start=dt.date(2022, 3, 1), kpi="hours lost a week", baseline=10, target=2)
    print(f"{args.assessments} saved assessments of one organisation, built-in questionnaires ({len(catalog.capabilities)} capabilities)")
    for name, target in (("html", 1.0), ("pdf", 3.0)):
        times = []
        for _ in range(args.runs + 1):
            began = time.perf_counter()
            with open_store(db, create=False) as store:
                built, result = report_of_assessment(catalog, store, "Corner Bakery")
            out = render(BUILTIN[name], built, result, catalog)
            times.append(time.perf_counter() - began)
        first, rest = times[0], times[1:]
        print(
            f"  {name:5} median {statistics.median(rest) * 1000:6.0f} ms, first {first * 1000:6.0f} ms with its imports"
            f"  (target ≤ {target * 1000:.0f} ms; {len(out):,} bytes)"
        )
    # a name in five scripts: the PDF embeds Noto Sans with its Arabic and CJK faces
    many = base.model_copy(deep=True)
    many.profile = many.profile.model_copy(update={"name": "Ωμέγα Бета 東京 مخبز Café"})
    with open_store(db) as store:
        store.save_completed(many.profile.name, many, score(catalog, many), versions, plugin_versions)
    times = []
    for _ in range(args.runs):
        began = time.perf_counter()
        with open_store(db, create=False) as store:
            built, result = report_of_assessment(catalog, store, many.profile.name)
        out = render(BUILTIN["pdf"], built, result, catalog)
        times.append(time.perf_counter() - began)
    print(f"  pdf of a name in five scripts: median {statistics.median(times) * 1000:6.0f} ms ({len(out):,} bytes, fonts embedded)")
    env = {**os.environ, "MATURITY_DB": str(db), "MATURITY_LOAD_PLUGINS": ""}
    for name in ("html", "pdf"):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "maturity", "report", "--org", "Corner Bakery", "-o", str(folder / f"r.{name}"), "--force"],
                       env=env, check=True, capture_output=True)
        print(f"  whole command, {name}: {(time.perf_counter() - began) * 1000:6.0f} ms (a fresh process: imports and questionnaires too)")


if __name__ == "__main__":
    main()
