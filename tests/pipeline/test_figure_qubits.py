"""A model's own figures that read more than the battery (seed 002's charger-battery
concurrence and <sigma_x sigma_x>) are measured: the tomography covers the battery and the
model's figure qubits together (``plan.tomography_qubits``), and the figures are those of the
reconstructed two-qubit state. Before, ``qbc run driven-dissipative`` failed at the analysis.

Independent checks: the noiseless circuits' probabilities, pushed through the same two-qubit
tomography, must give the exact solver's concurrence and <sigma_x sigma_x> within the
collision model's Trotter error; the sampled ones within shot noise.
"""

import numpy as np
import pytest

from qbcircuit import pipeline
from qbcircuit.models import build_model
from qbcircuit.pipeline.plan import tomography_qubits


def test_the_tomography_covers_the_figure_qubits_when_they_fit():
    dd = build_model("driven-dissipative")
    assert sorted(tomography_qubits(dd)) == sorted(set(dd.battery_qubits) | set(dd.figure_qubits))
    assert tomography_qubits(dd)[: len(dd.battery_qubits)] == list(dd.battery_qubits)
    # a wide figure register (the cavity of seed 000 at 4 qubits) does not fit: the battery alone
    wide = build_model("spin-chain-cavity", N=2, cavity_qubits=4)
    assert tomography_qubits(wide) == list(wide.battery_qubits)


def test_without_the_figure_state_the_models_own_figures_are_left_out():
    wide = build_model("spin-chain-cavity", N=2, cavity_qubits=1)
    rho = np.eye(4) / 4
    assert "photon_number" not in wide.battery_figures(rho)
    assert wide.battery_figures(rho, np.diag([0.25, 0.75]))["photon_number"] == pytest.approx(0.75)


@pytest.fixture(scope="module")
def run():
    return pipeline.run(build_model("driven-dissipative"), "aer-ideal", np.linspace(0, 1.5, 2), shots=4000, seed=2)


def test_the_noiseless_circuits_give_the_exact_concurrence(run):
    report = run.to_dict()
    for key in ("concurrence", "sx1_sx2", "efficiency"):
        ideal, exact = report["ideal_circuit"][key][-1], report["exact"][key][-1]
        assert ideal == pytest.approx(exact, abs=1e-4), key
    assert report["exact"]["concurrence"][-1] > 0.01  # the pair is entangled at t = 1.5: a real test


def test_the_sampled_concurrence_is_within_shot_noise(run):
    report = run.to_dict()
    for key in ("concurrence", "sx1_sx2"):
        measured, se = report["measured"][key][-1], report["measured"][f"{key}_stderr"][-1]
        assert abs(measured - report["exact"][key][-1]) < 4 * se + 1e-3, key
