"""A model's master equation as matrices (qbcircuit.models.master_equation) against
independent dense constructions (tests/dense_forms.py, numpy Kronecker products) and
QuTiP; the secular cutoff is the model's own unless one is given."""

import numpy as np
import pytest
import qutip
import scipy.sparse as sp
from qiskit.quantum_info import Operator, SparsePauliOp, random_unitary

from qbcircuit import operators as ops
from qbcircuit.models import BatteryModel, InitialState, RedfieldCoupling, build_model
from qbcircuit.models.core import SECULAR_CUTOFF
from qbcircuit.models.master_equation import (
    generator,
    hamiltonian_matrix,
    lindblad_generator,
    operator_matrix,
    redfield_tensor,
)
from qbcircuit.reference.evolve import qutip_hamiltonian, qutip_redfield_operators
from tests.dense_forms import lindblad_superoperator, model_redfield_operator_form
from tests.reference.random_models import random_hermitian_op, random_model

W, G, T = 1.3, 0.2, 0.8


def n_bose(x):
    return 1 / np.expm1(x / T)


def thermal_spectrum(x):
    """Ohmic-flat bosonic spectrum: emission G (n+1) at x > 0, absorption G n at x < 0."""
    if x > 0:
        return G * (n_bose(x) + 1)
    if x < 0:
        return G * n_bose(-x)
    return 0.0


def model(n, hamiltonian, start, redfield=(), jumps=(), **extra):
    return BatteryModel(
        name="test", num_qubits=n, qubit_labels=tuple(f"q{i}" for i in range(n)), battery_qubits=(0,),
        battery_hamiltonian=W * ops.number(0, 1), hamiltonian=hamiltonian,
        redfield_couplings=tuple(redfield), jump_operators=tuple(jumps), initial_state=start, **extra,
    )


def dense_lindblad(m) -> np.ndarray:
    """L from dense numpy Kronecker products, independently of the package."""
    d = m.dimension
    h = m.hamiltonian.to_matrix()
    eye = np.eye(d)
    lv = -1j * (np.kron(eye, h) - np.kron(h.T, eye))
    for j in m.jump_operators:
        l = j.operator.to_matrix()
        ldl = l.conj().T @ l
        lv += j.rate * (np.kron(l.conj(), l) - 0.5 * np.kron(eye, ldl) - 0.5 * np.kron(ldl.T, eye))
    return lv


@pytest.mark.parametrize("seed", range(4))
def test_lindblad_generator_equals_dense_constructions(seed):
    rng = np.random.default_rng(seed)
    m = random_model(rng, n=2 + seed % 2, jumps=2, battery=(0, 1) if seed % 2 else (1,))
    got = lindblad_generator(m)
    assert isinstance(got, sp.csr_matrix)
    np.testing.assert_allclose(got.toarray(), dense_lindblad(m), atol=1e-12)
    jumps = [(j.rate, j.operator.to_matrix()) for j in m.jump_operators]
    np.testing.assert_allclose(got.toarray(), lindblad_superoperator(m.hamiltonian.to_matrix(), jumps, m.dimension), atol=1e-12)
    # a Lindblad model's generator is this one
    np.testing.assert_allclose(generator(m).toarray(), dense_lindblad(m), atol=1e-12)


def test_hamiltonian_matrix_with_drives_is_h_of_t():
    rng = np.random.default_rng(9)
    m = random_model(rng, n=2, jumps=1, drives=2)
    t = 0.37
    expected = m.hamiltonian.to_matrix() + sum(d.coefficient(t) * d.operator.to_matrix() for d in m.drives)
    np.testing.assert_allclose(hamiltonian_matrix(m, t).toarray(), expected, atol=1e-12)
    np.testing.assert_allclose(hamiltonian_matrix(m).toarray(), m.hamiltonian.to_matrix(), atol=0)
    h_t = expected
    jumps = [(j.rate, j.operator.to_matrix()) for j in m.jump_operators]
    np.testing.assert_allclose(lindblad_generator(m, t).toarray(), lindblad_superoperator(h_t, jumps, 4), atol=1e-12)
    with pytest.raises(ValueError, match="drives"):
        generator(m)
    with pytest.raises(ValueError, match="drives"):
        redfield_tensor(m)


def test_operator_matrix_is_little_endian():
    # sigma_minus on qubit 0 of 2: |0><1| on the least significant bit
    mat = operator_matrix(ops.sigma_minus(0, 2)).toarray()
    expected = np.zeros((4, 4))
    expected[0, 1] = expected[2, 3] = 1
    np.testing.assert_allclose(mat, expected, atol=0)


def random_redfield_model(seed, baths, **extra):
    rng = np.random.default_rng(seed)
    spectra = [thermal_spectrum, lambda x: 0.1 * (1 + np.tanh(x)), lambda x: 0.05 * np.exp(-0.3 * x)]
    return model(2, random_hermitian_op(rng, 2), InitialState.from_bitstring("00"),
                 redfield=[RedfieldCoupling(random_hermitian_op(rng, 2, 3), spectra[k]) for k in range(baths)], **extra)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("baths", [1, 2, 3])
def test_tensor_equals_operator_form(seed, baths):
    m = random_redfield_model(seed, baths)
    np.testing.assert_allclose(redfield_tensor(m, sec_cutoff=-1), model_redfield_operator_form(m), atol=1e-12)


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


def test_tensor_adds_the_lindblad_channels():
    from qbcircuit.models import JumpOperator

    rng = np.random.default_rng(12)
    base = random_redfield_model(12, 1)
    jumps = (JumpOperator(random_hermitian_op(rng, 2, 2) + 1j * random_hermitian_op(rng, 2, 2), 0.4),)
    m = model(2, base.hamiltonian, base.initial_state, redfield=base.redfield_couplings, jumps=jumps)
    l = jumps[0].operator.to_matrix()
    expected = model_redfield_operator_form(m) + lindblad_superoperator(None, [(0.4, l)], 4)
    np.testing.assert_allclose(redfield_tensor(m, -1), expected, atol=1e-12)


def test_none_means_the_models_own_secular_cutoff():
    # The full operator form has no secular cut: a model that asks for the full Redfield
    # equation (sec_cutoff = -1) gets it from every builder called without a cutoff; the
    # default (SECULAR_CUTOFF) drops the terms between distinct Bohr frequencies.
    full = random_redfield_model(1, 2, sec_cutoff=-1)
    secular = random_redfield_model(1, 2)
    assert secular.sec_cutoff == SECULAR_CUTOFF
    operator_form = model_redfield_operator_form(full)
    np.testing.assert_allclose(redfield_tensor(full), operator_form, atol=1e-12)
    np.testing.assert_allclose(generator(full).toarray(), operator_form, atol=1e-12)
    assert np.abs(redfield_tensor(secular) - operator_form).max() > 1e-3
    assert np.abs(generator(secular).toarray() - operator_form).max() > 1e-3
    # an explicit cutoff wins over the model's
    np.testing.assert_allclose(redfield_tensor(secular, -1), operator_form, atol=1e-12)


def test_driven_dissipative_redfield_model_asks_for_the_full_equation():
    # seed 002's equation=redfield carries sec_cutoff = -1; secular and local the constant
    assert build_model("driven-dissipative", equation="redfield").sec_cutoff == -1
    assert build_model("driven-dissipative", equation="secular").sec_cutoff == SECULAR_CUTOFF
    m = build_model("driven-dissipative", equation="redfield", Delta=0.5)
    np.testing.assert_allclose(generator(m).toarray(), model_redfield_operator_form(m), atol=1e-12)
