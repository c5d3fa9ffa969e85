"""A quiet progress line on stderr: silent for short runs, a percentage and time left for long ones."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, delay: float = 1.0, stream=None):
        self.label = label
        self.delay = delay
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        elapsed = time.monotonic() - self.start
        if elapsed < self.delay and done < total:
            return
        if not self.shown and done >= total:
            return  # finished before it was worth showing
        self.shown = True
        left = elapsed / done * (total - done) if done else float("nan")
        self.stream.write(f"\r{self.label}: {done}/{total} ({100 * done / total:.0f}%), ~{left:.0f} s left   ")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
