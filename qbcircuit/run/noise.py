"""Noise models: from a calibration snapshot (``calibration/*.json``) or a fake IBM device.

Calibration noise, per gate, as Aer's device models do it: thermal relaxation (T1, T2)
for the gate's duration, then a depolarising channel whose strength is fitted so that the
*total* average gate infidelity equals the snapshot's gate error; readout errors from the
snapshot's assignment probabilities; ``rz`` is virtual (a frame change) and error-free.

Device noise (a fake IBM device's real calibration data) takes ~10 s to build for a
133-qubit device, so device backends and their noise models are built once per process
and cached.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from qbcircuit.calibration import Calibration, load_calibration

SINGLE_QUBIT_GATES = ("sx", "x")
VIRTUAL_GATES = ("rz",)
TWO_QUBIT_GATE = "cx"
CALIBRATION_BASIS = ("rz", "sx", "x", "cx", "measure", "reset", "delay", "id")


def depolarizing_strength(thermal_process_fidelity: float, target_error: float, num_qubits: int) -> float:
    """lambda of the depolarising channel (1 - lambda) rho + lambda I/d that, composed with a
    channel of process fidelity F_T, gives average gate infidelity ``target_error``.

    The completely depolarising channel composed with any trace-preserving channel is again
    completely depolarising (process fidelity 1/d^2), so the composition's process fidelity
    is exactly (1 - lambda) F_T + lambda / d^2; the average gate fidelity is
    (d F_pro + 1) / (d + 1). Zero when relaxation alone already exceeds the target.
    """
    d = 2**num_qubits
    target_pro = 1 - target_error * (d + 1) / d
    if thermal_process_fidelity <= target_pro:
        return 0.0
    return float((thermal_process_fidelity - target_pro) / (thermal_process_fidelity - 1 / d**2))


def gate_error(thermal, target_error: float, num_qubits: int):
    from qiskit.quantum_info import process_fidelity
    from qiskit_aer.noise import depolarizing_error

    lam = depolarizing_strength(process_fidelity(thermal.to_quantumchannel()), target_error, num_qubits)
    return thermal if lam == 0 else thermal.compose(depolarizing_error(lam, num_qubits))


def noise_model_from_calibration(calibration: Calibration):
    """An Aer ``NoiseModel`` for the snapshot's qubits, in the basis ``CALIBRATION_BASIS``."""
    from qiskit_aer.noise import NoiseModel, ReadoutError, thermal_relaxation_error

    model = NoiseModel(basis_gates=[g for g in CALIBRATION_BASIS if g not in ("measure", "reset", "delay", "id")])
    qubits = {q.index: q for q in calibration.qubits}

    def relaxation(q, duration_ns):
        return thermal_relaxation_error(q.t1_us * 1e3, q.t2_us * 1e3, duration_ns)

    for q in calibration.qubits:
        error = gate_error(relaxation(q, q.single_qubit_duration_ns), q.single_qubit_error, 1)
        model.add_quantum_error(error, list(SINGLE_QUBIT_GATES), [q.index])
        p10, p01 = q.readout_error.p1_given_0, q.readout_error.p0_given_1
        # rows: prepared 0, 1; columns: read 0, 1
        model.add_readout_error(ReadoutError([[1 - p10, p10], [p01, 1 - p01]]), [q.index])
    for c in calibration.couplings:
        for a, b in (c.qubits, c.qubits[::-1]):
            # expand: the first factor acts on the first gate qubit (qargs[0] = a)
            thermal = relaxation(qubits[a], c.two_qubit_duration_ns).expand(relaxation(qubits[b], c.two_qubit_duration_ns))
            model.add_quantum_error(gate_error(thermal, c.two_qubit_error, 2), TWO_QUBIT_GATE, [a, b])
    return model


def coupling_edges(calibration: Calibration) -> list[tuple[int, int]]:
    """Both directions of every calibrated coupling (cx is calibrated both ways)."""
    return [e for c in calibration.couplings for e in (tuple(c.qubits), tuple(c.qubits[::-1]))]


@lru_cache(maxsize=None)
def calibration_noise(name: str):
    """(calibration, noise model) for a snapshot name, built once per process."""
    calibration = load_calibration(name)
    return calibration, noise_model_from_calibration(calibration)


