"""One estimation stack: measured distributions in, estimates with standard errors out.

Every figure a circuit run reports is estimated here, one implementation of each:

* :func:`expectation`: a diagonal observable (its values on the measured outcomes) from
  counts, from a mitigated quasi-distribution, or from exact probabilities; the shot-noise
  error is analytic (the primitive is :meth:`qbcircuit.run.Distribution.expectation`,
  which knows the linear mitigation algebra of a distribution: see below).
* :func:`combine`: the components of a mixture (the initial state's pure parts, run as
  separate circuits) averaged with their weights, errors added in quadrature.
* :func:`observable_estimate`: a Pauli sum measured in qubit-wise commuting settings
  (:func:`qbcircuit.compile.measurement.observable_plan`); :func:`energy_estimate`: the
  stored energy from Z-basis counts of the battery (diagonal H_B), and
  :func:`energy_variance_estimates`: the variance of the battery's energy (the charging
  precision, RMP 96, 031001, Eq. 45) and its local and entangled parts (Eqs. 22-23) from the
  same counts, with bootstrap errors.
* :func:`tomography_state`: Pauli tomography by linear inversion (Hermitian, unit trace,
  unbiased, possibly not positive) and :func:`physical_state`, the closest density matrix
  (Smolin, Gambetta, Smith, PRL 108, 070502 (2012)).
* :func:`tomography_figures`: the battery's figures from its tomography, through the
  model's own ``battery_figures`` (the one place for figures of merit), so measured and
  exact figures are the same functions of a state. Energy and battery energy are linear in
  the state and come from the linear-inversion estimate; the ergotropy and the model's
  figures need a state, so they use the closest physical state.
* :func:`bootstrap`: standard errors of any (nonlinear) function of distributions by
  multinomial resampling of every distribution's raw counts, the distribution's own
  mitigation applied to each resample, so readout-mitigated and extrapolated runs get
  their own error bars.

Inputs: a :class:`~qbcircuit.run.Distribution` (what a run gives: raw, readout-mitigated,
zero-noise extrapolated), a counts dictionary (bit strings, Qiskit order: the last
character is classical bit 0), or a probability vector (index bit i = classical bit i;
taken as exact: no shot noise). Mitigated distributions are quasi-probabilities, linear
in the counts; every estimator here that is linear in its inputs takes them unchanged.

Why :meth:`Distribution.expectation` stays in ``run/``: it is the mean and variance of a
linear statistic under the distribution's own structure (the terms c_k p_k of an
extrapolation, each with its shot count, and the per-bit inverse matrices of readout
mitigation, applied to the statistic rather than to the counts); nothing about it is
physics, and the run layer's mitigation is tested with it. Every estimator of a figure
calls it from here.

The run folder's analysis recipe (written by :mod:`qbcircuit.pipeline.plan`) is read by
:func:`point_figures` and :func:`figure_series`.
"""

from __future__ import annotations

import math

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any, Union

import numpy as np

from qbcircuit.run.distribution import Distribution, z_diagonal

#: Bootstrap resamples for the tomography figures' standard errors.
BOOTSTRAP_SAMPLES = 200

#: What the estimators take: a run's distribution, a counts dictionary, or exact probabilities.
Measured = Union[Distribution, Mapping[str, int], np.ndarray]


@dataclass(frozen=True)
class Estimate:
    """A measured value and its standard error (one standard deviation)."""

    value: float
    stderr: float

    def to_dict(self) -> dict:
        return {"value": self.value, "stderr": self.stderr}


def as_distribution(data: Measured, num_bits: int | None = None) -> Distribution:
    """A measured distribution from what the estimators accept.

    Parameters
    ----------
    data:
        A :class:`~qbcircuit.run.Distribution` (returned as it is), a counts dictionary
        (integer counts; keys are bit strings), or a probability vector over 2^k outcomes
        (exact: no shot noise).
    num_bits:
        The number of classical bits (default: from the keys or the vector's length).

    Returns
    -------
    Distribution
    """
    if isinstance(data, Distribution):
        return data
    if isinstance(data, Mapping):
        if num_bits is None:
            widths = {len(str(k).replace(" ", "")) for k in data}
            if len(widths) != 1:
                raise ValueError(f"counts keys must be bit strings of one length, got {sorted(data)[:3]}")
            num_bits = widths.pop()
        return Distribution.from_counts(data, num_bits)
    probs = np.asarray(data, dtype=float)
    if probs.ndim != 1 or probs.size < 2 or probs.size & (probs.size - 1):
        raise ValueError(f"a probability vector must have 2^k entries (k >= 1), got shape {probs.shape}")
    return Distribution.exact(probs)


