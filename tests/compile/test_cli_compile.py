"""qbc compile: statistics as JSON, OpenQASM 3 on request, one-line errors."""

import json

import pytest

from tests.cli.helpers import run


def test_json_statistics_of_the_star_unitary_part(capsys):
    code, out, _ = run(capsys, "compile", "star-network", "-p", "N=4", "--unitary-only", "--t-final", "2",
                       "--trotter-steps", "3", "--order", "1", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["num_qubits"] == 4 and data["two_qubit_layers"] == 3 and data["bonds"] == 3
    assert data["two_qubit_gates_per_step"] == 3 and data["two_qubit_gates"] == 9
    assert data["depth"] > 0


def test_backend_and_qasm(capsys, tmp_path):
    path = tmp_path / "star.qasm"
    code, out, _ = run(capsys, "compile", "star-network", "-p", "N=3", "--unitary-only", "--t-final", "1",
                       "--trotter-steps", "2", "--backend", "fake_manila", "--qasm", str(path), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["device"]["backend"] == "fake_manila" and data["two_qubit_gates"] == data["device"]["operations"]["cx"]
    text = path.read_text()
    assert text.startswith("OPENQASM 3.0;") and "cx" in text


def test_tolerance_prints_the_choice(capsys):
    code, out, _ = run(capsys, "compile", "star-network", "-p", "N=2", "-p", "J=1", "--unitary-only",
                       "--t-final", "1", "--tolerance", "1e-3", "--order", "2")
    assert code == 0 and out.startswith("chosen: ") and "two_qubit_gates_per_step" in out


@pytest.mark.parametrize("argv, message", [
    (["--t-final", "1", "--tolerance", "1e-3"], "open models need --trotter-steps"),
    (["--t-final", "1", "--trotter-steps", "2", "--backend", "fake_manila"], "not available for open models"),
    (["--unitary-only", "--t-final", "1", "--trotter-steps", "2", "--order", "3"], "--order"),
    (["--unitary-only", "--t-final", "-1", "--trotter-steps", "2"], "--t-final"),
    (["--unitary-only", "--t-final", "1", "--trotter-steps", "0"], "--trotter-steps"),
    (["--unitary-only", "--t-final", "1", "--trotter-steps", "2", "--backend", "nowhere"], "fake IBM device"),
])
def test_mistakes_exit_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, "compile", "star-network", *argv)
    assert code == 2 and message in err and err.count("\n") == 1


def test_open_model_compiles_to_collision_circuits(capsys):
    # Local baths of the N = 3 star: one exchange gadget per qubit, each with an ancilla and
    # a purifying qubit (2 x 3 ancillas), reset every step (tests/compile/dissipation).
    code, out, _ = run(capsys, "compile", "star-network", "--t-final", "1", "--trotter-steps", "2", "--order", "1", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["num_qubits"] == 9 and data["system_qubits"] == 3 and data["resets_per_step"] == 6
