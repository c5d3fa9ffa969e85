"""The estimator route: the runtime's executor Estimator (TREX, gate-folding ZNE, twirling,
PEC with a learned layer noise model) on a noisy fake device in local testing mode, beside
its unmitigated values."""

import json

import numpy as np
import pytest

import qbcircuit as qbc
from qbcircuit.pipeline import run
from qbcircuit.run.profiles import load_profile

TIMES = np.linspace(0.0, 1.5, 4)


@pytest.fixture(scope="module")
def charger_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("estimator") / "charger"
    model = qbc.build_model("spin-charger", M=1, N=1, g=1.0)
    result = run(model, "ibm-local-manila", TIMES, shots=20000, seed=3, dt=0.25, route="estimator",
                 levels=(0, 1, 2), out=out)
    return result, out


def test_resilience_levels_1_and_2_reduce_the_energy_deviation_from_exact(charger_run):
    result, _ = charger_run
    report = result.to_dict()
    deviation = {v: report["mitigation"][v]["deviation"]["energy"]["max"] for v in ("raw", "readout", "readout+zne")}
    # fake_manila: ~2-3% readout error and 1e-2 CX errors; level 1 (TREX) removes the readout
    # part, level 2 (TREX + ZNE) most of the gate part too
    assert deviation["readout"] < deviation["raw"]
    assert deviation["readout+zne"] < deviation["raw"]
    assert deviation["readout+zne"] < 0.5 * deviation["readout"]


def test_the_run_folder_keeps_raw_values_per_noise_factor_and_the_report_shows_every_level(charger_run):
    result, out = charger_run
    jobs = [json.loads((out / "jobs" / f"batch-{b:04d}.json").read_text()) for b in range(3)]
    assert [j["resilience_level"] for j in jobs] == [0, 1, 2]
    assert [j["mitigation"] for j in jobs] == ["raw", "readout", "readout+zne"]
    level2 = json.loads((out / "counts" / "batch-0002.json").read_text())["values"]
    assert all(len(v["evs_noise_factors"]) == 3 for v in level2)  # factors 1, 3, 5
    # the noise grows with the factor: the raw values move away from the extrapolated one
    first = level2[-1]
    assert abs(first["evs_noise_factors"][2] - first["evs"]) > abs(first["evs_noise_factors"][0] - first["evs"])
    text = result.text()
    for name in ("raw", "readout", "readout+zne"):
        assert f"  {name:<12} deviation from exact" in text
    costs = [line for line in text.splitlines() if line.startswith("note: cost of")]
    assert len(costs) == 3 and all("circuits executed" in line for line in costs)
    cost = {j["mitigation"]: j["cost"] for j in jobs}
    assert cost["raw"]["circuits"] < cost["readout"]["circuits"] < cost["readout+zne"]["circuits"]


@pytest.fixture(scope="module")
def star_runs(tmp_path_factory):
    """A star network (one cell, two reservoir ancillas reset every collision) on the Heron
    fake_torino: a time series and a steady state, through the Estimator."""
    folder = tmp_path_factory.mktemp("estimator-open")
    model = qbc.build_model("star-network", N=1)
    series = run(model, "ibm-local-torino", np.linspace(0.0, 2.0, 5), dt=0.25, shots=4000, seed=3,
                 route="estimator", levels=(0, 1), out=folder / "series")
    steady = run(model, "ibm-local-torino", steady_state=True, steps=8, shots=4000, seed=3, route="estimator",
                 levels=(0,), out=folder / "steady")
    return series.to_dict(), steady.to_dict()


def test_open_models_collision_circuits_on_the_estimator_route_follow_the_exact_charging(star_runs):
    series, _ = star_runs
    exact = np.array(series["exact"]["energy"])  # 10 (1 - e^{-gamma t}): 0 -> 8.6
    assert exact[-1] > 8
    # H_B on the cell, identity on the ancillas: a wrong embedding misses by several units.
    # Level 0 keeps the readout bias, up to 2 p omega0 = 0.4 for p ~ 2 % on fake_torino; TREX removes it
    for variant, bias in (("raw", 0.4), ("readout", 0.0)):
        measured = series["mitigation"][variant]["measured"]
        energy, stderr = np.array(measured["energy"]), np.array(measured["energy_stderr"])
        assert np.all(np.abs(energy - exact) < 4 * stderr + bias + 0.05), (variant, energy, exact)


def test_an_open_models_steady_state_runs_on_the_estimator_route(star_runs):
    _, steady = star_runs
    exact = steady["exact"]["energy"]
    measured = steady["mitigation"]["raw"]["measured"]
    assert exact == pytest.approx(10.0, abs=1e-3)  # the cell fully charged by the hot reservoir
    assert abs(measured["energy"] - exact) < 4 * measured["energy_stderr"] + 0.4 + 0.05  # + readout bias


@pytest.fixture(scope="module")
def pec_run(tmp_path_factory):
    pytest.importorskip("qiskit_noise_learning")  # the pec extra (in the test extra: CI runs it)
    out = tmp_path_factory.mktemp("estimator-pec") / "charger"
    model = qbc.build_model("spin-charger", M=1, N=1, g=1.0)
    # a lighter learner than the runtime's default (8 randomisations, depths to 8): same rates here
    profile = load_profile("ibm-local-manila").replace(pec_mitigation=True, learning_randomizations=8,
                                                       learning_depths=(0, 1, 2, 4, 8))
    result = run(model, profile, TIMES, shots=20000, seed=3, dt=0.25, route="estimator", levels=(0, 1), out=out)
    return result, out


