"""Circuit results beside the exact dynamics, and the distance between them, split in two.

measured - exact = (ideal - exact) + (measured - ideal):
- Trotter error: the noiseless circuit (its exact outcome probabilities, no shots) against
  the exact master-equation solution: what the compiled circuit itself gets wrong
  (product-formula and collision-model error);
- noise error: the measured values against the noiseless circuit: device noise plus
  shot noise (the report gives the standard errors, so a user can tell which dominates).
Deviations are absolute, in the model's units, max and mean over the time grid (points
where a figure is undefined, such as the power W(t)/t at t = 0, are skipped).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


def values_array(values) -> np.ndarray:
    """A figure's values as a float array.

    Parameters
    ----------
    values:
        A list (None for an undefined point) or one number.

    Returns
    -------
    numpy.ndarray
        At least one-dimensional, nan where a value is None.
    """
    return np.array([np.nan if v is None else v for v in np.atleast_1d(values)], dtype=float)


def deviation(a, b) -> dict[str, float]:
    """max and mean of |a - b| over the points where both are defined.

    Parameters
    ----------
    a, b:
        Values on the same points (None or nan where undefined), or two numbers.

    Returns
    -------
    dict
        ``{"max": ..., "mean": ...}`` (nan when no point has both).
    """
    diff = np.abs(values_array(a) - values_array(b))
    diff = diff[np.isfinite(diff)]
    if diff.size == 0:
        return {"max": float("nan"), "mean": float("nan")}
    return {"max": float(diff.max()), "mean": float(diff.mean())}


def _headline(by_key: dict[str, dict[str, float]] | None, key: str) -> dict[str, Any] | None:
    """The first figure's max and mean at the top (what a user reads first), all figures below."""
    if by_key is None:
        return None
    return {**by_key[key], "key": key, "by_key": by_key}


