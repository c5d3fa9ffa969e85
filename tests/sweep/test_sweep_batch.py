"""A circuit sweep on an IBM device submits every point's jobs into one runtime Batch before
any result is awaited, and its points then collect their jobs by id (issue 14); ``qbc run
--no-wait`` leaves a run submitted for ``qbc resume``.

Local testing mode (``ibm-local-manila``) keeps no jobs, so the IBM service's job store is
stood in for: ``Executor.keeps_jobs`` is made True and ``Executor.retrieve`` hands back the
job object submitted under that id (in this process). What is tested is the order of events
and what the points collect, not the service.

Model: seed 001's spin charger with one cell and one charger (M = N = 1): the cell's
energy is W(t) = omega0 sin^2(t) (t in 1/g, so g only sets the unit), a Bernoulli trial per shot.
"""

import math

import numpy as np
import pytest

from qbcircuit.cli.main import main
from qbcircuit.run import Executor
from qbcircuit.run.store import RunFolder
from qbcircuit.sweep import SweepStore, read_table

SHOTS = 300


@pytest.fixture
def job_store(monkeypatch):
    """A stand-in for the IBM service's job store, and a log of what happened in which order."""
    from qiskit_ibm_runtime import Batch

    jobs, events, modes, batches = {}, [], [], []
    submit, counts, write_job = Executor.submit, Executor.counts, RunFolder.write_job
    init = Batch.__init__

    def counting_init(self, *args, **kwargs):
        batches.append(self)
        init(self, *args, **kwargs)

    def logged_submit(self, circuits, shots, seed):
        modes.append(self._mode)
        job = submit(self, circuits, shots, seed)
        jobs[job.job_id()] = job
        return job

    def retrieve(self, job_id):
        events.append(("fetched", job_id))
        return jobs[job_id]

    def logged_counts(job):
        events.append(("result awaited", job.job_id()))
        return counts(job)

    def logged_write_job(self, index, record):
        events.append(("job id written", record["job_id"]))
        return write_job(self, index, record)

    monkeypatch.setattr(Batch, "__init__", counting_init)
    monkeypatch.setattr(Executor, "keeps_jobs", property(lambda self: True))
    monkeypatch.setattr(Executor, "submit", logged_submit)
    monkeypatch.setattr(Executor, "retrieve", retrieve)
    monkeypatch.setattr(Executor, "counts", staticmethod(logged_counts))
    monkeypatch.setattr(RunFolder, "write_job", logged_write_job)
    return {"jobs": jobs, "events": events, "modes": modes, "batches": batches}


def test_a_circuit_sweep_submits_every_point_into_one_batch_before_any_result(tmp_path, job_store):
    from qiskit_ibm_runtime import Batch

    out = tmp_path / "sweep"
    code = main(["sweep", "spin-charger", "-p", "M=1", "-p", "N=1", "-p", "g=0.5,1", "--backend", "ibm-local-manila",
                 "--t-final", "1.5", "--points", "2", "--dt", "0.75", "--shots", str(SHOTS), "--seed", "11",
                 "--executor", "serial", "--quiet", "--out", str(out)])
    assert code == 0
    rows = read_table(out)
    assert [row["status"] for row in rows] == ["ok", "ok"]

    events = job_store["events"]
    kinds = [kind for kind, _ in events]
    written = kinds.count("job id written")
    assert written >= 2  # at least one job per point
    # every job of every point is in flight before the first result is awaited ...
    assert kinds[:written] == ["job id written"] * written
    # ... all in one runtime Batch, opened once for the whole sweep
    assert len(job_store["batches"]) == 1
    assert all(isinstance(m, Batch) for m in job_store["modes"]) and len({id(m) for m in job_store["modes"]}) == 1
    # the points collected the jobs stored in their own folders, each once, none submitted again
    stored = {RunFolder(out / row["run"]).read_job(b)["job_id"]
              for row in rows for b in range(len(RunFolder(out / row["run"]).read_manifest()["batches"]))}
    assert stored == set(job_store["jobs"]) and len(stored) == written
    assert sorted(i for kind, i in events if kind == "fetched") == sorted(stored)

    # what they measured is the charger's exchange, W = sin^2(t), within shot noise and the
    # device's noise (raw counts on fake_manila: readout error of a few per cent)
    store = SweepStore.open(out)
    for index, row in enumerate(rows):
        detail = store.records()[index]["detail"]
        t = detail["times"][-1]
        exact = math.sin(t) ** 2
        assert detail["exact"]["energy"][-1] == pytest.approx(exact, abs=1e-6)
        measured, se = detail["measured"]["energy"][-1], detail["measured"]["energy_stderr"][-1]
        assert abs(measured - exact) < 4 * se + 0.08


