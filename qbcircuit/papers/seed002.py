"""Seed 002: Wang, Yu, Wang, "Driven-dissipative quantum battery with nonequilibrium
reservoirs" (2023). Model ``driven-dissipative``.

Parameters as the paper's figures: F = 0.5 lam, omega_c = 5 lam, alpha_1 = alpha_2 = 0.1 lam,
zero mean detuning, T-bar = lam; the Redfield equation without secular approximation
(``equation = redfield``) unless the entry says otherwise. The paper's Bell state
(|eg> + |ge>)/sqrt 2 is theta = pi/4, phi = 0.
"""

from __future__ import annotations

import numpy as np

from qbcircuit.models import build_model
from qbcircuit.papers.compute import steady, steady_figure
from qbcircuit.papers.registry import NOT_REPRODUCIBLE, entry_maker

PAPER = "002"
MODEL = "driven-dissipative"
BELL = {"theta": float(np.pi / 4)}


def P(equation: str = "redfield", **params) -> float:
    return steady_figure(MODEL, "efficiency", equation=equation, **params)


def C(equation: str = "redfield", **params) -> float:
    return steady_figure(MODEL, "concurrence", equation=equation, **params)


def temps(dT: float) -> dict:
    return {"T1": 1.0 + dT / 2, "T2": 1.0 - dT / 2}


def fermions(mu: float, dmu: float = 0.0) -> dict:
    return {"reservoir": "fermion", "mu1": mu + dmu / 2, "mu2": mu - dmu / 2}


def eigenvalue_error() -> float:
    """max |eigenvalues of H_s - (+-omega_+, +-omega_-)|, Eqs. (6)-(7), F = 0.5, lam = 1."""
    h = build_model(MODEL).hamiltonian.to_matrix()
    w_plus, w_minus = (np.hypot(1.0, 0.5) + 1) / 2, (np.hypot(1.0, 0.5) - 1) / 2
    expected = np.sort([w_plus, w_minus, -w_minus, -w_plus])
    return float(np.max(np.abs(np.linalg.eigvalsh(h) - expected)))


def bell_tomography_symmetry() -> float:
    """max spread of (|rho_ee,ee|, |rho_gg,gg|, |rho_ee,gg|) in the resonant steady state from
    the Bell state, Delta T = lam (Fig. 3(c))."""
    from qbcircuit.reference import steady_state

    rho = steady_state(build_model(MODEL, equation="redfield", **temps(1.0), **BELL)).state
    # bit strings "charger battery": ee = 11 (3), gg = 00 (0)
    values = [abs(rho[3, 3]), abs(rho[0, 0]), abs(rho[3, 0])]
    return float(np.ptp(values))


_n = entry_maker(PAPER)


RF = "exact steady state of the Redfield equation (no secular cut), from the model's initial state"
EXACT = 1e-8