def expectation(data: Measured, diagonal: Sequence[float]) -> Estimate:
    """Mean and shot-noise standard error of a diagonal observable.

    Parameters
    ----------
    data:
        The measured distribution (see the module docstring).
    diagonal:
        The observable's value on each outcome (index bit i = classical bit i).

    Returns
    -------
    Estimate
        Multinomial error sum_k c_k^2 Var_k / S_k (0 for exact probabilities), with the
        floor of :mod:`qbcircuit.run.distribution` when all shots agree.
    """
    diagonal = np.asarray(diagonal, dtype=float)
    d = as_distribution(data, int(np.log2(diagonal.size)))
    if diagonal.size != 2**d.num_bits:
        raise ValueError(f"diagonal must have 2^{d.num_bits} = {2**d.num_bits} entries, got {diagonal.size}")
    mean, stderr = d.expectation(diagonal)
    return Estimate(mean, stderr)


def combine(weights: Sequence[float], estimates: Sequence[Estimate]) -> Estimate:
    """The weighted average of independent estimates (the components of a mixture).

    Parameters
    ----------
    weights:
        One weight per estimate (a mixture's weights sum to 1).
    estimates:
        The components' estimates.

    Returns
    -------
    Estimate
        sum_k w_k x_k with error sqrt(sum_k (w_k s_k)^2).
    """
    if len(weights) != len(estimates):
        raise ValueError(f"weights must have one entry per estimate ({len(estimates)}), got {len(weights)}")
    mean, var = 0.0, 0.0
    for w, e in zip(weights, estimates):
        mean += w * e.value
        var += (w * e.stderr) ** 2
    return Estimate(mean, float(np.sqrt(var)))


def _component_estimate(parts: Sequence[Estimate]) -> Estimate:
    """Independent settings of one component: values add, variances add."""
    if len(parts) == 1:
        return parts[0]
    return Estimate(sum(p.value for p in parts), float(np.sqrt(sum(p.stderr**2 for p in parts))))


def energy_estimate(weights: Sequence[float], data: Sequence[Measured], diagonal: Sequence[float],
                    initial_energy: float) -> Estimate:
    """The stored energy from Z-basis counts of the battery (H_B diagonal).

    Parameters
    ----------
    weights:
        The mixture's weights, one per component.
    data:
        One Z-basis distribution of the battery qubits per component (classical bit j =
        battery qubit j).
    diagonal:
        H_B on the battery's computational basis states.
    initial_energy:
        Tr[H_B rho_B(0)], exact.

    Returns
    -------
    Estimate
        W = sum_k w_k <H_B>_k - initial_energy.
    """
    if len(data) != len(weights):
        raise ValueError(f"data must hold one distribution per component ({len(weights)}), got {len(data)}")
    total = combine(weights, [expectation(d, diagonal) for d in data])
    return Estimate(total.value - initial_energy, total.stderr)


