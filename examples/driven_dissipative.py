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
# reproduced from the text (`qbc papers --paper 002` lists every number of the paper the
# project checks, with the reading and the evidence).
#
# **This tutorial** draws the paper's Figs. 2-7 (the resonant, bistable regime and the
# entanglement), each after the statement of the paper it illustrates, and cuts through
# Figs. 8-10; the two-dimensional maps of Figs. 8-11 are in the
# [maps tutorial](driven_dissipative_maps.py). Every point is an exact steady state of the
# Redfield equation (a few milliseconds each): full mode takes about a minute and a half
# here, quick mode (`QBC_QUICK=1`, coarse grids) about 15 s.

# %%
import os
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

import qbcircuit as qbc
from qbcircuit.io import write_json
from qbcircuit.models.driven_dissipative import resonant_efficiency, resonant_rate_ratio
from qbcircuit.reference import steady_state

QUICK = os.environ.get("QBC_QUICK", "0") not in ("", "0")  # small sizes, few points
OUT = Path(os.environ.get("QBC_RESULTS", "results")) / "driven_dissipative"
OUT.mkdir(parents=True, exist_ok=True)
start = time.time()
summary: dict = {"units": "energies, rates, temperatures and chemical potentials in lam"}
BELL = {"theta": np.pi / 4}  # (|eg> + |ge>)/sqrt2; theta = 0 (the default) is |eg>
# Delta grids with an even number of points never contain Delta = 0, the bistable point,
# which is drawn on its own (a marker, not joined to its neighbours).
DELTAS = np.linspace(-2, 2, 16 if QUICK else 200)


def solve(**params):
    """The exact steady state with these parameters; the paper's Redfield equation (no
    secular cut: the model carries sec_cutoff = -1 and the reference honours it) unless
    `equation` says otherwise."""
    model = qbc.build_model("driven-dissipative", **{"equation": "redfield", **params})
    return qbc.steady_state(model, sec_cutoff=model.sec_cutoff)


def figure(name, **params) -> float:
    return float(solve(**params).figures[name])


def temps(dT, mean=1.0) -> dict:
    """Boson reservoirs at T-bar = mean with T1 - T2 = dT."""
    return {"T1": mean + dT / 2, "T2": mean - dT / 2}


def fermions(mu, dmu=0.0, T=1.0) -> dict:
    """Fermion reservoirs at mu-bar = mu with mu1 - mu2 = dmu, both at temperature T."""
    return {"reservoir": "fermion", "mu1": mu + dmu / 2, "mu2": mu - dmu / 2, "T1": T, "T2": T}


STYLES = [("-", "o"), ("--", "s"), ("-.", "^"), (":", "D"), ((0, (5, 1, 1, 1)), "v")]


