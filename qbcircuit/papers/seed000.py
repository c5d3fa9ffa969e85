"""Seed 000: Zhao, Dou, Zhao, "Quantum battery of interacting spins with environmental noise",
PRA 103, 033715 (2021). Model ``spin-chain-cavity``.

The paper prints few numbers; most entries are the claims of its text about its figures,
written as numbers that are positive (or zero) when the claim holds. Parameters as the paper:
omega_c = g = kappa = omega_a = 1, strong charging f = 2 / n_B = 2, weak f = 0.2 / n_B = 0.2.
Thermal steady states are solved with one cavity qubit: the chain's thermal steady state does
not depend on the truncation (the model's docstring; tests/models/test_spin_chain_cavity.py).
"""

from __future__ import annotations

import numpy as np

from qbcircuit.models import build_model
from qbcircuit.papers.compute import series, smallest_step, steady_curve, steady_figure
from qbcircuit.papers.registry import NOT_REPRODUCIBLE, entry_maker

PAPER = "000"
MODEL = "spin-chain-cavity"
CQ = {"cavity_qubits": 1}  # exact for the thermal steady state
SPINS = (1, 2, 3, 4)


def _steady(figure: str, **params) -> float:
    return steady_figure(MODEL, figure, **{**CQ, **params})


def along_n(figure: str, n_B: float) -> np.ndarray:
    return np.array([_steady(figure, N=N, n_B=n_B) for N in SPINS])


def ground_energy(N: int, J: float) -> float:
    return float(build_model(MODEL, N=N, J=J, cavity_qubits=1).extras["ground_energy"])


def order_parameter(N: int, J: float) -> float:
    """M_z = <S_z>_g / N in the ground state of H_B, S_z = sum sigma_z (the paper's sigma_z:
    +1 on the excited state), Eq. (20)."""
    model = build_model(MODEL, N=N, J=J, cavity_qubits=1)
    h = model.battery_hamiltonian.to_matrix()
    vals, vecs = np.linalg.eigh(h)
    ground = vecs[:, 0]
    excitations = np.array([bin(i).count("1") for i in range(2**N)], dtype=float)
    sz = 2 * excitations - N  # sum of the paper's sigma_z on each basis state
    return float(np.abs(ground) ** 2 @ sz) / N


def purity(N: int, n_B: float) -> float:
    from qbcircuit.reference import steady_state

    rho = steady_state(build_model(MODEL, N=N, n_B=n_B, **CQ)).battery_state
    return float(np.real(np.trace(rho @ rho)))


def mean_crossing(W: float, realisations: int = 100) -> float:
    """The mean over disorder realisations of the J where the lowest one-excitation level of
    H_B (Eq. 24) reaches zero (the first ground-state crossing), N = 3."""
    from qbcircuit.models.spin_chain_cavity import disorder

    N, out = 3, []
    for seed in range(realisations):
        deltas = disorder(N, W, seed)
        lo, hi = 0.0, 3.0
        for _ in range(60):
            mid = (lo + hi) / 2
            hop = np.diag(1 + deltas) + mid * (np.eye(N, k=1) + np.eye(N, k=-1))
            lo, hi = (mid, hi) if np.linalg.eigvalsh(hop)[0] > 0 else (lo, mid)
        out.append(lo)
    return float(np.mean(out))


def slope_ratio_n4() -> float:
    before = (_steady("delta_E", N=4, J=0.55) - _steady("delta_E", N=4, J=0.3)) / 0.25
    after = (_steady("delta_E", N=4, J=0.9) - _steady("delta_E", N=4, J=0.7)) / 0.2
    return float(before / after)


def disorder_average(figure: str, W: float, realisations: int, J: float = 0.5) -> float:
    if W == 0:
        return _steady(figure, N=3, J=J)
    return _steady(figure, N=3, J=J, W=W, realisations=realisations)


COHERENT = dict(N=3, charging="coherent", f=2.0, cavity_qubits=5)  # 32 levels: the grown truncation (model docstring)


def coherent_peak_over_steady(figure: str) -> float:
    """max_t figure(t) / figure(t = 20) - 1 for coherent charging, N = 3, f = 2 (Fig. 2): the
    series relaxes at the cavity's rate kappa/2, so t = 20 is within 1e-4 of the steady state
    (:func:`coherent_relaxation` measures it on the series)."""
    ts = series(MODEL, 20, 201, refine=False, **COHERENT)
    key = "delta_E" if figure == "energy" else figure
    values = ts.series[key]
    return float(np.nanmax(values)) / float(values[-1]) - 1.0


