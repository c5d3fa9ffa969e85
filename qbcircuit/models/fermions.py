"""Free-fermion (Gaussian) descriptions of a battery: the Jordan-Wigner form of its Pauli operators.

A chain of qubits whose Hamiltonian is quadratic in Jordan-Wigner fermions is solved in the
2N-dimensional space of its Majorana operators instead of the 2^N-dimensional register.
This module only describes (as :mod:`qbcircuit.models.sectors` does for symmetric sectors):
it turns the model's own ``SparsePauliOp`` into Majorana matrices, so that the compilers
and the free-fermion reference (:mod:`qbcircuit.reference.free_fermion`) read one
operator and cannot disagree about it.

Conventions (this project's: |1> is the charged state, the papers' sigma_z = -Z, Qiskit
order). Site j is register qubit j; the Jordan-Wigner string runs over the qubits before it:

    c_j = Z_0 ... Z_{j-1} sigma_j^-,   sigma^- = |0><1| = (X + iY)/2,

so c_j^+ c_j = |1><1|_j = n_j = (1 - Z_j)/2 (Z = (-1)^n: the string counts the excitations
before j). The Majorana operators

    w_{2j} = c_j + c_j^+ = Z_0 ... Z_{j-1} X_j,   w_{2j+1} = i (c_j^+ - c_j) = Z_0 ... Z_{j-1} Y_j

are Hermitian with {w_k, w_l} = 2 delta_kl. Products of two of them are the quadratic Pauli
strings (a < b):

* same site: w_{2j} w_{2j+1} = X_j Y_j = i Z_j, so Z_j = -i w_{2j} w_{2j+1} = 1 - 2 n_j;
* sites j < k: w_a w_b = (A_j Z_j) Z_{j+1} ... Z_{k-1} B_k with A = X (a = 2j) or Y
  (a = 2j + 1) and B = X (b = 2k) or Y (b = 2k + 1); X Z = -iY and Y Z = iX give

      Y_j Z..Z B_k = i w_{2j} w_b,      X_j Z..Z B_k = -i w_{2j+1} w_b.

  Nearest neighbours: X_j X_{j+1} = -i w_{2j+1} w_{2j+2}, Y_j Y_{j+1} = i w_{2j} w_{2j+3},
  X_j Y_{j+1} = -i w_{2j+1} w_{2j+3}, Y_j X_{j+1} = i w_{2j} w_{2j+2}.

Any such operator is written H = (i/4) sum_kl h_kl w_k w_l + offset with h real and
antisymmetric: a term c P = c phi w_a w_b (phi = +-i above) is (i/2) h_ab w_a w_b, so
h_ab = -2 i phi c = -h_ba (:func:`majorana_form`). In Heisenberg's picture
dw/dt = i[H, w] = h w, so w(t) = e^{h t} w and the correlation matrix
Gamma_kl = (i/2) <[w_k, w_l]> evolves as Gamma(t) = e^{h t} Gamma(0) e^{-h t}; expectation
values are <H> = (1/4) sum_kl h_kl Gamma_kl + offset, and <w_k w_l> = -i Gamma_kl (k != l).
A basis state has Gamma_{2j, 2j+1} = -<Z_j> = 2 b_j - 1 and no other entries
(:func:`basis_state_correlation`).

For the XY chain of :mod:`qbcircuit.models.xy_chain` this gives, with (XX + YY)/2 =
c_j^+ c_{j+1} + h.c. and (XX - YY)/2 = c_j^+ c_{j+1}^+ + c_{j+1} c_j,

    H = omega0 sum_j n_j + J sum_j [c_j^+ c_{j+1} + gamma c_j^+ c_{j+1}^+ + h.c.],

quadratic: gamma = 0 conserves the number of excitations, gamma != 0 creates them in pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.models.core import GaussianSpace

_PAULI = {
    "I": np.eye(2, dtype=complex),
    "X": np.array([[0, 1], [1, 0]], dtype=complex),
    "Y": np.array([[0, -1j], [1j, 0]]),
    "Z": np.diag([1.0, -1.0]).astype(complex),
}


def majorana_form(op: SparsePauliOp, atol: float = 1e-12) -> tuple[sp.csr_matrix, float]:
    """The Majorana matrix of a quadratic Pauli sum (see the module docstring).

    Parameters
    ----------
    op:
        A Hermitian Pauli sum on N qubits whose every non-identity term is a quadratic
        Jordan-Wigner string: Z_j, or P_j Z_{j+1} ... Z_{k-1} Q_k with P, Q in {X, Y}.
    atol:
        Coefficients below this are dropped.

    Returns
    -------
    (h, offset)
        ``h`` (scipy.sparse CSR, 2N x 2N, real antisymmetric) and the identity
        coefficient, with op = (i/4) sum_kl h_kl w_k w_l + offset.
    """
    op = op.simplify(atol=atol)
    n = op.num_qubits
    x = np.asarray(op.paulis.x, dtype=bool)
    z = np.asarray(op.paulis.z, dtype=bool)
    coeffs = np.asarray(op.coeffs) * (-1j) ** np.asarray(op.paulis.phase)
    if np.max(np.abs(coeffs.imag), initial=0.0) > 1e-10:
        raise ValueError("op must be Hermitian (real Pauli coefficients)")
    coeffs = coeffs.real
    support = x | z
    weight = support.sum(axis=1)
    identity = weight == 0
    offset = float(coeffs[identity].sum())
    keep = ~identity
    x, z, support, weight, coeffs = x[keep], z[keep], support[keep], weight[keep], coeffs[keep]
    rows = np.arange(coeffs.size)
    first = np.argmax(support, axis=1)
    last = n - 1 - np.argmax(support[:, ::-1], axis=1)
    xs = x.sum(axis=1)
    single = (first == last) & (xs == 0)  # Z_j
    pair = (first < last) & (weight == last - first + 1) & (xs == 2) & x[rows, first] & x[rows, last]
    bad = ~(single | pair)
    if np.any(bad):
        label = op.paulis[np.flatnonzero(keep)[np.argmax(bad)]].to_label()
        raise ValueError(f"op is not quadratic in Jordan-Wigner fermions: term {label} (qubit 0 rightmost) is not "
                         "Z_j or P_j Z...Z Q_k with P, Q in {X, Y}")
    # same site: Z_j = -i w_2j w_2j+1 -> h = -2c
    a = np.where(single, 2 * first, np.where(z[rows, first], 2 * first, 2 * first + 1))
    b = np.where(single, 2 * first + 1, np.where(z[rows, last], 2 * last + 1, 2 * last))
    # pairs: Y_j ... = i w_2j w_b -> h = 2c; X_j ... = -i w_2j+1 w_b -> h = -2c
    value = np.where(single, -2.0, np.where(z[rows, first], 2.0, -2.0)) * coeffs
    d = 2 * n
    h = sp.coo_matrix((np.concatenate([value, -value]), (np.concatenate([a, b]), np.concatenate([b, a]))),
                      shape=(d, d)).tocsr()
    h.sum_duplicates()
    h.eliminate_zeros()
    return h, offset


def basis_state_correlation(bits: str) -> sp.csr_matrix:
    """Gamma of a computational basis state (Qiskit order: qubit 0 is the last character):
    Gamma_{2j, 2j+1} = 2 b_j - 1 = -Gamma_{2j+1, 2j}, nothing else."""
    if not bits or set(bits) - {"0", "1"}:
        raise ValueError(f"bits must be a string of 0 and 1, got {bits!r}")
    n = len(bits)
    b = np.array([bits[-1 - q] == "1" for q in range(n)], dtype=float)
    value = 2.0 * b - 1.0
    even = 2 * np.arange(n)
    return sp.coo_matrix((np.concatenate([value, -value]), (np.concatenate([even, even + 1]), np.concatenate([even + 1, even]))),
                         shape=(2 * n, 2 * n)).tocsr()


def block_majoranas(length: int) -> np.ndarray:
    """The 2L Majorana operators of a block of ``length`` sites with its own string, as
    2^L x 2^L matrices (Qiskit order: the block's first site is its qubit 0).

    An even product of the chain's Majoranas on sites j .. j+L-1 equals the same product
    of these (the string over qubits 0 .. j-1 squares to one), which makes the reduced
    state of a contiguous block Gaussian with the block's rows and columns of Gamma.
    """
    if not 1 <= length <= 8:
        raise ValueError(f"length must be in [1, 8], got {length}")
    out = []
    for q in range(length):
        for letter in ("X", "Y"):
            letters = ["Z"] * q + [letter] + ["I"] * (length - q - 1)  # letters[k] acts on block qubit k
            m = np.array([[1.0 + 0j]])
            for k in range(length):
                m = np.kron(_PAULI[letters[k]], m)
            out.append(m)
    return np.array(out)


def gaussian_space(
    hamiltonian: SparsePauliOp,
    battery_hamiltonian: SparsePauliOp,
    bits: str,
    battery_ground_energy: float,
    *,
    local_blocks: Sequence[int] = (),
    local_figures: Callable[[dict[int, np.ndarray]], dict[str, float]] | None = None,
    info: dict[str, Any] | None = None,
) -> GaussianSpace:
    """A model's free-fermion description from its own register operators.

    Parameters
    ----------
    hamiltonian, battery_hamiltonian:
        H and H_B as the model holds them (quadratic, see :func:`majorana_form`).
    bits:
        The initial basis state (Qiskit order).
    battery_ground_energy:
        The lowest eigenvalue of H_B (a closed form the model states).
    local_blocks, local_figures, info:
        As :class:`~qbcircuit.models.core.GaussianSpace` holds them.

    Returns
    -------
    GaussianSpace
    """
    h, offset = majorana_form(hamiltonian)
    h_b, offset_b = majorana_form(battery_hamiltonian)
    return GaussianSpace(
        sites=hamiltonian.num_qubits, hamiltonian=h, hamiltonian_offset=offset, battery_hamiltonian=h_b,
        battery_offset=offset_b, initial_correlation=basis_state_correlation(bits),
        battery_ground_energy=float(battery_ground_energy), local_blocks=tuple(local_blocks),
        local_figures=local_figures, info=dict(info or {}),
    )


__all__ = ["basis_state_correlation", "block_majoranas", "gaussian_space", "majorana_form"]
