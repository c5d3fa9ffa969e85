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
        self.done, self.total = 0, 0

    def jobs(self, entries) -> None:
        """While a run waits on its jobs: (batch, job id, status, queue position or None) each."""
        if time.monotonic() - self.start < self.delay or not entries:
            return
        self.shown = True
        counts: dict[str, list] = {}
        for _, _, status, position in entries:
            counts.setdefault(status, []).append(position)
        parts = []
        for status, positions in counts.items():
            where = [f"#{p}" for p in positions if p is not None]
            parts.append(f"{len(positions)} {status}" + (f" (queue {', '.join(where)})" if where else ""))
        self.stream.write(f"\r{self.label}: {self.done}/{self.total} batches done; jobs {', '.join(parts)}   ")
        self.stream.flush()

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
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
