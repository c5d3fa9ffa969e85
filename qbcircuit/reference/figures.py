"""The exact answer to the two questions asked of a battery: its figures along an evolution
(:func:`time_series`) and in its steady state (:func:`steady_state_figures`).

Figures: the stored energy W(t) = Tr[H_B rho_B(t)] - Tr[H_B rho_B(0)], the battery energy,
the ergotropy of the battery's reduced state, the average power W(t)/t, and the model's own
figures (e.g. seed 003's ergotropy ratio). Maxima of a time series are located between grid
points by re-evolving the model from the grid point before the maximum, not read off the grid.

Each entry point answers for the model as it describes itself:

* the master equation it asks for (``model.sec_cutoff``: -1 is the full Redfield equation);
* a truncated mode chosen automatically is grown one qubit at a time until the reported
  figures converge (:mod:`qbcircuit.reference.truncation`; ``info["truncation"]``);
* an ensemble (``model.realisations > 1``, e.g. seed 000's disorder) is averaged over its
  realisations (:mod:`qbcircuit.reference.ensemble`): every figure gets its standard error
  (``<name>_stderr``). The truncation is grown on the first realisation and used for all.
  The maxima of an averaged time series are those of the mean curve on the time grid (a
  maximum between grid points would need every realisation re-evolved).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qbcircuit.metrics import average_power, figure_units, power_unit, refine_maximum
from qbcircuit.models.core import BatteryModel
from qbcircuit.reference import collective, cost, evolve_jax, free_fermion, merit
from qbcircuit.reference.ensemble import mean_and_error, realisation_models
from qbcircuit.reference.evolve import evolve
from qbcircuit.reference.steady import steady_state
from qbcircuit.reference.truncation import TRUNCATION_TOL, fixed_report, grow
from qbcircuit.models.registry import parameters_text
from qbcircuit.results import TAG, Result, as_array, format_value

# "qutip" and "full" are one solver (QuTiP on the qubit register; "full" is its older name).
SOLVERS = ("auto", "qutip", "jax", "full", "reduced", "gaussian")
_MAXIMA = ("energy", "ergotropy", "power")


# --- result objects -----------------------------------------------------------------------
def _truncation_text(report: Any) -> str | None:
    if not isinstance(report, dict) or "levels" not in report:
        return None
    if report.get("converged") is None:
        return f"{report['levels']} levels (fixed, not checked)"
    if report.get("automatic") and report.get("change") is not None:
        verdict = "converged" if report["converged"] else "NOT converged"
        return f"{report['levels']} levels ({verdict}, last qubit moved the figures by {report['change']:.1e})"
    return f"{report['levels']} levels" + (" (exact)" if report.get("converged") else " (NOT converged)")


class _ExactResult(Result):
    """What the two exact results share: their file also names the info keys, so that
    ``from_dict`` tells them from the figures (``to_dict`` puts both at the top level)."""

    info: dict[str, Any]

    def _saved_extras(self) -> dict[str, Any]:
        return {"info_keys": list(self.info)}


@dataclass(repr=False, eq=False)
class TimeSeries(_ExactResult):
    """Figures along a time grid (the answer of :func:`time_series`).

    Attributes: ``times``; ``energy``, ``battery_energy``, ``ergotropy``, ``power`` (arrays,
    in ``units``); ``figures`` (``series``): every figure by name, the model's own and the
    ``<name>_stderr`` of an ensemble average included; ``maxima[name] = (t, value)``
    located between grid points; ``info``: how it was computed (solver, basis,
    ``truncation``, ``realisations``); ``units``.
    """

    kind = "time_series"

    model: str
    parameters: dict[str, Any]
    energy_unit: str
    time_unit: str
    times: np.ndarray
    series: dict[str, np.ndarray]
    maxima: dict[str, tuple[float, float]] = field(default_factory=dict)
    # How the series was computed (solver, reduced basis, the truncation, realisations ...).
    info: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.times = np.asarray(self.times, dtype=float)
        self.series = {key: np.asarray(values, dtype=float) for key, values in self.series.items()}

    @property
    def figures(self) -> dict[str, np.ndarray]:
        """Every figure by name (the same dict as ``series``)."""
        return self.series

    @property
    def energy(self) -> np.ndarray:
        """Stored energy W(t) = E_B(t) - E_B(0)."""
        return self.series["energy"]

    @property
    def battery_energy(self) -> np.ndarray:
        return self.series["battery_energy"]

    @property
    def ergotropy(self) -> np.ndarray:
        return self.series["ergotropy"]

    @property
    def power(self) -> np.ndarray:
        """Average power W(t)/t (nan at t = 0)."""
        return self.series["power"]

    @property
    def units(self) -> dict[str, str]:
        return figure_units(self.energy_unit, self.time_unit)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "model": self.model,
            "parameters": self.parameters,
            "units": {"energy": self.energy_unit, "time": self.time_unit, "power": power_unit(self.energy_unit, self.time_unit)},
            "times": self.times.tolist(),
        }
        for key, values in self.series.items():
            out[key] = [None if not np.isfinite(v) else float(v) for v in values]
        for key, (t, value) in self.maxima.items():
            out[f"{key}_max"] = value
            out[f"t_{key}_max"] = t
        out.update(self.info)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "TimeSeries":
        """The object :meth:`to_dict` (or ``save``) wrote."""
        times = as_array(data["times"])
        units = data.get("units", {})
        skip = {"model", "parameters", "units", "times", TAG, "format_version", "info_keys"}
        info_keys = set(data.get("info_keys", ()))
        series, maxima, info = {}, {}, {}
        for key, value in data.items():
            if key in skip or (key.startswith("t_") and key.endswith("_max") and key[2:] in data):
                continue
            if key in info_keys:
                info[key] = value
            elif key.endswith("_max") and f"t_{key}" in data:
                maxima[key[:-4]] = (_number(data[f"t_{key}"]), _number(value))
            elif "info_keys" not in data and not (isinstance(value, list) and len(value) == times.size):
                info[key] = value
            else:
                series[key] = as_array(value)
        return cls(data["model"], dict(data["parameters"]), units.get("energy", "1"), units.get("time", "1"),
                   times, series, maxima, info)

    def _summary(self) -> list[tuple[str, str]]:
        units, t = self.units, self.times
        out = [("model", repr(self.model)), ("parameters", parameters_text(self.model, self.parameters)),
               ("times", f"{t.size} points in [{t[0]:g}, {t[-1]:g}] {self.time_unit}")]
        for key in _MAXIMA:
            if key in self.maxima:
                tk, value = self.maxima[key]
                out.append((f"{key}_max", f"{format_value(value, units[key])} at t={format_value(tk, self.time_unit)}"))
            elif key in self.series:
                out.append((f"{key}_final", format_value(float(self.series[key][-1]), units[key])))
        if "realisations" in self.info:
            out.append(("realisations", str(self.info["realisations"])))
        text = _truncation_text(self.info.get("truncation"))
        if text:
            out.append(("truncation", text))
        return out


@dataclass(repr=False, eq=False)
class SteadyStateFigures(_ExactResult):
    """Figures of the steady state (the answer of :func:`steady_state_figures`).

    Attributes: ``figures`` (name -> value, the model's own and an ensemble's
    ``<name>_stderr`` included); ``energy``, ``battery_energy``, ``ergotropy``; ``gap`` (the
    Liouvillian gap, nan when not computed), ``degeneracy`` (dimension of its kernel; -1
    unknown), ``residual`` (||L rho||); ``info`` (``solver``: the path the steady state took,
    see :class:`qbcircuit.reference.steady.SteadyState`; ``truncation``, ``realisations``); ``units``.
    """

    kind = "steady_state"

    model: str
    parameters: dict[str, Any]
    energy_unit: str
    figures: dict[str, float]
    degeneracy: int
    gap: float
    residual: float
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def energy(self) -> float:
        """Stored energy of the steady state, relative to the initial state."""
        return self.figures["energy"]

    @property
    def battery_energy(self) -> float:
        return self.figures["battery_energy"]

    @property
    def ergotropy(self) -> float:
        return self.figures["ergotropy"]

    @property
    def solver_path(self) -> str | None:
        """The path the steady state took, in words (from ``info["solver"]``); None if unknown."""
        solver = self.info.get("solver")
        return _solver_text(solver) if isinstance(solver, dict) and "path" in solver else None

    @property
    def units(self) -> dict[str, str]:
        e = self.energy_unit
        return {"energy": e, "battery_energy": e, "ergotropy": e, "gap": e}

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "parameters": self.parameters,
            "units": {"energy": self.energy_unit, "liouvillian_gap": f"{self.energy_unit}"},
            **self.figures,
            "steady_state_degeneracy": self.degeneracy,
            # a degenerate kernel: the answer is the steady state reached from the model's
            # initial state, and another initial state can give another one
            "steady_state_unique": None if self.degeneracy < 0 else self.degeneracy == 1,  # -1: not computed
            "liouvillian_gap": self.gap,
            "gap": self.gap,
            "residual": self.residual,
            **self.info,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "SteadyStateFigures":
        """The object :meth:`to_dict` (or ``save``) wrote. Without the file's list of info
        keys, a number is a figure unless it is a realisation count."""
        skip = {"model", "parameters", "units", "steady_state_degeneracy", "steady_state_unique", "liouvillian_gap",
                "gap", "residual", TAG, "format_version", "info_keys"}
        if "info_keys" in data:
            info_keys = set(data["info_keys"])
        else:
            info_keys = {k for k, v in data.items()
                         if k == "realisations" or not (v is None or isinstance(v, (int, float)) and not isinstance(v, bool))}
        figures, info = {}, {}
        for key, value in data.items():
            if key in skip:
                continue
            if key in info_keys:
                info[key] = value
            else:
                figures[key] = _number(value)
        return cls(data["model"], dict(data["parameters"]), data.get("units", {}).get("energy", "1"), figures,
                   int(data["steady_state_degeneracy"]), _number(data["liouvillian_gap"]), _number(data["residual"]), info)

    def _summary(self) -> list[tuple[str, str]]:
        units = self.units
        out = [("model", repr(self.model)), ("parameters", parameters_text(self.model, self.parameters))]
        for key, value in self.figures.items():
            if key.endswith("_stderr") or key == "battery_energy":
                continue
            error = self.figures.get(f"{key}_stderr")
            text = format_value(value, units.get(key, ""))
            out.append((key, text if error is None else f"{text} +- {error:.2g}"))
        out += [("gap", format_value(self.gap, self.energy_unit)), ("degeneracy", str(self.degeneracy))]
        if self.solver_path:
            out.append(("solver", self.solver_path))
        if "realisations" in self.info:
            out.append(("realisations", str(self.info["realisations"])))
        text = _truncation_text(self.info.get("truncation"))
        if text:
            out.append(("truncation", text))
        return out


def _solver_text(solver: dict[str, Any]) -> str:
    """One line for the steady-state path taken (reference.steady.SteadyState.info)."""
    blocks = f", {solver['blocks']} blocks" if solver.get("blocks", 1) > 1 else ""
    unknowns = f"{solver.get('unknowns')} of {solver.get('dimension')} unknowns{blocks}"
    what = "sparse LU" if solver["path"] == "direct" else "matrix-free GMRES"
    return f"{what} on {unknowns}, {solver.get('steps')} resolvent steps"


def _number(value: Any) -> float:
    return float("nan") if value is None else float(value)


def _beyond(estimate: "cost.Cost", max_memory_gb: float | None) -> str | None:
    """None when the estimate passes :func:`cost.check`, else its one-line reason."""
    try:
        cost.check(estimate, max_memory_gb=max_memory_gb)
    except ValueError as exc:
        return str(exc)
    return None


# --- the entry points ---------------------------------------------------------------------
def time_series(
    model: BatteryModel,
    times: Sequence[float],
    *,
    refine: bool = True,
    progress: Callable[[int, int], None] | None = None,
    say: Callable[[str], None] | None = None,
    sec_cutoff: float | None = None,
    solver: str = "auto",
    truncation_tol: float = TRUNCATION_TOL,
    max_memory_gb: float | None = None,
) -> TimeSeries:
    """The exact figures of ``model`` along ``times`` (see the module docstring).

    Parameters
    ----------
    model:
        The battery. An automatic truncated mode is grown, an ensemble averaged; both
        rebuild the model by name and parameters (``build_model``).
    times:
        Increasing times from t = 0 (the initial state), at least two, in the model's
        time unit.
    refine:
        Locate the maxima of energy, ergotropy and power between grid points (an
        ensemble's maxima are those of the mean curve on the grid).
    progress:
        ``progress(done, total)``: along the grid, or per realisation for an ensemble.
    say:
        Called with one line per truncation step that did not converge, and a warning if
        the truncation's limit is reached first.
    sec_cutoff:
        Bloch-Redfield secular cutoff (-1: none); None: the model's own ``sec_cutoff``.
    solver:
        ``"qutip"`` (or its older name ``"full"``) evolves the qubit register with QuTiP;
        ``"jax"`` the register with dynamiqs on JAX (:mod:`qbcircuit.reference.evolve_jax`:
        a GPU when JAX sees one; time-independent Lindblad and closed models; ``pip install
        qbcircuit[gpu]``); ``"reduced"`` the model's symmetry-reduced space
        (:mod:`qbcircuit.reference.collective`); ``"gaussian"`` its free-fermion description
        (:mod:`qbcircuit.reference.free_fermion`); ``"auto"`` the reduced space or the
        free-fermion description when the model has one (both are exact, and checked against
        the register in the tests), else JAX when JAX sees a GPU and the model has at least
        ``evolve_jax.AUTO_MIN_DIMENSION`` levels and is supported, else QuTiP.
        ``info["solver"]`` says which ran: "reduced", "gaussian", "full" (QuTiP) or "jax"
        (with ``info["device"]``).
    truncation_tol:
        Tolerance of the truncation growth (:mod:`qbcircuit.reference.truncation`).
    max_memory_gb:
        The memory the solve may take (default: what is available now). The cost is
        estimated before any work (:mod:`qbcircuit.reference.cost`): a solve beyond it, or
        beyond ``cost.MAX_SOLVER_STEPS`` steps, is refused with a one-line ValueError; a
        long one is announced through ``say``; a truncation is not grown beyond it.

    Returns
    -------
    TimeSeries
        ``.times .energy .ergotropy .power .figures .maxima .info .units``.
    """
    if solver not in SOLVERS:
        raise ValueError(f"solver must be one of {', '.join(SOLVERS)}, got {solver!r}")
    times = np.asarray(times, dtype=float).ravel()
    if times.size < 2 or times[0] != 0 or not np.all(np.isfinite(times)) or np.any(np.diff(times) <= 0):
        raise ValueError("times must start at 0, increase strictly and hold at least two finite points")
    sec = model.sec_cutoff if sec_cutoff is None else sec_cutoff
    ensemble = model.realisations > 1
    cost.check(cost.estimate_time_series(model, times, solver), max_memory_gb=max_memory_gb, say=say)

    def affordable(m: BatteryModel) -> str | None:
        return _beyond(cost.estimate_time_series(m, times, solver), max_memory_gb)

    def solve(m: BatteryModel, refine_now: bool = False) -> TimeSeries:
        return _time_series(m, times, refine=refine_now, progress=None if ensemble else progress, sec_cutoff=sec,
                            solver=solver)

    mode = model.truncated_mode
    if mode is not None and mode.automatic:
        first, chosen, report = grow(model, solve, _curves, tol=truncation_tol, say=say, affordable=affordable)
        first.info["truncation"] = report
        if refine and not ensemble:
            first.maxima = _maxima(chosen, first, sec, solver)
        fixed = {mode.parameter: report["mode_qubits"]}
    else:
        first, fixed = solve(model, refine and not ensemble), {}
    first.parameters = dict(model.parameters)
    if not ensemble:
        solved = chosen if mode is not None and mode.automatic else model
        if refine and solver_for(solved, solver) in ("qutip", "reduced"):
            # Delta E_B at the energy maximum: the charging precision (review Sec. IV)
            t_e, w_e = first.maxima["energy"]
            first.info["charging_precision"] = merit.charging_precision(solved, t_e, w_e, _uses_reduced(solved, solver), sec)
        return first
    results = [first]
    if progress:
        progress(1, model.realisations)
    for r, m in enumerate(realisation_models(model, **fixed)):
        if r:
            results.append(solve(m))
            if progress:
                progress(r + 1, model.realisations)
    return _average_time_series(model, results)


def steady_state_figures(
    model: BatteryModel,
    *,
    spectrum: bool = True,
    sec_cutoff: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    say: Callable[[str], None] | None = None,
    truncation_tol: float = TRUNCATION_TOL,
    max_memory_gb: float | None = None,
) -> SteadyStateFigures:
    """The exact figures of the state ``model`` relaxes to from its initial state.

    Parameters
    ----------
    model:
        An open, time-independent battery. An automatic truncated mode is grown, an
        ensemble averaged (module docstring).
    spectrum:
        False skips the Liouvillian's slow eigenvalues (gap and degeneracy come back
        unknown: nan, -1); the state is the same projection of the initial state, degenerate
        kernels included (see reference.steady.steady_state).
    sec_cutoff:
        Bloch-Redfield secular cutoff (-1: none); None: the model's own ``sec_cutoff``.
    progress:
        ``progress(done, total)`` per realisation of an ensemble.
    say:
        As for :func:`time_series`.
    truncation_tol:
        Tolerance of the truncation growth.
    max_memory_gb:
        As for :func:`time_series`.

    Returns
    -------
    SteadyStateFigures
        ``.energy .ergotropy .figures .gap .degeneracy .residual .info .units``; an
        ensemble: the means, ``<name>_stderr``, the largest degeneracy (-1 if any is
        unknown), the smallest gap and the largest residual.
    """
    sec = model.sec_cutoff if sec_cutoff is None else sec_cutoff
    if model.has_register:  # (a reduced-only model is closed: steady_state refuses it in one line)
        cost.check(cost.estimate_steady_state(model), max_memory_gb=max_memory_gb, say=say)

    def affordable(m: BatteryModel) -> str | None:
        return _beyond(cost.estimate_steady_state(m), max_memory_gb)

    def solve(m: BatteryModel) -> SteadyStateFigures:
        return _steady_state(m, sec, spectrum)

    mode = model.truncated_mode
    if mode is not None and mode.automatic:
        first, _, report = grow(model, solve, lambda r: r.figures, tol=truncation_tol, say=say, affordable=affordable)
        first.info["truncation"] = report
        fixed = {mode.parameter: report["mode_qubits"]}
    else:
        first, fixed = solve(model), {}
    first.parameters = dict(model.parameters)
    if model.realisations == 1:
        return first
    results = [first]
    if progress:
        progress(1, model.realisations)
    for r, m in enumerate(realisation_models(model, **fixed)):
        if r:
            results.append(solve(m))
            if progress:
                progress(r + 1, model.realisations)
    return _average_steady_states(model, results)


def time_series_batch(
    models: Sequence[BatteryModel],
    times: Sequence[float],
    *,
    solver: str = "jax",
    refine: bool = True,
    sec_cutoff: float | None = None,
) -> list[TimeSeries]:
    """The exact figures of several models along one time grid, those that share a structure
    evolved as one batch on JAX (:func:`qbcircuit.reference.evolve_jax.evolve_batch`).

    Parameters
    ----------
    models:
        The batteries (e.g. the points of a sweep). Those that ``solver`` sends to JAX, with
        a fixed truncation and one realisation, are grouped by structure (dimension, jump
        operators, figure qubits) and each group solved in one call; the others go one by one
        through :func:`time_series`.
    times:
        As for :func:`time_series`.
    solver:
        As for :func:`time_series` (default "jax").
    refine:
        Locate each model's maxima between grid points (model by model, on the same solver).
    sec_cutoff:
        Bloch-Redfield secular cutoff for the models that go one by one; None: each model's own.

    Returns
    -------
    list of TimeSeries
        One per model, in order; a batched one says ``info["batch"]`` (the group's size).
    """
    models = list(models)
    times = np.asarray(times, dtype=float).ravel()
    if times.size < 2 or times[0] != 0 or not np.all(np.isfinite(times)) or np.any(np.diff(times) <= 0):
        raise ValueError("times must start at 0, increase strictly and hold at least two finite points")
    out: list[TimeSeries | None] = [None] * len(models)
    groups: dict[tuple, list[int]] = {}
    for i, m in enumerate(models):
        automatic = m.truncated_mode is not None and m.truncated_mode.automatic
        if (not automatic and m.realisations == 1 and evolve_jax.unsupported(m) is None
                and solver_for(m, solver) == "jax"):
            groups.setdefault(evolve_jax.structure(m), []).append(i)
        else:
            out[i] = time_series(m, times, refine=refine, sec_cutoff=sec_cutoff, solver=solver)
    for members in groups.values():
        evolutions = evolve_jax.evolve_batch([models[i] for i in members], times)
        described = evolve_jax.describe()
        for i, evo in zip(members, evolutions):
            m = models[i]
            info: dict[str, Any] = {"solver": "jax", **described, "batch": len(members)}
            report = fixed_report(m)
            if report is not None:
                info["truncation"] = report
            result = TimeSeries(m.name, dict(m.parameters), m.energy_unit, m.time_unit, times,
                                _register_series(m, times, evo), {}, info)
            if refine:
                result.maxima = _maxima(m, result, m.sec_cutoff, "jax")
            out[i] = result
    return out  # type: ignore[return-value]


# --- one solve at a fixed truncation ------------------------------------------------------
def _curves(result: TimeSeries) -> dict[str, np.ndarray]:
    # the truncation is grown on the battery's figures, not on the bounds and variances
    return {key: values for key, values in result.series.items() if key not in merit.MERIT_KEYS}


def _uses_reduced(model: BatteryModel, solver: str) -> bool:
    return solver == "reduced" or (solver == "auto" and model.reduced is not None)


def _uses_gaussian(model: BatteryModel, solver: str) -> bool:
    return solver == "gaussian" or (solver == "auto" and model.reduced is None and model.gaussian is not None)


def solver_for(model: BatteryModel, solver: str = "auto") -> str:
    """The solver :func:`time_series` runs ``model`` with: "reduced", "gaussian", "qutip" or "jax".

    Parameters
    ----------
    model:
        The battery.
    solver:
        One of SOLVERS (see :func:`time_series`).

    Returns
    -------
    str
        "reduced", "gaussian", "qutip" or "jax". ``auto`` asks JAX for a GPU only for models of at
        least ``evolve_jax.AUTO_MIN_DIMENSION`` levels that JAX can evolve (importing JAX).
    """
    if solver not in SOLVERS:
        raise ValueError(f"solver must be one of {', '.join(SOLVERS)}, got {solver!r}")
    if _uses_gaussian(model, solver):
        return "gaussian"
    if _uses_reduced(model, solver):
        return "reduced"
    if solver == "jax":
        return "jax"
    if (solver == "auto" and model.dimension >= evolve_jax.AUTO_MIN_DIMENSION and evolve_jax.unsupported(model) is None
            and evolve_jax.has_gpu()):
        return "jax"
    return "qutip"


def _evolve(model: BatteryModel, times, engine: str, sec_cutoff: float, **kwargs):
    if engine == "jax":
        kwargs.pop("progress", None)
        return evolve_jax.evolve(model, times, **kwargs)
    return evolve(model, times, sec_cutoff=sec_cutoff, **kwargs)


#: An evolved battery state whose trace differs from 1, or whose anti-Hermitian part is
#: larger than this (relative), is refused: the integration has failed.
STATE_TOL = 1e-6


def check_battery_states(model: BatteryModel, times: np.ndarray, states) -> None:
    """Refuse an evolution whose battery states are not states: non-finite entries, a trace
    off 1 or a Hermiticity defect beyond :data:`STATE_TOL` (a ValueError naming the
    quantity, its value and the time).

    Parameters
    ----------
    model:
        The model evolved (for the message).
    times:
        The grid.
    states:
        The battery's reduced states along the grid.
    """
    for t, rho in zip(times, states):
        rho = np.asarray(rho)
        if not np.all(np.isfinite(rho)):
            raise ValueError(f"time series of {model.name!r}: non-finite battery state at t = {t:.6g}")
        trace = complex(np.trace(rho))
        if abs(trace - 1) > STATE_TOL:
            raise ValueError(f"time series of {model.name!r}: battery state of trace {trace.real:.6g} at t = {t:.6g} "
                             f"(tolerance {STATE_TOL:g}): the integration failed")
        asymmetry = float(np.linalg.norm(rho - rho.conj().T))
        if asymmetry > STATE_TOL * max(1.0, float(np.linalg.norm(rho))):
            raise ValueError(f"time series of {model.name!r}: battery state not Hermitian at t = {t:.6g} "
                             f"(||rho - rho^+|| = {asymmetry:.3g}, tolerance {STATE_TOL:g})")


def check_finite_series(model: BatteryModel, times: np.ndarray, series: dict) -> None:
    """Refuse non-finite energies or ergotropies (a ValueError naming the figure and the time)."""
    for key in ("energy", "battery_energy", "ergotropy"):
        values = np.asarray(series.get(key, ()), dtype=float)
        bad = np.flatnonzero(~np.isfinite(values))
        if bad.size:
            raise ValueError(f"time series of {model.name!r}: {key} is {values[bad[0]]} at t = {times[bad[0]]:.6g}")


def _register_series(model: BatteryModel, times: np.ndarray, evo) -> dict[str, np.ndarray]:
    """The figures along an evolution of the register (QuTiP's or JAX's)."""
    check_battery_states(model, times, evo.battery_states)
    fig_states = evo.figure_states if evo.figure_states is not None else [None] * len(times)
    rows = [model.battery_figures(rho, fs) for rho, fs in zip(evo.battery_states, fig_states)]
    series = {key: np.array([r[key] for r in rows]) for key in rows[0]}
    series["power"] = average_power(times, series["energy"])
    return series


def _time_series(model: BatteryModel, times: np.ndarray, *, refine: bool, progress, sec_cutoff: float,
                 solver: str) -> TimeSeries:
    engine = solver_for(model, solver)
    if engine == "gaussian":
        series, info, maxima = free_fermion.gaussian_series(model, times, refine=refine, progress=progress)
        _without_merit(series, info, times, "the free-fermion solver")
    elif engine == "reduced":
        series, info, prop = collective.reduced_series(model, times, progress=progress)
        series.update(merit.reduced_figures(model, times, prop, series["energy"]))
        maxima = collective.reduced_maxima(prop, times, series) if refine else {}
    else:
        evo = _evolve(model, times, engine, sec_cutoff, progress=progress, **({} if engine == "jax" else {"merit": True}))
        if engine == "jax" and progress:
            progress(times.size, times.size)
        series = _register_series(model, times, evo)
        info = {"solver": "jax", **evolve_jax.describe()} if engine == "jax" else {"solver": "full"}
        if getattr(evo, "merit", None) is not None:
            series.update(merit.register_figures(model, times, evo, series["energy"]))
        else:  # the JAX solver records none of them
            _without_merit(series, info, times, "the JAX solver")
        maxima = {}
    check_finite_series(model, times, series)
    report = fixed_report(model)
    if report is not None:
        info["truncation"] = report
    result = TimeSeries(model.name, dict(model.parameters), model.energy_unit, model.time_unit, times, series,
                        maxima, info)
    if refine and not maxima:
        result.maxima = _maxima(model, result, sec_cutoff, solver)
    return result


def _without_merit(series: dict, info: dict, times: np.ndarray, solver_name: str) -> None:
    """The review's figures of merit as not computed (nan, so every series has the same keys),
    and a note saying so."""
    for key in merit.MERIT_KEYS:
        series.setdefault(key, np.full(times.size, np.nan))
    info["figures_of_merit"] = (f"not computed by {solver_name} (nan): solver='qutip' computes them on the "
                                "qubit register, up to about 12 qubits")


def _maxima(model: BatteryModel, result: TimeSeries, sec_cutoff: float, solver: str) -> dict[str, tuple[float, float]]:
    """The maxima of ``result`` (a solve of ``model``) located between its grid points."""
    engine = solver_for(model, solver)
    if engine == "gaussian":
        return free_fermion.gaussian_series(model, result.times, refine=True)[2]
    if engine == "reduced":
        return collective.reduced_maxima(collective.ReducedPropagator(model.reduced), result.times, result.series)
    starts: dict[int, Any] = {}  # grid index -> state there (maxima at the same point share one evolution)
    return {key: _refined_maximum(model, result.times, result.series, key, sec_cutoff, starts, engine)
            for key in _MAXIMA}


def _refined_maximum(model, times, series, key, sec_cutoff, starts, engine="qutip") -> tuple[float, float]:
    values = series[key]
    if not np.any(np.isfinite(values)):
        return (float("nan"), float("nan"))
    k = int(np.nanargmax(values))
    lo = max(k - 1, 0)
    if times[lo] == 0 and key == "power":
        lo = 1  # W(t)/t is not defined at t = 0
    if lo not in starts:
        # JAX compiles once per grid length: every evolution here is a two-point grid
        grid = [times[0], times[lo]] if engine == "jax" else times[: lo + 1]
        starts[lo] = _evolve(model, grid, engine, sec_cutoff).final_state if lo > 0 else model.initial_state
    start = starts[lo]

    def figure_at(t: float) -> float:
        if t <= times[lo]:
            return float(values[lo])
        evo = _evolve(model, [times[lo], t], engine, sec_cutoff, initial_state=start)
        fig = None if evo.figure_states is None else evo.figure_states[-1]
        value = model.battery_figures(evo.battery_states[-1], fig)["energy" if key == "power" else key]
        return value / t if key == "power" else value

    window = times[lo : min(k + 2, times.size)]
    window_values = values[lo : min(k + 2, times.size)]
    t_best, v_best = refine_maximum(figure_at, window, window_values)
    return float(t_best), float(v_best)


def _steady_state(model: BatteryModel, sec_cutoff: float, spectrum: bool) -> SteadyStateFigures:
    ss = steady_state(model, sec_cutoff=sec_cutoff, spectrum=spectrum)
    figures = model.battery_figures(ss.battery_state, ss.figure_state)
    for key in ("energy", "battery_energy", "ergotropy"):
        if key in figures and not np.isfinite(figures[key]):
            raise ValueError(f"steady state of {model.name!r}: {key} is {figures[key]}")
    report = fixed_report(model)
    info: dict[str, Any] = {"solver": ss.info}
    if report is not None:
        info["truncation"] = report
    return SteadyStateFigures(model.name, dict(model.parameters), model.energy_unit, figures, ss.degeneracy, ss.gap,
                              ss.residual, info)


# --- ensemble averages --------------------------------------------------------------------
def _ensemble_info(first_info: dict[str, Any], count: int) -> dict[str, Any]:
    info = {**first_info, "realisations": count}
    if isinstance(info.get("truncation"), dict) and info["truncation"].get("automatic"):
        info["truncation"] = {**info["truncation"], "checked_on": "the first realisation; the others use its truncation"}
    return info


def _average_time_series(model: BatteryModel, results: list[TimeSeries]) -> TimeSeries:
    first = results[0]
    series: dict[str, np.ndarray] = {}
    for key in first.series:
        series[key], series[f"{key}_stderr"] = mean_and_error([r.series[key] for r in results])
    info = {**_ensemble_info(first.info, len(results)), "maxima": "of the mean curve, on the time grid"}
    info["charging_precision"] = merit.precision_from_series(first.times, series)
    averaged = TimeSeries(first.model, dict(model.parameters), first.energy_unit, first.time_unit, first.times, series,
                          info=info)
    for key in _MAXIMA:
        values = series[key]
        if np.any(np.isfinite(values)):
            k = int(np.nanargmax(values))
            averaged.maxima[key] = (float(first.times[k]), float(values[k]))
    return averaged


def _average_steady_states(model: BatteryModel, results: list[SteadyStateFigures]) -> SteadyStateFigures:
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
        _ensemble_info(first.info, len(results)),
    )
