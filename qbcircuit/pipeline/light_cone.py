"""The noisy prediction of a chain's circuits on a device, by backward light cones.

A device circuit for a chain of 100 cells is 100 qubits wide: no density matrix holds it.
But what is measured is local: the energy is a sum over cells, the local ergotropies are
functions of single cells and neighbouring pairs. The reduced state of a pair of qubits at
the end of a circuit depends only on the gates in its *backward light cone* (walking the
circuit backwards, a gate belongs to the cone when it touches a qubit already in it, and
its qubits join the cone). Every other gate, and every noise channel attached to it, acts
outside and is traced out: with a noise model whose channels act on the qubits of their
gate (Aer's device models: depolarising and thermal-relaxation errors after each gate, a
readout error per qubit; no idle errors on unscheduled circuits, no crosstalk), the pair's
noisy state from its cone alone is *exact*. So each neighbouring pair (i, i+1) of the line
is simulated on its own: its cone's gates on their physical qubits, with the device's noise
model (Aer's density-matrix method keeps only the qubits the cone touches), giving the
noisy pair state; single cells are its partial traces. Each run of single-qubit gates is
folded, with the error channel after each gate, into the next two-qubit gate on its qubit
(:func:`fused_operations`), so a cone is a short list of two-qubit channels. Readout errors are applied to what
would be measured: populations (the energy from Z counts) and the Pauli expectations of
tomography (each qubit's outcome flips with its calibrated probabilities, so
<s> -> (1 - p01 - p10) <s> + (p01 - p10) per measured qubit); the local ergotropies are those
of the closest physical state to those expectations, as a tomography run reports them.

Where the cost grows: a cone widens by one qubit on each side per layer of bond gates (a
brick wall), and a step of the second-order formula has two layers (the half layers of
consecutive steps merge), so after K steps a pair's cone holds min(N, 4K + 4) qubits: 8
after one step, the whole chain of 10 after two. A density matrix of w qubits costs 4^w
per operation: measured here, a cone of 8 qubits takes about 0.2 s, one of 10 about 2 s
(Aer, one thread). The cost is set by the number of *steps*, not by N: N enters only as
N - 1 cones. Beyond ``window`` qubits a cone is cut to the ``window`` line qubits around its
pair (operations touching qubits outside are dropped), and the prediction stops being
exact. It is then corrected with what can be computed exactly: the noiseless circuit, by
free fermions (:mod:`qbcircuit.pipeline.gaussian_circuits`). The cut cones are simulated
twice, with and without noise; their difference is the noise's effect (``noise_error``),
added to the exact noiseless circuit:

    noisy = ideal + (noisy_cut - ideal_cut).

What the cut loses cancels in the difference to first order (it is the same cut with and
without noise); what remains is of the order of (cut loss) x (noise). Measured at N = 10
against the density matrix of the whole circuit on fake_aachen (t = 2, eight steps of
0.25): the raw cut cones of 8 qubits miss the energy per cell by 8e-3 omega0 (the noise's
effect is 2e-2), the corrected prediction by 1e-3; with cones of 6 qubits, 2e-2 and 2e-3.
``ideal_cut - ideal`` is reported as ``truncation_error``: what the cut loses without noise;
``info["cut_uncertainty"]``: how far the correction moves when the cones are cut two qubits
narrower (at N = 10, t = 2: 3e-3 against the actual 1e-3 of the 8-qubit cut).
The physical reason the cut works: the circuit's cone widens by two sites per step dt, the
dynamics' correlations only at the Lieb-Robinson velocity (a few sites per unit time), so
for dt below ~1/v the gates far out in the cone carry almost nothing to the pair, and noise
only damps what they carry. When every cone fits the window the prediction is exact
(equal to the whole circuit's density matrix; a test at N = 10).

What is not modelled: idle (delay) errors and crosstalk that a scheduled device circuit
would add, and the basis-rotation gates of tomography settings (their error is that of one
single-qubit gate per measured qubit).
"""

