"""Tutorial: a 100-cell battery charged on an IBM Heron device target, at full size.

The xy-chain battery: N cells (H_B = omega0 sum n_i, |1> charged) charged from empty by an
anisotropic XY coupling of neighbours, J [(1+gamma)/2 XX + (1-gamma)/2 YY]. Its Hamiltonian
is quadratic in Jordan-Wigner fermions, so the exact reference works with 2N x 2N
correlation matrices at any N (reference/free_fermion.py), and so do the noiseless Trotter
circuits (pipeline/gaussian_circuits.py: every gate is a free-fermion gate). This script
  1. solves the chain exactly at N = 100 (and 1000: seconds);
  2. compiles it (two layers of bond gates per step), lays it on the calibrated line of
     fake_aachen's usable couplers (156-qubit Heron r2; fake_torino's 133 qubits hold no
     line of 100 avoiding its broken couplers) and prints the device circuit statistics;
  3. predicts what the device would measure with its noise model, by light cones
     (pipeline/light_cone.py: each neighbouring pair's backward cone as a noisy density
     matrix, cut at 8 qubits and corrected with the exact noiseless circuit);
  4. draws exact / ideal circuit / noisy prediction for the energy per cell, the power per
     cell and the ergotropy of neighbouring pairs against time, with the deviation split
     into Trotter error and noise, and the energy per cell against N at a fixed time.
Run: `.venv/bin/python examples/xy_chain_device_scale.py [--quick] [--out DIR]` (about 6
minutes; --quick: N = 20 and fewer points, under a minute).
Writes results/xy_chain_device_scale/{curves,versus_n}.png and summary.json.
"""

from __future__ import annotations

import argparse
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from qbcircuit.compile import compile_evolution, transpile_evolution  # noqa: E402
from qbcircuit.compile.targeting import device_line, resolve_backend  # noqa: E402
from qbcircuit.io import save_figure, write_json  # noqa: E402
from qbcircuit.models import build_model  # noqa: E402
from qbcircuit.pipeline.gaussian_circuits import circuit_figures  # noqa: E402
from qbcircuit.pipeline.light_cone import predict  # noqa: E402
from qbcircuit.reference import time_series  # noqa: E402

DEVICE, DT, WINDOW = "fake_aachen", 0.25, 8
FIGURES = (("energy_per_cell", "energy per cell [omega0]"), ("power_per_cell", "power per cell [omega0^2]"),
           ("pair_ergotropy", "ergotropy of a neighbouring pair [omega0]"))


