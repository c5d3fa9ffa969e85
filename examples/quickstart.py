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
# # Quickstart: an exact steady state, then a battery run as circuits
#
# This tutorial takes the two routes through qbcircuit once each:
#
# 1. **the exact reference** on seed 003, Kamin, Salimi and Arjmandi, *Steady-state
#    charging of quantum batteries via dissipative ancillas*, PRA **109**, 022226 (2024):
#    we redraw its Figs. 2 and 3 and follow the battery from empty to its steady state;
# 2. **the whole chain on circuits** on seed 001 (Huangfu and Jing, 2021): a spin charger
#    compiled to Trotter circuits, run on a noisy simulated device, and compared with the
#    exact curve, the deviation split into Trotter error and noise.
#
# `make demo` runs this file as a script (it writes `results/quickstart/star_network.png`,
# `summary.json` and a run folder); the documentation runs it as a notebook in its quick
# mode.
#
# ## Settings
#
# Every tutorial has a **quick mode** (`QBC_QUICK=1` in the environment: small sizes, few
# points; the test suite and the documentation use it) and a **full mode** (the default)
# that draws the paper's figure. Figures and JSON summaries go under `results/` (or the
# folder named by `QBC_RESULTS`).

# %%
import os
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import qbcircuit as qbc
from qbcircuit.io import write_json

QUICK = os.environ.get("QBC_QUICK", "0") not in ("", "0")
OUT = Path(os.environ.get("QBC_RESULTS", "results")) / "quickstart"
OUT.mkdir(parents=True, exist_ok=True)
start = time.monotonic()

# %% [markdown]
# ## The battery: a qubit at the centre of a star
#
# N qubits: the battery (the paper's qubit 1) at the centre, coupled by an exchange J to
# N - 1 ancillas (Eq. 1 of the paper):
#
# $$H_S = \sum_i \omega_0 \sigma_z^i + J \sum_{i \ge 2} \left(\sigma_+^1 \sigma_-^i + \mathrm{h.c.}\right).$$
#
# Fermionic reservoirs exchange excitations with the qubits, at the Fermi occupation
# $n(\omega) = 1/(e^{(\omega - \mu)/T} + 1)$:
#
# * a **collective** bath (equilibrium, Eqs. 6-8): the jumps $S^- = \sum_i \sigma_-^i$ at
#   rate $\gamma(1 - n)$ and $S^+$ at rate $\gamma n$;
# * **local** baths (non-equilibrium, Eqs. 11-12): each qubit its own, with chemical
#   potential $\mu$ on the battery and $\mu + \delta\mu$ on the ancillas.
#
# The figure of merit is $W$ = ergotropy / maximal ergotropy of the battery qubit in the
# steady state. For the collective bath the paper gives the closed form
# $W = \max(0, \tanh((\mu - \omega)/2T))$.
#
# **Conventions of this project.** $\hbar = k_B = 1$; qubit $|1\rangle$ is the excited
# (charged) state, so the paper's $\sigma_z$ (+1 on the excited state) is $-Z$ in Qiskit and
# $\sigma_+ = |1\rangle\langle 0| = (X - iY)/2$; Qiskit is little-endian (qubit 0 is the
# least significant bit). Here qubit 0 is the battery. Dissipators are
# rate $\times (L\rho L^\dagger - \{L^\dagger L, \rho\}/2)$. Energies are in units of
# $\gamma$, and the paper's figures use $\omega_0 = 10\gamma$, $\omega = J = \gamma$, N = 3.
#
# A model is built from the registry by name, with the paper's parameter names; building
# it solves nothing. `model.summary()` says what it is: which qubit is which, the jump
# operators and their rates, the units and the paper:

# %%
BASE = dict(N=3, omega0=10.0, J=1.0, omega=1.0, gamma=1.0)
model = qbc.build_model("star-network", **BASE, bath="local", mu=1.0, delta_mu=2.0, T=1.0)
model.summary()

# %% [markdown]
# `qbc.steady_state` solves the model's master equation for the state it relaxes to and
# reports the battery's figures, the Liouvillian gap (how fast it gets there) and the
# dimension of the steady-state kernel:

# %%
ss = qbc.steady_state(model)
ss


# %% [markdown]
# ## Fig. 2: the collective bath against the closed form
#
# One steady state per point. The dots are the exact solver, the lines the closed form.

