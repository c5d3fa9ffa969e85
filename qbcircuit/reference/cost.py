"""What an exact solve will cost, estimated before any work: dimension, time points, solver
steps and the memory of its dense objects; and the check that refuses a solve beyond the
machine's means in one line.

Nothing here builds an operator of the solve: the estimate reads the model's sizes (its
register, its reduced or free-fermion description), the number of Pauli terms of its
Hamiltonian and jump operators, and a cheap bound on its fastest frequency (the sum of
|coefficients|, or a sparse reduced Hamiltonian's largest absolute row sum).

Memory (bytes, rounded up, so that a refusal is never wrong by much):

* closed register (QuTiP's ``sesolve``): the sparse H (at most terms x d non-zeros,
  24 bytes each) and about :data:`WORK_VECTORS` state vectors of the integrator;
* open register (``mesolve``): the sparse Liouvillian (at most (2 terms(H) + 3 sum over
  jumps of terms(L)^2) d^2 non-zeros) and :data:`WORK_VECTORS` density matrices;
  a Bloch-Redfield generator is dense in the eigenbasis: d^4 complex numbers;
* steady state: the sparse generator's LU on at most ``BLOCK_SEARCH_MAX_UNKNOWNS``
  unknowns, else the matrix-free path: its Krylov basis (``KRYLOV_MEMORY_BYTES``) and the
  ARPACK basis of the spectrum, ``ARPACK_NCV`` density matrices;
* reduced space (dimension D, battery dimension b): a dense eigenbasis (D <= DENSE_LIMIT)
  or the sparse H and expm_multiply's vectors, and the dense battery Hamiltonian and its
  eigenbasis that the figures of merit read (b x b);
* free fermions: 2N x 2N real matrices.

Time: an explicit high-order integrator (QuTiP's vern7 at rtol 1e-10) takes at least
about one step per radian of the fastest phase, so ``steps`` >= omega_max x t_final; a
reduced solve by expm_multiply takes about ||H||_1 t matrix-vector products. The seconds
are a rough figure from measured rates on this project's 2-core machines
(:data:`SECONDS_PER_STEP`, more with drives whose coefficients are Python functions), for
the message only: the refusal is on steps (:data:`MAX_SOLVER_STEPS`) and memory.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: Integrator work arrays, state copies and results, in units of one state (vector or
#: density matrix): a deliberate over-count.
WORK_VECTORS = 24
#: An explicit solve beyond this many steps (about one per radian of the fastest phase) is
#: refused: at the measured 20 us to 1 ms a step, more than a day to a year.
MAX_SOLVER_STEPS = 1e8
#: Seconds per solver step, for the estimate printed: static models, and models with drives.
SECONDS_PER_STEP = {"static": 2e-5, "driven": 1e-3}
#: Seconds per unknown (d^2) of a steady state with its spectrum, for the estimate printed.
STEADY_SECONDS_PER_UNKNOWN = 3e-3
#: Work estimated to take longer than this is announced (a logging line) before it starts.
ANNOUNCE_SECONDS = 10.0
#: A dense object's bytes per complex number.
COMPLEX = 16


def available_memory() -> int:
    """The memory this process may still allocate, in bytes: MemAvailable of /proc/meminfo,
    else the physical pages the OS reports free (os.sysconf), else 4 GiB.

    Returns
    -------
    int
    """
    try:
        with open("/proc/meminfo") as handle:
            for line in handle:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):
        return 4 * 1024**3


def memory_limit(max_memory_gb: float | None = None) -> int:
    """The memory a solve may take, in bytes: ``max_memory_gb`` when given, else what is available.

    Parameters
    ----------
    max_memory_gb:
        An explicit limit in GB (1e9 bytes), > 0; None: :func:`available_memory`.

    Returns
    -------
    int
    """
    if max_memory_gb is None:
        return available_memory()
    try:
        value = float(max_memory_gb)
    except (TypeError, ValueError):
        value = float("nan")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"max_memory_gb must be a number > 0, got {max_memory_gb!r}")
    return int(value * 1e9)


def gigabytes(n: float) -> str:
    """Bytes as a short text in GB (or MB below 0.1 GB)."""
    return f"{n / 1e9:.3g} GB" if n >= 1e8 else f"{n / 1e6:.3g} MB"


def duration(seconds: float) -> str:
    """Seconds as a short text (s, min, h, days, years)."""
    for unit, size in (("years", 3.15e7), ("days", 86400.0), ("h", 3600.0), ("min", 60.0)):
        if seconds >= size:
            return f"{seconds / size:.3g} {unit}"
    return f"{seconds:.2g} s"


@dataclass
class Cost:
    """The estimated cost of one exact solve (see the module docstring).

    Attributes
    ----------
    what:
        The solve, in words (``time series of spin-chain on the register``).
    dimension:
        The Hilbert-space dimension solved (register 2^n, reduced D, or 2N Majorana modes).
    unknowns:
        The size of the state solved for (d for pure states, d^2 for density matrices).
    points:
        Time points (1 for a steady state).
    steps:
        Estimated solver steps (0 when not a time integration).
    memory:
        Estimated peak bytes of the dense objects.
    seconds:
        A rough time estimate (for the message only).
    largest:
        The largest object, in words (for the message).
    """

    what: str
    dimension: int
    unknowns: int
    points: int = 1
    steps: float = 0.0
    memory: float = 0.0
    seconds: float = 0.0
    largest: str = ""
    notes: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """One line: dimension, points, steps, memory and time."""
        steps = f", ~{self.steps:.2g} solver steps" if self.steps else ""
        return (f"{self.what}: dimension {self.dimension}, {self.points} time point{'s' if self.points != 1 else ''}"
                f"{steps}, ~{gigabytes(self.memory)} ({self.largest}), ~{duration(self.seconds)}")

    def to_dict(self) -> dict[str, Any]:
        return {"what": self.what, "dimension": self.dimension, "unknowns": self.unknowns, "points": self.points,
                "steps": self.steps, "memory_bytes": self.memory, "seconds": self.seconds, "largest": self.largest}


def check(cost: Cost, *, max_memory_gb: float | None = None, max_steps: float | None = None, say=None) -> Cost:
    """Refuse a solve beyond the machine's means; announce a long one.

    Parameters
    ----------
    cost:
        The estimate (:func:`estimate_time_series`, :func:`estimate_steady_state`).
    max_memory_gb:
        The memory the solve may take, in GB (default: the memory available now).
    max_steps:
        The most solver steps (default :data:`MAX_SOLVER_STEPS`).
    say:
        Called with one line when the work is estimated to take more than
        :data:`ANNOUNCE_SECONDS`.

    Returns
    -------
    Cost
        ``cost``; a ``ValueError`` of one line saying what the solve would need and what
        there is when it is beyond them.
    """
    limit = memory_limit(max_memory_gb)
    if cost.memory > limit:
        where = f"max_memory_gb={max_memory_gb:g}" if max_memory_gb is not None else "available now"
        raise ValueError(f"{cost.what} would need ~{gigabytes(cost.memory)} ({cost.largest}; dimension "
                         f"{cost.dimension}), more than the {gigabytes(limit)} {where}: choose smaller parameters")
    most = MAX_SOLVER_STEPS if max_steps is None else float(max_steps)
    if cost.steps > most:
        raise ValueError(f"{cost.what} would take ~{cost.steps:.2g} solver steps (about one per radian of its fastest "
                         f"phase; ~{duration(cost.seconds)}), more than the limit of {most:.2g}: shorten the time "
                         "window or lower the frequencies")
    if say is not None and cost.seconds > ANNOUNCE_SECONDS:
        say(f"estimate: {cost.describe()}")
    return cost


# --- sizes read off the model ---------------------------------------------------------------
def _terms(op) -> int:
    try:
        return max(1, len(op))
    except TypeError:
        return 1


def _norm_bound(op) -> float:
    try:
        return float(np.sum(np.abs(np.asarray(op.coeffs))))
    except AttributeError:
        return 0.0


def _drive_bound(model, t_final: float) -> float:
    """sum_k max_t |c_k(t)| ||op_k||, from 65 samples of each coefficient on [0, t_final]."""
    total = 0.0
    samples = np.linspace(0.0, t_final, 65)
    for term in model.drives:
        try:
            peak = max(abs(float(term.coefficient(float(t)))) for t in samples)
        except Exception:  # noqa: BLE001 - a coefficient that fails is the solver's business
            peak = 0.0
        total += peak * _norm_bound(term.operator)
    return total


def fastest_frequency(model, t_final: float = 0.0) -> float:
    """A cheap upper bound on the model's fastest rate: the sum of |Pauli coefficients| of H
    (and of its drives' peaks), plus the decay rates times ||L||^2; for a reduced-only
    model, the largest absolute row sum of its reduced Hamiltonian.

    Parameters
    ----------
    model:
        The battery model.
    t_final:
        The end of the window the drives are sampled on.

    Returns
    -------
    float
    """
    if model.gaussian is not None and not model.has_register:
        h = model.gaussian.hamiltonian
        return float(abs(h).sum(axis=1).max())
    if not model.has_register:
        h = model.reduced.hamiltonian
        return float(abs(h).sum(axis=1).max())
    omega = _norm_bound(model.hamiltonian) + _drive_bound(model, t_final)
    omega += sum(j.rate * _norm_bound(j.operator) ** 2 for j in model.jump_operators)
    return omega


def _liouvillian_nonzeros(model, d: int) -> float:
    per = 2 * _terms(model.hamiltonian) + sum(2 * _terms(t.operator) for t in model.drives)
    per += sum(3 * _terms(j.operator) ** 2 for j in model.jump_operators)
    return min(per * float(d) ** 2, float(d) ** 4)


def _register_memory(model, steady: bool) -> tuple[float, str, int]:
    d = float(model.dimension)
    battery = float(2 ** len(model.battery_qubits))
    extra = 4 * COMPLEX * battery**2  # H_B and the battery's states, dense
    if model.redfield_couplings:
        return COMPLEX * d**4 * (3 if steady else 2) + extra, f"a dense Bloch-Redfield generator, {int(d)}^4 entries", int(d * d)
    if model.is_open:
        nnz = _liouvillian_nonzeros(model, int(d))
        if steady:
            from qbcircuit.reference import steady_iterative
            from qbcircuit.reference.steady import BLOCK_SEARCH_MAX_UNKNOWNS

            if d * d <= BLOCK_SEARCH_MAX_UNKNOWNS:
                return 24 * nnz * 4 + extra, f"the sparse Liouvillian and its LU, {int(d * d)} unknowns", int(d * d)
            memory = steady_iterative.KRYLOV_MEMORY_BYTES + (steady_iterative.ARPACK_NCV + WORK_VECTORS) * COMPLEX * d * d
            return memory + extra, f"{steady_iterative.ARPACK_NCV + WORK_VECTORS} density matrices of {int(d)}^2", int(d * d)
        return 24 * nnz + WORK_VECTORS * COMPLEX * d * d + extra, \
            f"the sparse Liouvillian and {WORK_VECTORS} density matrices of {int(d)}^2", int(d * d)
    nnz = min(float(_terms(model.hamiltonian) + sum(_terms(t.operator) for t in model.drives)) * d, d * d)
    components = len(model.initial_state.weights) or 1
    return 24 * nnz + WORK_VECTORS * components * COMPLEX * d + extra, \
        f"the sparse Hamiltonian and {WORK_VECTORS * components} state vectors of {int(d)}", int(d)


def _reduced_memory(space) -> tuple[float, str, float]:
    from qbcircuit.reference.collective import DENSE_LIMIT

    size = float(space.dimension)
    b = float(space.battery_dim)
    battery = 4 * COMPLEX * b * b  # the figures of merit read H_B and its eigenbasis densely
    if size <= DENSE_LIMIT:
        return 3 * COMPLEX * size * size + battery, f"a dense eigenbasis of {int(size)} and H_B of {int(b)}", 0.0
    nnz = float(space.hamiltonian.nnz)
    return 24 * nnz + 40 * COMPLEX * size + battery, \
        f"the battery Hamiltonian and its eigenbasis, {int(b)} x {int(b)}" if battery > 24 * nnz else \
        f"the sparse reduced Hamiltonian, {int(size)} states", nnz


def estimate_time_series(model, times, solver: str = "auto") -> Cost:
    """The cost of :func:`qbcircuit.reference.time_series` on ``model`` along ``times``.

    Parameters
    ----------
    model:
        The battery model (a truncated mode at its present truncation).
    times:
        The time grid (its last time and its length are read).
    solver:
        As for ``time_series``.

    Returns
    -------
    Cost
    """
    from qbcircuit.reference.figures import solver_for

    times = np.asarray(times, dtype=float).ravel()
    t_final = float(times[-1]) if times.size else 0.0
    engine = solver_for(model, solver)
    if (engine == "gaussian" and model.gaussian is None) or (engine == "reduced" and model.reduced is None):
        # the solver answers with its own one-line error (no such description): nothing to estimate
        return Cost(f"time series of {model.name}", 0, 0, times.size, 0.0, 0.0, 0.0, "nothing")
    omega = fastest_frequency(model, t_final) if engine != "gaussian" else 0.0
    steps = omega * t_final * model.realisations
    if engine == "gaussian":
        n = 2 * model.gaussian.sites
        return Cost(f"time series of {model.name} (free fermions)", n, n, times.size, 0.0, 10 * 8.0 * n * n,
                    n * n * n * 1e-9 * times.size, f"{n} x {n} real matrices")
    if engine == "reduced":
        space = model.reduced
        memory, largest, nnz = _reduced_memory(space)
        b = float(space.battery_dim)
        seconds = b**3 * 3e-9 + (steps * max(nnz, 1.0) * 3e-9 if nnz else space.dimension**3 * 3e-9)
        return Cost(f"time series of {model.name} in its reduced space", space.dimension, space.dimension,
                    times.size, steps if nnz else 0.0, memory, seconds, largest)
    model.initial_state.require_vectors()  # a register held as bit strings only: its own one-line answer
    memory, largest, unknowns = _register_memory(model, steady=False)
    per_step = SECONDS_PER_STEP["driven" if model.drives else "static"] + 10 * unknowns * 24e-9
    return Cost(f"time series of {model.name} on {model.num_qubits} qubits", model.dimension, unknowns,
                times.size, steps, memory, steps * per_step * 3, largest)


def estimate_steady_state(model) -> Cost:
    """The cost of :func:`qbcircuit.reference.steady_state_figures` on ``model``.

    Parameters
    ----------
    model:
        An open battery model (a truncated mode at its present truncation).

    Returns
    -------
    Cost
    """
    if not model.has_register:
        return Cost(f"steady state of {model.name}", 0, 0, 1, 0.0, 0.0, 0.0, "nothing (no register)")
    mode = model.truncated_mode
    grows = (f" (at {2 ** len(mode.qubits)} levels of the truncated mode; each grown level costs more)"
             if mode is not None and mode.automatic else "")
    memory, largest, unknowns = _register_memory(model, steady=True)
    # the Liouvillian's slow eigenvalues (ARPACK) dominate: measured > 40 s at 16384 unknowns
    # (spin-chain-cavity N = 6) on a shared 2-core machine
    seconds = unknowns * STEADY_SECONDS_PER_UNKNOWN * model.realisations
    return Cost(f"steady state of {model.name} on {model.num_qubits} qubits", model.dimension, unknowns, 1, 0.0,
                memory, seconds, largest + grows)


__all__ = ["ANNOUNCE_SECONDS", "Cost", "MAX_SOLVER_STEPS", "available_memory", "check", "estimate_steady_state",
           "estimate_time_series", "fastest_frequency", "memory_limit"]
