"""Batched submission on a fake Heron device in the runtime's local testing mode: every job of
a run is submitted inside one runtime Batch and its id written before any result is awaited;
a run killed after submission is collected by `qbc resume` without submitting again."""

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest

from qbcircuit.cli.main import main
from qbcircuit.run import Executor, RunPlan, load_profile, load_run, start_run
from qbcircuit.run.executor import ExecutionError
from qbcircuit.run.store import RunFolder
from tests.run.helpers import rabi_circuits, rabi_energy, rabi_exact

THETAS = [0.3, 1.2]


def _profile():
    return load_profile("ibm-local-torino").replace(max_circuits_per_batch=1, shots=1000)


def test_all_job_ids_are_written_inside_one_batch_before_the_first_result_is_awaited(tmp_path, monkeypatch):
    from qiskit_ibm_runtime import Batch

    events, modes = [], []
    write_job, counts, submit = RunFolder.write_job, Executor.counts, Executor.submit

    def logged_write_job(self, index, record):
        events.append(("job id written", index))
        return write_job(self, index, record)

    def logged_counts(job):
        events.append(("result awaited", job.job_id()))
        return counts(job)

    def logged_submit(self, circuits, shots, seed):
        modes.append(self._mode)
        return submit(self, circuits, shots, seed)

    monkeypatch.setattr(RunFolder, "write_job", logged_write_job)
    monkeypatch.setattr(Executor, "counts", staticmethod(logged_counts))
    monkeypatch.setattr(Executor, "submit", logged_submit)
    run = start_run(RunPlan(rabi_circuits(THETAS)), _profile(), tmp_path / "r", readout_mitigation=True)

    batches = len(run.manifest["batches"])
    assert batches == len(THETAS)
    kinds = [kind for kind, _ in events]
    assert kinds == ["job id written"] * batches + ["result awaited"] * batches
    assert len(modes) == batches and all(isinstance(m, Batch) for m in modes) and len({id(m) for m in modes}) == 1
    ids = [json.loads((tmp_path / "r" / "jobs" / f"batch-{b:04d}.json").read_text())["job_id"] for b in range(batches)]
    assert len(set(ids)) == batches and all(isinstance(i, str) for i in ids)
    for i, exact in enumerate(rabi_exact(THETAS)):
        mean, se = rabi_energy(run.distribution(i, "readout"))
        assert abs(mean - exact) < 4 * se + 0.02


_SUBMIT = Executor.submit
_RUN_DIR = []


def _rerun_job(circuits, shots, seed):
    """What the service returns for a stored job id: the job the killed process submitted.
    Local testing mode keeps no jobs, so this stand-in for the service's job store runs the
    stored batch again with the seed it was submitted with (the same counts)."""
    executor = Executor(_profile())
    executor.device_qubits = tuple(RunFolder(_RUN_DIR[0]).read_manifest()["device_qubits"])
    return _SUBMIT(executor, circuits, shots, seed)


def test_resume_after_a_kill_following_submission_collects_without_resubmitting(tmp_path, monkeypatch, capsys):
    run_dir = tmp_path / "killed"
    _RUN_DIR[:] = [run_dir]
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {os.getcwd()!r})
        from qbcircuit.run import RunPlan, start_run
        from tests.run.test_batch import THETAS, _profile
        from tests.run.helpers import rabi_circuits
        last = len(THETAS) - 1
        start_run(RunPlan(rabi_circuits(THETAS)), _profile(), {str(run_dir)!r},
                  after_submit=lambda b: b == last and os.kill(os.getpid(), signal.SIGKILL))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    folder = RunFolder(run_dir)
    stored = {b: folder.read_job(b)["job_id"] for b in range(len(THETAS))}
    assert not (run_dir / "counts").exists() or not any((run_dir / "counts").iterdir())

    manifest = folder.read_manifest()
    circuits = folder.read_circuits()
    fetched = []

    def retrieve(self, job_id):
        b = next(b for b, i in stored.items() if i == job_id)
        fetched.append(job_id)
        return _rerun_job([circuits[i] for i in manifest["batches"][b]], manifest["shots"], manifest["seed"] + b)

    monkeypatch.setattr(Executor, "retrieve", retrieve)
    monkeypatch.setattr(Executor, "submit", lambda *a: pytest.fail("resume must collect the stored jobs, not resubmit"))
    assert main(["resume", str(run_dir)]) == 0
    assert sorted(fetched) == sorted(stored.values())
    assert f"{len(THETAS)} circuits run now, 0 kept from before" in capsys.readouterr().out
    run = load_run(run_dir)
    assert run.complete and run.manifest["status"] == "complete"
    for i, exact in enumerate(rabi_exact(THETAS)):
        mean, se = rabi_energy(run.distribution(i))
        assert abs(mean - exact) < 4 * se + 0.03  # raw: the device's readout error remains


