"""``qbc run MODEL``: compile a model, run it on a backend profile, solve it exactly, compare.

Prints the comparison (or, with --json, one object with ``measured``, ``exact``,
``deviation``, ``trotter_error``, ``noise_error``, ``circuit`` and ``run_dir``) and leaves
everything in the run folder (``qbc compare RUN_DIR`` redraws it, ``qbc resume RUN_DIR``
finishes an interrupted run).
"""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path

import numpy as np

from qbcircuit.cli.common import UsageError, add_model_arguments, checked_options, parse_params, with_job_hint
from qbcircuit.cli.progress import Progress
from qbcircuit.io import dumps, new_folder


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
    parser.add_argument("--route", choices=("sampler", "estimator"),
                        help="sampler: counts, every figure (default); estimator: the runtime Estimator's mitigated "
                        "expectation values of H_B (the stored energy, closed and open models; IBM profiles)")
    parser.add_argument("--resilience-level", type=int, help="estimator route: 0 none, 1 TREX, 2 TREX + ZNE "
                        "(default: the profile's; level 0 runs beside it)")
    parser.add_argument("--levels", metavar="LEVELS", help="estimator route: the resilience levels to run side by side, e.g. 0,1,2")
    parser.add_argument("--twirling", choices=("auto", "none", "measure", "gates+measure"),
                        help="sampler route on IBM: the runtime's twirling (auto: gates and measurements with --zne)")
    parser.add_argument("--dd", dest="dynamical_decoupling", choices=("none", "XX", "XpXm", "XY4"),
                        help="IBM: dynamical decoupling sequence on idle qubits")
    parser.add_argument("--fractional-gates", action="store_true", default=None,
                        help="IBM Heron: fractional RZZ/RX gates (gate twirling then off; PEA, PEC refused)")
    parser.add_argument("--pec", action="store_true", default=None,
                        help="estimator route: probabilistic error cancellation at the levels above 0, the gate "
                        "layers' noise learned first (NoiseLearnerV3; needs the pec extra)")
    parser.add_argument("--dry-run", action="store_true",
                        help="transpile for the profile's device and print the preflight (layout, two-qubit gates, "
                        "depth, duration, estimated fidelity, predicted noise vs Trotter error); submit nothing")
    parser.add_argument("--no-wait", action="store_true",
                        help="IBM devices: submit every job, store the job ids and exit; `qbc resume RUN_DIR` "
                        "collects the results later (Aer and local testing mode finish the run as usual)")
    parser.add_argument("--out", help="run folder, held by this run alone (default: a new results/runs/MODEL-PROFILE-YYYYmmdd-HHMMSS-XXXX, "
                        "XXXX random)")
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
    """The subcommand; a failed job or lost connection: one line on stderr, exit status 1."""
    return with_job_hint(_run, args)


def _run(args: argparse.Namespace) -> int:
    from qbcircuit import pipeline
    from qbcircuit.models import build_model

    model = build_model(args.model, **parse_params(args.param))
    steady = bool(args.steady_state)
    zne = _zne(args.zne)
    options = {"steady_state": steady, "shots": args.shots, "dt": args.dt, "order": args.order, "zne": zne,
               "approximation": args.approximation, "route": args.route, "resilience_level": args.resilience_level,
               "twirling": args.twirling, "dynamical_decoupling": args.dynamical_decoupling,
               "fractional_gates": args.fractional_gates, "pec": args.pec, "seed": args.seed,
               "readout_mitigation": args.readout_mitigation or None}
    levels = _levels(args.levels)
    if steady:
        options.update(t_relax=args.t_relax, steps=args.steps)
    else:
        options.update(t_final=args.t_final, points=args.points)
    # every check before anything is compiled (an IBM profile's account too)
    profile = checked_options(model, backend=args.backend, **options)
    if args.dry_run:
        return _dry_run(model, profile, args, steady)
    out = args.out or str(new_folder(Path("results") / "runs", f"{model.name}-{profile.name}"))
    times = None if steady else np.linspace(0.0, args.t_final, args.points)
    try:
        result = pipeline.run(
            model, profile, times, steady_state=steady, shots=args.shots, seed=args.seed, out=out, dt=args.dt,
            order=args.order, t_relax=args.t_relax if steady else None, steps=args.steps,
            readout_mitigation=args.readout_mitigation or None, zne=zne, approximation=args.approximation,
            progress=Progress(f"running {model.name} on {profile.name}"), route=args.route, levels=levels,
            wait=not args.no_wait,
        )
    except BaseException:
        if args.out is None:  # refused before anything was written: leave no empty default folder
            with contextlib.suppress(OSError):
                Path(out).rmdir()
        raise
    if isinstance(result, Path):  # --no-wait on an IBM device: the jobs are queued
        return _print_submitted(result, args.json)
    return _print(result.to_dict(), out, args.json)


def _print_submitted(run_dir: Path, as_json: bool) -> int:
    from qbcircuit.run.store import RunFolder

    folder = RunFolder(run_dir)
    manifest = folder.read_manifest()
    batches = len(manifest.get("batches") or manifest.get("levels") or [])
    jobs = [record["job_id"] for b in range(batches) if (record := folder.read_job(b)) and record.get("job_id")]
    if as_json:
        print(dumps({"run_dir": str(run_dir), "status": "submitted", "job_ids": jobs}))
    else:
        print(f"submitted {len(jobs)} job(s): {', '.join(jobs)}")
        print(f"run folder: {run_dir} (collect the results with `qbc resume {run_dir}`)")
    return 0


def _levels(text: str | None):
    if not text:
        return None
    try:
        levels = tuple(int(x) for x in text.split(","))
    except ValueError:
        raise UsageError(f"--levels takes resilience levels separated by commas (e.g. 0,1,2), got {text!r}") from None
    if any(v not in (0, 1, 2) for v in levels):
        raise UsageError(f"--levels must be resilience levels 0, 1 or 2, got {text!r}")
    return levels


def _dry_run(model, profile, args, steady: bool) -> int:
    """Compile, transpile for the device, print the preflight; nothing is submitted."""
    from qbcircuit import pipeline
    from qbcircuit.pipeline.preflight import format_preflight, preflight

    times = None if steady else np.linspace(0.0, args.t_final, args.points)
    plan = pipeline.make_plan(model, times, steady_state=steady, dt=args.dt, order=args.order,
                              t_relax=args.t_relax if steady else None, steps=args.steps,
                              approximation=args.approximation)
    report = preflight(plan, profile.replace(shots=args.shots, seed=args.seed), seed=args.seed, route=args.route)
    if args.json:
        print(dumps(report))
    else:
        print(format_preflight(report))
    return 0


def _print(report: dict, out: str, as_json: bool) -> int:
    if as_json:
        print(dumps(report))
    else:
        print(Path(out, "report.txt").read_text(), end="")
        print(f"run folder: {out} (report.json, compare.png)")
    return 0
