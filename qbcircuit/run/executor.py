"""The execution adapter: Qiskit circuits in, counts or expectation values out, on any profile.

One small interface over the primitives: Aer's ``SamplerV2``/``EstimatorV2`` locally, and
on IBM qiskit-ibm-runtime's executor-based ``Sampler``/``Estimator``
(``qiskit_ibm_runtime.executor_sampler`` / ``executor_estimator``), which release 0.50
recommends in place of the deprecated ``SamplerV2``/``EstimatorV2``. It knows nothing of
physics: it transpiles, submits a batch, hands back a job id, and turns a finished job
into counts.

Circuits must carry exactly one classical register, so a count's bitstring is read the
same way everywhere: its rightmost character is clbit 0 (Qiskit's little-endian order).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import contextmanager
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

    def status(self) -> str:
        return "DONE"

    def in_final_state(self) -> bool:
        return True


class ExecutionError(RuntimeError):
    """A job the backend rejected or failed, or a lost connection: one line, with the job id."""


#: The runtime's job states, as the progress line shows them.
JOB_STATES = {"INITIALIZING": "queued", "QUEUED": "queued", "RUNNING": "running", "VALIDATING": "queued",
              "DONE": "done", "ERROR": "error", "CANCELLED": "cancelled"}


class Executor:
    """Runs circuits for one backend profile."""

    def __init__(self, profile: BackendProfile, *, account_file: str | None = None):
        self.profile = profile
        self._account_file = account_file
        self._backend = None
        self._pass_manager = None
        self._mode = None

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
        if any(inst.operation.name == "reset" for c in circuits for inst in c.data) and not self.can_reset():
            raise ValueError(f"backend profile {self.profile.name!r}: device {self.profile.device} cannot reset qubits "
                             "mid-circuit, and these circuits reset qubits (dynamic circuits)")
        return list(self.pass_manager().run(list(circuits)))

    def can_reset(self) -> bool:
        """Whether the target runs mid-circuit ``reset`` (simulators always do)."""
        if self.profile.kind == "aer" and self.profile.noise != "device":
            return True
        target = getattr(self.backend, "target", None)
        return target is None or "reset" in target.operation_names

    # ---- submission -------------------------------------------------------------
    @contextmanager
    def batch_mode(self):
        """Jobs submitted inside go into one runtime ``Batch`` (IBM, local testing mode
        included); a no-op on Aer. The batch is closed (no new jobs; those submitted run on)
        when the block ends."""
        if self.profile.kind != "ibm":
            yield None
            return
        from qiskit_ibm_runtime import Batch

        try:
            batch = Batch(backend=self.backend)
        except ValueError:
            raise
        except Exception as exc:  # the service refused or could not be reached
            raise ExecutionError(f"cannot open a runtime Batch on {self.profile.device}: {_first_line(exc)}") from None
        self._mode = batch
        try:
            yield batch
        finally:
            self._mode = None
            try:
                batch.close()
            except Exception:  # closing only stops new jobs; a failure here loses nothing
                pass

    @property
    def batch_id(self) -> str | None:
        """The id of the runtime Batch jobs are submitted into now (None outside, or locally)."""
        return getattr(self._mode, "session_id", None) if self._mode is not None else None

    @staticmethod
    def status(job) -> str:
        """queued, running, done, error or cancelled."""
        state = job.status()
        name = getattr(state, "name", state)
        return JOB_STATES.get(str(name).upper(), str(name).lower())

    @staticmethod
    def finished(job) -> bool:
        return bool(job.in_final_state())

    @staticmethod
    def queue_position(job) -> int | None:
        """The job's place in the device's queue, where the service reports one."""
        position = getattr(job, "queue_position", None)
        try:
            value = position() if callable(position) else position
        except Exception:
            return None
        return int(value) if isinstance(value, int) else None

    # ---- sampling ---------------------------------------------------------------
    def submit(self, isa_circuits: Sequence, shots: int, seed: int | None):
        """Submit one batch; returns a job with ``job_id()`` (None for local jobs) and ``result()``."""
        p = self.profile
        if p.kind == "aer":
            from qiskit_aer.primitives import SamplerV2

            sampler = SamplerV2.from_backend(self.backend, default_shots=shots, seed=seed)
            return LocalJob(sampler.run(list(isa_circuits), shots=shots).result())
        from qiskit_ibm_runtime.executor_sampler import Sampler

        sampler = Sampler(mode=self._mode or self.backend)
        # Raw counts: twirling off (our readout mitigation models the measurement itself),
        # seeded so that local testing mode repeats; profile options may override.
        sampler.options.twirling.enable_gates = False
        sampler.options.twirling.enable_measure = False
        if seed is not None:
            sampler.options.simulator.seed_simulator = seed
        for key, value in p.options.items():
            _set_option(sampler.options, key, value)
        try:
            return sampler.run(list(isa_circuits), shots=shots)
        except ValueError:
            raise
        except Exception as exc:  # rejected at submission, or the connection failed
            raise ExecutionError(f"{p.device} did not accept the job: {_first_line(exc)}") from None

    def retrieve(self, job_id: str):
        """A submitted job by id, if this backend keeps jobs (IBM devices); else None."""
        if self.profile.kind != "ibm" or self.profile.local_testing or not job_id:
            return None
        from qbcircuit.run.ibm import service_for

        try:
            return service_for(self.profile, self._account_file).job(job_id)
        except ValueError:
            raise
        except Exception as exc:
            raise ExecutionError(f"cannot fetch job {job_id}: {_first_line(exc)}") from None

    @staticmethod
    def counts(job) -> list[dict[str, int]]:
        """Counts per circuit of a finished job (waits for it); an ExecutionError of one line,
        with the job id, if the job failed or the connection did."""
        try:
            result = job.result()
        except (KeyboardInterrupt, ValueError):
            raise
        except Exception as exc:
            raise ExecutionError(f"job {_safe_id(job)} failed: {_first_line(exc)}") from None
        return [dict(pub.join_data().get_counts()) for pub in result]

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


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _safe_id(job) -> str:
    try:
        return str(job.job_id())
    except Exception:
        return "(no id)"


def _set_option(options, dotted: str, value) -> None:
    target = options
    *path, last = dotted.split(".")
    for part in path:
        target = getattr(target, part)
    setattr(target, last, value)
