"""Steady state of seed 000 (spin-chain-cavity, coherent f = 2, N = 3): direct (sparse LU)
against matrix-free (GMRES + ARPACK on L), by cavity truncation.

Prints, for each size, the wall time of each path, the residual ||L rho||_F, the gap and the
kernel dimension found, and the largest difference between the two paths' states where both
ran. The direct path is skipped above DIRECT_LIMIT (its LU fill-in: d = 128 did not finish
in 8 minutes). Run with one BLAS thread:

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/steady_state_scale.py [max_cavity_qubits]
"""

from __future__ import annotations

import sys
import time

import numpy as np

from qbcircuit.models import build_model
from qbcircuit.reference.steady import steady_state

DIRECT_LIMIT = 64  # Hilbert-space dimension d


def timed(model, method):
    start = time.perf_counter()
    result = steady_state(model, method=method)
    return result, time.perf_counter() - start


def main(max_cavity_qubits: int = 5) -> None:
    print("spin-chain-cavity N=3 J=0.5 coherent f=2 (energies in omega_a, rates in omega_a)")
    print(f"{'cav':>3} {'d':>4} {'path':>10} {'time/s':>8} {'||L rho||':>9} {'gap':>10} {'kernel':>6}  note")
    for k in range(2, max_cavity_qubits + 1):
        model = build_model("spin-chain-cavity", N=3, J=0.5, charging="coherent", f=2.0, cavity_qubits=k)
        d = model.dimension
        iterative, t_iterative = timed(model, "iterative")
        print(f"{k:>3} {d:>4} {'matrix-free':>10} {t_iterative:8.1f} {iterative.residual:9.1e} {iterative.gap:10.6f} "
              f"{iterative.degeneracy:>6}", flush=True)
        if d > DIRECT_LIMIT:
            print(f"{k:>3} {d:>4} {'direct':>10} {'-':>8}  skipped: sparse LU of a {d * d} x {d * d} Liouvillian", flush=True)
            continue
        direct, t_direct = timed(model, "direct")
        diff = float(np.max(np.abs(direct.state - iterative.state)))
        print(f"{k:>3} {d:>4} {'direct':>10} {t_direct:8.1f} {direct.residual:9.1e} {direct.gap:10.6f} "
              f"{direct.degeneracy:>6}  max|rho_direct - rho_free| = {diff:.1e}; time ratio direct/free "
              f"{t_direct / t_iterative:.2f}", flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
