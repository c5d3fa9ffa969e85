"""The SYK battery (seed 004, Eqs. 41-42): the Jordan-Wigner operators, the couplings'
statistics, the rotated frame against an independent construction in the paper's frame,
the variants, the ensemble, and the circuits against the exact curve."""

import numpy as np
import pytest
import scipy.linalg as la
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.models import build_model
from qbcircuit.models.syk import lowering, pair_couplings, rotate_y_to_z, syk_hamiltonian
from qbcircuit.reference import time_series


def anticommutator(a, b):
    return a.dot(b) + b.dot(a)


def test_jordan_wigner_operators_are_fermions():
    n = 3
    c = [lowering(j, n, True) for j in range(n)]
    for i in range(n):
        for j in range(n):
            ccd = anticommutator(c[i], c[j].adjoint()).simplify(atol=1e-12)
            expected = SparsePauliOp("I" * n) if i == j else SparsePauliOp("I" * n, 0.0)
            np.testing.assert_allclose(ccd.to_matrix(), expected.to_matrix(), atol=1e-12)
            np.testing.assert_allclose(anticommutator(c[i], c[j]).to_matrix(), 0, atol=1e-12)
    # |1> is occupied: c_j^+ c_j is the projector on qubit j being |1>
    number = c[1].adjoint().dot(c[1]).to_matrix()
    np.testing.assert_allclose(np.diag(number).real, [(k >> 1) & 1 for k in range(8)], atol=1e-12)


def test_couplings_have_variance_j2_over_n3_and_are_hermitian():
    rng = np.random.default_rng(0)
    draws = np.array([pair_couplings(6, 2.0, 4, rng) for _ in range(400)])
    np.testing.assert_allclose(draws, np.conj(np.transpose(draws, (0, 2, 1))), atol=0)
    off = draws[:, np.triu_indices(6, 1)[0], np.triu_indices(6, 1)[1]]
    assert np.mean(np.abs(off) ** 2) == pytest.approx(4.0 / 64, rel=0.05)
    assert np.mean(np.abs(np.diagonal(draws, axis1=1, axis2=2)) ** 2) == pytest.approx(4.0 / 64, rel=0.1)


def test_complex_syk_conserves_the_fermion_number_and_bosonic_has_no_strings():
    n = 5
    rng = np.random.default_rng(2)
    h = syk_hamiltonian(list(range(n)), n, 1.0, True, rng).to_matrix()
    number = np.diag([bin(k).count("1") for k in range(2**n)])
    np.testing.assert_allclose(h @ number - number @ h, 0, atol=1e-12)
    bosons = syk_hamiltonian(list(range(n)), n, 1.0, False, np.random.default_rng(2))
    assert max(sum(c != "I" for c in label) for label in bosons.paulis.to_labels()) <= 4
    fermions = syk_hamiltonian(list(range(n)), n, 1.0, True, np.random.default_rng(2))
    assert max(sum(c != "I" for c in label) for label in fermions.paulis.to_labels()) == n  # strings


def test_rotated_frame_against_the_papers_frame():
    # The paper's frame, built here independently of the model: H_B = omega0 sum sigma^y with the
    # paper's sigma^y = -Y, the battery in the ground state |+i>^N, H_1 the same couplings.
    N, omega0 = 4, 0.8
    model = build_model("syk", N=N, omega0=omega0, seed=5)
    h1 = syk_hamiltonian(list(range(N)), N, 1.0, True, np.random.default_rng(5)).to_matrix()
    h_b = sum(-omega0 * SparsePauliOp.from_sparse_list([("Y", [j], 1.0)], N).to_matrix() for j in range(N))
    plus_i = np.array([1, 1j]) / np.sqrt(2)
    psi0 = plus_i
    for _ in range(N - 1):
        psi0 = np.kron(plus_i, psi0)
    assert np.vdot(psi0, h_b @ psi0).real == pytest.approx(np.linalg.eigvalsh(h_b)[0], abs=1e-12)
    times = np.linspace(0, 6, 13)
    energies = [np.vdot(v, h_b @ v).real for v in (la.expm(-1j * h1 * t) @ psi0 for t in times)]
    ts = time_series(model, times, refine=False)
    np.testing.assert_allclose(ts.series["energy"], np.array(energies) - energies[0], atol=1e-8)
    np.testing.assert_allclose(model.battery_hamiltonian.to_matrix(), np.diag(
        [omega0 * (2 * bin(k).count("1") - N) for k in range(2**N)]), atol=1e-12)


def test_rotation_is_the_conjugation_it_names():
    rng = np.random.default_rng(3)
    labels = ["".join(rng.choice(list("IXYZ"), 3)) for _ in range(12)]
    op = SparsePauliOp(labels, rng.normal(size=12) + 1j * rng.normal(size=12))
    x = sum(SparsePauliOp.from_sparse_list([("X", [j], 1.0)], 3) for j in range(3)).to_matrix()
    u = la.expm(-1j * np.pi / 4 * x)
    np.testing.assert_allclose(rotate_y_to_z(op).to_matrix(), u @ op.to_matrix() @ u.conj().T, atol=1e-12)


def test_parallel_blocks_do_not_couple_and_need_a_divisor():
    model = build_model("syk", N=6, protocol="parallel", block=3)
    for label in model.hamiltonian.paulis.to_labels():
        support = {q for q in range(6) if label[5 - q] != "I"}
        assert support <= {0, 1, 2} or support <= {3, 4, 5}
    with pytest.raises(ValueError, match="multiple of block = 4"):
        build_model("syk", N=6, protocol="parallel", block=4)


def test_the_ensemble_is_the_mean_of_its_realisations():
    times = np.linspace(0, 4, 9)
    mean = time_series(build_model("syk", N=4, realisations=3, seed=7), times, refine=False)
    each = [time_series(build_model("syk", N=4, seed=7 + r), times, refine=False).series["energy"] for r in range(3)]
    np.testing.assert_allclose(mean.series["energy"], np.mean(each, axis=0), atol=1e-12)
    assert mean.info["realisations"] == 3 and "energy_stderr" in mean.series


def test_circuits_on_aer_agree_with_the_exact_curve_within_the_trotter_error():
    import qbcircuit as qbc

    model = build_model("syk", N=4, seed=1)
    times = np.linspace(0, 6, 4)
    res = qbc.run(model, "aer-ideal", times, shots=20000, seed=3)
    exact = res.exact["energy"]
    measured, err = res.measured["energy"], res.measured["energy_stderr"]
    ideal = res.ideal["energy"]
    trotter = np.abs(ideal - exact)
    assert np.max(trotter) < 1e-2  # the chosen steps keep the Trotter error small
    # measured = exact within the Trotter error plus four shot-noise standard errors
    assert np.all(np.abs(measured - exact) <= trotter + 4 * np.asarray(err) + 1e-12)
