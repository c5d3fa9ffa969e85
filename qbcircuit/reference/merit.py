"""The review's figures of merit along an exact time series (RMP 96, 031001 (2024), seed 004).

:func:`qbcircuit.reference.time_series` adds these series to every model's answer
(:data:`MERIT_KEYS`), computed from the exact states, never by differentiating the curve:

* ``power_instantaneous``: P(t) = dW/dt = Tr[H_B d rho_B/dt] (Eq. 10), d rho_B/dt the partial
  trace of the master equation's right-hand side (closed or open);
* ``energy_variance``, ``energy_std``: Delta E_B^2 and Delta E_B (Eq. 45, the charging
  precision), ``energy_variance_local`` and ``energy_variance_entangled`` (Eqs. 22-23; nan
  when H_B has interaction terms, where the split is not defined);
* ``fisher_information_energy``: I_E (Julia-Farre et al.) and ``power_bound_instantaneous`` =
  sqrt(Delta E_B^2 I_E) >= P(t) (Eq. 24); ``power_bound_average`` = sqrt(<Delta E_B^2>_t
  <I_E>_t) >= W(t)/t. These hold for every model, open ones included;
* closed models only (nan for open ones): ``hamiltonian_variance`` Delta H^2 of the generator
  H(t), ``power_bound_variance`` = 2 sqrt(<Delta E_B^2>_t <Delta H^2>_t) >= W(t)/t (Eq. 43,
  with Robertson's factor 2); from a pure initial state also ``t_qsl`` (Mandelstam-Tamm form
  of Eq. 12, <= t) and ``power_bound_binder`` = W(t) E_max / L(t) >= W(t)/t (Eq. 14 for any
  t; E_max the norm of the generator on the space the solve holds: the reduced space's when
  the reference solves there, a tighter bound that still holds since the state never leaves
  it). :mod:`qbcircuit.metrics.bounds` states each bound and the readings taken.

:func:`charging_precision` gives Delta E_B at the energy maximum (the time of ``energy_max``),
reported as ``info["charging_precision"]``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from qbcircuit.metrics import bounds, energy_fisher_information, local_terms, partial_trace
from qbcircuit.metrics.variance import POPULATION_FLOOR, energy_variance
from qbcircuit.models.core import BatteryModel

#: The series this module adds to a time series.
MERIT_KEYS = ("power_instantaneous", "energy_variance", "energy_std", "energy_variance_local",
              "energy_variance_entangled", "fisher_information_energy", "power_bound_instantaneous",
              "power_bound_average", "hamiltonian_variance", "power_bound_variance", "t_qsl", "power_bound_binder")

#: Above this dimension the norm of the generator comes from two extreme eigenvalues (ARPACK).
DENSE_NORM_MAX = 2048


def _variance(rho: np.ndarray, h: np.ndarray, h2: np.ndarray | None = None) -> float:
    mean = float(np.einsum("ij,ji->", h, rho).real)
    square = float(np.einsum("ij,ji->", h @ h if h2 is None else h2, rho).real)
    return max(0.0, square - mean**2)


#: Above this battery dimension a non-diagonal H_B is not diagonalised for I_E (nan instead).
LEVELS_MAX_DIM = 2048


class _Levels:
    """The eigenspaces of H_B: populations p_k = Tr[Pi_k A] of any operator A (one product;
    read off the diagonal when H_B is diagonal, as for every battery of identical cells)."""

    def __init__(self, h: np.ndarray, tol: float = 1e-9):
        d = h.shape[0]
        self.diagonal = not np.any(np.abs(h - np.diag(np.diag(h))) > 1e-14)
        self.available = self.diagonal or d <= LEVELS_MAX_DIM
        if not self.available:
            return
        if self.diagonal:
            vals = np.real(np.diag(h))
            order = np.argsort(vals, kind="stable")
            self.vectors = None
        else:
            vals, self.vectors = np.linalg.eigh(h)
            order = np.arange(d)
        sorted_vals = vals[order]
        scale = tol * max(1.0, float(np.max(np.abs(vals))))
        levels = np.concatenate([[0], np.cumsum(np.diff(sorted_vals) > scale)])
        self.index = np.empty(d, dtype=int)
        self.index[order] = levels

    def populations(self, a: np.ndarray) -> np.ndarray:
        if self.diagonal:
            return self.from_diagonal(np.real(np.diag(a)))
        diag = np.sum(self.vectors.conj() * (a @ self.vectors), axis=0).real
        return np.bincount(self.index, weights=diag)

    def from_diagonal(self, diag: np.ndarray) -> np.ndarray:
        """Populations from the diagonal of A in H_B's (diagonal) basis."""
        return np.bincount(self.index, weights=np.asarray(diag, dtype=float))