from __future__ import annotations

import time as _time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from qbcircuit.results import Result, as_array, format_value

#: Default widest cone simulated as a density matrix (qubits): 1 MB per state, ~0.2 s per cone.
WINDOW = 8

_PAULIS = np.array([np.eye(2), [[0, 1], [1, 0]], [[0, -1j], [1j, 0]], np.diag([1.0, -1.0])], dtype=complex)
_SKIP = {"barrier", "delay", "measure"}


# -- the circuits --------------------------------------------------------------------------------
def device_circuit(model, t: float, steps: int, order: int, backend, line: Sequence[int], *,
                   fractional_gates: bool = False):
    """The compiled evolution of ``model`` to ``t`` transpiled onto ``line`` of ``backend``.

    Parameters
    ----------
    model:
        A chain model with a pure basis initial state (one circuit).
    t, steps, order:
        Evolution time, Trotter steps, product-formula order.
    backend:
        A fake device (BackendV2).
    line:
        The physical qubit of each chain qubit (:func:`qbcircuit.compile.targeting.device_line`).
    fractional_gates:
        Use RZZ/RX where the device has them.

    Returns
    -------
    (QuantumCircuit, DeviceStats)
        The device circuit (on the device's qubits, no measurements) and its statistics;
        a ``ValueError`` if a two-qubit gate leaves the line's bonds (no routing is expected).
    """
    from qbcircuit.compile import compile_evolution, transpile_evolution

    compiled = compile_evolution(model, float(t), int(steps), order)
    if len(compiled.components) != 1:
        raise ValueError(f"model {model.name!r}: the light-cone prediction takes a pure initial state (one circuit)")
    targeted = transpile_evolution(compiled, backend, fractional_gates=fractional_gates, initial_layout=list(line))
    circuit = targeted.circuits[0]
    bonds = {frozenset(p) for p in zip(line, line[1:])}
    for inst in circuit.data:
        if inst.operation.num_qubits == 2 and inst.operation.name not in _SKIP:
            qubits = frozenset(circuit.find_bit(q).index for q in inst.qubits)
            if qubits not in bonds:
                raise ValueError(f"the device circuit has a two-qubit gate on {sorted(qubits)}, off the line's bonds")
    return circuit, targeted.stats


def backward_cone(operations: Sequence[tuple[Any, tuple[int, ...]]], targets: Sequence[int],
                  allowed: set[int] | None = None) -> tuple[list[int], set[int]]:
    """The operations in the backward light cone of ``targets``.

    Parameters
    ----------
    operations:
        (operation, qubits) in circuit order (:func:`fused_operations`).
    targets:
        The qubits whose final state is wanted.
    allowed:
        If given, the cone is cut to these qubits: an operation touching any qubit outside
        is dropped (and its qubits do not join the cone).

    Returns
    -------
    (indices, qubits)
        The cone's operation indices in circuit order, and the qubits it touches.
    """
    cone = set(int(q) for q in targets)
    kept = []
    for k in range(len(operations) - 1, -1, -1):
        qubits = set(operations[k][1])
        if qubits & cone:
            if allowed is not None and not qubits <= allowed:
                continue
            kept.append(k)
            cone |= qubits
    return kept[::-1], cone


def cone_circuit(operations, indices: Sequence[int], targets: Sequence[int], num_qubits: int):
    """The cone's operations as a circuit on the device's qubits (channels as Kraus
    instructions, unitaries as unitary gates), ending in a saved density matrix of
    ``targets`` (Qiskit order: ``targets[0]`` is the state's qubit 0)."""
    from qiskit import QuantumCircuit
    from qiskit.quantum_info import Kraus, Operator

    out = QuantumCircuit(num_qubits)
    for k in indices:
        op, qubits = operations[k]
        if isinstance(op, Operator):
            out.unitary(op, [out.qubits[q] for q in qubits])
        else:
            out.append(Kraus(op), [out.qubits[q] for q in qubits])
    out.save_density_matrix(qubits=[out.qubits[q] for q in targets], label="rho")
    return out