def test_a_failed_job_is_one_line_with_its_id(tmp_path, monkeypatch):
    class Failed:
        def job_id(self):
            return "d1abc2job"

        def status(self):
            return "ERROR"

        def in_final_state(self):
            return True

        def result(self):
            raise RuntimeError("Error code 1517; the job was cancelled by the system\nmore detail")

    monkeypatch.setattr(Executor, "submit", lambda self, c, s, seed: Failed())
    with pytest.raises(ExecutionError) as info:
        start_run(RunPlan(rabi_circuits([0.3])), _profile(), tmp_path / "r")
    assert str(info.value) == "job d1abc2job failed: Error code 1517; the job was cancelled by the system"
    assert json.loads((tmp_path / "r" / "jobs" / "batch-0000.json").read_text())["job_id"] == "d1abc2job"


def test_an_interrupted_estimator_run_resumes_to_every_level(tmp_path):
    """The estimator route's jobs (one per resilience level) go through the same Batch, job ids
    and resume; <Z> after RX(2 theta) is cos(2 theta)."""
    import numpy as np
    from qiskit import QuantumCircuit
    from qiskit.quantum_info import SparsePauliOp

    from qbcircuit.run import resume_run, start_estimator_run

    circuits = []
    for theta in THETAS:
        qc = QuantumCircuit(1)
        qc.rx(2 * theta, 0)
        circuits.append(qc)
    observables = [SparsePauliOp("Z")] * len(circuits)

    class Crash(Exception):
        pass

    def crash(b):
        raise Crash

    with pytest.raises(Crash):
        start_estimator_run(circuits, observables, _profile(), tmp_path / "e", levels=(0, 1), shots=4000,
                            after_submit=crash)
    assert RunFolder(tmp_path / "e").read_job(0) is not None and RunFolder(tmp_path / "e").read_job(1) is None
    run = resume_run(tmp_path / "e")
    assert run.complete and run.mitigations() == ["raw", "readout"]
    for name in ("raw", "readout"):
        values = run.values(name)
        for v, theta in zip(values, THETAS):
            assert abs(v["evs"] - np.cos(2 * theta)) < 4 * v["stds"] + 0.05


def test_a_pec_level_split_in_two_jobs_on_a_device_stores_both_ids_and_resume_collects_them(tmp_path, monkeypatch):
    """As on a device (one job per level, jobs kept by the service): the PEC level's circuits
    without a gate layer go into a job of their own; both ids and the learned layers are
    stored before any result is awaited, and resume fetches both jobs: no new learning, no
    new submission. The service's job store is this process's dictionary of jobs."""
    pytest.importorskip("qiskit_noise_learning")
    import numpy as np
    from qiskit import QuantumCircuit
    from qiskit.quantum_info import SparsePauliOp

    from qbcircuit.run import resume_run, start_estimator_run

    service = {}
    submit = Executor._run_estimator

    def kept(self, *args):
        job = submit(self, *args)
        service[job.job_id()] = job
        return job

    monkeypatch.setattr(Executor, "keeps_jobs", property(lambda self: True))
    monkeypatch.setattr(Executor, "seeds_per_job", property(lambda self: False))
    monkeypatch.setattr(Executor, "_run_estimator", kept)
    monkeypatch.setattr(Executor, "retrieve", lambda self, job_id: service[job_id])
    prepared = QuantumCircuit(2)
    prepared.x(1)
    entangled = QuantumCircuit(2)
    entangled.ry(1.1, 0)
    entangled.cx(0, 1)
    zz = SparsePauliOp("ZZ")
    profile = load_profile("ibm-local-manila").replace(pec_mitigation=True, learning_randomizations=4,
                                                       learning_depths=(0, 1, 2, 4))

    class Crash(Exception):
        pass

    def crash(b):
        if b == 1:
            raise Crash

    with pytest.raises(Crash):
        start_estimator_run([prepared, entangled], [zz, zz], profile, tmp_path / "pec", levels=(0, 1), shots=4000,
                            seed=5, after_submit=crash)
    record = RunFolder(tmp_path / "pec").read_job(1)
    assert record["mitigation"] == "readout+pec" and len(record["job_ids"]) == 2
    assert record["job_id"] == record["job_ids"][0] and set(record["job_ids"]) <= set(service)
    assert len(record["learning"]["layers"]) == 1

    monkeypatch.setattr(Executor, "_run_estimator", lambda *a: pytest.fail("resume must fetch, not resubmit"))
    monkeypatch.setattr(Executor, "learn_layer_noise", lambda *a: pytest.fail("resume must not learn again"))
    run = resume_run(tmp_path / "pec")
    assert run.complete
    values = run.values("readout+pec")
    assert values[0]["evs"] == pytest.approx(-1.0, abs=0.05)  # |10>: ZZ = -1 (TREX alone)
    assert abs(values[1]["evs"] - 1.0) < 4 * values[1]["stds"] + 0.02  # cos|00> + sin|11>: ZZ = 1
    assert np.isfinite(run.values("raw")[1]["evs"])
