"""Which master equation the circuits realise: the model's Lindblad jumps as they are, or a
Redfield equation checked for complete positivity first.

A collision circuit is a sequence of channels, so what it converges to is a Lindblad
(GKSL) generator. The Redfield equation without secular approximation (seed 002,
``equation=redfield``) is not of that form: its Kossakowski matrix has negative
eigenvalues (about -0.07 lam at alpha = 0.1, resonant or not), exp(t L) is not
completely positive at short times, and no ancilla circuit realises it. Compiling it
silently would run something else; :func:`resolve_generator` refuses it with one line
and names the two completely positive approximations it offers:

* ``secular``: the Davies generator, the secular Lindblad equation of the same baths:
  for each coupling A and Bohr frequency w > 0 of H, the jump A(w) = sum over levels
  with E_b - E_a = w (degenerate transitions grouped) of A_ab |a><b| at rate S(w) and
  A(w)^+ at S(-w), plus A(0) at S(0); Lamb shifts are left out, as in the reference.
* ``clipped``: the canonical Lindblad form of the Redfield generator with its negative
  rates dropped: the Lindblad generator nearest to it in the Frobenius norm of the
  Kossakowski matrix (its Hamiltonian part, including any Lamb-shift-like term, kept).

A Redfield generator that is completely positive (a secular cut, for instance) is
compiled as it is, through its canonical Lindblad form.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np
import scipy.linalg as la
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.compile.dissipation.superoperators import lindblad_form
from qbcircuit.models.core import BatteryModel, JumpOperator
from qbcircuit.models.master_equation import redfield_tensor

APPROXIMATIONS = ("secular", "clipped")
#: Bohr frequencies closer than this (times the spectral width) are one transition.
DEGENERATE = 1e-9


@dataclass(frozen=True)
class ResolvedGenerator:
    """``model``: the model the circuits realise (jump operators only, no Redfield baths);
    ``form``: which master equation that is, in words, for reports; ``approximation``:
    None, ``secular`` or ``clipped``; ``min_rate``: the smallest canonical rate of the
    original generator (negative: not CP); ``dropped_weight``: the sum of the dropped
    negative rates (``clipped``)."""

    model: BatteryModel
    form: str
    approximation: str | None = None
    min_rate: float | None = None
    dropped_weight: float = 0.0


def _operator(matrix: np.ndarray) -> SparsePauliOp:
    return SparsePauliOp.from_operator(matrix).simplify(atol=1e-14)


def davies_jumps(model: BatteryModel) -> list[JumpOperator]:
    """The secular (Davies) Lindblad jumps of the model's Redfield baths."""
    energies, basis = la.eigh(model.hamiltonian.to_matrix())
    width = max(1.0, float(np.ptp(energies)))
    gaps = energies[None, :] - energies[:, None]  # gaps[a, b] = E_b - E_a: |a><b| lowers by it
    frequencies: list[float] = []
    for w in np.sort(gaps[gaps >= -DEGENERATE * width].ravel()):
        if not frequencies or w - frequencies[-1] > DEGENERATE * width:
            frequencies.append(float(max(w, 0.0)))
    jumps = []
    for bath in model.redfield_couplings:
        a = basis.conj().T @ bath.operator.to_matrix() @ basis
        for w in frequencies:
            mask = np.abs(gaps - w) <= DEGENERATE * width
            lowering = basis @ np.where(mask, a, 0.0) @ basis.conj().T
            if np.abs(lowering).max() < 1e-12:
                continue
            op = _operator(lowering)
            if w == 0.0:
                rate = float(bath.spectrum(0.0))
                if rate > 0:
                    jumps.append(JumpOperator(op, rate, f"{bath.label} dephasing (w=0)"))
                continue
            for operator, rate, what in ((op, bath.spectrum(w), "emission"), (op.adjoint(), bath.spectrum(-w), "absorption")):
                jumps.append(JumpOperator(operator, float(rate), f"{bath.label} {what} at w={w:.6g}"))
    return jumps


def resolve_generator(model: BatteryModel, approximation: str | None = None) -> ResolvedGenerator:
    """The Lindblad model the circuits realise (see the module docstring)."""
    if approximation is not None and approximation not in APPROXIMATIONS:
        raise ValueError(f"approximation must be one of {', '.join(APPROXIMATIONS)}, got {approximation!r}")
    if not model.redfield_couplings:
        return ResolvedGenerator(model, "lindblad (the model's jump operators)")
    if model.drives:
        raise ValueError(f"model {model.name!r}: a Redfield model with time-dependent drives cannot be compiled")
    form = lindblad_form(redfield_tensor(model), clip=True)  # at the model's own secular cutoff
    unit = model.energy_unit
    if form.completely_positive:
        jumps = tuple(JumpOperator(_operator(l), r, f"canonical jump {k}") for k, (r, l) in enumerate(zip(form.rates, form.jumps)))
        lindblad = dataclasses.replace(model, hamiltonian=_operator(form.hamiltonian), jump_operators=jumps,
                                       redfield_couplings=())
        return ResolvedGenerator(lindblad, "redfield (completely positive; its canonical Lindblad form)",
                                 None, form.min_rate)
    if approximation is None:
        raise ValueError(
            f"model {model.name!r}: its Redfield generator is not completely positive (Kossakowski "
            f"eigenvalue {form.min_rate:.3g} {unit} < 0), so no channel circuit realises it; choose "
            "approximation 'secular' (Davies: the secular Lindblad jumps of the same baths) or 'clipped' "
            f"(the nearest Lindblad generator: negative rates, total {form.negative_weight:.3g} {unit}, dropped)"
        )
    if approximation == "secular":
        jumps = tuple(model.jump_operators) + tuple(davies_jumps(model))
        lindblad = dataclasses.replace(model, jump_operators=jumps, redfield_couplings=())
        return ResolvedGenerator(lindblad, "secular (Davies) approximation of the Redfield equation",
                                 approximation, form.min_rate)
    jumps = tuple(JumpOperator(_operator(l), r, f"canonical jump {k}") for k, (r, l) in enumerate(zip(form.rates, form.jumps)))
    lindblad = dataclasses.replace(model, hamiltonian=_operator(form.hamiltonian), jump_operators=jumps,
                                   redfield_couplings=())
    return ResolvedGenerator(
        lindblad,
        f"nearest Lindblad form of the Redfield equation (negative rates, total {form.negative_weight:.3g} {unit}, dropped)",
        approximation, form.min_rate, form.negative_weight,
    )
