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
# # Trotter circuits of a spin charger, against the exact curve
#
# How a closed battery's charging becomes a circuit, and how many steps the circuit needs.
# The battery is seed 001's spin charger (Huangfu and Jing, *High-capacity and high-power
# collective charging with spin chargers*, 2021): M battery spins charged by N charger
# spins through an XY interaction (their Eqs. 1 and 3, at $\gamma = 0$, the isotropic case):
#
# $$H_0 = \frac{\omega_0}{2}\Big(\sum_k \sigma_k^z + \sum_l \tau_l^z\Big), \qquad
#   H_1 = \frac{g}{2}\Big[\sum_k \sigma_k^x \sum_l \tau_l^x + \sum_k \sigma_k^y \sum_l \tau_l^y\Big].$$
#
# $H_0$ gives single-qubit $Z$ rotations and $H_1$ one $XX + YY$ term per battery-charger
# bond (the two commute: battery and chargers are resonant). With M = N = 2, qubits 0 and 1 are the cells and
# qubits 2 and 3 the chargers (Qiskit's little-endian order: qubit 0 is the last character
# of a bit string). The cells start empty ($|0\rangle$) and the chargers full ($|1\rangle$,
# the charged state in this project; the paper's $\sigma^z$ is $-Z$). Times are in $1/g$,
# energies in $\omega_0$.
#
# The steps:
#
# 1. compile the charging to circuits and look at their statistics, logical and on a fake
#    IBM Heron device;
# 2. draw the stored energy $W(t)$ of the circuits for the product formulas of order 1, 2
#    and 4 at a coarse step, against the exact reference;
# 3. measure the order of each formula from the error against $dt$;
# 4. let the error budget choose the number of steps for a tolerance.

# %%
import os
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import qbcircuit as qbc
from qbcircuit.compile import choose_steps, compile_evolution, transpile_evolution
from qbcircuit.compile.error_control import trotter_energy_curve
from qbcircuit.io import write_json

QUICK = os.environ.get("QBC_QUICK", "0") not in ("", "0")  # small sizes, few points
OUT = Path(os.environ.get("QBC_RESULTS", "results")) / "trotter_tutorial"
OUT.mkdir(parents=True, exist_ok=True)
start = time.time()
T_FINAL = 6.0

model = qbc.build_model("spin-charger", M=2, N=2, g=0.5)
unit, tunit = model.energy_unit, model.time_unit
summary: dict = {"model": model.summary()}
model.summary()

# %% [markdown]
# ## 1. The circuits
#
# A second-order (Strang) step is $e^{-iA\,dt/2} e^{-iB\,dt} e^{-iA\,dt/2}$ over the
# layers $A, B$ of mutually commuting terms of the Hamiltonian. The compiler puts one `XXPlusYYGate` on each of the
# four bonds and groups them into two layers of disjoint bonds (an edge colouring of the
# complete bipartite graph $K_{2,2}$), so every step is two layers deep in two-qubit gates.
# Targeting a device (here Qiskit's fake `ibm_torino`, a Heron processor) rewrites each
# `XXPlusYYGate` in the device's basis: with *fractional gates* the device also offers
# `RZZ` of any angle, which saves single-qubit gates.

# %%
compiled = compile_evolution(model, T_FINAL, 12, order=2)
logical = compiled.stats().to_dict()
print(f"{model.name} M=2 N=2, t = {T_FINAL} {tunit}, 12 second-order steps")
print(f"  logical: {logical}")
summary["logical"] = logical
for fractional in (False, True):
    stats = transpile_evolution(compiled, "fake_torino", fractional_gates=fractional).stats.to_dict()
    key = "fake_torino" + (" fractional" if fractional else "")
    print(f"  {key}: depth {stats['depth']}, two-qubit gates {stats['two_qubit_gates']} "
          f"({stats['two_qubit_gates_per_step']} per step), {stats['operations']}")
    summary[key] = stats

# %% [markdown]
# The logical circuit of one step (after the initial state's X gates on the chargers):

# %%
print(compile_evolution(model, T_FINAL / 12, 1, order=2).circuits[0].draw("text", fold=-1))


# %% [markdown]
# ## 2. Circuits against the exact curve
#
# The exact reference (`qbc.exact`) solves the model itself; `trotter_energy_curve`
# simulates the circuits (statevector) step by step and reads the battery's energy
# $\langle H_B\rangle$ after each. With 12 steps over $g t = 6$ ($dt = 0.5/g$) the
# first- and second-order curves drift visibly from the exact one; the fourth-order one
# stays on it (left panel of the figure below).