def local_energy_estimate(weights: Sequence[float], data: Sequence[Mapping[str, int] | np.ndarray],
                          fields: Sequence[float], constant: float, initial_energy: float) -> Estimate:
    """The stored energy of a wide battery, H_B = constant + sum_j c_j Z_j, per shot.

    Parameters
    ----------
    weights:
        The mixture's weights, one per component.
    data:
        Per component: the Z-basis counts of the battery (bit strings, classical bit j =
        battery qubit j, the rightmost character bit 0), or the exact probability of reading
        1 on each bit (the noiseless circuit: no shot noise).
    fields, constant:
        c_j and the constant of H_B.
    initial_energy:
        Tr[H_B rho_B(0)].

    Returns
    -------
    Estimate
        W = sum_k w_k <H_B>_k - initial_energy; the error of the per-shot mean (the shots'
        z_j are correlated, so the variance is that of the whole per-shot value), with
        :func:`qbcircuit.run.distribution.unseen_floor` when every shot agreed.
    """
    from qbcircuit.run.distribution import unseen_floor

    if len(data) != len(weights):
        raise ValueError(f"data must hold one set of counts per component ({len(weights)}), got {len(data)}")
    c = np.asarray(fields, dtype=float)
    parts = []
    for measured in data:
        if isinstance(measured, Mapping):
            keys = [str(k).replace(" ", "") for k in measured]
            if {len(k) for k in keys} != {c.size}:
                raise ValueError(f"counts keys must be bit strings of {c.size} bits")
            shots = np.array(list(measured.values()), dtype=float)
            bits = (np.frombuffer("".join(keys).encode(), dtype=np.uint8).reshape(len(keys), c.size) - 48)[:, ::-1]
            values = constant + (1.0 - 2.0 * bits) @ c
            total = shots.sum()
            mean = float(shots @ values / total)
            var = max(float(shots @ (values - mean) ** 2 / total),
                      unseen_floor(np.array([-np.abs(c).sum(), np.abs(c).sum()]), int(total)) * total)
            parts.append(Estimate(mean, float(np.sqrt(var / total))))
        else:
            p1 = np.asarray(measured, dtype=float)
            parts.append(Estimate(float(constant + (1.0 - 2.0 * p1) @ c), 0.0))
    total = combine(weights, parts)
    return Estimate(total.value - initial_energy, total.stderr)


def _variance_values(weights: Sequence[float], quasi: Sequence[np.ndarray], diagonal: np.ndarray,
                     cells: Sequence[np.ndarray] | None) -> dict[str, float]:
    """Variance of H_B (and its split) of the mixture sum_c w_c q_c over the outcomes."""
    m1 = sum(w * float(q @ diagonal) for w, q in zip(weights, quasi))
    m2 = sum(w * float(q @ diagonal**2) for w, q in zip(weights, quasi))
    out = {"energy_variance": m2 - m1**2}
    if cells is not None:
        local = 0.0
        for h in cells:
            a = sum(w * float(q @ h) for w, q in zip(weights, quasi))
            b = sum(w * float(q @ h**2) for w, q in zip(weights, quasi))
            local += b - a**2
        out.update(energy_variance_local=local, energy_variance_entangled=out["energy_variance"] - local)
    return out


def cell_energy_diagonals(model) -> list[np.ndarray] | None:
    """The single-cell terms h_i of a diagonal H_B = sum_i h_i on the battery's outcomes (bit i =
    battery qubit i), or None when H_B has interaction terms (the split of Eqs. 22-23 is then
    not defined).

    Parameters
    ----------
    model:
        A battery model.

    Returns
    -------
    list of numpy.ndarray or None
        One array of 2^k values per cell.
    """
    from qbcircuit.metrics import local_terms

    k = len(model.battery_qubits)
    terms = local_terms(model.battery_hamiltonian, k)
    if terms is None:
        return None
    outcomes = np.arange(2**k)
    out = []
    for q, h in enumerate(terms):
        if abs(h[0, 1]) > 1e-12 or abs(h[1, 0]) > 1e-12:
            return None
        out.append(np.real(np.where((outcomes >> q) & 1, h[1, 1], h[0, 0])))
    return out


def energy_variance_estimates(weights: Sequence[float], data: Sequence[Measured], diagonal: Sequence[float],
                              cells: Sequence[Sequence[float]] | None = None, *,
                              bootstrap_samples: int = BOOTSTRAP_SAMPLES, seed: int = 0) -> dict[str, Estimate]:
    """The variance of the battery's energy from the same Z-basis counts as the energy.

    Parameters
    ----------
    weights:
        The mixture's weights, one per component.
    data:
        One Z-basis distribution of the battery qubits per component.
    diagonal:
        H_B on the battery's computational basis states.
    cells:
        The single-cell terms on the same outcomes (:func:`cell_energy_diagonals`), for the
        local and entangled parts; None leaves them out.
    bootstrap_samples:
        Resamples for the standard errors (0: none, e.g. for exact probabilities).
    seed:
        Seed of the resampling.

    Returns
    -------
    dict
        ``energy_variance`` (and ``energy_variance_local``, ``energy_variance_entangled``) ->
        Estimate. For the mixture: sum_c w_c <H_B^2>_c - (sum_c w_c <H_B>_c)^2.
    """
    if len(data) != len(weights):
        raise ValueError(f"data must hold one distribution per component ({len(weights)}), got {len(data)}")
    diagonal = np.asarray(diagonal, dtype=float)
    k = int(np.log2(diagonal.size))
    dists = [as_distribution(d, k) for d in data]
    cell_arrays = None if cells is None else [np.asarray(c, dtype=float) for c in cells]

    def values(quasi: Sequence[np.ndarray]) -> dict[str, float]:
        return _variance_values(weights, quasi, diagonal, cell_arrays)

    out = values([d.quasi_probabilities() for d in dists])
    if bootstrap_samples and any(d.shots > 0 for d in dists):
        errors = bootstrap(values, dists, samples=bootstrap_samples, seed=seed)
    else:
        errors = {key: 0.0 for key in out}
    return {key: Estimate(float(out[key]), float(errors[key])) for key in out}


