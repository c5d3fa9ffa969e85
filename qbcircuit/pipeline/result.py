"""``RunResult``: a circuit run beside the exact reference, as one object.

The object is the run's report (``report.json``: measured, exact and noiseless-circuit
figures, the deviation split into Trotter error and noise, circuit statistics) with
attributes for the numbers, a readable ``repr``, ``plot()`` and ``save(path)``. A result
read from a run folder knows its folder (``run_dir``); a run made in memory holds the
files of its run folder, so ``save(path)`` writes the same folder a run with ``out=path``
would have written (counts, circuits, job records, exact reference, report, plot), and
``qbc resume``/``qbc compare``/:func:`qbcircuit.results.load` read it.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from qbcircuit.results import TAG, Result, format_value

REPORT = "report.json"


def _figures(series: dict[str, Any] | None, time_series: bool) -> dict[str, Any] | None:
    """A report's figures as arrays (time series) or floats (steady state); None stays nan."""
    if series is None:
        return None
    out: dict[str, Any] = {}
    for key, value in series.items():
        if key == "times" or isinstance(value, (dict, str, bool)):
            continue
        if isinstance(value, list):
            if not time_series or not all(v is None or isinstance(v, (int, float)) for v in value):
                continue
            out[key] = np.array([np.nan if v is None else v for v in value], dtype=float)
        elif value is None or isinstance(value, (int, float)):
            out[key] = float("nan") if value is None else value if isinstance(value, int) else float(value)
    return out


