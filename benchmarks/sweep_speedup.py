"""Speed-up of a 200-point exact sweep on the local process pool against a serial loop.

Both are measured in this one run, on the same points: seed 003's star network (N = 4
qubits by default, local baths), steady state over a 20 x 10 grid of (delta_mu, mu).
The serial loop is what a researcher would write: build_model + steady_state_figures in
a for loop, nothing stored. The pool is `start_sweep(..., executor="local")`, which also
writes one file per point and the table, and pays for starting its worker processes.

BLAS is held to one thread in this process (set before numpy loads), as the pool does in
its workers, so the ratio measures running points in parallel and nothing else; on a busy
machine several BLAS threads per process slow everything down many times over.
Prints the times and the ratio; the ideal ratio is the number of workers.
Run: `.venv/bin/python benchmarks/sweep_speedup.py [--N 4] [--points 200] [--workers W]`.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from qbcircuit.models import build_model  # noqa: E402
from qbcircuit.reference import steady_state_figures  # noqa: E402
from qbcircuit.sweep import make_plan, start_sweep  # noqa: E402


def worker_seconds(result) -> tuple[float, float]:
    """Total wall-clock and CPU seconds the points took inside the workers (from the point files)."""
    import json
    from pathlib import Path

    records = [json.loads(p.read_text()) for p in Path(result.directory, "points").glob("*.json")]
    return sum(r["seconds"] for r in records), sum(r["cpu_seconds"] for r in records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--N", type=int, default=4, help="qubits in the star (default 4)")
    parser.add_argument("--points", type=int, default=200, help="points, a multiple of 10 (default 200)")
    parser.add_argument("--workers", type=int, default=None, help="pool processes (default: all cores)")
    parser.add_argument("--rounds", type=int, default=2, choices=(1, 2),
                        help="1: serial then pool; 2 (default): serial, pool, pool, serial")
    args = parser.parse_args()
    if args.points < 10 or args.points % 10:
        raise SystemExit("--points must be a positive multiple of 10")
    specs = {"N": args.N, "bath": "local", "T": 1.0,
             "delta_mu": f"0:10:{args.points // 10}", "mu": "0:8:10"}
    plan = make_plan("star-network", specs)
    workers = args.workers or os.cpu_count() or 1
    print(f"{len(plan)} points of star-network N={args.N} (local baths, steady state); "
          f"{os.cpu_count()} cores, pool of {workers}; load average {os.getloadavg()[0]:.2f}")

    def serial_loop():
        start, cpu = time.perf_counter(), time.process_time()
        values = [steady_state_figures(build_model("star-network", **p)).figures["ergotropy_ratio"]
                  for _, p in plan.points()]
        return time.perf_counter() - start, values, time.process_time() - cpu

    def pool():
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            result = start_sweep("star-network", specs, os.path.join(tmp, "sweep"), executor="local",
                                 workers=workers, progress=False)
            elapsed = time.perf_counter() - start
            busy = worker_seconds(result)
        return elapsed, [row["ergotropy_ratio"] for row in result.rows], busy, result

    # A-B-B-A: the machine's load drifts, and the average of this order cancels a linear drift.
    order = ["serial", "pool", "pool", "serial"] if args.rounds == 2 else ["serial", "pool"]
    times = {"serial": [], "pool": []}
    cpu_used = {"serial": [], "pool": []}
    for which in order:
        if which == "serial":
            elapsed, serial, cpu = serial_loop()
            print(f"serial loop:  {elapsed:8.2f} s  ({elapsed / len(plan) * 1e3:.1f} ms a point, "
                  f"{cpu / len(plan) * 1e3:.1f} ms of CPU)")
            cpu_used["serial"].append(cpu / elapsed)
        else:
            elapsed, pooled, busy, result = pool()
            print(f"local pool:   {elapsed:8.2f} s  (includes starting {workers} worker processes and writing "
                  f"{len(plan)} point files; in the workers {busy[0] / len(plan) * 1e3:.1f} ms a point, "
                  f"{busy[1] / len(plan) * 1e3:.1f} ms of CPU)")
            cpu_used["pool"].append(busy[1] / elapsed)
        times[which].append(elapsed)
    t_serial, t_pool = np.mean(times["serial"]), np.mean(times["pool"])
    print(f"speed-up (serial / pool): {t_serial / t_pool:.2f}x   (ideal {workers}x; mean of {len(times['pool'])} each)")
    # Cores' worth of CPU the run got: the ratio can only approach the ideal when the pool
    # gets `workers` cores; on a shared machine it gets what the scheduler gives it.
    print(f"CPU obtained: serial loop {np.mean(cpu_used['serial']):.2f} cores, "
          f"pool {np.mean(cpu_used['pool']):.2f} cores (points' CPU time / wall time)")
    deviation = float(np.max(np.abs(np.array(serial) - np.array(pooled))))
    print(f"same numbers: largest |difference| {deviation:.1e} over {len(plan)} points; "
          f"{result.ok} ok, {result.failed} failed")
    load = os.getloadavg()[0]
    if load > workers:
        print(f"note: load average {load:.2f} exceeds {workers} cores: other work shared the machine during this run")


if __name__ == "__main__":
    main()
