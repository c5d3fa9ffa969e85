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
# # Seed 001: spin chargers versus a cavity charger
#
# Huangfu and Jing, *High-capacity and high-power collective charging with spin chargers*
# (2021). M battery spins (cells) are charged by N charger spins instead of a cavity mode
# (their Eqs. 1 and 3):
#
# $$H_0 = \frac{\omega_0}{2}\Big(\sum_k\sigma_k^z + \sum_l\tau_l^z\Big),\qquad
#   H_1 = g\Big[J_-\sum_k(\gamma\,\sigma_k^- + \sigma_k^+) + \mathrm{h.c.}\Big],$$
#
# $J_- = \sum_l \tau_l^-$ the chargers' collective lowering operator, $\gamma$ the
# anisotropy ($\gamma = 0$: the isotropic XY exchange). The cells start empty and the
# chargers full (Eq. 4). In the **collective** protocol every cell couples to every
# charger; in the **parallel** one (Eq. 9) each cell has its own N/M chargers. The
# benchmark is the Tavis-Cummings cavity charger (Eq. A3): the M cells in one resonant mode
# holding n photons, which the spin charger approaches for many chargers
# (Holstein-Primakoff).
#
# Conventions: the paper's $\sigma^z$ is $-Z$ ($|1\rangle$ excited, charged); qubits
# 0 .. M-1 are the cells, M .. M+N-1 the chargers (Qiskit order). Energies in $\omega_0$,
# times in $1/g$, powers in $g\,\omega_0$. The battery's energy is
# $H_B = (\omega_0/2)\sum_k\sigma_k^z$ measured from the empty cells.
#
# The exact reference solves these in the symmetric (Dicke) sectors of cells and chargers,
# so N = 200 chargers cost no more than a few.

# %%
import os
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import qbcircuit as qbc
from qbcircuit.io import write_json

QUICK = os.environ.get("QBC_QUICK", "0") not in ("", "0")  # small sizes, few points
OUT = Path(os.environ.get("QBC_RESULTS", "results")) / "spin_chargers"
OUT.mkdir(parents=True, exist_ok=True)
MAX_M = 6 if QUICK else 20  # largest battery in Figs. 4/5
start = time.perf_counter()
G = 0.1  # g / omega0, as in the paper's figures
summary = {"paper": "Huangfu and Jing (2021)", "units": {"energy": "omega0", "time": "1/g", "power": "g omega0"}}


def series(name, t_final, points=801, **params):
    """The exact charging curve of a registered model on [0, t_final]."""
    points = min(points, 201) if QUICK else points
    return qbc.exact(qbc.build_model(name, **params), np.linspace(0, t_final, points))


# %% [markdown]
# ## Fig. 8: two cells, spin chargers against a cavity
#
# Two cells charged by N = 2, 20 and 200 charger spins, and by a cavity with n = 2
# photons. The paper's closed forms for the largest stored energy are
# $E_\mathrm{max} = 16N(N-1)/(3N-2)^2\,\omega_0$ for spins (2 for N = 2: both cells full)
# and $16/9\,\omega_0$ for the cavity, which the spins approach as N grows.

# %%
fig, ax = plt.subplots(figsize=(6, 4))
fig8 = {}
for N in (2, 20, 200):
    ts = series("spin-charger", 3, M=2, N=N, g=G)
    ax.plot(ts.times, ts.energy, label=f"N = {N} spins")
    fig8[f"N={N}"] = {"E_max": ts.maxima["energy"][1], "closed_form": 16 * N * (N - 1) / (3 * N - 2) ** 2}
tc = series("tavis-cummings", 3, M=2, n=2, g=G)
ax.plot(tc.times, tc.energy, "k--", label="cavity, n = 2 (TC)")
fig8["TC n=2"] = {"E_max": tc.maxima["energy"][1], "closed_form": 16 / 9}
ax.set(xlabel="g t", ylabel="E(t) [omega0]", title="Fig. 8: two cells, spin vs cavity chargers")
ax.legend(fontsize=8)
fig.savefig(OUT / "fig8_two_cells.png", dpi=130, bbox_inches="tight")
summary["fig8"] = fig8
for key, v in fig8.items():
    print(f"Fig. 8, {key}: E_max = {v['E_max']:.6f} omega0 (closed form {v['closed_form']:.6f})")

# %% [markdown]
# ## Figs. 4 and 5: capacity, power and the collective advantage against M
#
# N = M chargers, $g = 0.1\omega_0$, anisotropy $\gamma = 0, 0.6, 1$, maxima in the window
# $g t \le 10$: the largest stored energy $E_\mathrm{max}$, the largest average power over
# $\sqrt N$, and the collective advantage $\eta = P_\mathrm{max}/P_\mathrm{max}(\text{parallel})$.
# The red dots are the Tavis-Cummings benchmark: a cavity with n = M photons and coupling
# $\tilde g = \sqrt N g$ (the Holstein-Primakoff limit of N = M spins).
#
# **Reading taken**: the paper's normalisation of the cavity's power could not be pinned
# down from the text, so the cavity's $P_\mathrm{max}$ is drawn over its own collective
# rate $\sqrt n\,\tilde g\,\omega_0$; $E_\mathrm{max}$ and $\eta$ (a ratio) do not depend
# on that choice. The cavity's parallel reference is M cells, each in its own one-photon
# cavity at the same $\tilde g$ (one cell reaches $P = 0.7246\,\tilde g\omega_0$).

