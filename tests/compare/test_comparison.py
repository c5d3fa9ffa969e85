"""Compare: deviations and their split, the report files, and the chain on a real model."""

import json

import numpy as np
import pytest

from qbcircuit.cli.main import main
from qbcircuit.compare import Comparison, compare_run, deviation
from qbcircuit.run import RunPlan, load_profile, start_run
from qbcircuit.run.ideal import ideal_distributions
from qbcircuit.run.store import RunFolder
from tests.run.helpers import rabi_circuits, rabi_energy, rabi_exact


def test_deviation_skips_undefined_points():
    assert deviation([None, 1.0, 2.0], [0.0, 1.5, 1.0]) == {"max": 1.0, "mean": 0.75}


def test_split_into_trotter_and_noise():
    times = np.array([0.0, 1.0, 2.0])
    c = Comparison("toy", {}, "test", ["energy"], {"energy": "w"}, times,
                   exact={"energy": np.array([0.0, 1.0, 2.0])},
                   measured={"raw": {"energy": np.array([0.0, 1.3, 2.5]), "energy_stderr": np.array([0.0, 0.1, 0.1])}},
                   ideal={"energy": np.array([0.0, 1.1, 2.2])})
    report = c.to_dict()
    assert report["deviation"]["max"] == pytest.approx(0.5)
    assert report["trotter_error"]["max"] == pytest.approx(0.2)
    assert report["noise_error"]["max"] == pytest.approx(0.3)
    assert report["noise_error"]["mean"] == pytest.approx(0.5 / 3)
    assert "Trotter error max 0.2" in c.text()


def _rabi_run_folder(tmp_path):
    """A Rabi battery run on aer-noisy with readout mitigation, analysed as the chain does it."""
    thetas = np.linspace(0, np.pi / 2, 6)
    times = thetas  # H = X/2 per unit time: theta = t
    run = start_run(RunPlan(rabi_circuits(thetas), inputs={"model": "rabi", "parameters": {"omega": 1.0}}),
                    load_profile("aer-noisy"), tmp_path / "rabi", shots=8000, readout_mitigation=True)
    measured = {}
    for v in run.mitigations():
        values = [rabi_energy(run.distribution(i, v)) for i in range(len(thetas))]
        measured[v] = {"energy": [m for m, _ in values], "energy_stderr": [s for _, s in values]}
    ideal = [rabi_energy(d)[0] for d in ideal_distributions(rabi_circuits(thetas))]
    folder = RunFolder(run.path)
    folder.write("results.json", {"mode": "time_series", "keys": ["energy"], "units": {"energy": "omega", "time": "1/omega"},
                                  "times": times.tolist(), "measured": measured, "ideal": {"energy": ideal}})
    folder.write("exact.json", {"times": times.tolist(), "energy": rabi_exact(thetas).tolist()})
    return run.path, thetas, ideal


def test_report_files_and_mitigation_effect_from_a_run_folder(tmp_path, capsys):
    path, thetas, ideal = _rabi_run_folder(tmp_path)
    assert np.allclose(ideal, rabi_exact(thetas), atol=1e-12)  # the circuit is exact: no Trotter error
    report = compare_run(path)
    assert report["trotter_error"]["max"] < 1e-12
    assert report["measured_variant"] == "readout"
    raw, mitigated = (report["mitigation"][v]["deviation"]["energy"]["max"] for v in ("raw", "readout"))
    assert mitigated < raw
    assert report["deviation"]["max"] == pytest.approx(report["noise_error"]["max"])
    assert (path / "compare.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "readout" in (path / "report.txt").read_text()
    assert main(["compare", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["deviation"]["key"] == "energy"


def test_compare_on_a_folder_that_is_not_a_run_is_one_line(tmp_path, capsys):
    assert main(["compare", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is not a run folder" in err and err.count("\n") == 1


def test_backends_lists_every_profile(capsys):
    assert main(["backends"]) == 0
    out = capsys.readouterr().out
    for name in ("aer-ideal", "aer-density", "aer-noisy", "fake-manila", "ibm-torino", "ibm-local-manila"):
        assert name in out