def draw(ax, xs, curves, zero=None):
    """Curves (label, ys) in distinct line styles with sparse, staggered markers; a curve
    equal to an earlier one (to 1e-9) says so in its label. zero: the value of each curve
    at Delta = 0, drawn as a lone filled marker (the bistable point)."""
    every = max(1, len(xs) // 8)
    for i, (label, ys) in enumerate(curves):
        ys = np.asarray(ys, float)
        same = [lab for lab, other in curves[:i] if np.allclose(other, ys, rtol=0, atol=1e-9)]
        if same:
            label += f" (on top of {same[0]})"
        ls, marker = STYLES[i % len(STYLES)]
        line, = ax.plot(xs, ys, ls=ls, marker=marker, markevery=(i * every // len(curves), every), mfc="none",
                        ms=5, label=label)
        if zero is not None:
            ax.plot(0.0, zero[i], marker, color=line.get_color(), ms=9, mec="k", zorder=5)
    if zero is not None:
        ax.plot([], [], "o", color="0.6", mec="k", ms=8,
                label="filled markers: Delta = 0 itself (bistable point, not joined to the curve)")


def below(ax, ncol=2):
    """The legend under the axes, where it hides no curve."""
    ax.legend(fontsize=7, ncol=ncol, loc="upper center", bbox_to_anchor=(0.5, -0.14))


def delta_axis(ax, ylabel, title):
    ax.set(xlabel=r"detuning $\Delta = \Delta_1 - \Delta_2$ [$\lambda$]", ylabel=ylabel, title=title)
    below(ax)


# %% [markdown]
# The model with the paper's parameters and equation, and its steady state at resonance
# from $|eg\rangle$ (the kernel is two-dimensional: `degeneracy=2`):

# %%
print(qbc.build_model("driven-dissipative", equation="redfield").summary()["parameters"])
solve()

# %% [markdown]
# ## Fig. 2: the Liouvillian gap
#
# The paper (Sec. 3): *"the Liouvillian gap behaves similarly for different nonequilibrium
# natures, that is, the temperature difference $\Delta T$ for the boson reservoirs and the
# chemical potential difference $\Delta\mu$ for the fermion reservoirs. [...] the
# phenomenological master equation [Eq. (4)] show[s] that the Liouvillian gap is always
# nonzero [...] for the Redfield master equation [...] the Liouvillian gap closes when
# $\Delta_1 = \Delta_2 = 0$."* (a) bosons, $\bar T = \lambda$; (b) fermions,
# $T_1 = T_2 = \lambda$, $\bar\mu = 2\lambda$.
#
# **Reproduced** (`qbc papers --paper 002`: `002-fig2-*`): the Redfield gap closes
# continuously (as $\Delta^2$) and is zero at $\Delta = 0$, where the kernel is
# two-dimensional (the paper's gap is the real part of the second eigenvalue, zero there);
# the curves for the three values of $\Delta T$ (or $\Delta\mu$) differ little, those for
# $\Delta\mu$ hardly at all; Eq. (4) (at the laboratory frequency $\omega = 10\lambda$, a
# reading: the paper gives none) keeps a gap of about $0.16\lambda$.

# %%
def gap(**params) -> float:
    r = solve(**params)
    return r.gap if r.degeneracy == 1 else 0.0  # the second eigenvalue is zero on a degenerate kernel


fig, axes = plt.subplots(1, 2, figsize=(12, 4.3))
for ax, label, cases, title in [
        (axes[0], "Delta T", [(dT, temps(dT)) for dT in (0.0, 1.0, -1.0)], r"(a) bosons, $\bar T = \lambda$"),
        (axes[1], "Delta mu", [(dm, fermions(2.0, dm)) for dm in (0.0, 2.0, -2.0)],
         r"(b) fermions, $T = \lambda$, $\bar\mu = 2\lambda$")]:
    curves = [(f"Redfield, {label} = {v:g} lam", [gap(Delta=d, **kw) for d in DELTAS]) for v, kw in cases]
    draw(ax, DELTAS, curves, zero=[gap(Delta=0.0, **kw) for _, kw in cases])
    local = [gap(equation="local", Delta=d, **cases[0][1]) for d in DELTAS]
    ax.plot(DELTAS, local, "k-", lw=1, label=f"Eq. (4), {label} = 0 (omega = 10 lam)")
    spread = float(np.ptp([ys for _, ys in curves], axis=0).max())
    delta_axis(ax, r"Liouvillian gap $|\mathrm{Re}\,\lambda_1|$ [$\lambda$]",
               f"Fig. 2{title}\nRedfield curves differ by at most {spread:.1e} lam")
    summary[f"fig2_{label.replace(' ', '')}_gap_at_Delta_0.01"] = gap(Delta=0.01, **cases[0][1])
fig.tight_layout()
fig.savefig(OUT / "fig2_gap.png", dpi=130, bbox_inches="tight")

# %% [markdown]
# ## Fig. 3: the steady state's tomography and concurrence, boson reservoirs
#
# (a), (c): $|\rho_{ij}|$ of the resonant steady state ($\Delta = 0$, $\Delta T = \lambda$) from
# $|eg\rangle$ and from $(|eg\rangle + |ge\rangle)/\sqrt2$, in the paper's basis order
# $ee, eg, ge, gg$ (bit strings 11, 10, 01, 00). The paper: from $|eg\rangle$ *"the population
# exhibits an uniform distribution and there exists some minor coherence"*; from the Bell
# state *"$|\rho_{ee,ee}| = |\rho_{gg,gg}| = |\rho_{ee,gg}|$, $|\rho_{eg,eg}| = |\rho_{gg,ge}| =
# |\rho_{eg,ge}|$ [...] and this symmetry leads to a non-zero steady state entanglement for
# $\Delta = 0$"*. **Reproduced** (every population 1/4 and coherences of 0.06 and 0.11 from
# $|eg\rangle$; from the Bell state the first equality holds to $10^{-8}$,
# `002-fig3c-symmetry`, and the second with the printed $\rho_{gg,ge}$ read as $\rho_{ge,ge}$:
# 0.139 each, while $|\rho_{gg,ge}|$ itself is a coherence of 0.055).
#
# (b), (d): the concurrence against $\Delta$ for $\Delta T = 0$, $\lambda$, $-\lambda$. The paper:
# *"C = 0 at $\Delta = 0$ [from $|eg\rangle$] [...] Away from the resonant driving a non-zero
# entanglement emerges and the non-equilibrium nature of the reservoir can enhance the
# steady entanglement"*, $\Delta T = \pm\lambda$ above $\Delta T = 0$. **Reproduced**
# (`002-fig3b-*`, `002-fig3d-*`). Off resonance the steady state is unique, so (b) and (d)
# are the same curves there; only the lone points at $\Delta = 0$ differ (zero from
# $|eg\rangle$, about 0.44 from the Bell state).

# %%
BASIS = ["ee", "eg", "ge", "gg"]
ORDER = [3, 2, 1, 0]  # the paper's |ee>, |eg>, |ge>, |gg> are the bit strings 11, 10, 01, 00
fig, axes = plt.subplots(2, 2, figsize=(12, 10))
for row, (name, start_params) in enumerate([("|eg>", {}), ("(|eg>+|ge>)/sqrt2", BELL)]):
    ax = axes[row, 0]
    rho = steady_state(qbc.build_model("driven-dissipative", equation="redfield", **temps(1.0), **start_params)).state
    tomo = np.abs(np.asarray(rho))[np.ix_(ORDER, ORDER)]
    image = ax.imshow(tomo, cmap="viridis", vmin=0, vmax=0.4)
    for i in range(4):
        for j in range(4):
            ax.text(j, i, f"{tomo[i, j]:.3f}", ha="center", va="center", color="w" if tomo[i, j] < 0.25 else "k")
    ax.set(xticks=range(4), xticklabels=BASIS, yticks=range(4), yticklabels=BASIS, xlabel="column j", ylabel="row i",
           title=f"Fig. 3({'ac'[row]}): $|\\rho_{{ij}}|$ from {name}, $\\Delta = 0$, $\\Delta T = \\lambda$")
    fig.colorbar(image, ax=ax, label=r"$|\rho_{ij}|$ (dimensionless)", shrink=0.8)
    summary[f"fig3{'ac'[row]}_abs_rho"] = tomo.round(6).tolist()
    ax = axes[row, 1]
    cases = [(dT, temps(dT)) for dT in (0.0, 1.0, -1.0)]
    curves = [(f"Delta T = {dT:g} lam", [figure("concurrence", Delta=d, **kw, **start_params) for d in DELTAS])
              for dT, kw in cases]
    at_zero = [figure("concurrence", Delta=0.0, **kw, **start_params) for _, kw in cases]
    draw(ax, DELTAS, curves, zero=at_zero)
    summary[f"fig3{'bd'[row]}_C_at_Delta_0"] = at_zero
    delta_axis(ax, r"steady-state concurrence $C_{ss}$ (dimensionless)", f"Fig. 3({'bd'[row]}): from {name}")
fig.tight_layout()
fig.savefig(OUT / "fig3.png", dpi=130, bbox_inches="tight")

# %% [markdown]
# ## Fig. 4: concurrence with fermion reservoirs
#
# The paper: from $|eg\rangle$ *"the concurrence for the steady state is smaller than 0.01
# even under the resonant driving. For the initial state $(|eg\rangle + |ge\rangle)/\sqrt2$,
# although it still yields a zero concurrence under the non-resonant driving, the resonant
# driving can induce a considerable entanglement [...] the non-equilibrium induced by the
# chemical potential difference [...] weakens the entanglement"* ($T = \lambda$,
# $\bar\mu = 2\lambda$). The caption does not give the axis; we draw (a) $C_{ss}$ against
# $\Delta$ (the resonant values as lone points) and (b) the resonant value against $\Delta\mu$.
# **Reproduced** (`002-fig4-*`): 0.37 at resonance and equilibrium, falling on both sides of
# $\Delta\mu = 0$; from $|eg\rangle$ below 0.01 everywhere; zero off resonance for
# $|\Delta| \ge 0.5\lambda$. Closer to resonance the exact curves are not quite zero: a
# narrow bump of height 0.007 ($\Delta\mu = 0$) and 0.03 ($\Delta\mu = -2\lambda$) within
# $|\Delta| < 0.5\lambda$, which the paper's "zero concurrence under the non-resonant driving"
# passes over (it stays far below the resonant values). Off resonance the steady state is
# unique, so the $|eg\rangle$ curve lies on the Bell state's there.

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.3))
dmus = (0.0, 2.0, -2.0)
curves = [(f"Bell state, Delta mu = {dm:g} lam", [figure("concurrence", Delta=d, **fermions(2.0, dm), **BELL)
                                                  for d in DELTAS]) for dm in dmus]
