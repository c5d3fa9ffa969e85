"""One truncation mechanism: a truncated mode grows until the reported figures converge.

A bosonic mode of 2^k levels lives in k qubits (:class:`qbcircuit.models.core.TruncatedMode`).
A model builder only gives a cheap starting k (a closed-form estimate; building a model
never runs a solver). When the mode is ``automatic``, the exact reference solves the model
at k and at k + 1 (rebuilt by the mode's parameter) and compares the figures it reports:

    change(f) = max over the time grid of |f_{k+1}(t) - f_k(t)| / max(1, max_t |f_k|, max_t |f_{k+1}|)

for every battery figure f (energy, battery_energy, ergotropy, power for a time series, and
the model's own figures, except those of the mode itself: ``TruncatedMode.mode_figures``).
A steady state has one value per figure instead of a curve. When every change is below
:data:`TRUNCATION_TOL`, the answer is the one at k: one more qubit moves none of its
figures by more than the tolerance, and the report says by how much it moved each. Else k
grows by one and the comparison repeats, up to the parameter's limit; at the limit the
answer is the one at the largest k, reported as not converged (with a warning through
``say``), with the changes of the last step. The answer at k, not at k + 1, is kept: the
reported change is then its own truncation error (estimated by one more qubit), and the
maxima and the other realisations of an ensemble are solved at the smaller truncation
(the k + 1 solve is the dearest: seed 000, N = 3, 64 levels takes 84 s against 7 s at 32).

Why TRUNCATION_TOL = 1e-6, relative to max(1, the figure's scale): the reference is the
ground truth for circuits whose own errors are far larger (shot noise 1/sqrt(shots) is
1e-3 even at a million shots, and device noise is larger still), so a truncation error a
thousand times below the smallest of them can never be mistaken for a circuit's error;
and it stays four decades above the solvers' own noise (integration rtol 1e-10, atol
1e-12; steady-state residuals ~1e-10), so the growth never chases rounding. The
scale is the figure's own largest magnitude, so that large figures (a Dicke battery of
100 cells stores ~100 omega0) are held to a part per million; the floor of 1 (one unit of
the model, which every model takes as its paper's natural scale: a cell's splitting, a
coupling) keeps a figure that is zero (the ergotropy of a passive state, an efficiency
0/x) from comparing rounding noise with itself. Measured on seed 000 (coherent f = 2,
31 times to t = 15, this measure): N = 1, 16 -> 32 levels moves the curves by 4.3e-3 and
32 -> 64 by 8.1e-12; N = 3 (J = 1), 2.2e-2 and 3.0e-9. So 32 levels are chosen, and any
tolerance between 1e-8 and 1e-3 makes the same choice.

Points where a figure is not finite at either truncation (a power W/t at t = 0, an
efficiency of a battery that stored nothing) are left out of its change.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from qbcircuit.models.core import BatteryModel
from qbcircuit.models.registry import build_model

TRUNCATION_TOL = 1e-6


def with_parameters(model: BatteryModel, **changes: Any) -> BatteryModel:
    """The registered model ``model.name`` rebuilt with its parameters and ``changes``.

    Parameters
    ----------
    model:
        A model built by :func:`qbcircuit.models.build_model` (its ``parameters`` hold
        every value).
    changes:
        Parameters to change, e.g. ``cavity_qubits=5`` or ``seed=3``.

    Returns
    -------
    BatteryModel
        The new model.
    """
    try:
        return build_model(model.name, **{**model.parameters, **changes})
    except ValueError as err:
        if "unknown model" not in str(err):
            raise
        raise ValueError(f"model {model.name!r} is not registered, so it cannot be rebuilt with {changes} (an automatic "
                         "truncation or an ensemble rebuilds the model by name); fix the truncation or set "
                         "realisations=1") from None


def figure_change(a: Any, b: Any) -> float:
    """max |b - a| / max(1, max |a|, max |b|) over the finite points of two curves (or two
    numbers); 0 when no point is finite in both."""
    a, b = np.atleast_1d(np.asarray(a, dtype=float)), np.atleast_1d(np.asarray(b, dtype=float))
    ok = np.isfinite(a) & np.isfinite(b)
    if not ok.any():
        return 0.0
    scale = max(1.0, float(np.max(np.abs(a[ok]))), float(np.max(np.abs(b[ok]))))
    return float(np.max(np.abs(b[ok] - a[ok]))) / scale


def figure_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, float]:
    """:func:`figure_change` of every figure the two results share."""
    return {key: figure_change(before[key], after[key]) for key in before if key in after}


def fixed_report(model: BatteryModel) -> dict[str, Any] | None:
    """The truncation report of a model whose mode is not grown (None: no truncated mode)."""
    mode = model.truncated_mode
    if mode is None:
        return None
    report = {"parameter": mode.parameter, "levels": mode.levels, "mode_qubits": len(mode.qubits),
              "automatic": mode.automatic}
    if mode.exact:
        return {**report, "converged": True, "note": "exact: the model's dynamics never reach beyond these levels"}
    return {**report, "converged": None,
            "note": f"set by {mode.parameter}={len(mode.qubits)}, not checked ({mode.parameter}=0: grown automatically)"}


def grow(
    model: BatteryModel,
    solve: Callable[[BatteryModel], Any],
    figures_of: Callable[[Any], Mapping[str, Any]],
    *,
    tol: float = TRUNCATION_TOL,
    say: Callable[[str], None] | None = None,
    affordable: Callable[[Any], str | None] | None = None,
) -> tuple[Any, BatteryModel, dict[str, Any]]:
    """Grow ``model``'s automatic truncated mode until its figures converge (module docstring).

    Parameters
    ----------
    model:
        A registered model whose ``truncated_mode`` is automatic; its truncation is the
        starting one.
    solve:
        ``solve(model) -> result``: one exact solve at a fixed truncation.
    figures_of:
        ``figures_of(result) -> {name: curve or number}``: the figures the answer reports.
    tol:
        The tolerance on :func:`figure_change` (> 0).
    say:
        Called with a line per step that did not converge, and with a warning when the
        parameter's limit is reached first.
    affordable:
        ``affordable(bigger_model)`` -> None, or the reason the next truncation is beyond the
        machine's means (a cost check, :mod:`qbcircuit.reference.cost`): the growth then
        stops there, not converged, with that reason in the report's note.

    Returns
    -------
    (result, model, report)
        The answer (at the truncation chosen), its model, and the report for
        ``info["truncation"]``: levels, per-figure changes of the last step (``changes``,
        and their largest, ``change``), those of the mode's own figures (``mode_figures``),
        the steps taken (``history``) and ``converged``.
    """
    if not tol > 0:
        raise ValueError(f"tol must be > 0, got {tol}")
    mode = model.truncated_mode
    if mode is None or not mode.automatic:
        raise ValueError(f"model {model.name!r} has no automatic truncated mode to grow")
    limit_reason = None
    own = set(mode.mode_figures)
    result, history = solve(model), []
    changes: dict[str, float] = {}
    mode_changes: dict[str, float] = {}
    while True:
        k = len(model.truncated_mode.qubits)
        if k >= mode.max_qubits:
            converged = False
            break
        bigger = with_parameters(model, **{mode.parameter: k + 1})
        beyond = affordable(bigger) if affordable is not None else None
        if beyond:  # the next truncation is beyond the machine's means: stop here, not converged
            converged, limit_reason = False, beyond
            break
        bigger_result = solve(bigger)
        before, after = figures_of(result), figures_of(bigger_result)
        all_changes = figure_changes(before, after)
        changes = {f: c for f, c in all_changes.items() if f not in own}
        mode_changes = {f: c for f, c in all_changes.items() if f in own}
        worst = max(changes.values(), default=0.0)
        history.append({"levels": 2**k, "next": 2 ** (k + 1), "change": worst})
        if worst < tol:
            converged = True
            break
        if say:
            figure = max(changes, key=changes.get)
            say(f"{mode.parameter}: {2**k} -> {2 ** (k + 1)} levels moved {figure} by {worst:.1e} "
                f"(tolerance {tol:g}); checking {2 ** (k + 1)} against {2 ** (k + 2)} levels")
        model, result = bigger, bigger_result
    k = len(model.truncated_mode.qubits)
    report = {
        "parameter": mode.parameter, "levels": 2**k, "mode_qubits": k, "automatic": True,
        "converged": converged, "tolerance": tol,
        "checked_against": 2 ** (k + 1) if converged else None,
        "change": max(changes.values(), default=None) if changes else None,
        "changes": changes, "mode_figures": mode_changes, "history": history,
        "measure": "max over the grid of |f(2^(k+1) levels) - f(2^k levels)| / max(1, |f|), per figure",
    }
    if not converged and limit_reason:
        report["note"] = (f"{mode.parameter}={k + 1} is beyond the machine's means ({limit_reason}): the figures at "
                          f"{2**k} levels are the last step's, which moved them by 'change'")
        if say:
            say(f"warning: {model.name}: the truncation stopped at {2**k} levels, not converged: {limit_reason}")
    elif not converged:
        report["note"] = (f"{mode.parameter} reached its limit {mode.max_qubits}: the figures at {2**k} levels are "
                          "the last step's, which moved them by 'change'")
        if say:
            moved = f"; the last qubit moved them by {report['change']:.1e}" if report["change"] is not None else ""
            say(f"warning: {model.name}: the truncation did not converge within {2**k} levels "
                f"({mode.parameter}={k}, its limit){moved} (tolerance {tol:g})")
    return result, model, report
