"""Progress of long runs on stderr.

In a terminal the line is redrawn in place; when stderr is redirected (a log file, a
pipe) a full line is printed at most every ``LOG_INTERVAL`` seconds, so the log gets a
readable record instead of hundreds of carriage returns. Short runs print nothing, and
``qbc --quiet`` turns progress off.
"""

from __future__ import annotations

import sys
import time

#: Seconds between progress lines when stderr is not a terminal.
LOG_INTERVAL = 10.0
_ENABLED = True


def configure(*, enabled: bool) -> None:
    """Turn every progress display on or off (``qbc --quiet``)."""
    global _ENABLED
    _ENABLED = enabled


class Progress:
    """A callable ``progress(done, total)`` showing a percentage and the time left.

    Parameters
    ----------
    label:
        What is being done.
    delay:
        Seconds before anything is shown (short runs stay silent).
    stream:
        Where to write (default: stderr).
    """

    def __init__(self, label: str, delay: float = 1.0, stream=None):
        self.label = label
        self.delay = delay
        self.stream = stream or sys.stderr
        self.start = time.monotonic()
        self.shown = False
        self.last_line = -float("inf")
        self.terminal = bool(getattr(self.stream, "isatty", lambda: False)())

    def __call__(self, done: int, total: int) -> None:
        if not _ENABLED:
            return
        now = time.monotonic()
        elapsed = now - self.start
        if elapsed < self.delay and done < total:
            return
        if not self.shown and done >= total:
            return  # finished before it was worth showing
        left = elapsed / done * (total - done) if done else float("nan")
        text = f"{self.label}: {done}/{total} ({100 * done / total:.0f}%), ~{left:.0f} s left"
        if self.terminal:
            self.stream.write(f"\r{text}   " + ("\n" if done >= total else ""))
        elif done >= total or now - self.last_line >= LOG_INTERVAL:
            self.stream.write(text + "\n")
            self.last_line = now
        else:
            return
        self.shown = True
        self.stream.flush()
