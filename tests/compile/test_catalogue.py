"""Every closed model of the catalogue: with enough steps, the circuits reproduce the exact
energy curve to 1e-3 of its maximum on Aer's statevector simulator."""

import numpy as np
import pytest
from qiskit import transpile
from qiskit_aer import AerSimulator

from qbcircuit.compile import choose_steps, compile_evolution
from qbcircuit.metrics import energy, partial_trace
from qbcircuit.models import build_model, list_models
from qbcircuit.reference import evolve
from tests.compile.exact_curves import exact_stored_energy

MAX_QUBITS = 12
T_FINAL = 2.0
POINTS = 5


def _closed_specs():
    return [spec.name for spec in list_models() if not build_model(spec.name).is_open]


def aer_energy_curve(model, times, dt):
    sim = AerSimulator(method="statevector")
    h = model.battery_hamiltonian.to_matrix()
    out = []
    for t in times:
        compiled = compile_evolution(model, t, max(1, int(np.ceil(t / dt - 1e-9))), 2)
        value = 0.0
        for comp in compiled.components:
            circuit = transpile(comp.circuit, sim, optimization_level=0)
            circuit.save_statevector()
            psi = sim.run(circuit).result().get_statevector().data
            rho_b = partial_trace(np.outer(psi, psi.conj()), model.battery_qubits, model.num_qubits)
            value += comp.weight * energy(rho_b, h)
        out.append(value)
    return np.array(out)


@pytest.mark.parametrize("name", _closed_specs() or ["(none)"])
def test_closed_model_reproduces_exact_energy_curve(name):
    if name == "(none)":
        pytest.skip("no closed model is registered yet")
    model = build_model(name)
    if model.num_qubits > MAX_QUBITS:
        pytest.skip(f"{name} has {model.num_qubits} qubits at its defaults (> {MAX_QUBITS})")
    choice = choose_steps(model, T_FINAL, 2, 5e-4, exact_energy=exact_stored_energy(model))
    times = np.linspace(0, T_FINAL, POINTS)
    h = model.battery_hamiltonian.to_matrix()
    exact = np.array([energy(r, h) for r in evolve(model, times).battery_states])
    circuits = aer_energy_curve(model, times, T_FINAL / choice.steps)
    scale = max(np.max(np.abs(exact - exact[0])), 1e-12)
    assert np.max(np.abs(circuits - exact)) / scale < 1e-3


def test_open_models_are_refused_unless_unitary_only():
    model = build_model("star-network", N=3)
    with pytest.raises(ValueError, match="open"):
        compile_evolution(model, 1.0, 2)
    assert compile_evolution(model, 1.0, 2, unitary_only=True).stats().bonds == 2
