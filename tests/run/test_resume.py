"""Nothing is lost: an interrupted run resumes to exactly the counts of an uninterrupted one."""

import json
import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from qbcircuit.cli.main import main
from qbcircuit.run import Executor, RunPlan, load_profile, load_run, resume_run, start_run
from tests.run.helpers import rabi_circuits

THETAS = [0.1, 0.4, 0.7, 1.0, 1.3]


def _profile():
    return load_profile("aer-noisy").replace(max_circuits_per_batch=2, shots=2000, seed=21)


class Crash(Exception):
    pass


def test_interrupted_run_resumes_to_the_same_counts_without_rerunning_batches(tmp_path, monkeypatch):
    reference = start_run(RunPlan(rabi_circuits(THETAS)), _profile(), tmp_path / "whole", readout_mitigation=True)

    def crash_after_first(b):
        if b == 0:
            raise Crash

    with pytest.raises(Crash):
        start_run(RunPlan(rabi_circuits(THETAS)), _profile(), tmp_path / "cut", readout_mitigation=True,
                  after_batch=crash_after_first)
    partial = load_run(tmp_path / "cut")
    assert not partial.complete and len(partial.counts) == 4  # 2 circuits + their 2 calibration circuits
    with pytest.raises(ValueError, match="incomplete; finish it with `qbc resume"):
        partial.distribution(4)

    submitted = []
    original = Executor.submit
    monkeypatch.setattr(Executor, "submit", lambda self, c, s, seed: submitted.append(seed) or original(self, c, s, seed))
    resumed = resume_run(tmp_path / "cut")
    assert submitted == [22, 23]  # batches 1-2 of 3 (5 circuits, 2 per batch, each with 2 readout), own seeds
    assert resumed.complete and resumed.counts == reference.counts
    assert resumed.manifest["status"] == "complete"


def test_killed_process_resumes_from_the_command_line(tmp_path, capsys):
    """A subprocess is killed (SIGKILL, no cleanup) after its first batch; `qbc resume` finishes it."""
    run_dir = tmp_path / "killed"
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {os.getcwd()!r})
        from qbcircuit.run import RunPlan, load_profile, start_run
        from tests.run.helpers import rabi_circuits
        profile = load_profile("aer-noisy").replace(max_circuits_per_batch=2, shots=2000, seed=21)
        start_run(RunPlan(rabi_circuits({THETAS!r})), profile, {str(run_dir)!r},
                  after_batch=lambda b: os.kill(os.getpid(), signal.SIGKILL))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL
    assert len(load_run(run_dir).counts) == 2
    assert main(["resume", str(run_dir)]) == 0
    assert "3 circuits run now, 2 kept from before" in capsys.readouterr().out
    reference = start_run(RunPlan(rabi_circuits(THETAS)), _profile(), tmp_path / "whole")
    assert load_run(run_dir).counts == reference.counts


def test_a_run_folder_is_never_overwritten(tmp_path):
    start_run(RunPlan(rabi_circuits([0.2])), _profile(), tmp_path / "r")
    with pytest.raises(ValueError, match="already holds a run"):
        start_run(RunPlan(rabi_circuits([0.2])), _profile(), tmp_path / "r")


def test_run_folder_records_inputs_versions_and_statistics(tmp_path):
    run = start_run(RunPlan(rabi_circuits([0.2]), inputs={"model": "rabi"}), _profile(), tmp_path / "r", zne_factors=[1, 3])
    manifest = json.loads((tmp_path / "r" / "run.json").read_text())
    assert manifest["inputs"] == {"model": "rabi"} and manifest["seed"] == 21
    assert {"qiskit", "qiskit-aer", "qiskit-ibm-runtime", "qutip"} <= manifest["versions"].keys()
    assert manifest["profile"]["calibration"] == "transmon-4q-example"
    assert run.circuit_statistics(0)["measurements"] == 1
    assert run.mitigations() == ["raw", "zne"]


def test_every_batch_carries_the_readout_calibration_of_its_own_qubits(tmp_path):
    run = start_run(RunPlan(rabi_circuits(THETAS)), _profile(), tmp_path / "r", readout_mitigation=True, zne_factors=[1, 3])
    info = run.info
    for b, members in enumerate(run.manifest["batches"]):
        roles = [info[i]["role"] for i in members]
        assert roles[-2:] == ["readout-0", "readout-1"] and roles.count("circuit") >= 1
        measured = sorted({q for i in members if info[i]["role"] == "circuit" for q in info[i]["physical"]})
        assert info[members[-1]]["physical"] == measured
        # a circuit's foldings share its batch
        logical = {info[i]["logical"] for i in members if info[i]["role"] == "circuit"}
        assert all(info[i]["batch"] == b for i, e in enumerate(info) if e["logical"] in logical)
    # each batch's calibration is what its circuits are mitigated with: the matrices differ
    # between batches (sampled separately) and each inverts to its own counts
    first, last = run.assignment_matrices(0), run.assignment_matrices(len(run.manifest["batches"]) - 1)
    assert first.keys() == last.keys() and any(not np.array_equal(first[q], last[q]) for q in first)
