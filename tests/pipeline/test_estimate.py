"""The estimators on synthetic counts with known answers.

Counts are drawn (multinomially, seeded) from outcome probabilities computed exactly from a
known state, so every estimate has a known true value and a known standard error: the
estimate must agree within a few standard errors, and the reported error must be the
binomial (multinomial) one; over many independent draws the z-scores must have unit
spread (an error bar that is too small or too large by 20 % fails). Exact probabilities
(no shots) must reproduce the true value to rounding.
"""

import numpy as np
import pytest
from qiskit.quantum_info import SparsePauliOp, Statevector

from qbcircuit import operators as ops
from qbcircuit.compile import compile_evolution, observable_plan
from qbcircuit.models import build_model
from qbcircuit.models.core import InitialState
from qbcircuit.pipeline.estimate import (
    Estimate,
    as_distribution,
    bootstrap,
    combine,
    energy_estimate,
    expectation,
    observable_estimate,
    physical_state,
    tomography_figures,
    tomography_state,
)
from qbcircuit.run.distribution import Distribution, apply_per_bit, z_diagonal
from tests.compile.battery_models import spin_charger

H = np.array([[1, 1], [1, -1]]) / np.sqrt(2)
SDG = np.diag([1, -1j])
ROTATION = {"X": H, "Y": H @ SDG, "Z": np.eye(2)}


def counts_from(probs, shots, rng):
    """Multinomial counts over outcomes (index bit i = classical bit i) as a Qiskit counts dict."""
    k = int(np.log2(len(probs)))
    draws = rng.multinomial(shots, np.clip(probs, 0, None) / np.sum(np.clip(probs, 0, None)))
    return {format(x, f"0{k}b"): int(n) for x, n in enumerate(draws) if n}


def setting_probabilities(rho, basis):
    """Outcome probabilities of measuring qubit j of ``rho`` in basis[j] (little-endian)."""
    u = np.array([[1.0]])
    for letter in basis:  # qubit j is the j-th factor from the right
        u = np.kron(ROTATION[letter], u)
    return np.real(np.diag(u @ rho @ u.conj().T))


def random_state(k, rng, rank=2):
    a = rng.normal(size=(2**k, rank)) + 1j * rng.normal(size=(2**k, rank))
    rho = a @ a.conj().T
    return rho / np.trace(rho)


def tomography_settings(k, components=1):
    from itertools import product

    return [(c, "".join(b)) for c in range(components) for b in product("XYZ", repeat=k)]


# -- expectation values, mixtures, the energy from Z counts --------------------------------------


def test_energy_from_z_counts_binomial_error_and_unit_z_scores():
    """Two mixture components of a 2-qubit battery with H_B = (1 - Z0)/2 + (1 - Z1)/2 (number
    of excitations): W = sum_k w_k <n>_k - E0, error^2 = sum_k w_k^2 Var_k(n) / S."""
    diag = np.array([0.0, 1.0, 1.0, 2.0])  # index bit j = battery qubit j excited
    probs = [np.array([0.1, 0.3, 0.2, 0.4]), np.array([0.7, 0.1, 0.15, 0.05])]
    weights, shots, e0 = [0.8, 0.2], 4000, 0.25
    truth = sum(w * p @ diag for w, p in zip(weights, probs)) - e0
    sigma = np.sqrt(sum(w**2 * (p @ diag**2 - (p @ diag) ** 2) / shots for w, p in zip(weights, probs)))
    rng = np.random.default_rng(7)
    z = []
    for _ in range(400):
        counts = [counts_from(p, shots, rng) for p in probs]
        est = energy_estimate(weights, counts, diag, e0)
        # the reported error is the multinomial one of the observed frequencies
        freqs = [as_distribution(c).quasi_probabilities() for c in counts]
        observed = np.sqrt(sum(w**2 * (f @ diag**2 - (f @ diag) ** 2) / shots for w, f in zip(weights, freqs)))
        assert est.stderr == pytest.approx(observed, rel=1e-12)
        assert est.stderr == pytest.approx(sigma, rel=0.1)
        z.append((est.value - truth) / est.stderr)
    z = np.array(z)
    assert np.all(np.abs(z) < 5)
    assert abs(z.mean()) < 0.2 and np.std(z) == pytest.approx(1.0, abs=0.1)
    # exact probabilities: the true value, no error
    exact = energy_estimate(weights, [Distribution.exact(p) for p in probs], diag, e0)
    assert exact.value == pytest.approx(truth, abs=1e-14) and exact.stderr == 0.0