def test_the_points_seeds_and_counts_are_those_of_runs_made_one_by_one(tmp_path, job_store):
    """Submitting first changes when the jobs run, not what they are: each point's counts equal
    those of the same run made on its own with the point's seed (seed + 1000 i)."""
    from qbcircuit import pipeline
    from qbcircuit.models import build_model
    from qbcircuit.sweep.circuit_points import point_seed

    out = tmp_path / "sweep"
    assert main(["sweep", "spin-charger", "-p", "M=1", "-p", "N=1", "-p", "g=0.5,1", "--backend", "ibm-local-manila",
                 "--t-final", "1.5", "--points", "2", "--dt", "0.75", "--shots", str(SHOTS), "--seed", "11",
                 "--executor", "serial", "--quiet", "--out", str(out)]) == 0
    for index, row in enumerate(read_table(out)):
        alone = tmp_path / f"alone-{index}"
        pipeline.run(build_model("spin-charger", M=1, N=1, g=row["g"]), "ibm-local-manila", np.linspace(0, 1.5, 2),
                     shots=SHOTS, seed=point_seed(11, index), dt=0.75, out=alone)
        swept, single = RunFolder(out / row["run"]), RunFolder(alone)
        batches = len(single.read_manifest()["batches"])
        assert [swept.read_counts(b)["counts"] for b in range(batches)] == \
            [single.read_counts(b)["counts"] for b in range(batches)]


def test_no_wait_leaves_the_run_submitted_and_resume_collects_it(tmp_path, job_store, capsys):
    import json

    out = tmp_path / "run"
    code = main(["run", "spin-charger", "-p", "M=1", "-p", "N=1", "--backend", "ibm-local-manila", "--t-final", "1.5",
                 "--points", "2", "--dt", "0.75", "--shots", str(SHOTS), "--seed", "3", "--no-wait", "--json",
                 "--out", str(out)])
    assert code == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["status"] == "submitted" and printed["job_ids"] == list(job_store["jobs"])
    assert not (out / "report.json").exists() and "result awaited" not in [k for k, _ in job_store["events"]]
    assert main(["resume", str(out), "--quiet"]) == 0
    report = json.loads((out / "report.json").read_text())
    exact = math.sin(1.5) ** 2
    assert report["exact"]["energy"][-1] == pytest.approx(exact, abs=1e-6)
    assert sorted(i for kind, i in job_store["events"] if kind == "fetched") == sorted(printed["job_ids"])


def test_no_wait_on_aer_finishes_the_run(tmp_path):
    """Aer keeps no jobs for a later process: --no-wait has nothing to leave behind."""
    out = tmp_path / "run"
    assert main(["run", "spin-charger", "-p", "M=1", "-p", "N=1", "--backend", "aer-ideal", "--t-final", "1",
                 "--points", "2", "--no-wait", "--quiet", "--out", str(out)]) == 0
    assert (out / "report.json").is_file()


def test_no_wait_needs_a_run_folder_in_python():
    from qbcircuit import pipeline
    from qbcircuit.models import build_model

    with pytest.raises(ValueError, match="wait"):
        pipeline.run(build_model("spin-charger", M=1, N=1), "aer-ideal", [0.0, 1.0], wait=False)
