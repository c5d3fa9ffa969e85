"""Start, resume and read runs: circuits executed in batches into a run folder.

A run knows nothing of physics: it executes the caller's measured circuits (plus the
circuits that mitigation needs) and returns, per circuit, a ``Distribution`` that can be
raw, readout-mitigated, zero-noise extrapolated, or both.

Submission: every batch of a run is submitted before any result is awaited, on IBM inside
one runtime ``Batch`` (so the jobs queue together and run close in time); each job id is
written to the run folder as soon as its job is submitted; results are then collected in
the order the jobs finish. A run killed at any point is finished by :func:`resume_run`,
which fetches the jobs whose ids are stored (IBM) and submits only batches that never got
a job (or, where jobs cannot be fetched, as on Aer and in local testing mode, submits them
again with their own seeds: the same counts).

Readout calibration travels with the data: every batch carries its own two calibration
circuits for the physical qubits its circuits measure, and a circuit's readout mitigation
uses its own batch's calibration. A circuit's zero-noise foldings stay in one batch.

Reproducibility: batch b is sampled with seed ``seed + b``, and the batch plan is saved,
so a resumed run and a re-run with the same seed give the same counts on Aer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qbcircuit.io import folder_lock, remove_stale_temporaries
from qbcircuit.run.distribution import Distribution, combine
from qbcircuit.run.executor import CompositeJob, Executor, program_cost
from qbcircuit.run.mitigation import (
    assignment_matrices,
    extrapolation_coefficients,
    fold_two_qubit_gates,
    inverse_matrices,
    measured_qubits,
    readout_calibration_circuits,
)
from qbcircuit.run.profiles import BackendProfile, check_zne_factors, profile_from_dict
from qbcircuit.run.store import RunFolder, package_versions

Progress = Callable[[int, int], None]
AfterBatch = Callable[[int], None]
#: Seconds between two looks at the jobs of a run while none has finished.
POLL_SECONDS = 2.0


@dataclass
class RunPlan:
    """What to run: measured logical circuits (one classical register each), with labels,
    and free-form inputs recorded in the run folder (model, parameters, times, ...)."""

    circuits: Sequence
    labels: Sequence[str] | None = None
    inputs: dict[str, Any] = field(default_factory=dict)


def circuit_statistics(circuit) -> dict[str, int]:
    ops = circuit.count_ops()
    two = sum(1 for inst in circuit.data if inst.operation.num_qubits == 2 and inst.operation.name != "barrier")
    active = {circuit.find_bit(q).index for inst in circuit.data for q in inst.qubits if inst.operation.name != "barrier"}
    return {
        "num_qubits": len(active),
        "depth": int(circuit.depth()),
        "size": int(circuit.size()),
        "two_qubit_gates": int(two),
        "resets": int(ops.get("reset", 0)),
        "measurements": int(ops.get("measure", 0)),
    }


def start_run(
    plan: RunPlan,
    profile: BackendProfile,
    out_dir: str | Path,
    *,
    shots: int | None = None,
    seed: int | None = None,
    readout_mitigation: bool | None = None,
    zne_factors: Sequence[float] | None = None,
    zne_extrapolation: str | None = None,
    progress: Progress | None = None,
    after_batch: AfterBatch | None = None,
    after_submit: AfterBatch | None = None,
    account_file: str | None = None,
    wait: bool = True,
) -> "Run":
    """Transpile, write the run folder, execute every batch; returns the finished run.

    Parameters
    ----------
    plan:
        The circuits (one classical register each), labels and inputs to record.
    profile:
        The backend profile.
    out_dir:
        The run folder to create (it must not hold a run).
    shots, seed, readout_mitigation, zne_factors, zne_extrapolation:
        Override the profile's.
    progress:
        Called with (batches done, batches); if it has a ``jobs`` method, that is called
        with one (batch, job id, status, queue position or None) per unfinished job while
        the run waits on them.
    after_batch, after_submit:
        Called with b once batch b's counts are stored, and once its job id is stored
        (tests use them to interrupt a run).
    account_file:
        The IBM accounts file (default: qiskit-ibm-runtime's).
    wait:
        False: return once every job is submitted and its id stored, where the backend keeps
        jobs (IBM devices; :func:`resume_run` collects them later); elsewhere (Aer, local
        testing mode) the run is finished as with True, since its jobs live in this process.

    Returns
    -------
    Run
        Finished, or (``wait=False`` on an IBM device) submitted: ``run.complete`` says which.
    """
    profile = profile.replace(
        shots=shots, seed=seed, readout_mitigation=readout_mitigation,
        zne_factors=tuple(zne_factors) if zne_factors is not None else None, zne_extrapolation=zne_extrapolation,
    )
    check_zne_factors(profile.zne_factors, "zne")
    if not plan.circuits:
        raise ValueError("a run needs at least one circuit")
    with folder_lock(out_dir):  # one process per run folder, for the whole run
        return _start_run(plan, profile, out_dir, progress=progress, after_batch=after_batch,
                          after_submit=after_submit, account_file=account_file, wait=wait)


def _start_run(plan: RunPlan, profile: BackendProfile, out_dir: str | Path, *, progress, after_batch, after_submit,
               account_file, wait: bool) -> "Run":
    folder = RunFolder(out_dir)
    if folder.exists():
        raise ValueError(f"{out_dir} already holds a run; resume it with `qbc resume {out_dir}` or choose another --out")
    remove_stale_temporaries(folder.path)
    labels = list(plan.labels) if plan.labels is not None else [f"circuit-{i}" for i in range(len(plan.circuits))]
    executor = Executor(profile, account_file=account_file)
    isa = executor.transpile(plan.circuits)

    executed, info, batches = plan_batches(isa, labels, profile)
    folder.path.mkdir(parents=True, exist_ok=True)
    folder.write_circuits(executed, info)
    folder.write_manifest({
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "status": "running",
        "inputs": plan.inputs,
        "labels": labels,
        "profile": profile.to_dict(),
        "shots": profile.shots,
        "seed": profile.seed,
        "mitigation": {"readout": profile.readout_mitigation, "zne_factors": list(profile.zne_factors),
                       "zne_extrapolation": profile.zne_extrapolation},
        "versions": package_versions(),
        "batches": batches,
        "device_qubits": list(executor.device_qubits) if executor.device_qubits is not None else None,
        "notes": execution_notes(profile),
    })
    return execute_pending(folder.path, progress=progress, after_batch=after_batch, after_submit=after_submit,
                           account_file=account_file, executor=executor, wait=wait)


def execution_notes(profile: BackendProfile) -> list[str]:
    """What the run's options changed that a reader of its report should know."""
    from qbcircuit.run.profiles import sampler_twirling

    notes = []
    if profile.kind == "ibm" and profile.local_testing:
        notes.append(f"local testing mode: {profile.device}'s calibration on the device qubits the circuits use")
    if profile.fractional_gates:
        notes.append("fractional gates (RZZ, RX): gate twirling is off (measurement twirling only); PEA and PEC refused")
    if profile.kind == "ibm" and profile.route == "sampler":
        gates, measure = sampler_twirling(profile)
        twirled = " and ".join(w for w, on in (("gates", gates), ("measurements", measure)) if on)
        notes.append(f"twirling: {twirled}" if twirled else "twirling: off (raw counts)")
    return notes


def plan_batches(isa: Sequence, labels: Sequence[str], profile: BackendProfile) -> tuple[list, list[dict], list[list[int]]]:
    """The executed circuits, their info and the batch plan of a run.

    Parameters
    ----------
    isa:
        The transpiled circuits.
    labels:
        Their labels.
    profile:
        The profile (zne factors, readout mitigation, ``max_circuits_per_batch``: the run's
        own circuits per batch, calibration circuits not counted).

    Returns
    -------
    tuple
        (executed circuits, one info dict per executed circuit, batches as lists of indices
        into the executed circuits). A logical circuit's foldings share a batch; with
        readout mitigation every batch ends with its two calibration circuits.
    """
    per_logical = len(profile.zne_factors)
    size = max(profile.max_circuits_per_batch, per_logical)
    group = max(1, size // per_logical)  # logical circuits per batch
    width = max(c.num_qubits for c in isa)
    executed, info, batches = [], [], []
    for b, start in enumerate(range(0, len(isa), group)):
        members = []
        for i in range(start, min(start + group, len(isa))):
            physical = measured_qubits(isa[i])
            for factor in profile.zne_factors:
                folded = fold_two_qubit_gates(isa[i], factor)
                members.append(len(executed))
                executed.append(folded)
                info.append({"role": "circuit", "logical": i, "label": labels[i], "factor": factor, "batch": b,
                             "physical": physical, "stats": circuit_statistics(folded)})
        if profile.readout_mitigation:
            physical = sorted({q for k in members for q in info[k]["physical"] if q >= 0})
            for k, circuit in enumerate(readout_calibration_circuits(physical, width)):
                members.append(len(executed))
                executed.append(circuit)
                info.append({"role": f"readout-{k}", "logical": None, "label": circuit.name, "factor": 1.0, "batch": b,
                             "physical": physical, "stats": circuit_statistics(circuit)})
        batches.append(members)
    return executed, info, batches


def manifest_profile(manifest: dict[str, Any]) -> BackendProfile:
    """The backend profile a run folder's manifest (``run.json``) recorded, as used.

    Parameters
    ----------
    manifest:
        The manifest.

    Returns
    -------
    BackendProfile
    """
    data = {k: v for k, v in manifest["profile"].items() if k not in ("name", "path")}
    return profile_from_dict(data, manifest["profile"]["name"], manifest["profile"].get("path"))


def execute_pending(
    run_dir: str | Path,
    *,
    progress: Progress | None = None,
    after_batch: AfterBatch | None = None,
    after_submit: AfterBatch | None = None,
    account_file: str | None = None,
    executor: Executor | None = None,
    wait: bool = True,
) -> "Run":
    """Finish every batch that has no stored counts yet.

    Parameters
    ----------
    run_dir:
        The run folder.
    progress, after_batch, after_submit, account_file, wait:
        As for :func:`start_run`.
    executor:
        An executor for the run's profile (default: a new one).

    Returns
    -------
    Run

    All jobs are in flight before the first result is awaited: a batch with a stored job id
    is fetched from the service when the backend keeps jobs (IBM), the others are submitted
    (inside one runtime ``Batch`` on IBM), each job id written before the next submission.
    Results are stored as the jobs finish, in whatever order that is.
    """
    folder = RunFolder(run_dir)
    manifest = folder.read_manifest()
    profile = manifest_profile(manifest)
    executor = executor or Executor(profile, account_file=account_file)
    if manifest.get("device_qubits") is not None:
        executor.device_qubits = tuple(manifest["device_qubits"])
    batches = manifest["batches"]
    pending = [b for b in range(len(batches)) if folder.read_counts(b) is None]
    done = len(batches) - len(pending)
    if progress:
        progress(done, len(batches))
    if not pending:
        return _complete(folder, manifest)
    jobs: dict[int, Any] = {}
    seeds = {b: None if manifest["seed"] is None else manifest["seed"] + b for b in pending}
    fetched = {}
    for b in pending:
        record = folder.read_job(b)
        job = executor.retrieve(record["job_id"]) if record and record.get("job_id") else None
        if job is not None:
            jobs[b] = job
            fetched[b] = record
    to_submit = [b for b in pending if b not in jobs]
    if to_submit:
        circuits = folder.read_circuits()
        with executor.batch_mode():
            for b in to_submit:
                job = executor.submit([circuits[i] for i in batches[b]], manifest["shots"], seeds[b])
                record = {"job_id": job.job_id(), "submitted": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "seed": seeds[b],
                          "backend": profile.device or profile.name}
                if executor.batch_id:
                    record["batch_id"] = executor.batch_id
                folder.write_job(b, record)  # before waiting: a crash from here on loses no job
                jobs[b] = job
                if after_submit:
                    after_submit(b)
    if not wait and executor.keeps_jobs:  # every id is stored: resume_run collects them
        return Run(folder)

    def store(b: int, job) -> None:
        counts = executor.counts(job)
        folder.write_counts(b, {"job_id": _job_id(job), "seed": seeds[b], "circuits": batches[b], "counts": counts})
        if after_batch:
            after_batch(b)

    _collect(jobs, executor, store, progress, done, len(batches))
    return _complete(folder, manifest)


def _collect(jobs: dict[int, Any], executor: Executor, store: Callable[[int, Any], None],
             progress: Progress | None, done: int, total: int) -> None:
    """Wait on ``jobs`` (batch -> job), storing each as it finishes (``store(b, job)``) in
    whatever order that is; progress reports (done, total) and, while waiting, each job's
    status and queue position."""
    report = getattr(progress, "jobs", None)
    pause = 0.05
    while jobs:
        finished = [b for b, job in jobs.items() if executor.finished(job)]
        if not finished:
            if report:
                report([(b, _job_id(job), executor.status(job), executor.queue_position(job)) for b, job in jobs.items()])
            time.sleep(pause)
            pause = min(2 * pause, POLL_SECONDS)
            continue
        for b in finished:
            store(b, jobs.pop(b))
            done += 1
            if progress:
                progress(done, total)


def _job_id(job) -> str | None:
    try:
        return job.job_id()
    except Exception:
        return None


def _complete(folder: RunFolder, manifest: dict[str, Any]) -> "Run":
    if manifest["status"] != "complete":
        manifest["status"] = "complete"
        manifest["completed"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        folder.write_manifest(manifest)
    return load_run(folder.path)


def resume_run(run_dir: str | Path, *, progress: Progress | None = None, account_file: str | None = None) -> "Run":
    """Finish an interrupted run: jobs whose ids are stored are collected (IBM), batches
    without a job are submitted; stored counts are kept.

    Parameters
    ----------
    run_dir:
        The run folder.
    progress, account_file:
        As for :func:`start_run`.

    Returns
    -------
    Run
    """
    RunFolder(run_dir).read_manifest()  # "not a run folder" before anything is locked or created
    with folder_lock(run_dir, create=False):  # one process per run folder
        remove_stale_temporaries(run_dir)
        if RunFolder(run_dir).read_manifest().get("route") == "estimator":
            return execute_estimator_pending(run_dir, progress=progress, account_file=account_file)
        return execute_pending(run_dir, progress=progress, account_file=account_file)


def load_run(run_dir: str | Path):
    """A run folder's results: a :class:`Run` (counts) or an :class:`EstimatorRun`."""
    folder = RunFolder(run_dir)
    if folder.read_manifest().get("route") == "estimator":
        return EstimatorRun(folder)
    return Run(folder)


class Run:
    """A run folder's results: per logical circuit, its distribution under each mitigation."""

    def __init__(self, folder: RunFolder):
        self.folder = folder
        self.manifest = folder.read_manifest()
        self.info = folder.read_circuit_info()
        counts: dict[int, dict[str, int]] = {}
        for b in range(len(self.manifest["batches"])):
            record = folder.read_counts(b)
            if record is not None:
                counts.update(zip(record["circuits"], record["counts"]))
        self.counts = counts

    @property
    def path(self) -> Path:
        return self.folder.path

    @property
    def complete(self) -> bool:
        return len(self.counts) == len(self.info)

    @property
    def labels(self) -> list[str]:
        return self.manifest["labels"]

    @property
    def profile(self) -> BackendProfile:
        return manifest_profile(self.manifest)

    def mitigations(self) -> list[str]:
        """The variants this run can give: always ``raw``, plus those its options enabled."""
        m = self.manifest["mitigation"]
        out = ["raw"]
        if m["readout"]:
            out.append("readout")
        if len(m["zne_factors"]) > 1:
            out.append("zne")
            if m["readout"]:
                out.append("readout+zne")
        return out

    def _counts_of(self, index: int) -> dict[str, int]:
        if index not in self.counts:
            raise ValueError(f"run {self.path} is incomplete; finish it with `qbc resume {self.path}`")
        return self.counts[index]

    def _assignment(self, batch: int | None = None):
        """A[read, prepared] per physical qubit from the calibration circuits of ``batch``
        (runs made before calibration travelled with every batch have one pair, no batch)."""
        roles = {(entry["role"], entry.get("batch")): i for i, entry in enumerate(self.info)
                 if entry["role"].startswith("readout-")}
        if not roles:
            raise ValueError(f"run {self.path} was made without readout mitigation")
        key = batch if ("readout-0", batch) in roles else None
        zero, one = roles[("readout-0", key)], roles[("readout-1", key)]
        physical = self.info[zero]["physical"]
        return assignment_matrices(self._counts_of(zero), self._counts_of(one), physical)

    def assignment_matrices(self, batch: int | None = None):
        """Per measured physical qubit, the measured A[read, prepared] (readout mitigation
        runs): of batch ``batch`` (default: the first)."""
        if batch is None:
            batch = next((e.get("batch") for e in self.info if e["role"] == "readout-0"), None)
        return self._assignment(batch)

    def distribution(self, logical: int, mitigation: str = "raw") -> Distribution:
        if mitigation not in self.mitigations():
            raise ValueError(f"mitigation {mitigation!r} is not available in this run; available: {', '.join(self.mitigations())}")
        entries = [(i, e) for i, e in enumerate(self.info) if e["role"] == "circuit" and e["logical"] == logical]
        if not entries:
            raise ValueError(f"run has no circuit {logical}")
        num_bits = len(entries[0][1]["physical"])
        if "zne" in mitigation:
            factors = [e["factor"] for _, e in entries]
            parts = [Distribution.from_counts(self._counts_of(i), num_bits) for i, _ in entries]
            dist = combine(parts, extrapolation_coefficients(factors, self.manifest["mitigation"]["zne_extrapolation"]), mitigation)
        else:
            i = next(i for i, e in entries if e["factor"] == 1.0)
            dist = Distribution.from_counts(self._counts_of(i), num_bits)
        if "readout" in mitigation:
            matrices = inverse_matrices(self._assignment(entries[0][1].get("batch")), entries[0][1]["physical"])
            dist = dist.with_bit_matrices(matrices, mitigation)
        dist.label = mitigation
        return dist

    def circuit_statistics(self, logical: int) -> dict[str, int]:
        entry = next(e for e in self.info if e["role"] == "circuit" and e["logical"] == logical and e["factor"] == 1.0)
        return entry["stats"]


# ---- the estimator route: expectation values through the runtime's executor Estimator ----------
def mitigation_name(options) -> str:
    """A variant's name from finalized estimator options: ``raw``, ``readout`` (TREX),
    ``zne``, ``readout+zne`` (the names the sampler route's variants have), ``readout+pec``."""
    parts = [name for name, on in (("readout", options.resilience.measure_mitigation),
                                   ("zne", options.resilience.zne_mitigation),
                                   ("pec", options.resilience.pec_mitigation)) if on]
    return "+".join(parts) or "raw"


def start_estimator_run(
    circuits: Sequence,
    observables: Sequence,
    profile: BackendProfile,
    out_dir: str | Path,
    *,
    labels: Sequence[str] | None = None,
    inputs: dict[str, Any] | None = None,
    levels: Sequence[int] | None = None,
    shots: int | None = None,
    seed: int | None = None,
    progress: Progress | None = None,
    after_submit: AfterBatch | None = None,
    account_file: str | None = None,
    wait: bool = True,
) -> "EstimatorRun":
    """Expectation values of ``observables`` in measurement-free ``circuits`` (one observable
    each, a ``SparsePauliOp`` on the circuit's qubits), one runtime Estimator job per
    resilience level, all submitted inside one runtime Batch before any result is awaited.

    Parameters
    ----------
    circuits, observables:
        The logical circuits (no measurements) and their observables.
    profile:
        An ``ibm`` profile (local testing mode included): its estimator options.
    out_dir:
        The run folder to create.
    labels, inputs:
        Labels of the circuits and free-form inputs to record.
    levels:
        The resilience levels to run (default: 0, the unmitigated values, and the
        profile's level); the profile's individual options apply to every level but 0.
    shots, seed:
        Shots per circuit and configuration (default: the profile's) and the seed.
    progress, after_submit, account_file, wait:
        As for :func:`start_run`.

    Returns
    -------
    EstimatorRun
    """
    profile = profile.replace(shots=shots, seed=seed)
    if profile.kind != "ibm":
        raise ValueError(f"backend profile {profile.name!r}: the estimator route runs on IBM devices (kind = 'ibm', "
                         "local_testing = true for a fake device); this profile is kind = 'aer'")
    if not circuits or len(circuits) != len(observables):
        raise ValueError(f"observables must hold one per circuit ({len(circuits)}), got {len(observables)}")
    levels = sorted({0, profile.resilience_level}) if levels is None else sorted(set(int(v) for v in levels))
    if any(v not in (0, 1, 2) for v in levels):
        raise ValueError(f"levels must be resilience levels 0, 1 or 2, got {levels}")
    with folder_lock(out_dir):  # one process per run folder, for the whole run
        return _start_estimator_run(circuits, observables, profile, out_dir, labels=labels, inputs=inputs,
                                    levels=levels, progress=progress, after_submit=after_submit,
                                    account_file=account_file, wait=wait)


def _start_estimator_run(circuits, observables, profile: BackendProfile, out_dir, *, labels, inputs, levels,
                         progress, after_submit, account_file, wait: bool) -> "EstimatorRun":
    from qbcircuit.run.store import write_observables

    folder = RunFolder(out_dir)
    if folder.exists():
        raise ValueError(f"{out_dir} already holds a run; resume it with `qbc resume {out_dir}` or choose another --out")
    remove_stale_temporaries(folder.path)
    executor = Executor(profile, account_file=account_file)
    isa, mapped = executor.transpile_observables(circuits, observables)
    labels = list(labels) if labels is not None else [f"circuit-{i}" for i in range(len(circuits))]
    folder.path.mkdir(parents=True, exist_ok=True)
    info = [{"role": "circuit", "logical": i, "label": labels[i], "factor": 1.0, "batch": None, "physical": [],
             "stats": circuit_statistics(c)} for i, c in enumerate(isa)]
    folder.write_circuits(isa, info)
    write_observables(folder, mapped)
    folder.write_manifest({
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "status": "running",
        "route": "estimator",
        "inputs": inputs or {},
        "labels": labels,
        "profile": profile.to_dict(),
        "shots": profile.shots,
        "seed": profile.seed,
        "levels": levels,
        "mitigation": {"readout": False, "zne_factors": [1.0], "zne_extrapolation": profile.zne_extrapolation},
        "versions": package_versions(),
        "batches": [list(range(len(isa))) for _ in levels],
        "device_qubits": list(executor.device_qubits) if executor.device_qubits is not None else None,
        "notes": execution_notes(profile),
    })
    return execute_estimator_pending(folder.path, progress=progress, after_submit=after_submit,
                                     account_file=account_file, executor=executor, wait=wait)


def execute_estimator_pending(run_dir: str | Path, *, progress: Progress | None = None,
                              after_submit: AfterBatch | None = None, account_file: str | None = None,
                              executor: Executor | None = None, wait: bool = True) -> "EstimatorRun":
    """Finish an estimator run: stored jobs fetched (IBM), missing ones submitted in one Batch.

    Parameters
    ----------
    run_dir:
        The run folder.
    progress, after_submit, account_file, executor, wait:
        As for :func:`execute_pending`.

    Returns
    -------
    EstimatorRun
    """
    from qbcircuit.run.store import read_observables

    folder = RunFolder(run_dir)
    manifest = folder.read_manifest()
    profile = manifest_profile(manifest)
    executor = executor or Executor(profile, account_file=account_file)
    if manifest.get("device_qubits") is not None:
        executor.device_qubits = tuple(manifest["device_qubits"])
    levels = manifest["levels"]
    pending = [b for b in range(len(levels)) if folder.read_counts(b) is None]
    done = len(levels) - len(pending)
    if progress:
        progress(done, len(levels))
    jobs: dict[int, Any] = {}
    for b in pending:
        record = folder.read_job(b)
        ids = (record.get("job_ids") or [record.get("job_id")]) if record else []
        found = [executor.retrieve(i) for i in ids if i]
        if found and all(job is not None for job in found):
            jobs[b] = found[0] if len(found) == 1 else CompositeJob(found)
    to_submit = [b for b in pending if b not in jobs]
    if to_submit:
        circuits, observables = folder.read_circuits(), read_observables(folder)
        noise_model, learning = None, None  # PEC: the layers learned once, for every level that uses them
        with executor.batch_mode():
            for b in to_submit:
                seed = None if manifest["seed"] is None else manifest["seed"] + b
                if executor.uses_pec(levels[b]) and noise_model is None:
                    noise_model, learning = executor.learn_layer_noise(circuits, observables, seed, levels[b])
                job = executor.submit_estimator(circuits, observables, manifest["shots"], seed, levels[b],
                                                noise_model=noise_model if executor.uses_pec(levels[b]) else None)
                options = executor.runtime_estimator(seed, levels[b]).finalize_options()
                name = mitigation_name(options)
                others = [r["mitigation"] for k in range(len(levels)) if k != b and (r := folder.read_job(k))]
                if name in others:  # two levels asking for the same mitigation: told apart by their level
                    name = f"{name}@{levels[b]}"
                record = {"job_id": job.job_id(), "submitted": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "seed": seed,
                          "backend": profile.device or profile.name, "resilience_level": levels[b],
                          "mitigation": name, "cost": program_cost(job),
                          "options": {"measure_mitigation": options.resilience.measure_mitigation,
                                      "zne_mitigation": options.resilience.zne_mitigation,
                                      "zne_noise_factors": list(profile.zne_noise_factors),
                                      "zne_extrapolator": list(profile.zne_extrapolator),
                                      "twirling_gates": options.twirling.enable_gates,
                                      "twirling_measure": options.twirling.enable_measure,
                                      "dynamical_decoupling": profile.dynamical_decoupling,
                                      "pec_mitigation": options.resilience.pec_mitigation}}
                if isinstance(job, CompositeJob) and executor.keeps_jobs:  # PEC beside TREX-only circuits
                    record["job_ids"] = [j.job_id() for j in job.jobs]
                if executor.uses_pec(levels[b]):
                    record["learning"] = learning
                folder.write_job(b, record)
                jobs[b] = job
                if after_submit:
                    after_submit(b)
    if not wait and executor.keeps_jobs:  # every id is stored: resume_run collects them
        return EstimatorRun(folder)

    def store(b: int, job) -> None:
        values = executor.expectation_values(job)
        folder.write_counts(b, {"job_id": _job_id(job), "resilience_level": levels[b], "values": values})

    _collect(jobs, executor, store, progress, done, len(levels))
    _complete(folder, manifest)
    return EstimatorRun(folder)


class EstimatorRun:
    """An estimator run folder: per resilience level, each circuit's expectation value."""

    def __init__(self, folder: RunFolder):
        self.folder = folder
        self.manifest = folder.read_manifest()
        self.levels = self.manifest["levels"]

    @property
    def path(self) -> Path:
        return self.folder.path

    @property
    def complete(self) -> bool:
        return all(self.folder.read_counts(b) is not None for b in range(len(self.levels)))

    @property
    def labels(self) -> list[str]:
        return self.manifest["labels"]

    @property
    def counts(self) -> dict[tuple[int, int], dict[str, Any]]:
        """(level's job, circuit) -> stored value, for what has finished."""
        out = {}
        for b in range(len(self.levels)):
            record = self.folder.read_counts(b)
            if record is not None:
                out.update({(b, i): v for i, v in enumerate(record["values"])})
        return out

    def jobs(self) -> list[dict[str, Any]]:
        return [self.folder.read_job(b) for b in range(len(self.levels))]

    def mitigations(self) -> list[str]:
        """One variant per level, named by what it mitigates (``raw`` for level 0)."""
        return [job["mitigation"] for job in self.jobs()]

    def values(self, mitigation: str) -> list[dict[str, Any]]:
        """Per circuit: ``evs``, ``stds`` (and the raw values per noise factor with ZNE)."""
        for b, job in enumerate(self.jobs()):
            if job["mitigation"] == mitigation:
                record = self.folder.read_counts(b)
                if record is None:
                    raise ValueError(f"run {self.path} is incomplete; finish it with `qbc resume {self.path}`")
                return record["values"]
        raise ValueError(f"mitigation {mitigation!r} is not in this run; available: {', '.join(self.mitigations())}")

    def circuit_statistics(self, logical: int) -> dict[str, int]:
        return self.folder.read_circuit_info()[logical]["stats"]
