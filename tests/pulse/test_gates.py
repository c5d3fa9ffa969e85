import numpy as np
import pytest
from qiskit import QuantumCircuit, transpile
from qiskit.circuit.library import XXPlusYYGate
from qiskit.quantum_info import Statevector

from qbcircuit.pulse.gates import BASIS, compile_circuit
from qbcircuit.pulse.library import save_stark_detunings
from qbcircuit.pulse.simulate import simulate


def run(circuit, controls, extras):
    prog = compile_circuit(circuit, controls, extras_dir=extras)
    r = simulate(prog.schedule, prog.device, "0" * circuit.num_qubits, store_every=max(prog.schedule.duration, 1))
    psi = prog.virtual_z() @ prog.device.restrict_to_qubits(r.final_state)
    return abs(np.vdot(Statevector(circuit).data, psi)) ** 2, prog, psi


@pytest.fixture(scope="module")
def extras(calibrated_pair, tmp_path_factory):
    _, controls, detunings, _ = calibrated_pair
    path = tmp_path_factory.mktemp("extras")
    save_stark_detunings(controls, detunings, path)
    return path


def test_single_qubit_circuit_with_virtual_z(calibrated_pair, extras):
    qc = QuantumCircuit(1)
    qc.h(0)
    qc.rz(0.9, 0)
    qc.sx(0)
    qc.ry(1.3, 0)
    tq = transpile(qc, basis_gates=BASIS, optimization_level=0)
    fidelity, prog, psi = run(tq, calibrated_pair[1], extras)
    # sx is the pi pulse at half amplitude (not calibrated on its own): ~4e-5 error each
    assert fidelity > 0.9995
    # the virtual-Z convention is tested, not assumed: the opposite sign is far off
    flipped = tq.copy_empty_like()
    for inst in tq.data:
        op = inst.operation
        flipped.rz(-float(op.params[0]), 0) if op.name == "rz" else flipped.append(inst)
    assert abs(np.vdot(Statevector(flipped).data, psi)) ** 2 < 0.99


def test_exchange_circuit_matches_the_statevector(calibrated_pair, extras):
    qc = QuantumCircuit(2)
    qc.h(0)
    qc.rx(0.7, 1)
    qc.append(XXPlusYYGate(1.1, 0.3), [0, 1])
    qc.rz(0.4, 0)
    qc.append(XXPlusYYGate(0.6, 0.0), [1, 0])
    qc.ry(0.5, 0)
    tq = transpile(qc, basis_gates=BASIS, optimization_level=1)
    assert tq.count_ops()["xx_plus_yy"] == 2
    fidelity, prog, psi = run(tq, calibrated_pair[1], extras)
    assert fidelity > 0.999
    # the exchange pulse's area is what the gate angle asks for: theta / (4 pi J)
    area = sum(abs(t.instruction.waveform.samples().sum()) for t in prog.schedule.instructions("c01_exchange")
               if hasattr(t.instruction, "waveform")) * prog.schedule.dt_ns
    assert area == pytest.approx((1.1 + 0.6) / (4 * np.pi * 0.0032), rel=1e-9)


def test_gates_outside_the_basis_are_refused(calibrated_pair):
    qc = QuantumCircuit(2)
    qc.cx(0, 1)
    with pytest.raises(ValueError, match="not in the pulse basis"):
        compile_circuit(qc, calibrated_pair[1])


def test_trotter_circuit_from_the_compiler_runs_at_pulse_level(calibrated_pair, extras):
    import qbcircuit.compile as compile_
    from tests.pulse.test_analog import spin_charger_1_1

    model = spin_charger_1_1()
    t = np.pi / 4  # half way: E = omega0 sin^2(pi/4) = omega0 / 2
    compiled = compile_.compile_evolution(model, t, 3, order=2)
    (component,) = compiled.components
    tq = transpile(component.circuit, basis_gates=BASIS, optimization_level=1)
    fidelity, prog, psi = run(tq, calibrated_pair[1], extras)
    assert fidelity > 0.995
    p_battery = sum(abs(psi[k]) ** 2 for k in range(4) if k & 1)  # battery is qubit 0
    assert p_battery == pytest.approx(np.sin(t) ** 2, abs=0.01)  # Trotter (M = N = 1 exact) + pulse errors
