"""The system's density matrix after a compiled open evolution, on Aer's density-matrix
method: resets, mixed ancillas and Kraus instructions are then exact channels, not
sampled trajectories, so the result is the circuit's own dynamics, shot noise aside.

This is the one place of the package that runs a simulator; it exists for the tests,
the tutorial and the exact-channel path (whose Kraus instructions only Aer runs).
"""

from __future__ import annotations

import numpy as np


def system_density_matrices(compiled_list) -> list[np.ndarray]:
    """rho of the system qubits (the model's register, Qiskit order) after each compiled
    evolution (:class:`CompiledOpenEvolution`), mixture components averaged by weight."""
    from qiskit import transpile
    from qiskit_aer import AerSimulator

    simulator = AerSimulator(method="density_matrix")
    circuits, owners = [], []
    for k, compiled in enumerate(compiled_list):
        for comp in compiled.components:
            circuit = comp.circuit.copy()
            circuit.save_density_matrix(qubits=compiled.system_qubits, label="rho")
            circuits.append(circuit)
            owners.append((k, comp.weight))
    result = simulator.run(transpile(circuits, simulator, optimization_level=0), shots=1).result()
    out = [0 for _ in compiled_list]
    for index, (k, weight) in enumerate(owners):
        out[k] = out[k] + weight * np.asarray(result.data(index)["rho"])
    return out


def system_density_matrix(compiled) -> np.ndarray:
    """rho of the system qubits after one compiled open evolution."""
    return system_density_matrices([compiled])[0]


# Single-qubit input states |0>, |1>, |+>, |+i>: their density matrices span all 2x2
# matrices, so the products span all operators and the outputs fix a linear map.
_INPUT_STATES = ("0", "1", "+", "r")


def _input_density(label: str) -> np.ndarray:
    vec = {"0": [1, 0], "1": [0, 1], "+": [1, 1], "r": [1, 1j]}[label]
    v = np.asarray(vec, dtype=complex) / np.linalg.norm(vec)
    return np.outer(v, v.conj())


def step_superoperator(compiled) -> np.ndarray:
    """The system's one-step map of a static compiled evolution, measured on Aer: the
    step circuit is run (density-matrix method) from the 4^n product inputs of |0>, |1>,
    |+>, |+i> and the map is solved for by linear inversion. Column-stacking convention
    (:mod:`.superoperators`); composing it k times is the circuit's state after k steps."""
    from qiskit import QuantumCircuit, transpile
    from qiskit_aer import AerSimulator

    if compiled.model.drives:
        raise ValueError(f"model {compiled.model.name!r} has drives: its steps differ, there is no one-step map")
    n = compiled.model.num_qubits
    system = compiled.system_qubits
    circuits, inputs = [], []
    for labels in np.ndindex(*(4,) * n):
        circuit = QuantumCircuit(compiled.step_circuit.num_qubits)
        rho = np.ones((1, 1), dtype=complex)
        for q, k in enumerate(labels):  # qubit q is the q-th factor from the right
            label = _INPUT_STATES[k]
            rho = np.kron(_input_density(label), rho)
            if label == "1":
                circuit.x(q)
            elif label in "+r":
                circuit.h(q)
                if label == "r":
                    circuit.s(q)
        circuit.compose(compiled.step_circuit, inplace=True)
        circuit.save_density_matrix(qubits=system, label="rho")
        circuits.append(circuit)
        inputs.append(rho.reshape(-1, order="F"))
    simulator = AerSimulator(method="density_matrix")
    result = simulator.run(transpile(circuits, simulator, optimization_level=0), shots=1).result()
    outputs = np.column_stack([np.asarray(result.data(k)["rho"]).reshape(-1, order="F") for k in range(len(circuits))])
    return outputs @ np.linalg.inv(np.column_stack(inputs))
