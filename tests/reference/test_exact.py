"""The exact entry points answer for the model as it describes itself: its master equation
(the Redfield trap), its automatic truncation grown until the reported figures converge,
and its ensemble averaged with standard errors; from Python and from ``qbc exact`` alike."""

import json
import subprocess
import sys

import numpy as np
import pytest

from qbcircuit.cli.main import main
from qbcircuit.metrics import ergotropy
from qbcircuit.models import build_model
from qbcircuit.models.core import SECULAR_CUTOFF
from qbcircuit.reference import TRUNCATION_TOL, steady_state_figures, time_series

TIMES = np.linspace(0, 15, 31)
COHERENT = dict(N=1, charging="coherent", f=2.0)


def argv(params):
    return sum((["-p", f"{k}={v}"] for k, v in params.items()), [])


def worst_change(a, b, keys=("energy", "battery_energy", "ergotropy", "delta_E", "efficiency")):
    """The truncation measure, computed here from two results."""
    out = 0.0
    for key in keys:
        x, y = np.asarray(a.figures[key]), np.asarray(b.figures[key])
        ok = np.isfinite(x) & np.isfinite(y)
        out = max(out, np.max(np.abs(x[ok] - y[ok])) / max(1.0, np.max(np.abs(x[ok])), np.max(np.abs(y[ok]))))
    return out


# --- the Redfield trap: the model's own master equation, from Python and from the CLI ------
REDFIELD = dict(equation="redfield", Delta=0.05, T1=2.0, T2=0.5)


def test_redfield_efficiency_is_the_same_from_python_and_the_cli_and_not_the_secular_one(capsys):
    model = build_model("driven-dissipative", **REDFIELD)
    assert model.sec_cutoff == -1
    api = steady_state_figures(model).figures["efficiency"]
    code = main(["exact", "driven-dissipative", *argv(REDFIELD), "--steady-state", "--json"])
    cli = json.loads(capsys.readouterr()[0])["efficiency"]
    assert code == 0 and api == pytest.approx(cli, abs=1e-12)
    # the secular-cutoff answer (what the Python entry point gave before) is another number
    secular = steady_state_figures(model, sec_cutoff=SECULAR_CUTOFF).figures["efficiency"]
    assert abs(api - secular) > 1e-2  # measured: 0.1338 against 0.1561

    times = np.linspace(0, 40, 9)
    api_curve = time_series(model, times, refine=False).figures["efficiency"]
    code = main(["exact", "driven-dissipative", *argv(REDFIELD), "--t-final", "40", "--points", "9", "--json"])
    cli_curve = json.loads(capsys.readouterr()[0])["efficiency"]
    assert code == 0
    np.testing.assert_allclose(api_curve[1:], cli_curve[1:], atol=1e-12)
    secular_curve = time_series(model, times, refine=False, sec_cutoff=SECULAR_CUTOFF).figures["efficiency"]
    assert np.max(np.abs(api_curve[1:] - secular_curve[1:])) > 1e-2  # measured: 0.034


# --- truncation ------------------------------------------------------------------------------
def test_coherent_cavity_is_grown_until_one_more_qubit_does_not_move_the_curves():
    # One spin, f = 2: the bare cavity (Poisson, mean 3.2) starts at 16 levels; with the
    # spin, 16 -> 32 levels moves the curves by 4e-3, 32 -> 64 by 8e-12: 32 levels.
    assert build_model("spin-chain-cavity", **COHERENT).truncated_mode.levels == 16
    grown = time_series(build_model("spin-chain-cavity", **COHERENT), TIMES, refine=False)
    report = grown.info["truncation"]
    assert report["levels"] == 32 and report["checked_against"] == 64 and report["converged"]
    assert [s["levels"] for s in report["history"]] == [16, 32] and report["history"][0]["change"] > 1e-3
    assert set(report["changes"]) == {"energy", "battery_energy", "ergotropy", "power", "delta_E", "efficiency"}
    assert set(report["mode_figures"]) == {"photon_number"}
    assert grown.parameters["cavity_qubits"] == 0  # the user's parameters; the levels are in the report
    # independent solves at fixed truncations
    wide = time_series(build_model("spin-chain-cavity", cavity_qubits=6, **COHERENT), TIMES, refine=False)
    narrow = time_series(build_model("spin-chain-cavity", cavity_qubits=4, **COHERENT), TIMES, refine=False)
    assert worst_change(grown, wide) < TRUNCATION_TOL
    assert worst_change(grown, wide) == pytest.approx(report["change"], rel=1e-6, abs=1e-13)
    assert worst_change(narrow, wide) > 1e3 * TRUNCATION_TOL  # the bare estimate was not enough (measured: 4e-3)


def test_a_fixed_truncation_is_used_as_given_and_says_it_was_not_checked():
    fixed = time_series(build_model("spin-chain-cavity", cavity_qubits=3, **COHERENT), TIMES, refine=False)
    report = fixed.info["truncation"]
    assert report["levels"] == 8 and report["converged"] is None and not report["automatic"]


