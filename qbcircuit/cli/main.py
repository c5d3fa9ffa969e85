"""``qbc``: list models and run the exact reference from the command line.

User mistakes (unknown model or parameter, values out of range) end with a one-line
message on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

import numpy as np

from qbcircuit.cli.progress import Progress
from qbcircuit.models import build_model, get_model_spec, list_models


class UsageError(ValueError):
    pass


def _parse_params(pairs: Sequence[str]) -> dict[str, str]:
    params = {}
    for pair in pairs or ():
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"-p takes NAME=VALUE, got {pair!r}")
        params[name.strip()] = value.strip()
    return params


def cmd_models(args: argparse.Namespace) -> int:
    specs = list_models() if not args.model else [get_model_spec(args.model)]
    for spec in specs:
        print(f"{spec.name}: {spec.summary}")
        if spec.reference:
            print(f"  reference: {spec.reference}")
        print(f"  units: energy {spec.energy_unit}, time {spec.time_unit}")
        for p in spec.parameters:
            unit = f" [{p.unit}]" if p.unit else ""
            print(f"  {p.name:<10} = {p.default!s:<10}{unit:<12} {p.description} ({p.allowed()})")
        print()
    return 0


def _print_time_series(result) -> None:
    keys = [k for k in result.series if k != "battery_energy"]
    e_unit, t_unit = result.energy_unit, result.time_unit
    units = {"energy": e_unit, "ergotropy": e_unit, "power": f"{e_unit}^2" if t_unit == f"1/{e_unit}" else f"{e_unit}/({t_unit})"}
    header = [f"t [{t_unit}]"] + [f"{k} [{units[k]}]" if k in units else k for k in keys]
    print("  ".join(f"{h:>16}" for h in header))
    for i, t in enumerate(result.times):
        cells = [f"{t:16.6g}"] + [f"{result.series[k][i]:16.6g}" for k in keys]
        print("  ".join(cells))
    print()
    for key, (t, value) in result.maxima.items():
        print(f"max {key}: {value:.8g} {units.get(key, '')} at t = {t:.8g} {t_unit} (located between grid points)")


def _print_steady(result) -> None:
    unit = result.energy_unit
    print(f"steady state of {result.model} ({', '.join(f'{k}={v}' for k, v in result.parameters.items())})")
    for key, value in result.figures.items():
        suffix = f" {unit}" if key in ("energy", "battery_energy", "ergotropy") else ""
        print(f"  {key:<18} {value:.10g}{suffix}")
    print(f"  {'liouvillian_gap':<18} {result.gap:.6g} {unit}")
    print(f"  {'degeneracy':<18} {result.degeneracy} (dimension of the Liouvillian's kernel)")


def cmd_exact(args: argparse.Namespace) -> int:
    from qbcircuit.reference import steady_state_figures, time_series

    model = build_model(args.model, **_parse_params(args.param))
    if args.steady_state:
        result = steady_state_figures(model)
        if args.json:
            print(json.dumps(result.to_dict()))
        else:
            _print_steady(result)
        return 0
    if args.t_final is None or not args.t_final > 0:
        raise UsageError(f"--t-final must be > 0, got {args.t_final}")
    if args.points < 2:
        raise UsageError(f"--points must be >= 2, got {args.points}")
    times = np.linspace(0.0, args.t_final, args.points)
    result = time_series(model, times, progress=Progress(f"evolving {model.name}"))
    if args.json:
        print(json.dumps(result.to_dict()))
    else:
        _print_time_series(result)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qbc", description="quantum batteries: models, circuits and the exact reference")
    sub = parser.add_subparsers(dest="command", required=True)

    p_models = sub.add_parser("models", help="list the registered models, their parameters, defaults and units")
    p_models.add_argument("model", nargs="?", help="show one model only")
    p_models.set_defaults(func=cmd_models)

    p_exact = sub.add_parser("exact", help="run the exact reference solver on a model")
    p_exact.add_argument("model")
    p_exact.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="a model parameter (repeatable)")
    mode = p_exact.add_mutually_exclusive_group(required=True)
    mode.add_argument("--t-final", type=float, help="evolve from t = 0 to this time (in the model's time unit)")
    mode.add_argument("--steady-state", action="store_true", help="the state the model relaxes to")
    p_exact.add_argument("--points", type=int, default=101, help="time points with --t-final (default 101)")
    p_exact.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    p_exact.set_defaults(func=cmd_exact)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:  # a user's mistake: one line, non-zero exit
        print(f"qbc: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("qbc: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
