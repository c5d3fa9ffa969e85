"""The light-cone noisy prediction (pipeline/light_cone.py) against the density matrix of the
whole device circuit with the device's noise model (Aer's NoiseModel.from_backend) at
N = 10: exactly when the cones are not cut, within the shot noise of a sampled run when
they are; without noise, against the exact free-fermion simulation of the circuits."""

import numpy as np
import pytest
from qiskit import ClassicalRegister
from qiskit_aer import AerSimulator

from qbcircuit.compile.targeting import device_line, resolve_backend
from qbcircuit.metrics import partial_trace
from qbcircuit.models import build_model
from qbcircuit.pipeline import light_cone as lc
from qbcircuit.pipeline.estimate import local_energy_estimate
from qbcircuit.results import load
from qbcircuit.run.noise import device_noise

DEVICE, N, DT = "fake_aachen", 10, 0.25


@pytest.fixture(scope="module")
def setting():
    model = build_model("xy-chain", N=N)
    backend = resolve_backend(DEVICE)
    return model, backend, device_line(backend, N).qubits


def whole_circuit_state(model, backend, line, t):
    """The density matrix of the line's qubits after the whole noisy device circuit."""
    circuit, _ = lc.device_circuit(model, t, round(t / DT), 2, backend, line)
    circuit = circuit.copy()
    circuit.save_density_matrix(qubits=list(line), label="rho")
    rho = np.asarray(AerSimulator(method="density_matrix", noise_model=device_noise(DEVICE)).run(circuit).result().data(0)["rho"])
    return rho / np.trace(rho)


def test_noiseless_cones_are_the_exact_circuit(setting):
    model, _, line = setting
    pred = lc.predict(model, [0.25, 1.0], dt=DT, backend=DEVICE, line=line, noise=False, window=N)
    for key in pred.keys:
        np.testing.assert_allclose(pred.noisy_cut[key], pred.ideal[key], atol=1e-12, err_msg=key)
    # a cone widens by two qubits per layer of bonds, two layers per step (merged half steps)
    assert [p["widest_cone"] for p in pred.info["per_time"]] == [8, N]


def test_uncut_noisy_cones_are_the_whole_circuit(setting):
    """Cones of the whole chain (window N): the pair states of the whole circuit's noisy
    density matrix, through the same readout and figures."""
    model, backend, line = setting
    t = 0.5
    pred = lc.predict(model, [t], dt=DT, backend=DEVICE, line=line, window=N)
    assert pred.info["per_time"][0]["cut_cones"] == 0
    rho = whole_circuit_state(model, backend, line, t)
    pairs = np.array([partial_trace(rho, [j, j + 1], N) for j in range(N - 1)])
    readout = lc.device_channels(DEVICE)[1][list(line)]
    expected = lc._figures(model, lc.with_readout(pairs, readout), 0.0, tomography=True)
    # Aer's noisy density matrices lose ~1e-8 of their trace over this circuit (renormalised
    # on both sides); the figures agree to that level, five orders below the noise's effect
    for key in ("energy", "energy_per_cell", "cell_ergotropy", "pair_ergotropy"):
        assert pred.noisy[key][0] == pytest.approx(expected[key], abs=1e-7), key
    assert pred.noise_error["energy_per_cell"][0] > 1e-3  # the device's noise is there to be predicted


def test_cut_cones_predict_a_sampled_run_within_its_shot_noise(setting):
    """Eight steps, cones cut to 8 qubits: the whole circuit sampled with the device noise
    (readout included) gives the same stored energy within 4 standard errors."""
    model, backend, line = setting
    t, shots = 2.0, 20000
    pred = lc.predict(model, [t], dt=DT, backend=DEVICE, line=line, window=8)
    assert pred.info["per_time"][0]["cut_cones"] == N - 1
    circuit, _ = lc.device_circuit(model, t, round(t / DT), 2, backend, line)
    circuit = circuit.copy()
    circuit.save_density_matrix(qubits=list(line), label="rho")
    register = ClassicalRegister(N)
    circuit.add_register(register)
    for j, q in enumerate(line):
        circuit.measure(q, register[j])
    result = AerSimulator(method="density_matrix", noise_model=device_noise(DEVICE)).run(
        circuit, shots=shots, seed_simulator=5).result()
    measured = local_energy_estimate([1.0], [result.get_counts()], [-0.5] * N, N / 2, 0.0)
    assert abs(pred.noisy["energy"][0] - measured.value) <= 4 * measured.stderr
    # the noise shifts the energy by far more than that: the prediction is not the noiseless one
    assert abs(pred.ideal["energy"][0] - measured.value) > 4 * measured.stderr
    # without shots: the whole circuit's state itself; the cut's measured uncertainty covers the gap
    rho = np.asarray(result.data(0)["rho"])
    rho = rho / np.trace(rho)
    pairs = np.array([partial_trace(rho, [j, j + 1], N) for j in range(N - 1)])
    whole = lc._figures(model, lc.with_readout(pairs, lc.device_channels(DEVICE)[1][list(line)]), 0.0, tomography=True)
    for key in ("energy_per_cell", "pair_ergotropy"):
        gap = abs(pred.noisy[key][0] - whole[key])
        assert gap <= pred.info["cut_uncertainty"][key][0], key
        assert gap < abs(pred.noisy_cut[key][0] - whole[key])  # the correction helps


def test_readout_distortion_of_pauli_expectations():
    rng = np.random.default_rng(2)
    a = rng.normal(size=(3, 4, 4)) + 1j * rng.normal(size=(3, 4, 4))
    pairs = np.einsum("kij,klj->kil", a, a.conj())
    pairs /= np.einsum("kii->k", pairs)[:, None, None]
    readout = rng.uniform(0.0, 0.08, size=(4, 2))
    out = lc.with_readout(pairs, readout)
    for k in range(3):
        # populations: each bit flips with its own probabilities
        a0 = np.array([[1 - readout[k, 0], readout[k, 1]], [readout[k, 0], 1 - readout[k, 1]]])
        a1 = np.array([[1 - readout[k + 1, 0], readout[k + 1, 1]], [readout[k + 1, 0], 1 - readout[k + 1, 1]]])
        np.testing.assert_allclose(np.diag(out[k]).real, np.kron(a1, a0) @ np.diag(pairs[k]).real, atol=1e-14)
        # a Pauli on qubit 0 alone: s -> (1 - p10 - p01) s + (p01 - p10)
        x0 = np.kron(np.eye(2), [[0, 1], [1, 0]])
        alpha, beta = 1 - readout[k].sum(), readout[k, 1] - readout[k, 0]
        assert np.trace(x0 @ out[k]).real == pytest.approx(alpha * np.trace(x0 @ pairs[k]).real + beta, abs=1e-14)
        assert np.trace(out[k]).real == pytest.approx(1.0)


def test_result_round_trip(tmp_path, setting):
    model, _, line = setting
    pred = lc.predict(model, [0.25], dt=DT, backend=DEVICE, line=line, noise=False)
    again = load(pred.save(tmp_path / "cones.json"))
    assert isinstance(again, lc.LightConePrediction) and again.info["line"] == list(line)
    np.testing.assert_allclose(again.noisy["energy"], pred.noisy["energy"])
    with pytest.raises(ValueError, match="window"):
        lc.predict(model, [0.25], dt=DT, backend=DEVICE, window=1)
