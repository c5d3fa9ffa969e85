# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A 100-cell battery charged on an IBM Heron device target, at full size
#
# The `xy-chain` battery: N cells, $H_B = \omega_0 \sum_i n_i$ ($|1\rangle$ charged, the
# papers' $\sigma^z$ is $-Z$), charged from empty by an anisotropic XY coupling of
# neighbours,
#
# $$H_1 = J \sum_{i=1}^{N-1}\Big[\frac{1+\gamma}{2} X_i X_{i+1} + \frac{1-\gamma}{2} Y_i Y_{i+1}\Big].$$
#
# $\gamma = 0$ conserves the number of excitations and cannot charge the empty chain;
# $\gamma > 0$ creates pairs of excitations, as the anisotropic spin charger of seed 001
# does. The Hamiltonian is quadratic in Jordan-Wigner fermions (Lieb, Schultz, Mattis
# 1961), so the exact reference works with $2N \times 2N$ correlation matrices at any N
# (`qbcircuit.reference.free_fermion`), and so do the noiseless Trotter circuits: every
# bond gate is a free-fermion gate (`qbcircuit.pipeline.gaussian_circuits`).
#
# This tutorial
# 1. solves the chain exactly at N = 100 (and at 1000: seconds);
# 2. compiles it (two layers of bond gates per Trotter step), lays it on the calibrated
#    line of a Heron device's usable couplers, and prints the device circuit's statistics.
#    fake_torino's 133 qubits hold no line of 100 that avoids its broken couplers, so the
#    156-qubit fake_aachen is used;
# 3. predicts what the device would measure with its noise model, by backward light cones
#    (`qbcircuit.pipeline.light_cone`: each neighbouring pair's cone as a noisy density
#    matrix, cut at 8 qubits and corrected with the exact noiseless circuit);
# 4. draws exact / ideal circuit / noisy prediction for the energy per cell, the power per
#    cell and the ergotropy of neighbouring pairs against time, with the deviation split
#    into Trotter error and noise, and the energy per cell against N at a fixed time.
#
# Units: energies in $\omega_0$, times in $1/\omega_0$ ($\omega_0 = J = 1$, $\gamma = 0.5$).

# %%
import os
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import qbcircuit as qbc
from qbcircuit.compile import compile_evolution, transpile_evolution
from qbcircuit.compile.targeting import device_line, resolve_backend
from qbcircuit.io import write_json
from qbcircuit.pipeline.gaussian_circuits import circuit_figures
from qbcircuit.pipeline.light_cone import predict

QUICK = os.environ.get("QBC_QUICK", "0") not in ("", "0")  # N = 20, fewer points
OUT = Path(os.environ.get("QBC_RESULTS", "results")) / "xy_chain_device_scale"
OUT.mkdir(parents=True, exist_ok=True)
DEVICE, DT, WINDOW = "fake_aachen", 0.25, 8
N = 20 if QUICK else 100
STEPS = 4 if QUICK else 8
times = np.arange(1, STEPS + 1) * DT
start = time.perf_counter()
model = qbc.build_model("xy-chain", N=N)
summary: dict = {"model": model.summary(), "device": DEVICE, "dt": DT, "window": WINDOW}
print(model.description)

# %% [markdown]
# ## 1. The exact chain, at N and at 1000 cells
#
# The free-fermion reference propagates the correlation matrix within its light-cone band,
# so a chain of 1000 cells takes seconds; the maxima are located between grid points.

# %%
fine = np.linspace(0, times[-1], 81)
exact = qbc.exact(model, fine)
t0 = time.perf_counter()
big = qbc.exact(qbc.build_model("xy-chain", N=1000), fine)
print(f"exact N = {N}: E_max = {exact.maxima['energy'][1]:.5g} omega0 at t = {exact.maxima['energy'][0]:.4g}; "
      f"N = 1000 in {time.perf_counter() - t0:.1f} s: E_max / N = {big.maxima['energy'][1] / 1000:.5g} omega0")
summary["exact_maxima"] = {k: list(v) for k, v in exact.maxima.items()}

# %% [markdown]
# ## 2. The device circuit
#
# The chain goes on the line of physical qubits with the smallest calibrated error
# (`device_line`: two-qubit gate, single-qubit and readout errors of the line's couplers
# and qubits), avoiding couplers the calibration reports broken.

# %%
backend = resolve_backend(DEVICE)
line = device_line(backend, N)
compiled = compile_evolution(model, float(times[-1]), STEPS, 2)
stats = transpile_evolution(compiled, backend, initial_layout=line.qubits).stats
print(f"circuit at t = {times[-1]:g} ({STEPS} steps): logical {compiled.stats().two_qubit_gates} bond gates in "
      f"{compiled.stats().two_qubit_layers} layers per step; on {DEVICE}: depth {stats.depth}, "
      f"{stats.two_qubit_gates} CZ ({stats.two_qubit_gates_per_step} per step) on the line "
      f"{line.qubits[:6]}... (mean CZ error {np.mean(line.bond_errors):.2e})")
