# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
# ---

# %% [markdown]
# # The SYK battery (seed 004, Sec. III.C.2)
#
# Rossini, Andolina, Rosa, Carrega and Polini (PRL 125, 236402 (2020)) charge N cells with
# H_B = omega0 sum_j sigma_j^y (Eq. 41) by switching on a complex Sachdev-Ye-Kitaev Hamiltonian
# (Eq. 42), written for qubits by the Jordan-Wigner transformation, with couplings of variance
# J^2/N^3. The review (RMP 96, 031001) states:
#
# * the optimal average power grows as N^(3/2);
# * the loose bound of Eq. (43), <P>_tau <= sqrt(<Delta E_B^2>_tau <Delta E_1^2>_tau), certifies
#   the advantage as quantum: <Delta E_1^2> grows linearly in N while <Delta E_B^2> grows faster;
# * the bosonic variant (no Jordan-Wigner strings) and parallel charging have no advantage.
#
# This tutorial checks these statements at the sizes the exact solver reaches, draws the
# power against N with the bound, and runs the battery as Trotter circuits on Aer.
#
# Readings taken (see `qbcircuit/models/syk.py` and `qbcircuit/metrics/bounds.py`): the
# couplings are those of ordered pairs (a time rescaling of the unrestricted sum of Eq. 42);
# the model is written in the frame where H_B is diagonal (every figure is unchanged); and
# Eq. (43) carries the factor 2 of Robertson's uncertainty relation, without which it fails
# for a single qubit. Run: `.venv/bin/python examples/syk_battery.py` (`QBC_QUICK=1`: a
# quick pass, as the tests run it). Figures and `summary.json` go to `results/syk_battery/`
# (`QBC_RESULTS` moves `results/`).

# %%
import os
import time
from pathlib import Path

import matplotlib.pyplot as plt
import matplotlib.ticker
import numpy as np

import qbcircuit as qbc
from qbcircuit.io import write_json
from qbcircuit.metrics import bounds

QUICK = os.environ.get("QBC_QUICK", "0") not in ("", "0")  # small sizes, few realisations
OUT = Path(os.environ.get("QBC_RESULTS", "results")) / "syk_battery"
OUT.mkdir(parents=True, exist_ok=True)
SIZES = [4, 6] if QUICK else [4, 6, 8, 10]
REALISATIONS = {4: 4, 6: 2, 8: 1, 10: 1} if QUICK else {4: 40, 6: 20, 8: 8, 10: 3}
POINTS = 81 if QUICK else 321
T_FINAL = 8.0  # 1/omega0, with J = omega0: past the optimal charging time for N >= 4
start = time.monotonic()
summary = {"paper": "Rossini et al. (2020); RMP 96, 031001, Eqs. (41)-(43)", "quick": QUICK,
           "units": {"energy": "omega0", "time": "1/omega0", "power": "omega0^2"}}

# %% [markdown]
# ## One battery: stored energy, instantaneous power and its bounds
#
# The exact reference averages the disorder realisations (the model's ensemble) and returns,
# with the energy, the review's figures of merit: the instantaneous power P(t) = dW/dt, the
# variance of H_B and its local and entangled parts (Eqs. 22-23), and the bounds.

# %%
N0 = SIZES[-1] if QUICK else 8
ts = qbc.exact(qbc.build_model("syk", N=N0, realisations=REALISATIONS[N0]), np.linspace(0, T_FINAL, POINTS))
s, t = ts.series, ts.times
fig, axes = plt.subplots(1, 3, figsize=(15, 4))
axes[0].plot(t, s["energy"] / N0, label="W(t)/N")
axes[0].plot(t, s["ergotropy"] / N0, "--", label="ergotropy/N")
axes[0].set(xlabel="t [1/omega0]", ylabel="energy per cell [omega0]", title=f"complex SYK, N = {N0}")
axes[0].legend()
axes[1].plot(t, s["power_instantaneous"], label="P(t) = dW/dt")
axes[1].plot(t, s["power_bound_instantaneous"], "--", label="sqrt(Delta E_B^2 I_E) (Eq. 24)")
axes[1].set(xlabel="t [1/omega0]", ylabel="power [omega0^2]", title="instantaneous power and its bound")
axes[1].legend()
axes[2].plot(t, s["power"], label="<P>_t = W/t")
axes[2].plot(t, s["power_bound_average"], "--", label="sqrt(<Delta E_B^2><I_E>)")
axes[2].plot(t, s["power_bound_variance"], ":", label="2 sqrt(<Delta E_B^2><Delta E_1^2>) (Eq. 43)")
axes[2].set(xlabel="t [1/omega0]", ylabel="power [omega0^2]", title="average power and its bounds", yscale="log")
axes[2].legend(fontsize=8)
fig.tight_layout()
fig.savefig(OUT / "charging.png", dpi=120, bbox_inches="tight")
summary["charging"] = {"N": N0, "realisations": REALISATIONS[N0], "power_max": ts.maxima["power"],
                       "energy_variance_entangled_at_power_max":
                           float(s["energy_variance_entangled"][int(np.nanargmax(s["power"]))])}
print(f"N = {N0}: P_max = {ts.maxima['power'][1]:.4f} omega0^2 at t = {ts.maxima['power'][0]:.3f} / omega0")

# %% [markdown]
# ## Optimal power against N, with the bound of Eq. (43)
#
# For each N: the ensemble-mean optimal power <P>_tau = max_t W(t)/t, and at that tau the
# time-averaged variances of H_B and of the charging Hamiltonian H_1, for the complex SYK
# battery, its bosonic variant and parallel charging (blocks of 2 sites).


