"""Issue 19, item 2: parameter ranges a model cannot hold are refused at the registry, with
the real limit, in one line, before the builder runs."""

import time

import numpy as np
import pytest
import scipy.sparse as sp

from qbcircuit.models import build_model, get_model_spec
from qbcircuit.models import sectors
from qbcircuit.models.registry import MAX_MAGNITUDE


def refused(name, **params):
    start = time.monotonic()
    with pytest.raises(ValueError) as info:
        build_model(name, **params)
    assert time.monotonic() - start < 30  # refused, not built (this took minutes or failed deep inside)
    message = str(info.value)
    assert "\n" not in message
    return message


def test_spin_chain_cavity_beyond_six_spins_is_refused_at_the_registry():
    message = refused("spin-chain-cavity", N=8)
    assert "'N' must be an integer in [1, 6]" in message
    assert build_model("spin-chain-cavity", N=6).num_qubits == 7  # the limit itself builds


def test_dicke_photons_beyond_the_cavity_are_refused_with_the_limit():
    message = refused("dicke", N=10000)
    assert "at most 4095" in message and "10000" in message
    assert build_model("dicke", N=10000, n=1).reduced is not None  # many cells, few photons: held


def test_dicke_product_space_beyond_the_limit_is_refused():
    message = refused("dicke", N=4000, n=4000, mode_qubits=12)
    assert f"{4001 * 4096} states" in message and str(sectors.MAX_PRODUCT_STATES) in message


@pytest.mark.parametrize("name, parameter", [("single-cell", "omega0"), ("star-network", "omega0"),
                                             ("spin-chain", "B"), ("driven-dissipative", "F")])
def test_real_parameters_beyond_the_magnitude_limit_are_refused(name, parameter):
    message = refused(name, **{parameter: 1e200})
    assert f"'{parameter}'" in message and f"<= {MAX_MAGNITUDE:g}" in message
    build_model(name, **{parameter: MAX_MAGNITUDE})


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_non_finite_parameters_are_refused(value):
    assert "'omega0'" in refused("star-network", omega0=value)


def test_limits_see_the_full_checked_set_before_the_builder():
    spec = get_model_spec("dicke")
    assert spec.limits is not None
    with pytest.raises(ValueError, match="at most 4095"):
        spec.resolve({"N": "5000"})  # from the command line's strings, defaults filled in


@pytest.mark.parametrize("M, n", [(3, 5), (5, 2), (4, 4), (1, 3)])
def test_tavis_cummings_block_equals_the_restricted_product_space(M, n):
    """The block of n excitations is now built directly; it must be the product space's H
    restricted to the states reachable from |cells empty, n photons> (the old construction)."""
    model = build_model("tavis-cummings", M=M, n=n, g=0.3, omega0=1.1)
    w = 1.1 / 0.3
    jp, a = sectors.ladder_raise(M), sectors.fock_annihilation(n + 1)
    h = w * (sectors.kron(sectors.ladder_number(M), sp.identity(n + 1))
             + sectors.kron(sp.identity(M + 1), sectors.fock_number(n + 1)))
    coupling = sectors.kron(jp, a)
    h = h + coupling + coupling.T
    old = sectors.reduced_space(h, [(1.0, sectors.basis_vector((M + 1) * (n + 1), n))], M + 1,
                                sectors.ladder_number(M) - 0.5 * M * sp.identity(M + 1),
                                sectors.identical_cell_levels(M, 1.0, -0.5 * M, M + 1), basis="")
    new = model.reduced
    assert new.dimension == min(M, n) + 1 == old.dimension
    np.testing.assert_allclose(new.hamiltonian.toarray(), old.hamiltonian.toarray(), atol=1e-12)
    np.testing.assert_array_equal(new.battery_index, old.battery_index)
    np.testing.assert_array_equal(new.rest_index, old.rest_index)
    np.testing.assert_allclose(new.components[0][1], old.components[0][1])


def test_tavis_cummings_at_twenty_thousand_builds_in_a_moment():
    start = time.monotonic()
    model = build_model("tavis-cummings", M=20000, n=20000)
    assert model.reduced.dimension == 20001
    assert time.monotonic() - start < 30  # the (M + 1)(n + 1) = 4e8 product space is never laid out
