"""The execution adapter: Qiskit circuits in, counts or expectation values out, on any profile.

One small interface over the primitives: Aer's ``SamplerV2``/``EstimatorV2`` locally, and
on IBM qiskit-ibm-runtime's executor-based ``Sampler``/``Estimator``
(``qiskit_ibm_runtime.executor_sampler`` / ``executor_estimator``), which release 0.50
recommends in place of the deprecated ``SamplerV2``/``EstimatorV2``. It knows nothing of
physics: it transpiles, submits a batch, hands back a job id, and turns a finished job
into counts.

Circuits must carry exactly one classical register, so a count's bitstring is read the
same way everywhere: its rightmost character is clbit 0 (Qiskit's little-endian order).

Aer's ``matrix_product_state`` method (the ``aer-mps`` profile) simulates wide, weakly
entangled circuits (a chain of 100 qubits); its bond dimensions and truncation are read
from the simulator's log by :func:`mps_summary`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from qbcircuit.run.profiles import BackendProfile


@lru_cache(maxsize=None)
def _aer_simulator(noise: str, source: str | None, method: str, options: tuple):
    from qiskit_aer import AerSimulator

    from qbcircuit.run import noise as noise_models

    if noise == "device":
        return AerSimulator.from_backend(
            noise_models.fake_device(source), noise_model=noise_models.device_noise(source), method=method, **dict(options)
        )
    if noise == "calibration":
        _, model = noise_models.calibration_noise(source)
        return AerSimulator(method=method, noise_model=model, **dict(options))
    return AerSimulator(method=method, **dict(options))


@dataclass
class LocalJob:
    """A finished local (Aer) job: it has no id a later process could fetch."""

    result_value: Any

    def result(self):
        return self.result_value

    def job_id(self) -> None:
        return None


class Executor:
    """Runs circuits for one backend profile."""

    def __init__(self, profile: BackendProfile, *, account_file: str | None = None):
        self.profile = profile
        self._account_file = account_file
        self._backend = None
        self._pass_manager = None

    # ---- the target -------------------------------------------------------------
    @property
    def backend(self):
        """The Qiskit backend circuits run on (an AerSimulator, a fake device, an IBM device)."""
        if self._backend is None:
            p = self.profile
            if p.kind == "ibm":
                from qbcircuit.run.ibm import ibm_backend

                self._backend = ibm_backend(p, self._account_file)
            else:
                source = p.calibration if p.noise == "calibration" else p.device
                self._backend = _aer_simulator(p.noise, source, p.method, tuple(sorted(p.options.items())))
        return self._backend

    @property
    def num_qubits(self) -> int | None:
        p = self.profile
        if p.kind == "aer" and p.noise == "calibration":
            from qbcircuit.run.noise import calibration_noise

            return calibration_noise(p.calibration)[0].num_qubits
        if p.kind == "aer" and p.noise == "none":
            return None
        return self.backend.num_qubits

    def pass_manager(self):
        if self._pass_manager is None:
            from qiskit.transpiler import CouplingMap, generate_preset_pass_manager

            p = self.profile
            level = p.optimization_level
            if p.kind == "aer" and p.noise == "calibration":
                from qbcircuit.run.noise import CALIBRATION_BASIS, calibration_noise, coupling_edges

                calibration, _ = calibration_noise(p.calibration)
                self._pass_manager = generate_preset_pass_manager(
                    optimization_level=level,
                    basis_gates=[g for g in CALIBRATION_BASIS if g not in ("measure", "reset", "delay")],
                    coupling_map=CouplingMap(coupling_edges(calibration)),
                    seed_transpiler=p.seed,
                )
            elif p.kind == "aer" and p.noise == "none" and p.method == "matrix_product_state":
                # the simulator's target stops at 63 qubits; an MPS holds any width: its gates only
                self._pass_manager = generate_preset_pass_manager(
                    optimization_level=level, basis_gates=aer_basis_gates(self.backend), seed_transpiler=p.seed
                )
            else:
                self._pass_manager = generate_preset_pass_manager(
                    optimization_level=level, backend=self.backend, seed_transpiler=p.seed
                )
        return self._pass_manager

    def transpile(self, circuits: Sequence) -> list:
        """Circuits mapped to the target (ISA circuits); one line if they do not fit."""
        for i, circuit in enumerate(circuits):
            if len(circuit.cregs) != 1:
                raise ValueError(f"circuit {i} ({circuit.name}) must have exactly one classical register, has {len(circuit.cregs)}")
        size = self.num_qubits
        widest = max((c.num_qubits for c in circuits), default=0)
        if size is not None and widest > size:
            raise ValueError(f"backend profile {self.profile.name!r} has {size} qubits; the circuits need {widest}")
        return list(self.pass_manager().run(list(circuits)))

    # ---- sampling ---------------------------------------------------------------
    def submit(self, isa_circuits: Sequence, shots: int, seed: int | None):
        """Submit one batch; returns a job with ``job_id()`` (None for local jobs) and ``result()``."""
        p = self.profile
        if p.kind == "aer":
            from qiskit_aer.primitives import SamplerV2

            sampler = SamplerV2.from_backend(self.backend, default_shots=shots, seed=seed)
            return LocalJob(sampler.run(list(isa_circuits), shots=shots).result())
        from qiskit_ibm_runtime.executor_sampler import Sampler

        sampler = Sampler(mode=self.backend)
        # Raw counts: twirling off (our readout mitigation models the measurement itself),
        # seeded so that local testing mode repeats; profile options may override.
        sampler.options.twirling.enable_gates = False
        sampler.options.twirling.enable_measure = False
        if seed is not None:
            sampler.options.simulator.seed_simulator = seed
        for key, value in p.options.items():
            _set_option(sampler.options, key, value)
        return sampler.run(list(isa_circuits), shots=shots)

    def retrieve(self, job_id: str):
        """A submitted job by id, if this backend keeps jobs (IBM devices); else None."""
        if self.profile.kind != "ibm" or self.profile.local_testing or not job_id:
            return None
        from qbcircuit.run.ibm import service_for

        return service_for(self.profile, self._account_file).job(job_id)

    @staticmethod
    def counts(job) -> list[dict[str, int]]:
        """Counts per circuit of a finished job (waits for it)."""
        return [dict(pub.join_data().get_counts()) for pub in job.result()]

    # ---- expectation values -------------------------------------------------------
    def estimate(self, isa_circuits: Sequence, observables: Sequence, precision: float, seed: int | None):
        """Expectation values (and their standard errors) of ``observables`` (on the logical
        qubits; mapped through each circuit's layout) in measurement-free circuits."""
        pubs = []
        for circuit, observable in zip(isa_circuits, observables):
            layout = getattr(circuit, "layout", None)
            pubs.append((circuit, observable.apply_layout(layout) if layout is not None else observable))
        p = self.profile
        if p.kind == "aer":
            from qiskit_aer.primitives import EstimatorV2

            estimator = EstimatorV2.from_backend(self.backend, options={"run_options": {"seed_simulator": seed}})
        else:
            from qiskit_ibm_runtime.executor_estimator import Estimator

            estimator = Estimator(mode=self.backend)
            if seed is not None:
                estimator.options.simulator.seed_simulator = seed
        result = estimator.run(pubs, precision=precision).result()
        return np.array([float(r.data.evs) for r in result]), np.array([float(r.data.stds) for r in result])


def aer_basis_gates(simulator) -> list[str]:
    """The standard gates an AerSimulator runs natively (to transpile for it without its
    target, whose width is capped at 63 qubits whatever the method)."""
    from qiskit.circuit.library import get_standard_gate_name_mapping

    standard = set(get_standard_gate_name_mapping())
    return [g for g in simulator.configuration().basis_gates if g in standard]


def mps_summary(metadata: dict) -> dict | None:
    """What an Aer matrix-product-state simulation did to its state, from one experiment's
    result metadata (run with ``mps_log_data=True``); None for other methods.

    Parameters
    ----------
    metadata:
        ``result.results[i].metadata`` of an ``AerSimulator`` run.

    Returns
    -------
    dict or None
        ``max_bond_dimension`` (largest bond dimension after any gate), ``final_bond_dimension``
        (largest bond at the end), ``discarded_weight`` (sum of Aer's ``discarded_value``: the
        Schmidt weight dropped by every truncation; the state's infidelity is at most about
        this), ``truncations`` (gates after which something was dropped), and the settings
        ``truncation_threshold`` and ``max_bond_dimension_allowed`` (None: unbounded).
    """
    if metadata.get("method") != "matrix_product_state":
        return None
    log = str(metadata.get("MPS_log_data", ""))
    bonds = [[int(x) for x in group.split()] for group in re.findall(r"BD=\[([0-9 ]*)\]", log)]
    discarded = [float(x) for x in re.findall(r"discarded_value=([0-9.eE+-]+)", log)]
    largest = [max(b, default=1) for b in bonds]
    return {
        "max_bond_dimension": max(largest, default=1),
        "final_bond_dimension": largest[-1] if largest else 1,
        "discarded_weight": float(sum(discarded)),
        "truncations": len(discarded),
        "truncation_threshold": metadata.get("matrix_product_state_truncation_threshold"),
        "max_bond_dimension_allowed": _bounded(metadata.get("matrix_product_state_max_bond_dimension")),
    }


def _bounded(value):
    """A bond-dimension limit, None when Aer reports none (0 or 2^64 - 1)."""
    return None if not value or value >= 2**63 else int(value)


def _set_option(options, dotted: str, value) -> None:
    target = options
    *path, last = dotted.split(".")
    for part in path:
        target = getattr(target, part)
    setattr(target, last, value)
