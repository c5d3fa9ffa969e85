"""Bloch-Redfield models against the Lindblad equations they reduce to."""

import numpy as np
import pytest
import qutip
import scipy.linalg as la
from qiskit.quantum_info import Operator, SparsePauliOp, random_unitary

from qbcircuit import operators as ops
from qbcircuit.models import BatteryModel, InitialState, JumpOperator, RedfieldCoupling
from qbcircuit.reference import evolve, steady_state
from qbcircuit.reference.evolve import qutip_hamiltonian, qutip_redfield_operators
from qbcircuit.reference.redfield import redfield_tensor

from .random_models import random_hermitian_op

W, G, T = 1.3, 0.2, 0.8
TIMES = np.linspace(0, 6, 7)


def n_bose(x):
    return 1 / np.expm1(x / T)


def thermal_spectrum(x):
    """Ohmic-flat bosonic spectrum: emission G (n+1) at x > 0, absorption G n at x < 0."""
    if x > 0:
        return G * (n_bose(x) + 1)
    if x < 0:
        return G * n_bose(-x)
    return 0.0


def model(n, hamiltonian, start, redfield=(), jumps=()):
    return BatteryModel(
        name="test", num_qubits=n, qubit_labels=tuple(f"q{i}" for i in range(n)), battery_qubits=(0,),
        battery_hamiltonian=W * ops.number(0, 1), hamiltonian=hamiltonian,
        redfield_couplings=tuple(redfield), jump_operators=tuple(jumps), initial_state=start,
    )


def test_qubit_secular_redfield_is_thermal_lindblad():
    start = InitialState.from_vectors([(1.0, np.array([1.0, 1j]))])
    h = W * ops.number(0, 1)
    br = model(1, h, start, redfield=[RedfieldCoupling(ops.pauli("X", 0, 1), thermal_spectrum)])
    lb = model(1, h, start, jumps=[JumpOperator(ops.sigma_minus(0, 1), G * (n_bose(W) + 1)),
                                   JumpOperator(ops.sigma_plus(0, 1), G * n_bose(W))])
    a, b = evolve(br, TIMES, store_states=True), evolve(lb, TIMES, store_states=True)
    np.testing.assert_allclose(np.array(a.states), np.array(b.states), atol=1e-8)
    # Detailed balance: the steady state is the Gibbs state at T.
    p_excited = steady_state(br).state[1, 1].real
    assert p_excited == pytest.approx(1 / (np.exp(W / T) + 1), abs=1e-10)


def test_degenerate_transitions_give_collective_jumps():
    # Two identical uncoupled qubits sharing one bath through A = X_0 + X_1: the secular
    # Bloch-Redfield equation keeps the cross terms between the two (degenerate)
    # transitions, which is the collective Lindblad equation with S^- and S^+.
    h = W * (ops.number(0, 2) + ops.number(1, 2))
    rng = np.random.default_rng(1)
    start = InitialState.from_vectors([(1.0, rng.normal(size=4) + 1j * rng.normal(size=4))])
    a_op = ops.pauli("X", 0, 2) + ops.pauli("X", 1, 2)
    br = model(2, h, start, redfield=[RedfieldCoupling(a_op, thermal_spectrum)])
    lb = model(2, h, start, jumps=[JumpOperator(ops.total("sigma_minus", [0, 1], 2), G * (n_bose(W) + 1)),
                                   JumpOperator(ops.total("sigma_plus", [0, 1], 2), G * n_bose(W))])
    a, b = evolve(br, TIMES, store_states=True), evolve(lb, TIMES, store_states=True)
    np.testing.assert_allclose(np.array(a.states), np.array(b.states), atol=1e-8)
    # Local baths would not give this: the dark singlet makes the collective case differ.
    local = model(2, h, start, jumps=[JumpOperator(ops.sigma_minus(q, 2), G * (n_bose(W) + 1)) for q in (0, 1)]
                  + [JumpOperator(ops.sigma_plus(q, 2), G * n_bose(W)) for q in (0, 1)])
    c = evolve(local, TIMES, store_states=True)
    assert np.max(np.abs(np.array(c.states) - np.array(b.states))) > 1e-3


