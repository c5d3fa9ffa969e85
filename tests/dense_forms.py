"""Master-equation generators built independently of qbcircuit.superoperators: column by
column from the action of the equation on the basis matrices |i><j|, with dense numpy
matrices only. The package's constructions (Kronecker products, an eigenbasis tensor) are
checked against these."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import scipy.linalg as la


def superoperator_of(action: Callable[[np.ndarray], np.ndarray], d: int) -> np.ndarray:
    """The matrix of the linear map ``action`` on column-stacked vec(rho) (rho_ij at i + d j)."""
    out = np.zeros((d * d, d * d), dtype=complex)
    for i in range(d):
        for j in range(d):
            rho = np.zeros((d, d), dtype=complex)
            rho[i, j] = 1
            out[:, i + d * j] = action(rho).reshape(-1, order="F")
    return out


def lindblad_action(h: np.ndarray | None, jumps: Sequence[tuple[float, np.ndarray]]):
    """rho -> -i[H, rho] + sum_k rate_k (L rho L^+ - {L^+ L, rho}/2)."""

    def action(rho: np.ndarray) -> np.ndarray:
        out = np.zeros_like(rho) if h is None else -1j * (h @ rho - rho @ h)
        for rate, l in jumps:
            ldl = l.conj().T @ l
            out = out + rate * (l @ rho @ l.conj().T - 0.5 * (ldl @ rho + rho @ ldl))
        return out

    return action


def lindblad_superoperator(h: np.ndarray | None, jumps: Sequence[tuple[float, np.ndarray]], d: int) -> np.ndarray:
    return superoperator_of(lindblad_action(h, jumps), d)


def redfield_operator_form(h: np.ndarray, couplings: Sequence[tuple[np.ndarray, Callable[[float], float]]]) -> np.ndarray:
    """The Redfield generator built from its operator form:
    d rho/dt = -i[H, rho] + sum_baths (Lambda rho A - A Lambda rho + h.c.),
    Lambda = sum_ab S(E_b - E_a)/2 A_ab |a><b| in the eigenbasis of H (no secular cut)."""
    d = h.shape[0]
    energies, v = la.eigh(h)
    pieces = []
    for a, spectrum in couplings:
        a_eig = v.conj().T @ a @ v
        lam_eig = np.array([[0.5 * spectrum(energies[j] - energies[i]) * a_eig[i, j] for j in range(d)] for i in range(d)])
        pieces.append((v @ lam_eig @ v.conj().T, a))

    def action(rho: np.ndarray) -> np.ndarray:
        drho = -1j * (h @ rho - rho @ h)
        for lam, a in pieces:
            half = lam @ rho @ a - a @ lam @ rho
            other = lam @ rho.conj().T @ a - a @ lam @ rho.conj().T  # so that the map is linear
            drho = drho + half + other.conj().T
        return drho

    return superoperator_of(action, d)


def model_redfield_operator_form(model) -> np.ndarray:
    """:func:`redfield_operator_form` of a model's Hamiltonian and Redfield couplings."""
    return redfield_operator_form(model.hamiltonian.to_matrix(),
                                  [(b.operator.to_matrix(), b.spectrum) for b in model.redfield_couplings])