# %%
def exact_energy(times):
    """times -> the exact stored energy W(t) of the model (what the step choice checks against)."""
    return qbc.exact(model, np.asarray(times), refine=False).energy


fine = np.linspace(0, T_FINAL, 61 if QUICK else 241)
coarse = 12
grid = np.linspace(0, T_FINAL, coarse + 1)
coarse_curves = {order: trotter_energy_curve(model, T_FINAL, coarse, order) for order in (1, 2, 4)}

# %% [markdown]
# ## 3. The order of each formula
#
# The error of the whole energy curve (right panel), relative to its largest value, against the step
# $dt$ on log-log axes; the fitted slope is the order in which the error falls. Orders 2
# and 4 fall as $dt^2$ and $dt^4$. The first-order formula also shows a slope of 2 here: from
# the paper's basis initial state its energy error falls as $dt^2$ (the state error as
# $dt$; `tests/compile/test_product_formulas.py` checks both).

# %%
summary["convergence"] = {}
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
ax1.plot(fine, exact_energy(fine), "k-", lw=2, label="exact (QuTiP)")
for (order, curve), marker in zip(coarse_curves.items(), "os^"):
    ax1.plot(grid, curve - curve[0], marker + "--", ms=4, label=f"order {order}, dt = {T_FINAL / coarse:g} {tunit}")
ax1.set(xlabel=f"t [{tunit}]", ylabel=f"stored energy W [{unit}]", title="Trotter circuits vs exact")
ax1.legend(fontsize=7)
plans = ((1, (12, 24, 48, 96)), (2, (12, 24, 48, 96)), (4, (6, 12, 24, 48)))
if QUICK:
    plans = ((1, (12, 24)), (2, (12, 24)), (4, (6, 12)))
for order, steps in plans:
    errors = []
    for k in steps:
        times = np.linspace(0, T_FINAL, k + 1)
        exact = exact_energy(times)
        curve = trotter_energy_curve(model, T_FINAL, k, order)
        err = np.max(np.abs(curve - curve[0] - exact))
        errors.append(err / np.max(np.abs(exact)))
    dts = T_FINAL / np.array(steps)
    slope = float(np.polyfit(np.log(dts), np.log(errors), 1)[0])
    ax2.loglog(dts, errors, "o-", label=f"order {order}: slope {slope:.2f}")
    summary["convergence"][f"order {order}"] = {"dt": dts, "relative_error": errors, "slope": slope}
    print(f"  order {order}: relative energy-curve error {['%.2e' % e for e in errors]} for dt "
          f"{[round(float(d), 4) for d in dts]}; slope {slope:.2f}")
ax2.axhline(1e-3, color="grey", lw=0.8, ls=":")
ax2.set(xlabel=f"dt [{tunit}]", ylabel="max |W_circuit - W_exact| / max W", title="error of the energy curve")
ax2.legend(fontsize=7)
fig.savefig(OUT / "trotter.png", dpi=130, bbox_inches="tight")

# %% [markdown]
# ## 4. Choosing the number of steps
#
# `choose_steps` finds the fewest steps whose energy curve stays within a relative
# tolerance of the exact one (by the exact check when the model is small enough, by a
# commutator bound otherwise). This is what `qbc compile --tolerance 1e-3` and `qbc.run`
# do when no step is given. The fourth-order formula needs an order of magnitude fewer
# steps, each of them five times longer than a second-order step.

# %%
summary["step_choice"] = {}
for order in (1, 2, 4):
    if QUICK and order != 4:
        continue  # the low orders need ~150 steps: the full mode shows them
    choice = choose_steps(model, T_FINAL, order, 1e-3, exact_energy=exact_energy)
    print(f"  tolerance 1e-3: {choice.describe(tunit)}")
    summary["step_choice"][f"order {order}"] = {"steps": choice.steps, "error": choice.error, "method": choice.method}
summary["note"] = ("from the paper's basis initial state the first-order energy error falls as dt^2 "
                   "(the state error as dt): see tests/compile/test_product_formulas.py")
write_json(OUT / "summary.json", summary)
print(f"wrote {OUT / 'trotter.png'} and summary.json in {time.time() - start:.0f} s")

# %% [markdown]
# The same from the command line: `qbc compile spin-charger -p M=2 -p N=2 -p g=0.5 --t-final 6 --tolerance 1e-3 --order 4 --backend fake_torino`
# (add `--qasm FILE` for OpenQASM 3).
