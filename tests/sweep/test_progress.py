"""The progress line: count done, failures, and a time left from this run's own rate."""

import io

from qbcircuit.sweep.progress import SweepProgress


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_time_left_from_this_runs_rate_after_the_first_point():
    clock, out = Clock(), io.StringIO()
    # a resumed sweep: 40 of 100 points were done before; workers take 30 s to start
    bar = SweepProgress(100, done=40, stream=out, clock=clock, log_interval=0.0)
    clock.now = 30.0
    bar.update(True)
    assert bar.time_left() != bar.time_left()  # NaN: one point says nothing about the rate
    clock.now = 34.0
    bar.update(True)
    clock.now = 38.0
    bar.update(False)
    # two points in the 8 s since the first: 4 s a point, 57 points left
    assert bar.time_left() == 4.0 * 57
    lines = out.getvalue().splitlines()
    assert lines[-1] == "sweep: 43/100 points, 1 failed, 38 s elapsed, ~3 min 48 s left"
    assert "~? left" in lines[0]


def test_file_output_is_throttled_but_the_last_line_always_shows():
    clock, out = Clock(), io.StringIO()
    bar = SweepProgress(50, stream=out, clock=clock, log_interval=10.0)
    for k in range(50):
        clock.now = 0.5 * (k + 1)
        bar.update(True)
    bar.finish()
    lines = out.getvalue().splitlines()
    assert 2 <= len(lines) <= 4  # t = 0.5 s, 10.5 s, 20.5 s, and the last
    assert lines[-1].startswith("sweep: 50/50 points,") and lines[-1].endswith("~0 s left")
