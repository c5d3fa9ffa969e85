"""Channels as matrices: canonical Lindblad form, Kraus operators, positivity checks.
(The generator itself: tests/test_superoperators.py.)"""

import numpy as np
import pytest
import scipy.linalg as la

from qbcircuit.compile.dissipation.superoperators import (
    apply_superop,
    check_channel,
    choi,
    kraus_operators,
    lindblad_form,
    one_step_channel,
    superop_from_kraus,
)
from qbcircuit.models import build_model
from qbcircuit.models.master_equation import redfield_tensor
from qbcircuit.superoperators import lindblad_generator


def random_matrix(rng, d):
    return rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))


def test_canonical_form_rebuilds_a_random_lindblad_generator():
    rng = np.random.default_rng(1)
    h = random_matrix(rng, 4)
    h = h + h.conj().T
    generator = lindblad_generator(h, [(0.7, random_matrix(rng, 4)), (0.3, random_matrix(rng, 4))])
    form = lindblad_form(generator)
    assert form.completely_positive and len(form.rates) == 2 and min(form.rates) > 0
    rebuilt = lindblad_generator(form.hamiltonian, zip(form.rates, form.jumps))
    assert np.abs(rebuilt - generator).max() < 1e-10
    assert all(abs(np.trace(l)) < 1e-12 for l in form.jumps)  # canonical jumps are traceless


def test_amplitude_damping_has_two_kraus_operators_and_the_closed_form():
    gamma, dt = 0.8, 0.3
    lower = np.array([[0, 1], [0, 0]], dtype=complex)
    kraus = kraus_operators(one_step_channel([(gamma, lower)], dt))
    assert len(kraus) == 2
    p = 1 - np.exp(-gamma * dt)
    closed = [np.diag([1, np.sqrt(1 - p)]), np.sqrt(p) * lower]  # |0> ground: lower = |0><1|
    assert np.abs(superop_from_kraus(kraus) - superop_from_kraus(closed)).max() < 1e-12


def test_transpose_is_positive_but_not_completely_positive():
    # the transpose map's Choi matrix is the swap, eigenvalue -1: the textbook non-CP map
    transpose = np.zeros((4, 4))
    for i in range(2):
        for j in range(2):
            transpose[j + 2 * i, i + 2 * j] = 1  # vec(rho^T)
    check = check_channel(transpose)
    assert check.min_eigenvalue == pytest.approx(-1.0) and not check.ok
    with pytest.raises(ValueError, match="not completely positive"):
        kraus_operators(transpose)


def test_redfield_generator_of_seed_002_is_not_cp_and_its_short_time_channel_neither():
    model = build_model("driven-dissipative", equation="redfield", Delta=0.5)
    generator = redfield_tensor(model, -1.0)
    with pytest.raises(ValueError, match="not completely positive"):
        lindblad_form(generator)
    form = lindblad_form(generator, clip=True)
    assert form.min_rate < -0.05  # lam: -0.0717 at alpha = 0.1
    # the negative Kossakowski eigenvalue is real: exp(t L) has a negative Choi eigenvalue
    assert check_channel(la.expm(0.05 * generator)).min_eigenvalue < -1e-4


def test_clipping_is_the_projection_of_the_kossakowski_matrix():
    model = build_model("driven-dissipative", equation="redfield", Delta=0.5)
    generator = redfield_tensor(model, -1.0)
    form = lindblad_form(generator, clip=True)
    clipped = lindblad_generator(form.hamiltonian, zip(form.rates, form.jumps))
    d = 4
    w = np.eye(d).reshape(-1, order="F") / np.sqrt(d)
    q = np.eye(d * d) - np.outer(w, w)
    # the clipped generator differs by the negative part of the Kossakowski matrix only
    diff = q @ (choi(generator) - choi(clipped)) @ q
    vals = la.eigvalsh(0.5 * (diff + diff.conj().T))
    assert vals.max() < 1e-10 and vals.min() == pytest.approx(form.min_rate, abs=1e-10)
    assert -vals.sum() == pytest.approx(form.negative_weight, abs=1e-10)
    assert lindblad_form(clipped).completely_positive
