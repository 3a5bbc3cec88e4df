"""Saving answers off the screen's thread, in the order they were given.

Every answer goes to the database as soon as it is given, but the next question must not wait
for the disk. One background thread takes writes from a queue in order, so two quick answers to
the same question can never land the wrong way round; `flush` waits until everything queued is
stored (before completing an assessment, and when the app closes).
"""

from __future__ import annotations

import queue
import threading
from typing import Any, Callable

Write = Callable[[], Any]
#: Told of a failed write: the error, and what the write was about (a question id, or "").
OnError = Callable[[BaseException, str], None]


class StoreWriter:
    """Runs store writes one after another on a background thread."""

    def __init__(self, on_error: OnError) -> None:
        self._queue: queue.Queue[tuple[Write, str] | None] = queue.Queue()
        self._on_error = on_error
        self._thread = threading.Thread(target=self._run, name="maturity-store-writer", daemon=True)
        self._thread.start()
        self.failed: BaseException | None = None

    def submit(self, write: Write, about: str = "") -> None:
        """Queue a write (a call taking no arguments); `about` names what it stores (a question
        id), for the error report."""
        self._queue.put((write, about))

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every queued write is done; False when it took longer than `timeout`."""
        done = threading.Event()
        self._queue.put((done.set, ""))
        return done.wait(timeout)

    def close(self, timeout: float | None = 10.0) -> None:
        """Finish the queued writes and stop the thread."""
        if self._thread.is_alive():
            self._queue.put(None)
            self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            write, about = item
            try:
                write()
            except BaseException as exc:  # reported on screen; the next writes still run
                self.failed = exc
                try:
                    self._on_error(exc, about)
                except BaseException:
                    pass