def test_expectation_of_a_readout_mitigated_quasi_distribution_is_the_true_value():
    true = np.array([0.1, 0.2, 0.3, 0.4])
    a = [np.array([[0.97, 0.05], [0.03, 0.95]]), np.array([[0.9, 0.1], [0.1, 0.9]])]
    measured = apply_per_bit(true, a)  # what a device with these readout errors gives
    mitigated = Distribution(2, [(1.0, measured, 10**6)], [np.linalg.inv(m) for m in a], "readout")
    zz = z_diagonal(2, [0, 1])
    assert expectation(mitigated, zz).value == pytest.approx(true @ zz, abs=1e-12)
    assert expectation(measured, zz).value != pytest.approx(true @ zz, abs=1e-3)  # unmitigated is off


def test_combine_is_the_weighted_mean_with_errors_in_quadrature():
    est = combine([0.25, 0.75], [Estimate(1.0, 0.4), Estimate(3.0, 0.2)])
    assert est.value == pytest.approx(2.5) and est.stderr == pytest.approx(np.hypot(0.1, 0.15))
    with pytest.raises(ValueError, match="one entry per estimate"):
        combine([1.0], [Estimate(1.0, 0.1), Estimate(2.0, 0.1)])


def test_bootstrap_matches_the_analytic_error_of_a_linear_figure():
    d = Distribution.from_counts({"0": 2000, "1": 6000}, 1)
    diag = z_diagonal(1, [0])
    analytic = expectation(d, diag).stderr
    boot = bootstrap(lambda q: float(q[0] @ diag), [d], samples=800, seed=3)
    assert boot == pytest.approx(analytic, rel=0.1)  # 800 samples: ~2.5 % relative noise on a std
    assert analytic == pytest.approx(2 * np.sqrt(0.25 * 0.75 / 8000), rel=1e-12)


# -- observables by settings ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def charger_plan():
    # seed 001 with a non-ideal start (one charger spin down with weight 0.2): two components
    model = spin_charger(2, 2, initial=InitialState.from_bitstring_mixture([(0.8, "1100"), (0.2, "0100")]))
    compiled = compile_evolution(model, 1.5, 30, 2)
    n = model.num_qubits
    obs = SparsePauliOp.sum([ops.pauli("X", 0, n), ops.pauli("X", 1, n), 0.5 * ops.exchange(0, 1, n),
                             ops.sigma_z(0, n), 0.7 * ops.identity(n)])
    plan = observable_plan(compiled, obs)
    exact = sum(c.weight * np.real(Statevector(c.circuit).expectation_value(obs)) for c in compiled.components)
    probs = []
    for setting, circuit in zip(plan.settings, plan.circuits):
        rotated = circuit.remove_final_measurements(inplace=False)
        probs.append(Statevector(rotated).probabilities(qargs=list(plan.qubits)))
    return plan, exact, probs


def test_observable_by_settings_exact_probabilities_give_the_exact_value(charger_plan):
    plan, exact, probs = charger_plan
    assert len(plan.settings) <= 2 * 3  # X-type, Y-type and Z settings per component
    est = observable_estimate(plan, [Distribution.exact(p) for p in probs])
    assert est.value == pytest.approx(exact, abs=1e-10) and est.stderr == 0.0


def test_observable_by_settings_from_counts_within_four_standard_errors(charger_plan):
    plan, exact, probs = charger_plan
    rng = np.random.default_rng(21)
    z = []
    for _ in range(100):
        est = observable_estimate(plan, [counts_from(p, 4000, rng) for p in probs])
        assert 0 < est.stderr < 0.1
        z.append((est.value - exact) / est.stderr)
    assert np.all(np.abs(z) < 4.5) and np.std(z) == pytest.approx(1.0, abs=0.2)
    with pytest.raises(ValueError, match="one distribution per circuit"):
        observable_estimate(plan, [{"00": 1}])


# -- tomography ---------------------------------------------------------------------------------------


def test_physical_state_projection_matches_smolin_example():
    # eigenvalues (3/5, 1/2, 7/20, 1/10, -11/20) -> (9/20, 7/20, 1/5, 0, 0) (Smolin et al. 2012)
    vals = np.array([3 / 5, 1 / 2, 7 / 20, 1 / 10, -11 / 20])
    u = np.linalg.qr(np.random.default_rng(0).normal(size=(5, 5)))[0]
    rho = physical_state(u @ np.diag(vals) @ u.T)
    assert np.sort(np.linalg.eigvalsh(rho))[::-1] == pytest.approx([9 / 20, 7 / 20, 1 / 5, 0, 0], abs=1e-12)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_linear_inversion_of_exact_probabilities_is_the_state(k):
    rng = np.random.default_rng(k)
    states = [random_state(k, rng), random_state(k, rng, rank=1)]
    weights = [0.6, 0.4]
    settings = tomography_settings(k, components=2)
    probs = [setting_probabilities(states[c], b) for c, b in settings]
    rho = tomography_state(settings, weights, probs)
    assert np.allclose(rho, weights[0] * states[0] + weights[1] * states[1], atol=1e-12)


