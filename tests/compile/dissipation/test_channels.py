"""Sorting a model's jumps into the groups the gadgets compile."""

import numpy as np
import pytest

from qbcircuit import operators as ops
from qbcircuit.compile.dissipation import channel_groups
from qbcircuit.models import build_model
from qbcircuit.models.star_network import fermi

from .models import open_model


def test_star_network_local_baths_are_three_thermal_exchanges():
    model = build_model("star-network", N=3, bath="local", mu=1.0, delta_mu=2.0, T=1.0, omega=1.0)
    groups = channel_groups(model)
    assert [g.kind for g in groups] == ["exchange"] * 3
    assert [g.qubits for g in groups] == [(0,), (1,), (2,)]
    # battery: n = fermi(omega, mu); ancillas: fermi(omega, mu + delta_mu) > 1/2 (inversion)
    assert groups[0].params["n"] == pytest.approx(fermi(1.0, 1.0, 1.0))
    assert groups[1].params["n"] == pytest.approx(fermi(1.0, 3.0, 1.0)) and groups[1].params["n"] > 0.5
    assert all(g.params["Gamma"] == pytest.approx(1.0) for g in groups)


def test_star_network_collective_bath_is_one_shared_collision():
    model = build_model("star-network", N=3, bath="collective", mu=3.0)
    (group,) = channel_groups(model)
    assert group.kind == "collective" and group.qubits == (0, 1, 2)
    assert group.params["n"] == pytest.approx(fermi(1.0, 3.0, 1.0))
    assert [g.kind for g in channel_groups(model, collective="dilation")] == ["dilation", "dilation"]


def test_seed_002_secular_jumps_are_dressed_exchanges_in_one_basis():
    model = build_model("driven-dissipative", equation="secular")
    groups = channel_groups(model)
    assert [g.kind for g in groups] == ["exchange", "exchange"]
    charger, battery = groups
    # at resonance the charger's jump is tau_31 - tau_42 (a Z on the other dressed qubit),
    # the battery's tau_31 + tau_42 (no Z): both lower the same dressed qubit
    assert np.allclose(charger.params["diagonal"], [1, -1]) and np.allclose(battery.params["diagonal"], [1, 1])
    assert charger.params["target"] == battery.params["target"]
    assert np.allclose(charger.params["basis"], battery.params["basis"])
    b = charger.params["basis"]
    assert np.allclose(b.conj().T @ b, np.eye(4))
    h = b.conj().T @ model.hamiltonian.to_matrix() @ b
    assert np.allclose(h, np.diag(np.diag(h)), atol=1e-12)  # the basis diagonalises H_s


def test_dephasing_and_general_jumps():
    n = 2
    model = open_model(n, [(ops.pauli("Z", 1, n), 0.3), (ops.sigma_minus(0, n) + 0.5 * ops.sigma_plus(1, n), 0.2)])
    kinds = {g.kind: g for g in channel_groups(model)}
    assert kinds["dephasing"].params["rate"] == pytest.approx(0.3) and kinds["dephasing"].qubits == (1,)
    assert kinds["dilation"].qubits == (0, 1)


def test_partner_found_up_to_a_scalar():
    n = 1
    # 2 sigma^+ at rate 0.1 is sigma^+ at rate 0.4: n = 0.4 / (0.6 + 0.4)
    model = open_model(n, [(ops.sigma_minus(0, n), 0.6), (2 * ops.sigma_plus(0, n), 0.1)])
    (group,) = channel_groups(model)
    assert group.kind == "exchange"
    assert group.params["n"] == pytest.approx(0.4) and group.params["Gamma"] == pytest.approx(1.0)


def test_pumping_alone_is_an_inverted_exchange():
    model = open_model(1, [(ops.sigma_plus(0, 1), 0.5)])
    (group,) = channel_groups(model)
    assert group.kind == "exchange" and group.params["n"] == 1.0 and group.params["Gamma"] == pytest.approx(0.5)
