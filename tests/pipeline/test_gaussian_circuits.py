"""Free-fermion simulation of the compiled circuits (pipeline/gaussian_circuits.py) against
statevector simulation of the same circuits, and the compiler's exact step check at a size
the statevector cannot reach."""

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import Statevector

from qbcircuit.compile import compile_evolution, steps_for
from qbcircuit.compile.error_control import EXACT_CHECK_MAX_QUBITS
from qbcircuit.compile.error_control import trotter_energy_curve as statevector_curve
from qbcircuit.metrics import ergotropy, partial_trace
from qbcircuit.models import build_model
from qbcircuit.models.xy_chain import cell_hamiltonian
from qbcircuit.pipeline import gaussian_circuits as gc
from qbcircuit.pipeline.plan import choose_steps


@pytest.mark.parametrize("order, gamma", [(1, 0.6), (2, 0.6), (4, -0.3), (2, 0.0)])
def test_energy_curve_equals_the_statevector_of_the_circuits(order, gamma):
    """gamma = 0 compiles exchange bonds to XXPlusYYGate, otherwise PauliEvolutionGate."""
    model = build_model("xy-chain", N=7, J=0.9, gamma=gamma)
    np.testing.assert_allclose(gc.trotter_energy_curve(model, 2.5, 6, order),
                               statevector_curve(model, 2.5, 6, order), atol=1e-12)


def test_local_figures_equal_partial_traces_of_the_circuit_state():
    model = build_model("xy-chain", N=6, J=1.4, gamma=0.8)
    times, dt = [0.0, 0.7, 1.9], 0.3
    figures = gc.circuit_figures(model, times, dt)
    h1, h2 = cell_hamiltonian(1.0, 1), cell_hamiltonian(1.0, 2)
    for k, t in enumerate(times):
        psi = Statevector(compile_evolution(model, t, steps_for(t, dt), 2).components[0].circuit).data
        rho = np.outer(psi, psi.conj())
        cells = [partial_trace(rho, [i], 6) for i in range(6)]
        pairs = [partial_trace(rho, [i, i + 1], 6) for i in range(5)]
        assert figures["energy_per_cell"][k] == pytest.approx(np.mean([np.trace(h1 @ c).real for c in cells]), abs=1e-12)
        assert figures["pair_ergotropy"][k] == pytest.approx(np.mean([ergotropy(p, h2) for p in pairs]), abs=1e-12)
        assert figures["cell_ergotropy"][k] == pytest.approx(np.mean([ergotropy(c, h1) for c in cells]), abs=1e-12)
    assert figures["pair_ergotropy"][-1] > 0.05


def test_gates_that_are_not_free_fermion_are_refused():
    circuit = QuantumCircuit(3)
    circuit.rzz(0.3, 0, 1)
    with pytest.raises(ValueError, match="not the exponential of a quadratic"):
        gc.apply_circuit(np.zeros((6, 6)), circuit)
    with pytest.raises(ValueError, match="no free-fermion description"):
        gc.trotter_energy_curve(build_model("spin-chain", N=3), 1.0, 2, 2)


def test_the_compiler_checks_steps_exactly_beyond_the_statevector():
    N = 40
    assert N > EXACT_CHECK_MAX_QUBITS
    model = build_model("xy-chain", N=N)
    choice = choose_steps(model, 2.0, 2, 0.01)
    assert choice.method == "exact check"
    assert choice.tried[choice.steps] <= 0.01 < choice.tried[choice.steps - 1]
    # the tried errors are the circuits' curves against the exact one, by their definition
    from qbcircuit.reference import time_series

    k = choice.steps
    times = np.linspace(0, 2.0, k + 1)
    exact = time_series(model, times, refine=False).energy
    circuits = gc.trotter_energy_curve(model, 2.0, k, 2)
    assert np.max(np.abs(circuits - circuits[0] - exact)) / np.max(np.abs(exact)) == pytest.approx(choice.error, rel=1e-9)
