"""The noiseless circuit's exact outcome probabilities (no shots, no noise).

This is the "ideal circuit" of a comparison: measured minus ideal is the noise (and shot
noise); ideal minus exact dynamics is the circuit's own (Trotter, collision) error.
Final measurements are replaced by Aer's ``save_probabilities``; circuits with resets
(ancilla collision channels) run on the density-matrix method, so a reset is the exact
channel, not one sampled trajectory.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from qbcircuit.run.distribution import Distribution


def _strip_final_measurements(circuit):
    """(circuit without its measurements, qubit measured into each clbit); measurements
    must be final (nothing acts on a qubit after it is measured)."""
    measured: dict[int, int] = {}
    stripped = circuit.copy_empty_like()
    done: set[int] = set()
    for inst in circuit.data:
        qubits = [circuit.find_bit(q).index for q in inst.qubits]
        if inst.operation.name == "measure":
            measured[circuit.find_bit(inst.clbits[0]).index] = qubits[0]
            done.add(qubits[0])
            continue
        if inst.operation.name == "barrier":
            continue
        if done.intersection(qubits):
            raise ValueError(f"circuit {circuit.name!r} acts on a qubit after measuring it; ideal probabilities need final measurements")
        stripped.append(inst)
    return stripped, [measured.get(i, -1) for i in range(circuit.num_clbits)]


def ideal_distributions(circuits: Sequence) -> list[Distribution]:
    """Exact outcome distribution (over each circuit's clbits) of noiseless logical circuits."""
    from qiskit import transpile
    from qiskit_aer import AerSimulator

    out = []
    for circuit in circuits:
        stripped, clbit_qubits = _strip_final_measurements(circuit)
        qubits = [q for q in clbit_qubits if q >= 0]
        stripped.save_probabilities(qubits=[stripped.qubits[q] for q in qubits], label="p")
        # Resets and Kraus channels must be applied exactly, not sampled: density matrix.
        method = "density_matrix" if {"reset", "quantum_channel"} & set(circuit.count_ops()) else "statevector"
        simulator = AerSimulator(method=method)
        result = simulator.run(transpile(stripped, simulator, optimization_level=0), shots=1).result()
        p_measured = np.asarray(result.data(0)["p"], dtype=float)
        # place the measured clbits at their positions (unmeasured clbits read 0)
        probs = np.zeros(2 ** len(clbit_qubits))
        positions = [i for i, q in enumerate(clbit_qubits) if q >= 0]
        for x, value in enumerate(p_measured):
            index = sum(((x >> k) & 1) << pos for k, pos in enumerate(positions))
            probs[index] += value
        out.append(Distribution.exact(probs))
    return out


def ideal_marginals(circuits: Sequence, *, method: str = "matrix_product_state",
                    options: dict | None = None) -> tuple[list[np.ndarray], list[dict | None]]:
    """Exact single-bit marginals of noiseless circuits too wide for :func:`ideal_distributions`.

    Parameters
    ----------
    circuits:
        Logical circuits with final measurements (one classical register).
    method:
        The Aer method (``matrix_product_state`` for wide circuits; ``statevector`` works
        up to ~30 qubits).
    options:
        Further ``AerSimulator`` options (e.g. a profile's MPS truncation threshold).

    Returns
    -------
    (marginals, reports)
        ``marginals[i][j]``: the probability of reading 1 on classical bit j of circuit i
        (nan for a bit nothing is measured into); ``reports[i]``: the simulator's summary
        (:func:`qbcircuit.run.executor.mps_summary`: bond dimensions and the discarded
        weight), None for other methods.
    """
    from qiskit import transpile
    from qiskit_aer import AerSimulator

    from qbcircuit.run.executor import aer_basis_gates, mps_summary

    extra = dict(options or {})
    if method == "matrix_product_state":
        extra.setdefault("mps_log_data", True)
    simulator = AerSimulator(method=method, **extra)
    marginals, reports = [], []
    for circuit in circuits:
        stripped, clbit_qubits = _strip_final_measurements(circuit)
        # no layout or routing without a coupling map: qubit q stays qubit q
        native = transpile(stripped, basis_gates=aer_basis_gates(simulator), optimization_level=0)
        labels = {}
        for j, q in enumerate(clbit_qubits):
            if q >= 0:
                labels[j] = f"p{j}"
                native.save_probabilities(qubits=[native.qubits[q]], label=labels[j])
        result = simulator.run(native, shots=1).result()
        data = result.data(0)
        p1 = np.full(len(clbit_qubits), np.nan)
        for j, label in labels.items():
            p1[j] = float(np.asarray(data[label], dtype=float)[1])
        marginals.append(p1)
        reports.append(mps_summary(result.results[0].metadata))
    return marginals, reports
