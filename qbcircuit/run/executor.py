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
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from qbcircuit.run.profiles import BackendProfile


# The runtime Batch that every executor of one device joins inside ``shared_batch`` (a
# circuit sweep submits all its points' jobs into one Batch): (device, batch) or None.
_SHARED_BATCH: ContextVar[tuple[str, Any] | None] = ContextVar("qbc_shared_batch", default=None)


@contextmanager
def shared_batch(profile: BackendProfile, account_file: str | None = None):
    """Inside this block, every run on ``profile``'s IBM device submits into one runtime
    ``Batch`` (opened here, closed at the end: no new jobs, those submitted run on), so the
    jobs of many runs (a circuit sweep's points) queue together. A no-op on Aer.

    Parameters
    ----------
    profile:
        The backend profile.
    account_file:
        The IBM accounts file (default: qiskit-ibm-runtime's).

    Yields
    ------
    The runtime Batch, or None on Aer.
    """
    if profile.kind != "ibm":
        yield None
        return
    with Executor(profile, account_file=account_file).batch_mode() as batch:
        token = _SHARED_BATCH.set((profile.device, batch))
        try:
            yield batch
        finally:
            _SHARED_BATCH.reset(token)


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


def circuit_seed(seed: int, index: int) -> int:
    """The simulator seed of circuit ``index`` of a batch sampled with ``seed``: distinct for
    distinct (seed, index) pairs (numpy's ``SeedSequence``, so neighbouring batches' seeds
    ``seed + 1`` do not reuse each other's), reproducible, in [0, 2^31).

    Parameters
    ----------
    seed:
        The batch's seed (>= 0).
    index:
        The circuit's place in the batch.

    Returns
    -------
    int
    """
    return int(np.random.SeedSequence([int(seed), int(index)]).generate_state(1, dtype=np.uint32)[0] >> 1)