ENTRIES = [
    _n("eq7-eigenvalues", "Eqs. (6)-(7)", "max |eig(H_s) - (+-omega_+, +-omega_-)|, omega_+- = (sqrt(lam^2+F^2) +- lam)/2",
       "0", eigenvalue_error, 0.0, "eigenvalues of the model's H_s (Delta = 0, F = 0.5 lam)", tol=EXACT,
       value_tolerance=EXACT, parameters=dict(F=0.5, Delta=0.0)),
    _n("fig5-max", "Fig. 5, Sec. 4", "P_ss at theta = pi/4, phi = 0, equilibrium bosons: 'P_ss ~ 0.23'", "0.23",
       lambda: P(**BELL), 0.22684807620289213, RF, parameters=dict(theta="pi/4", phi=0.0)),
    _n("fig5-separable", "Fig. 5, Sec. 4", "max over theta = 0, pi/2, pi of P_ss: 'always zero' for separable states",
       "0", lambda: max(P(theta=t) for t in (0.0, np.pi / 2, np.pi)), 0.0, RF, tol=EXACT, value_tolerance=EXACT,
       parameters=dict(theta=(0, "pi/2", "pi"))),
    _n("fig5-phase", "Fig. 5, Sec. 4", "P_ss at theta = pi/4, phi = pi/2: 'still zero'", "0",
       lambda: P(theta=np.pi / 4, phi=np.pi / 2), 0.0, RF, tol=EXACT, value_tolerance=EXACT,
       parameters=dict(theta="pi/4", phi="pi/2")),
    _n("fig5-phi-pi", "Fig. 5, Sec. 4", "|P_ss(phi = pi) - P_ss(phi = 0)| at theta = pi/4: 'phi = 0 or phi = pi'", "0",
       lambda: abs(P(theta=np.pi / 4, phi=np.pi) - P(**BELL)), 0.0, RF, tol=EXACT, value_tolerance=EXACT,
       parameters=dict(theta="pi/4", phi=(0, "pi"))),
    _n("eq4-independent", "Sec. 4, text", "spread of the Eq. (4) P_ss over (theta, phi) = (0,0), (pi/4,0), (1,2): 'for "
       "arbitrary theta and phi'", "0",
       lambda: float(np.ptp([P("local", theta=t, phi=p) for t, p in ((0, 0), (np.pi / 4, 0), (1.0, 2.0))])), 0.0,
       "exact steady state of Eq. (4) (local Lindblad equation)", tol=EXACT, value_tolerance=EXACT,
       parameters=dict(equation="local")),
    _n("eq4-094", "Sec. 4, text", "P_ss of Eq. (4), equilibrium bosons: 'P_ss ~ 0.94'", "0.94",
       lambda: max(P("local", omega=w) for w in np.linspace(2, 14, 13)), 0.538803944660027,
       "largest Eq. (4) P_ss over the battery's laboratory frequency omega = 2..14 lam", status=NOT_REPRODUCIBLE,
       reading="Eq. (4) with the Ohmic J(omega_i) of Eq. (37) at the laboratory frequencies omega_2 = omega, "
               "omega_1 = omega + Delta, which the paper never states",
       evidence="no frequency reaches 0.94: the efficiency peaks at 0.539 near omega = 6 lam (0.400 at "
                "omega = 10 lam)", parameters=dict(equation="local", omega="2..14")),
    _n("fig2-bistable", "Fig. 2, Sec. 3", "dimension of the Liouvillian kernel at Delta = 0 (Redfield): 'the gap "
       "closes ... bistability'", "2", lambda: float(steady(MODEL, equation="redfield").degeneracy), 2.0,
       "eigenvalues of the Redfield generator", tol=0.0, value_tolerance=0.0, parameters=dict(Delta=0.0)),
    _n("fig2-gap-small-delta", "Fig. 2, Sec. 3", "Liouvillian gap at Delta = 0.01 lam: closes continuously (as Delta^2)",
       "below 1e-4", lambda: steady(MODEL, equation="redfield", Delta=0.01).gap, 4.974628159731058e-06,
       "smallest non-zero decay rate of the Redfield generator", target=1e-4, tol=0.0, comparison="below",
       value_tolerance=1e-10, parameters=dict(Delta=0.01)),
    _n("fig2-eq4-gap", "Fig. 2, Sec. 3", "Liouvillian gap of Eq. (4) at Delta = 0: 'always nonzero'", "positive",
       lambda: steady(MODEL, equation="local").gap, 0.16352061147567035, "as above, for Eq. (4)", target=0.0, tol=1e-3,
       comparison="above", parameters=dict(equation="local", Delta=0.0)),
    _n("fig3b-resonant-zero", "Fig. 3(b), Sec. 3", "C_ss from |eg> at Delta = 0, Delta T = lam: 'C = 0 at Delta = 0'",
       "0", lambda: C(**temps(1.0)), 0.0, RF, tol=EXACT, value_tolerance=EXACT, parameters=dict(Delta=0.0, dT=1.0)),
    _n("fig3b-off-resonance", "Fig. 3(b), Sec. 3", "C_ss from |eg> at Delta = lam, Delta T = 0: 'a non-zero "
       "entanglement emerges'", "positive", lambda: C(Delta=1.0), 0.08290168725286473, RF, target=0.0, tol=1e-6,
       comparison="above", parameters=dict(Delta=1.0, dT=0.0)),
    _n("fig3b-nonequilibrium", "Fig. 3(b), Sec. 3", "min over Delta T = +-lam of C_ss - C_ss(Delta T = 0), Delta = lam: "
       "'higher than that for Delta T = 0'", "positive",
       lambda: min(C(Delta=1.0, **temps(d)) for d in (1.0, -1.0)) - C(Delta=1.0), 0.04917298814423149, RF,
       target=0.0, tol=0.0, comparison="above", parameters=dict(Delta=1.0, dT=(-1.0, 0.0, 1.0))),
    _n("fig3d-resonant-bell", "Fig. 3(d), Sec. 3", "C_ss from (|eg> + |ge>)/sqrt2 at Delta = 0, Delta T = lam: "
       "'a non-zero steady state entanglement'", "positive", lambda: C(**temps(1.0), **BELL), 0.44216102992403117,
       RF, target=0.0, tol=1e-6, comparison="above", parameters=dict(Delta=0.0, dT=1.0, theta="pi/4")),
    _n("fig3c-symmetry", "Fig. 3(c), Sec. 3", "spread of |rho_ee,ee|, |rho_gg,gg|, |rho_ee,gg| (Bell state, Delta = 0, "
       "Delta T = lam): 'we observe |rho_ee,ee| = |rho_gg,gg| = |rho_ee,gg|'", "0", bell_tomography_symmetry, 0.0,
       "the exact steady state's matrix elements", tol=EXACT, value_tolerance=EXACT,
       parameters=dict(Delta=0.0, dT=1.0, theta="pi/4")),
    _n("fig4-fermion-eg", "Sec. 3, text", "max over Delta = -2..2 lam of C_ss from |eg>, fermions (T = lam, mu-bar = "
       "2 lam): 'smaller than 0.01 even under the resonant driving'", "below 0.01",
       lambda: max(C(Delta=d, **fermions(2.0)) for d in np.linspace(-2, 2, 9)), 0.0, RF, target=0.01, tol=0.0,
       comparison="below", parameters=dict(reservoir="fermion", mu=2.0, Delta="-2..2")),
    _n("fig4-fermion-bell-resonant", "Fig. 4, Sec. 3", "C_ss from the Bell state at Delta = 0, fermions: 'a considerable "
       "entanglement'", "positive", lambda: C(**fermions(2.0), **BELL), 0.3707033184832761, RF, target=0.1, tol=0.0,
       comparison="above", reading="'considerable': above 0.1",
       parameters=dict(reservoir="fermion", mu=2.0, theta="pi/4")),
    _n("fig4-fermion-bell-detuned", "Fig. 4, Sec. 3", "max over Delta = +-0.5, +-1, +-2 lam of C_ss from the Bell state, "
       "fermions: 'a zero concurrence under the non-resonant driving'", "0",
       lambda: max(C(Delta=d, **fermions(2.0), **BELL) for d in (-2, -1, -0.5, 0.5, 1, 2)), 0.0, RF, tol=EXACT,
       value_tolerance=EXACT, parameters=dict(reservoir="fermion", mu=2.0, theta="pi/4")),
    _n("fig4-fermion-dmu", "Fig. 4, Sec. 3", "C_ss(Delta mu = 2 lam) - C_ss(Delta mu = 0), Bell state, Delta = 0: 'the "
       "non-equilibrium ... weakens the entanglement'", "negative",
       lambda: C(**fermions(2.0, 2.0), **BELL) - C(**fermions(2.0), **BELL), -0.06806271452151869, RF, target=0.0,
       tol=0.0, comparison="below", parameters=dict(reservoir="fermion", mu=2.0, dmu=(0.0, 2.0), theta="pi/4")),
    _n("fig6-efficiency-equilibrium", "Fig. 6(a), Sec. 4", "P_ss(Delta T = 0) - max over Delta T = +-0.5, +-1 lam "
       "(Bell state, Delta = 0): 'maximum values at the equilibrium situation'", "positive",
       lambda: P(**BELL) - max(P(**temps(d), **BELL) for d in (-1.0, -0.5, 0.5, 1.0)), 0.0012413195752265801, RF,
       target=0.0, tol=0.0, comparison="above", parameters=dict(theta="pi/4", dT="-1..1")),
    _n("fig6-concurrence-equilibrium", "Fig. 6(b), Sec. 4", "C_ss(Delta T = 0) - max over Delta T = +-0.5, +-1 lam",
       "positive", lambda: C(**BELL) - max(C(**temps(d), **BELL) for d in (-1.0, -0.5, 0.5, 1.0)),
       0.0024826297355579063, RF, target=0.0, tol=0.0, comparison="above", parameters=dict(theta="pi/4", dT="-1..1")),
    _n("fig6-eq4-higher", "Fig. 6, Sec. 4", "P_ss(Eq. 4) - P_ss(Redfield, Bell state), equilibrium: 'the efficiency based "
       "on Eq. (4) is higher'", "positive", lambda: P("local") - P(**BELL), 0.17305422394397543,
       RF + "; Eq. (4) at omega = 10 lam", target=0.0, tol=0.0, comparison="above",
       reading="Eq. (4) at the model's default laboratory frequency omega = 10 lam (the paper gives none)",
       parameters=dict(theta="pi/4", omega=10.0)),
    _n("fig7a-temperature", "Fig. 7(a), Sec. 4", "largest step of P_ss along T1 = T2 = T = 0.2..5 lam (Bell state): 'the "
       "high temperature will suppress the efficiency'", "decreasing",
       lambda: float(np.max(np.diff([P(T1=T, T2=T, **BELL) for T in np.linspace(0.2, 5, 7)]))), -0.009382083045401772,
       RF, target=0.0, tol=0.0, comparison="below", parameters=dict(theta="pi/4", T="0.2..5")),
    _n("fig8-blue-side", "Fig. 8, Sec. 5.1", "P_ss(Delta = 2 lam) - P_ss(Delta = -2 lam) from |eg>, equilibrium bosons: "
       "'maximum value for Delta > 0'", "positive", lambda: P(Delta=2.0) - P(Delta=-2.0), 0.591828499125055, RF,
       target=0.0, tol=0.0, comparison="above", parameters=dict(Delta=(-2.0, 2.0))),
    _n("fig9-corner", "Fig. 9, Sec. 5.1", "P_ss at the top right corner (Delta = 4 lam, Delta T = lam), from |eg>",
       "0.93", lambda: P(Delta=4.0, **temps(1.0)), 0.9339137947322188, RF,
       reading="the corner of a panel with Delta in [-4, 4] lam and Delta T in [-1, 1] lam (T-bar = lam; the axes "
               "are not in the text)", parameters=dict(Delta=4.0, dT=1.0)),
    _n("fig10-positive-mu", "Fig. 10, Sec. 5.2", "P_ss(Delta = -3 lam) - P_ss(Delta = 3 lam), fermions mu = 6 lam: "
       "'Delta < 0 for mu > 0'", "positive",
       lambda: P(Delta=-3.0, **fermions(6.0)) - P(Delta=3.0, **fermions(6.0)), 0.8381030868649105, RF, target=0.0,
       tol=0.0, comparison="above", parameters=dict(reservoir="fermion", mu=6.0, Delta=(-3.0, 3.0))),
    _n("fig10-negative-mu", "Fig. 10, Sec. 5.2", "P_ss(Delta = 3 lam) - P_ss(Delta = -3 lam), fermions mu = -6 lam: "
       "'Delta > 0 for mu < 0'", "positive",
       lambda: P(Delta=3.0, **fermions(-6.0)) - P(Delta=-3.0, **fermions(-6.0)), 0.8375327493294687, RF, target=0.0,
       tol=0.0, comparison="above", parameters=dict(reservoir="fermion", mu=-6.0, Delta=(-3.0, 3.0))),
    _n("fig11c", "Fig. 11(c), Sec. 5.2", "min over Delta mu = -4, 0, 4 lam of P_ss(Delta = -3) - P_ss(Delta = 3), mu-bar "
       "= 6 lam: 'the optimal regime mainly locates at Delta < 0'", "positive",
       lambda: min(P(Delta=-3.0, **fermions(6.0, d)) - P(Delta=3.0, **fermions(6.0, d)) for d in (-4.0, 0.0, 4.0)),
       0.7748387668414015, RF, target=0.0, tol=0.0, comparison="above",
       parameters=dict(reservoir="fermion", mu=6.0, dmu=(-4, 0, 4))),
    _n("fig11d", "Fig. 11(d), Sec. 5.2", "min over Delta mu = -4, 0, 4 lam of P_ss(Delta = 3) - P_ss(Delta = -3), mu-bar "
       "= -6 lam: 'transferred to Delta > 0'", "positive",
       lambda: min(P(Delta=3.0, **fermions(-6.0, d)) - P(Delta=-3.0, **fermions(-6.0, d)) for d in (-4.0, 0.0, 4.0)),
       0.8371871899507806, RF, target=0.0, tol=0.0, comparison="above",
       parameters=dict(reservoir="fermion", mu=-6.0, dmu=(-4, 0, 4))),
    _n("sec6-fermion-93", "Sec. 6", "largest P_ss of fermion reservoirs over Delta = -4..4, F = 0.25, 0.5, 1 lam, "
       "mu = +-3, +-6 lam: 'a maximum efficiency which achieves 93%'", "at least 0.93",
       lambda: max(P(Delta=d, F=F, **fermions(m)) for m in (6.0, -6.0, 3.0, -3.0) for d in np.linspace(-4, 4, 9)
                   for F in (0.25, 0.5, 1.0)), 0.9537326318121229, RF, target=0.925, tol=0.0, comparison="above",
       reading="'achieves 93%': the largest value on the grid is at least 0.925",
       parameters=dict(reservoir="fermion", Delta="-4..4", F=(0.25, 0.5, 1.0), mu=(-6, -3, 3, 6))),
    _n("sec5-ratio", "Sec. 5, text", "largest non-resonant P_ss (Fig. 9 corner) / largest resonant one (Fig. 6): 'about "
       "3 - 4 times higher'", "3 - 4", lambda: P(Delta=4.0, **temps(1.0)) / P(**BELL), 4.116913003471669, RF, target=3.5, tol=1.0,
       reading="'about 3 - 4 times': a ratio that rounds to 3 or 4, i.e. in [2.5, 4.5]", parameters=dict()),
]