curves.append(("|eg>, Delta mu = 0", [figure("concurrence", Delta=d, **fermions(2.0)) for d in DELTAS]))
zero = [figure("concurrence", **fermions(2.0, dm), **BELL) for dm in dmus] + [figure("concurrence", **fermions(2.0))]
draw(axes[0], DELTAS, curves, zero=zero)
delta_axis(axes[0], r"$C_{ss}$ (dimensionless)", r"Fig. 4(a): fermions, $T = \lambda$, $\bar\mu = 2\lambda$")
grid_dmu = np.linspace(-6, 6, 13 if QUICK else 121)
resonant = [figure("concurrence", **fermions(2.0, dm), **BELL) for dm in grid_dmu]
axes[1].plot(grid_dmu, resonant, "-", label=r"Bell state, $\Delta = 0$")
axes[1].plot(grid_dmu, [figure("concurrence", **fermions(2.0, dm)) for dm in grid_dmu], "--", label=r"$|eg\rangle$, $\Delta = 0$")
axes[1].set(xlabel=r"$\Delta\mu = \mu_1 - \mu_2$ [$\lambda$]", ylabel=r"$C_{ss}$ (dimensionless)",
            title=r"Fig. 4(b): at resonance against $\Delta\mu$ ($\bar\mu = 2\lambda$)")
