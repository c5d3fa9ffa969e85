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
# # The papers' figures as parameter sweeps
#
# A figure of a paper is a grid of parameter points, one exact solve each. `qbc sweep`
# (and `qbcircuit.sweep` from Python) runs such a grid on a local process pool or a Dask
# cluster, writes one file per point (so an interrupted sweep resumes where it stopped:
# `qbc sweep --resume DIR`), a table of all points (`table.csv`, `table.json`) and plots.
#
# Three figures from two papers:
#
# * **Seed 003** (Kamin, Salimi and Arjmandi, PRA 109, 022226 (2024); the
#   [quickstart](quickstart.py) introduces the model), **Fig. 3**: the steady-state
#   $W$ = ergotropy / maximal ergotropy of the battery qubit against $\delta\mu$, one curve
#   per $\mu$, local fermion reservoirs at $T = \gamma$ (N = 3, $\omega_0 = 10\gamma$,
#   $\omega = J = \gamma$);
# * **Seed 002** (Wang, Yu and Wang, 2023; the [driven-dissipative tutorial](driven_dissipative.py)),
#   **Fig. 7(a)**: the steady-state efficiency $P$ = ergotropy / energy against
#   $T_1 = T_2 = T$, equilibrium boson reservoirs, initial state $(|eg\rangle + |ge\rangle)/\sqrt2$
#   ($\theta = \pi/4$), $F = 0.5\lambda$; and **Fig. 7(b)**, fermion reservoirs, $P$ against
#   $\mu_1 = \mu_2 = \mu$ for $T = 1, 2, 3\lambda$.
#
# The tables are then checked against what the papers say: Fig. 3's trends, and seed 002's
# Eq. (17), which at resonance with equal reservoirs reads
# $P = (F/M)\,|\tanh((M - \mu)/2T)|$, $M = \sqrt{F^2 + \lambda^2}$ ($\mu = 0$ for bosons).
#
# **Parameter specs.** `START:STOP:COUNT` is a linear range, `A,B,C` a list; axes form a
# product unless zipped (`--zip T1,T2`: the two step together).
#
# **Executors.** `--executor local` (the command's default) runs the points on a process
# pool of fresh interpreters; `serial` one after the other; `dask-local` on a Dask cluster
# started for the sweep; `dask://HOST:PORT` on a running Dask scheduler. Fresh interpreters
# import the calling script again, so a script that starts a pool needs an
# `if __name__ == "__main__":` guard: the `qbc` command has one, a notebook needs none, but
# this tutorial run as a plain script has none either. So its Python part runs serially
# (`QBC_EXECUTOR` changes that), and the command-line part runs `qbc` as a command, on the
# process pool.

# %%
import math
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import qbcircuit as qbc  # noqa: F401  (the API the sweeps call for each point)
from qbcircuit.io import write_json
from qbcircuit.sweep import read_table, start_sweep

QUICK = os.environ.get("QBC_QUICK", "0") not in ("", "0")  # small sizes, few points
OUT = Path(os.environ.get("QBC_RESULTS", "results")) / "sweeps" / "papers"
EXECUTOR = os.environ.get("QBC_EXECUTOR", "serial")  # for start_sweep below (see above)
THETA = repr(math.pi / 4)
start = time.monotonic()
summary: dict = {"commands": {}}
for name in ("fig3", "fig7a", "fig7b"):
    shutil.rmtree(OUT / name, ignore_errors=True)  # the tutorial always redraws from scratch

# %% [markdown]
# ## Seed 003, Fig. 3, from Python
#
# `start_sweep(model, specs, out, ...)` takes the same specs as the command line, as a
# dict; `kind="exact-steady-state"` (the default) solves each point with the exact
# reference, and `plots` names the figures to draw from the table.

# %%
fig3_specs = {"bath": "local", "T": 1, "delta_mu": "0:10:6" if QUICK else "0:10:41",
              "mu": "0,8" if QUICK else "0,1,3,8"}
result = start_sweep("star-network", fig3_specs, OUT / "fig3", plots=["ergotropy_ratio"], executor=EXECUTOR,
                     progress=False)
summary["commands"]["fig3"] = f"start_sweep('star-network', {fig3_specs!r}, ...)"
print(f"{result.ok}/{result.total} points in {result.seconds:.1f} s; columns: {result.columns}")

# %% [markdown]
# ## Seed 002, Fig. 7, from the command line
#
# The `qbc` command, run here as a command (`python -m qbcircuit.cli.main` is `qbc`), with
# its default executor, the local process pool.

# %%
commands = {
    "fig7a": ["sweep", "driven-dissipative", "-p", "T1=0.1:5:6" if QUICK else "T1=0.1:5:50",
              "-p", "T2=0.1:5:6" if QUICK else "T2=0.1:5:50", "--zip", "T1,T2",
              "-p", f"theta={THETA}", "--steady-state", "--plot", "efficiency", "--out", str(OUT / "fig7a")],
    "fig7b": ["sweep", "driven-dissipative", "-p", "reservoir=fermion",
              "-p", "mu1=-6:6:5" if QUICK else "mu1=-6:6:49", "-p", "mu2=-6:6:5" if QUICK else "mu2=-6:6:49",
              "-p", "T1=1,2,3", "-p", "T2=1,2,3", "--zip", "mu1,mu2", "--zip", "T1,T2",
              "-p", f"theta={THETA}", "--steady-state", "--plot", "efficiency", "--out", str(OUT / "fig7b")],
}
for name, argv in commands.items():
    print("$ qbc " + shlex.join(argv), flush=True)
    done = subprocess.run([sys.executable, "-m", "qbcircuit.cli.main", *argv], capture_output=True, text=True)
    print(done.stdout, done.stderr.splitlines()[-1] if done.stderr else "", sep="")
    if done.returncode != 0:
        raise SystemExit(f"qbc sweep for {name} failed:\n{done.stderr[-3000:]}")
    summary["commands"][name] = "qbc " + shlex.join(argv)


