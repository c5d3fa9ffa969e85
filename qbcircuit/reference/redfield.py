"""An explicitly built Bloch-Redfield tensor, with a secular approximation that knows
about degenerate levels.

For H = sum_a E_a |a><a| and couplings A_alpha with spectra S_alpha(w) (w > 0: the system
gives energy w to the bath), in the eigenbasis and QuTiP's convention:

    d rho_ab / dt = -i w_ab rho_ab + sum_cd R_abcd rho_cd,
    R_abcd = 1/2 A_ac A_db [S(w_ca) + S(w_db)]
             - 1/2 delta_ac sum_k A_dk A_kb S(w_dk) - 1/2 delta_bd sum_k A_ak A_kc S(w_ck),

with w_ij = E_i - E_j (summed over the couplings). The secular approximation keeps the
terms with |w_ab - w_cd| < sec_cutoff * (smallest non-zero level spacing); a negative
sec_cutoff keeps all terms (the full, non-secular Redfield equation).

Why not only QuTiP's ``bloch_redfield_tensor``: it tests level spacings for exact zero,
so numerically degenerate levels (1.3 and 1.3 + 2e-16) make the smallest spacing ~1e-16
and the secular cut then drops the terms between degenerate transitions, which are the
ones that make collective jumps. Here spacings below ``DEGENERACY_TOL`` times the
spectral width count as zero. Also, in QuTiP 5.3.1 the non-secular terms are not
covariant under a change of basis (H -> U H U^+, A -> U A U^+ does not give
rho -> U rho U^+; off by ~1e-1) whenever the coupling's matrix elements in the
eigenbasis are complex; on real models it agrees with this tensor to 1e-15.
This tensor is checked in tests/reference/test_redfield.py against the operator form
(built independently from Lambda = sum_w S(w)/2 A(w):
d rho/dt = -i[H, rho] + Lambda rho A - A Lambda rho + h.c.), for covariance, against
QuTiP's on real models, and against the Lindblad equations it reduces to.
The principal-value (Lamb-shift) part is left out, as in QuTiP.
"""

from __future__ import annotations

import numpy as np
import scipy.linalg as la

from qbcircuit.models.core import BatteryModel

DEGENERACY_TOL = 1e-9
MAX_DIMENSION = 64  # the tensor is dense, d^4 entries


def redfield_tensor(model: BatteryModel, sec_cutoff: float | None = None) -> np.ndarray:
    """The generator -i[H, .] + Redfield + Lindblad parts, as a dense superoperator on
    column-stacked vec(rho) in the computational (Qiskit) basis.

    ``sec_cutoff`` None: the model's own (``model.sec_cutoff``; 0.1 if it names none), so
    a model that is a non-secular Redfield equation is solved as one by default."""
    if sec_cutoff is None:
        sec_cutoff = getattr(model, "sec_cutoff", 0.1)
    d = model.dimension
    if d > MAX_DIMENSION:
        raise ValueError(f"the explicit Redfield tensor is dense: dimension must be <= {MAX_DIMENSION}, got {d}")
    h = model.hamiltonian.to_matrix()
    energies, basis = la.eigh(h)
    width = max(1.0, float(np.ptp(energies)))
    w = energies[:, None] - energies[None, :]  # w[i, j] = E_i - E_j
    w[np.abs(w) < DEGENERACY_TOL * width] = 0.0

    r = np.zeros((d, d, d, d), dtype=complex)
    eye = np.eye(d)
    for bath in model.redfield_couplings:
        a = basis.conj().T @ bath.operator.to_matrix() @ basis
        s = np.vectorize(lambda x: float(bath.spectrum(float(x))))(w)  # s[i, j] = S(E_i - E_j)
        # 1/2 A_ac A_db [S(w_ca) + S(w_db)]
        r += 0.5 * np.einsum("ac,db->abcd", a, a) * (s.T[:, None, :, None] + s.T[None, :, None, :])
        x = np.einsum("dk,kb,dk->db", a, a, s)  # sum_k A_dk A_kb S(w_dk)
        y = np.einsum("ak,kc,ck->ac", a, a, s)  # sum_k A_ak A_kc S(w_ck)
        r -= 0.5 * np.einsum("ac,db->abcd", eye, x)
        r -= 0.5 * np.einsum("bd,ac->abcd", eye, y)

    if sec_cutoff >= 0:
        spacings = np.abs(w[w != 0])
        cutoff = sec_cutoff * (spacings.min() if spacings.size else np.inf)
        mismatch = np.abs(w[:, :, None, None] - w[None, None, :, :])
        r[mismatch >= cutoff] = 0.0
    for i in range(d):
        for j in range(d):
            r[i, j, i, j] += -1j * w[i, j]

    # Column-stacked index of rho_ab is a + d b.
    r_eig = r.transpose(1, 0, 3, 2).reshape(d * d, d * d)
    to_lab = np.kron(basis.conj(), basis)
    to_eig = np.kron(basis.T, basis.conj().T)
    lv = to_lab @ r_eig @ to_eig

    for jump in model.jump_operators:
        if jump.rate == 0:
            continue
        l = jump.operator.to_matrix()
        ldl = l.conj().T @ l
        lv += jump.rate * (np.kron(l.conj(), l) - 0.5 * np.kron(np.eye(d), ldl) - 0.5 * np.kron(ldl.T, np.eye(d)))
    return lv
