"""Workers end with their sweep (issue 19, item 3): after SIGKILL or SIGTERM of `qbc sweep
--executor local`, no pool worker is alive a few seconds later; SIGTERM is handled as Ctrl-C."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")


def _state(pid: int) -> tuple[int, str] | None:
    """(parent pid, state letter) of a live process, None if gone (a zombie counts as gone)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text.rsplit(")", 1)[1].split()
    return None if fields[0] in ("Z", "X") else (int(fields[1]), fields[0])


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            state = _state(int(entry.name))
            if state is not None and state[0] == pid:
                out.append(int(entry.name))
    return out


def _start_sweep(tmp_path, executor="local"):
    """A sweep of 400 quick points on two workers, returned once the workers compute."""
    out = tmp_path / "sweep"
    env = {**os.environ, "PYTHONPATH": str(REPO), "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "qbcircuit", "sweep", "star-network", "-p", "N=4",
                             "-p", "T=0.5:2:400", "--steady-state", "--executor", executor, "--workers", "2",
                             "--out", str(out), "--quiet"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not list((out / "points").glob("0*.json")):
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.1)
    workers = _children(proc.pid)
    assert proc.poll() is None and len(workers) >= 2, workers  # the two workers (and the resource tracker)
    return proc, workers, out


def _all_gone(pids, seconds=5.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = [p for p in pids if _state(p) is not None]
        if not alive:
            return []
        time.sleep(0.1)
    return alive


def test_pool_workers_die_with_a_killed_sweep(tmp_path):
    proc, workers, out = _start_sweep(tmp_path)
    proc.kill()  # SIGKILL: no clean-up runs in the parent
    proc.wait()
    assert _all_gone(workers) == []
    assert len(list((out / "points").glob("*.json"))) < 400  # it was stopped in the middle


def test_sigterm_stops_a_sweep_as_ctrl_c_does(tmp_path):
    proc, workers, out = _start_sweep(tmp_path)
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=60)
    _, err = proc.communicate()
    assert code == 130
    assert f"continue with: qbc sweep --resume {out}" in err
    assert _all_gone(workers) == []
    assert not (out / ".qbc.lock").exists()  # the folder is released


@pytest.mark.slow
def test_dask_local_workers_die_with_a_killed_sweep(tmp_path):
    pytest.importorskip("distributed")
    proc, workers, out = _start_sweep(tmp_path, "dask-local")
    proc.kill()
    proc.wait()
    assert _all_gone(workers) == []
