"""`qbc run ... --dry-run --json`: the preflight's fields, nothing submitted, and its predicted
noise error against the deviation the noisy run then measures (two models)."""

import json

import pytest

from qbcircuit.cli.main import main
from qbcircuit.run import Executor

CASES = {
    "spin-charger": (["spin-charger", "-p", "M=1", "-p", "N=1", "-p", "g=1", "--t-final", "1.5", "--points", "4",
                      "--dt", "0.25"], "ibm-local-manila", "energy"),
    "star-network": (["star-network", "-p", "N=2", "--steady-state", "--steps", "12"], "ibm-local-torino", "energy"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_dry_run_prints_the_preflight_and_predicts_the_noise_error_within_a_factor_2(name, tmp_path, capsys, monkeypatch):
    args, backend, figure = CASES[name]
    monkeypatch.setattr(Executor, "submit", lambda *a: pytest.fail("a dry run submits nothing"))
    assert main(["run", *args, "--backend", backend, "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["submitted"] is False and not (tmp_path / "runs").exists()
    for row in report["circuits"]:
        assert {"label", "layout", "qubits", "two_qubit_gates", "depth", "duration_s", "fidelity"} <= row.keys()
        assert 0 < row["fidelity"] <= 1 and row["duration_s"] > 0 and set(row["layout"]) <= set(row["qubits"])
    total = report["total"]
    assert total["circuits"] == len(report["circuits"]) and total["two_qubit_gates"] > 0
    assert total["min_fidelity"] == min(r["fidelity"] for r in report["circuits"])
    predicted = report["predicted"]["figures"][figure]
    assert {"noise_error", "trotter_error"} <= predicted.keys()

    monkeypatch.undo()
    out = tmp_path / "measured"
    assert main(["run", *args, "--backend", backend, "--shots", "20000", "--json", "--out", str(out)]) == 0
    measured = json.loads(capsys.readouterr().out)
    noise = measured["noise_error"]["by_key"][figure]["max"]
    assert predicted["noise_error"] / 2 <= noise <= 2 * predicted["noise_error"]
    # the layout the preflight reported is the one the run used
    manifest = json.loads((out / "run.json").read_text())
    assert manifest["device_qubits"] == total["qubits"]


def test_a_profile_combining_options_the_runtime_refuses_is_one_line_before_anything_runs(capsys):
    code = main(["run", "spin-charger", "-p", "M=1", "-p", "N=1", "--t-final", "1", "--backend", "ibm-local-torino",
                 "--fractional-gates", "--resilience-level", "3", "--dry-run"])
    err = capsys.readouterr().err
    assert code == 2 and "--resilience-level must be 0, 1 or 2" in err and err.count("\n") == 1


@pytest.mark.parametrize("extra, message", [
    ([], "--pec goes with route = 'estimator'"),
    (["--route", "estimator", "--fractional-gates"], "fractional_gates cannot go with pec_mitigation"),
])
def test_pec_on_the_command_line_is_refused_in_one_line_where_the_runtime_cannot_do_it(extra, message, capsys):
    code = main(["run", "spin-charger", "-p", "M=1", "-p", "N=1", "--t-final", "1", "--backend", "ibm-local-torino",
                 "--pec", *extra, "--dry-run"])
    err = capsys.readouterr().err
    assert code == 2 and message in err and err.count("\n") == 1
