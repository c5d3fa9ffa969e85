"""Scale targets of issue 3, measured against the full-register solver in the same run.

The full qubit register cannot hold M = N = 1000 spins (2^2000 states), so each target is
printed next to the full-register reference (QuTiP) at the largest size it handles here
and the reduced solver at that same size, as ratios measured now, on this machine:

  * spin-charger, M = N = 1000, isotropic: target under 10 s (201 times over the first charge);
  * spin-charger, M = N = 100, gamma = 0.5 (counter-rotating terms): target under 30 s;
  * dicke, N = 100 cells, n = 100 photons: the cavity truncation grown until converged (reported).

Run: .venv/bin/python benchmarks/closed_models_scale.py [--skip-dicke]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from qbcircuit.models import build_model
from qbcircuit.reference import time_series


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def spin_charger_case(label, big, small, t_final, target):
    grid = np.linspace(0, t_final(big), 201)
    t_big, ts = timed(lambda: time_series(build_model("spin-charger", **big), grid))
    small_grid = np.linspace(0, t_final(small), 201)
    model = build_model("spin-charger", **small)
    t_full, full = timed(lambda: time_series(model, small_grid, solver="full"))
    t_red, red = timed(lambda: time_series(model, small_grid, solver="reduced"))
    agree = np.max(np.abs(full.series["energy"] - red.series["energy"]))
    print(f"{label}: {t_big:.2f} s for {big} (target {target} s: {'met' if t_big < target else 'MISSED'}); "
          f"E_max = {ts.maxima['energy'][1]:.6g} omega0, P_max = {ts.maxima['power'][1]:.6g} g omega0, "
          f"reduced dimension {ts.info['reduced_dimension']}")
    print(f"    at {small} ({small['M'] + small['N']} qubits): full register {t_full:.2f} s, reduced {t_red:.3f} s, "
          f"full/reduced = {t_full / t_red:.1f}; target/full-at-{small['M'] + small['N']}-qubits = {t_big / t_full:.2f}; "
          f"max |E_full - E_reduced| = {agree:.1e} omega0")


def dicke_case(N, g):
    t_build, model = timed(lambda: build_model("dicke", N=N, g=g))
    grid = np.linspace(0, model.default_t_final, 201)
    t_run, ts = timed(lambda: time_series(model, grid))
    small = build_model("dicke", N=3, g=g)
    small_grid = np.linspace(0, small.default_t_final, 201)
    t_full, _ = timed(lambda: time_series(small, small_grid, solver="full"))
    t_red, _ = timed(lambda: time_series(small, small_grid, solver="reduced"))
    report = ts.info["truncation"]
    print(f"dicke N = {N}, g = {g} omega0 (fixed): build {t_build:.1f} s (no solver), evolution with the truncation "
          f"grown {t_run:.1f} s: {report['levels']} levels, converged {report['converged']}, one more qubit moved the "
          f"curves by {report['change']:.1e} (tried {[s['levels'] for s in report['history']]})")
    print(f"    P_max = {ts.maxima['power'][1]:.6g} omega0^2 at t = {ts.maxima['power'][0]:.4g}/omega0, "
          f"E_max = {ts.maxima['energy'][1]:.6g} omega0; reduced dimension {ts.info['reduced_dimension']}")
    print(f"    at N = 3 ({small.num_qubits} qubits): full register {t_full:.2f} s, reduced {t_red:.3f} s, full/reduced = {t_full / t_red:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-dicke", action="store_true")
    parser.add_argument("--dicke-g", type=float, default=0.02, help="fixed coupling of the Dicke case (omega0)")
    args = parser.parse_args()
    first_charge = lambda p: 25 / np.sqrt(p["M"] * p["N"])  # noqa: E731  (1/g; past the first full charge)
    spin_charger_case("spin-charger isotropic", dict(M=1000, N=1000), dict(M=6, N=6), first_charge, 10)
    spin_charger_case("spin-charger gamma = 0.5", dict(M=100, N=100, gamma=0.5), dict(M=5, N=5, gamma=0.5), first_charge, 30)
    if not args.skip_dicke:
        dicke_case(100, args.dicke_g)


if __name__ == "__main__":
    main()
