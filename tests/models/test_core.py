"""The model description refuses what is not physics, with messages that name the part."""

import numpy as np
import pytest

from qbcircuit import operators as ops
from qbcircuit.models import BatteryModel, InitialState, JumpOperator, build_model, get_model_spec, list_models


def qubit_model(**overrides):
    args = dict(
        name="qubit", num_qubits=1, qubit_labels=("battery",), battery_qubits=(0,),
        battery_hamiltonian=ops.number(0, 1), hamiltonian=ops.number(0, 1),
        initial_state=InitialState.from_bitstring("0"),
    )
    args.update(overrides)
    return BatteryModel(**args)


def test_rejects_non_hermitian_hamiltonian():
    with pytest.raises(ValueError, match="hamiltonian must be Hermitian"):
        qubit_model(hamiltonian=ops.sigma_plus(0, 1))


def test_rejects_negative_rate():
    with pytest.raises(ValueError, match=r"rate of jump operator 'decay' must be >= 0, got -0.5"):
        qubit_model(jump_operators=(JumpOperator(ops.sigma_minus(0, 1), -0.5, "decay"),))


def test_rejects_state_of_wrong_dimension():
    with pytest.raises(ValueError, match=r"initial state must have dimension 2\*\*1 = 2, got 4"):
        qubit_model(initial_state=InitialState.from_bitstring("00"))


def test_rejects_bad_states():
    with pytest.raises(ValueError, match="weights must be >= 0 and sum to 1"):
        InitialState.from_bitstring_mixture([(0.5, "0"), (0.6, "1")])
    with pytest.raises(ValueError, match="positive semidefinite"):
        InitialState.from_density_matrix(np.diag([1.5, -0.5]))
    with pytest.raises(ValueError, match="string of 0 and 1"):
        InitialState.from_bitstring("012")


def test_mixture_of_pure_states_is_a_mixture_not_a_superposition():
    state = InitialState.from_bitstring_mixture([(0.25, "0"), (0.75, "1")])
    np.testing.assert_allclose(state.density_matrix(), np.diag([0.25, 0.75]))
    assert not state.is_pure and state.bitstrings == ("0", "1")


def test_registry_lists_and_builds_with_defaults():
    names = [spec.name for spec in list_models()]
    assert "star-network" in names
    spec = get_model_spec("star-network")
    model = build_model("star-network", N="4", mu="2.5")  # strings, as the CLI passes them
    assert model.num_qubits == 4 and model.parameters["mu"] == 2.5
    assert model.parameters["omega0"] == spec.parameter("omega0").default
    with pytest.raises(ValueError, match="unknown model 'dicke-typo'"):
        build_model("dicke-typo")