class CompositeJob:
    """Several jobs that stand for one batch (one per circuit, each with its own seed, in
    local testing mode): the results in order, the first job's id."""

    def __init__(self, jobs: Sequence):
        self.jobs = list(jobs)

    def job_id(self):
        return self.jobs[0].job_id()

    def status(self):
        states = [Executor.status(job) for job in self.jobs]
        for state in ("error", "cancelled", "running", "queued"):
            if state in states:
                return state.upper()
        return "DONE"

    def in_final_state(self) -> bool:
        return all(job.in_final_state() for job in self.jobs)

    def result(self) -> list:
        return [pub for job in self.jobs for pub in job.result()]

    @property
    def inputs(self):
        """The jobs' programs as one (what the estimator route's cost note reads)."""
        from types import SimpleNamespace

        programs = [getattr(job, "inputs", None) for job in self.jobs]
        if any(getattr(p, "items", None) is None for p in programs):
            return None
        return SimpleNamespace(items=[item for p in programs for item in p.items], shots=programs[0].shots)


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
        #: local testing mode: the device qubits the run's circuits use (they run on the
        #: device restricted to these, relabelled 0..k-1; see noise.restricted_device)
        self.device_qubits: tuple[int, ...] | None = None

    # ---- the target -------------------------------------------------------------
    @property
    def backend(self):
        """The Qiskit backend circuits run on (an AerSimulator, a fake device, an IBM device)."""
        p = self.profile
        if p.kind == "ibm" and p.local_testing and self.device_qubits is not None:
            from qbcircuit.run.noise import restricted_device

            return restricted_device(p.device, tuple(self.device_qubits), p.method, p.fractional_gates)
        if self._backend is None:
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
            elif p.fractional_gates and "rzz" not in self.backend.target.operation_names:  # fake devices carry none
                from qbcircuit.calibration import with_fractional_gates

                self._pass_manager = generate_preset_pass_manager(
                    optimization_level=level, target=with_fractional_gates(self.backend.target), seed_transpiler=p.seed
                )
            else:
                self._pass_manager = generate_preset_pass_manager(
                    optimization_level=level, backend=self.backend, seed_transpiler=p.seed
                )
        return self._pass_manager

    def transpile(self, circuits: Sequence) -> list:
        """Circuits mapped to the target (ISA circuits); one line if they do not fit."""
        self.check(circuits)
        isa = list(self.pass_manager().run(list(circuits)))
        if self.profile.kind == "ibm" and self.profile.local_testing:
            isa = self._restrict(isa)
        return isa

    def check(self, circuits: Sequence, measured: bool = True) -> None:
        """One-line errors for circuits the target cannot run: registers (``measured``: one
        classical register each), width, resets."""
        for i, circuit in enumerate(circuits):
            if measured and len(circuit.cregs) != 1:
                raise ValueError(f"circuit {i} ({circuit.name}) must have exactly one classical register, has {len(circuit.cregs)}")
        size = self.num_qubits
        widest = max((c.num_qubits for c in circuits), default=0)
        if size is not None and widest > size:
            raise ValueError(f"backend profile {self.profile.name!r} has {size} qubits; the circuits need {widest}")
        if any(inst.operation.name == "reset" for c in circuits for inst in c.data) and not self.can_reset():
            raise ValueError(f"backend profile {self.profile.name!r}: device {self.profile.device} cannot reset qubits "
                             "mid-circuit, and these circuits reset qubits (dynamic circuits)")

    def transpile_observables(self, circuits: Sequence, observables: Sequence) -> tuple[list, list]:
        """Measurement-free circuits mapped to the target, and the observables (on the logical
        qubits) mapped through each circuit's layout onto the same qubits."""
        self.check(circuits, measured=False)
        if self.profile.pec_mitigation:
            self.check_pec(circuits)
        full = list(self.pass_manager().run(list(circuits)))
        mapped = [obs.apply_layout(c.layout) if c.layout is not None else obs for c, obs in zip(full, observables)]
        if self.profile.kind == "ibm" and self.profile.local_testing:
            qubits = self._used(full) | {q for obs in mapped for q in _support(obs)}
            restricted = self._restrict(full, qubits)
            index = {q: i for i, q in enumerate(self.device_qubits)}
            mapped = [_restrict_observable(obs, index) for obs in mapped]
            return restricted, mapped
        return full, mapped

    @staticmethod
    def _used(circuits) -> set[int]:
        return {c.find_bit(q).index for c in circuits for inst in c.data
                if inst.operation.name not in ("barrier", "delay") for q in inst.qubits}

    def _restrict(self, isa: list, qubits: set[int] | None = None) -> list:
        """Local testing mode: the circuits on the device qubits they use, relabelled 0..k-1
        (the run then simulates those qubits with their own calibration)."""
        from qiskit import ClassicalRegister, QuantumCircuit, QuantumRegister

        used = sorted(qubits if qubits is not None else self._used(isa))
        self.device_qubits = tuple(used)
        index = {q: i for i, q in enumerate(used)}
        out = []
        for c in isa:
            qc = QuantumCircuit(QuantumRegister(len(used), "q"), *[ClassicalRegister(r.size, r.name) for r in c.cregs],
                                name=c.name, metadata=dict(c.metadata or {}))
            for inst in c.data:
                qargs = [index[c.find_bit(q).index] for q in inst.qubits]
                if inst.operation.name in ("barrier", "delay") and any(c.find_bit(q).index not in index for q in inst.qubits):
                    qargs = [index[c.find_bit(q).index] for q in inst.qubits if c.find_bit(q).index in index]
                    if not qargs:
                        continue
                    if inst.operation.name == "barrier":
                        qc.barrier([qc.qubits[i] for i in qargs])
                        continue
                qc.append(inst.operation, [qc.qubits[i] for i in qargs],
                          [qc.clbits[c.find_bit(b).index] for b in inst.clbits])
            out.append(qc)
        return out

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
        shared = _SHARED_BATCH.get()
        if shared is not None and shared[0] == self.profile.device:  # join it; its owner closes it
            self._mode = shared[1]
            try:
                yield shared[1]
            finally:
                self._mode = None
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
    @property
    def seeds_per_job(self) -> bool:
        """Whether the backend gives every circuit of a job the job's one simulator seed
        (qiskit-ibm-runtime's local testing mode does: identical circuits would get identical
        counts), so that each circuit is submitted as its own job with its own seed."""
        return self.profile.kind == "ibm" and self.profile.local_testing

    def submit(self, isa_circuits: Sequence, shots: int, seed: int | None):
        """Submit one batch; returns a job with ``job_id()`` (None for local jobs) and ``result()``.

        Every circuit is sampled with its own seed, derived from ``seed`` and its place in
        the batch (:func:`circuit_seed`): the shot noise of two circuits is independent, and
        the same ``seed`` gives the same counts again."""
        p = self.profile
        if p.kind == "aer":  # Aer's sampler draws a distinct seed per circuit from the batch's
            from qiskit_aer.primitives import SamplerV2

            sampler = SamplerV2.from_backend(self.backend, default_shots=shots, seed=seed)
            return LocalJob(sampler.run(list(isa_circuits), shots=shots).result())
        if self.seeds_per_job and seed is not None and len(isa_circuits) > 1:
            return CompositeJob([self._submit_sampler([c], shots, circuit_seed(seed, k))
                                 for k, c in enumerate(isa_circuits)])
        return self._submit_sampler(isa_circuits, shots, seed)

    def _submit_sampler(self, isa_circuits: Sequence, shots: int, seed: int | None):
        from qiskit_ibm_runtime.executor_sampler import Sampler

        p = self.profile

        from qbcircuit.run.profiles import sampler_twirling

        sampler = Sampler(mode=self._mode or self.backend)
        # Twirling as the profile says (auto: gates and measurements with ZNE, else raw
        # counts), seeded so that local testing mode repeats; profile options may override.
        gates, measure = sampler_twirling(p)
        sampler.options.twirling.enable_gates = gates
        sampler.options.twirling.enable_measure = measure
        if gates or measure:
            sampler.options.twirling.num_randomizations = p.twirl_randomizations
            sampler.options.twirling.shots_per_randomization = p.twirl_shots_per_randomization
        if p.dynamical_decoupling != "none":
            sampler.options.dynamical_decoupling.enable = True
            sampler.options.dynamical_decoupling.sequence_type = p.dynamical_decoupling
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

    @property
    def keeps_jobs(self) -> bool:
        """Whether a submitted job can be fetched later by its id (IBM devices; not Aer, not
        local testing mode, whose jobs live in this process only)."""
        return self.profile.kind == "ibm" and not self.profile.local_testing

    def retrieve(self, job_id: str):
        """A submitted job by id, if this backend keeps jobs (IBM devices); else None."""
        if not self.keeps_jobs or not job_id:
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
            estimator = self.runtime_estimator(seed)
        result = estimator.run(pubs, precision=precision).result()
        return np.array([float(r.data.evs) for r in result]), np.array([float(r.data.stds) for r in result])

    def runtime_estimator(self, seed: int | None, resilience_level: int | None = None):
        """qiskit-ibm-runtime's executor Estimator with the profile's mitigation options
        (inside the open runtime Batch, if any). Level 0 is the unmitigated baseline: the
        profile's individual mitigation options (TREX, ZNE, PEC) apply to the levels above it."""
        from qiskit_ibm_runtime.executor_estimator import Estimator

        p = self.profile
        estimator = Estimator(mode=self._mode or self.backend)
        o = estimator.options
        o.resilience_level = p.resilience_level if resilience_level is None else resilience_level
        if p.measure_mitigation is not None and o.resilience_level > 0:
            o.resilience.measure_mitigation = p.measure_mitigation
        if p.zne_mitigation is not None and o.resilience_level > 0:
            o.resilience.zne_mitigation = p.zne_mitigation
        o.resilience.zne.noise_factors = list(p.zne_noise_factors)
        o.resilience.zne.extrapolator = list(p.zne_extrapolator)
        o.resilience.zne.amplifier = p.zne_amplifier
        if p.dynamical_decoupling != "none":
            o.dynamical_decoupling.enable = True
            o.dynamical_decoupling.sequence_type = p.dynamical_decoupling
        if self.uses_pec(o.resilience_level):  # PEC samples Pauli-twirled gate layers; no ZNE with it
            o.resilience.pec_mitigation = True
            o.resilience.zne_mitigation = False
            o.twirling.enable_gates = True
        if p.fractional_gates:  # fractional RZZ cannot be gate-twirled: measurement twirling only
            o.twirling.enable_gates = False
        if p.twirl_randomizations != "auto":
            o.twirling.num_randomizations = p.twirl_randomizations
        if p.twirl_shots_per_randomization != "auto":
            o.twirling.shots_per_randomization = p.twirl_shots_per_randomization
        if seed is not None:
            o.simulator.seed_simulator = seed
        for key, value in p.options.items():
            _set_option(o, key, value)
        return estimator

    def uses_pec(self, resilience_level: int) -> bool:
        """Whether the estimator job at this level cancels errors probabilistically (the
        profile's ``pec_mitigation`` applies to every level but 0)."""
        return bool(self.profile.pec_mitigation) and int(resilience_level) > 0

    @staticmethod
    def check_pec(circuits: Sequence) -> None:
        """One-line errors, before anything is written, for PEC the runtime cannot do: the
        noise learner not installed, or circuits with mid-circuit resets (the learner takes
        left-dressed twirled layers only, and a reset makes the boxes right-dressed)."""
        try:
            import qiskit_noise_learning  # noqa: F401  (the runtime's NoiseLearnerV3 needs it)
        except ImportError:
            raise ValueError("pec_mitigation needs the runtime's noise learner: pip install 'qbcircuit[pec]' "
                             "(qiskit-noise-learning)") from None
        if any(inst.operation.name == "reset" for c in circuits for inst in c.data):
            raise ValueError("pec_mitigation: the runtime's noise learner cannot learn the layers of circuits with "
                             "mid-circuit resets (an open model's collision circuits); use resilience level 1 or 2")

    def learn_layer_noise(self, isa_circuits: Sequence, observables: Sequence, seed: int | None,
                          resilience_level: int) -> tuple[list, dict[str, Any]]:
        """PEC's layer noise model: the distinct gate layers of these circuits, boxed as the
        estimator at this level boxes them, learned by the runtime's ``NoiseLearnerV3`` (one
        job, inside the open Batch; waits for it).

        Parameters
        ----------
        isa_circuits, observables:
            As for :meth:`submit_estimator`.
        seed:
            The learner's simulator seed (local testing mode).
        resilience_level:
            The level whose estimator options box the layers.

        Returns
        -------
        tuple
            (noise model: [(layer, Pauli-Lindblad map)], record: the learner job's id, the
            layers' qubits and each layer's sampling overhead gamma, the circuits and shots).
        """
        from qiskit_ibm_runtime.executor_noise_learner import NoiseLearnerV3

        self.check_pec(isa_circuits)
        estimator = self.runtime_estimator(seed, resilience_level)
        layers = estimator.find_unique_layers(list(zip(isa_circuits, observables)), types="gates")
        if not layers:
            return [], {"job_id": None, "layers": []}
        learner = NoiseLearnerV3(mode=self._mode or self.backend)
        p, o = self.profile, learner.options
        if p.learning_randomizations != "auto":
            o.num_randomizations = p.learning_randomizations
        if p.learning_depths != "auto":
            o.layer_pair_depths = list(p.learning_depths)
        if seed is not None and self.profile.local_testing:
            o.simulator.seed_simulator = seed
        try:
            job = learner.run(layers)
            maps = job.result().to_pauli_lindblad_maps()
        except (KeyboardInterrupt, ValueError):
            raise
        except Exception as exc:
            raise ExecutionError(f"noise learning on {self.profile.device} failed: {_first_line(exc)}") from None
        index = {q: i for i, q in enumerate(isa_circuits[0].qubits)}  # the circuits share the device's register
        record = {"job_id": _safe_id(job), "cost": program_cost(job),
                  "layers": [{"qubits": [index.get(q) for q in layer.qubits], "gamma": float(m.inverse().gamma())}
                             for layer, m in zip(layers, maps)]}
        return list(zip(layers, maps)), record

    def submit_estimator(self, isa_circuits: Sequence, observables: Sequence, shots: int, seed: int | None,
                         resilience_level: int | None = None, noise_model: Sequence | None = None):
        """Submit one estimator job (``isa_circuits`` and ``observables`` from
        :meth:`transpile_observables`); returns the job.

        With PEC (``noise_model`` from :meth:`learn_layer_noise`), circuits without a gate
        layer (nothing to cancel: the runtime's PEC cannot read them) run with TREX alone, as
        jobs of their own; the jobs keep the circuits' order."""
        if self.seeds_per_job and seed is not None and len(isa_circuits) > 1:  # each circuit its own seed
            return CompositeJob([self.submit_estimator([c], [o], shots, circuit_seed(seed, k), resilience_level,
                                                       noise_model)
                                 for k, (c, o) in enumerate(zip(isa_circuits, observables))])
        level = self.profile.resilience_level if resilience_level is None else resilience_level
        pubs = list(zip(isa_circuits, observables))
        if self.uses_pec(level):
            probe = self.runtime_estimator(seed, level)
            layered = [bool(probe.find_unique_layers([pub], types="gates")) for pub in pubs]
            if not all(layered):  # consecutive runs of alike circuits, one job each, in order
                groups, start = [], 0
                for k in range(1, len(pubs) + 1):
                    if k == len(pubs) or layered[k] != layered[start]:
                        groups.append((start, k, layered[start]))
                        start = k
                return CompositeJob([self._run_estimator(pubs[a:b], shots, seed, level, noise_model if pec else None,
                                                         pec) for a, b, pec in groups])
            return self._run_estimator(pubs, shots, seed, level, noise_model, True)
        return self._run_estimator(pubs, shots, seed, level, None, False)

    def _run_estimator(self, pubs: list, shots: int, seed: int | None, level: int, noise_model, pec: bool):
        estimator = self.runtime_estimator(seed, level)
        estimator.options.default_shots = int(shots)
        if self.uses_pec(level) and not pec:
            estimator.options.resilience.pec_mitigation = False
        if pec:
            estimator.options.resilience.layer_noise_model = list(noise_model or [])
            if self.profile.local_testing:
                # the local simulator injects resilience.layer_noise_model as extra noise unless
                # its own model is given: the device's noise is the noise PEC cancels
                estimator.options.simulator.layer_noise_model = []
        try:
            return estimator.run(pubs)
        except ValueError:
            raise
        except Exception as exc:
            raise ExecutionError(f"{self.profile.device} did not accept the job: {_first_line(exc)}") from None

    @staticmethod
    def expectation_values(job) -> list[dict[str, Any]]:
        """Per pub of a finished estimator job: ``evs``, ``stds`` and, with ZNE, the raw
        ``evs_noise_factors``/``stds_noise_factors`` (one per noise factor)."""
        try:
            result = job.result()
        except (KeyboardInterrupt, ValueError):
            raise
        except Exception as exc:
            raise ExecutionError(f"job {_safe_id(job)} failed: {_first_line(exc)}") from None
        out = []
        for pub in result:
            data = pub.data
            entry = {"evs": float(np.asarray(data.evs)), "stds": float(np.asarray(data.stds))}
            for key in ("evs_noise_factors", "stds_noise_factors"):
                if key in data:
                    entry[key] = [float(x) for x in np.asarray(data[key]).ravel()]
            out.append(entry)
        return out


def _support(observable) -> set[int]:
    mask = np.any(observable.paulis.x | observable.paulis.z, axis=0)
    return {int(q) for q in np.flatnonzero(mask)}


def _restrict_observable(observable, index: dict[int, int]):
    """A SparsePauliOp on the device's qubits as one on the kept qubits (identity elsewhere)."""
    from qiskit.quantum_info import SparsePauliOp

    labels = []
    for label in observable.paulis.to_labels():
        chars = label[::-1]
        kept = ["I"] * len(index)
        for q, i in index.items():
            kept[i] = chars[q]
        labels.append("".join(reversed(kept)))
    return SparsePauliOp(labels, observable.coeffs)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def program_cost(job) -> dict[str, Any] | None:
    """Circuits executed (randomisations x noise factors x measurement bases) and shots of a
    runtime job, where the job shows its quantum program (local testing mode); else None."""
    program = getattr(job, "inputs", None)
    items = getattr(program, "items", None)
    if items is None:
        return None
    circuits = int(sum(item.size() for item in items))
    return {"circuits": circuits, "shots": int(program.shots) * circuits}


def _safe_id(job) -> str:
    try:
        return str(job.job_id())
    except Exception:
        return "(no id)"


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