def observable_estimate(plan, data: Sequence[Measured]) -> Estimate:
    """An observable measured by :func:`~qbcircuit.compile.measurement.observable_plan`.

    Parameters
    ----------
    plan:
        The :class:`~qbcircuit.compile.measurement.ObservablePlan`.
    data:
        One distribution (or counts dictionary) per circuit of the plan, in its order.

    Returns
    -------
    Estimate
        Per component, the sum over its settings (independent samples); the components
        combined with the plan's weights; plus the plan's exact constant.
    """
    if len(data) != len(plan.circuits):
        raise ValueError(f"data must hold one distribution per circuit ({len(plan.circuits)}), got {len(data)}")
    k = len(plan.qubits)
    parts: list[list[Estimate]] = [[] for _ in plan.weights]
    for setting, measured in zip(plan.settings, data):
        diagonal = np.zeros(2**k)
        for mask, coeff in setting.terms:
            diagonal += coeff * z_diagonal(k, [j for j in range(k) if mask[j]])
        parts[setting.component].append(expectation(as_distribution(measured, k), diagonal))
    total = combine(plan.weights, [_component_estimate(p) if p else Estimate(0.0, 0.0) for p in parts])
    return Estimate(total.value + plan.constant, total.stderr)


# -- tomography ------------------------------------------------------------------------------


def physical_state(rho: np.ndarray) -> np.ndarray:
    """The density matrix closest to a Hermitian, unit-trace matrix (Smolin et al. 2012).

    Parameters
    ----------
    rho:
        A linear-inversion estimate (Hermitian, unit trace, possibly with negative eigenvalues).

    Returns
    -------
    numpy.ndarray
        Negative eigenvalues set to zero and their weight spread over the others.
    """
    rho = 0.5 * (rho + rho.conj().T)
    vals, vecs = np.linalg.eigh(rho)
    vals = vals[::-1] / np.real(np.trace(rho))
    vecs = vecs[:, ::-1]
    d = vals.size
    lam = np.zeros(d)
    acc = 0.0
    i = d - 1
    while i >= 0 and vals[i] + acc / (i + 1) < 0:
        acc += vals[i]
        i -= 1
    lam[: i + 1] = vals[: i + 1] + acc / (i + 1)
    return (vecs * lam) @ vecs.conj().T


_PAULI = {
    "I": np.eye(2),
    "X": np.array([[0, 1], [1, 0]], dtype=complex),
    "Y": np.array([[0, -1j], [1j, 0]]),
    "Z": np.diag([1.0, -1.0]).astype(complex),
}


def _pauli_matrix(letters: str) -> np.ndarray:
    """letters[j] acts on qubit j (little-endian: qubit 0 is the rightmost Kronecker factor)."""
    out = np.array([[1.0 + 0j]])
    for letter in letters:
        out = np.kron(_PAULI[letter], out)
    return out


def _outcome_table(d: Distribution, width: int) -> tuple[np.ndarray, np.ndarray]:
    """(bits [outcomes, width], column j = classical bit j; weight of each outcome): the
    outcomes with a non-zero (quasi-)probability, in increasing index order."""
    if d.num_bits != width:
        raise ValueError(f"a tomography distribution must have {width} bits, got {d.num_bits}")
    q = d.quasi_probabilities()
    index = [x for x, v in enumerate(q) if v != 0.0]
    weights = np.array([float(q[x]) for x in index], dtype=float)
    if weights.sum() <= 0:
        raise ValueError("a tomography distribution must hold at least one shot")
    bits = np.array([[(x >> j) & 1 for j in range(width)] for x in index], dtype=int).reshape(-1, width)
    return bits, weights