#: d p_k/dt above this at a level of zero population makes I_E infinite (an open model pumping it).
RATE_FLOOR = 1e-10


def _norm_of(h) -> float:
    """Half the spectral width of a Hermitian matrix (dense or sparse)."""
    d = h.shape[0]
    if d <= DENSE_NORM_MAX:
        dense = h.toarray() if sp.issparse(h) else np.asarray(h)
        return bounds.generator_norm(np.linalg.eigvalsh(dense))
    from scipy.sparse.linalg import eigsh

    top = eigsh(sp.csr_matrix(h), k=1, which="LA", return_eigenvectors=False)[0]
    bottom = eigsh(sp.csr_matrix(h), k=1, which="SA", return_eigenvectors=False)[0]
    return float((top - bottom) / 2)


def _fisher_at_start(populations: np.ndarray, derivatives: np.ndarray) -> float:
    """I_E at t = 0, where the state usually fills one level: a level with p_k = 0 and
    dp_k/dt != 0 (incoherent pumping) makes it infinite (p_k ~ t, so (dp_k/dt)^2/p_k ~ 1/t);
    with p_k = 0 and dp_k/dt = 0 (unitary charging: p_k ~ t^2) its contribution is 0/0, a
    finite limit the state at t = 0 does not give: nan."""
    empty = populations <= POPULATION_FLOOR
    if np.any(np.abs(derivatives[empty]) > RATE_FLOOR):
        return float("inf")
    if np.any(empty):
        return float("nan")
    return energy_fisher_information(populations, derivatives)


def _assemble(times, power, variance, local, fisher, closed: dict | None, stored_energy) -> dict[str, np.ndarray]:
    t = np.asarray(times, dtype=float)
    # The time averages need I_E from t = 0: an undetermined limit there (nan) is taken as its
    # value at the next grid point (for unitary charging I_E(t) tends to a constant); an
    # infinite one makes <I_E>_t and the average bound infinite.
    averaged = fisher.copy()
    if averaged.size > 1 and np.isnan(averaged[0]):
        averaged[0] = averaged[1]
    with np.errstate(invalid="ignore"):
        instantaneous = bounds.instantaneous_bound(variance, fisher)
    out = {"power_instantaneous": power, "energy_variance": variance, "energy_std": np.sqrt(variance),
           "energy_variance_local": local, "energy_variance_entangled": variance - local,
           "fisher_information_energy": fisher,
           "power_bound_instantaneous": instantaneous,
           "power_bound_average": bounds.average_bound(t, variance, averaged)}
    nan = np.full(t.shape, np.nan)
    if closed is None:
        out.update(hamiltonian_variance=nan, power_bound_variance=nan, t_qsl=nan, power_bound_binder=nan.copy())
        return out
    vh = closed["hamiltonian_variance"]
    out["hamiltonian_variance"] = vh
    out["power_bound_variance"] = bounds.variance_bound(t, variance, vh)
    if closed.get("overlap") is not None:
        out["t_qsl"] = bounds.qsl_time(t, closed["overlap"], vh)
        out["power_bound_binder"] = bounds.binder_bound(stored_energy, closed["overlap"], closed["norm"])
    else:
        out["t_qsl"], out["power_bound_binder"] = nan, nan.copy()
    return out


