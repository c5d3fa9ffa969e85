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
# # Seed 002: a driven charger and a battery in boson or fermion reservoirs
#
# Wang, Yu and Wang, *Driven-dissipative quantum battery with nonequilibrium reservoirs*
# (2023). A charger qubit, driven by a classical field of strength F, exchanges
# excitations with a battery qubit at rate $\lambda$; each qubit couples through
# $\sigma_x$ to its own reservoir. In the frame of the drive (their Eq. 1; energies and
# rates in units of $\lambda$):
#
# $$H_s = \frac{\Delta_1}{2}\sigma_z^{(1)} + \frac{\Delta_2}{2}\sigma_z^{(2)}
#   + \lambda\left(\sigma_+^{(1)}\sigma_-^{(2)} + \mathrm{h.c.}\right) + \frac F2\sigma_x^{(1)},$$
#
# with $\Delta = \Delta_1 - \Delta_2$ and zero mean detuning, as in every figure. The
# reservoirs have an Ohmic spectrum $J(\omega) = \alpha\,\omega\,e^{-\omega/\omega_c}$ with
# boson occupation $N(\omega) = 1/(e^{\omega/T} - 1)$ or fermion occupation
# $1/(e^{(\omega-\mu)/T} + 1)$; "non-equilibrium" means different temperatures (or
# chemical potentials) on the two sides, $\Delta T = T_1 - T_2$ around $\bar T$.
#
# **The master equation is the model's choice** (`equation`):
#
# * `redfield`: the Bloch-Redfield equation without secular approximation (Eqs. 18-24),
#   solved with `sec_cutoff = -1` (the model carries it as `model.sec_cutoff`);
# * `secular`: the dressed-state Lindblad equation (Eqs. 15-17), degenerate transitions
#   grouped; it agrees with Redfield's secular limit (tested);
# * `local`: the phenomenological Eq. (4), bare-frequency jumps.
#
# The figure of merit is the steady-state **efficiency** $P_{ss}$ = ergotropy / energy
# of the battery (Eqs. 33-35), and the charger-battery concurrence.
#
# Conventions: qubit 0 is the battery (the paper's system 2) and qubit 1 the charger, so
# a bit string reads "charger battery" and the paper's $|eg\rangle$ (charger excited) is
# `10`; $|1\rangle = |e\rangle$ and the paper's $\sigma_z = -Z$. The paper's dissipators
# $2A\rho A^\dagger - \{A^\dagger A, \rho\}$ become this project's
# $A\rho A^\dagger - \{A^\dagger A,\rho\}/2$ at twice the rate. Parameters: $F = 0.5\lambda$,
# $\omega_c = 5\lambda$, $\alpha = 0.1\lambda$.
#
# **Readings taken** (model docstring): the reference keeps every term of the Born-Markov
# equation where the paper's Eq. (19) also drops counter-rotating pairs (they differ at
# order $\alpha$); the spectra are evaluated at the dressed Bohr frequencies in the drive's
# frame; a reservoir takes no part at zero frequency. Eq. (4) needs the laboratory
# frequencies, which the paper never gives, so its $P_{ss} \approx 0.94$ cannot be
# reproduced from the text.

# %%
import os
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import qbcircuit as qbc
from qbcircuit.io import write_json
from qbcircuit.models.driven_dissipative import resonant_efficiency, resonant_rate_ratio

QUICK = os.environ.get("QBC_QUICK", "0") not in ("", "0")  # small sizes, few points
OUT = Path(os.environ.get("QBC_RESULTS", "results")) / "driven_dissipative"
OUT.mkdir(parents=True, exist_ok=True)
start = time.time()
summary: dict = {"units": "energies and rates in lam"}


def solve(**params):
    """The steady state of the model with these parameters (Redfield without secular cut)."""
    model = qbc.build_model("driven-dissipative", **params)
    return qbc.steady_state(model, sec_cutoff=model.sec_cutoff)


# %% [markdown]
# The default model, and its steady state at resonance:

# %%
print(qbc.build_model("driven-dissipative").summary()["parameters"])
solve()

# %% [markdown]
# ## Figs. 2, 3, 5, 8, 9 and 10
#
# * **Fig. 2(a)**: the Liouvillian gap (the real part of its second eigenvalue: how fast
#   the steady state is reached) against $\Delta$. At resonance the kernel is degenerate
#   (the symmetry $\sigma_x^{(1)}\sigma_x^{(2)}$ survives: bistability) and the paper's gap
#   is zero there.
# * **Fig. 3(b, d)**: steady-state concurrence from $|eg\rangle$ and from
#   $(|eg\rangle + |ge\rangle)/\sqrt2$ (the steady state depends on the initial state where it is
#   degenerate).
# * **Fig. 5**: $P_{ss}$ over the initial state's angles $(\theta, \phi)$ at resonance; at
#   $\phi = 0$ it is the paper's Eq. (17).
# * **Figs. 8/9**: $P_{ss}$ over $(\Delta, \Delta T)$ for bosons at $\bar T = \lambda$, and at
#   equilibrium for a few $T$.
# * **Fig. 10**: $P_{ss}$ against $\Delta$ for fermions at $\mu = \pm 6\lambda$.

# %%
fig, axes = plt.subplots(2, 3, figsize=(15, 8.5))

