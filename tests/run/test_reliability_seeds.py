"""Independent shot noise (issue 19, item 4): every circuit of a batch is sampled with its own
seed on every execution path, and the same seed gives the same counts again."""

import numpy as np
import pytest
from qiskit import QuantumCircuit
from qiskit.quantum_info import SparsePauliOp

from qbcircuit.run import Executor, RunPlan, load_profile, load_run, start_run
from qbcircuit.run.executor import circuit_seed


def _h(measure=True, n=3):
    """H on n qubits: 2^n equally likely outcomes, so two independent samples of a few
    hundred shots practically never give the same counts."""
    qc = QuantumCircuit(n, name="h")
    qc.h(range(n))
    if measure:
        qc.measure_all()
    return qc


@pytest.mark.parametrize("name", ["ibm-local-manila", "aer-ideal", "aer-noisy"])
def test_identical_circuits_of_one_batch_get_independent_counts_and_a_seed_repeats_them(name):
    executor = Executor(load_profile(name))
    isa = executor.transpile([_h() for _ in range(4)])
    first = executor.counts(executor.submit(isa, 400, 7))
    # four identical H circuits: the same seed for all would give four equal dictionaries
    assert len({tuple(sorted(c.items())) for c in first}) == 4
    assert executor.counts(executor.submit(isa, 400, 7)) == first
    assert executor.counts(executor.submit(isa, 400, 8)) != first


def test_circuit_seeds_are_distinct_across_neighbouring_batches():
    seeds = {circuit_seed(seed, k) for seed in range(20) for k in range(50)}
    assert len(seeds) == 1000 and all(0 <= s < 2**31 for s in seeds)


def test_batches_of_a_run_in_local_testing_mode_are_independent_and_reproducible(tmp_path):
    profile = load_profile("ibm-local-manila").replace(max_circuits_per_batch=3, shots=300, seed=11)
    runs = [start_run(RunPlan([_h() for _ in range(6)]), profile, tmp_path / f"r{i}") for i in range(2)]
    counts = [runs[0].counts[i] for i in range(6)]
    assert len({tuple(sorted(c.items())) for c in counts}) == 6  # within and across the two batches
    assert load_run(tmp_path / "r1").counts == runs[0].counts


def test_the_estimator_route_seeds_each_circuit_on_its_own():
    executor = Executor(load_profile("ibm-local-manila").replace(resilience_level=0))
    circuits = [_h(measure=False, n=1) for _ in range(4)]
    isa, observables = executor.transpile_observables(circuits, [SparsePauliOp("X")] * 4)
    values = [v["evs"] for v in executor.expectation_values(executor.submit_estimator(isa, observables, 4000, 5, 0))]
    assert len(set(values)) > 1  # one seed for all would give four equal values
    again = [v["evs"] for v in executor.expectation_values(executor.submit_estimator(isa, observables, 4000, 5, 0))]
    assert again == values
    assert np.all(np.abs(np.array(values) - 1) < 0.2)  # <X> = 1 in H|0>, less readout error
