"""The Python API: plain functions with keyword options that return result objects.

    import qbcircuit as qbc
    model = qbc.build_model("spin-charger", M=2, N=2, g=1.0)
    ex = qbc.exact(model, times)                # TimeSeries: .times .energy .ergotropy .power .figures .maxima
    ss = qbc.steady_state(model)                # SteadyStateFigures: .energy .ergotropy .figures .gap .degeneracy
    prog = qbc.compile(model, times, order=2)   # CompiledProgram: circuits and their statistics
    res = qbc.run(model, "aer-noisy", times, shots=4000, seed=1)   # RunResult: measured, exact, ideal, errors

Every function imports what it needs when it is called, so ``import qbcircuit`` loads
neither QuTiP nor Aer. Each is a thin layer over one stage (models, reference, compile,
pipeline); the stages can be used alone too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def build_model(name: str, **parameters: Any):
    """A battery model from the registry, with the paper's parameters.

    Parameters
    ----------
    name:
        A registered model (see :func:`list_models`), e.g. ``"spin-charger"``.
    **parameters:
        The model's parameters by the paper's names; the ones left out take their
        defaults (``qbc models NAME`` lists them with units and ranges).

    Returns
    -------
    BatteryModel
        The one description every stage reads. Building a model never solves it.
    """
    from qbcircuit.models import build_model as build

    return build(name, **parameters)


def list_models() -> list[str]:
    """The names of the registered battery models.

    Returns
    -------
    list of str
        Sorted model names, each usable with :func:`build_model`.
    """
    from qbcircuit.models import list_models as specs

    return [spec.name for spec in specs()]


def list_backends() -> list[str]:
    """The names of the backend profiles :func:`run` accepts.

    Returns
    -------
    list of str
        Profile names (Aer simulators, fake IBM devices, IBM devices, local testing mode).
    """
    from qbcircuit.run.profiles import available_profiles

    return list(available_profiles())


def exact(model, times: Sequence[float], **options: Any):
    """The exact charging curve of ``model`` over ``times`` (the reference solver).

    Parameters
    ----------
    model:
        A :class:`~qbcircuit.models.BatteryModel` (from :func:`build_model`).
    times:
        Increasing times starting at 0, in the model's time unit.
    **options:
        Passed to :func:`qbcircuit.reference.time_series` (e.g. ``refine=False`` to skip
        locating the maxima between grid points, ``progress=callable``).

    Returns
    -------
    TimeSeries
        ``.times``, ``.energy`` (stored energy W(t)), ``.ergotropy``, ``.power`` (W(t)/t),
        ``.figures`` (all figures, the model's own included), ``.maxima``; an automatic
        truncation is grown and an ensemble averaged (``.info`` says how).
    """
    from qbcircuit.reference import time_series

    return time_series(model, times, **options)


def steady_state(model, **options: Any):
    """The state an open ``model`` relaxes to, and its figures (the reference solver).

    Parameters
    ----------
    model:
        An open :class:`~qbcircuit.models.BatteryModel` (jump operators or Redfield baths).
    **options:
        Passed to :func:`qbcircuit.reference.steady_state_figures` (e.g. ``spectrum=False``
        to skip the Liouvillian's slow eigenvalues).

    Returns
    -------
    SteadyStateFigures
        ``.energy``, ``.ergotropy``, ``.figures``, ``.gap`` (Liouvillian gap),
        ``.degeneracy`` (dimension of its kernel), ``.residual``.
    """
    from qbcircuit.reference import steady_state_figures

    return steady_state_figures(model, **options)


def compile(model, times, **options: Any):  # noqa: A001 - the API's name for the compile stage
    """Trotterised circuits of ``model`` at each of ``times`` (ancilla collisions for open models).

    Parameters
    ----------
    model:
        A :class:`~qbcircuit.models.BatteryModel` with a qubit register.
    times:
        One time or a sequence of times (model's time unit).
    **options:
        ``order`` (1, 2 or 4; open models 1 or 2), ``dt`` (largest step; default the last
        time / 100), ``approximation`` (Redfield models that are not completely positive);
        see :func:`qbcircuit.compile.program.compile_program`.

    Returns
    -------
    CompiledProgram
        ``.circuits`` (per time, one per mixture component), ``.stats`` (gate counts per
        time), ``.evolutions`` (the compiler's objects), ``.to_qasm()``.
    """
    from qbcircuit.compile.program import compile_program

    return compile_program(model, times, **options)


def run(model, backend, times=None, **options: Any):
    """Compile ``model``, run it on ``backend``, solve it exactly and compare.

    Parameters
    ----------
    model:
        A :class:`~qbcircuit.models.BatteryModel`.
    backend:
        A backend profile name (see :func:`list_backends`, e.g. ``"aer-noisy"``) or a
        :class:`~qbcircuit.run.BackendProfile`.
    times:
        The times of the charging curve (model's time unit); leave out with
        ``steady_state=True`` (open models).
    **options:
        ``shots``, ``seed``, ``out`` (a run folder to write, resumable; default: in
        memory), ``dt``, ``order``, ``steady_state``, ``t_relax``, ``steps``,
        ``readout_mitigation``, ``zne``, ``approximation``, ``progress``; see
        :func:`qbcircuit.pipeline.run`.

    Returns
    -------
    RunResult
        ``.measured``, ``.exact``, ``.ideal``, ``.deviation``, ``.trotter_error``,
        ``.noise_error``, ``.plot()``, ``.save(path)``.
    """
    from qbcircuit.pipeline import run as run_pipeline

    return run_pipeline(model, backend, times, **options)


def load(path):
    """Read back a saved result (a JSON file from ``.save``) or a run folder.

    Parameters
    ----------
    path:
        The file or folder.

    Returns
    -------
    Result
        The object that was saved (TimeSeries, SteadyStateFigures, CompiledProgram, RunResult).
    """
    from qbcircuit.results import load as load_result

    return load_result(path)


__all__ = ["build_model", "compile", "exact", "list_backends", "list_models", "load", "run", "steady_state"]
