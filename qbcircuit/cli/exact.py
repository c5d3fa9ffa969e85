"""``qbc exact``: the exact reference on a model, as a table or one JSON object."""

from __future__ import annotations

import argparse
import logging

import numpy as np

from qbcircuit.cli.common import UsageError, add_model_arguments, parse_params
from qbcircuit.cli.progress import Progress
from qbcircuit.io import dumps
from qbcircuit.models import build_model

# Hilbert-space dimension from which `qbc exact --steady-state` says the solve will take a while.
LARGE_STEADY_STATE = 256
MAX_POINTS = 10_000_000  # --points: the grid and every figure's array are held in memory
SOLVER_CHOICES = ("auto", "qutip", "jax", "reduced", "full")  # reference.figures.SOLVERS (not imported: no QuTiP at start)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("exact", help="run the exact reference solver on a model")
    add_model_arguments(parser)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--t-final", type=float,
                      help="evolve from t = 0 to this time (in the model's time unit; default: the model's "
                           "own window, e.g. the spin charger's gt_max)")
    mode.add_argument("--steady-state", action="store_true", help="the state the model relaxes to")
    parser.add_argument("--points", type=int, default=101, help="time points with --t-final (default 101)")
    parser.add_argument("--no-spectrum", action="store_true",
                        help="with --steady-state: skip the Liouvillian's slowest eigenvalues (gap and degeneracy "
                             "reported unknown); the steady state and its figures are the same")
    parser.add_argument("--solver", default="auto", choices=SOLVER_CHOICES,
                        help="time series: qutip (the CPU, default for small models), jax (dynamiqs on JAX: a GPU "
                             "when JAX sees one; pip install 'qbcircuit[gpu]'), reduced (the model's symmetry-reduced "
                             "space), full (= qutip); auto: reduced when the model has one, jax on a GPU for large "
                             "models, else qutip")
    parser.add_argument("--max-memory", type=float, metavar="GB",
                        help="memory the solve may take (default: what the machine has available now); the cost is "
                             "estimated before any work and a solve beyond it is refused")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.set_defaults(func=run)


def print_time_series(result) -> None:
    from qbcircuit.metrics import power_unit

    from qbcircuit.reference.merit import MERIT_KEYS

    # the table shows the power P(t) and the energy's spread of the review's figures; --json has them all
    shown = ("power_instantaneous", "energy_std")
    keys = [k for k in result.series if not k.startswith("battery_energy")
            and (k.removesuffix("_stderr") not in MERIT_KEYS or k.removesuffix("_stderr") in shown)]
    e_unit, t_unit = result.energy_unit, result.time_unit
    units = {"energy": e_unit, "ergotropy": e_unit, "power": power_unit(e_unit, t_unit),
             "power_instantaneous": power_unit(e_unit, t_unit), "energy_std": e_unit}
    header = [f"t [{t_unit}]"] + [f"{k} [{units[k]}]" if k in units else k for k in keys]
    print("  ".join(f"{h:>16}" for h in header))
    for i, t in enumerate(result.times):
        print("  ".join([f"{t:16.6g}"] + [f"{result.series[k][i]:16.6g}" for k in keys]))
    print()
    where = "on the time grid, of the mean curve" if "realisations" in result.info else "located between grid points"
    if "realisations" in result.info:
        print(f"mean over {result.info['realisations']} realisations; *_stderr columns: its standard error")
    for key, (t, value) in result.maxima.items():
        print(f"max {key}: {value:.8g} {units.get(key, '')} at t = {t:.8g} {t_unit} ({where})")
    precision = result.info.get("charging_precision")
    if precision:
        print(f"charging precision at the energy maximum: Delta E_B = {precision['energy_std']:.6g} {e_unit} "
              f"at t = {precision['t']:.6g} {t_unit} (W = {precision['energy']:.6g}; relative {precision['relative_std']:.3g})")
    print_truncation(result.info)
    if result.info.get("solver") == "jax":
        print(f"solver: JAX (dynamiqs {result.info.get('dynamiqs')}, {result.info.get('method')}) on {result.info.get('device')}")


def print_truncation(info: dict) -> None:
    """The truncated mode: levels used, how far one more qubit moved the figures, the verdict."""
    report = info.get("truncation")
    if not isinstance(report, dict) or "levels" not in report:
        return
    head = f"truncation: {report['levels']} levels ({report['parameter']}={report['mode_qubits']})"
    if not report.get("automatic"):
        print(f"{head}, {report.get('note', '')}")
        return
    if report.get("change") is None:
        print(f"{head}, NOT converged: at the limit of {report['parameter']}, not checked")
        return
    verdict = "converged" if report["converged"] else f"NOT converged: {report['parameter']} is at its limit"
    moved = "one more qubit moved" if report["converged"] else "the last qubit moved"
    tried = ""
    if len(report["history"]) > 1:
        tried = " (tried " + ", ".join(f"{s['levels']} -> {s['next']} levels: {s['change']:.1e}" for s in report["history"]) + ")"
    print(f"{head}, {verdict}: {moved} the figures by at most {report['change']:.1e} "
          f"(tolerance {report['tolerance']:g}, relative to max(1, |figure|)){tried}")
    for key, change in report.get("mode_figures", {}).items():
        print(f"  {key}: a figure of the mode itself, not converged on: that qubit moved it by {change:.1e}")
    if "checked_on" in report:
        print(f"  checked on {report['checked_on']}")