# %%
def ratio(**params) -> float:
    """Steady-state W of the star network with BASE overridden by params."""
    return qbc.steady_state(qbc.build_model("star-network", **{**BASE, **params})).figures["ergotropy_ratio"]


mus = np.linspace(0, 10, 11 if QUICK else 41)
fig2 = {}
for T in (0.5, 1.0, 2.0, 4.0):
    exact = np.array([ratio(bath="collective", mu=mu, T=T) for mu in mus])
    closed = np.maximum(0, np.tanh((mus - BASE["omega"]) / (2 * T)))
    fig2[f"T={T:g}"] = {"mu": mus, "W": exact, "closed_form": closed,
                        "max_abs_error_vs_closed_form": float(np.max(np.abs(exact - closed)))}
worst = max(v["max_abs_error_vs_closed_form"] for v in fig2.values())
print(f"Fig. 2: exact solver vs closed form, worst |error| = {worst:.2e}")

# %% [markdown]
# ## Fig. 3: local baths, a chemical-potential bias charges the battery
#
# With local baths at $T = \gamma$, a bias $\delta\mu$ on the ancillas' reservoirs pumps
# excitations through the exchange coupling into the battery: $W$ grows with $\delta\mu$.

# %%
deltas = np.linspace(0, 10, 6 if QUICK else 26)
fig3 = {f"mu={mu:g}": {"delta_mu": deltas, "W": np.array([ratio(bath="local", mu=mu, delta_mu=d, T=1.0) for d in deltas])}
        for mu in (0.0, 1.0, 3.0, 8.0)}

# %% [markdown]
# ## Charging from empty
#
# `qbc.exact` follows the battery in time (here from all qubits in $|0\rangle$, the model's
# initial state): the stored energy $W(t) = \mathrm{Tr}[H_B\rho(t)] - \mathrm{Tr}[H_B\rho(0)]$,
# the ergotropy and the model's own figures, with their maxima located between grid points.

# %%
ts = qbc.exact(model, np.linspace(0, 20, 51 if QUICK else 201))
print(f"steady state (mu = gamma, delta_mu = 2 gamma, T = gamma): W = {ss.figures['ergotropy_ratio']:.4f}, "
      f"ergotropy = {ss.figures['ergotropy']:.4f} gamma, Liouvillian gap = {ss.gap:.4f} gamma")

# %% [markdown]
# The three panels together (written to `star_network.png`):

# %%
fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
ax = axes[0]
for key, curve in fig2.items():
    ax.plot(mus, curve["closed_form"], "-", lw=1, label=f"{key.replace('=', ' = ')} gamma (closed form)")
    ax.plot(mus[::4], curve["W"][::4], "o", ms=4, color=ax.lines[-1].get_color())
ax.set(xlabel="mu [gamma]", ylabel="W = ergotropy / max ergotropy", title="Fig. 2: collective bath (dots: exact solver)")
ax.legend(fontsize=7)
ax = axes[1]
for key, curve in fig3.items():
    ax.plot(curve["delta_mu"], curve["W"], "-", label=f"{key.replace('=', ' = ')} gamma")
ax.set(xlabel="delta_mu [gamma]", ylabel="W", title="Fig. 3: local baths, T = gamma")
ax.legend(fontsize=7)
ax = axes[2]
ax.plot(ts.times, ts.figures["ergotropy_ratio"], label="W(t)")
ax.plot(ts.times, ts.energy / (2 * BASE["omega0"]), label="stored energy / (2 omega0)")
ax.axhline(ss.figures["ergotropy_ratio"], ls=":", color="k", label="steady state")
ax.set(xlabel="t [1/gamma]", ylabel="fraction of a full charge", title="Charging from empty (local baths)")
ax.legend(fontsize=7)
fig.suptitle("Seed 003: steady-state charging via dissipative ancillas (exact reference)")
summary = {"parameters": BASE, "fig2": fig2, "fig3": fig3,
           "charging": {"time_series": ts.to_dict(), "steady_state": ss.to_dict()}}
write_json(OUT / "summary.json", summary)
fig.savefig(OUT / "star_network.png", dpi=130, bbox_inches="tight")

