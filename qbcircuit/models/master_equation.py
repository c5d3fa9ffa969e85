"""A model's master equation as matrices: its Hamiltonian, its Lindblad generator, its
Bloch-Redfield tensor, and the generator the model asks for.

The master equation is the model's choice: jump operators (Lindblad), Redfield couplings
(Bloch-Redfield), and the secular cutoff ``model.sec_cutoff`` (the constant
:data:`qbcircuit.models.core.SECULAR_CUTOFF` unless the model names its own; -1: the full,
non-secular Redfield equation). Every ``sec_cutoff=None`` here means ``model.sec_cutoff``.

The formulas themselves live in :mod:`qbcircuit.superoperators` (column-stacking
vectorisation: vec(A rho B) = (B^T kron A) vec(rho)); this module only reads the model.
Nothing here solves anything.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from qiskit.quantum_info import SparsePauliOp

from qbcircuit import superoperators
from qbcircuit.models.core import BatteryModel


def operator_matrix(op: SparsePauliOp) -> sp.csr_matrix:
    """An operator as a sparse matrix in Qiskit's (little-endian) basis order.

    Parameters
    ----------
    op : SparsePauliOp
        An operator on the model's register.

    Returns
    -------
    scipy.sparse.csr_matrix, shape (2^n, 2^n)
    """
    return sp.csr_matrix(op.to_matrix(sparse=True))


def hamiltonian_matrix(model: BatteryModel, t: float | None = None) -> sp.csr_matrix:
    """The model's Hamiltonian as a sparse matrix.

    Parameters
    ----------
    model : BatteryModel
    t : float, optional
        None: the static part H; a time: H(t) with the drives (the static part when the
        model has none).

    Returns
    -------
    scipy.sparse.csr_matrix, shape (d, d)
    """
    if t is None or not model.drives:
        return operator_matrix(model.hamiltonian)
    return operator_matrix(model.hamiltonian_at(t))


def lindblad_generator(model: BatteryModel, t: float | None = None) -> sp.csr_matrix:
    """-i[H, .] + sum_k rate_k D[L_k] of the model's Hamiltonian and jump operators.

    Redfield couplings are not included (see :func:`redfield_tensor`, :func:`generator`).

    Parameters
    ----------
    model : BatteryModel
    t : float, optional
        None: the static Hamiltonian; a time: H(t) with the drives.

    Returns
    -------
    scipy.sparse.csr_matrix, shape (d * d, d * d)
        On column-stacked vec(rho).
    """
    jumps = [(j.rate, operator_matrix(j.operator)) for j in model.jump_operators]
    return superoperators.lindblad_generator(hamiltonian_matrix(model, t), jumps)


def redfield_tensor(model: BatteryModel, sec_cutoff: float | None = None) -> np.ndarray:
    """The generator -i[H, .] + Bloch-Redfield + Lindblad parts of a time-independent model,
    dense, on column-stacked vec(rho) in the computational (Qiskit) basis.

    Parameters
    ----------
    model : BatteryModel
        A model without drives, of dimension <= ``superoperators.MAX_DIMENSION``.
    sec_cutoff : float, optional
        The secular cutoff (negative: none, the full Redfield equation); None: the
        model's own ``model.sec_cutoff``.

    Returns
    -------
    numpy.ndarray, shape (d * d, d * d)
    """
    if model.drives:
        raise ValueError(f"model {model.name!r}: the Redfield tensor needs a time-independent Hamiltonian (it has drives)")
    if sec_cutoff is None:
        sec_cutoff = model.sec_cutoff
    couplings = [(bath.operator.to_matrix(), bath.spectrum) for bath in model.redfield_couplings]
    lv = superoperators.redfield_tensor(model.hamiltonian.to_matrix(), couplings, sec_cutoff)
    for jump in model.jump_operators:
        if jump.rate != 0:
            lv += superoperators.lindblad_generator(None, [(jump.rate, jump.operator.to_matrix())])
    return lv


def generator(model: BatteryModel, sec_cutoff: float | None = None) -> sp.csr_matrix:
    """The model's time-independent generator, as the model asks for it: the Lindblad
    generator when it has no Redfield couplings, the Redfield tensor (with its Lindblad
    channels) when it has.

    Parameters
    ----------
    model : BatteryModel
        A model without drives.
    sec_cutoff : float, optional
        The secular cutoff of the Redfield tensor; None: ``model.sec_cutoff``. Ignored by
        Lindblad models.

    Returns
    -------
    scipy.sparse.csr_matrix, shape (d * d, d * d)
        On column-stacked vec(rho).
    """
    if model.drives:
        raise ValueError(
            f"model {model.name!r} has time-dependent drives: it has no time-independent generator "
            "(use lindblad_generator(model, t) for H(t))"
        )
    if not model.redfield_couplings:
        return lindblad_generator(model)
    return sp.csr_matrix(redfield_tensor(model, sec_cutoff))