@dataclass
class Comparison:
    """One model's figures: exact, measured (per mitigation variant, with standard errors)
    and, when known, the noiseless circuit's. ``times`` is None for steady states."""

    model: str
    parameters: dict[str, Any]
    backend: str
    keys: list[str]
    units: dict[str, str]
    times: np.ndarray | None
    exact: dict[str, np.ndarray]
    measured: dict[str, dict[str, np.ndarray]]
    ideal: dict[str, np.ndarray] | None = None
    circuit: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    # how the run was made, for the report (steady state: t_relax, the gap, the exact
    # figures at t_relax; open models: the master equation the circuits realise)
    info: dict[str, Any] = field(default_factory=dict)
    # the exact figures on a dense grid ("times" and each key), drawn as the exact curve
    exact_curve: dict[str, Any] | None = None

    @classmethod
    def from_report(cls, report: dict[str, Any]) -> "Comparison":
        """The comparison a report was written from (``report.json``, :meth:`to_dict`).

        Parameters
        ----------
        report:
            A report as :meth:`to_dict` gives it (and ``report.json`` holds).

        Returns
        -------
        Comparison
            With the same figures, variants, circuit statistics, notes and info.
        """
        time_series = report.get("mode", "time_series") == "time_series"
        keys = list((report.get("deviation") or {}).get("by_key", {}))

        def strip(series: dict[str, Any] | None) -> dict[str, Any] | None:
            return None if series is None else {k: v for k, v in series.items() if k != "times"}

        exact = report["exact"]
        return cls(
            model=report["model"],
            parameters=report.get("parameters", {}),
            backend=report["backend"],
            keys=keys,
            units=report.get("units", {}),
            times=np.asarray(report["measured"]["times"], dtype=float) if time_series else None,
            exact={k: exact[k] for k in keys},
            measured={v: strip(block["measured"]) for v, block in report["mitigation"].items()},
            ideal=strip(report.get("ideal_circuit")),
            circuit=report.get("circuit", {}),
            notes=report.get("notes", []),
            info=report.get("info") or {},
            exact_curve=report.get("exact_curve"),
        )

    @property
    def variants(self) -> list[str]:
        return list(self.measured)

    @property
    def best_variant(self) -> str:
        """The most mitigated variant the run has (the one a user reports)."""
        for name in ("readout+zne", "zne", "readout", "raw"):
            if name in self.measured:
                return name
        return self.variants[0]

    def deviations(self, variant: str | None = None) -> dict[str, dict[str, float]]:
        data = self.measured[variant or self.best_variant]
        return {k: deviation(data[k], self.exact[k]) for k in self.keys}

    def trotter_error(self) -> dict[str, dict[str, float]] | None:
        if self.ideal is None:
            return None
        return {k: deviation(self.ideal[k], self.exact[k]) for k in self.keys}

    def noise_error(self, variant: str | None = None) -> dict[str, dict[str, float]] | None:
        if self.ideal is None:
            return None
        data = self.measured[variant or self.best_variant]
        return {k: deviation(data[k], self.ideal[k]) for k in self.keys}

    def mean_stderr(self, variant: str | None = None) -> dict[str, float]:
        data = self.measured[variant or self.best_variant]
        out = {}
        for k in self.keys:
            s = values_array(data.get(f"{k}_stderr", [np.nan]))
            out[k] = float(np.nanmean(s)) if np.any(np.isfinite(s)) else float("nan")
        return out

    def to_dict(self) -> dict[str, Any]:
        def series(d: dict[str, np.ndarray]) -> dict[str, Any]:
            out: dict[str, Any] = {}
            if self.times is not None:
                out["times"] = self.times.tolist()
            for k, v in d.items():
                arr = values_array(v)
                values = [None if not np.isfinite(x) else float(x) for x in arr]
                out[k] = values if self.times is not None else values[0]
            return out

        best = self.best_variant
        return {
            "model": self.model,
            "parameters": self.parameters,
            "backend": self.backend,
            "mode": "time_series" if self.times is not None else "steady_state",
            "units": self.units,
            "measured": series(self.measured[best]),
            "measured_variant": best,
            "exact": series(self.exact),
            "ideal_circuit": series(self.ideal) if self.ideal is not None else None,
            "deviation": _headline(self.deviations(best), self.keys[0]),
            "trotter_error": _headline(self.trotter_error(), self.keys[0]),
            "noise_error": _headline(self.noise_error(best), self.keys[0]),
            "stderr_mean": self.mean_stderr(best),
            "mitigation": {v: {"deviation": self.deviations(v), "measured": series(self.measured[v])} for v in self.variants},
            "circuit": self.circuit,
            "master_equation": self.circuit.get("master_equation"),
            "info": self.info,
            "notes": self.notes,
            "exact_curve": self._curve(),
        }

    def _curve(self) -> dict[str, Any] | None:
        if self.exact_curve is None:
            return None
        return {k: [None if not np.isfinite(x) else float(x) for x in values_array(self.exact_curve[k])]
                for k in ["times", *self.keys] if k in self.exact_curve}

    def text(self) -> str:
        lines = [f"{self.model} ({', '.join(f'{k}={v}' for k, v in self.parameters.items())}) on {self.backend}"]
        if self.circuit.get("master_equation"):
            lines.append(f"master equation run: {self.circuit['master_equation']}")
        if self.circuit:
            lines.append("circuit: " + ", ".join(f"{k} {v}" for k, v in self.circuit.items()))
        trotter, stderr = self.trotter_error(), self.mean_stderr()
        for k in self.keys:
            unit = self.units.get(k, "")
            lines.append(f"{k} [{unit}]:" if unit else f"{k}:")
            if self.times is None:
                lines.append(f"  {'exact':<12} {values_array(self.exact[k])[0]:.6g}")
                for v in self.variants:
                    data = self.measured[v]
                    lines.append(f"  {v:<12} {values_array(data[k])[0]:.6g} +- {values_array(data.get(f'{k}_stderr', [np.nan]))[0]:.2g}")
            for v in self.variants:
                d = self.deviations(v)[k]
                lines.append(f"  {v:<12} deviation from exact: max {d['max']:.4g}, mean {d['mean']:.4g}")
            if trotter is not None:
                t, n = trotter[k], self.noise_error()[k]
                lines.append(f"  split ({self.best_variant}): Trotter error max {t['max']:.4g} (ideal circuit vs exact), "
                             f"noise max {n['max']:.4g} (measured vs ideal circuit); mean standard error {stderr[k]:.2g}")
        if "t_relax" in self.info:
            i = self.info
            lines.append(f"steady state: evolved to t_relax = {i['t_relax']:.4g} {self.units.get('time', '')} "
                         f"({i['relaxation_times']:.3g} relaxation times 1/gap, gap {i['liouvillian_gap']:.4g} "
                         f"{self.units.get('energy', '')})")
            at = i.get("exact_at_t_relax", {})
            for k in self.keys:
                if k in at:
                    exact = values_array(self.exact[k])[0]
                    lines.append(f"  {k}: exact at t_relax {at[k]:.6g}, exact steady state {exact:.6g} "
                                 f"(incomplete relaxation {abs(at[k] - exact):.2g})")
        lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)
