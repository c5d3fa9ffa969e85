"""Run folders: everything a run needs to be resumed, re-analysed or audited, written atomically.

Layout of a run folder::

    run.json              inputs, profile (as used), seed, shots, mitigation, package versions,
                          the batch plan and the status
    circuits.qpy          every executed circuit (transpiled, folded, readout calibration)
    circuits.json         per executed circuit: role, logical index, noise factor,
                          clbit -> physical qubit, statistics
    jobs/batch-NNNN.json  the job id, written *before* waiting on the job
    counts/batch-NNNN.json the counts of a finished batch
    (and whatever the caller adds: results.json, exact.json, report.json, compare.png)

Each file is written by ``qbcircuit.io`` (complete or absent), so a run killed at any point
leaves a folder that ``resume`` completes without repeating finished batches.
"""

from __future__ import annotations

import io
import logging
import platform
from pathlib import Path
from typing import Any

from qbcircuit.io import DamagedFile, read_json, write_atomic, write_json

log = logging.getLogger("qbcircuit")

MANIFEST = "run.json"
CIRCUITS = "circuits.qpy"
CIRCUIT_INFO = "circuits.json"


def package_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for name in ("qbcircuit", "qiskit", "qiskit-aer", "qiskit-ibm-runtime", "qutip", "numpy", "scipy"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    return out


class RunFolder:
    def __init__(self, path: str | Path):
        self.path = Path(path)

    # ---- manifest and circuits -----------------------------------------------------
    def exists(self) -> bool:
        return (self.path / MANIFEST).is_file()

    def read_manifest(self) -> dict[str, Any]:
        if not self.exists():
            raise ValueError(f"{self.path} is not a run folder (no {MANIFEST})")
        return read_json(self.path / MANIFEST)

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        write_json(self.path / MANIFEST, manifest)

    def write_circuits(self, circuits: list, info: list[dict[str, Any]]) -> None:
        from qiskit import qpy

        buffer = io.BytesIO()
        qpy.dump(circuits, buffer)
        write_atomic(self.path / CIRCUITS, buffer.getvalue())
        write_json(self.path / CIRCUIT_INFO, info)

    def read_circuits(self) -> list:
        from qiskit import qpy

        with open(self.path / CIRCUITS, "rb") as handle:
            return list(qpy.load(handle))

    def read_circuit_info(self) -> list[dict[str, Any]]:
        return read_json(self.path / CIRCUIT_INFO)

    # ---- batches ---------------------------------------------------------------------
    def _batch_file(self, kind: str, index: int) -> Path:
        return self.path / kind / f"batch-{index:04d}.json"

    def write_job(self, index: int, record: dict[str, Any]) -> None:
        write_json(self._batch_file("jobs", index), record)

    def read_job(self, index: int) -> dict[str, Any] | None:
        """Batch ``index``'s job record; None if it has none, or a damaged one (a warning:
        the batch is then submitted again)."""
        return self._read_batch("jobs", index, "its job is submitted again")

    def write_counts(self, index: int, record: dict[str, Any]) -> None:
        write_json(self._batch_file("counts", index), record)

    def read_counts(self, index: int) -> dict[str, Any] | None:
        """Batch ``index``'s counts; None if it has none yet, or a damaged file (a warning:
        the batch counts as not run, and ``qbc resume`` runs it again)."""
        return self._read_batch("counts", index, "the batch counts as not run: `qbc resume` runs it again")

    def _read_batch(self, kind: str, index: int, consequence: str) -> dict[str, Any] | None:
        path = self._batch_file(kind, index)
        if not path.is_file():
            return None
        try:
            record = read_json(path)
        except DamagedFile:
            record = None
        if not isinstance(record, dict) or (kind == "counts" and not _counts_record_ok(record)):
            if str(path) not in _WARNED:
                _WARNED.add(str(path))
                log.warning(f"{path} is damaged; {consequence}")
            return None
        return record

    # ---- anything else the caller stores -----------------------------------------------
    def write(self, name: str, obj: Any) -> Path:
        return write_json(self.path / name, obj)

    def read(self, name: str) -> Any:
        path = self.path / name
        if not path.is_file():
            raise ValueError(f"run folder {self.path} has no {name}")
        return read_json(path)


_WARNED: set[str] = set()


def _counts_record_ok(record: dict[str, Any]) -> bool:
    """A counts record as the runner writes it: a list per circuit (counts or values)."""
    if "values" in record:
        return isinstance(record["values"], list)
    return isinstance(record.get("counts"), list) and isinstance(record.get("circuits"), list) and \
        len(record["counts"]) == len(record["circuits"]) and all(isinstance(c, dict) for c in record["counts"])


OBSERVABLES = "observables.json"


def write_observables(folder: RunFolder, observables) -> None:
    """The estimator route's observables (SparsePauliOp on the executed circuits' qubits)."""
    folder.write(OBSERVABLES, [{"paulis": op.paulis.to_labels(),
                                "coeffs": [[float(c.real), float(c.imag)] for c in op.coeffs]} for op in observables])


def read_observables(folder: RunFolder) -> list:
    from qiskit.quantum_info import SparsePauliOp

    return [SparsePauliOp(entry["paulis"], [complex(re, im) for re, im in entry["coeffs"]])
            for entry in folder.read(OBSERVABLES)]
