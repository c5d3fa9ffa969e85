"""Seed 003: Kamin, Salimi, Arjmandi, "Steady-state charging of quantum batteries via
dissipative ancillas", PRA 109, 022226 (2024). Model ``star-network``.

The paper prints no numbers, only the trends of its figures; each entry writes one claim as
a number that is positive (or zero) when it holds. W is the normalised steady-state ergotropy
(``ergotropy_ratio``). Parameters as Fig. 2: N = 3, omega0 = 10 gamma, omega = J = gamma.
"""

from __future__ import annotations

import numpy as np

from qbcircuit.models import InitialState, build_model
from qbcircuit.papers.compute import largest_step, smallest_step, steady, steady_curve, steady_figure
from qbcircuit.papers.registry import NOT_REPRODUCIBLE, entry_maker

PAPER = "003"
MODEL = "star-network"


def W(**params) -> float:
    return steady_figure(MODEL, "ergotropy_ratio", **params)


def along(parameter: str, values, **params) -> np.ndarray:
    return steady_curve(MODEL, "ergotropy_ratio", parameter, list(values), **params)


def onset(N: int, threshold: float = 0.01) -> float:
    """The smallest Delta mu on a 0.25-gamma grid where W exceeds ``threshold`` (mu = 0, T = 1)."""
    for d in np.arange(0.0, 20.01, 0.25):
        if W(N=N, mu=0.0, delta_mu=float(d)) > threshold:
            return float(d)
    return float("inf")


def dark_state_spread(N: int) -> float:
    """Spread of the battery's steady excited population over three initial states (empty,
    battery excited, one ancilla excited), collective bath, mu = 3 gamma."""
    from qbcircuit.reference import steady_state

    model = build_model(MODEL, bath="collective", N=N, mu=3.0)
    starts = ["0" * N, "0" * (N - 1) + "1", "1" + "0" * (N - 1)]
    pops = [steady_state(model, initial_state=InitialState.from_bitstring(b)).battery_state[1, 1].real for b in starts]
    return float(np.ptp(pops))


_n = entry_maker(PAPER)


SS = "exact steady state (unique for local baths; from the ground state for the collective bath)"
EXACT = 1e-9
COLL = {"bath": "collective"}