def test_tomography_figures_within_four_bootstrap_errors_of_the_true_state():
    """A 2-cell battery (seed 001's H_B = sum sigma_z / 2, in omega0) in a known mixed state:
    every figure, the ergotropy included, within 4 bootstrap standard errors."""
    model = build_model("spin-charger", M=2, N=1)
    rng = np.random.default_rng(5)
    rho = random_state(2, rng)
    h = model.battery_hamiltonian.to_matrix()
    e0 = model.initial_battery_energy()
    truth = model.battery_figures(rho)
    settings = tomography_settings(2)
    counts = [counts_from(setting_probabilities(rho, b), 8000, rng) for _, b in settings]
    figures = tomography_figures(model, settings, [1.0], counts, e0, seed=1)
    assert figures["battery_energy"].value == pytest.approx(np.real(np.trace(h @ rho)), abs=4 * figures["battery_energy"].stderr)
    for key, value in truth.items():
        assert abs(figures[key].value - value) <= 4 * figures[key].stderr, key
        assert 0 < figures[key].stderr < 0.05, key
    assert figures["energy"].value == pytest.approx(figures["battery_energy"].value - e0, abs=1e-12)


def test_tomography_energy_bootstrap_error_is_the_binomial_one():
    """One battery qubit, H_B = sigma_z / 2 = -Z/2: only the Z setting measures the energy,
    so its error is (1/2) sqrt((1 - <Z>^2) / S); the bootstrap must find it."""
    model = build_model("spin-charger", M=1, N=1)
    rho = np.array([[0.3, 0.2 - 0.1j], [0.2 + 0.1j, 0.7]])
    rng = np.random.default_rng(11)
    settings = tomography_settings(1)
    shots = 4000
    counts = [counts_from(setting_probabilities(rho, b), shots, rng) for _, b in settings]
    figures = tomography_figures(model, settings, [1.0], counts, model.initial_battery_energy(), seed=2)
    z_counts = as_distribution(counts[2]).quasi_probabilities()
    z_mean = z_counts @ np.array([1.0, -1.0])
    analytic = 0.5 * np.sqrt((1 - z_mean**2) / shots)
    assert figures["energy"].stderr == pytest.approx(analytic, rel=0.2)  # 200 resamples: ~5 % on a std
    assert figures["energy"].value == pytest.approx(-0.5 * z_mean - model.initial_battery_energy(), abs=1e-12)
    # exact inputs: the true figures, no errors
    exact = tomography_figures(model, settings, [1.0], [setting_probabilities(rho, b) for _, b in settings],
                               model.initial_battery_energy())
    for key, value in model.battery_figures(rho).items():
        assert exact[key].value == pytest.approx(value, abs=1e-12) and exact[key].stderr == 0.0


def test_inputs_are_checked():
    with pytest.raises(ValueError, match="2\\^k entries"):
        as_distribution(np.ones(3) / 3)
    with pytest.raises(ValueError, match="one distribution per setting"):
        tomography_state(tomography_settings(1), [1.0], [{"0": 1}])
    with pytest.raises(ValueError, match="samples must be >= 2"):
        bootstrap(lambda q: 0.0, [{"0": 1}], samples=1)


def test_ergotropy_of_a_passive_state_is_zero_within_three_bootstrap_errors():
    """At a passive state (ergotropy 0, where it is not smooth in the state) the estimate is
    biased upwards by the noise, and the bootstrap error must cover that bias. One cell,
    H_B = sigma_z / 2: diag(0.6, 0.4) with the ground state |0> more populated is passive."""
    model = build_model("spin-charger", M=1, N=1)
    rho = np.diag([0.6, 0.4]).astype(complex)
    assert model.battery_figures(rho)["ergotropy"] == pytest.approx(0.0, abs=1e-15)
    settings = tomography_settings(1)
    rng = np.random.default_rng(17)
    for _ in range(20):
        counts = [counts_from(setting_probabilities(rho, b), 8000, rng) for _, b in settings]
        figures = tomography_figures(model, settings, [1.0], counts, model.initial_battery_energy(), seed=4)
        assert 0 <= figures["ergotropy"].value <= 3 * figures["ergotropy"].stderr


def test_unanimous_tomography_counts_get_a_nonzero_energy_error():
    model = build_model("spin-charger", M=1, N=1)
    settings = tomography_settings(1)
    counts = [{"0": 200, "1": 200}, {"0": 200, "1": 200}, {"1": 400}]  # X, Y balanced; Z: all excited
    figures = tomography_figures(model, settings, [1.0], counts, model.initial_battery_energy())
    z_only = expectation({"1": 400}, np.array([-0.5, 0.5]))  # H_B = sigma_z / 2 = -Z/2 from Z counts
    # the bootstrap's floor is the analytic one: both ~ sqrt(p (1 - p) / S), p = 2/(S + 4)
    assert z_only.stderr == pytest.approx(np.sqrt(2 / 404 * (1 - 2 / 404) / 404), rel=1e-9)
    assert figures["energy"].stderr == pytest.approx(z_only.stderr, rel=0.3)