@lru_cache(maxsize=8)
def device_channels(backend_name: str) -> tuple[dict[tuple[str, tuple[int, ...]], Any], np.ndarray]:
    """The device noise of a fake IBM device as Aer's ``NoiseModel.from_backend`` builds it
    (the ``fake-*`` profiles' noise): the error channel after each gate on each qubit tuple
    (depolarising and thermal relaxation, :func:`qiskit_aer.noise.device.basic_device_gate_errors`)
    and each qubit's (p(read 1 | 0), p(read 0 | 1)) (``basic_device_readout_errors``).

    Parameters
    ----------
    backend_name:
        A fake device name (``fake_aachen``).

    Returns
    -------
    (errors, readout)
        ``errors[(gate, qubits)]``: a ``QuantumError``; ``readout``: (num_qubits, 2).
    """
    from qiskit_aer.noise.device import basic_device_gate_errors, basic_device_readout_errors

    from qbcircuit.compile.targeting import resolve_backend

    target = resolve_backend(backend_name).target
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        errors = {(name, tuple(int(q) for q in qubits)): error
                  for name, qubits, error in basic_device_gate_errors(None, target=target)}
        readout = np.zeros((target.num_qubits, 2))
        for qubits, error in basic_device_readout_errors(None, target=target):
            p = np.asarray(error.probabilities, dtype=float)
            readout[int(qubits[0])] = (p[0, 1], p[1, 0])
    return errors, readout


def fused_operations(circuit, errors: dict | None) -> list[tuple[Any, tuple[int, ...]]]:
    """The circuit as few operations: every run of single-qubit gates (with the error channel
    after each gate, when ``errors`` is given) is folded into the next two-qubit gate on its
    qubit (gate, then its error), the runs left at the end stand alone.

    Parameters
    ----------
    circuit:
        A device circuit (no measurements).
    errors:
        ``(gate, qubits) -> QuantumError`` (:func:`device_channels`), or None: unitaries.

    Returns
    -------
    list
        (operation, qubits): a ``SuperOp`` with errors, an ``Operator`` without, on the
        qubits in Qiskit order (qubits[0] is the operation's qubit 0). The same channel as the
        circuit with Aer's gate errors, in a fraction of the density-matrix operations.
    """
    from qiskit.quantum_info import Operator, SuperOp

    cache: dict[tuple, Any] = {}

    def channel(inst, qubits):
        op = inst.operation
        key = (op.name, tuple(float(p) for p in op.params), qubits)
        if key not in cache:
            gate = Operator(op)
            if errors is None:
                cache[key] = gate
            else:
                value = SuperOp(gate)
                error = errors.get((op.name, qubits))
                cache[key] = value if error is None else value.compose(SuperOp(error))
        return cache[key]

    pending: dict[int, Any] = {}
    out = []
    for inst in circuit.data:
        if inst.operation.name in _SKIP:
            continue
        qubits = tuple(circuit.find_bit(q).index for q in inst.qubits)
        step = channel(inst, qubits)
        if len(qubits) == 1:
            q = qubits[0]
            pending[q] = step if q not in pending else pending[q].compose(step)
            continue
        if len(qubits) != 2:
            raise ValueError(f"gate {inst.operation.name!r} on {len(qubits)} qubits: device circuits have 1- and 2-qubit gates")
        a, b = qubits
        identity = Operator(np.eye(2)) if errors is None else SuperOp(np.eye(4))
        before = pending.pop(b, identity).tensor(pending.pop(a, identity))  # qubit 0 = a
        out.append((before.compose(step), qubits))
    out.extend((op, (q,)) for q, op in pending.items())
    return out


