"""The IBM path offline: qiskit-ibm-runtime's executor Sampler in local testing mode, job ids
saved before waiting, and a missing account failing at once in one line."""

import json

import numpy as np
import pytest

from qbcircuit.cli.main import main
from qbcircuit.run import Executor, RunPlan, load_profile, load_run, resume_run, start_run
from qbcircuit.run.ibm import check_account
from tests.run.helpers import rabi_circuits, rabi_energy, rabi_exact

THETAS = [0.3, 1.1]


def test_local_testing_mode_runs_end_to_end_with_job_ids(tmp_path):
    run = start_run(RunPlan(rabi_circuits(THETAS)), load_profile("ibm-local-manila"), tmp_path / "r", shots=8000,
                    readout_mitigation=True)
    job = json.loads((tmp_path / "r" / "jobs" / "batch-0000.json").read_text())
    assert isinstance(job["job_id"], str) and len(job["job_id"]) > 8
    for i, exact in enumerate(rabi_exact(THETAS)):
        mean, se = rabi_energy(run.distribution(i, "readout"))
        # after readout mitigation only single-qubit gate error (~3e-4 per gate) remains
        assert abs(mean - exact) < 4 * se + 5e-3


def test_job_id_is_saved_before_waiting_and_resume_fetches_that_job(tmp_path, monkeypatch):
    profile = load_profile("ibm-local-manila").replace(shots=1000)
    jobs = {}
    original_submit = Executor.submit

    def submit(self, circuits, shots, seed):
        job = original_submit(self, circuits, shots, seed)
        jobs[job.job_id()] = job
        return job

    def lost_connection(job):
        raise ConnectionError("laptop closed while waiting")

    monkeypatch.setattr(Executor, "submit", submit)
    monkeypatch.setattr(Executor, "counts", staticmethod(lost_connection))
    with pytest.raises(ConnectionError):
        start_run(RunPlan(rabi_circuits(THETAS)), profile, tmp_path / "r")
    saved = json.loads((tmp_path / "r" / "jobs" / "batch-0000.json").read_text())["job_id"]
    assert saved in jobs and not (tmp_path / "r" / "counts").exists()

    fetched = []
    monkeypatch.undo()
    monkeypatch.setattr(Executor, "retrieve", lambda self, job_id: fetched.append(job_id) or jobs[job_id])
    monkeypatch.setattr(Executor, "submit", lambda *a: pytest.fail("resume must fetch the saved job, not resubmit"))
    run = resume_run(tmp_path / "r")
    assert fetched == [saved] and run.complete


def test_missing_account_is_one_line_with_how_to_save_one(tmp_path, monkeypatch):
    monkeypatch.delenv("QISKIT_IBM_TOKEN", raising=False)
    with pytest.raises(ValueError) as info:
        check_account(load_profile("ibm-torino"), filename=str(tmp_path / "no-account.json"))
    message = str(info.value)
    assert "QiskitRuntimeService.save_account(" in message and "\n" not in message


def test_qbc_run_on_an_ibm_profile_without_account_exits_2(tmp_path, monkeypatch, capsys):
    import qiskit_ibm_runtime.accounts.management as management

    monkeypatch.delenv("QISKIT_IBM_TOKEN", raising=False)
    monkeypatch.setattr(management, "_DEFAULT_ACCOUNT_CONFIG_JSON_FILE", str(tmp_path / "none.json"))
    code = main(["run", "spin-charger", "-p", "M=1", "-p", "N=1", "--t-final", "1", "--backend", "ibm-torino"])
    err = capsys.readouterr().err
    assert code == 2 and "save_account(" in err and err.count("\n") == 1


def test_a_saved_account_is_found_offline_through_the_public_api(tmp_path, monkeypatch):
    from qiskit_ibm_runtime import QiskitRuntimeService

    monkeypatch.delenv("QISKIT_IBM_TOKEN", raising=False)
    accounts = str(tmp_path / "accounts.json")
    QiskitRuntimeService.save_account(token="not-a-real-key", instance="crn:v1:test", channel="ibm_quantum_platform",
                                      filename=accounts, name="lab", set_as_default=True)
    check_account(load_profile("ibm-torino"), filename=accounts)  # the default account: found
    named = load_profile("ibm-torino").replace(account="lab")
    check_account(named, filename=accounts)
    with pytest.raises(ValueError, match="no saved account named 'elsewhere'"):
        check_account(load_profile("ibm-torino").replace(account="elsewhere"), filename=accounts)
