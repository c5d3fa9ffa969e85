"""Comparison of a run folder: its ``results.json`` (measured and ideal-circuit figures) and
``exact.json`` (the exact reference, as ``qbc exact --json`` prints it; and, for time series,
``exact_curve.json``: the same figures on a dense grid, drawn as the exact curve) become
``report.json``, ``report.txt`` and ``compare.png`` in the same folder.

``results.json``: ``mode`` (``time_series`` or ``steady_state``), ``keys``, ``units``,
``times`` (time series), ``measured`` (per mitigation variant: ``<key>`` and
``<key>_stderr``), ``ideal`` (per key, or null), ``circuit`` (statistics), ``info``
(how the run was made: steady-state relaxation time and gap), ``notes``. The report's
``exact`` is the whole of ``exact.json`` (the keys of ``qbc exact --json``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from qbcircuit.compare.comparison import Comparison
from qbcircuit.compare.plot import plot_comparison
from qbcircuit.io import write_atomic, write_json
from qbcircuit.run.store import RunFolder


def comparison_from_run(run_dir: str | Path) -> Comparison:
    """The comparison of an analysed run folder.

    Parameters
    ----------
    run_dir:
        A run folder holding ``results.json`` and ``exact.json``.

    Returns
    -------
    Comparison
    """
    folder = RunFolder(run_dir)
    manifest = folder.read_manifest()
    results = folder.read("results.json")
    exact = folder.read("exact.json")
    keys = results["keys"]
    missing = [k for k in keys if k not in exact]
    if missing:
        raise ValueError(f"{folder.path}/exact.json lacks {', '.join(missing)}")
    inputs = manifest.get("inputs", {})
    time_series = results["mode"] == "time_series"
    return Comparison(
        model=inputs.get("model", exact.get("model", "circuits")),
        parameters=inputs.get("parameters", exact.get("parameters", {})),
        backend=manifest["profile"]["name"],
        keys=keys,
        units=results.get("units", {}),
        times=np.asarray(results["times"], dtype=float) if time_series else None,
        exact={k: exact[k] for k in keys},
        measured=results["measured"],
        ideal=results.get("ideal"),
        circuit=results.get("circuit", {}),
        notes=results.get("notes", []),
        info=results.get("info") or {},
        exact_curve=folder.read("exact_curve.json") if (folder.path / "exact_curve.json").is_file() else None,
    )


def write_report(comparison: Comparison, run_dir: str | Path) -> dict:
    """Write ``report.json``, ``report.txt`` and ``compare.png`` into a run folder.

    Parameters
    ----------
    comparison:
        The comparison to report.
    run_dir:
        The run folder (its ``exact.json``, when present, fills the report's ``exact``).

    Returns
    -------
    dict
        The report, as written to ``report.json``.
    """
    path = Path(run_dir)
    report = comparison.to_dict()
    exact_file = path / "exact.json"
    if exact_file.is_file():
        # the whole reference, keyed as `qbc exact --json` prints it (maxima, gap, units ...)
        report["exact"] = {**RunFolder(path).read("exact.json"), **report["exact"]}
    report["run_dir"] = str(path)
    write_json(path / "report.json", report)
    write_atomic(path / "report.txt", (comparison.text() + "\n").encode())
    plot_comparison(comparison, path / "compare.png")
    return report


def compare_run(run_dir: str | Path) -> dict:
    """Compare a finished run with its exact reference; write and return the report.

    Parameters
    ----------
    run_dir:
        An analysed run folder (``results.json``, ``exact.json``).

    Returns
    -------
    dict
        The report (also in ``report.json``, ``report.txt``, ``compare.png``).
    """
    return write_report(comparison_from_run(run_dir), run_dir)
