"""The terminal app's speed, measured on the real `maturity` command in an 80×24 pseudo-terminal
with the built-in questionnaires:

* launch to first interactive screen: from starting the process to the organisations listed
  on the start screen, in wall time (target ≤ 1.0 s) and in the app's own CPU time at that
  moment, user and system together (target ≤ 0.4 s; read from /proc, so Linux only), which a
  busy machine does not inflate;
* beside it, the same two figures for a bare Textual app (a header, one line, a footer) in the
  same terminal: the floor any Textual app starts from on this machine;
* key to next question: from a digit that answers a question to the next question's text
  written to the terminal (target ≤ 50 ms).

    python bench/bench_tui.py                 # 5 launches, 30 answers
    python bench/bench_tui.py --launches 10 --answers 60
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from maturity.catalog import load_catalog
from maturity.assessment.interview import Interview
from maturity.contract.profile import Profile
from maturity.store import open_store

COLUMNS, ROWS = 80, 24
ORG = "Bench Bakery"


class Terminal:
    """`maturity` running in a pseudo-terminal; the output is kept as it arrives."""

    def __init__(self, db: Path, command: list[str] | None = None) -> None:
        exe = shutil.which("maturity") or sys.exit("the maturity command is not installed")
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        env = {**os.environ, "MATURITY_DB": str(db), "TERM": "xterm-256color", "COLUMNS": str(COLUMNS), "LINES": str(ROWS)}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(command or [exe], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
        os.close(slave)
        self.output = b""

    def wait_for(self, text: str, timeout: float = 10.0) -> float:
        """Read until `text` appears after what was read so far; the moment it arrived."""
        needle = text.encode()
        start = len(self.output)
        deadline = time.perf_counter() + timeout
        while True:
            found = self.output.find(needle, max(0, start - len(needle)))
            if found >= 0:
                self.output = self.output[found + len(needle):]
                return time.perf_counter()
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{text!r} did not appear within {timeout} s")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    raise TimeoutError(f"the app ended before {text!r} appeared") from None

    def cpu(self) -> float:
        """The CPU time (user and system) the app has used so far, in seconds."""
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def press(self, key: str) -> float:
        self.output = b""
        moment = time.perf_counter()
        os.write(self.master, key.encode())
        return moment

    def close(self) -> None:
        try:
            os.write(self.master, b"\x11")  # ctrl+q
            self.process.wait(5)
        except Exception:
            self.process.kill()
        os.close(self.master)


def snippet(text: str) -> str:
    """The start of a question as it shows on its first line."""
    return text[:24]


#: a Textual app with nothing of maturity's: how long Textual itself takes to show a first screen
BARE_APP = """
from textual.app import App
from textual.widgets import Footer, Header, Static
class Bare(App):
    def compose(self):
        yield Header()
        yield Static("+ New organisation")
        yield Footer()
Bare().run()
"""


def launches(db: Path, count: int, command: list[str] | None = None) -> tuple[list[float], list[float]]:
    """Wall and CPU times from starting the app to the organisations listed."""
    times, cpu = [], []
    for _ in range(count):
        term = Terminal(db, command)
        try:
            ready = term.wait_for("+ New organisation")
            cpu.append(term.cpu())
            times.append(ready - term.started)
        finally:
            term.close()
    return times, cpu


def answers(db: Path, count: int) -> list[float]:
    catalog = load_catalog()
    steps = Interview(catalog, Profile(name=ORG)).steps
    singles = [s for s in steps if s.question.type == "single" and len(s.question.options) >= 3]
    term = Terminal(db)
    times = []
    try:
        term.wait_for("+ New organisation")
        term.press("\r")  # open the organisation: its draft, at the first question
        term.wait_for(snippet(steps[0].question.text))
        index = 0
        while len(times) < count and index + 1 < len(steps):
            question = steps[index].question
            if question.type in ("single", "yes_no") and steps[index + 1].question.text[:24] != question.text[:24]:
                sent = term.press("3" if question.type == "single" and len(question.options) >= 3 else "1")
                shown = term.wait_for(snippet(steps[index + 1].question.text))
                times.append(shown - sent)
            else:
                term.press("\x1b[C")  # → skip what a digit does not answer
                term.wait_for(snippet(steps[index + 1].question.text))
            index += 1
    finally:
        term.close()
    if not singles:
        print("no single-choice question in the built-in content")
    return times


def report(name: str, times: list[float], target: float) -> None:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    verdict = "ok" if statistics.median(ms) <= target * 1000 else "over target"
    print(f"{name}: median {statistics.median(ms):.0f} ms, p95 {p95:.0f} ms, max {ms[-1]:.0f} ms "
          f"over {len(ms)} runs (target ≤ {target * 1000:.0f} ms: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--launches", type=int, default=5)
    parser.add_argument("--answers", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        catalog = load_catalog()
        with open_store(db) as store:
            store.start_draft(ORG, Profile(name=ORG), catalog.versions(), from_previous=False)
        launches(db, 1)  # warm the file cache, as a second launch would be
        wall, cpu = launches(db, args.launches)
        report("launch to first interactive screen (wall)", wall, 1.0)
        report("launch to first interactive screen (the app's CPU)", cpu, 0.4)
        bare_wall, bare_cpu = launches(db, args.launches, [sys.executable, "-c", BARE_APP])
        print(f"  a bare Textual app to its first screen: median {statistics.median(bare_wall) * 1000:.0f} ms wall, "
              f"{statistics.median(bare_cpu) * 1000:.0f} ms CPU (the floor; maturity's own part: "
              f"{(statistics.median(cpu) - statistics.median(bare_cpu)) * 1000:.0f} ms CPU)")
        report("key to next question", answers(db, args.answers), 0.050)


if __name__ == "__main__":
    main()
