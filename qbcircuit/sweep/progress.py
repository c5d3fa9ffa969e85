"""Progress of a sweep on stderr: points done of all, failures, and the time left.

The time left is estimated from the points finished in this run only (a resumed sweep
starts with points done earlier, which took no time now), and from the first one on:
the wait for the first point is mostly starting the workers, which a parallel sweep
pays once, so counting it would overstate the time left many times over early on. On a terminal the line is
redrawn in place; into a file or pipe a new line is written at most every
``log_interval`` seconds, so logs stay short.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable


def _duration(seconds: float) -> str:
    if seconds != seconds:  # NaN: nothing finished yet
        return "?"
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


class SweepProgress:
    def __init__(self, total: int, done: int = 0, *, label: str = "sweep", stream=None,
                 clock: Callable[[], float] = time.monotonic, interval: float = 0.5, log_interval: float = 10.0):
        self.total = total
        self.done = done
        self.failed = 0
        self.computed = 0
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.start = clock()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval if self.tty else log_interval
        self._last = float("-inf")
        self._first: float | None = None

    def time_left(self) -> float:
        """Seconds left at this run's rate since its first point (NaN before the second)."""
        if self.done >= self.total:
            return 0.0
        if self.computed < 2:
            return float("nan")
        return (self.clock() - self._first) / (self.computed - 1) * (self.total - self.done)

    def line(self) -> str:
        failed = f", {self.failed} failed" if self.failed else ""
        return (f"{self.label}: {self.done}/{self.total} points{failed}, "
                f"{_duration(self.clock() - self.start)} elapsed, ~{_duration(self.time_left())} left")

    def update(self, ok: bool) -> None:
        self.done += 1
        self.computed += 1
        self.failed += 0 if ok else 1
        now = self.clock()
        if self._first is None:
            self._first = now
        if now - self._last >= self.interval or self.done == self.total:
            self._last = now
            self._show()

    def _show(self) -> None:
        if self.tty:
            self.stream.write("\r" + self.line() + "   ")
        else:
            self.stream.write(self.line() + "\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty and self._last > float("-inf"):
            self.stream.write("\n")
            self.stream.flush()
