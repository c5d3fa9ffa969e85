"""Complete positivity first: Redfield generators are refused or approximated, never
compiled silently."""

import numpy as np
import pytest

from qbcircuit.compile.dissipation import compile_open_evolution, lindblad_form, resolve_generator
from qbcircuit.models import build_model
from qbcircuit.models.master_equation import lindblad_generator, redfield_tensor
from qbcircuit.superoperators import lindblad_generator as generator_of


@pytest.mark.parametrize("Delta", [0.0, 0.5])
def test_non_cp_redfield_is_refused_in_one_line(Delta):
    model = build_model("driven-dissipative", equation="redfield", Delta=Delta)
    with pytest.raises(ValueError) as err:
        compile_open_evolution(model, 1.0, 4)
    message = str(err.value)
    assert "\n" not in message and "not completely positive" in message
    assert "'secular'" in message and "'clipped'" in message


def test_secular_approximation_is_the_papers_secular_equation():
    # Davies jumps built here from the Redfield baths == the model's own Eqs. (15)-(17)
    for params in ({}, {"reservoir": "fermion", "mu1": 0.5, "T2": 2.0}):
        redfield = build_model("driven-dissipative", equation="redfield", **params)
        secular = build_model("driven-dissipative", equation="secular", **params)
        resolved = resolve_generator(redfield, "secular")
        assert "secular" in resolved.form and resolved.approximation == "secular"
        assert not resolved.model.redfield_couplings
        assert np.abs(lindblad_generator(resolved.model).toarray() - lindblad_generator(secular).toarray()).max() < 1e-12


def test_clipped_approximation_keeps_the_positive_part():
    model = build_model("driven-dissipative", equation="redfield", Delta=0.5)
    resolved = resolve_generator(model, "clipped")
    assert resolved.dropped_weight > 0 and "nearest Lindblad" in resolved.form
    generator = redfield_tensor(model, -1.0)
    clipped = lindblad_generator(resolved.model).toarray()
    form = lindblad_form(generator, clip=True)
    assert np.abs(clipped - generator_of(form.hamiltonian, zip(form.rates, form.jumps))).max() < 1e-10
    assert lindblad_form(clipped).completely_positive


def test_cp_redfield_is_compiled_through_its_lindblad_form():
    # with the secular cut the Redfield tensor is a Davies generator, hence CP: accepted as is
    model = build_model("driven-dissipative", equation="redfield")
    model.sec_cutoff = 0.1
    resolved = resolve_generator(model)
    assert resolved.approximation is None and "completely positive" in resolved.form
    assert np.abs(lindblad_generator(resolved.model).toarray() - redfield_tensor(model, 0.1)).max() < 1e-10


def test_lindblad_model_needs_no_resolution():
    model = build_model("star-network", N=2)
    assert resolve_generator(model).model is model
    with pytest.raises(ValueError, match="approximation must be one of"):
        resolve_generator(model, "markov")


def test_redfield_model_compiled_with_secular_approximation_runs_the_secular_equation():
    from qbcircuit.compile.dissipation import system_density_matrices

    redfield = build_model("driven-dissipative", equation="redfield", theta=np.pi / 4)
    secular = build_model("driven-dissipative", equation="secular", theta=np.pi / 4)
    approx = compile_open_evolution(redfield, 1.0, 4, 2, approximation="secular", thermal="channel")
    direct = compile_open_evolution(secular, 1.0, 4, 2, thermal="channel")
    a, b = system_density_matrices([approx, direct])
    assert np.abs(a - b).max() < 1e-10
    report = approx.report()
    assert report["approximation"] == "secular" and "Davies" in report["master_equation"]
