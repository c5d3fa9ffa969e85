"""The whole chain for one model: plan, execute, solve exactly, estimate, compare, store.

    res = qbcircuit.pipeline.run(model, "aer-noisy", np.linspace(0, 1, 5), shots=4000, seed=1)
    res                       # RunResult(model=..., backend='aer-noisy', deviation=energy max ...)
    res.save("runs/first")    # the run folder (``qbc resume`` and ``qbc compare`` read it)

With ``out`` the run is made in that folder (resumable: job ids are saved before waiting
on them, every file is written atomically); without it, in a temporary folder that is read
into the result and removed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from qbcircuit.io import folder_lock, remove_stale_temporaries
from qbcircuit.pipeline.execute import execute, finish_run, is_pipeline_run
from qbcircuit.pipeline.options import OptionError, check_options
from qbcircuit.pipeline.plan import Plan, plan_steady_state, plan_time_series
from qbcircuit.pipeline.result import RunResult


def make_plan(model, times: Sequence[float] | None = None, *, steady_state: bool = False, dt: float | None = None,
              order: int = 2, t_relax: float | None = None, steps: int = 100,
              approximation: str | None = None) -> Plan:
    """The plan of a run (its options checked): what :func:`run` executes.

    Parameters
    ----------
    model, times, steady_state, dt, order, t_relax, steps, approximation:
        As for :func:`run`.

    Returns
    -------
    Plan
    """
    check_options(model, steady_state=steady_state, times=times, dt=dt, order=order, t_relax=t_relax,
                  steps=steps if steady_state else None, approximation=approximation)
    if steady_state:
        return plan_steady_state(model, t_relax, dt, order, steps=steps, approximation=approximation)
    if times is None:
        raise OptionError("times", "are needed for a time series (or give steady_state=True)")
    times = np.asarray(times, dtype=float)
    return plan_time_series(model, times, dt if dt is not None else times[-1] / 100, order,
                            approximation=approximation)


def check_exact_cost(model, times: Sequence[float] | None, steady_state: bool,
                     max_memory_gb: float | None = None) -> None:
    """The exact side's cost (:mod:`qbcircuit.reference.cost`), checked before anything is
    compiled or written: a one-line ValueError when beyond the machine's means.

    Parameters
    ----------
    model:
        The model of the run.
    times:
        The time grid (a time series).
    steady_state:
        A steady-state run (its exact steady state).
    max_memory_gb:
        The memory the solve may take (default: what is available).
    """
    from qbcircuit.reference import cost

    if steady_state:
        if model.has_register and model.is_open:
            cost.check(cost.estimate_steady_state(model), max_memory_gb=max_memory_gb)
    elif times is not None:
        cost.check(cost.estimate_time_series(model, np.asarray(times, dtype=float)), max_memory_gb=max_memory_gb)


def run(
    model,
    backend,
    times: Sequence[float] | None = None,
    *,
    steady_state: bool = False,
    shots: int | None = None,
    seed: int | None = None,
    out: str | Path | None = None,
    dt: float | None = None,
    order: int = 2,
    t_relax: float | None = None,
    steps: int = 100,
    readout_mitigation: bool | None = None,
    zne: Sequence[float] | None = None,
    approximation: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    route: str | None = None,
    levels: Sequence[int] | None = None,
    wait: bool = True,
) -> RunResult | Path:
    """Compile a model, run it on a backend, solve it exactly and compare.

    Parameters
    ----------
    model:
        A battery model (:func:`qbcircuit.models.build_model`).
    backend:
        A backend profile's name (``"aer-ideal"``, ``"aer-noisy"``, ...; see ``qbc backends``)
        or a :class:`~qbcircuit.run.BackendProfile`.
    times:
        A time series' grid, from 0, increasing (the model's time unit).
    steady_state:
        Instead of a time series: evolve an open model to ``t_relax`` and compare with the
        exact steady state.
    shots, seed:
        Shots per circuit (>= 1) and the sampling seed (default: the profile's).
    out:
        The run folder to write (it must not hold a run); None: in memory (nothing is
        left on disk; ``save`` writes the folder later). The folder is held for the run
        (:func:`qbcircuit.io.folder_lock`): another process asking for it gets
        :class:`qbcircuit.io.FolderBusy`.
    dt:
        The largest Trotter (collision) step (default: times[-1] / 100, or t_relax / steps).
    order:
        Product-formula order: 1, 2 or 4 (open models: 1 or 2).
    t_relax:
        Steady state: the evolution time (default 8 relaxation times 1/gap).
    steps:
        Steady state without ``dt``: steps to ``t_relax``.
    readout_mitigation:
        Mitigate readout errors (default: the profile's; estimator route: the runtime's TREX at
        the levels above 0).
    zne:
        Zero-noise extrapolation by gate folding: distinct odd noise factors, e.g. (1, 3, 5)
        (estimator route: the runtime's ZNE with these factors at the levels above 0).
    approximation:
        Open Redfield models that are not completely positive: ``secular`` or ``clipped``.
    progress:
        Called with (batches done, batches) as the run goes.
    route:
        ``sampler`` (counts; every figure) or ``estimator`` (the runtime Estimator's
        mitigated expectation values of H_B: the stored energy; PEC where the profile asks,
        closed models only); default: the profile's.
    levels:
        Estimator route: the resilience levels to run side by side (default 0 and the
        profile's level).
    wait:
        False (needs ``out``): on an IBM device, return the run folder as soon as every job
        is submitted and its id stored; :func:`resume` (``qbc resume``) collects the results
        later. Elsewhere (Aer, local testing mode) the run finishes as with True.

    Returns
    -------
    RunResult or Path
        Measured, exact and noiseless-circuit figures, the deviation split into Trotter
        error and noise, circuit statistics; ``save``, ``plot``, ``to_dict``. The run folder
        (a Path) for a run left submitted (``wait=False``).
    """
    from qbcircuit.run import Executor
    from qbcircuit.run.store import RunFolder

    profile = check_options(model, backend=backend, steady_state=steady_state, times=times, shots=shots, dt=dt,
                            order=order, t_relax=t_relax, steps=steps if steady_state else None, zne=zne,
                            approximation=approximation, seed=seed, route=route, readout_mitigation=readout_mitigation)
    if not wait and out is None:
        raise OptionError("wait", "False needs a run folder (out) to store the job ids in")
    if out is not None and RunFolder(out).exists():
        raise ValueError(f"{out} already holds a run; resume it with `qbc resume {out}` or choose another --out")
    check_exact_cost(model, times, steady_state)
    executor = Executor(profile)
    width = executor.num_qubits  # builds device noise once, before the long part
    if width is not None and model.num_qubits > width:  # before compiling, let alone writing
        raise ValueError(f"backend profile {profile.name!r} has {width} qubits; model {model.name!r} needs "
                         f"{model.num_qubits}")
    plan = make_plan(model, times, steady_state=steady_state, dt=dt, order=order, t_relax=t_relax, steps=steps,
                     approximation=approximation)
    executor.check(plan.circuits)  # width with ancillas, resets: every check before a file is written
    if (route or profile.route) == "estimator" and profile.pec_mitigation:
        executor.check_pec(plan.circuits)  # the noise learner installed; no mid-circuit resets
    options = {"shots": shots, "seed": seed, "readout_mitigation": readout_mitigation,
               "zne": tuple(zne) if zne is not None else None, "progress": progress, "route": route, "levels": levels}
    if out is not None:
        with folder_lock(out):  # one process per run folder, for the whole run (qbcircuit.io)
            if RunFolder(out).exists():  # another process finished a run here meanwhile
                raise ValueError(f"{out} already holds a run; resume it with `qbc resume {out}` or choose another --out")
            remove_stale_temporaries(out)
            if execute(plan, profile, out, wait=wait, **options) is None:
                return Path(out)
            return RunResult.load(out)
    with tempfile.TemporaryDirectory(prefix="qbc-run-") as tmp:
        folder = Path(tmp) / "run"
        execute(plan, profile, folder, **options)
        return RunResult.load(folder, in_memory=True)


def resume(run_dir: str | Path, progress: Callable[[int, int], None] | None = None) -> RunResult:
    """Finish an interrupted run: stored batches are kept, stored job ids fetched.

    Parameters
    ----------
    run_dir:
        A run folder written by :func:`run` (or ``qbc run``).
    progress:
        Called with (batches done, batches).

    Returns
    -------
    RunResult
        The finished run (analysed and compared again if it was complete).
    """
    from qbcircuit.run import resume_run

    if not is_pipeline_run(run_dir):
        raise ValueError(f"run_dir: {run_dir} was not written by qbcircuit.pipeline.run (qbc run); "
                         "finish its circuits with qbcircuit.run.resume_run")
    with folder_lock(run_dir, create=False):  # one process per run folder (qbcircuit.io)
        resume_run(run_dir, progress=progress)
        _repair_references(run_dir)
        finish_run(run_dir)
        return RunResult.load(run_dir)


def _repair_references(run_dir: str | Path) -> None:
    """A missing or damaged ``exact.json`` (the exact reference) or ``ideal.json`` (the
    noiseless circuits' figures), each a pure function of the run's inputs, is computed
    again, with a warning, before the run is analysed."""
    import logging

    from qbcircuit.io import DamagedFile
    from qbcircuit.models import build_model
    from qbcircuit.pipeline.execute import CURVE_POINTS, ideal_figures, solve_exactly, write_exact
    from qbcircuit.run.runner import manifest_profile
    from qbcircuit.run.store import RunFolder

    folder = RunFolder(run_dir)

    def damage(name: str) -> str | None:
        try:
            return None if isinstance(folder.read(name), dict) else "is damaged (not a JSON object)"
        except DamagedFile:
            return "is damaged"
        except ValueError:
            return "is missing"

    damaged = {name: reason for name in ("exact.json", "ideal.json") if (reason := damage(name)) is not None}
    if not damaged:
        return
    for name, reason in damaged.items():
        what = "the exact reference" if name == "exact.json" else "the noiseless circuits' figures"
        logging.getLogger("qbcircuit").warning(f"{folder.path / name} {reason}: computing {what} again")
    manifest = folder.read_manifest()
    inputs = manifest["inputs"]
    model = build_model(inputs["model"], **inputs["parameters"])
    steady = inputs.get("mode") == "steady_state"
    try:
        plan = make_plan(model, None if steady else inputs["times"], steady_state=steady, dt=inputs["dt"],
                         order=inputs["order"], t_relax=inputs.get("t_relax"),
                         approximation=inputs.get("approximation"))
    except ValueError as exc:
        name, reason = next(iter(damaged.items()))
        raise ValueError(f"{folder.path / name} {reason} and cannot be computed again ({exc}); "
                         f"rerun with `qbc run` into a new folder") from None
    if "exact.json" in damaged:
        exact, _ = solve_exactly(plan, curve_points=CURVE_POINTS)  # as the run solved it: with the dense curve
        write_exact(folder, exact)
    if "ideal.json" in damaged:
        folder.write("ideal.json", ideal_figures(plan, manifest_profile(manifest))[0])


__all__ = ["make_plan", "resume", "run"]
