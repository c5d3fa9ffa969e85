"""The whole chain on a fake Heron device in the runtime's local testing mode, through a runtime
Batch: a star-network steady state (collision circuits with mid-circuit resets) and a
spin-charger time series; a device that cannot reset is refused in one line."""

import json

import numpy as np
import pytest

from qbcircuit.cli.main import main
from qbcircuit.run import Executor


@pytest.fixture
def batch_modes(monkeypatch):
    """The execution mode of every submission."""
    modes = []
    submit = Executor.submit

    def spy(self, circuits, shots, seed):
        modes.append(type(self._mode).__name__)
        return submit(self, circuits, shots, seed)

    monkeypatch.setattr(Executor, "submit", spy)
    return modes


def test_star_network_steady_state_with_resets_runs_on_heron_in_local_testing_mode(tmp_path, capsys, batch_modes):
    out = tmp_path / "star"
    code = main(["run", "star-network", "-p", "N=2", "--steady-state", "--steps", "12", "--backend", "ibm-local-torino",
                 "--shots", "2000", "--json", "--out", str(out)])
    assert code == 0 and batch_modes and set(batch_modes) == {"Batch"}
    report = json.loads(capsys.readouterr().out)
    circuit = report["circuit"]
    assert circuit["resets_per_step"] > 0 and circuit["transpiled_two_qubit_gates"] > 0
    # the dynamic circuits ran with their resets on the device's target (CZ, reset)
    stored = json.loads((out / "circuits.json").read_text())
    assert all(entry["stats"]["resets"] > 0 for entry in stored if entry["role"] == "circuit")
    exact = report["exact"]["ergotropy_ratio"]
    measured = report["measured"]["ergotropy_ratio"]
    # seed 003's steady-state ratio, measured on a noisy device: within 0.15 of exact
    assert abs(measured - exact) < 0.15
    job = json.loads((out / "jobs" / "batch-0000.json").read_text())
    assert isinstance(job["job_id"], str) and job["backend"] == "fake_torino"


def test_spin_charger_time_series_runs_on_heron_in_local_testing_mode(tmp_path, capsys, batch_modes):
    out = tmp_path / "charger"
    code = main(["run", "spin-charger", "-p", "M=1", "-p", "N=1", "--t-final", "1", "--points", "3",
                 "--backend", "ibm-local-torino", "--shots", "2000", "--json", "--out", str(out)])
    assert code == 0 and set(batch_modes) == {"Batch"}
    report = json.loads(capsys.readouterr().out)
    energy = np.asarray(report["measured"]["energy"])
    exact = np.asarray(report["exact"]["energy"])
    assert energy.shape == exact.shape and np.abs(energy - exact).max() < 0.2 * np.abs(exact).max()


def _target_without_reset():
    from qiskit_ibm_runtime.fake_provider import FakeTorino
    from qiskit.transpiler import Target

    full = FakeTorino().target
    target = Target(num_qubits=full.num_qubits)
    for name in ("cz", "sx", "x", "rz", "measure"):
        target.add_instruction(full.operation_from_name(name), dict(full[name]))
    return target


def test_a_device_that_cannot_reset_is_refused_in_one_line():
    from qbcircuit.compile import compile_open_evolution
    from qbcircuit.compile.targeting import transpile_evolution
    from qbcircuit.models import build_model

    compiled = compile_open_evolution(build_model("star-network", N=2), 1.0, 2, 2)
    with pytest.raises(ValueError) as info:
        transpile_evolution(compiled, target=_target_without_reset())
    assert "cannot reset qubits mid-circuit" in str(info.value) and "\n" not in str(info.value)
    # a Heron target has reset: the same circuits transpile, resets kept
    targeted = transpile_evolution(compiled, "fake_torino")
    assert targeted.stats.operations.get("reset", 0) > 0


def test_fractional_gates_on_heron_with_zne_fold_rzz_and_twirl_measurements_only(tmp_path, capsys):
    out = tmp_path / "fractional"
    code = main(["run", "spin-charger", "-p", "M=1", "-p", "N=1", "-p", "g=1", "--t-final", "1", "--points", "3",
                 "--dt", "0.25", "--backend", "ibm-local-torino", "--fractional-gates", "--zne", "1,3",
                 "--shots", "2000", "--out", str(out)])
    assert code == 0
    text = capsys.readouterr().out
    assert "gate twirling is off (measurement twirling only)" in text and "twirling: measurements" in text
    from qbcircuit.run.store import RunFolder

    info = json.loads((out / "circuits.json").read_text())
    circuits = RunFolder(out).read_circuits()
    ops = [dict(c.count_ops()) for c in circuits]
    assert any(o.get("rzz", 0) > 0 for o in ops) and not any(o.get("cz", 0) for o in ops)
    by_factor = {(e["logical"], e["factor"]): o for e, o in zip(info, ops) if e["role"] == "circuit"}
    for (logical, factor), o in by_factor.items():  # a folded RZZ costs three RZZ (X RZZ X for the inverse)
        if factor == 3.0:
            assert o.get("rzz", 0) == 3 * by_factor[(logical, 1.0)].get("rzz", 0)