below(axes[1])
summary["fig4_C_resonant_bell_dmu0"] = zero[0]
fig.tight_layout()
fig.savefig(OUT / "fig4_fermion_concurrence.png", dpi=130, bbox_inches="tight")

# %% [markdown]
# ## Fig. 5: the efficiency over the initial state, at resonance
#
# $|\psi(0)\rangle = \cos\theta|eg\rangle + \sin\theta e^{i\phi}|ge\rangle$, equilibrium bosons at
# $T = \lambda$. The paper: *"for the separated states ($\theta = 0, \pi/2$ and $\pi$), the
# efficiency is always zero [...] For $\phi = \pi/2$ [...] still zero. However, for
# $\phi = 0$ or $\phi = \pi$ [...] a maximum efficiency $P_{ss} \approx 0.23$"*.
# **Reproduced** (`002-fig5-*`): the largest value of the grid is 0.2268, at
# $\theta = \pi/4$, $\phi = 0$ and $\pi$. The white cross marks the closed form, this
# project's reading of the paper's Eq. (17),
# $P_{ss} = (F/M)\,|\langle\sigma_x^{(1)}\sigma_x^{(2)}\rangle_0|\,(1-r)/(1+r)$, at
# $\theta = \pi/4$, $\phi = 0$. The paper's other number here, $P_{ss} \approx 0.94$ from
# Eq. (4) for any initial state, is **not reproducible** from the text (the laboratory
# frequencies are not given; see `qbc papers --paper 002`, entry `002-eq4-094`).

# %%
n_angles = 9 if QUICK else 61
thetas, phis = np.linspace(0, np.pi, n_angles), np.linspace(0, 2 * np.pi, n_angles)
grid = np.array([[figure("efficiency", theta=t, phi=p) for t in thetas] for p in phis])
model = qbc.build_model("driven-dissipative")
closed = resonant_efficiency(0.5, 1.0, 1.0, resonant_rate_ratio(**model.parameters))
summary["fig5_max_P_ss"] = float(grid.max())
summary["fig5_closed_form_at_theta_pi4_phi0"] = float(closed)
print(f"Fig. 5: largest P_ss over (theta, phi) {grid.max():.6f}; closed form at theta = pi/4, phi = 0: {closed:.6f}")
fig, ax = plt.subplots(figsize=(6.5, 5))
mesh = ax.contourf(thetas / np.pi, phis / np.pi, grid, 20)
fig.colorbar(mesh, ax=ax, label=r"$P_{ss}$ = ergotropy / energy (dimensionless)")
ax.plot(0.25, 0.0, "wX", ms=10, clip_on=False, label=f"closed form {closed:.4f}")
ax.set(xlabel=r"$\theta$ [$\pi$ rad]", ylabel=r"$\phi$ [$\pi$ rad]",
       title=f"Fig. 5: $P_{{ss}}$ at resonance, bosons, $T = \\lambda$ (max {grid.max():.4f})\n"
             "cross: closed form (this project's reading of Eq. 17; see qbc papers)")
ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.12))
fig.tight_layout()
fig.savefig(OUT / "fig5_initial_state.png", dpi=130, bbox_inches="tight")

