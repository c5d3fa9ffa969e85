"""The chain plan -> run -> exact -> estimate -> compare on the spin charger (seed 001), in memory.

Each column of the result is checked against an independent computation:
* exact: ``qbcircuit.reference.time_series`` of the model, called here;
* ideal circuit: the statevectors of the compiled circuits (``compile_times``), their
  battery states' energy and ergotropy computed here with ``qbcircuit.metrics``;
* measured (aer-ideal, shot noise only): within 4 standard errors of the ideal circuit at
  every point, so the noise error is within a few standard errors of 0.
"""

import glob
import tempfile

import numpy as np
import pytest
from qiskit.quantum_info import Statevector

import qbcircuit.pipeline as pipeline
from qbcircuit.cli.main import main
from qbcircuit.compile import compile_times
from qbcircuit.metrics import energy, ergotropy, partial_trace
from qbcircuit.models import build_model
from qbcircuit.reference import time_series
from qbcircuit.results import load
from qbcircuit.run import load_run

TIMES = np.linspace(0, 4, 5)
DT, ORDER, SHOTS = 0.1, 2, 8000


@pytest.fixture(scope="module")
def model():
    return build_model("spin-charger", M=2, N=2)


@pytest.fixture(scope="module")
def result(model):
    before = set(glob.glob(f"{tempfile.gettempdir()}/qbc-run-*"))
    res = pipeline.run(model, "aer-ideal", TIMES, dt=DT, order=ORDER, shots=SHOTS, seed=3)
    assert set(glob.glob(f"{tempfile.gettempdir()}/qbc-run-*")) == before  # nothing left behind
    return res


def test_exact_column_is_the_reference_time_series(model, result):
    ref = time_series(model, TIMES)
    for key in ("energy", "ergotropy", "power", "battery_energy"):
        assert np.allclose(result.exact[key], ref.series[key], atol=1e-12, equal_nan=True), key
    assert result.exact["energy_max"] == pytest.approx(ref.maxima["energy"][1], abs=1e-12)


def test_ideal_column_is_the_statevector_of_the_compiled_circuits(model, result):
    h = model.battery_hamiltonian.to_matrix()
    e0 = model.initial_battery_energy()
    energies, ergos = [], []
    for evo in compile_times(model, list(TIMES), DT, ORDER):
        rho = 0
        for c in evo.components:
            psi = Statevector(c.circuit).data
            rho = rho + c.weight * partial_trace(np.outer(psi, psi.conj()), model.battery_qubits, model.num_qubits)
        energies.append(energy(rho, h) - e0)
        ergos.append(ergotropy(rho, h))
    assert np.allclose(result.ideal["energy"], energies, atol=1e-9)
    assert np.allclose(result.ideal["ergotropy"], ergos, atol=1e-9)
    # second order at dt = 0.1: the circuit follows the exact curve closely, but not exactly
    trotter = np.max(np.abs(np.array(energies) - result.exact["energy"]))
    assert result.trotter_error["max"] == pytest.approx(trotter, abs=1e-9)
    assert 1e-7 < trotter < 5e-3 * np.max(result.exact["energy"]) + 5e-3


def test_aer_ideal_noise_error_is_shot_noise(result):
    for key in ("energy", "ergotropy", "battery_energy"):
        measured, stderr, ideal = result.measured[key], result.measured[f"{key}_stderr"], result.ideal[key]
        assert np.all(stderr[1:] > 0)
        assert np.all(np.abs(measured - ideal) <= 4 * stderr + 1e-12), key
    assert result.noise_error["max"] <= 4 * np.max(result.measured["energy_stderr"])
    assert result.deviation["key"] == "energy" and result.variant == "raw"


def test_result_object_reads_like_the_report(model, result):
    report = result.to_dict()
    assert report["run_dir"] is None and result.run_dir is None
    assert np.array_equal(result.times, TIMES) and result.units["energy"] == model.energy_unit
    assert result.circuit["num_qubits"] == 4 and result.circuit["transpiled_two_qubit_gates"] > 0
    text = repr(result)
    assert "spin-charger" in text and "'aer-ideal'" in text and f"energy max {result.deviation['max']:.6g} omega0" in text
    fig = result.plot()
    assert len(fig.axes) == len(report["deviation"]["by_key"])


def test_saved_in_memory_run_is_a_run_folder(result, tmp_path, capsys):
    path = result.save(tmp_path / "r")
    loaded = load(path)
    assert isinstance(loaded, pipeline.RunResult) and loaded.run_dir == path
    assert {k: v for k, v in loaded.to_dict().items() if k != "run_dir"} == \
        {k: v for k, v in result.to_dict().items() if k != "run_dir"}
    assert loaded.to_dict()["run_dir"] == str(path)
    assert load_run(path).complete
    # qbc resume of the complete run analyses it again and changes no number
    assert main(["resume", str(path)]) == 0
    again = pipeline.RunResult.load(path).to_dict()
    assert again["measured"] == loaded.to_dict()["measured"] and again["exact"] == loaded.to_dict()["exact"]
    with pytest.raises(ValueError, match="already holds a run"):
        result.save(path)
    # the report alone, as one tagged JSON file
    single = load(result.save(tmp_path / "report.json"))
    assert single.deviation == result.deviation and single.run_dir is None


def test_run_with_out_writes_the_folder_and_resume_finishes_it(model, tmp_path):
    out = tmp_path / "run"
    res = pipeline.run(model, "aer-ideal", [0.0, 0.5], dt=0.25, shots=200, seed=5, out=out)
    assert res.run_dir == out and (out / "report.json").is_file() and (out / "compare.png").is_file()
    # cut the run short: drop its counts and analysis, resume
    for name in ("report.json", "results.json"):
        (out / name).unlink()
    for f in (out / "counts").glob("*.json"):
        f.unlink()
    resumed = pipeline.resume(out)
    assert resumed.to_dict()["measured"] == res.to_dict()["measured"]  # seeded Aer: the same counts
    with pytest.raises(ValueError, match="already holds a run"):
        pipeline.run(model, "aer-ideal", [0.0, 0.5], dt=0.25, out=out)
