"""The exact answer for a named model and its parameters, as ``qbc exact`` gives it.

Two things a single solve of one built model does not do:

* a truncated mode chosen automatically (``model.truncated_mode.automatic``) is grown
  until the solution leaves its top levels empty (:func:`truncation.grow_mode`); the
  history is reported under ``info["truncation"]``;
* an ensemble (``model.realisations > 1``, e.g. seed 000's disorder) is averaged over
  the models built with ``seed_parameter`` = seed, seed + 1, ...: every figure comes with
  its standard error (``<name>_stderr``). The truncation found for the first realisation
  is used for all of them, and the largest tail over the ensemble is reported.

The maxima of an averaged time series are those of the mean curve on the time grid (a
maximum located between grid points would need every realisation re-evolved).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from qbcircuit.models import build_model
from qbcircuit.models.core import BatteryModel
from qbcircuit.reference.figures import SteadyStateFigures, TimeSeries, steady_state_figures, time_series
from qbcircuit.reference.truncation import TAIL_TOL, grow_mode


def realisation_models(name: str, params: Mapping[str, Any], first: BatteryModel | None = None) -> Iterator[BatteryModel]:
    """The ensemble's models: realisation r is built with seed_parameter = seed + r."""
    first = first or build_model(name, **params)
    yield first
    if first.realisations == 1:
        return
    key = first.seed_parameter
    seed = int(first.parameters[key])
    for r in range(1, first.realisations):
        yield build_model(name, **{**params, key: seed + r})


def mean_and_error(values: Sequence) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard error (of the mean) over the first axis; error 0 for one value."""
    v = np.asarray(values, dtype=float)
    err = v.std(axis=0, ddof=1) / np.sqrt(len(v)) if len(v) > 1 else np.zeros(v.shape[1:])
    return v.mean(axis=0), err


def _ensemble(name: str, params: Mapping[str, Any], first: BatteryModel, solve: Callable, say, progress):
    """Solve ``first`` (growing an automatic truncation), then the rest of its ensemble with
    the truncation fixed there; returns the model solved first and all results."""
    mode = first.truncated_mode
    if mode is not None and mode.automatic:
        result, first = grow_mode(lambda k: build_model(name, **{**params, mode.parameter: k}), solve, first, say=say)
        params = {**params, mode.parameter: len(first.truncated_mode.qubits)}
    else:
        result = solve(first)
    results = [result]
    for r, m in enumerate(realisation_models(name, params, first)):
        if r == 0:
            continue  # ``first``, solved above
        results.append(solve(m))
        if progress:
            progress(r + 1, first.realisations)
    if "truncation" in result.info and len(results) > 1:
        tails = [res.info["truncation"]["tail_population"] for res in results]
        result.info["truncation"]["tail_population"] = max(tails)
        result.info["truncation"]["converged"] = bool(max(tails) < result.info["truncation"]["tail_tol"])
    return first, results


def exact_time_series(
    name: str,
    params: Mapping[str, Any],
    times: Sequence[float],
    *,
    refine: bool = True,
    progress: Callable[[int, int], None] | None = None,
    say: Callable[[str], None] | None = None,
) -> TimeSeries:
    """``time_series`` of the model, with its automatic truncation grown and its ensemble
    (if any) averaged."""
    probe = build_model(name, **params)
    ensemble = probe.realisations > 1
    kwargs = {"sec_cutoff": probe.sec_cutoff}

    def solve(model: BatteryModel) -> TimeSeries:
        return time_series(model, times, refine=refine and not ensemble, progress=None if ensemble else progress, **kwargs)

    model, results = _ensemble(name, params, probe, solve, say, progress)
    if len(results) == 1:
        return results[0]
    first = results[0]
    series: dict[str, np.ndarray] = {}
    for key in first.series:
        series[key], series[f"{key}_stderr"] = mean_and_error([r.series[key] for r in results])
    averaged = TimeSeries(first.model, dict(model.parameters), first.energy_unit, first.time_unit, first.times, series,
                          info={**first.info, "realisations": len(results), "maxima": "of the mean curve, on the time grid"})
    for key in ("energy", "ergotropy", "power"):
        values = series[key]
        if np.any(np.isfinite(values)):
            k = int(np.nanargmax(values))
            averaged.maxima[key] = (float(first.times[k]), float(values[k]))
    return averaged


def exact_steady_state(
    name: str,
    params: Mapping[str, Any],
    *,
    progress: Callable[[int, int], None] | None = None,
    say: Callable[[str], None] | None = None,
    spectrum: bool = True,
) -> SteadyStateFigures:
    """``steady_state_figures`` of the model, with its automatic truncation grown and its
    ensemble (if any) averaged: degeneracy is the largest over the ensemble (-1 if any is
    unknown), the gap the smallest, the residual the largest. ``spectrum=False`` skips the
    Liouvillian's slow eigenvalues (gap and degeneracy unknown): only for unique kernels."""
    probe = build_model(name, **params)

    def solve(model: BatteryModel) -> SteadyStateFigures:
        return steady_state_figures(model, sec_cutoff=probe.sec_cutoff, spectrum=spectrum)

    model, results = _ensemble(name, params, probe, solve, say, progress)
    if len(results) == 1:
        return results[0]
    first = results[0]
    figures: dict[str, float] = {}
    for key in first.figures:
        mean, err = mean_and_error([r.figures[key] for r in results])
        figures[key], figures[f"{key}_stderr"] = float(mean), float(err)
    degeneracies = [r.degeneracy for r in results]
    return SteadyStateFigures(
        first.model, dict(model.parameters), first.energy_unit, figures,
        -1 if min(degeneracies) < 0 else max(degeneracies),
        min(r.gap for r in results), max(r.residual for r in results),
        {**first.info, "realisations": len(results)},
    )


__all__ = ["TAIL_TOL", "exact_steady_state", "exact_time_series", "mean_and_error", "realisation_models"]