def tomography_state(settings: Sequence[tuple[int, str]], weights: Sequence[float], data: Sequence[Measured]) -> np.ndarray:
    """The measured qubits' state by linear inversion of Pauli tomography.

    Parameters
    ----------
    settings:
        ``(component, basis)`` of each circuit (``TomographyPlan.settings``): ``basis[j]``
        is the basis of measured qubit j (classical bit j).
    weights:
        The mixture's weights, one per component.
    data:
        One distribution (or counts dictionary) per setting, in its order.

    Returns
    -------
    numpy.ndarray
        rho = sum_k w_k (I + sum_P <P>_k P) / 2^n: Hermitian, unit trace, unbiased, possibly
        not positive (:func:`physical_state` gives the closest density matrix). A Pauli
        string seen in several settings is averaged over them.
    """
    if len(data) != len(settings):
        raise ValueError(f"data must hold one distribution per setting ({len(settings)}), got {len(data)}")
    k = len(settings[0][1])
    sums: dict[tuple[int, str], list[float]] = {}
    for (comp, basis), measured in zip(settings, data):
        bits, n = _outcome_table(as_distribution(measured, k), k)
        shots = n.sum()
        # every Pauli string made of I and this setting's letters is estimated here
        for keep in product((False, True), repeat=k):
            if not any(keep):
                continue
            letters = "".join(b if kp else "I" for b, kp in zip(basis, keep))
            signs = 1.0 - 2.0 * (bits[:, np.array(keep)].sum(axis=1) % 2)
            value = float(n @ signs / shots)
            sums.setdefault((comp, letters), []).append(value)
    d = 2**k
    rho = np.zeros((d, d), dtype=complex)
    for comp, w in enumerate(weights):
        part = np.eye(d, dtype=complex)
        for (c, letters), values in sums.items():
            if c == comp:
                part += float(np.mean(values)) * _pauli_matrix(letters)
        rho += w * part / d
    return rho


def state_figures(model, rho_linear: np.ndarray, initial_energy: float,
                  qubits: Sequence[int] | None = None) -> dict[str, float]:
    """The battery's figures from a linear-inversion estimate of its state.

    Parameters
    ----------
    model:
        The battery model (its ``battery_hamiltonian`` and ``battery_figures``).
    rho_linear:
        The measured qubits' state by linear inversion (qubit j = ``qubits[j]``).
    initial_energy:
        Tr[H_B rho_B(0)].
    qubits:
        The measured qubits of the register (default: the battery's): the battery's and,
        when the tomography covered them, the model's figure qubits (whose reduced state
        the model's own figures read, e.g. the charger-battery concurrence).

    Returns
    -------
    dict
        ``model.battery_figures`` of the closest physical state (ergotropy, the model's
        own figures), with ``energy`` and ``battery_energy`` from the linear estimate.
    """
    from qbcircuit.metrics.states import partial_trace, partial_trace_operator

    h = model.battery_hamiltonian.to_matrix()
    battery = [int(q) for q in model.battery_qubits]
    qubits = battery if qubits is None else [int(q) for q in qubits]
    if qubits == battery:
        out = model.battery_figures(physical_state(rho_linear))
        e = float(np.real(np.trace(h @ rho_linear)))
    else:
        where = {q: j for j, q in enumerate(qubits)}
        state = physical_state(rho_linear)
        rho_b = partial_trace(state, [where[q] for q in battery], len(qubits))
        figure = list(model.figure_qubits)
        rho_f = partial_trace(state, [where[q] for q in figure], len(qubits)) if figure and all(
            q in where for q in figure) else None
        out = model.battery_figures(rho_b, rho_f)
        linear_b = partial_trace_operator(rho_linear, [where[q] for q in battery], len(qubits))
        e = float(np.real(np.trace(h @ linear_b)))
    out.update(energy=e - initial_energy, battery_energy=e)
    return out