@lru_cache(maxsize=None)
def fake_device(name: str):
    """A fake IBM device by name (``fake_manila`` or ``FakeManilaV2``), built once per process."""
    import warnings

    from qiskit_ibm_runtime import fake_provider

    # match the class name (FakeManilaV2 -> fake_manila) so only the wanted device is built
    base = fake_provider.fake_backend.FakeBackendV2
    classes = {}
    for n in sorted(dir(fake_provider), key=lambda n: n.endswith("V2")):  # a V2 class wins over a namesake
        cls = getattr(fake_provider, n)
        if isinstance(cls, type) and issubclass(cls, base) and cls is not base and "Fractional" not in n:
            classes[_device_key(n)] = cls
    wanted = _device_key(name)
    if wanted not in classes:
        raise ValueError(f"unknown fake device {name!r}; qiskit-ibm-runtime provides: {', '.join(sorted(classes))}")
    with warnings.catch_warnings():  # some fake devices warn on construction about their made-up values
        warnings.simplefilter("ignore", UserWarning)
        return classes[wanted]()


def _device_key(name: str) -> str:
    key = name.lower().replace("-", "_")
    key = key[:-2] if key.endswith("v2") else key
    key = key.rstrip("_")
    return key if key.startswith("fake_") else "fake_" + key.removeprefix("fake")


@lru_cache(maxsize=None)
def device_noise(name: str):
    """The Aer noise model of a fake device (its real calibration data), built once per process."""
    from qiskit_aer.noise import NoiseModel

    return NoiseModel.from_backend(fake_device(name))


def readout_matrices_from_calibration(calibration: Calibration) -> list[np.ndarray]:
    """Per qubit: A[read, prepared] = P(read | prepared), the model the mitigation estimates."""
    out = []
    for q in calibration.qubits:
        p10, p01 = q.readout_error.p1_given_0, q.readout_error.p0_given_1
        out.append(np.array([[1 - p10, p01], [p10, 1 - p01]]))
    return out


_CONTROL_FLOW = {"if_else", "while_loop", "for_loop", "switch_case", "box"}


def restricted_target(target, qubits):
    """``target`` restricted to ``qubits`` (renumbered 0..k-1 in that order): the same
    instructions, errors and durations on those qubits and the couplings among them.

    Parameters
    ----------
    target:
        A device's Qiskit ``Target``.
    qubits:
        The device qubits to keep.

    Returns
    -------
    Target
    """
    from qiskit.transpiler import Target

    index = {int(q): i for i, q in enumerate(qubits)}
    properties = target.qubit_properties
    out = Target(num_qubits=len(index), dt=target.dt, description=f"{target.description or 'target'} on {list(index)}",
                 qubit_properties=[properties[q] for q in index] if properties else None)
    for name in target.operation_names:
        if name in _CONTROL_FLOW:
            continue
        entries = target[name]
        if entries is None or None in entries:
            continue
        kept = {tuple(index[q] for q in qargs): props for qargs, props in entries.items()
                if qargs is not None and all(q in index for q in qargs)}
        if kept:
            out.add_instruction(target.operation_from_name(name), kept, name=name)
    return out


@lru_cache(maxsize=16)
def restricted_device(name: str, qubits: tuple[int, ...], method: str = "automatic", fractional: bool = False):
    """An Aer simulator of fake device ``name`` restricted to ``qubits``: its calibration's
    noise (gate errors and durations, T1/T2, readout) on those qubits, nothing else.

    Parameters
    ----------
    name:
        A fake device (``fake_torino``).
    qubits:
        The device qubits a run uses (its circuits, relabelled in this order, run here).
    method:
        The Aer method.
    fractional:
        Add fractional RZZ/RX gates (with the CZ/SX errors of their qubits, as IBM reports
        them) to the target and the noise model.

    Returns
    -------
    AerSimulator

    Local testing mode hands the runtime a device as its mode, and the runtime simulates
    every qubit of it: on a 133-qubit Heron an estimator job measures all of them. The
    restriction keeps the simulation to the qubits the circuits use, with their own noise.
    """
    return restricted_simulator(fake_device(name).target, qubits, method, fractional)


def restricted_simulator(target, qubits, method: str = "automatic", fractional: bool = False):
    """An Aer simulator with the noise of ``target`` (a device's Target: errors, durations,
    T1/T2, readout) on ``qubits`` alone, relabelled 0..k-1 (see :func:`restricted_device`).

    Parameters
    ----------
    target:
        The device's Target.
    qubits:
        The device qubits to keep.
    method, fractional:
        As for :func:`restricted_device`.

    Returns
    -------
    AerSimulator
    """
    from qiskit.providers import BackendV2, Options
    from qiskit_aer import AerSimulator

    from qbcircuit.calibration import with_fractional_gates

    target = restricted_target(target, qubits)
    if fractional:
        target = with_fractional_gates(target)
    name = "restricted"

    class _Restricted(BackendV2):
        def __init__(self):
            super().__init__(name=f"{name}{list(qubits)}")

        @property
        def target(self):
            return target

        @property
        def max_circuits(self):
            return None

        @classmethod
        def _default_options(cls):
            return Options()

        def run(self, run_input, **options):
            raise NotImplementedError

    return AerSimulator.from_backend(_Restricted(), method=method)