ENTRIES = [
    _n("fig2-zero", "Fig. 2, Sec. III.A", "max of W over mu = -2..1 gamma (collective bath, T = gamma): 'a value of zero "
       "when mu <= omega'", "0", lambda: float(np.max(along("mu", np.linspace(-2, 1, 7), **COLL))), 0.0, SS, tol=EXACT,
       value_tolerance=EXACT, parameters=dict(bath="collective", mu="-2..1", T=1.0)),
    _n("fig2-increasing", "Fig. 2, Sec. III.A", "smallest step of W along mu = 1.5..8 gamma (collective, T = gamma): 'a "
       "monotonically increasing function'", "increasing",
       lambda: smallest_step(along("mu", np.linspace(1.5, 8, 14), **COLL)), 0.001180262124672815, SS, target=0.0, tol=0.0,
       comparison="above", parameters=dict(bath="collective", mu="1.5..8", T=1.0)),
    _n("fig2-temperature", "Fig. 2, Sec. III.A", "largest step of W along T = 0.5, 1, 2, 4 gamma at mu = 3 gamma "
       "(collective): 'the increase in reservoir temperature leads to a reduction'", "decreasing",
       lambda: largest_step([W(mu=3.0, T=T, **COLL) for T in (0.5, 1.0, 2.0, 4.0)]), -0.20243342412005205, SS, target=0.0, tol=0.0,
       comparison="below", parameters=dict(bath="collective", mu=3.0, T=(0.5, 1, 2, 4))),
    _n("fig2-full-charge", "Fig. 2, Sec. III.A", "W at T = 0.05 gamma, mu = 8 gamma (collective): 'the full-charged "
       "quantum battery can be approached as T -> 0 at mu >> omega'", "1", lambda: W(mu=8.0, T=0.05, **COLL), 1.0, SS,
       tol=1e-3, reading="'approached': within 1e-3 of a full charge", parameters=dict(bath="collective", mu=8.0, T=0.05)),
    _n("fig3-increasing", "Fig. 3, Sec. III.B", "smallest step of W along Delta mu = 0..10 gamma for mu_1 = 1, 3 gamma "
       "(local baths, T = gamma): 'monotonically increases from its equilibrium value'", "increasing",
       lambda: min(smallest_step(along("delta_mu", np.linspace(0, 10, 11), mu=mu)) for mu in (1.0, 3.0)), 9.51899270074108e-06, SS,
       target=0.0, tol=0.0, comparison="above", parameters=dict(bath="local", mu=(1, 3), delta_mu="0..10", T=1.0)),
    _n("fig3-equilibrium-value", "Fig. 3, Sec. III.B", "|W(Delta mu = 0) - tanh((mu - omega)/2T)| at mu_1 = 3 gamma: "
       "the curves start at the equilibrium value of Fig. 2", "0",
       lambda: abs(W(mu=3.0, delta_mu=0.0) - np.tanh(1.0)), 0.0, SS + "; closed form of the equilibrium case",
       tol=EXACT, value_tolerance=EXACT, parameters=dict(bath="local", mu=3.0, delta_mu=0.0)),
    _n("fig3-mu8", "Fig. 3, Sec. III.B", "min of W over Delta mu = 0..10 gamma at mu_1 = 8 gamma: 'significantly "
       "maximized regardless of how large is Delta mu'", "above 0.99",
       lambda: float(np.min(along("delta_mu", np.linspace(0, 10, 11), mu=8.0))), 0.9981778976111982, SS, target=0.99, tol=0.0,
       comparison="above", reading="'maximized': above 0.99", parameters=dict(bath="local", mu=8.0, delta_mu="0..10")),
    _n("fig3-saturates", "Fig. 3, Sec. III.B", "W(Delta mu = 10) - W(Delta mu = 8) at mu_1 = gamma: 'approaches some "
       "fixed values as Delta mu grows'", "0", lambda: W(mu=1.0, delta_mu=10.0) - W(mu=1.0, delta_mu=8.0), 0.00028995226176387057, SS,
       tol=0.01, reading="'fixed value': the last step of the curve below 0.01", parameters=dict(mu=1.0, delta_mu=(8, 10))),
    _n("fig4-increasing", "Fig. 4, Sec. III.B", "smallest step of W along J = 0.1, 0.3, 1, 2, 4 gamma (mu = gamma, "
       "Delta mu = 2 gamma, T = gamma): 'increases with the interqubit coupling'", "increasing",
       lambda: smallest_step([W(J=J) for J in (0.1, 0.3, 1.0, 2.0, 4.0)]), 0.011155483517203857, SS, target=0.0, tol=0.0,
       comparison="above", parameters=dict(J=(0.1, 0.3, 1, 2, 4))),
    _n("fig4-weak", "Fig. 4, Sec. III.B", "W at J = 0.1 gamma: 'when J is minor, the ergotropy is greatly reduced'",
       "below 0.05", lambda: W(J=0.1), 0.028470809568439392, SS, target=0.05, tol=0.0, comparison="below",
       reading="'greatly reduced': below 0.05", parameters=dict(J=0.1)),
    _n("fig4-strong", "Fig. 4, Sec. III.B", "W(J = 4 gamma) - W(J = 2 gamma): 'for J >= omega, regardless of their "
       "values, ... similar'", "0", lambda: W(J=4.0) - W(J=2.0), 0.011155483517203857, SS, tol=0.02,
       reading="'similar': within 0.02", parameters=dict(J=(2, 4))),
    _n("fig5-temperature", "Fig. 5, Sec. III.B", "largest step of W along T = 0.5, 1, 2, 5, 20 gamma (J = gamma): "
       "'destructive'", "decreasing", lambda: largest_step([W(T=T) for T in (0.5, 1.0, 2.0, 5.0, 20.0)]), -0.07370847263351205, SS,
       target=0.0, tol=0.0, comparison="below", parameters=dict(T=(0.5, 1, 2, 5, 20))),
    _n("fig5-empty", "Fig. 5, Sec. III.B", "W at T = 20 gamma: 'at the high-temperature limit the battery remains almost "
       "empty'", "below 0.05", lambda: W(T=20.0), 0.02497918747893966, SS, target=0.05, tol=0.0, comparison="below",
       reading="'almost empty': below 0.05", parameters=dict(T=20.0)),
    _n("fig6-one-cell", "Fig. 6, Sec. III.B", "max of W over Delta mu = 0..10 gamma for N = 1 (mu = 0): 'impossible to "
       "charge the battery without the assistance of an ancilla'", "0",
       lambda: float(np.max(along("delta_mu", np.linspace(0, 10, 6), N=1, mu=0.0))), 0.0, SS, tol=EXACT,
       value_tolerance=EXACT, parameters=dict(N=1, mu=0.0)),
    _n("fig6-more-cells", "Fig. 6, Sec. III.B", "smallest step of W along N = 1..4 at Delta mu = 4, 8 gamma (mu = 0): "
       "'even an increment of one cell will significantly shift the maximum ergotropy'", "increasing",
       lambda: min(smallest_step([W(N=N, mu=0.0, delta_mu=d) for N in (1, 2, 3, 4)]) for d in (4.0, 8.0)), 0.06190843674264501, SS,
       target=0.0, tol=0.0, comparison="above", parameters=dict(N=(1, 2, 3, 4), mu=0.0, delta_mu=(4, 8))),
    _n("fig6-bias", "Fig. 6, Sec. III.B", "largest step along N = 2, 3, 4 of the smallest Delta mu with W > 0.01 (mu = 0): "
       "'as N decreases, a stronger bias is required'", "decreasing",
       lambda: largest_step([onset(N) for N in (2, 3, 4)]), -0.5, SS + "; Delta mu on a 0.25-gamma grid", target=0.0,
       tol=0.0, comparison="below", parameters=dict(N=(2, 3, 4), mu=0.0)),
    _n("sec4-independent-J", "Sec. IV", "spread of the equilibrium W over (J, omega0, gamma) = (0.1, 10, 1), (3, 2, 1), "
       "(1, 10, 5): 'for some parameter regimes it is independent of the coupling strength'", "0",
       lambda: float(np.ptp([W(J=J, omega0=w0, gamma=g, mu=3.0, **COLL) for J, w0, g in ((0.1, 10, 1), (3.0, 2, 1), (1.0, 10, 5.0))])),
       0.0, SS, tol=EXACT, value_tolerance=EXACT, parameters=dict(bath="collective", mu=3.0)),
    _n("sec4-independent-N", "Sec. IV", "spread of the equilibrium W over N = 1, 3, 4 (mu = 2.2, T = 0.8 gamma): '... or "
       "the number of qubits'", "0",
       lambda: float(np.ptp([W(N=N, mu=2.2, T=0.8, **COLL) for N in (1, 3, 4)])), 0.0,
       SS + "; every N but 2 gives tanh((mu - omega)/2T) (N = 2 stays in the triplet)", tol=EXACT,
       value_tolerance=EXACT, parameters=dict(bath="collective", N=(1, 3, 4), mu=2.2, T=0.8)),
    _n("intro-unique-local", "Sec. I", "dimension of the Liouvillian kernel, local baths, N = 3: 'the achieved steady "
       "state is independent of the initial state'", "1", lambda: float(steady(MODEL).degeneracy), 1.0,
       "eigenvalues of the Lindblad generator", tol=0.0, value_tolerance=0.0, parameters=dict(bath="local", N=3)),
    _n("intro-dark-collective", "Sec. I, III.A", "spread of the battery's steady excited population over three initial "
       "states, collective bath, N = 2: 'independent of the initial state'", "0", lambda: dark_state_spread(2), 0.21273427305521508,
       "exact steady states from |00>, battery excited, ancilla excited (mu = 3 gamma)", tol=1e-6,
       status=NOT_REPRODUCIBLE, reading="the collective (equilibrium) bath of Eqs. (6)-(8), as written: one "
       "reservoir coupled to the collective S^-, S^+",
       evidence="the kernel of the collective Liouvillian is degenerate for every N >= 2 (swapping qubits is a strong "
                "symmetry); for even N a dark battery-ancilla singlet exists and the battery's own steady state "
                "depends on the start (spread 0 for N = 3, tests/models/test_star_network.py)",
       parameters=dict(bath="collective", N=2, mu=3.0)),
]