# %% [markdown]
# ## Fig. 6: efficiency and entanglement against the phase, nonequilibrium bosons
#
# $|\psi(0)\rangle = (|eg\rangle + e^{i\phi}|ge\rangle)/\sqrt2$, $\Delta = 0$, $\bar T = \lambda$,
# several $\Delta T$. The paper: *"the behaviors of the efficiency and the entanglement are
# positively related [...] both [...] reach their maximum values at the equilibrium situation
# with $\Delta T = 0$ for [$\phi$] $\neq 0.5\pi$, which otherwise keeps zero. [...] Eq. (4)
# show[s] its independence on $\phi$ [...] Although the efficiency based on Eq. (4) is higher
# [...] the steady state entanglement is not"*. **Reproduced** (`002-fig6-*`): both curves peak
# at $\phi = 0, \pi$, vanish at $\phi = \pi/2$, and are largest for $\Delta T = 0$ (by about
# $10^{-3}$: the $\Delta T$ curves lie close together); $\pm\Delta T$ give the same curves. Eq. (4)
# (at $\omega = 10\lambda$, a reading) is flat, above the Redfield efficiency and below its
# concurrence.

# %%
phi_grid = np.linspace(0, 2 * np.pi, 13 if QUICK else 181)
fig, axes = plt.subplots(1, 2, figsize=(12, 4.3))
for ax, name, symbol in [(axes[0], "efficiency", "P_{ss}"), (axes[1], "concurrence", "C_{ss}")]:
    curves = [(f"Delta T = {dT:g} lam", [figure(name, theta=np.pi / 4, phi=p, **temps(dT)) for p in phi_grid])
              for dT in (0.0, 1.0, -1.0, 0.5, -0.5)]
    draw(ax, phi_grid / np.pi, curves)
    local = figure(name, equation="local", theta=np.pi / 4)
    ax.axhline(local, color="k", lw=1, label=f"Eq. (4), Delta T = 0 (omega = 10 lam): {local:.3f}")
    ax.set(xlabel=r"phase $\phi$ [$\pi$ rad]", ylabel=f"${symbol}$ (dimensionless)",
           title=f"Fig. 6({'ab'[name == 'concurrence']}): ${symbol}$ (Redfield), $\\Delta = 0$, $\\bar T = \\lambda$")
    below(ax)
fig.tight_layout()
fig.savefig(OUT / "fig6_phase.png", dpi=130, bbox_inches="tight")

# %% [markdown]
# ## Fig. 7: the resonant efficiency against temperature and chemical potential
#
# Bell initial state, $\Delta = 0$, equilibrium. The paper: (a) *"the high temperature will
# suppress the efficiency"*; (b) fermions, $T = \lambda, 2\lambda, 3\lambda$: *"the efficiency
# drops off for a fixed $\mu$, which is not dependent of T. Moreover, as $\mu$ is positively or
# negatively higher enough, the efficiency will be saturated at a relatively large value
# for arbitrary temperature"*. **Reproduced** (`002-fig7a-temperature`): the efficiency falls
# with T; for fermions it vanishes at $\mu = M = \sqrt{F^2 + \lambda^2} \approx 1.12\lambda$ for
# every T (there $r = 1$ in the closed form) and saturates at $F/M = 0.447$ for large $|\mu|$.
# Dotted: the closed form (this project's reading of Eq. 17; see `qbc papers`). Its factor
# $(1 - r)/(1 + r)$ turns negative for $\mu > M$ (there the reservoirs invert the dressed
# populations, $r > 1$); the efficiency is its modulus, drawn here.

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.3))
T_grid = np.linspace(0.1, 5, 11 if QUICK else 99)
axes[0].plot(T_grid, [figure("efficiency", T1=T, T2=T, **BELL) for T in T_grid], "-", label="Redfield, exact")
axes[0].plot(T_grid, [resonant_efficiency(0.5, 1.0, 1.0, resonant_rate_ratio(**{**model.parameters, "T1": T, "T2": T}))
                      for T in T_grid], "k:", lw=2, label="closed form (this project's reading of Eq. 17)")