# -- the full register ---------------------------------------------------------------------------
def register_figures(model: BatteryModel, times, evolution, stored_energy) -> dict[str, np.ndarray]:
    """The figures of merit from an evolution run with ``merit=True``.

    Parameters
    ----------
    model:
        The battery.
    times:
        The grid (from 0).
    evolution:
        :class:`~qbcircuit.reference.evolve.Evolution` with its ``merit`` records.
    stored_energy:
        W(t) on the grid.

    Returns
    -------
    dict
        name -> array (:data:`MERIT_KEYS`).
    """
    h = model.battery_hamiltonian.to_matrix()
    h2 = h @ h
    nb = len(model.battery_qubits)
    levels = _Levels(h)
    terms = local_terms(model.battery_hamiltonian, nb)
    power, variance, local, fisher = [], [], [], []
    for rho, drho in zip(evolution.battery_states, evolution.merit["battery_derivative"]):
        power.append(float(np.einsum("ij,ji->", h, drho).real))
        variance.append(_variance(rho, h, h2))
        if terms is None:
            local.append(np.nan)
        else:
            local.append(sum(_variance(partial_trace(rho, [q], nb), t) for q, t in enumerate(terms)))
        if not levels.available:
            fisher.append(np.nan)
            continue
        p, dp = levels.populations(rho), levels.populations(drho)
        fisher.append(_fisher_at_start(p, dp) if not fisher else energy_fisher_information(p, dp))
    closed = None
    if not model.is_open:
        m = evolution.merit
        closed = {"hamiltonian_variance": np.clip(m["h_square"] - m["h_mean"] ** 2, 0, None), "overlap": m.get("overlap")}
        if closed["overlap"] is not None:
            closed["norm"] = _register_norm(model, times)
    return _assemble(times, np.array(power), np.array(variance), np.array(local), np.array(fisher), closed,
                     np.asarray(stored_energy, dtype=float))


def _register_norm(model: BatteryModel, times) -> float:
    from qbcircuit.models.master_equation import hamiltonian_matrix

    if not model.drives:
        return _norm_of(hamiltonian_matrix(model))
    if model.dimension > 256:
        return float("nan")
    return max(_norm_of(hamiltonian_matrix(model, float(t))) for t in times)


# -- the symmetry-reduced space ------------------------------------------------------------------
def reduced_figures(model: BatteryModel, times, propagator, stored_energy) -> dict[str, np.ndarray]:
    """The figures of merit in a model's reduced space (closed, static).

    Parameters
    ----------
    model:
        A model with ``reduced``.
    times:
        The grid (from 0).
    propagator:
        The :class:`~qbcircuit.reference.collective.ReducedPropagator` of the series.
    stored_energy:
        W(t) on the grid (all copies).

    Returns
    -------
    dict
        name -> array (:data:`MERIT_KEYS`). With ``copies`` identical independent copies,
        variances, powers and Fisher informations add over the copies (for a qubit cell the
        total energy's distribution is binomial, whose Fisher information is copies times a
        cell's) and the overlap is a copy's to the power ``copies``.
    """
    from qbcircuit.reference.collective import battery_amplitudes

    space = propagator.space
    copies = space.copies
    h_b = space.battery_hamiltonian.toarray() if sp.issparse(space.battery_hamiltonian) else np.asarray(space.battery_hamiltonian)
    levels = _Levels(h_b)
    h_b2 = None if levels.diagonal else h_b @ h_b
    ladder = _ladder_splitting(h_b)
    h = sp.csr_matrix(space.hamiltonian)
    weights = [w for w, _ in space.components]
    initial = space.components[0][1] if len(space.components) == 1 else None
    power, variance, local, fisher, vh, overlap = [], [], [], [], [], []
    energies = np.real(np.diag(h_b)) if levels.diagonal else None
    for _, vecs in propagator.states_on_grid(np.asarray(times, dtype=float)):
        hvs = [h @ v for v in vecs]
        b = battery_amplitudes(space, vecs)
        bh = battery_amplitudes(space, hvs)
        if levels.diagonal:  # only the diagonals of rho_B and d rho_B/dt are needed: O(nnz)
            pops = np.asarray(abs(b).power(2).sum(axis=1)).ravel()
            dpops = 2 * np.asarray(bh.multiply(b.conjugate()).sum(axis=1)).ravel().imag
            mean = float(energies @ pops)
            var = max(0.0, float(energies**2 @ pops) - mean**2)
            power.append(copies * float(energies @ dpops))
            p, dp = levels.from_diagonal(pops), levels.from_diagonal(dpops)
        else:
            rho = (b @ b.conj().T).toarray()
            cross = (bh @ b.conj().T).toarray()
            drho = -1j * (cross - cross.conj().T)
            var = _variance(rho, h_b, h_b2)
            power.append(copies * float(np.einsum("ij,ji->", h_b, drho).real))
            pops = np.real(np.diag(rho))
            p, dp = (levels.populations(rho), levels.populations(drho)) if levels.available else (None, None)
        variance.append(copies * var)
        if copies > 1:
            local.append(copies * var)  # one cell per copy, copies independent
        elif ladder is not None:
            cells = h_b.shape[0] - 1
            q = float(pops @ np.arange(cells + 1)) / cells
            local.append(cells * ladder**2 * q * (1 - q))
        else:
            local.append(np.nan)
        if p is None:
            fisher.append(np.nan)
        else:
            fisher.append(copies * (_fisher_at_start(p, dp) if not fisher else energy_fisher_information(p, dp)))
        mean_h = sum(w * float(np.vdot(v, hv).real) for w, v, hv in zip(weights, vecs, hvs))
        square = sum(w * float(np.vdot(hv, hv).real) for w, hv in zip(weights, hvs))
        vh.append(copies * max(0.0, square - mean_h**2))
        if initial is not None:
            overlap.append(complex(np.vdot(initial, vecs[0])) ** copies)
    closed: dict[str, Any] = {"hamiltonian_variance": np.array(vh), "overlap": np.array(overlap) if initial is not None else None}
    if initial is not None:
        one = bounds.generator_norm(propagator.energies) if propagator.dense else _norm_of(h)
        closed["norm"] = copies * one
    return _assemble(times, np.array(power), np.array(variance), np.array(local), np.array(fisher), closed,
                     np.asarray(stored_energy, dtype=float))