def with_readout(pairs: np.ndarray, readout: np.ndarray) -> np.ndarray:
    """Pair states as Pauli tomography with readout errors would reconstruct them: each qubit's
    Pauli expectations s -> (1 - p10 - p01) s + (p01 - p10) (module docstring).

    Parameters
    ----------
    pairs:
        (P, 4, 4) states; pair j is on line qubits j (its qubit 0) and j + 1.
    readout:
        (N, 2): (p(1|0), p(0|1)) of each line qubit.

    Returns
    -------
    numpy.ndarray
        (P, 4, 4) Hermitian unit-trace matrices (possibly not positive).
    """
    p = pairs.shape[0]
    # basis[a, b] = s_b (x) s_a: s_a on qubit 0 (the right Kronecker factor), s_b on qubit 1
    basis = np.einsum("aij,bkl->abkilj", _PAULIS, _PAULIS).reshape(4, 4, 4, 4)
    coeffs = np.einsum("abmn,knm->kab", basis, pairs).real  # c_ab = Tr[basis[a, b] rho]

    def transfer(p10, p01):
        alpha, beta = 1.0 - p10 - p01, p01 - p10
        t = np.zeros((p10.size, 4, 4))
        t[:, 0, 0] = 1.0
        for a in (1, 2, 3):
            t[:, a, 0], t[:, a, a] = beta, alpha
        return t

    t0 = transfer(readout[:p, 0], readout[:p, 1])
    t1 = transfer(readout[1 : p + 1, 0], readout[1 : p + 1, 1])
    distorted = np.einsum("kac,kcd,kbd->kab", t0, coeffs, t1)
    return np.einsum("kab,abmn->kmn", distorted, basis) / 4.0


# -- the prediction ------------------------------------------------------------------------------
@dataclass(repr=False, eq=False)
class LightConePrediction(Result):
    """The figures of a chain's circuits on a device: exact, noiseless circuit, noisy prediction.

    Attributes: ``times``; ``exact``, ``ideal`` (the noiseless circuits, exact: free
    fermions), ``noisy`` (the prediction as a device run would measure it: ideal + the
    noise's effect on the cut cones), ``noisy_cut`` and ``ideal_cut`` (the cut cones with
    and without noise): figure -> array; ``trotter_error`` (ideal - exact), ``noise_error``
    (noisy - ideal = noisy_cut - ideal_cut), ``truncation_error`` (ideal_cut - ideal, what
    the cut loses without noise): figure -> array; ``info``: device, line, window, cone
    widths, steps and timings per time, and ``cut_uncertainty`` (figure -> per time: how far
    the noise correction moves when the cones are cut two qubits narrower; 0 when none is
    cut), the measure of what the cut leaves in the prediction.
    """

    kind = "light_cone_prediction"

    model: str
    parameters: dict[str, Any]
    backend: str
    times: np.ndarray
    exact: dict[str, np.ndarray]
    ideal: dict[str, np.ndarray]
    ideal_cut: dict[str, np.ndarray]
    noisy_cut: dict[str, np.ndarray]
    noisy: dict[str, np.ndarray]
    info: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.times = np.asarray(self.times, dtype=float)
        for name in ("exact", "ideal", "ideal_cut", "noisy_cut", "noisy"):
            setattr(self, name, {k: np.asarray(v, dtype=float) for k, v in getattr(self, name).items()})

    @property
    def keys(self) -> list[str]:
        return [k for k in self.noisy if k in self.exact]

    def _difference(self, a: dict, b: dict) -> dict[str, np.ndarray]:
        return {k: a[k] - b[k] for k in self.keys if k in a and k in b}

    @property
    def trotter_error(self) -> dict[str, np.ndarray]:
        return self._difference(self.ideal, self.exact)

    @property
    def noise_error(self) -> dict[str, np.ndarray]:
        return self._difference(self.noisy, self.ideal)

    @property
    def truncation_error(self) -> dict[str, np.ndarray]:
        return self._difference(self.ideal_cut, self.ideal)

    def to_dict(self) -> dict[str, Any]:
        def series(d):
            return {k: [None if not np.isfinite(x) else float(x) for x in v] for k, v in d.items()}

        return {"model": self.model, "parameters": self.parameters, "backend": self.backend,
                "times": self.times.tolist(), "exact": series(self.exact), "ideal": series(self.ideal),
                "ideal_cut": series(self.ideal_cut), "noisy_cut": series(self.noisy_cut), "noisy": series(self.noisy),
                "info": self.info}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LightConePrediction":
        def series(d):
            return {k: as_array(v) for k, v in d.items()}

        return cls(data["model"], dict(data["parameters"]), data["backend"], as_array(data["times"]),
                   series(data["exact"]), series(data["ideal"]), series(data["ideal_cut"]), series(data["noisy_cut"]),
                   series(data["noisy"]), dict(data.get("info", {})))

    def _summary(self) -> list[tuple[str, str]]:
        out = [("model", repr(self.model)), ("backend", repr(self.backend)),
               ("times", f"{self.times.size} points in [{self.times[0]:g}, {self.times[-1]:g}]")]
        for key, values in (("noise_error", self.noise_error), ("trotter_error", self.trotter_error),
                            ("truncation_error", self.truncation_error)):
            if "energy_per_cell" in values:
                out.append((f"{key}(energy_per_cell)", format_value(float(np.nanmax(np.abs(values["energy_per_cell"]))))))
        out.append(("window", str(self.info.get("window"))))
        return out