summary["device_circuit"] = stats.to_dict()

# %% [markdown]
# ## 3. Exact, ideal circuit and noisy prediction against time
#
# Each cell's energy depends only on its backward light cone, which widens by four qubits
# per Trotter step, not with N. Cones wider than the window are cut and corrected with the
# exact noiseless circuit (noisy = ideal + noisy_cut - ideal_cut); the error bars are the
# cut's uncertainty, measured with a window two qubits narrower.

# %%
FIGURES = (("energy_per_cell", "energy per cell [omega0]"), ("power_per_cell", "power per cell [omega0^2]"),
           ("pair_ergotropy", "ergotropy of a neighbouring pair [omega0]"))


def per_cell(series: dict, n: int) -> dict:
    out = dict(series)
    out["power_per_cell"] = np.asarray(series["power"], dtype=float) / n
    return out


t0 = time.perf_counter()
pred = predict(model, times, dt=DT, backend=DEVICE, window=WINDOW, line=line.qubits)
print(f"noisy prediction for N = {N}: {time.perf_counter() - t0:.0f} s")
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
    ax2.set_ylabel(f"deviation [{label.split('[')[-1]}")
    summary[key] = {"times": times.tolist(), "ideal": ideal[key].tolist(), "noisy": noisy[key].tolist(),
                    "exact": exact_t.tolist(), "cut_uncertainty": uncertainty.get(key, np.zeros_like(times)).tolist()}
axes[0, 0].legend(fontsize=8)
axes[1, 0].legend(fontsize=8)
fig.suptitle(f"xy-chain N = {N} (omega0 = J = 1, gamma = 0.5), dt = {DT}, cones cut at {WINDOW} qubits")
fig.tight_layout()
fig.savefig(OUT / "curves.png", dpi=120)

# %% [markdown]
# ## 4. Energy per cell against N at a fixed time
#
# The bulk is reached quickly: the energy per cell at a fixed time converges as the edges'
# share 1/N falls; the noisy prediction follows the ideal circuit shifted by the device's
# noise, at every size.

# %%
t_fix = float(times[-1])
sizes_exact = [4, 6, 10, 20, 50, 100, 200, 500, 1000]
sizes_noisy = [6, 10, 20] if QUICK else [6, 10, 20, 50, 100]
e_exact = [qbc.exact(qbc.build_model("xy-chain", N=n), [0, t_fix], refine=False).series["energy_per_cell"][-1]
           for n in sizes_exact]
e_ideal = [circuit_figures(qbc.build_model("xy-chain", N=n), [t_fix], DT)["energy_per_cell"][0] for n in sizes_exact]
e_noisy = []
for n in sizes_noisy:
    p = pred if n == N else predict(qbc.build_model("xy-chain", N=n), [t_fix], dt=DT, backend=DEVICE, window=WINDOW)
    e_noisy.append((p.noisy["energy_per_cell"][-1], p.info["cut_uncertainty"]["energy_per_cell"][-1]))
fig, ax = plt.subplots(figsize=(7, 4.5))
ax.semilogx(sizes_exact, e_exact, "k-o", label="exact")
ax.semilogx(sizes_exact, e_ideal, "o--", color="tab:blue", label="ideal circuit")
ax.errorbar(sizes_noisy, [e for e, _ in e_noisy], yerr=[u for _, u in e_noisy], fmt="s", color="tab:red",
            capsize=3, label=f"noisy prediction ({DEVICE})")
ax.set_xlabel("N (cells)")
ax.set_ylabel(f"energy per cell at t = {t_fix:g} [omega0]")
ax.legend()
fig.tight_layout()
fig.savefig(OUT / "versus_n.png", dpi=120)
for n, e in zip(sizes_exact, e_exact):
    print(f"  N = {n:5d}: exact energy per cell {e:.5f}")

# %%
summary["versus_n"] = {"t": t_fix, "exact": dict(zip(sizes_exact, map(float, e_exact))),
                       "ideal": dict(zip(sizes_exact, map(float, e_ideal))),
                       "noisy": {n: [float(e), float(u)] for n, (e, u) in zip(sizes_noisy, e_noisy)}}
summary["seconds"] = round(time.perf_counter() - start, 1)
write_json(OUT / "summary.json", summary)
print(f"wrote {OUT}/curves.png, versus_n.png, summary.json ({summary['seconds']} s)")
