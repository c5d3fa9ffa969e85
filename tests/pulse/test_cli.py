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
