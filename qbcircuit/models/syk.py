"""The SYK battery (seed 004, Sec. III.C.2): Rossini, Andolina, Rosa, Carrega, Polini,
"Quantum advantage in the charging process of Sachdev-Ye-Kitaev batteries", PRL 125,
236402 (2020); RMP 96, 031001 (2024), Eqs. (41)-(43).

    H_B = omega0 sum_j sigma_j^y                                                       (Eq. 41)
    H_1 = sum_{i,j,k,l} J_ijkl c_i^+ c_j^+ c_k c_l   (complex SYK, direct charging)      (Eq. 42)

with c_j^+ = sigma_j^+ prod_{m<j} sigma_m^z (Jordan-Wigner). Direct charging (Eq. 25): during
the charge the generator is H_1 alone (H_B is switched off), from the ground state of H_B.

Readings taken:

* Couplings. Eq. (42) sums over all i, j, k, l with couplings antisymmetric in (i, j) and in
  (k, l) and Hermitian (J_ijkl = J_lkji^*), so its independent terms are those of ordered
  pairs p = (i < j), q = (k < l): H_1 = sum_{p, q} K_pq O_p^+ O_q with O_(k,l) = c_k c_l and K a
  Hermitian matrix over pairs whose entries are independent zero-mean complex Gaussians of
  variance J^2/N^3 (real on the diagonal), the review's <<J_ijkl^2>> = J^2/N^3. The factor
  the unrestricted sum would add (4) rescales time only.
* ``variant = bosonic``: the same with hard-core bosons, O_(k,l) = sigma_k^- sigma_l^-, no
  Jordan-Wigner strings (interaction order 4 instead of ~N; Rossini et al.'s bosonic SYK).
* ``protocol = parallel``: the N cells in N/``block`` independent blocks, each charged by its
  own SYK Hamiltonian of ``block`` sites (couplings of variance J^2/block^3, each block its own
  draw); ``block = N`` is the global protocol.
* Frame. The model is written in the frame rotated by exp(-i pi/4 sum_j X_j), which takes the
  paper's sigma^y to its sigma^z (Y -> Z, Z -> -Y in Qiskit's Paulis): H_B = omega0 sum_j
  sigma_j^z is diagonal, so the stored energy comes from Z-basis counts, and the ground state
  is |0...0>. Every operator and the state are rotated alike, so every figure is the paper's
  (tests/models/test_syk.py compares with the unrotated construction).

Disorder: one model is one realisation of the couplings, drawn from
``numpy.random.default_rng(seed)``; with ``realisations`` R > 1 the model declares the
ensemble seed, seed + 1, ..., which the exact reference averages (standard errors included).

Qubits (Qiskit order): qubit j is site j + 1. Units: energies in omega0, times in 1/omega0
(J is in omega0). Building a model draws the couplings and writes the Pauli sums; it solves
nothing.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.models.core import BatteryModel, InitialState
from qbcircuit.models.registry import Parameter, register_model

REFERENCE = ("Rossini, Andolina, Rosa, Carrega, Polini, PRL 125, 236402 (2020); RMP 96, 031001 (2024), "
             "Eqs. (41)-(43)")
MAX_SITES = 12

PARAMETERS = (
    Parameter("N", 6, "", "sites (battery cells, one qubit each)", int, 2, MAX_SITES),
    Parameter("J", 1.0, "omega0", "SYK coupling scale: couplings of variance J^2/N^3", float, 0.0, None, low_open=True),
    Parameter("omega0", 1.0, "omega0", "cell splitting, H_B = omega0 sum sigma^y; the energy unit", float, 0.0, None,
              low_open=True),
    Parameter("variant", "fermionic", "", "complex SYK with Jordan-Wigner strings, or hard-core bosons",
              str, choices=("fermionic", "bosonic")),
    Parameter("protocol", "global", "", "one SYK on all sites, or independent blocks of `block` sites",
              str, choices=("global", "parallel")),
    Parameter("block", 2, "", "sites per block of the parallel protocol", int, 2, MAX_SITES),
    Parameter("realisations", 1, "", "disorder realisations to average (seeds seed, seed+1, ...)", int, 1, 10000),
    Parameter("seed", 0, "", "seed of the couplings' realisation", int, 0, None),
    Parameter("t_max", 0.0, "1/omega0", "time window of the figures (0: 8/J, past the optimal charging time for N >= 4)", float, 0.0, None),
)


def _single(label: str, qubit: int, n: int, coeff: complex = 1.0) -> SparsePauliOp:
    return SparsePauliOp.from_sparse_list([(label, [qubit], coeff)], n)


def lowering(j: int, n: int, strings: bool) -> SparsePauliOp:
    """c_j = prod_{m<j} Z_m sigma_j^- (strings) or sigma_j^- = (X + iY)/2 = |0><1| on qubit j,
    in the paper's frame (|1> occupied).

    Parameters
    ----------
    j:
        The site (qubit).
    n:
        The number of qubits.
    strings:
        Jordan-Wigner strings (fermions) or none (hard-core bosons).

    Returns
    -------
    SparsePauliOp
    """
    sigma = _single("X", j, n, 0.5) + _single("Y", j, n, 0.5j)
    if strings and j > 0:
        sigma = SparsePauliOp.from_sparse_list([("Z" * j, list(range(j)), 1.0)], n).dot(sigma)
    return sigma.simplify()


def pair_couplings(pairs: int, J: float, sites: int, rng: np.random.Generator) -> np.ndarray:
    """A Hermitian matrix of independent complex Gaussians of variance J^2/sites^3 (real diagonal).

    Parameters
    ----------
    pairs:
        Its dimension (the number of ordered pairs of sites).
    J:
        The coupling scale.
    sites:
        The number of sites the Hamiltonian acts on (the variance's N).
    rng:
        The generator of the realisation.

    Returns
    -------
    numpy.ndarray
    """
    var = J**2 / sites**3
    re = rng.normal(scale=np.sqrt(var / 2), size=(pairs, pairs))
    im = rng.normal(scale=np.sqrt(var / 2), size=(pairs, pairs))
    k = np.triu(re + 1j * im, 1)
    k = k + k.conj().T
    return k + np.diag(rng.normal(scale=np.sqrt(var), size=pairs))


def syk_hamiltonian(sites: list[int], n: int, J: float, strings: bool, rng: np.random.Generator) -> SparsePauliOp:
    """sum_{p, q} K_pq O_p^+ O_q over the ordered pairs of ``sites`` (paper's frame).

    Parameters
    ----------
    sites:
        The sites (qubits) of this SYK Hamiltonian.
    n:
        The number of qubits of the register.
    J:
        The coupling scale (variance J^2/len(sites)^3).
    strings:
        Jordan-Wigner strings (complex SYK) or none (bosonic).
    rng:
        The generator of the couplings.

    Returns
    -------
    SparsePauliOp
    """
    ops_ = {j: lowering(j, n, strings) for j in sites}
    pairs = list(combinations(sites, 2))
    products = [ops_[k].dot(ops_[l]).simplify() for k, l in pairs]  # c_k c_l (dot is the matrix product)
    adjoints = [p.adjoint() for p in products]
    couplings = pair_couplings(len(pairs), J, len(sites), rng)
    terms = []
    for a, left in enumerate(adjoints):
        for b, right in enumerate(products):
            terms.append(couplings[a, b] * left.dot(right))
    return SparsePauliOp.sum(terms).simplify(atol=1e-14)


def rotate_y_to_z(op: SparsePauliOp) -> SparsePauliOp:
    """U op U^+ with U = exp(-i pi/4 sum_j X_j): Y -> Z and Z -> -Y on every qubit (X stays).

    Parameters
    ----------
    op:
        An operator.

    Returns
    -------
    SparsePauliOp
    """
    if np.any(op.paulis.phase):
        op = SparsePauliOp(op.paulis.to_labels(), op.coeffs)  # move group phases into the coefficients
    z, x = op.paulis.z, op.paulis.x  # column q is qubit q
    sign = (-1.0) ** np.sum(z & ~x, axis=1)
    new_x = x ^ z
    chars = np.array(["I", "X", "Z", "Y"])[2 * z.astype(int) + new_x.astype(int)]
    labels = ["".join(row[::-1]) for row in chars]
    return SparsePauliOp(labels, op.coeffs * sign).simplify(atol=1e-14)


@register_model(
    "syk",
    PARAMETERS,
    summary="N cells charged directly by a complex SYK Hamiltonian (Jordan-Wigner), with disorder; bosonic "
            "and parallel variants (seed 004)",
    reference=REFERENCE,
    energy_unit="omega0",
    time_unit="1/omega0",
)
def build_syk(N, J, omega0, variant, protocol, block, realisations, seed, t_max) -> BatteryModel:
    if protocol == "parallel" and N % block:
        raise ValueError(f"parameter 'N' must be a multiple of block = {block} for the parallel protocol, got {N}")
    size = block if protocol == "parallel" else N
    rng = np.random.default_rng(seed)
    strings = variant == "fermionic"
    h1 = SparsePauliOp.from_sparse_list([("I", [0], 0.0)], N)
    for start in range(0, N, size):
        h1 = h1 + syk_hamiltonian(list(range(start, start + size)), N, J, strings, rng)
    # paper's frame: H_B = omega0 sum sigma^y = -omega0 sum Y (the paper's sigma^y is -Y: sigma^+ = (X - iY)/2)
    h_b_paper = SparsePauliOp.from_sparse_list([("Y", [j], -omega0) for j in range(N)], N)
    hamiltonian = rotate_y_to_z(h1.simplify(atol=1e-14))
    battery = rotate_y_to_z(h_b_paper)  # = -omega0 sum Z = omega0 sum (paper's sigma^z)
    blocks = "" if protocol == "global" else f", {N // block} blocks of {block}"
    return BatteryModel(
        name="syk",
        num_qubits=N,
        qubit_labels=tuple(f"site {j + 1}" for j in range(N)),
        battery_qubits=tuple(range(N)),
        battery_hamiltonian=battery,
        hamiltonian=hamiltonian,
        initial_state=InitialState.from_bitstring("0" * N, label="ground state of H_B (rotated frame: |0...0>)"),
        energy_unit="omega0",
        time_unit="1/omega0",
        description=f"{variant} SYK, {protocol} charging{blocks}; frame rotated so that H_B = omega0 sum sigma^z",
        reference=REFERENCE,
        default_t_final=t_max or 8.0 / J,
        realisations=realisations,
        seed_parameter="seed",
        extras={"couplings_variance": J**2 / size**3},
    )
