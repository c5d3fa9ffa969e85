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
        self.done, self.total = 0, 0

    def _write(self, text: str, final: bool, now: float) -> bool:
        """Redraw in a terminal; a whole line at most every LOG_INTERVAL s otherwise."""
        if self.terminal:
            self.stream.write(f"\r{text}   " + ("\n" if final else ""))
        elif final or now - self.last_line >= LOG_INTERVAL:
            self.stream.write(text + "\n")
            self.last_line = now
        else:
            return False
        self.shown = True
        self.stream.flush()
        return True

    def jobs(self, entries) -> None:
        """While a run waits on its jobs: (batch, job id, status, queue position or None) each."""
        now = time.monotonic()
        if not _ENABLED or now - self.start < self.delay or not entries:
            return
        counts: dict[str, list] = {}
        for _, _, status, position in entries:
            counts.setdefault(status, []).append(position)
        parts = []
        for status, positions in counts.items():
            where = [f"#{p}" for p in positions if p is not None]
            parts.append(f"{len(positions)} {status}" + (f" (queue {', '.join(where)})" if where else ""))
        self._write(f"{self.label}: {self.done}/{self.total} batches done; jobs {', '.join(parts)}", False, now)

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if not _ENABLED:
            return
        now = time.monotonic()
        elapsed = now - self.start
        if elapsed < self.delay and done < total:
            return
        if not self.shown and done >= total:
            return  # finished before it was worth showing
        left = f"~{elapsed / done * (total - done):.0f} s left" if done else "time left not known yet"
        self._write(f"{self.label}: {done}/{total} ({100 * done / total:.0f}%), {left}", done >= total, now)
