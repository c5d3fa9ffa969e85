"""``qbc sweep``: a model over a grid of parameters, one exact or circuit run a point, into a table and plots.

    qbc sweep star-network -p bath=local -p T=1 -p delta_mu=0:10:21 -p mu=0,1,3,8 \\
        --steady-state --plot ergotropy_ratio --out results/fig3
    qbc sweep spin-charger -p M=1,2 -p N=1:4:4 --backend aer-noisy --t-final 3 --points 7 \\
        --shots 2000 --plot energy_final --out results/charger-aer
    qbc sweep --resume results/fig3              # after an interruption: only what is missing

With --backend PROFILE each point is a `qbc run` with its run folder in DIR/runs/ (a
resumed sweep reads finished runs back and finishes cut-short ones); the table carries
the measured figures with their standard errors, the exact values and the split of the
deviation into Trotter error and noise (see qbcircuit.sweep.circuit_points).

The first swept parameter is the x axis of the plots, the second one line per value (or
the y axis of a heat map). The table (DIR/table.csv and DIR/table.json) fills as points
finish; a failed point is recorded with its error and the exit status is then 1.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from qbcircuit.cli.common import UsageError, checked_options, parse_params
from qbcircuit.io import dumps, new_folder

# Points solved in one call with --solver jax on a GPU (issue 17's H200: 16 Hamiltonians at
# d = 256 in 0.84 s, 0.053 s a point against 0.097 s single). On a CPU the default is 1:
# a batch of 16 took 0.43 s a point against 0.16 s single (benchmarks/jax_vs_qutip.py, d = 32).
DEFAULT_BATCH = 16
SPEC_HELP = ("a parameter: start:stop:count (both ends included), start:stop:count:log, a list a,b,c, "
             "or one value (fixed); repeatable. Swept parameters form a product, the first one slowest")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "sweep", help="run a model over a grid of parameters (local pool or Dask), resumable, with plots",
        description="Run a model over a grid of parameters, one exact or circuit run a point, into a table and plots.",
        epilog="examples:\n" + __doc__.split("\n\n")[1] + "\n\n" + __doc__.split("\n\n")[2],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("model", nargs="?", help="a registered model (see `qbc models`)")
    parser.add_argument("-p", "--param", action="append", metavar="NAME=SPEC", help=SPEC_HELP)
    parser.add_argument("--zip", action="append", metavar="NAME,NAME",
                        help="swept parameters that step together instead of forming a product (equal lengths)")
    parser.add_argument("--backend", default="exact",
                        help="exact (the reference solver, default) or a backend profile (with `qbc run`)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--steady-state", action="store_true", help="each point: the state the model relaxes to")
    mode.add_argument("--t-final", type=float, help="each point: evolve from 0 to this time (the model's time unit)")
    parser.add_argument("--points", type=int, help="time points with --t-final (default 101 exact, 11 on a backend)")
    circuit = parser.add_argument_group("circuit runs (with --backend PROFILE)")
    circuit.add_argument("--dt", type=float, help="largest Trotter step (model's time unit; default t_final/100, "
                         "or t_relax/steps with --steady-state)")
    circuit.add_argument("--t-relax", type=float, help="with --steady-state: evolve to this time "
                         "(default 8 relaxation times 1/gap of each point)")
    circuit.add_argument("--steps", type=int, help="with --steady-state: Trotter steps to t_relax (default 100)")
    circuit.add_argument("--order", type=int, choices=(1, 2, 4), help="product-formula order (default 2)")
    circuit.add_argument("--shots", type=int, help="shots per circuit (default: the profile's)")
    circuit.add_argument("--seed", type=int, help="sampling seed; point i uses SEED + 1000 i (default: the profile's)")
    circuit.add_argument("--readout-mitigation", action="store_true", help="mitigate readout errors")
    exact = parser.add_argument_group("exact time series (--backend exact --t-final T)")
    exact.add_argument("--solver", choices=("auto", "qutip", "jax", "reduced", "full"),
                       help="how each point is evolved (see `qbc exact --solver`); jax solves the points that share "
                            "a model's structure together, --batch at a time, on the device JAX sees")
    exact.add_argument("--batch", type=int, help="with --solver jax: points solved in one call (default 16 when JAX "
                                                 "sees a GPU, else 1)")
    parser.add_argument("--executor", default=None,
                        help="local (process pool, default; serial with --solver jax: one process holds the "
                             "device), serial, dask-local, or dask://HOST:PORT")
    parser.add_argument("--workers", type=int, help="processes for local / dask-local (default: all cores)")
    parser.add_argument("--out", help="output folder, held by this sweep alone (default: a new results/sweeps/MODEL-YYYYmmdd-HHMMSS-XXXX, "
                        "XXXX random)")
    parser.add_argument("--plot", action="append", metavar="FIGURE[:lines|:heatmap]",
                        help="draw a figure of the table as DIR/FIGURE.png (repeatable)")
    parser.add_argument("--resume", metavar="DIR",
                        help="continue the sweep in DIR: compute only the missing points (with --plot: redraw)")
    parser.add_argument("--quiet", action="store_true", help="no progress line")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object: the counts, the table's and plots' paths, and the table's rows")
    parser.set_defaults(func=run)


def _new_sweep(args: argparse.Namespace):
    from qbcircuit.sweep import create_sweep, point_kind_for

    if not args.model:
        raise UsageError("give a MODEL to sweep (see `qbc models`), or --resume DIR")
    if not args.steady_state and args.t_final is None:
        raise UsageError("say what each point is: --steady-state or --t-final T")
    options = {}
    if args.t_final is not None:
        points = args.points if args.points is not None else (101 if args.backend == "exact" else 11)
        checked_options(t_final=args.t_final, points=points)
        options = {"t_final": args.t_final, "points": points}
    kind = point_kind_for(args.backend, args.steady_state)
    if args.backend == "exact":
        given = _circuit_flags(args)
        if given:
            raise UsageError(f"{', '.join(given)} only with --backend PROFILE (a circuit run); --backend exact has no circuits")
        options.update(_solver_options(args))
    else:
        if args.solver is not None or args.batch is not None:
            raise UsageError("--solver and --batch go with --backend exact --t-final T (the exact time series)")
        options.update(backend=args.backend, **_circuit_options(args))
    zips = []
    for text in args.zip or ():
        names = [n.strip() for n in text.split(",") if n.strip()]
        zips.append(names)
    out = args.out or new_folder(os.path.join("results", "sweeps"), args.model)  # a name no other sweep gets
    try:
        return create_sweep(args.model, parse_params(args.param), out, zips=zips, kind=kind.name,
                            options=options, plots=args.plot or ())
    except BaseException:
        if args.out is None:  # refused: leave no empty default folder behind
            with contextlib.suppress(OSError):
                os.rmdir(out)
        raise


def _solver_options(args: argparse.Namespace) -> dict:
    if args.batch is not None and args.solver != "jax":
        raise UsageError("--batch goes with --solver jax (points solved together on the device)")
    if args.solver is None:
        return {}
    if args.steady_state:
        raise UsageError(f"--solver {args.solver} chooses how to evolve in time; steady states are solved on the CPU: "
                         "drop --solver")
    if args.solver != "jax":
        return {"solver": args.solver}
    batch = args.batch
    if batch is None:  # batches gain on a GPU; on a CPU a batch costs more per point than single solves
        from qbcircuit.reference.evolve_jax import has_gpu

        batch = DEFAULT_BATCH if has_gpu() else 1
    if batch < 1:
        raise UsageError(f"--batch must be >= 1, got {batch}")
    return {"solver": "jax", "batch": batch}


def _circuit_flags(args: argparse.Namespace) -> list[str]:
    return [flag for flag, value in (("--dt", args.dt), ("--t-relax", args.t_relax), ("--steps", args.steps),
                                     ("--order", args.order), ("--shots", args.shots),
                                     ("--seed", args.seed), ("--readout-mitigation", args.readout_mitigation or None))
            if value is not None]


def _circuit_options(args: argparse.Namespace) -> dict:
    checked_options(dt=args.dt, shots=args.shots, order=args.order or 2, seed=args.seed)
    common = {"order": args.order or 2, "shots": args.shots, "seed": args.seed,
              "readout_mitigation": bool(args.readout_mitigation)}
    if not args.steady_state:
        if args.t_relax is not None or args.steps is not None:
            raise UsageError("--t-relax and --steps go with --steady-state; with --t-final T use --dt")
        return {"dt": args.dt if args.dt is not None else args.t_final / 100, **common}
    checked_options(steady_state=True, t_relax=args.t_relax, steps=args.steps)
    if args.steps is not None and args.dt is not None:
        raise UsageError("give --steps or --dt, not both")
    return {"t_relax": args.t_relax, "steps": args.steps or 100, "dt": args.dt, **common}


def _resumed_sweep(args: argparse.Namespace):
    from qbcircuit.sweep import SweepStore
    from qbcircuit.sweep.plots import check_figure, check_plottable, parse_plot

    given = [flag for flag, value in (("MODEL", args.model), ("-p", args.param), ("--zip", args.zip),
                                      ("--steady-state", args.steady_state), ("--t-final", args.t_final),
                                      ("--out", args.out), ("--backend", args.backend != "exact" or None),
                                      ("--points", args.points is not None or None),
                                      ("--solver", args.solver), ("--batch", args.batch))
             if value] + _circuit_flags(args)
    if given:
        raise UsageError(f"--resume DIR continues the sweep described in DIR/sweep.json; do not give {', '.join(given)}")
    store = SweepStore.open(args.resume)
    if args.plot:  # the plots asked for now replace those asked for before
        _, rows = store.table()
        for text in args.plot:
            figure, style = parse_plot(text)
            check_plottable(store.plan, style)
            if any(row["status"] == "ok" for row in rows):
                check_figure(store.plan, rows, figure)
        from qbcircuit.io import folder_lock

        with folder_lock(store.directory, create=False):  # a sweep running there keeps its manifest
            store.manifest["plots"] = list(args.plot)
            store.save_manifest()
    return store


def run(args: argparse.Namespace) -> int:
    from qbcircuit.sweep import run_store
    from qbcircuit.sweep.executors import open_executor
    from qbcircuit.sweep.plots import write_plots

    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers must be >= 1, got {args.workers}")
    executor = open_executor(args.executor, args.workers) if args.executor else None  # a bad spec fails before any work
    store = _resumed_sweep(args) if args.resume else _new_sweep(args)
    if executor is None:  # one process holds the device for JAX; a pool of processes otherwise
        executor = open_executor("serial" if store.manifest["options"].get("solver") == "jax" else "local", args.workers)
    directory = Path(store.directory)
    try:
        result = run_store(store, executor=executor, progress=not args.quiet)
    except KeyboardInterrupt:
        done = len(store.plan) - len(store.missing())
        print(f"qbc: interrupted: {done}/{len(store.plan)} points are saved in {directory}; "
              f"continue with: qbc sweep --resume {directory}", file=sys.stderr)
        return 130
    count = getattr(executor, "workers", None)
    plots: list[str] = []
    if result.ok:  # with no point done there is nothing to draw; the errors say why
        try:
            plots = [str(path) for path in write_plots(store, store.manifest["plots"])]
        except ValueError as exc:
            raise UsageError(f"{exc}; the table is complete: draw with qbc sweep --resume {directory} --plot FIGURE") from None
    if args.json:
        _, rows = store.table()
        print(dumps({"model": store.plan.model, "directory": str(directory), "points": result.total, "ok": result.ok,
                     "failed": result.failed, "computed": result.computed, "seconds": result.seconds,
                     "executor": executor.name, "workers": count, "table": str(directory / "table.csv"),
                     "plots": plots, "rows": rows}))
        return 1 if result.failed else 0
    workers = f" with {count} worker{'s' if count > 1 else ''}" if count and executor.name != "serial" else ""
    print(f"sweep {store.plan.model}: {result.total} points, {result.ok} ok, {result.failed} failed "
          f"({result.computed} computed in {result.seconds:.1f} s, executor {executor.name}{workers})")
    print(f"table: {directory / 'table.csv'} (and table.json; one file per point in {directory / 'points'})")
    for path in plots:
        print(f"plot: {path}")
    if result.failed:
        print(f"{result.failed} point{'s' if result.failed != 1 else ''} failed: their errors are in the table's error column; "
              f"`qbc sweep --resume {directory}` tries them again", file=sys.stderr)
        return 1
    return 0
