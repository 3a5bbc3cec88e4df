"""Startup and assess wall times, each command run in a fresh process.

    python bench/bench_startup.py             # 20 runs of each
    python bench/bench_startup.py --runs 50

Measures the median wall time of `python -c pass` (for scale), `maturity --help`,
`maturity plugins`, and `maturity assess --answers F` on an answer file covering every
built-in domain, each question answered with its first option (numbers with 5). Plugins are
limited to the built-ins (MATURITY_LOAD_PLUGINS=) and the per-user folders point at an empty
temporary directory, so what is measured is maturity itself.

Targets: --help <= 150 ms; plugins (which loads and checks every plugin's content, so that a
broken one is marked) and assess <= 0.6 s.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"--help": 0.150, "plugins": 0.600, "assess": 0.600}


def maturity_command() -> list[str]:
    """The installed console script next to this Python, or `python -m maturity`."""
    script = Path(sys.executable).with_name("maturity")
    if script.exists():
        return [str(script)]
    found = shutil.which("maturity")
    return [found] if found else [sys.executable, "-m", "maturity"]


def median_time(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median and fastest wall time of `runs` runs, after one warm-up run that must succeed."""
    warm = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if warm.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed with status {warm.returncode}:\n{warm.stderr}")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def fill_template(text: str) -> tuple[str, int]:
    """Answer every question of a `maturity template` with its first option (numbers: 5,
    text: a sentence)."""
    out, options, kind, answered = [], [], None, 0
    for line in text.splitlines():
        option = re.match(r"#   ([a-z][a-z0-9-]*)  ", line)
        if option:
            options.append(option.group(1))
        elif line.startswith("#   A number"):
            kind = "number"
        elif line.startswith("#   Free text."):
            kind = "text"
        answer = re.match(r'^("[^"]+") = ""$', line)
        if answer:
            if kind == "number":
                value = "5"
            elif kind == "text":
                value = '"Measured by the startup benchmark."'
            else:
                value = f'"{options[0]}"'
            line = f"{answer.group(1)} = {value}"
            options, kind, answered = [], None, answered + 1
        out.append(line)
    return "\n".join(out) + "\n", answered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each command (default 20)")
    args = parser.parse_args()

    maturity = maturity_command()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "MATURITY_LOAD_PLUGINS": "",
            "XDG_CONFIG_HOME": str(Path(tmp) / "config"),
            "XDG_DATA_HOME": str(Path(tmp) / "data"),
        }
        env.pop("MATURITY_QUESTIONNAIRES", None)

        template = subprocess.run([*maturity, "template"], env=env, capture_output=True, text=True, check=False)
        answers = Path(tmp) / "answers.toml"
        filled, questions = fill_template(template.stdout) if template.returncode == 0 else ("", 0)
        answers.write_text(filled, encoding="utf-8")

        rows = [
            ("python -c pass", [sys.executable, "-c", "pass"], None),
            ("maturity --help", [*maturity, "--help"], "--help"),
            ("maturity plugins", [*maturity, "plugins"], "plugins"),
        ]
        if questions:
            rows.append((f"maturity assess ({questions} answers)", [*maturity, "assess", "--answers", str(answers)], "assess"))

        print(f"{args.runs} runs each; {sys.implementation.name} {sys.version.split()[0]}; {' '.join(maturity)}")
        print(f"{'command':<34} {'median':>9} {'fastest':>9} {'target':>9}")
        over = []
        for label, argv, target_key in rows:
            median, fastest = median_time(argv, env, args.runs)
            target = TARGETS.get(target_key or "")
            verdict = ""
            if target is not None:
                verdict = "ok" if median <= target else "OVER"
                if median > target:
                    over.append(label)
            target_text = f"{target * 1000:.0f} ms" if target is not None else ""
            print(f"{label:<34} {median * 1000:>6.0f} ms {fastest * 1000:>6.0f} ms {target_text:>9}  {verdict}")
        if not questions:
            print("maturity assess: skipped, `maturity template` gave no questions "
                  f"(status {template.returncode}: {template.stderr.strip()[:200]})")
        if over:
            print("over target: " + ", ".join(over) + "; see `python -X importtime -m maturity --help`")


if __name__ == "__main__":
    main()