# %%
def scaling(variant="fermionic", protocol="global"):
    rows = []
    for N in SIZES:
        model = qbc.build_model("syk", N=N, variant=variant, protocol=protocol, realisations=REALISATIONS[N])
        r = qbc.exact(model, np.linspace(0, T_FINAL, POINTS))
        k = int(np.nanargmax(r.series["power"]))
        vb = bounds.time_average(r.times, r.series["energy_variance"])[k]
        v1 = bounds.time_average(r.times, r.series["hamiltonian_variance"])[k]
        rows.append({"N": N, "tau": float(r.times[k]), "power": float(r.series["power"][k]),
                     "stderr": float(r.series["power_stderr"][k]) if "power_stderr" in r.series else 0.0,
                     "variance_B": float(vb), "variance_1": float(v1), "bound": float(2 * np.sqrt(vb * v1))})
    ns = np.array([r["N"] for r in rows])

    def exponent(key):
        return float(np.polyfit(np.log(ns), np.log([r[key] for r in rows]), 1)[0])

    return {"rows": rows, "exponent_power": exponent("power"), "exponent_variance_B": exponent("variance_B"),
            "exponent_variance_1": exponent("variance_1")}


variants = {"complex SYK": scaling(), "bosonic SYK": scaling("bosonic"),
            "parallel (blocks of 2)": scaling(protocol="parallel")}
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for (label, res), colour in zip(variants.items(), ("C0", "C1", "C2")):
    ns = [r["N"] for r in res["rows"]]
    axes[0].errorbar(ns, [r["power"] for r in res["rows"]], yerr=[r["stderr"] for r in res["rows"]], fmt="o-",
                     color=colour, label=f"{label}: <P>_tau ~ N^{res['exponent_power']:.2f}")
    axes[0].plot(ns, [r["bound"] for r in res["rows"]], "--", color=colour, label=f"{label}: Eq. (43) bound")
    axes[1].plot(ns, [r["variance_B"] for r in res["rows"]], "o-", color=colour,
                 label=f"{label}: <Delta E_B^2> ~ N^{res['exponent_variance_B']:.2f}")
    axes[1].plot(ns, [r["variance_1"] for r in res["rows"]], "s:", color=colour,
                 label=f"{label}: <Delta E_1^2> ~ N^{res['exponent_variance_1']:.2f}")
axes[0].set(xscale="log", yscale="log", xlabel="N (cells)", ylabel="optimal power [omega0^2]",
            title="power against N (dashed: the bound)")
axes[1].set(xscale="log", yscale="log", xlabel="N (cells)", ylabel="variance at tau [omega0^2]",
            title="the variances in Eq. (43)")
for ax in axes:
    ax.legend(fontsize=7)
    ax.set_xticks(SIZES, [str(n) for n in SIZES])
    ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
fig.tight_layout()
fig.savefig(OUT / "power_against_N.png", dpi=120, bbox_inches="tight")
summary["scaling"] = variants
for label, res in variants.items():
    print(f"{label}: power ~ N^{res['exponent_power']:.2f}, <Delta E_B^2> ~ N^{res['exponent_variance_B']:.2f}, "
          f"<Delta E_1^2> ~ N^{res['exponent_variance_1']:.2f}; bound holds: "
          f"{all(r['power'] <= r['bound'] for r in res['rows'])}")

# %% [markdown]
# ## The battery as Trotter circuits
#
# One realisation of N = 4 cells compiled to second-order Trotter circuits (one gate per
# commuting block of Pauli terms: the Jordan-Wigner strings make multi-qubit blocks) and run
# on the ideal Aer simulator. The stored energy is read from Z-basis counts (H_B is diagonal
# in the model's frame), and so is its variance, the charging precision. The exact curve is
# dense; the circuits' points sit on it within the Trotter error and shot noise.

# %%
model = qbc.build_model("syk", N=4, seed=1)
circuit_times = np.linspace(0, T_FINAL, 5 if QUICK else 9)
res = qbc.run(model, "aer-ideal", circuit_times, shots=2000 if QUICK else 20000, seed=1)
dense = qbc.exact(model, np.linspace(0, T_FINAL, POINTS))
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
axes[0].plot(dense.times, dense.energy, "k-", label="exact")
axes[0].errorbar(circuit_times, res.measured["energy"], yerr=res.measured["energy_stderr"], fmt="o",
                 label="circuits on aer-ideal (+- 1 standard error)")
axes[0].set(xlabel="t [1/omega0]", ylabel="W(t) [omega0]", title="complex SYK, N = 4, one realisation")
axes[0].legend()
axes[1].plot(dense.times, dense.series["energy_variance"], "k-", label="exact")
axes[1].errorbar(circuit_times, res.measured["energy_variance"], yerr=res.measured["energy_variance_stderr"],
                 fmt="o", label="from the same Z counts")
axes[1].set(xlabel="t [1/omega0]", ylabel="Delta E_B^2 [omega0^2]", title="charging precision")
axes[1].legend()
fig.tight_layout()
fig.savefig(OUT / "circuits.png", dpi=120, bbox_inches="tight")
summary["circuits"] = {"trotter_error": res.trotter_error, "deviation": res.deviation}
print(f"circuits: Trotter error {res.trotter_error['max']:.2e} omega0, deviation from exact "
      f"{res.deviation['max']:.2e} omega0")

# %%
summary["seconds"] = time.monotonic() - start
write_json(OUT / "summary.json", summary)
print(f"wrote {OUT}/charging.png, power_against_N.png, circuits.png and summary.json ({summary['seconds']:.0f} s)")
