"""A run folder records the approximation its circuits realise, so that resume can solve the
same model again (a damaged exact.json of a clipped Redfield run was not recomputable)."""

import numpy as np

from qbcircuit import pipeline
from qbcircuit.models import build_model
from qbcircuit.pipeline.execute import run_inputs


def test_the_approximation_of_a_non_cp_redfield_run_is_recorded():
    model = build_model("driven-dissipative", equation="redfield")
    plan = pipeline.make_plan(model, np.linspace(0, 1, 2), dt=0.5, approximation="clipped")
    assert run_inputs(plan, {})["approximation"] == "clipped"
    closed = pipeline.make_plan(build_model("spin-charger", M=1, N=1), np.linspace(0, 1, 2), dt=0.5)
    assert "approximation" not in run_inputs(closed, {})