def bootstrap(function: Callable[[list[np.ndarray]], Mapping[str, float] | float], data: Sequence[Measured], *,
              samples: int = BOOTSTRAP_SAMPLES, seed: int = 0) -> dict[str, float] | float:
    """Standard errors of a function of several distributions, by resampling their counts.

    Parameters
    ----------
    function:
        Takes one quasi-probability vector per distribution and returns a number or a
        dictionary of numbers.
    data:
        The distributions (each resampled multinomially from its own counts, its
        mitigation applied to every resample; exact ones are kept as they are).
    samples:
        Number of resamples (at least 2).
    seed:
        Seed of the resampling.

    Returns
    -------
    dict or float
        The standard deviation over the resamples (ddof = 1) of each value.
    """
    if samples < 2:
        raise ValueError(f"samples must be >= 2, got {samples}")
    dists = [as_distribution(d) for d in data]
    rng = np.random.default_rng(seed)
    draws = [function([d.resampled(rng).quasi_probabilities() for d in dists]) for _ in range(samples)]
    if isinstance(draws[0], Mapping):
        return {key: float(np.std([s[key] for s in draws], ddof=1)) for key in draws[0]}
    return float(np.std(draws, ddof=1))


def tomography_figures(model, settings: Sequence[tuple[int, str]], weights: Sequence[float], data: Sequence[Measured],
                       initial_energy: float, *, bootstrap_samples: int = BOOTSTRAP_SAMPLES,
                       seed: int = 0, qubits: Sequence[int] | None = None) -> dict[str, Estimate]:
    """The battery's figures from tomography of its qubits, with bootstrap errors.

    Parameters
    ----------
    model:
        The battery model (the measured qubits are its battery qubits, in order).
    settings, weights:
        As for :func:`tomography_state`.
    data:
        One distribution per setting.
    initial_energy:
        Tr[H_B rho_B(0)].
    bootstrap_samples:
        Resamples for the errors (0: no errors, e.g. for exact probabilities).
    seed:
        Seed of the resampling.
    qubits:
        The measured qubits (default: the battery's), as for :func:`state_figures`.

    Returns
    -------
    dict
        figure name -> Estimate (energy, battery_energy, ergotropy, the model's figures);
        errors are 0 when nothing was sampled.
    """
    k = len(settings[0][1]) if settings else 0
    dists = [as_distribution(d, k) for d in data]

    def figures(quasi: Sequence[np.ndarray]) -> dict[str, float]:
        return state_figures(model, tomography_state(settings, weights, [Distribution.exact(q) for q in quasi]),
                             initial_energy, qubits)

    values = state_figures(model, tomography_state(settings, weights, dists), initial_energy, qubits)
    if bootstrap_samples and any(d.shots > 0 for d in dists):
        errors = bootstrap(figures, dists, samples=bootstrap_samples, seed=seed)
    else:
        errors = {key: 0.0 for key in values}
    return {key: Estimate(float(values[key]), errors[key]) for key in values}


# -- the run folder's analysis recipe ---------------------------------------------------------


def point_figures(model, analysis: Mapping[str, Any], point: Mapping[str, Any],
                  distribution_of: Callable[[int], Distribution], *, exact_inputs: bool = False) -> dict[str, Estimate]:
    """The figures at one point of a run (one time, or the steady state).

    Parameters
    ----------
    model:
        The battery model (needed for tomography; may be None for the energy recipe).
    analysis:
        The run's recipe (``method``, ``qubits``, ``initial_energy``, ``points``, and for
        the energy recipe ``energy_diagonal``, for the local one ``energy_fields`` and
        ``energy_constant``), as :mod:`qbcircuit.pipeline.plan` writes it.
    point:
        One of ``analysis["points"]``: its circuits (indices), weights and settings.
    distribution_of:
        Circuit index -> its distribution (raw, mitigated, or exact); for the local recipe
        its counts, or its exact single-bit marginals.
    exact_inputs:
        The distributions are exact (the noiseless circuit): no bootstrap.

    Returns
    -------
    dict
        figure name -> Estimate.
    """
    if analysis.get("method", "energy") == "tomography":
        settings = [(int(c), b) for c, b in point["settings"]]
        return tomography_figures(model, settings, point["weights"], [distribution_of(i) for i in point["circuits"]],
                                  analysis["initial_energy"], bootstrap_samples=0 if exact_inputs else BOOTSTRAP_SAMPLES,
                                  qubits=analysis.get("qubits"))
    data = [distribution_of(i) for i in point["circuits"]]
    if analysis.get("method") == "local":
        return {"energy": local_energy_estimate(point["weights"], data, analysis["energy_fields"],
                                                analysis["energy_constant"], analysis["initial_energy"])}
    out = {"energy": energy_estimate(point["weights"], data, analysis["energy_diagonal"], analysis["initial_energy"])}
    # the charging precision from the same counts (H_B is diagonal in this recipe)
    cells = analysis.get("cell_energy_diagonals")
    if cells is None and model is not None:
        cells = cell_energy_diagonals(model)
    out.update(energy_variance_estimates(point["weights"], data, analysis["energy_diagonal"], cells,
                                         bootstrap_samples=0 if exact_inputs else BOOTSTRAP_SAMPLES))
    return out


