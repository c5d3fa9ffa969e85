"""Start, resume and read runs: circuits executed batch by batch into a run folder.

A run knows nothing of physics: it executes the caller's measured circuits (plus the
circuits that mitigation needs) and returns, per circuit, a ``Distribution`` that can be
raw, readout-mitigated, zero-noise extrapolated, or both.

Reproducibility: batch b is sampled with seed ``seed + b``, and the batch plan is saved,
so a resumed run and a re-run with the same seed give the same counts on Aer.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qbcircuit.run.distribution import Distribution, combine
from qbcircuit.run.executor import Executor
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
    account_file: str | None = None,
) -> "Run":
    """Transpile, write the run folder, execute every batch; returns the finished run.

    ``after_batch(b)`` is called once batch b is safely stored (tests use it to interrupt).
    """
    profile = profile.replace(
        shots=shots, seed=seed, readout_mitigation=readout_mitigation,
        zne_factors=tuple(zne_factors) if zne_factors is not None else None, zne_extrapolation=zne_extrapolation,
    )
    check_zne_factors(profile.zne_factors, "zne")
    folder = RunFolder(out_dir)
    if folder.exists():
        raise ValueError(f"{out_dir} already holds a run; resume it with `qbc resume {out_dir}` or choose another --out")
    if not plan.circuits:
        raise ValueError("a run needs at least one circuit")
    labels = list(plan.labels) if plan.labels is not None else [f"circuit-{i}" for i in range(len(plan.circuits))]
    executor = Executor(profile, account_file=account_file)
    isa = executor.transpile(plan.circuits)

    executed, info = [], []
    for i, circuit in enumerate(isa):
        physical = measured_qubits(circuit)
        for factor in profile.zne_factors:
            folded = fold_two_qubit_gates(circuit, factor)
            executed.append(folded)
            info.append({"role": "circuit", "logical": i, "label": labels[i], "factor": factor,
                         "physical": physical, "stats": circuit_statistics(folded)})
    if profile.readout_mitigation:
        physical = sorted({q for entry in info for q in entry["physical"] if q >= 0})
        width = max(c.num_qubits for c in isa)
        for k, circuit in enumerate(readout_calibration_circuits(physical, width)):
            executed.append(circuit)
            info.append({"role": f"readout-{k}", "logical": None, "label": circuit.name, "factor": 1.0,
                         "physical": physical, "stats": circuit_statistics(circuit)})
    size = profile.max_circuits_per_batch
    batches = [list(range(s, min(s + size, len(executed)))) for s in range(0, len(executed), size)]

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
    })
    return execute_pending(folder.path, progress=progress, after_batch=after_batch, account_file=account_file,
                           executor=executor)


def _profile_of(manifest: dict[str, Any]) -> BackendProfile:
    data = {k: v for k, v in manifest["profile"].items() if k not in ("name", "path")}
    return profile_from_dict(data, manifest["profile"]["name"], manifest["profile"].get("path"))


def execute_pending(
    run_dir: str | Path,
    *,
    progress: Progress | None = None,
    after_batch: AfterBatch | None = None,
    account_file: str | None = None,
    executor: Executor | None = None,
) -> "Run":
    """Run every batch that has no stored counts yet; a batch with a stored job id is
    fetched from the service when the backend keeps jobs (IBM), else re-submitted with its
    own seed (Aer and local testing mode, where the result is the same)."""
    folder = RunFolder(run_dir)
    manifest = folder.read_manifest()
    profile = _profile_of(manifest)
    executor = executor or Executor(profile, account_file=account_file)
    batches = manifest["batches"]
    pending = [b for b in range(len(batches)) if folder.read_counts(b) is None]
    circuits = folder.read_circuits() if pending else []
    done = len(batches) - len(pending)
    if progress:
        progress(done, len(batches))
    for b in pending:
        seed = None if manifest["seed"] is None else manifest["seed"] + b
        record = folder.read_job(b)
        job = executor.retrieve(record["job_id"]) if record and record.get("job_id") else None
        if job is None:
            job = executor.submit([circuits[i] for i in batches[b]], manifest["shots"], seed)
            record = {"job_id": job.job_id(), "submitted": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "seed": seed,
                      "backend": profile.device or profile.name}
            folder.write_job(b, record)  # before waiting: a crash from here on loses no job
        counts = executor.counts(job)
        folder.write_counts(b, {"job_id": record.get("job_id"), "seed": seed, "circuits": batches[b], "counts": counts})
        done += 1
        if progress:
            progress(done, len(batches))
        if after_batch:
            after_batch(b)
    if manifest["status"] != "complete":
        manifest["status"] = "complete"
        manifest["completed"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        folder.write_manifest(manifest)
    return load_run(folder.path)


def resume_run(run_dir: str | Path, *, progress: Progress | None = None, account_file: str | None = None) -> "Run":
    return execute_pending(run_dir, progress=progress, account_file=account_file)


def load_run(run_dir: str | Path) -> "Run":
    return Run(RunFolder(run_dir))


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
        return _profile_of(self.manifest)

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

    def _assignment(self):
        roles = {entry["role"]: i for i, entry in enumerate(self.info)}
        if "readout-0" not in roles:
            raise ValueError(f"run {self.path} was made without readout mitigation")
        physical = self.info[roles["readout-0"]]["physical"]
        return assignment_matrices(self._counts_of(roles["readout-0"]), self._counts_of(roles["readout-1"]), physical)

    def assignment_matrices(self):
        """Per measured physical qubit, the measured A[read, prepared] (readout mitigation runs)."""
        return self._assignment()

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
            dist = dist.with_bit_matrices(inverse_matrices(self._assignment(), entries[0][1]["physical"]), mitigation)
        dist.label = mitigation
        return dist

    def circuit_statistics(self, logical: int) -> dict[str, int]:
        entry = next(e for e in self.info if e["role"] == "circuit" and e["logical"] == logical and e["factor"] == 1.0)
        return entry["stats"]
