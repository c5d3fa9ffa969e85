"""``qbc run MODEL``: compile a model, run it on a backend profile, solve it exactly, compare.

Prints the comparison (or, with --json, one object with ``measured``, ``exact``,
``deviation``, ``trotter_error``, ``noise_error``, ``circuit`` and ``run_dir``) and leaves
everything in the run folder (``qbc compare RUN_DIR`` redraws it, ``qbc resume RUN_DIR``
finishes an interrupted run).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from qbcircuit.cli.common import UsageError, add_model_arguments, parse_params
from qbcircuit.cli.progress import Progress


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("run", help="compile a model, run it on a backend, compare with the exact reference")
    add_model_arguments(parser)
    parser.add_argument("--backend", default="aer-ideal", help="a backend profile (see `qbc backends`; default aer-ideal)")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--t-final", type=float, help="charge from t = 0 to this time (model's time unit)")
    mode.add_argument("--steady-state", action="store_true", help="the state the model relaxes to (open models)")
    parser.add_argument("--points", type=int, default=11, help="time points with --t-final (default 11)")
    parser.add_argument("--dt", type=float, help="largest Trotter step (model's time unit; default t_final/100, "
                        "or t_relax/--steps with --steady-state)")
    parser.add_argument("--order", type=int, default=2, choices=(1, 2, 4),
                        help="product-formula order (default 2; open models: 1 or 2)")
    parser.add_argument("--t-relax", type=float,
                        help="with --steady-state: evolution time (default 8/gap, the Liouvillian gap of the model)")
    parser.add_argument("--steps", type=int, default=100, help="with --steady-state and no --dt: steps to t_relax (default 100)")
    parser.add_argument("--approximation", choices=("secular", "clipped"),
                        help="open Redfield models that are not completely positive: the Lindblad form to compile")
    parser.add_argument("--shots", type=int, help="shots per circuit (default: the profile's)")
    parser.add_argument("--seed", type=int, help="sampling seed (default: the profile's)")
    parser.add_argument("--readout-mitigation", action="store_true", help="mitigate readout errors (two calibration circuits)")
    parser.add_argument("--zne", metavar="FACTORS", help="zero-noise extrapolation by gate folding, e.g. 1,3,5")
    parser.add_argument("--out", help="run folder (default results/runs/MODEL-PROFILE-TIMESTAMP)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.set_defaults(func=run)


def _zne(text: str | None):
    if not text:
        return None
    try:
        return tuple(float(x) for x in text.split(","))
    except ValueError:
        raise UsageError(f"--zne takes odd factors separated by commas (e.g. 1,3,5), got {text!r}") from None


def run(args: argparse.Namespace) -> int:
    from qbcircuit.compare.chain import compiler, run_model, run_steady_state
    from qbcircuit.models import build_model
    from qbcircuit.run import Executor, load_profile

    model = build_model(args.model, **parse_params(args.param))
    profile = load_profile(args.backend)
    if profile.kind == "ibm" and not profile.local_testing:
        from qbcircuit.run.ibm import check_account

        check_account(profile)  # fail now, not after compiling
    if args.shots is not None and args.shots < 1:
        raise UsageError(f"--shots must be >= 1, got {args.shots}")
    zne = _zne(args.zne)
    if args.dt is not None and not args.dt > 0:
        raise UsageError(f"--dt must be > 0, got {args.dt}")
    out = args.out or str(Path("results") / "runs" / f"{model.name}-{profile.name}-{time.strftime('%Y%m%d-%H%M%S')}")
    progress = Progress(f"running {model.name} on {profile.name}")
    if args.steady_state:
        if not model.is_open:
            raise UsageError(f"--steady-state needs an open model; {model.name!r} has no dissipation (use --t-final)")
        if args.t_relax is not None and not args.t_relax > 0:
            raise UsageError(f"--t-relax must be > 0, got {args.t_relax}")
        if args.steps < 1:
            raise UsageError(f"--steps must be >= 1, got {args.steps}")
        Executor(profile).num_qubits  # builds device noise once, before the long part
        report = run_steady_state(
            model, profile, out, t_relax=args.t_relax, steps=args.steps, dt=args.dt, order=args.order,
            shots=args.shots, seed=args.seed, readout_mitigation=args.readout_mitigation or None, zne_factors=zne,
            progress=progress, approximation=args.approximation,
        )
        return _print(report, out, args.json)
    if not args.t_final > 0:
        raise UsageError(f"--t-final must be > 0, got {args.t_final}")
    if args.points < 2:
        raise UsageError(f"--points must be >= 2, got {args.points}")
    dt = args.dt if args.dt is not None else args.t_final / 100
    compile_times = None if model.is_open else compiler()
    Executor(profile).num_qubits  # builds device noise once, before the long part
    report = run_model(
        model, profile, np.linspace(0.0, args.t_final, args.points), out, dt=dt, order=args.order,
        shots=args.shots, seed=args.seed, readout_mitigation=args.readout_mitigation or None, zne_factors=zne,
        progress=progress, compile_times=compile_times, approximation=args.approximation,
    )
    return _print(report, out, args.json)


def _print(report: dict, out: str, as_json: bool) -> int:
    if as_json:
        print(json.dumps(report))
    else:
        print(Path(out, "report.txt").read_text(), end="")
        print(f"run folder: {out} (report.json, compare.png)")
    return 0


def finish_run(run_dir: str) -> dict:
    from qbcircuit.compare.chain import finish_run as finish

    return finish(run_dir)
