"""The truncation rule (reference/truncation.py) on synthetic figures: grow one qubit at a
time, stop when one more qubit moves every battery figure by less than the tolerance,
report the answer at that truncation, and never count the mode's own figures."""

from types import SimpleNamespace

import numpy as np
import pytest

from qbcircuit.models import build_model
from qbcircuit.reference.truncation import TRUNCATION_TOL, figure_change, fixed_report, grow

# spin-chain-cavity builds in milliseconds and its mode grows by ``cavity_qubits`` (max 7)
START = dict(N=1, charging="thermal")  # automatic, starts at one cavity qubit


def fake_solve(error_of_k, photons_of_k=lambda k: 0.0):
    """A 'solve' whose energy curve is off the limit curve by error_of_k(k)."""
    solved = []

    def solve(model):
        k = len(model.truncated_mode.qubits)
        solved.append(k)
        curve = np.sin(np.linspace(0, 3, 7)) + error_of_k(k)
        return SimpleNamespace(k=k, figures={"energy": curve, "ergotropy": 0.5 * curve,
                                             "photon_number": np.full(7, photons_of_k(k))})

    return solve, solved


def test_stops_at_the_first_truncation_that_one_more_qubit_does_not_move():
    # errors 1e-1, 1e-3, 1e-5, 1e-9, ...: k = 3 -> 4 moves by ~1e-5 (> tol), 4 -> 5 by ~1e-9
    solve, solved = fake_solve(lambda k: 10.0 ** (-2 * k + 1) if k < 4 else 10.0 ** (-k - 5))
    result, model, report = grow(build_model("spin-chain-cavity", **START), solve, lambda r: r.figures)
    assert solved == [1, 2, 3, 4, 5] and result.k == 4 and len(model.truncated_mode.qubits) == 4
    assert report["levels"] == 16 and report["checked_against"] == 32 and report["converged"]
    assert report["change"] == pytest.approx(1e-9 - 1e-10, rel=1e-6)  # scale max(1, |f|) = 1
    assert [s["levels"] for s in report["history"]] == [2, 4, 8, 16]
    assert report["history"][2]["change"] > TRUNCATION_TOL


def test_mode_figures_are_reported_but_do_not_decide():
    # The photon number keeps growing with the truncation (a thermal cavity's tail), the
    # battery figures do not move at all: converged at once, photon change reported.
    solve, solved = fake_solve(lambda k: 0.0, photons_of_k=lambda k: 2.0 - 2.0 ** (1 - k))
    said = []
    _, _, report = grow(build_model("spin-chain-cavity", **START), solve, lambda r: r.figures, say=said.append)
    assert solved == [1, 2] and report["levels"] == 2 and report["converged"] and not said
    assert "photon_number" not in report["changes"]
    assert report["mode_figures"]["photon_number"] == pytest.approx(0.5 / 1.5)  # |1.5 - 1.0| / max(1, 1.5, 1)


def test_the_limit_is_reported_as_not_converged_with_a_warning():
    solve, solved = fake_solve(lambda k: 1.0 / k)
    said = []
    result, _, report = grow(build_model("spin-chain-cavity", **START), solve, lambda r: r.figures, say=said.append)
    assert solved == [1, 2, 3, 4, 5, 6, 7] and result.k == 7  # cavity_qubits stops at 7
    assert not report["converged"] and report["levels"] == 128 and report["checked_against"] is None
    # the last step, 64 -> 128 levels: the energy curve moved by 1/6 - 1/7 on a scale of sin(1.5) + 1/6
    assert report["change"] == pytest.approx((1 / 6 - 1 / 7) / (np.sin(1.5) + 1 / 6), rel=1e-12)
    assert len(said) == 7 and said[-1].startswith("warning:") and "did not converge within 128 levels" in said[-1]


def test_change_is_relative_to_the_scale_with_a_floor_of_one_and_skips_undefined_points():
    assert figure_change([100.0, 200.0], [100.0, 200.002]) == pytest.approx(0.002 / 200.002)
    assert figure_change([1e-15, 0.0], [3e-15, 0.0]) == pytest.approx(2e-15)  # no 0/0
    assert figure_change([np.nan, 1.0, 2.0], [np.nan, 1.0, 2.5]) == pytest.approx(0.2)
    assert figure_change([np.nan], [1.0]) == 0.0
    assert figure_change(0.3, 0.3000001) == pytest.approx(1e-7)


def test_fixed_and_exact_truncations_are_reported_as_such():
    fixed = fixed_report(build_model("spin-chain-cavity", N=1, cavity_qubits=3))
    assert fixed["levels"] == 8 and fixed["converged"] is None and "not checked" in fixed["note"]
    exact = fixed_report(build_model("dicke", N=1, rwa=True))
    assert exact["levels"] == 2 and exact["converged"] is True and not exact["automatic"]
    assert fixed_report(build_model("star-network")) is None
    with pytest.raises(ValueError, match="no automatic truncated mode"):
        grow(build_model("spin-chain-cavity", N=1, cavity_qubits=3), lambda m: None, lambda r: {})
    with pytest.raises(ValueError, match="tol must be > 0"):
        grow(build_model("spin-chain-cavity", **START), lambda m: None, lambda r: {}, tol=0)


def test_an_unregistered_model_cannot_grow_and_says_why():
    from qbcircuit import operators as ops
    from qbcircuit.models import BatteryModel, InitialState, TruncatedMode
    from qbcircuit.reference import time_series

    model = BatteryModel(
        name="my-cavity", num_qubits=2, qubit_labels=("cell", "mode bit 0"), battery_qubits=(0,),
        battery_hamiltonian=ops.number(0, 1), hamiltonian=ops.exchange(0, 1, 2),
        initial_state=InitialState.from_bitstring("10"),
        truncated_mode=TruncatedMode((1,), "mode_qubits", automatic=True, max_qubits=4),
    )
    with pytest.raises(ValueError, match="'my-cavity' is not registered, so it cannot be rebuilt"):
        time_series(model, [0.0, 1.0])
