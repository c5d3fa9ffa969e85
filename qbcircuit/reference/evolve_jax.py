"""Exact time evolution on JAX (dynamiqs): the second solver behind
``reference.time_series(model, times, solver="jax")``, for those with a GPU.

The same equations as :mod:`qbcircuit.reference.evolve` (Schrodinger for closed models,
Lindblad for open ones), integrated by dynamiqs (JAX) in double precision with an adaptive
8th-order Runge-Kutta (Dopri8, rtol 1e-12, atol 1e-14: see below), on d x d
matrices (H rho, L rho L^+: matrix products, what a GPU does well). Models sharing a
structure (dimension, number of jump operators) are solved as one batch
(:func:`evolve_batch`: the operators stacked along a batch axis, one compiled solve, vmapped
by dynamiqs).

Supported: time-independent Lindblad and closed models. Not supported (a ValueError naming
the reason): time-dependent drives (their coefficients are Python functions, not JAX
ones) and Redfield couplings.

Why dynamiqs and not qutip-jax (measured on this 2-core CPU, loaded, seed 000 coherent
f = 2, N = 3, J = 1, 4 cavity levels (d = 32), 31 times to t = 15, states against QuTiP's
vern7): at rtol 1e-10, atol 1e-12, dynamiqs Dopri8 5.2 s the first call (compilation
included), 0.14 s the next (1.6e-10 from QuTiP); dynamiqs Tsit5 9.0 s / 0.64 s (6.4e-12);
qutip-jax (diffrax Tsit5) 23 s / 40 s (7.5e-12): it integrates the vectorised d^2 x d^2
Liouvillian (68 GB dense at d = 256) and returns to Python at every output time. QuTiP
itself took 0.29 s. Dopri8's error at rtol 1e-10 reached 5.9e-9 on a closed model (seed
001's charger, ||H|| = 20), hence rtol 1e-12, atol 1e-14: 3.4e-12 from a tighter QuTiP on
the model above, in 0.29 s (4.9 s the first call). On a CPU this path is slower than QuTiP,
and ``auto`` never takes it without a GPU.

JAX is imported only when this module's functions run (``import qbcircuit`` does not load
it). ``pip install qbcircuit[gpu]`` installs dynamiqs and JAX with CUDA; the CPU build of
JAX (``qbcircuit[test]``) runs the same code.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from typing import Any

import numpy as np

from qbcircuit.metrics import partial_trace
from qbcircuit.models.core import BatteryModel, InitialState
from qbcircuit.models.master_equation import operator_matrix
from qbcircuit.reference.evolve import Evolution, reduced_from_ket

RTOL = 1e-12
ATOL = 1e-14
MAX_STEPS = 10_000_000
# Hilbert-space dimension from which ``auto`` takes JAX when JAX sees a GPU. From the
# measurements quoted in issue 17 (NVIDIA H200, dynamiqs 0.3.7, seed 000 at d = 256):
# 0.097 s a solve after 3.6 s of compilation, against QuTiP's 8.0 s on the CPU; below
# d ~ 128 QuTiP takes about a second, less than the compilation. Not measured here (no GPU).
AUTO_MIN_DIMENSION = 256


def installed() -> bool:
    """Whether dynamiqs and JAX can be imported (without importing them)."""
    return importlib.util.find_spec("jax") is not None and importlib.util.find_spec("dynamiqs") is not None


def has_gpu() -> bool:
    """Whether JAX is installed and sees a GPU (imports JAX when it is installed)."""
    if not installed():
        return False
    import jax

    try:
        return any(device.platform == "gpu" for device in jax.devices())
    except RuntimeError:  # no backend could be initialised
        return False


def unsupported(model: BatteryModel) -> str | None:
    """Why ``model`` cannot go to the JAX solver, or None if it can."""
    if model.drives:
        return "it has time-dependent drives (their coefficients are Python functions, not JAX ones)"
    if model.redfield_couplings:
        return "it has Redfield couplings (the JAX solver integrates Lindblad equations only)"
    return None


def _dynamiqs():
    """dynamiqs, set to double precision and dense operators, no progress bars."""
    if not installed():
        raise ValueError("solver='jax' needs dynamiqs and JAX: pip install 'qbcircuit[gpu]' (or the CPU build: "
                         "pip install dynamiqs)")
    import dynamiqs as dq

    dq.set_precision("double")  # jax_enable_x64: float64 / complex128 everywhere
    dq.set_layout("dense")
    dq.set_progress_meter(False)
    return dq


def device() -> str:
    """The device JAX computes on, e.g. 'cuda:0' or 'cpu:0'."""
    _dynamiqs()
    import jax

    dev = jax.devices()[0]
    return f"{dev.platform}:{dev.id} ({getattr(dev, 'device_kind', dev.platform)})"


def _check(model: BatteryModel) -> None:
    reason = unsupported(model)
    if reason:
        raise ValueError(f"solver='jax' cannot evolve model {model.name!r}: {reason}; use solver='qutip'")


def _dense(op) -> np.ndarray:
    return operator_matrix(op).toarray().astype(complex)


def _jumps(model: BatteryModel) -> list[np.ndarray]:
    return [np.sqrt(j.rate) * _dense(j.operator) for j in model.jump_operators if j.rate > 0]


def _check_times(times: Sequence[float]) -> np.ndarray:
    t = np.asarray(times, dtype=float).ravel()
    if t.size < 2 or not np.all(np.isfinite(t)) or np.any(np.diff(t) <= 0):
        raise ValueError("times must be at least two finite, strictly increasing values")
    return t


def evolve(model: BatteryModel, times: Sequence[float], *, initial_state: InitialState | None = None,
           store_states: bool = False) -> Evolution:
    """Evolve ``model`` from ``initial_state`` (default: the model's) at ``times[0]`` on JAX.

    Parameters
    ----------
    model:
        A time-independent Lindblad or closed model (see :func:`unsupported`).
    times:
        At least two strictly increasing times; the state is ``initial_state`` at times[0].
    initial_state:
        The state at times[0]; None: the model's.
    store_states:
        Keep the full density matrices in ``Evolution.states``.

    Returns
    -------
    Evolution
        As :func:`qbcircuit.reference.evolve.evolve` returns it.
    """
    return evolve_batch([model], times, initial_states=[initial_state], store_states=store_states)[0]


def structure(model: BatteryModel) -> tuple:
    """What models solved in one batch share: the dimension, open or closed, the number of
    jump operators, the qubits kept for the figures."""
    return (model.dimension, model.is_open, len(_rated(model)), tuple(model.battery_qubits),
            tuple(model.figure_qubits or ()), tuple(model.truncated_mode.qubits) if model.truncated_mode else None)


def same_structure(models: Sequence[BatteryModel]) -> bool:
    """Whether ``models`` can be solved as one batch (:func:`structure`)."""
    return all(structure(m) == structure(models[0]) for m in models)


def _rated(model: BatteryModel) -> list:
    return [j for j in model.jump_operators if j.rate > 0]


def evolve_batch(models: Sequence[BatteryModel], times: Sequence[float], *,
                 initial_states: Sequence[InitialState | None] | None = None,
                 store_states: bool = False) -> list[Evolution]:
    """Evolve models that share a structure (:func:`same_structure`) as one batch on JAX.

    Parameters
    ----------
    models:
        Time-independent Lindblad or closed models of one structure.
    times:
        The common time grid (at least two strictly increasing times).
    initial_states:
        One per model (None entries: the model's own); None: every model's own.
    store_states:
        Keep the full density matrices in each ``Evolution.states``.

    Returns
    -------
    list of Evolution
        One per model, in order.
    """
    models = list(models)
    if not models:
        return []
    for m in models:
        _check(m)
    if not same_structure(models):
        raise ValueError("models of one batch must share a structure: dimension, open or closed, number of jump "
                         "operators and the qubits of their figures")
    times = _check_times(times)
    states = [s or m.initial_state for s, m in zip(initial_states or [None] * len(models), models)]
    for s, m in zip(states, models):
        if s.dimension != m.dimension:
            raise ValueError(f"initial_state must have dimension {m.dimension}, got {s.dimension}")
    dq = _dynamiqs()
    method = dq.method.Dopri8(rtol=RTOL, atol=ATOL, max_steps=MAX_STEPS)
    first = models[0]
    n, keep, fig_keep = first.num_qubits, first.battery_qubits, first.figure_qubits
    mode_keep = first.truncated_mode.qubits if first.truncated_mode else None
    h = np.stack([_dense(m.hamiltonian) for m in models])
    out = []
    if first.is_open:
        jumps = [np.stack(ops) for ops in zip(*[_jumps(m) for m in models])]
        rho0 = np.stack([s.density_matrix().astype(complex) for s in states])
        result = dq.mesolve(h, jumps, rho0, times, method=method, cartesian_batching=False)
        all_states = np.asarray(result.states.to_jax())  # (batch, times, d, d)
        for k, m in enumerate(models):
            rows = all_states[k]
            battery = np.array([partial_trace(r, keep, n) for r in rows])
            figure = np.array([partial_trace(r, fig_keep, n) for r in rows]) if fig_keep else None
            mode = np.array([np.diag(partial_trace(r, mode_keep, n)).real for r in rows]) if mode_keep else None
            final = 0.5 * (rows[-1] + rows[-1].conj().T)
            final_state = InitialState((), (), final / np.trace(final).real, None, f"state at t={times[-1]:g}")
            out.append(Evolution(times, battery, final_state, list(rows) if store_states else None, figure, mode))
        return out
    # Closed: each pure component of each initial state as a ket; all of them in one batch.
    components = [s.components() for s in states]
    owner = [k for k, comps in enumerate(components) for _ in comps]
    kets = np.stack([np.asarray(v, dtype=complex).reshape(-1, 1) for comps in components for _, v in comps])
    result = dq.sesolve(h[owner], kets, times, method=method, cartesian_batching=False)
    all_kets = np.asarray(result.states.to_jax())[..., 0]  # (kets, times, d)
    start = 0
    for k, comps in enumerate(components):
        weights = [w for w, _ in comps]
        vecs = all_kets[start : start + len(comps)]
        start += len(comps)

        def mix(fn, vecs=vecs, weights=weights):
            return np.array([sum(w * fn(v[t]) for w, v in zip(weights, vecs)) for t in range(times.size)])

        battery = mix(lambda v: reduced_from_ket(v, keep, n))
        figure = mix(lambda v: reduced_from_ket(v, fig_keep, n)) if fig_keep else None
        mode = mix(lambda v: np.diag(reduced_from_ket(v, mode_keep, n)).real) if mode_keep else None
        full = list(mix(lambda v: np.outer(v, v.conj()))) if store_states else None
        final_state = InitialState.from_vectors([(w, v[-1]) for w, v in zip(weights, vecs)],
                                                label=f"state at t={times[-1]:g}")
        out.append(Evolution(times, battery, final_state, full, figure, mode))
    return out


def describe() -> dict[str, Any]:
    """What the JAX solver ran on and with: for a result's ``info``."""
    import dynamiqs as dq
    import jax

    return {"device": device(), "jax": jax.__version__, "dynamiqs": dq.__version__,
            "method": f"Dopri8 rtol {RTOL:g} atol {ATOL:g}"}