def _cells(pairs: np.ndarray) -> np.ndarray:
    """The N single-cell states of the N - 1 pair states: qubit 0 of each pair, and qubit 1 of
    the last (the same states as any pair holding the cell: its cone is inside the pair's)."""
    r = pairs.reshape(-1, 2, 2, 2, 2)  # [k, b1, b0, b1', b0']
    return np.concatenate([np.einsum("kaiaj->kij", r), np.einsum("kiaja->kij", r[-1:])])


def _figures(model, pairs: np.ndarray, initial_energy: float, *, tomography: bool = False) -> dict[str, float]:
    """The chain's figures from its N - 1 neighbouring-pair states, through the model's own
    local figures; the stored energy from the cells' populations (H_B of single-qubit Z
    terms). ``tomography``: the states are Pauli-tomography estimates (possibly not
    positive): energies from them as they are, ergotropies of the closest physical states
    (as :func:`qbcircuit.pipeline.estimate.state_figures` does)."""
    from qbcircuit.pipeline.estimate import physical_state
    from qbcircuit.pipeline.plan import battery_energy_fields

    cells = _cells(pairs)
    constant, fields = battery_energy_fields(model)
    energy = float(constant + fields @ (cells[:, 0, 0] - cells[:, 1, 1]).real)
    out = {"energy": energy - initial_energy, "battery_energy": energy}
    local = model.gaussian.local_figures({1: cells, 2: pairs})
    if tomography:
        physical = {1: np.array([physical_state(c) for c in cells]), 2: np.array([physical_state(p) for p in pairs])}
        local.update({k: v for k, v in model.gaussian.local_figures(physical).items() if "ergotropy" in k})
    out.update(local)
    return out