def print_steady_state(result, description: str = "") -> None:
    unit = result.energy_unit
    print(f"steady state of {result.model} ({', '.join(f'{k}={v}' for k, v in result.parameters.items())})")
    for line in description.splitlines():
        print(f"  note: {line}")
    if "realisations" in result.info:
        print(f"  note: mean over {result.info['realisations']} realisations, +- its standard error")
    report = result.info.get("truncation")
    moved = report.get("mode_figures", {}) if isinstance(report, dict) else {}
    for key, value in result.figures.items():
        if key.endswith("_stderr"):
            continue
        suffix = f" {unit}" if key in ("energy", "battery_energy", "ergotropy", "delta_E") else ""
        error = result.figures.get(f"{key}_stderr")
        spread = f" +- {error:.2g}" if error is not None else ""
        if key in moved and moved[key] >= report["tolerance"]:
            suffix += "   (a figure of the truncated mode, not converged: see truncation)"
        print(f"  {key:<18} {value:.10g}{spread}{suffix}")
    if result.degeneracy < 0:  # --no-spectrum (spectrum=False): not computed
        print(f"  {'liouvillian_gap':<18} not computed (--no-spectrum)")
        print(f"  {'degeneracy':<18} not computed (--no-spectrum)")
    else:
        print(f"  {'liouvillian_gap':<18} {result.gap:.6g} {unit}")
        print(f"  {'degeneracy':<18} {result.degeneracy} (dimension of the Liouvillian's kernel)")
    if result.solver_path:
        print(f"  {'solver':<18} {result.solver_path}")
    print_truncation(result.info)


def _say(text: str) -> None:
    logging.getLogger("qbcircuit").info(text)


def run(args: argparse.Namespace) -> int:
    from qbcircuit.reference import steady_state_figures, time_series

    params = parse_params(args.param)
    if args.max_memory is not None and not args.max_memory > 0:
        raise UsageError(f"--max-memory must be a number of GB > 0, got {args.max_memory}")
    model = build_model(args.model, **params)
    if args.steady_state and args.solver != "auto":
        raise UsageError(f"--solver {args.solver} chooses how to evolve in time; steady states are solved on the CPU "
                         "(sparse LU or matrix-free GMRES, chosen per problem): drop --solver")
    if args.no_spectrum and not args.steady_state:
        raise UsageError("--no-spectrum goes with --steady-state (a time series computes no spectrum)")
    if args.steady_state:
        if model.dimension >= LARGE_STEADY_STATE and not model.redfield_couplings and not args.no_spectrum:
            _say(f"note: a steady state on {model.dimension} levels takes the matrix-free solver, and its gap "
                 "(ARPACK) most of the time (benchmarks/steady_state_vs_qutip.py); --no-spectrum skips the gap")
        progress = Progress(f"steady states of {model.realisations} realisations") if model.realisations > 1 else None
        result = steady_state_figures(model, progress=progress, say=_say, max_memory_gb=args.max_memory,
                                      spectrum=not args.no_spectrum)
        print(dumps(result.to_dict())) if args.json else print_steady_state(result, model.description)
        return 0
    if args.t_final is None:
        args.t_final = model.default_t_final
        if args.t_final is None:
            raise UsageError(f"model {model.name!r} has no default time window: give --t-final T or --steady-state")
    if not args.t_final > 0:
        raise UsageError(f"--t-final must be > 0, got {args.t_final}")
    if args.points < 2:
        raise UsageError(f"--points must be >= 2, got {args.points}")
    if args.points > MAX_POINTS:
        raise UsageError(f"--points must be <= {MAX_POINTS} (a table row each), got {args.points}")
    times = np.linspace(0.0, args.t_final, args.points)
    label = f"evolving {model.realisations} realisations" if model.realisations > 1 else f"evolving {model.name}"
    try:
        result = time_series(model, times, progress=Progress(label), say=_say, solver=args.solver,
                             max_memory_gb=args.max_memory)
    except ValueError as exc:
        if args.solver == "jax" and "solver='jax'" in str(exc):
            raise UsageError(str(exc)) from None
        raise
    print(dumps(result.to_dict())) if args.json else print_time_series(result)
    return 0
