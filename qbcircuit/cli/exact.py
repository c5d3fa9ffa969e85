"""``qbc exact``: the exact reference on a model, as a table or one JSON object."""

from __future__ import annotations

import argparse
import json

import numpy as np

from qbcircuit.cli.common import UsageError, add_model_arguments, parse_params
from qbcircuit.cli.progress import Progress
from qbcircuit.models import build_model


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("exact", help="run the exact reference solver on a model")
    add_model_arguments(parser)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--t-final", type=float,
                      help="evolve from t = 0 to this time (in the model's time unit; default: the model's "
                           "own window, e.g. the spin charger's gt_max)")
    mode.add_argument("--steady-state", action="store_true", help="the state the model relaxes to")
    parser.add_argument("--points", type=int, default=101, help="time points with --t-final (default 101)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.set_defaults(func=run)


def print_time_series(result) -> None:
    from qbcircuit.reference.figures import power_unit  # the solvers load only when used

    keys = [k for k in result.series if k != "battery_energy"]
    e_unit, t_unit = result.energy_unit, result.time_unit
    units = {"energy": e_unit, "ergotropy": e_unit, "power": power_unit(e_unit, t_unit)}
    header = [f"t [{t_unit}]"] + [f"{k} [{units[k]}]" if k in units else k for k in keys]
    print("  ".join(f"{h:>16}" for h in header))
    for i, t in enumerate(result.times):
        print("  ".join([f"{t:16.6g}"] + [f"{result.series[k][i]:16.6g}" for k in keys]))
    print()
    for key, (t, value) in result.maxima.items():
        print(f"max {key}: {value:.8g} {units.get(key, '')} at t = {t:.8g} {t_unit} (located between grid points)")


def print_steady_state(result, description: str = "") -> None:
    unit = result.energy_unit
    print(f"steady state of {result.model} ({', '.join(f'{k}={v}' for k, v in result.parameters.items())})")
    for line in description.splitlines():
        print(f"  note: {line}")
    for key, value in result.figures.items():
        suffix = f" {unit}" if key in ("energy", "battery_energy", "ergotropy") else ""
        print(f"  {key:<18} {value:.10g}{suffix}")
    print(f"  {'liouvillian_gap':<18} {result.gap:.6g} {unit}")
    print(f"  {'degeneracy':<18} {result.degeneracy} (dimension of the Liouvillian's kernel)")


def run(args: argparse.Namespace) -> int:
    from qbcircuit.reference import steady_state_figures, time_series

    model = build_model(args.model, **parse_params(args.param))
    if args.steady_state:
        result = steady_state_figures(model)
        print(json.dumps(result.to_dict())) if args.json else print_steady_state(result, model.description)
        return 0
    if args.t_final is None:
        args.t_final = model.default_t_final
        if args.t_final is None:
            raise UsageError(f"model {model.name!r} has no default time window: give --t-final T or --steady-state")
    if not args.t_final > 0:
        raise UsageError(f"--t-final must be > 0, got {args.t_final}")
    if args.points < 2:
        raise UsageError(f"--points must be >= 2, got {args.points}")
    times = np.linspace(0.0, args.t_final, args.points)
    result = time_series(model, times, progress=Progress(f"evolving {model.name}"))
    print(json.dumps(result.to_dict())) if args.json else print_time_series(result)
    return 0