def test_pec_with_the_learned_layer_noise_removes_most_of_the_gate_error_trex_leaves(pec_run, charger_run):
    result, _ = pec_run
    pec = result.to_dict()["mitigation"]
    trex = charger_run[0].to_dict()["mitigation"]["readout"]  # the same circuits, device and shots
    assert set(pec) == {"raw", "readout+pec"}
    # fake_manila: TREX leaves the CX errors (~0.09 of omega0 here); PEC cancels them, at
    # the price of a larger standard error (about 0.005)
    assert pec["readout+pec"]["deviation"]["energy"]["max"] < 0.5 * trex["deviation"]["energy"]["max"]
    assert pec["readout+pec"]["deviation"]["energy"]["max"] < 0.25 * pec["raw"]["deviation"]["energy"]["max"]


def test_pec_records_the_learned_layers_and_reports_the_learning_cost(pec_run):
    result, out = pec_run
    job = json.loads((out / "jobs" / "batch-0001.json").read_text())
    assert job["mitigation"] == "readout+pec" and job["options"]["pec_mitigation"]
    assert job["options"]["zne_mitigation"] is False and job["options"]["twirling_gates"] is True
    learning = job["learning"]
    assert learning["job_id"] and learning["cost"]["circuits"] > 0
    # one CX layer on the two device qubits; its sampling overhead is above 1 (noise) but small
    assert len(learning["layers"]) == 1 and sorted(learning["layers"][0]["qubits"]) == [0, 1]
    assert 1.0 < learning["layers"][0]["gamma"] < 1.5
    note = next(line for line in result.text().splitlines() if line.startswith("note: cost of readout+pec"))
    assert "noise learning of 1 gate layer(s)" in note


def test_pec_on_collision_circuits_is_refused_before_anything_is_written(tmp_path):
    pytest.importorskip("qiskit_noise_learning")
    model = qbc.build_model("star-network", N=1)
    profile = load_profile("ibm-local-torino").replace(pec_mitigation=True)
    with pytest.raises(ValueError, match="cannot learn the layers of circuits with mid-circuit resets"):
        run(model, profile, steady_state=True, steps=4, route="estimator", out=tmp_path / "run")
    assert not (tmp_path / "run").exists()


def test_resume_of_a_pec_run_killed_before_its_pec_job_learns_again_and_finishes(pec_run, tmp_path):
    import shutil

    from qbcircuit.pipeline import resume

    _, out = pec_run
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    for name in ("counts/batch-0001.json", "jobs/batch-0001.json", "report.json"):
        (copy / name).unlink()
    result = resume(copy)
    job = json.loads((copy / "jobs" / "batch-0001.json").read_text())
    assert job["learning"]["layers"] and job["mitigation"] == "readout+pec"
    assert result.to_dict()["mitigation"]["readout+pec"]["deviation"]["energy"]["max"] < 0.03


def test_the_dry_run_of_the_estimator_route_lists_its_circuits_and_predicts_its_level_0(charger_run):
    """The preflight of the estimator route lists the measurement-free evolutions the Estimator
    receives, and its predicted noise error of the energy is within a factor 2 of what level 0
    then measured."""
    from qbcircuit.pipeline import make_plan
    from qbcircuit.pipeline.preflight import preflight

    model = qbc.build_model("spin-charger", M=1, N=1, g=1.0)
    report = preflight(make_plan(model, TIMES, dt=0.25), load_profile("ibm-local-manila"), route="estimator")
    assert report["route"] == "estimator" and report["submitted"] is False
    assert [r["label"] for r in report["circuits"]] == [f"t={t:g}/0" for t in TIMES]  # one per time, no bases
    assert report["circuits"][0]["two_qubit_gates"] == 0 < report["circuits"][-1]["two_qubit_gates"]
    assert set(report["predicted"]["figures"]) == {"energy", "power"}
    predicted = report["predicted"]["figures"]["energy"]["noise_error"]
    measured = charger_run[0].to_dict()["mitigation"]["raw"]["deviation"]["energy"]["max"]
    assert predicted / 2 <= measured <= 2 * predicted


def test_two_levels_with_the_same_mitigation_are_told_apart_by_their_level(tmp_path):
    """With ZNE asked for in the profile, levels 1 and 2 are both TREX + ZNE: two variants in
    the report, not one that hides the other."""
    model = qbc.build_model("spin-charger", M=1, N=1, g=1.0)
    profile = load_profile("ibm-local-manila").replace(zne_mitigation=True)
    result = run(model, profile, TIMES[:2], shots=2000, seed=4, dt=0.25, route="estimator", levels=(1, 2),
                 out=tmp_path / "same")
    variants = result.to_dict()["mitigation"]
    assert set(variants) == {"readout+zne", "readout+zne@2"}
    jobs = [json.loads((tmp_path / "same" / "jobs" / f"batch-{b:04d}.json").read_text()) for b in range(2)]
    assert [j["resilience_level"] for j in jobs] == [1, 2] and all(j["options"]["zne_mitigation"] for j in jobs)