class RunResult(Result):
    """A circuit run compared with the exact reference.

    Attributes
    ----------
    model, parameters, backend, mode:
        The model's name and parameters, the backend profile, ``time_series`` or ``steady_state``.
    times:
        The time grid (None for a steady state).
    units:
        The unit of each figure and of time.
    measured:
        The measured figures of the most mitigated variant (``variant``): ``<key>`` and
        ``<key>_stderr``, arrays over ``times`` (floats for a steady state).
    exact:
        The exact reference's figures (and its maxima, gap, ... as numbers).
    ideal:
        The noiseless circuit's figures (its exact outcome probabilities), or None.
    deviation, trotter_error, noise_error:
        max and mean of |measured - exact|, |ideal - exact| and |measured - ideal| for the
        headline figure (``key``), and ``by_key`` for every figure.
    circuit:
        The compiled and transpiled circuits' statistics.
    variants:
        Per mitigation variant (raw, readout, zne, readout+zne): its measured figures and deviations.
    info, notes:
        How the run was made (steady state: t_relax, the gap, the exact figures at t_relax) and remarks.
    run_dir:
        The run folder (None for a run made in memory and not saved).
    report:
        The whole report, as ``report.json`` holds it.
    """

    kind = "run"

    def __init__(self, report: dict[str, Any], run_dir: str | os.PathLike | None = None,
                 files: dict[str, bytes] | None = None):
        self.report = dict(report)
        self.run_dir = Path(run_dir) if run_dir is not None else None
        self.report["run_dir"] = str(self.run_dir) if self.run_dir is not None else None
        self._files = files
        time_series = self.mode == "time_series"
        self.times = np.asarray(report["measured"]["times"], dtype=float) if time_series else None
        self.measured = _figures(report["measured"], time_series)
        self.exact = _figures(report["exact"], time_series)
        self.ideal = _figures(report.get("ideal_circuit"), time_series)
        self.variants = {v: {"deviation": block["deviation"], "measured": _figures(block["measured"], time_series)}
                         for v, block in report.get("mitigation", {}).items()}

    # -- the report's numbers -------------------------------------------------------------
    @property
    def model(self) -> str:
        return self.report["model"]

    @property
    def parameters(self) -> dict[str, Any]:
        return self.report.get("parameters", {})

    @property
    def backend(self) -> str:
        return self.report["backend"]

    @property
    def mode(self) -> str:
        return self.report.get("mode", "time_series")

    @property
    def units(self) -> dict[str, str]:
        return self.report.get("units", {})

    @property
    def variant(self) -> str:
        return self.report.get("measured_variant", "raw")

    @property
    def deviation(self) -> dict[str, Any] | None:
        return self.report.get("deviation")

    @property
    def trotter_error(self) -> dict[str, Any] | None:
        return self.report.get("trotter_error")

    @property
    def noise_error(self) -> dict[str, Any] | None:
        return self.report.get("noise_error")

    @property
    def circuit(self) -> dict[str, Any]:
        return self.report.get("circuit", {})

    @property
    def info(self) -> dict[str, Any]:
        return self.report.get("info") or {}

    @property
    def notes(self) -> list[str]:
        return self.report.get("notes", [])

    @property
    def comparison(self):
        """The :class:`qbcircuit.compare.Comparison` the report was written from."""
        from qbcircuit.compare import Comparison

        return Comparison.from_report(self.report)

    def text(self) -> str:
        """The report in words (``report.txt``)."""
        return self.comparison.text()

    # -- Result ------------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The report (``report.json``'s content; ``run_dir`` None for a run in memory)."""
        return dict(self.report)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RunResult":
        """A result from its report (a JSON file written by ``save``); it holds no run files.

        Parameters
        ----------
        data:
            The report.

        Returns
        -------
        RunResult
        """
        report = {k: v for k, v in data.items() if k not in (TAG, "format_version")}
        return cls(report, None)

    def _summary(self) -> list[tuple[str, str]]:
        from qbcircuit.models.registry import parameters_text

        out = [("model", repr(self.model)), ("parameters", parameters_text(self.model, self.parameters)),
               ("backend", repr(self.backend)),
               ("mode", self.mode)]
        if self.times is not None:
            out.append(("times", f"{len(self.times)} points to {format_value(float(self.times[-1]), self.units.get('time', ''))}"))
        dev = self.deviation
        if dev:
            unit = self.units.get(dev["key"], "")
            text = f"{dev['key']} max {format_value(dev['max'], unit)} ({self.variant})"
            if self.trotter_error and self.noise_error:
                text += (f", Trotter {format_value(self.trotter_error['max'], unit)}"
                         f", noise {format_value(self.noise_error['max'], unit)}")
            out.append(("deviation", text))
        out.append(("run_dir", repr(str(self.run_dir)) if self.run_dir is not None else "None (in memory)"))
        return out

    # -- files ----------------------------------------------------------------------------------
    @classmethod
    def load(cls, run_dir: str | os.PathLike, *, in_memory: bool = False) -> "RunResult":
        """Read a finished run folder.

        Parameters
        ----------
        run_dir:
            A run folder written by :func:`qbcircuit.pipeline.run` (or ``qbc run``), finished
            (``report.json`` present).
        in_memory:
            Read every file of the folder into the result (``run_dir`` None): the folder
            may then be removed, and ``save`` writes it again.

        Returns
        -------
        RunResult
        """
        path = Path(run_dir)
        if not (path / "run.json").is_file():
            raise ValueError(f"run_dir: {path} is not a run folder (no run.json)")
        if not (path / REPORT).is_file():
            raise ValueError(f"run_dir: {path} holds no finished run (no {REPORT}); finish it with "
                             f"`qbc resume {path}` or qbcircuit.pipeline.resume")
        report = json.loads((path / REPORT).read_text())
        if not in_memory:
            return cls(report, path)
        files = {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}
        return cls(report, None, files)

    def save(self, path: str | os.PathLike) -> Path:
        """Write the run folder (or, for a path ending in ``.json``, the report as one file).

        Parameters
        ----------
        path:
            A folder that holds no run yet (created if missing); a run read from a folder
            is copied there, a run made in memory writes its files there. A ``.json`` path
            gets the report alone, tagged, which :func:`qbcircuit.results.load` reads back.

        Returns
        -------
        pathlib.Path
            ``path``; :func:`qbcircuit.results.load` reads it back.
        """
        from qbcircuit.io import write_atomic, write_json

        path = Path(path)
        if path.suffix == ".json":
            return super().save(path)
        if self.run_dir is not None and path.resolve() == self.run_dir.resolve():
            return path
        if (path / "run.json").exists():
            raise ValueError(f"path: {path} already holds a run; choose another folder")
        if self._files is not None:
            for name, data in self._files.items():
                if name != REPORT:
                    write_atomic(path / name, data)
        elif self.run_dir is not None:
            shutil.copytree(self.run_dir, path, dirs_exist_ok=True, ignore=shutil.ignore_patterns(REPORT))
        else:
            raise ValueError("this result holds its report only (it was read from a .json file), not its run folder; "
                             "save it to a .json path")
        # the report last, naming its new folder: a folder with report.json is a finished run
        write_json(path / REPORT, {**self.report, "run_dir": str(path)})
        return path

    def plot(self, path: str | os.PathLike | None = None):
        """The comparison figure: measured (with error bars), noiseless circuit and exact.

        Parameters
        ----------
        path:
            Also write it there (PNG).

        Returns
        -------
        matplotlib.figure.Figure
        """
        from qbcircuit.compare import comparison_figure
        from qbcircuit.io import save_figure

        fig = comparison_figure(self.comparison, pyplot=True)
        if path is not None:
            save_figure(fig, path)
        return fig


__all__ = ["RunResult"]
