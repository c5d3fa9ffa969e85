import pytest

import json

from qbcircuit.cli.main import main


def test_qbc_pulse_prints_json_and_writes_files(tmp_path, capsys):
    code = main(["pulse", "single-cell", "--envelope", "gaussian", "--json", "--points", "11",
                 "--plot", str(tmp_path / "s.png"), "--qasm", str(tmp_path / "s.qasm")])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["final"]["within_budget"] and abs(data["final"]["exact_energy"] - 1) < 1e-9
    assert {"energy", "ergotropy", "leakage", "exact_energy", "budget", "times_ns"} <= set(data)
    assert (tmp_path / "s.png").stat().st_size > 1000 and "OPENQASM 3" in (tmp_path / "s.qasm").read_text()


def test_qbc_pulse_mistakes_exit_2(capsys):
    assert main(["pulse", "single-cell", "-p", "Omega=3"]) == 2
    assert main(["pulse", "single-cell", "--device", "nope"]) == 2
    assert main(["pulse", "star-network"]) == 2
    err = capsys.readouterr().err
    assert "Omega" in err and "no calibration snapshot" in err and "--t-final" in err


def test_qbc_calibrate_bad_qubits_exit_2(capsys):
    assert main(["calibrate", "transmon-4q-example", "--qubits", "7"]) == 2
    assert "--qubits must be in [0, 3]" in capsys.readouterr().err


def test_gate_level_column_for_a_closed_model(capsys):
    # Spin charger M = N = 1 (E = omega0 sin^2(g t); times in 1/g) at g t = pi/2: full. The gate
    # route (Trotter circuit -> calibrated pulses) must reach it too; a lab-frame drive
    # (single-cell) is declined with its reason, the rest of the output kept.
    import json

    from qbcircuit.cli.main import main

    code = main(["pulse", "spin-charger", "-p", "M=1", "-p", "N=1", "--device", "transmon-4q-example-calibrated",
                 "--t-final", str(3.14159265 / 2), "--points", "11", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    gate = data["gate_level"]
    assert gate["energy"] == pytest.approx(1.0, abs=1e-3) and gate["leakage"] < 1e-6
    code = main(["pulse", "single-cell", "-p", "Omega=0.05", "--points", "5", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and "time-dependent drive" in data["gate_level"]["not_available"]