def _ladder_splitting(h_b: np.ndarray) -> float | None:
    """epsilon when H_B on a Dicke ladder (index = excited cells) is e_0 + epsilon k, the
    restriction of a sum of identical single-cell terms epsilon n_i; None otherwise."""
    if h_b.shape[0] < 2 or np.max(np.abs(h_b - np.diag(np.diag(h_b)))) > 1e-12:
        return None
    e = np.real(np.diag(h_b))
    steps = np.diff(e)
    if np.max(np.abs(steps - steps[0])) > 1e-9 * max(1.0, float(np.max(np.abs(e)))):
        return None
    return float(steps[0])


# -- charging precision ----------------------------------------------------------------------------
def charging_precision(model: BatteryModel, t: float, energy: float, solver_reduced: bool,
                       sec_cutoff: float | None = None) -> dict[str, float]:
    """Delta E_B at time ``t`` (the energy maximum): the precision of the charge read there.

    Parameters
    ----------
    model:
        The battery.
    t:
        The time of the energy maximum.
    energy:
        W(t) there.
    solver_reduced:
        Solve in the model's reduced space (as the series was).
    sec_cutoff:
        The Redfield cutoff the series used.

    Returns
    -------
    dict
        ``t``, ``energy``, ``energy_variance``, ``energy_std`` and ``relative_std`` (Delta E_B / W).
    """
    if solver_reduced:
        from qbcircuit.reference.collective import ReducedPropagator, battery_amplitudes

        prop = ReducedPropagator(model.reduced)
        space = model.reduced
        b = battery_amplitudes(space, prop.states(float(t)))
        h_b = space.battery_hamiltonian.toarray() if sp.issparse(space.battery_hamiltonian) else np.asarray(space.battery_hamiltonian)
        var = space.copies * _variance((b @ b.conj().T).toarray(), h_b)
    else:
        from qbcircuit.reference.evolve import evolve

        if t > 0:
            rho = evolve(model, [0.0, float(t)], sec_cutoff=sec_cutoff).battery_states[-1]
        else:
            from qbcircuit.metrics import partial_trace as trace_out

            rho = trace_out(model.initial_state.density_matrix(), model.battery_qubits, model.num_qubits)
        var = energy_variance(rho, model.battery_hamiltonian.to_matrix())
    std = float(np.sqrt(var))
    return {"t": float(t), "energy": float(energy), "energy_variance": float(var), "energy_std": std,
            "relative_std": std / energy if energy > 0 else float("nan")}


def precision_from_series(times, series: dict[str, np.ndarray]) -> dict[str, float]:
    """The charging precision at the grid point of the largest energy (an ensemble's mean curve).

    Parameters
    ----------
    times:
        The grid.
    series:
        The (mean) series, with ``energy`` and ``energy_variance``.

    Returns
    -------
    dict
        As :func:`charging_precision`, with ``on`` saying where it was read.
    """
    k = int(np.nanargmax(series["energy"]))
    w, var = float(series["energy"][k]), float(series["energy_variance"][k])
    std = float(np.sqrt(max(var, 0.0)))
    return {"t": float(np.asarray(times)[k]), "energy": w, "energy_variance": var, "energy_std": std,
            "relative_std": std / w if w > 0 else float("nan"), "on": "the time grid, of the mean curves"}