axes[0].set(xlabel=r"$T_1 = T_2 = T$ [$\lambda$]", ylabel=r"$P_{ss}$ (dimensionless)", title="Fig. 7(a): bosons")
below(axes[0])
mu_grid = np.linspace(-10, 10, 21 if QUICK else 201)
for i, T in enumerate((1.0, 2.0, 3.0)):
    ls = STYLES[i][0]
    ys = [figure("efficiency", **fermions(mu, T=T), **BELL) for mu in mu_grid]
    line, = axes[1].plot(mu_grid, ys, ls=ls, label=f"Redfield, T = {T:g} lam")
    closed_mu = [abs(resonant_efficiency(0.5, 1.0, 1.0, resonant_rate_ratio(**{**model.parameters, **fermions(mu, T=T)})))
                 for mu in mu_grid]
    axes[1].plot(mu_grid, closed_mu, ":", color="k", lw=1, label="|closed form| (this project's reading of Eq. 17)" if i == 0 else None)
axes[1].axvline(np.hypot(0.5, 1.0), color="0.6", lw=0.8, label=r"$\mu = M = \sqrt{F^2+\lambda^2}$")
axes[1].set(xlabel=r"$\mu_1 = \mu_2 = \mu$ [$\lambda$]", ylabel=r"$P_{ss}$ (dimensionless)", title="Fig. 7(b): fermions")
below(axes[1])
fig.tight_layout()
fig.savefig(OUT / "fig7_temperature_mu.png", dpi=130, bbox_inches="tight")

# %% [markdown]
# ## Figs. 8 to 11: off resonance
#
# The paper's Figs. 8-11 are two-dimensional maps of $P_{ss}$ from $|eg\rangle$ off resonance:
# they are drawn by the [next tutorial](driven_dissipative_maps.py). Below, a cut through each
# at $F = 0.5\lambda$, against $\Delta$: equilibrium bosons (Fig. 8, three temperatures),
# $\Delta T = \pm\lambda$ (Fig. 9), fermions at $\mu = \pm 6\lambda$ (Fig. 10). The resonant
# value (zero from the separable $|eg\rangle$) is the lone point at $\Delta = 0$.

# %%
fig, axes = plt.subplots(1, 3, figsize=(16, 4.3))
cases = [(axes[0], "Fig. 8 cut: equilibrium bosons, F = 0.5 lam", [(f"T = {T:g} lam", dict(T1=T, T2=T)) for T in (0.5, 1.0, 2.0)]),
         (axes[1], r"Fig. 9 cut: bosons, $\bar T = \lambda$", [(f"Delta T = {dT:g} lam", temps(dT)) for dT in (0.0, 1.0, -1.0)]),
         (axes[2], r"Fig. 10 cut: fermions, $T = \lambda$", [(f"mu = {mu:g} lam", fermions(mu)) for mu in (6.0, -6.0)])]
wide = np.linspace(-4, 4, 16 if QUICK else 200)
for ax, title, runs in cases:
    draw(ax, wide, [(label, [figure("efficiency", Delta=d, **kw) for d in wide]) for label, kw in runs],
         zero=[figure("efficiency", **kw) for _, kw in runs])
    delta_axis(ax, r"$P_{ss}$ (dimensionless)", title)
fig.tight_layout()
fig.savefig(OUT / "figs_8_to_10_cuts.png", dpi=130, bbox_inches="tight")
summary["fig9_corner_Delta4_dT1"] = figure("efficiency", Delta=4.0, **temps(1.0))
summary["runtime_s"] = time.time() - start
write_json(OUT / "summary.json", summary)
print(f"Fig. 9 corner (Delta = 4 lam, Delta T = lam): P_ss = {summary['fig9_corner_Delta4_dT1']:.4f} (paper: 0.93)")
print(f"wrote {OUT}/*.png and summary.json in {summary['runtime_s']:.0f} s")

# %% [markdown]
# In full mode this tutorial takes about a minute and a half here (one exact steady state
# costs a few milliseconds; about 12 000 of them). The same figures come as sweeps, e.g. Fig. 7(a):
# `qbc sweep driven-dissipative -p equation=redfield -p T1=0.1:5:50 -p T2=0.1:5:50 --zip T1,T2 -p theta=0.7853981633974483 --steady-state --plot efficiency`
# (the [sweep tutorial](sweep_star_network.py)).