def test_local_energy_estimate_reads_wide_counts_per_shot():
    """H_B = c0 + sum_j c_j Z_j on 30 bits (beyond a dense distribution): the mean and error
    of the per-shot value, against a direct computation on the drawn shots."""
    from qbcircuit.pipeline.estimate import local_energy_estimate

    rng = np.random.default_rng(11)
    n, shots = 30, 5000
    c = rng.normal(size=n)
    p1 = rng.uniform(0.05, 0.6, size=n)
    bits = (rng.random((shots, n)) < p1).astype(int)  # column j = bit j
    keys = ["".join(str(b) for b in row[::-1]) for row in bits]  # bit 0 rightmost
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    values = 0.7 + (1 - 2 * bits) @ c
    est = local_energy_estimate([1.0], [counts], c, 0.7, initial_energy=0.2)
    assert est.value == pytest.approx(values.mean() - 0.2, abs=1e-12)
    assert est.stderr == pytest.approx(values.std() / np.sqrt(shots), rel=1e-9)
    # exact marginals: the expectation, no error
    exact = local_energy_estimate([1.0], [p1], c, 0.7, initial_energy=0.2)
    assert exact.value == pytest.approx(0.7 + (1 - 2 * p1) @ c - 0.2, abs=1e-12) and exact.stderr == 0.0
    # every shot the same: the Agresti-Coull floor, not zero
    floor = local_energy_estimate([1.0], [{"0" * n: 100}], c, 0.0, 0.0)
    assert floor.value == pytest.approx(c.sum()) and floor.stderr > 0


# -- the energy variance from the same Z counts (the charging precision) ---------------------------


def test_energy_variance_from_z_counts_exact_and_within_bootstrap_errors():
    """A mixture of two 2-qubit states: the variance of H_B = n_0 + n_1 over the mixture, its
    local part sum_i Var(n_i) and the entangled part (the covariance)."""
    from qbcircuit.pipeline.estimate import energy_variance_estimates

    diag = np.array([0.0, 1.0, 1.0, 2.0])
    cells = [np.array([0.0, 1.0, 0.0, 1.0]), np.array([0.0, 0.0, 1.0, 1.0])]  # bit i = cell i excited
    probs = [np.array([0.1, 0.3, 0.2, 0.4]), np.array([0.7, 0.1, 0.15, 0.05])]
    weights = [0.8, 0.2]
    mix = sum(w * p for w, p in zip(weights, probs))
    variance = mix @ diag**2 - (mix @ diag) ** 2
    local = sum(mix @ c - (mix @ c) ** 2 for c in cells)  # n_i^2 = n_i
    exact = energy_variance_estimates(weights, [Distribution.exact(p) for p in probs], diag, cells)
    assert exact["energy_variance"].value == pytest.approx(variance, abs=1e-14) and exact["energy_variance"].stderr == 0
    assert exact["energy_variance_local"].value == pytest.approx(local, abs=1e-14)
    assert exact["energy_variance_entangled"].value == pytest.approx(variance - local, abs=1e-14)
    rng = np.random.default_rng(3)
    z = []
    for seed in range(30):
        counts = [counts_from(p, 4000, rng) for p in probs]
        est = energy_variance_estimates(weights, counts, diag, cells, bootstrap_samples=100, seed=seed)
        z.append((est["energy_variance"].value - variance) / est["energy_variance"].stderr)
    z = np.array(z)
    assert np.all(np.abs(z) < 4) and 0.6 < np.std(z) < 1.5
    # the analytic error of a sample variance for one component: sqrt((mu4 - sigma^4)/S)
    p = probs[0]
    m = p @ diag
    mu4, s2 = p @ (diag - m) ** 4, p @ (diag - m) ** 2
    est = energy_variance_estimates([1.0], [counts_from(p, 4000, rng)], diag, bootstrap_samples=400)
    assert est["energy_variance"].stderr == pytest.approx(np.sqrt((mu4 - s2**2) / 4000), rel=0.2)


def test_cell_diagonals_only_for_a_local_diagonal_battery():
    from qbcircuit.pipeline.estimate import cell_energy_diagonals

    cells = cell_energy_diagonals(build_model("spin-charger", M=2, N=2))
    np.testing.assert_allclose(cells[0] + cells[1] - (cells[0] + cells[1])[0], [0, 1, 1, 2], atol=1e-12)
    assert cell_energy_diagonals(build_model("spin-chain", N=3, g=0.5)) is None