def test_thermal_steady_state_converges_at_two_levels_and_flags_the_photon_number():
    # Seed 000's default thermal charging, N = 3, J = 1 (past the level crossing): the chain
    # ends in x^k on the reflection-even states with k excitations, x = n_B/(n_B + 1), whatever
    # the truncation (module docstring); the cavity's own photon number does depend on it.
    model = build_model("spin-chain-cavity", N=3, J=1.0)
    result = steady_state_figures(model)
    report = result.info["truncation"]
    assert report["levels"] == 2 and report["converged"] and report["change"] < 1e-10
    assert report["mode_figures"]["photon_number"] > 0.1  # reported: 2 levels cannot hold n_B = 2 photons
    x = 2 / 3
    reflect = np.zeros((8, 8))
    for i in range(8):
        reflect[int(format(i, "03b")[::-1], 2), i] = 1
    weights = np.diag([x ** bin(i).count("1") for i in range(8)])
    rho = (np.eye(8) + reflect) / 2 @ weights
    rho /= np.trace(rho)
    h_b = model.battery_hamiltonian.to_matrix()
    assert result.figures["delta_E"] == pytest.approx(np.trace(h_b @ rho).real - model.extras["ground_energy"], abs=1e-8)
    assert result.ergotropy == pytest.approx(ergotropy(rho, h_b), abs=1e-8)
    assert (round(result.energy, 4), round(result.ergotropy, 4)) == (1.5511, 0.5613)


def test_building_a_model_runs_no_solver():
    code = ("import sys; from qbcircuit.models import build_model; "
            "build_model('dicke', N=3, g=0.5); build_model('dicke', N=100); build_model('spin-chain-cavity', N=3); "
            "print(sorted(m for m in sys.modules if m.startswith(('qbcircuit.reference', 'qutip'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# --- ensembles and the CLI ------------------------------------------------------------------
def test_cli_reports_the_grown_truncation_and_averages_disorder(capsys):
    code = main(["exact", "spin-chain-cavity", *argv(COHERENT), "--t-final", "15", "--points", "31", "--json"])
    data = json.loads(capsys.readouterr()[0])
    assert code == 0 and data["truncation"]["levels"] == 32 and data["truncation"]["converged"]

    params = dict(N=2, J=0.5, W=0.6, n_B=2.0, cavity_qubits=1, realisations=5, seed=3)
    code = main(["exact", "spin-chain-cavity", *argv(params), "--steady-state", "--json"])
    data = json.loads(capsys.readouterr()[0])
    each = [steady_state_figures(build_model("spin-chain-cavity", **{**params, "seed": s, "realisations": 1})).ergotropy
            for s in range(3, 8)]
    assert code == 0 and data["realisations"] == 5
    assert data["ergotropy"] == pytest.approx(np.mean(each), abs=1e-12)
    assert data["ergotropy_stderr"] == pytest.approx(np.std(each, ddof=1) / np.sqrt(5), abs=1e-12)
    assert data["steady_state_unique"]  # disorder breaks the chain's reflection


def test_text_output_shows_errors_and_the_truncation(capsys):
    code = main(["exact", "spin-chain-cavity", "-p", "N=1", "-p", "W=0.6", "-p", "realisations=2", "--steady-state"])
    out = capsys.readouterr()[0]
    assert code == 0 and "mean over 2 realisations" in out and "+-" in out
    assert "truncation: 2 levels (cavity_qubits=1), converged" in out and "NOT" not in out
    assert "photon_number: a figure of the mode itself, not converged on" in out
    assert "checked on the first realisation" in out


def test_steady_state_ensemble_matches_the_closed_form_per_realisation():
    # Thermal charging with disorder: x^(excitations) on the whole chain, energy
    # x/(1+x) * sum_i omega_a (1 + delta_i) for each realisation (module docstring).
    x = 2 / 3
    params = dict(N=2, J=0.3, W=0.8, realisations=4)  # automatic truncation, grown on the first
    result = steady_state_figures(build_model("spin-chain-cavity", **params))
    energies = [x / (1 + x) * (2 + build_model("spin-chain-cavity", **{**params, "seed": s}).extras["disorder"].sum())
                for s in range(4)]
    assert result.figures["battery_energy"] == pytest.approx(np.mean(energies), abs=1e-8)
    assert result.info["realisations"] == 4 and result.info["truncation"]["levels"] == 2


def test_time_series_ensemble_is_the_mean_of_its_realisations():
    params = dict(N=2, J=0.3, W=0.8, realisations=3, cavity_qubits=1)
    times = np.linspace(0, 4, 5)
    result = time_series(build_model("spin-chain-cavity", **params), times)
    each = [time_series(build_model("spin-chain-cavity", **{**params, "seed": s, "realisations": 1}), times,
                        refine=False).energy for s in range(3)]
    np.testing.assert_allclose(result.energy, np.mean(each, axis=0), atol=1e-12)
    np.testing.assert_allclose(result.figures["energy_stderr"], np.std(each, axis=0, ddof=1) / np.sqrt(3), atol=1e-12)
    k = int(np.argmax(result.energy))
    assert result.maxima["energy"] == (times[k], result.energy[k])  # of the mean curve, on the grid


def test_steady_state_without_the_spectrum_is_the_same_state():
    # Disorder: a unique kernel, so skipping the slow eigenvalues changes nothing but the
    # report (gap and degeneracy unknown).
    model = build_model("spin-chain-cavity", N=3, J=0.8, W=0.5, charging="coherent", f=0.2, cavity_qubits=1,
                        realisations=2)
    full = steady_state_figures(model)
    quick = steady_state_figures(model, spectrum=False)
    assert full.degeneracy == 1 and quick.degeneracy == -1 and np.isnan(quick.gap)
    for key in ("delta_E", "ergotropy", "photon_number"):
        assert quick.figures[key] == pytest.approx(full.figures[key], abs=1e-9)
    assert quick.residual < 1e-10