def figure_series(model, analysis: Mapping[str, Any], distribution_of: Callable[[int], Distribution], mode: str,
                  *, exact_inputs: bool = False) -> dict[str, list]:
    """Every point's figures as lists: ``<key>`` and ``<key>_stderr`` (results.json's layout).

    Parameters
    ----------
    model, analysis, distribution_of, exact_inputs:
        As for :func:`point_figures`.
    mode:
        ``time_series`` (adds the average power W(t)/t, undefined at t = 0) or ``steady_state``.

    Returns
    -------
    dict
        key -> list over the points.
    """
    rows = [point_figures(model, analysis, p, distribution_of, exact_inputs=exact_inputs) for p in analysis["points"]]
    out: dict[str, list] = {}
    for key in rows[0]:
        out[key] = [r[key].value for r in rows]
        out[f"{key}_stderr"] = [r[key].stderr for r in rows]
    if mode == "time_series":
        times = [p["t"] for p in analysis["points"]]
        out["power"] = [w / t if t > 0 else None for w, t in zip(out["energy"], times)]
        out["power_stderr"] = [s / t if t > 0 else None for s, t in zip(out["energy_stderr"], times)]
    return out


def estimator_series(analysis: Mapping[str, Any], values: Sequence[Mapping[str, Any]], mode: str) -> dict[str, list]:
    """The estimator route's reading: the stored energy at every point from expectation values
    of H_B (one per mixture component), as results.json holds figures.

    Parameters
    ----------
    analysis:
        The recipe: ``initial_energy`` and ``points`` (``t``, ``circuits``: the value index
        of each component, ``weights``).
    values:
        Per circuit, ``evs`` and ``stds`` (the runtime Estimator's value of <H_B> and its
        standard error).
    mode:
        ``time_series`` (adds the average power W(t)/t).

    Returns
    -------
    dict
        ``energy``, ``energy_stderr`` (and ``power``, ``power_stderr``) over the points:
        W = sum_k w_k <H_B>_k - Tr[H_B rho_B(0)], errors in quadrature.
    """
    out: dict[str, list] = {"energy": [], "energy_stderr": []}
    for point in analysis["points"]:
        # a fit without a standard error reports inf (stored as null in strict JSON)
        parts = [Estimate(float(values[i]["evs"]), math.inf if values[i]["stds"] is None else float(values[i]["stds"]))
                 for i in point["circuits"]]
        total = combine(point["weights"], parts)
        out["energy"].append(total.value - float(analysis["initial_energy"]))
        out["energy_stderr"].append(total.stderr)
    if mode == "time_series":
        times = [p["t"] for p in analysis["points"]]
        out["power"] = [w / t if t > 0 else None for w, t in zip(out["energy"], times)]
        out["power_stderr"] = [s / t if t > 0 else None for s, t in zip(out["energy_stderr"], times)]
    return out


__all__ = [
    "BOOTSTRAP_SAMPLES",
    "Estimate",
    "as_distribution",
    "bootstrap",
    "cell_energy_diagonals",
    "combine",
    "energy_estimate",
    "energy_variance_estimates",
    "estimator_series",
    "expectation",
    "local_energy_estimate",
    "figure_series",
    "observable_estimate",
    "physical_state",
    "point_figures",
    "state_figures",
    "tomography_figures",
    "tomography_state",
]