# %% [markdown]
# ## Checking the tables against the papers
#
# `read_table(DIR)` gives one dict per point: the parameters and every figure.

# %%
def eq17_efficiency(mu, T, F=0.5, lam=1.0):
    """Seed 002's Eq. (17): the resonant steady-state efficiency for equal reservoirs."""
    m = math.hypot(F, lam)
    return F / m * np.abs(np.tanh((m - np.asarray(mu)) / (2 * np.asarray(T))))


def check_fig3(rows) -> dict:
    """Fig. 3's trends: W grows with delta_mu, and with mu; mu = 8 is nearly full throughout."""
    out = {}
    previous = None
    for mu in sorted({r["mu"] for r in rows}):
        curve = [r for r in rows if r["mu"] == mu]
        w = np.array([r["ergotropy_ratio"] for r in curve])
        out[f"mu={mu:g}"] = {
            "W(delta_mu=0)": float(w[0]), "W(delta_mu=10)": float(w[-1]),
            "non_decreasing_in_delta_mu": bool(np.all(np.diff(w) >= -1e-12)),
            "above_the_curve_of_smaller_mu": None if previous is None else bool(np.all(w >= previous - 1e-12)),
        }
        previous = w
    out["mu=8_nearly_full_for_every_delta_mu"] = bool(previous.min() > 0.99)
    return out


def check_eq17(rows, reservoir: str) -> dict:
    mu = [r.get("mu1", 0.0) if reservoir == "fermion" else 0.0 for r in rows]
    expected = eq17_efficiency(mu, [r["T1"] for r in rows])
    got = np.array([r["efficiency"] for r in rows])
    return {"points": len(rows), "max_abs_deviation_from_eq17": float(np.max(np.abs(got - expected)))}


tables = {name: read_table(OUT / name) for name in ("fig3", "fig7a", "fig7b")}
summary["fig3"] = check_fig3(tables["fig3"])
summary["fig7a"] = check_eq17(tables["fig7a"], "boson")
summary["fig7b"] = check_eq17(tables["fig7b"], "fermion")
summary["seconds"] = round(time.monotonic() - start, 1)
OUT.mkdir(parents=True, exist_ok=True)
write_json(OUT / "summary.json", summary)
print(f"Fig. 3: mu = 8 nearly full whatever delta_mu: {summary['fig3']['mu=8_nearly_full_for_every_delta_mu']}")
print(f"Fig. 7(a): largest deviation from Eq. (17): {summary['fig7a']['max_abs_deviation_from_eq17']:.2e}")
print(f"Fig. 7(b): largest deviation from Eq. (17): {summary['fig7b']['max_abs_deviation_from_eq17']:.2e}")
print(f"wrote {OUT}/summary.json ({summary['seconds']} s)")

# %% [markdown]
# ## The three figures, from the tables
#
# Each sweep folder already holds its plot (`fig3/ergotropy_ratio.png`,
# `fig7a/efficiency.png`, ...); here the tables are drawn again with the paper's closed
# form beside the points (written to `sweeps.png`).

# %%
fig, axes = plt.subplots(1, 3, figsize=(15, 4))
rows = tables["fig3"]
for mu in sorted({r["mu"] for r in rows}):
    curve = [r for r in rows if r["mu"] == mu]
    axes[0].plot([r["delta_mu"] for r in curve], [r["ergotropy_ratio"] for r in curve], "o-", ms=3, label=f"mu = {mu:g}")
axes[0].set(xlabel="delta_mu [gamma]", ylabel="W", title="seed 003, Fig. 3 (local baths, T = gamma)")
axes[0].legend(fontsize=8)
rows = tables["fig7a"]
t = np.array([r["T1"] for r in rows])
axes[1].plot(t, [r["efficiency"] for r in rows], "o", ms=3, label="sweep")
fine = np.linspace(t.min(), t.max(), 200)
axes[1].plot(fine, eq17_efficiency(0.0, fine), "k-", lw=1, label="Eq. (17)")
axes[1].set(xlabel="T [lam]", ylabel="P", title="seed 002, Fig. 7(a): bosons")
axes[1].legend(fontsize=8)
rows = tables["fig7b"]
for T in sorted({r["T1"] for r in rows}):
    curve = [r for r in rows if r["T1"] == T]
    mu = np.array([r["mu1"] for r in curve])
    line, = axes[2].plot(mu, [r["efficiency"] for r in curve], "o", ms=3, label=f"T = {T:g}")
    fine = np.linspace(mu.min(), mu.max(), 200)
    axes[2].plot(fine, eq17_efficiency(fine, T), "-", lw=1, color=line.get_color())
axes[2].set(xlabel="mu [lam]", ylabel="P", title="seed 002, Fig. 7(b): fermions (lines: Eq. 17)")
axes[2].legend(fontsize=8)
fig.tight_layout()
fig.savefig(OUT / "sweeps.png", dpi=130, bbox_inches="tight")

# %% [markdown]
# ## Larger sweeps
#
# * `--executor dask-local` starts a Dask cluster on this machine;
#   `--executor dask://HOST:PORT` sends the points to a running scheduler (each worker
#   needs qbcircuit installed; install the `dask` extra).
# * `qbc sweep --resume DIR` computes only the points without a result file.
# * `--plot FIGURE:heatmap` draws a two-axis sweep as a heat map.
# * Each point can also be a circuit run (`kind="circuit-time-series"` with a backend
#   profile in `options`): see `qbcircuit.sweep`.
