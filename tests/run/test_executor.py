"""The execution adapter on Aer: right statistics, the same numbers for the same seed."""

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.run import Distribution, Executor, load_profile
from tests.run.helpers import rabi_circuits, rabi_energy, rabi_exact

THETAS = [0.3, 0.9, 1.4]


def _energies(profile_name, seed, shots=4000):
    ex = Executor(load_profile(profile_name))
    counts = ex.counts(ex.submit(ex.transpile(rabi_circuits(THETAS)), shots, seed))
    return counts, [rabi_energy(Distribution.from_counts(c, 1)) for c in counts]


def test_rabi_battery_energy_within_shot_noise_on_aer_ideal():
    _, energies = _energies("aer-ideal", seed=11)
    for (mean, se), exact in zip(energies, rabi_exact(THETAS)):
        assert abs(mean - exact) < 4 * se


def test_same_seed_same_counts_different_seed_different_counts():
    a, _ = _energies("aer-density", seed=5)
    b, _ = _energies("aer-density", seed=5)
    c, _ = _energies("aer-density", seed=6)
    assert a == b and a != c


def test_estimator_path_gives_the_exact_expectation_without_shot_noise():
    ex = Executor(load_profile("aer-density"))
    circuits = []
    for th in THETAS:
        qc = QuantumCircuit(1)
        qc.rx(2 * th, 0)
        circuits.append(qc)
    isa = [ex.pass_manager().run(c) for c in circuits]
    evs, _ = ex.estimate(isa, [SparsePauliOp("Z")] * len(isa), precision=0.0, seed=1)
    assert np.allclose(evs, np.cos(2 * np.asarray(THETAS)), atol=1e-10)


def test_circuits_wider_than_the_calibrated_device_fail_in_one_line():
    ex = Executor(load_profile("aer-noisy"))
    qc = QuantumCircuit(5)
    qc.measure_all()
    with pytest.raises(ValueError, match="'aer-noisy' has 4 qubits; the circuits need 5"):
        ex.transpile([qc])


def test_pec_runs_circuits_without_a_gate_layer_with_trex_alone_in_jobs_that_keep_the_order():
    """One job for all circuits (as on a device): the runtime's PEC cannot read a circuit with no
    gate layer, so such circuits go into a job of their own, without PEC, in their place."""
    pytest.importorskip("qiskit_noise_learning")
    from qbcircuit.run.executor import CompositeJob

    profile = load_profile("ibm-local-manila").replace(pec_mitigation=True, learning_randomizations=4,
                                                       learning_depths=(0, 1, 2, 4))
    prepared = QuantumCircuit(2)
    prepared.x(0)  # no two-qubit gate: no layer to cancel
    entangled = QuantumCircuit(2)
    entangled.ry(0.8, 0)
    entangled.cx(0, 1)  # <ZZ> = 1 exactly
    ex = Executor(profile)
    zz = SparsePauliOp("ZZ")
    isa, observables = ex.transpile_observables([prepared, entangled, entangled], [zz, zz, zz])
    noise_model, learning = ex.learn_layer_noise(isa, observables, seed=2, resilience_level=1)
    assert len(noise_model) == 1 and learning["layers"][0]["gamma"] > 1
    job = ex.submit_estimator(isa, observables, 4000, None, 1, noise_model=noise_model)
    assert isinstance(job, CompositeJob) and len(job.jobs) == 2  # [prepared], [entangled, entangled]
    values = ex.expectation_values(job)
    assert [v["evs"] for v in values][0] == pytest.approx(-1.0, abs=0.05)  # |01>: ZZ = -1, TREX only
    for v in values[1:]:
        assert abs(v["evs"] - 1.0) < 4 * v["stds"] + 0.02


def test_level_0_of_the_estimator_stays_the_unmitigated_baseline_whatever_the_profile_asks():
    """The profile's individual options (TREX, ZNE) apply to the levels above 0: a run at levels
    0 and 1 compares raw values with mitigated ones (they were both mitigated, and the report
    showed one variant)."""
    from qbcircuit.run.runner import mitigation_name

    ex = Executor(load_profile("ibm-local-manila").replace(measure_mitigation=True, zne_mitigation=True))
    names = {level: mitigation_name(ex.runtime_estimator(1, level).finalize_options()) for level in (0, 1, 2)}
    assert names == {0: "raw", 1: "readout+zne", 2: "readout+zne"}