def per_cell(series: dict, n: int) -> dict:
    out = dict(series)
    out["power_per_cell"] = np.asarray(series["power"], dtype=float) / n
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="results/xy_chain_device_scale")
    parser.add_argument("--quick", action="store_true", help="N = 20, fewer points (under a minute)")
    args = parser.parse_args()
    start = time.time()
    N = 20 if args.quick else 100
    steps = 4 if args.quick else 8
    times = np.arange(1, steps + 1) * DT
    model = build_model("xy-chain", N=N)
    summary: dict = {"model": model.summary(), "device": DEVICE, "dt": DT, "window": WINDOW}

    # 1. exact, at N and at 1000 cells
    fine = np.linspace(0, times[-1], 81)
    exact = time_series(model, fine)
    t0 = time.time()
    big = time_series(build_model("xy-chain", N=1000), fine)
    print(f"exact N = {N}: E_max = {exact.maxima['energy'][1]:.5g} omega0 at t = {exact.maxima['energy'][0]:.4g}; "
          f"N = 1000 in {time.time() - t0:.1f} s: E_max / N = {big.maxima['energy'][1] / 1000:.5g} omega0")
    summary["exact_maxima"] = {k: list(v) for k, v in exact.maxima.items()}

    # 2. the device circuit at the last time
    backend = resolve_backend(DEVICE)
    line = device_line(backend, N)
    compiled = compile_evolution(model, float(times[-1]), steps, 2)
    stats = transpile_evolution(compiled, backend, initial_layout=line.qubits).stats
    print(f"circuit at t = {times[-1]:g} ({steps} steps): logical {compiled.stats().two_qubit_gates} bond gates in "
          f"{compiled.stats().two_qubit_layers} layers per step; on {DEVICE}: depth {stats.depth}, "
          f"{stats.two_qubit_gates} CZ ({stats.two_qubit_gates_per_step} per step) on the line "
          f"{line.qubits[:6]}... (mean CZ error {np.mean(line.bond_errors):.2e})")
    summary["device_circuit"] = stats.to_dict()

    # 3. exact, ideal circuit, noisy prediction at the times of the circuits
    t0 = time.time()
    pred = predict(model, times, dt=DT, backend=DEVICE, window=WINDOW, line=line.qubits,
                   progress=lambda done, total: print(f"  light cones: {done}/{total} times", flush=True))
    print(f"noisy prediction for N = {N}: {time.time() - t0:.0f} s")
    exact_c, ideal, noisy = (per_cell(s, N) for s in (exact.series, pred.ideal, pred.noisy))
    uncertainty = {k: np.asarray(v, dtype=float) for k, v in pred.info["cut_uncertainty"].items()}
    uncertainty["power_per_cell"] = uncertainty["energy"] / times / N
    fig, axes = plt.subplots(2, 3, figsize=(15, 8), sharex=True)
    for col, (key, label) in enumerate(FIGURES):
        ax = axes[0, col]
        ax.plot(fine, exact_c[key], "k-", label="exact (free fermions)")
        ax.plot(times, ideal[key], "o", color="tab:blue", label="ideal circuit (Trotter)")
        ax.errorbar(times, noisy[key], yerr=uncertainty.get(key), fmt="s", color="tab:red", capsize=3,
                    label=f"noisy prediction ({DEVICE})")
        ax.set_ylabel(label)
        exact_t = np.interp(times, fine, exact_c[key])
        ax2 = axes[1, col]
        ax2.plot(times, ideal[key] - exact_t, "o-", color="tab:blue", label="Trotter error (ideal - exact)")
        ax2.plot(times, noisy[key] - ideal[key], "s-", color="tab:red", label="noise (noisy - ideal)")
        ax2.axhline(0, color="k", lw=0.5)
        ax2.set_xlabel("t [1/omega0]")
        ax2.set_ylabel("deviation")
        summary[key] = {"times": times.tolist(), "ideal": ideal[key].tolist(), "noisy": noisy[key].tolist(),
                        "exact": exact_t.tolist(), "cut_uncertainty": uncertainty.get(key, np.zeros_like(times)).tolist()}
    axes[0, 0].legend(fontsize=8)
    axes[1, 0].legend(fontsize=8)
    fig.suptitle(f"xy-chain N = {N} (omega0 = J = 1, gamma = 0.5), dt = {DT}, cones cut at {WINDOW} qubits")
    save_figure(fig, f"{args.out}/curves.png")

    # 4. energy per cell against N at a fixed time
    t_fix = float(times[-1])
    sizes_exact = [4, 6, 10, 20, 50, 100, 200, 500, 1000]
    sizes_noisy = [6, 10, 20] if args.quick else [6, 10, 20, 50, 100]
    e_exact = [time_series(build_model("xy-chain", N=n), [0, t_fix], refine=False).series["energy_per_cell"][-1]
               for n in sizes_exact]
    e_ideal = [circuit_figures(build_model("xy-chain", N=n), [t_fix], DT)["energy_per_cell"][0] for n in sizes_exact]
    e_noisy = []
    for n in sizes_noisy:
        p = pred if n == N else predict(build_model("xy-chain", N=n), [t_fix], dt=DT, backend=DEVICE, window=WINDOW)
        k = -1
        e_noisy.append((p.noisy["energy_per_cell"][k], p.info["cut_uncertainty"]["energy_per_cell"][k]))
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.semilogx(sizes_exact, e_exact, "k-o", label="exact")
    ax.semilogx(sizes_exact, e_ideal, "o--", color="tab:blue", label="ideal circuit")
    ax.errorbar(sizes_noisy, [e for e, _ in e_noisy], yerr=[u for _, u in e_noisy], fmt="s", color="tab:red",
                capsize=3, label=f"noisy prediction ({DEVICE})")
    ax.set_xlabel("N (cells)")
    ax.set_ylabel(f"energy per cell at t = {t_fix:g} [omega0]")
    ax.legend()
    save_figure(fig, f"{args.out}/versus_n.png")
    summary["versus_n"] = {"t": t_fix, "exact": dict(zip(sizes_exact, map(float, e_exact))),
                           "ideal": dict(zip(sizes_exact, map(float, e_ideal))),
                           "noisy": {n: [float(e), float(u)] for n, (e, u) in zip(sizes_noisy, e_noisy)}}
    for n, e in zip(sizes_exact, e_exact):
        print(f"  N = {n:5d}: exact energy per cell {e:.5f}")
    summary["seconds"] = round(time.time() - start, 1)
    write_json(f"{args.out}/summary.json", summary)
    print(f"wrote {args.out}/curves.png, versus_n.png, summary.json ({summary['seconds']} s)")


if __name__ == "__main__":
    main()