# %%
fig, axes = plt.subplots(1, 3, figsize=(15, 4))
ms = list(range(2, MAX_M + 1, 2))
fig45 = {}
for gamma, style in ((0.0, "-"), (0.6, "-."), (1.0, ":")):
    e, p, eta = [], [], []
    for M in ms:
        ts = series("spin-charger", 10, 2001, M=M, N=M, g=G, gamma=gamma)
        par = series("spin-charger", 10, 2001, M=M, N=M, g=G, gamma=gamma, protocol="parallel")
        e.append(ts.maxima["energy"][1])
        p.append(ts.maxima["power"][1] / np.sqrt(M))
        eta.append(ts.maxima["power"][1] / par.maxima["power"][1])
    for ax, y in zip(axes, (e, p, eta)):
        ax.plot(ms, y, style, marker="o", ms=3, label=f"gamma = {gamma}")
    fig45[f"gamma={gamma}"] = {"M": ms, "E_max": e, "P_max/sqrt(N)": p, "eta": eta}
    print(f"gamma = {gamma}: eta = {np.round(eta, 4).tolist()} for M = {ms}")
e, p, eta = [], [], []
p_cell = np.sin(1.1655611852) ** 2 / 1.1655611852  # one cell, one photon: 0.7246 g-tilde omega0
for M in ms:
    # the model's time unit is 1/g-tilde: the window g t <= 10 is g-tilde t <= 10 sqrt(M)
    ts = series("tavis-cummings", 10 * np.sqrt(M), 2001, M=M, n=M, g=G * np.sqrt(M))
    e.append(ts.maxima["energy"][1])
    p.append(ts.maxima["power"][1] / np.sqrt(M))
    eta.append(ts.maxima["power"][1] / (M * p_cell))
for ax, y in zip(axes, (e, p, eta)):
    ax.plot(ms, y, "ro", ms=4, label="TC benchmark")
fig45["TC"] = {"M": ms, "E_max": e, "P_max/sqrt(N)": p, "eta": eta}
print(f"TC benchmark: eta = {np.round(eta, 4).tolist()} for M = {ms}")
for ax, ylabel in zip(axes, ("E_max [omega0]", "P_max [sqrt(N) g omega0]; TC: [sqrt(n) g-tilde omega0]",
                             "eta = P_max / P_max(parallel)")):
    ax.set(xlabel="M (= N)", ylabel=ylabel)
axes[0].set_title("Fig. 4/5: N = M, g = 0.1 omega0, g t <= 10")
axes[2].set_xscale("log")
axes[2].set_yscale("log")
axes[0].legend(fontsize=8)
fig.savefig(OUT / "fig4_5_scaling.png", dpi=130, bbox_inches="tight")
summary["fig4_5"] = fig45

# %% [markdown]
# The isotropic spin charger beats the cavity: a larger $E_\mathrm{max}$ and a collective
# advantage $\eta$ that grows with M, faster than the cavity's. Anisotropy
# ($\gamma > 0$: counter-rotating terms) costs both.
#
# ## Fig. 6: crosstalk between the chargers
#
# A charger-charger exchange $(g_1/2)\sum_{l\ne j}(\tau_l^x\tau_j^x + \tau_l^y\tau_j^y)$
# (Eq. 14) changes the dynamics, while the stored energy is still measured with $H_B$
# (M = 2, N = 4).

# %%
fig, ax = plt.subplots(figsize=(6, 4))
fig6 = {}
for ratio, style in ((0.1, "-"), (1.0, "-."), (10.0, ":")):
    ts = series("spin-charger", 10, 1001, M=2, N=4, g=G, g1=ratio * G)
    ax.plot(ts.times, ts.energy, style, label=f"g1/g = {ratio}")
    fig6[f"g1/g={ratio}"] = {"E_max": ts.maxima["energy"][1], "P_max": ts.maxima["power"][1]}
ax.set(xlabel="g t", ylabel="E(t) [omega0]", title="Fig. 6: charger crosstalk (M = 2, N = 4)")
ax.legend(fontsize=8)
fig.savefig(OUT / "fig6_crosstalk.png", dpi=130, bbox_inches="tight")
summary["fig6"] = fig6
summary["seconds"] = time.perf_counter() - start
write_json(OUT / "summary.json", summary)
print(f"wrote {OUT}/ in {summary['seconds']:.0f} s; Fig. 8 E_max:",
      {k: round(v["E_max"], 4) for k, v in summary["fig8"].items()})

# %% [markdown]
# The same curves from the command line, e.g.
# `qbc exact spin-charger -p M=2 -p N=20 -p g=0.1 --t-final 3 --points 801`.