def predict(
    model,
    times: Sequence[float],
    *,
    backend: str = "fake_aachen",
    dt: float,
    order: int = 2,
    window: int = WINDOW,
    line: Sequence[int] | None = None,
    noise: bool = True,
    fractional_gates: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> LightConePrediction:
    """Exact, noiseless-circuit and noisy (device) figures of a chain, by light cones.

    Parameters
    ----------
    model:
        A chain with a free-fermion description (``model.gaussian``; the xy-chain), a
        battery H_B of single-qubit Z terms and a pure basis initial state.
    times:
        Times from 0 (the model's unit); each is compiled with steps of at most ``dt``.
    backend:
        A fake IBM device name; its calibration chooses the line and gives the noise model.
    dt, order:
        Largest Trotter step and product-formula order.
    window:
        The widest cone simulated (qubits, >= 2); wider cones are cut to the ``window`` line
        qubits around their pair (module docstring).
    line:
        The physical qubits of the chain (default: :func:`~qbcircuit.compile.targeting.device_line`).
    noise:
        False: no noise model and no readout errors (the cones then reproduce the noiseless
        circuit; a check of the method).
    fractional_gates:
        Transpile with RZZ/RX (Heron's fractional gates).
    progress:
        ``progress(done, total)`` over the times.

    Returns
    -------
    LightConePrediction
    """
    from qiskit_aer import AerSimulator

    from qbcircuit.compile import steps_for
    from qbcircuit.compile.targeting import device_line, resolve_backend
    from qbcircuit.pipeline.gaussian_circuits import circuit_figures
    from qbcircuit.reference import time_series

    if model.gaussian is None:
        raise ValueError(f"model {model.name!r}: the light-cone prediction needs a chain with a free-fermion description")
    if int(window) != window or window < 2:
        raise ValueError(f"window must be an integer >= 2 (qubits), got {window!r}")
    times = np.asarray(times, dtype=float)
    if times.size < 1 or times[0] < 0 or np.any(np.diff(times) <= 0):
        raise ValueError("times must be increasing and >= 0")
    n = model.num_qubits
    device = resolve_backend(backend)
    line = tuple(device_line(device, n).qubits if line is None else (int(q) for q in line))
    if len(line) != n:
        raise ValueError(f"line must name {n} physical qubits, got {len(line)}")
    started = _time.perf_counter()
    errors, device_readout = device_channels(getattr(device, "name", str(backend))) if noise else ({}, None)
    readout = device_readout[list(line)] if noise else np.zeros((n, 2))
    noisy_sim = AerSimulator(method="density_matrix")
    clean_sim = AerSimulator(method="statevector")
    initial_energy = model.initial_battery_energy()
    exact = time_series(model, np.concatenate([[0.0], times]) if times[0] > 0 else times, refine=False)
    exact_series = {k: v[-times.size:] for k, v in exact.series.items()}
    ideal = circuit_figures(model, times, dt, order)
    rows_noisy, rows_cut, rows_narrow, per_time = [], [], [], []
    for k, t in enumerate(times):
        steps = steps_for(float(t), dt) if t > 0 else 1
        t0 = _time.perf_counter()
        circuit, stats = device_circuit(model, float(t), steps, order, device, line, fractional_gates=fractional_gates)
        noisy_ops = fused_operations(circuit, errors) if noise else None
        clean_ops = fused_operations(circuit, None)
        pairs, widths, cut = _cone_states(clean_ops, noisy_ops, line, window, circuit.num_qubits, clean_sim, noisy_sim)
        rows_noisy.append(_measured_figures(model, pairs, readout, initial_energy, noise))
        rows_cut.append(_figures(model, pairs[0], initial_energy))
        if noise and cut and window > 4:  # the same correction with a narrower cut: how far the cut moves it
            narrow, _, _ = _cone_states(clean_ops, noisy_ops, line, window - 2, circuit.num_qubits, clean_sim, noisy_sim)
            rows_narrow.append((_measured_figures(model, narrow, readout, initial_energy, noise),
                                _figures(model, narrow[0], initial_energy)))
        else:
            rows_narrow.append(None)
        per_time.append({"t": float(t), "steps": int(steps), "depth": int(stats.depth),
                         "two_qubit_gates": int(stats.two_qubit_gates), "widest_cone": int(max(widths)),
                         "cut_cones": int(cut), "seconds": round(_time.perf_counter() - t0, 3)})
        if progress:
            progress(k + 1, times.size)
    noisy_cut = _columns(rows_noisy, times)
    ideal_cut = _columns(rows_cut, times)
    noisy = {key: ideal[key] + noisy_cut[key] - ideal_cut[key] for key in noisy_cut if key in ideal}
    # the cut's share of the prediction's error: the noise correction with cones two qubits
    # narrower moves by this much (0 where no cone is cut)
    cut_uncertainty = {key: [0.0 if r is None else abs((noisy_cut[key][k] - ideal_cut[key][k]) - (r[0][key] - r[1][key]))
                             for k, r in enumerate(rows_narrow)] for key in noisy if key != "power"}
    cut_uncertainty["power"] = [u / t if t > 0 else None for u, t in zip(cut_uncertainty["energy"], times)]
    info = {"line": list(line), "window": int(window), "dt": float(dt), "order": int(order), "noise": bool(noise),
            "fractional_gates": bool(fractional_gates), "per_time": per_time,
            "seconds": round(_time.perf_counter() - started, 3),
            "readout_error_mean": float(readout.mean()) if noise else 0.0, "cut_uncertainty": cut_uncertainty}
    return LightConePrediction(model.name, dict(model.parameters), getattr(device, "name", str(backend)), times,
                               exact_series, ideal, ideal_cut, noisy_cut, noisy, info)


def _cone_states(clean_ops, noisy_ops, line, window: int, width: int, clean_sim, noisy_sim):
    """((noiseless pair states, noisy pair states), widest full cone per pair, cones cut)."""
    n = len(line)
    clean_cones, noisy_cones, widths, cut = [], [], [], 0
    for j in range(n - 1):
        targets = (line[j], line[j + 1])
        indices, qubits = backward_cone(clean_ops, targets)
        widths.append(len(qubits))
        allowed = None
        if len(qubits) > window:
            lo = max(0, min(j - (window - 2) // 2, n - window))
            allowed = set(line[lo : lo + window])
            indices, qubits = backward_cone(clean_ops, targets, allowed=allowed)
            cut += 1
        clean_cones.append(cone_circuit(clean_ops, indices, targets, width))
        if noisy_ops is not None:
            noisy_indices, _ = backward_cone(noisy_ops, targets, allowed=allowed)
            noisy_cones.append(cone_circuit(noisy_ops, noisy_indices, targets, width))
    clean = _saved(clean_sim, clean_cones)
    noisy = _saved(noisy_sim, noisy_cones) if noisy_ops is not None else clean
    return (clean, noisy), widths, cut


def _measured_figures(model, pairs, readout, initial_energy, noise: bool) -> dict[str, float]:
    """The figures a device run would report from the noisy pair states (readout errors on the
    measured Pauli expectations; ergotropies of the closest physical states)."""
    if not noise:
        return _figures(model, pairs[1], initial_energy)
    return _figures(model, with_readout(pairs[1], readout), initial_energy, tomography=True)


def _saved(simulator, cones) -> np.ndarray:
    """The saved pair states of a batch of cone circuits (one simulator call: Aer's set-up of
    a device noise model costs seconds per call, not per circuit)."""
    result = simulator.run(cones).result()
    states = np.array([np.asarray(result.data(i)["rho"]) for i in range(len(cones))])
    return states / np.einsum("kii->k", states).real[:, None, None]  # Aer's noisy traces drift by ~1e-8


def _columns(rows: list[dict[str, float]], times: np.ndarray) -> dict[str, np.ndarray]:
    out = {key: np.array([r[key] for r in rows]) for key in rows[0]}
    with np.errstate(divide="ignore", invalid="ignore"):
        out["power"] = np.where(times > 0, out["energy"] / np.where(times > 0, times, 1.0), np.nan)
    return out


__all__ = ["WINDOW", "LightConePrediction", "backward_cone", "cone_circuit", "device_channels", "device_circuit",
           "fused_operations", "predict", "with_readout"]