# %% [markdown]
# ## The same physics as circuits: a spin charger on a noisy device
#
# Seed 001's spin charger: M = 2 battery spins (qubits 0, 1) charged by N = 2 charger spins
# (qubits 2, 3) through the XY coupling $H_1 = g [J_- \sum_k \sigma_k^+ + \mathrm{h.c.}]$
# (Eq. 3 of Huangfu and Jing at $\gamma = 0$), cells empty and chargers full at $t = 0$.
# Times are in $1/g$, energies in $\omega_0$.
#
# `qbc.run` does the whole chain: it compiles the charging to second-order Trotter
# circuits with steps of at most `dt`, appends the measurement circuits, runs them on a
# backend profile (`aer-noisy`: Aer with a noise model built from the shipped calibration
# snapshot `transmon-4q-example`), mitigates readout errors, solves the model exactly and
# compares. With `out=` it writes a resumable run folder (inputs, counts, job ids, the
# exact reference, `report.json`, `compare.png`).

# %%
import shutil

charger = qbc.build_model("spin-charger", M=2, N=2)
run_dir = OUT / "spin_charger_aer_noisy"
shutil.rmtree(run_dir, ignore_errors=True)  # a re-run starts afresh
times = np.linspace(0, 2.0, 3 if QUICK else 9)  # in 1/g
res = qbc.run(charger, "aer-noisy", times, dt=0.25, shots=1000 if QUICK else 4000, readout_mitigation=True,
              out=run_dir)
unit = res.units["energy"]
print(f"spin charger on aer-noisy ({res.variant}): energy deviation from exact "
      f"max {res.deviation['max']:.3f} {unit} = Trotter error {res.trotter_error['max']:.4f} {unit} "
      f"+ noise {res.noise_error['max']:.3f} {unit} (mean standard error {res.report['stderr_mean']['energy']:.3f} {unit})")
print(f"run folder: {res.run_dir} (compare.png, report.txt, report.json)")

# %% [markdown]
# The comparison: measured points with their standard errors, the noiseless circuits
# (their distance to the exact curve is the Trotter error) and the exact curve. Most of
# the deviation is the device's noise, not the Trotterisation.
#
# The run folder's own `compare.png` (drawn by `qbc run` from what the run stored) gives
# the exact values at the measured times only. Here the exact curve is solved again on a
# dense grid (`qbc.exact` at 201 times) and the circuits' points are drawn on top of it:
# the exact peak is the model's, not that of a polyline through 9 points. The figure is
# written to `compare.png` beside `star_network.png`.

# %%
dense = qbc.exact(charger, np.linspace(0, times[-1], 201))
comp = res.comparison
fig, axes = plt.subplots(1, len(comp.keys), figsize=(4.6 * len(comp.keys), 3.8), squeeze=False)
for ax, key in zip(axes[0], comp.keys):
    ax.plot(dense.times, dense.figures.get(key, np.full(len(dense.times), np.nan)), "k-", lw=1.5, label="exact (201 times)")
    if comp.ideal is not None:
        ax.plot(comp.times, np.asarray(comp.ideal[key], float), "D", mfc="none", color="tab:blue", ms=6,
                label="noiseless circuits (Trotter error only)")
    for variant, data in comp.measured.items():
        err = np.array([np.nan if e is None else e for e in data.get(f"{key}_stderr", [None] * len(comp.times))], float)
        ax.errorbar(comp.times, np.asarray(data[key], float), yerr=err, fmt="o", ms=4, capsize=2,
                    label=f"aer-noisy, {variant} (1 standard error)")
    unit = comp.units.get(key, "")
    ax.set(xlabel=f"t [{comp.units.get('time', '1/g')}]", ylabel=f"{key} [{unit}]" if unit else key, title=key)
axes[0][0].legend(fontsize=7)
fig.suptitle(f"spin charger M = N = 2 on aer-noisy against the exact curve (exact energy peak "
             f"{dense.maxima['energy'][1]:.3f} {res.units['energy']} at t = {dense.maxima['energy'][0]:.3f} 1/g)",
             fontsize=10)
fig.tight_layout()
fig.savefig(OUT / "compare.png", dpi=130, bbox_inches="tight")
print(f"wrote {OUT / 'star_network.png'}, {OUT / 'compare.png'} and {OUT / 'summary.json'} in {time.monotonic() - start:.1f} s")

# %% [markdown]
# ## Next
#
# * the same from the command line: `qbc exact star-network -p bath=local -p mu=1 -p delta_mu=2 --steady-state`
#   and `qbc run spin-charger -p M=2 -p N=2 --backend aer-noisy --t-final 2 --points 9 --dt 0.25 --readout-mitigation`;
# * the [Trotter tutorial](trotter_tutorial) for how the circuits are built and how many steps they need;
# * the [collision-model tutorial](collision_model) for the dissipative star network as circuits.