def coherent_relaxation() -> float:
    """max |Delta E(t) - Delta E(20)| over t in [17, 20]: how far from steady the end of the series is."""
    ts = series(MODEL, 20, 201, refine=False, **COHERENT)
    values = ts.series["delta_E"]
    return float(np.max(np.abs(values[ts.times >= 17] - values[-1])))


def thermal_peak_over_steady(figure: str) -> float:
    """max_t figure(t) / figure(steady state) - 1 for thermal charging, N = 3, n_B = 2 (Fig. 2)."""
    ts = series(MODEL, 20, 101, refine=False, N=3, charging="thermal", n_B=2.0, cavity_qubits=5)
    key = "delta_E" if figure == "energy" else figure
    return float(np.nanmax(ts.series[key])) / _steady(key, N=3, n_B=2.0) - 1.0


_n = entry_maker(PAPER)


STEADY = "exact steady state of thermal charging (one cavity qubit: exact for it)"
EXACT = 1e-8

ENTRIES = [
    _n("eq18-ground", "Sec. III.A, Eq. (18)", "E_G, N = 3, J = 0: 'the ground-state energy ... is zero'", "0",
       lambda: ground_energy(3, 0.0), 0.0, "lowest eigenvalue of H_B (Eq. 3)", tol=EXACT, value_tolerance=EXACT,
       parameters=dict(N=3, J=0.0)),
    _n("fig3-n1-ergotropy", "Fig. 3, Sec. III.A", "max_t ergotropy, N = 1, thermal n_B = 2: 'always ... zero'", "0",
       lambda: float(np.max(np.abs(series(MODEL, 20, 41, refine=False, N=1, n_B=2.0, cavity_qubits=3).series["ergotropy"]))),
       0.0, "exact time series to t = 20 (8 cavity levels: the excitation number bounds the photons)", tol=EXACT,
       value_tolerance=EXACT, parameters=dict(N=1, n_B=2.0, cavity_qubits=3)),
    _n("fig3-n2-ergotropy", "Fig. 3, Sec. III.A", "steady ergotropy, N = 2, n_B = 2: 'nonzero' for N >= 2",
       "positive", lambda: _steady("ergotropy", N=2, n_B=2.0), 0.21052631578947367, STEADY, target=0.0, tol=1e-6,
       comparison="above", parameters=dict(N=2, n_B=2.0)),
    _n("fig3-strong-energy", "Fig. 3(a), text", "smallest step of Delta E(inf) along N = 1..4, n_B = 2: 'increase'",
       "increasing", lambda: smallest_step(along_n("delta_E", 2.0)), 0.22632154575282648, STEADY, target=0.0, tol=0.0,
       comparison="above", parameters=dict(N=SPINS, n_B=2.0)),
    _n("fig3-strong-ergotropy", "Fig. 3(b), text", "smallest step of the steady ergotropy along N = 1..4, n_B = 2",
       "increasing", lambda: smallest_step(along_n("ergotropy", 2.0)), 0.19482225961298066, STEADY, target=0.0,
       tol=0.0, comparison="above", parameters=dict(N=SPINS, n_B=2.0)),
    _n("fig3-strong-efficiency", "Fig. 3(c), text", "smallest step of R_B(inf) along N = 1..4, n_B = 2",
       "increasing", lambda: smallest_step(along_n("efficiency", 2.0)[1:]), 0.07957463263069908,
       STEADY + " (N = 1 has R_B = 0 and none after it)", target=0.0, tol=0.0, comparison="above",
       parameters=dict(N=SPINS, n_B=2.0)),
    _n("fig3-weak-energy", "Fig. 3(a), text, Sec. V", "largest step of Delta E(inf) along N = 1..4, n_B = 0.2: "
       "'decrease with increasing chain length'", "decreasing", lambda: -smallest_step(-along_n("delta_E", 0.2)),
       0.04319020543996012, STEADY, target=0.0, tol=0.0, comparison="below", status=NOT_REPRODUCIBLE,
       reading="Delta E(inf) of the whole chain (Eq. 12), as Fig. 3(a) labels it",
       evidence="Delta E(inf) = 0.143, 0.186, 0.197, 0.199 for N = 1..4: it rises and saturates; the energy PER SPIN falls (0.143, 0.093, 0.066, 0.050), which may be what "
                "the figure shows",
       parameters=dict(N=SPINS, n_B=0.2)),
    _n("fig3-weak-ergotropy", "Fig. 3(b), text, Sec. V", "largest step of the steady ergotropy along N = 1..4, n_B = 0.2: "
       "'decreases'", "decreasing", lambda: -smallest_step(-along_n("ergotropy", 0.2)), 0.023255813953488372,
       STEADY, target=0.0, tol=0.0, comparison="below", status=NOT_REPRODUCIBLE,
       reading="the ergotropy of the whole chain (Eq. 13)",
       evidence="0, 0.0233, 0.0309, 0.0328 for N = 1..4; per spin 0, 0.0116, 0.0103, 0.0082 (falls only from N = 2)",
       parameters=dict(N=SPINS, n_B=0.2)),
    _n("fig2-driving-strength", "Fig. 2, Sec. III.A", "Delta E(inf; n_B = 2) - Delta E(inf; n_B = 0.2), N = 3: 'increased "
       "with driving strength'", "positive", lambda: _steady("delta_E", N=3, n_B=2.0) - _steady("delta_E", N=3, n_B=0.2),
       0.8184738005387567, STEADY, target=0.0, tol=0.0, comparison="above", parameters=dict(N=3, n_B=(0.2, 2.0))),
    _n("fig4-purity", "Fig. 4, Sec. III.A", "Tr[rho_B^2] of the steady state, N = 2, n_B = 2: 'tr[rho_B^2(t > 0)] < 1'",
       "below 1", lambda: purity(2, 2.0), 0.3684210526315729, STEADY, target=1.0, tol=1e-6, comparison="below",
       parameters=dict(N=2, n_B=2.0)),
    _n("fig5-energy", "Fig. 5, Sec. III.B", "Delta E(inf; J = 1) - Delta E(inf; J = 0), N = 3, n_B = 2: 'increases the "
       "energy'", "positive", lambda: _steady("delta_E", N=3, J=1.0) - _steady("delta_E", N=3), 0.5356706155434937,
       STEADY, target=0.0, tol=0.0, comparison="above", parameters=dict(N=3, J=(0.0, 1.0), n_B=2.0)),
    _n("fig5-ergotropy", "Fig. 5, Sec. III.B", "ergotropy(inf; J = 1) - ergotropy(inf; J = 0), N = 3, n_B = 2: 'the "
       "hopping interaction decreases the ergotropy'", "negative",
       lambda: _steady("ergotropy", N=3, J=1.0) - _steady("ergotropy", N=3), 0.13055563047898316, STEADY, target=0.0,
       tol=0.0, comparison="below", status=NOT_REPRODUCIBLE,
       reading="the steady state the curves of Fig. 5(b) approach (thermal charging, Fig. 5's J = 1)",
       evidence="0.561 at J = 1 against 0.431 at J = 0: J = 1 raises it. Small J lowers it (0.345 at J = 0.5, "
                "0.385 at 0.65): any J != 0 changes the chain's symmetry (reflection-even states only) and the "
                "ergotropy then grows with J (000-fig7-ergotropy-grows)",
       parameters=dict(N=3, J=(0.0, 1.0), n_B=2.0)),
    _n("fig6-crossing", "Fig. 6, Sec. III.B", "J of the nondifferentiable point, N = 3 (first ground-state crossing)",
       "1/sqrt(2)", lambda: __import__("qbcircuit.models.spin_chain_cavity", fromlist=["x"]).crossing_coupling(3),
       0.7071067811865476, "omega_a / (2 cos(pi/(N+1))), where the lowest one-excitation level of H_B reaches 0",
       target=1 / np.sqrt(2), tol=EXACT, value_tolerance=EXACT, parameters=dict(N=3)),
    _n("fig6-flat", "Fig. 6(a), text", "|Delta E(inf; J = 0.65) - Delta E(inf; J = 0.5)|: 'nearly a constant function' "
       "before the crossing", "0", lambda: abs(_steady("delta_E", N=3, J=0.65) - _steady("delta_E", N=3, J=0.5)),
       0.0, STEADY, tol=1e-6, value_tolerance=1e-6, parameters=dict(N=3, J=(0.5, 0.65), n_B=2.0)),
    _n("fig6-rise", "Fig. 6(a), text", "d Delta E(inf)/dJ past the crossing (J = 0.9 to 1.2): 'significantly "
       "increases' (closed form: 2 cos(pi/4))", "positive", lambda: (_steady("delta_E", N=3, J=1.2) - _steady("delta_E", N=3, J=0.9)) / 0.3,
       1.414213562373095, STEADY + "; E_G = omega_a - 2 J cos(pi/(N+1)) past the crossing", target=0.0,
       tol=0.0, comparison="above", parameters=dict(N=3, J=(0.9, 1.2), n_B=2.0)),
    _n("fig6-jump-at-0", "Fig. 6, text", "Delta E(inf; J = 0.01) - Delta E(inf; J = 0): 'remarkably changed by the "
       "interaction term, which breaks the symmetry'", "positive",
       lambda: _steady("delta_E", N=3, J=0.01) - _steady("delta_E", N=3), 0.12145748987854244,
       STEADY + "; J != 0 leaves the Dicke states for the reflection-even ones", target=0.05, tol=0.0,
       comparison="above", reading="'remarkably changed': a jump of more than 0.05 omega_a at J -> 0+",
       parameters=dict(N=3, J=(0.0, 0.01), n_B=2.0)),
    _n("fig7-ground-zero", "Fig. 7(d), text", "E_G at J = 0.65 < J_c, N = 3: 'before the first crossing, the "
       "ground-state energy is always zero'", "0", lambda: ground_energy(3, 0.65), 0.0, "lowest eigenvalue of H_B",
       tol=EXACT, value_tolerance=EXACT, parameters=dict(N=3, J=0.65)),
    _n("fig7-ground-falls", "Fig. 7(d), text", "E_G at J = 1, N = 3: 'gradually decreased by splitting of the "
       "energy bands' (omega_a - 2J cos(pi/4))", "negative", lambda: ground_energy(3, 1.0), 1 - np.sqrt(2),
       "lowest eigenvalue of H_B", target=0.0, tol=0.0, comparison="below", parameters=dict(N=3, J=1.0)),
    _n("fig7-Mz-before", "Fig. 7(g), text", "M_z = <S_z>_g/N at J = 0.5, N = 3: 'M_z = -1' before the crossing", "-1",
       lambda: order_parameter(3, 0.5), -1.0, "ground state of H_B, S_z = sum of the paper's sigma_z", tol=EXACT,
       parameters=dict(N=3, J=0.5)),
    _n("fig7-Mz-after", "Fig. 7(g), text", "M_z at J = 1, N = 3: 'M_z > -1' after the crossing", "above -1",
       lambda: order_parameter(3, 1.0), -0.3333333333333333, "ground state of H_B", target=-1.0, tol=1e-6,
       comparison="above", parameters=dict(N=3, J=1.0)),
    _n("fig7-slopes-N4", "Fig. 7(a), text", "slope of Delta E(inf) before the first crossing (J = 0.3 to 0.55) over the "
       "slope after it (J = 0.7 to 0.9), N = 4: 'the energy does not significantly increase before the first "
       "nondifferentiable point'", "below 0.2", lambda: slope_ratio_n4(), 0.15398473887929842, STEADY, target=0.2,
       tol=0.0, comparison="below", reading="'not significantly': less than a fifth of the slope past the crossing "
       "(N = 4 is not flat as N = 3 is: its reflection-even states carry hopping energy)",
       parameters=dict(N=4, J=(0.3, 0.55, 0.7, 0.9), n_B=2.0), slow=True),
    _n("fig7-ergotropy-grows", "Fig. 7(a), text", "smallest step of the steady ergotropy along J = 0.1, 0.3, .., 1.5 "
       "(N = 3): 'a continuously increasing function of hopping'", "increasing",
       lambda: smallest_step(steady_curve(MODEL, "ergotropy", "J", np.arange(0.1, 1.51, 0.2), N=3, **CQ)),
       0.05359125077862448, STEADY, target=0.0, tol=0.0, comparison="above",
       reading="J > 0: at J = 0 the chain has another symmetry (000-fig5-ergotropy)",
       parameters=dict(N=3, J="0.1..1.5", n_B=2.0)),
    _n("fig9-crossing-W0.5", "Fig. 9, Sec. IV", "mean first crossing over 100 realisations, W = 0.5, N = 3: "
       "'disorders do not affect the location of the QPT point'", "1/sqrt(2)", lambda: mean_crossing(0.5),
       0.7078829132792639, "bisection on the lowest one-excitation level of each realisation's H_B (Eq. 24)",
       target=1 / np.sqrt(2), tol=0.01, reading="'not affect': the mean crossing within 0.01 (1.4 %) of the clean "
       "1/sqrt 2, with the paper's 100 realisations", parameters=dict(N=3, W=0.5, realisations=100)),
    _n("fig9-crossing-W1", "Fig. 9, Sec. IV", "the same at W = 1", "1/sqrt(2)", lambda: mean_crossing(1.0),
       0.6952087842692651, "as above", target=1 / np.sqrt(2), tol=0.01, status=NOT_REPRODUCIBLE,
       reading="as at W = 0.5", evidence="0.695 with 100 realisations (0.686 with 1000): disorder moves the mean "
       "crossing down at second order in W (-0.4 % at W = 0.5, -3 % at W = 1); the paper's W are not in the text",
       parameters=dict(N=3, W=1.0, realisations=100)),
    _n("fig9-energy", "Fig. 9, Sec. IV-V", "Delta E(inf; W = 1) - Delta E(inf; W = 0), N = 3, J = 0.5, n_B = 2, mean of "
       "20 realisations: 'disorder increases the energy'", "positive",
       lambda: disorder_average("delta_E", 1.0, 20) - disorder_average("delta_E", 0.0, 1), 0.1254203024095104,
       STEADY + ", averaged over realisations (the model's ensemble)", target=0.0, tol=0.0, comparison="above",
       parameters=dict(N=3, J=0.5, W=(0.0, 1.0), realisations=20)),
    _n("fig9-ergotropy", "Fig. 9, Sec. IV-V", "ergotropy(inf; W = 1) - ergotropy(inf; W = 0), as above: 'decreases the "
       "ergotropy'", "negative",
       lambda: disorder_average("ergotropy", 1.0, 20) - disorder_average("ergotropy", 0.0, 1), -0.3217285439841395,
       STEADY + ", averaged over realisations", target=0.0, tol=0.0, comparison="below",
       parameters=dict(N=3, J=0.5, W=(0.0, 1.0), realisations=20)),
    _n("fig2-coherent-energy", "Fig. 2(a), Sec. III.A", "max_t Delta E(t) / Delta E(inf) - 1, coherent f = 2, N = 3: "
       "'the steady-state energy at infinite time was the maximum'", "0", lambda: coherent_peak_over_steady("energy"),
       0.42910608087243163, "exact time series to t = 20 (201 points), its value at t = 20 as the steady state (see "
       "000-fig2-coherent-relaxed), 32 cavity levels (the truncation the reference grows to for this model: one "
       "more doubling moves the curves by 3e-9)", tol=0.01, comparison="abs", status=NOT_REPRODUCIBLE,
       reading="'maximum' as: no point of the transient stores more than the steady state (within 1 %)",
       evidence="Delta E(t) peaks at 1.87 omega_a near g t = 1.5, 43 % above the steady 1.31 (the series is steady "
                "to 0.002 by t = 20: 000-fig2-coherent-relaxed); the ergotropy overshoots likewise, as the text says "
                "of it (next entry), and so does the energy, which the text says does not",
       parameters=COHERENT, slow=True),
    _n("fig2-coherent-ergotropy", "Fig. 2(b), Sec. III.A", "max_t ergotropy(t) / ergotropy(inf) - 1, coherent f = 2, "
       "N = 3: 'maximized within the oscillatory period'", "positive", lambda: coherent_peak_over_steady("ergotropy"),
       0.4188823652573983, "as above", target=0.0, tol=0.0, comparison="above", parameters=COHERENT,
       slow=True),
    _n("fig2-coherent-relaxed", "Fig. 2(a)", "max |Delta E(t) - Delta E(20)| for t in [17, 20], coherent f = 2, "
       "N = 3: the series has reached the steady state the paper's curves approach", "0", coherent_relaxation, 0.002103905346096946,
       "as above", tol=0.01, reading="steady within 0.01 omega_a (the transient's overshoot is 40 times more)",
       parameters=COHERENT, slow=True),
    _n("fig2-thermal-energy", "Fig. 2(a), Sec. III.A", "max_t Delta E(t) / Delta E(inf) - 1, thermal n_B = 2, N = 3: "
       "'maximized at steady state'", "0", lambda: thermal_peak_over_steady("energy"), 0.0,
       "exact time series to t = 20 (101 points, 32 cavity levels: the bath's occupation 2 leaves 2e-6 of "
       "the photons above them) and the exact steady state (which does not depend on the truncation)", tol=0.01,
       reading="no point of the transient above the steady state (within 1 %)",
       parameters=dict(N=3, charging="thermal", n_B=2.0, cavity_qubits=5), slow=True),
]