def operator_form(m) -> np.ndarray:
    """The Redfield generator built from its operator form, column by column:
    d rho/dt = -i[H, rho] + sum_baths (Lambda rho A - A Lambda rho + h.c.),
    Lambda = sum_ab S(E_b - E_a)/2 A_ab |a><b| in the eigenbasis of H."""
    h = m.hamiltonian.to_matrix()
    d = h.shape[0]
    energies, v = la.eigh(h)
    pieces = []
    for bath in m.redfield_couplings:
        a = bath.operator.to_matrix()
        a_eig = v.conj().T @ a @ v
        lam_eig = np.array([[0.5 * bath.spectrum(energies[j] - energies[i]) * a_eig[i, j] for j in range(d)] for i in range(d)])
        pieces.append((v @ lam_eig @ v.conj().T, a))
    out = np.zeros((d * d, d * d), dtype=complex)
    for k in range(d * d):
        rho = np.zeros(d * d, dtype=complex)
        rho[k] = 1
        rho = rho.reshape((d, d), order="F")
        drho = -1j * (h @ rho - rho @ h)
        for lam, a in pieces:
            half = lam @ rho @ a - a @ lam @ rho
            other = lam @ rho.conj().T @ a - a @ lam @ rho.conj().T  # so that the map is linear
            drho += half + other.conj().T
        out[:, k] = drho.reshape(-1, order="F")
    return out


def random_redfield_model(seed, baths):
    rng = np.random.default_rng(seed)
    spectra = [thermal_spectrum, lambda x: 0.1 * (1 + np.tanh(x)), lambda x: 0.05 * np.exp(-0.3 * x)]
    return model(2, random_hermitian_op(rng, 2), InitialState.from_bitstring("00"),
                 redfield=[RedfieldCoupling(random_hermitian_op(rng, 2, 3), spectra[k]) for k in range(baths)])


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("baths", [1, 2, 3])
def test_tensor_equals_operator_form(seed, baths):
    m = random_redfield_model(seed, baths)
    np.testing.assert_allclose(redfield_tensor(m, sec_cutoff=-1), operator_form(m), atol=1e-12)


def real_op(rng, n, terms):
    """A real symmetric operator (Paulis from I, X, Z only): its eigenvectors are real."""
    labels = ["".join(rng.choice(list("IXZ"), size=n)) for _ in range(terms)]
    return SparsePauliOp(labels, rng.normal(size=terms)).simplify()


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("sec_cutoff", [-1, 0.1])
def test_tensor_equals_qutip_for_real_models(seed, sec_cutoff):
    # Compared on real models only: where matrix elements in the eigenbasis are complex,
    # QuTiP 5.3.1's tensor is not covariant under a change of basis (next test), ours is.
    rng = np.random.default_rng(seed)
    m = model(2, real_op(rng, 2, 6), InitialState.from_bitstring("00"),
              redfield=[RedfieldCoupling(real_op(rng, 2, 3), thermal_spectrum)])
    theirs = qutip.bloch_redfield_tensor(qutip_hamiltonian(m), qutip_redfield_operators(m),
                                         sec_cutoff=sec_cutoff, fock_basis=True).full()
    np.testing.assert_allclose(redfield_tensor(m, sec_cutoff=sec_cutoff), theirs, atol=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_tensor_is_covariant_under_a_change_of_basis(seed):
    # H -> U H U^+, A -> U A U^+ must give rho -> U rho U^+: R' = S R S^+, S = conj(U) kron U.
    m = random_redfield_model(seed, 2)
    u = random_unitary(4, seed=seed).data

    def rotate(op):
        return SparsePauliOp.from_operator(Operator(u @ op.to_matrix() @ u.conj().T))

    turned = model(2, rotate(m.hamiltonian), m.initial_state,
                   redfield=[RedfieldCoupling(rotate(b.operator), b.spectrum) for b in m.redfield_couplings])
    s = np.kron(u.conj(), u)
    for cutoff in (-1, 0.1):
        np.testing.assert_allclose(redfield_tensor(turned, cutoff), s @ redfield_tensor(m, cutoff) @ s.conj().T, atol=1e-12)


def test_non_secular_steady_state_and_evolution_agree():
    m = random_redfield_model(4, 2)
    lv = operator_form(m)
    ss = steady_state(m, sec_cutoff=-1)
    assert ss.residual < 1e-10
    evo = evolve(m, [0.0, 1.5], sec_cutoff=-1, store_states=True)
    rho0 = m.initial_state.density_matrix().reshape(-1, order="F")
    np.testing.assert_allclose(evo.states[-1], (la.expm(lv * 1.5) @ rho0).reshape((4, 4), order="F"), atol=1e-8)
    assert np.linalg.norm(lv @ ss.state.reshape(-1, order="F")) < 1e-10