deltas = np.linspace(-2, 2, 9 if QUICK else 41)
ax = axes[0, 0]
for label, kw in [("Redfield, dT = 0", dict(equation="redfield")),
                  ("Redfield, dT = lam", dict(equation="redfield", T1=1.5, T2=0.5)),
                  ("Eq. 4 (omega = 10 lam)", dict(equation="local"))]:
    # The paper's gap is Re of the second eigenvalue: zero where the kernel is degenerate.
    gaps = [r.gap if r.degeneracy == 1 else 0.0 for r in (solve(Delta=d, **kw) for d in deltas)]
    ax.plot(deltas, gaps, label=label)
ax.set(title="Fig. 2(a): Liouvillian gap, bosons", xlabel="Delta [lam]", ylabel="gap [lam]")
ax.legend(fontsize=8)

ax = axes[0, 1]
for label, theta in [("|eg>", 0.0), ("(|eg>+|ge>)/sqrt2", np.pi / 4)]:
    for dT, style in [(0.0, "-"), (1.0, "--"), (-1.0, ":")]:
        c = [solve(equation="redfield", Delta=d, theta=theta, T1=1 + dT / 2, T2=1 - dT / 2).figures["concurrence"]
             for d in deltas[::2]]
        ax.plot(deltas[::2], c, style, label=f"{label}, dT={dT:g}")
ax.set(title="Fig. 3(b, d): steady-state concurrence", xlabel="Delta [lam]", ylabel="C")
ax.legend(fontsize=7)

ax = axes[0, 2]
n_angles = 7 if QUICK else 25
thetas, phis = np.linspace(0, np.pi, n_angles), np.linspace(0, 2 * np.pi, n_angles)
grid = np.array([[solve(theta=t, phi=p).figures["efficiency"] for t in thetas] for p in phis])
mesh = ax.contourf(thetas, phis, grid, 20)
fig.colorbar(mesh, ax=ax)
model = qbc.build_model("driven-dissipative")
r = resonant_rate_ratio(**model.parameters)
eq17 = resonant_efficiency(0.5, 1.0, 1.0, r)
summary["fig5_max_P_ss"] = float(grid.max())
summary["fig5_eq17_at_theta_pi4_phi0"] = float(eq17)
print(f"Fig. 5: largest P_ss over (theta, phi) {grid.max():.6f}; Eq. (17) at theta = pi/4, phi = 0: {eq17:.6f}")
ax.set(title=f"Fig. 5: P_ss at resonance (max {grid.max():.3f}; Eq. 17: {eq17:.3f})", xlabel="theta", ylabel="phi")

ax = axes[1, 0]
dgrid = np.linspace(-4, 4, 5 if QUICK else 17)
tgrid = np.linspace(-1.8, 1.8, 3 if QUICK else 10)
p = np.array([[solve(equation="redfield", Delta=d, T1=1 + dt / 2, T2=1 - dt / 2).figures["efficiency"] for d in dgrid]
              for dt in tgrid])
mesh = ax.contourf(dgrid, tgrid, p, 20)
fig.colorbar(mesh, ax=ax)
summary["fig9_max_P_ss"] = float(p.max())
print(f"Fig. 9: largest P_ss over (Delta, Delta T), bosons: {p.max():.4f}")
ax.set(title=f"Fig. 9: P_ss, bosons, T-bar = lam (max {p.max():.3f})", xlabel="Delta [lam]", ylabel="Delta T [lam]")

ax = axes[1, 1]
for T in (0.5, 1.0, 2.0):
    ax.plot(dgrid, [solve(equation="redfield", Delta=d, T1=T, T2=T).figures["efficiency"] for d in dgrid], label=f"T = {T:g}")
ax.set(title="Fig. 8 (F = 0.5 lam): P_ss, equilibrium bosons", xlabel="Delta [lam]", ylabel="P_ss")
ax.legend(fontsize=8)

ax = axes[1, 2]
for mu in (-6.0, 6.0):
    ax.plot(dgrid, [solve(equation="redfield", reservoir="fermion", mu1=mu, mu2=mu, Delta=d).figures["efficiency"]
                    for d in dgrid], label=f"mu = {mu:g} lam")
ax.set(title="Fig. 10: P_ss, equilibrium fermions, T = lam", xlabel="Delta [lam]", ylabel="P_ss")
ax.legend(fontsize=8)

fig.tight_layout()
fig.savefig(OUT / "figures.png", dpi=130, bbox_inches="tight")
summary["runtime_s"] = time.time() - start
write_json(OUT / "summary.json", summary)
print(f"wrote {OUT / 'figures.png'} and summary.json in {summary['runtime_s']:.0f} s")

# %% [markdown]
# In full mode the largest efficiency of Fig. 5's grid equals Eq. (17) at
# $\theta = \pi/4$, $\phi = 0$ to $10^{-15}$: the exact resonant steady state is the paper's
# closed form. The
# same figures come as sweeps, e.g. Fig. 7(a):
# `qbc sweep driven-dissipative -p T1=0.1:5:50 -p T2=0.1:5:50 --zip T1,T2 -p theta=0.7853981633974483 --steady-state --plot efficiency`
# (the [sweep tutorial](sweep_star_network.py)).
