"""The exact answer by name (reference/exact.py): an automatic truncation grown until the
full model leaves its top levels empty, and ensembles averaged with standard errors."""

import json

import numpy as np
import pytest

from qbcircuit.cli.main import main
from qbcircuit.models import build_model
from qbcircuit.reference import steady_state_figures, time_series
from qbcircuit.reference.exact import exact_steady_state, exact_time_series
from qbcircuit.reference.truncation import TAIL_TOL, grow_mode, tail_population

TIMES = np.linspace(0, 15, 31)
COHERENT = dict(N=1, charging="coherent", f=2.0)


def test_tail_population_reads_the_top_quarter_at_its_worst_time():
    p = np.zeros((3, 16))
    p[:, 0] = 1
    p[1, 0], p[1, 12], p[1, 15] = 0.7, 0.2, 0.1  # levels 12..15 are the top quarter
    p[2, 0], p[2, 11] = 0.5, 0.5  # level 11 is not
    assert tail_population(p) == pytest.approx(0.3)
    assert tail_population([0.9, 0.1]) == pytest.approx(0.1)  # two levels: the top one


def test_grow_mode_stops_at_the_parameter_limit_and_says_so():
    class Result:
        def __init__(self, k):
            self.info = {"truncation": {"levels": 2**k, "tail_population": 0.5, "tail_tol": TAIL_TOL, "converged": False}}

    class Mode:
        def __init__(self, k):
            self.qubits, self.max_qubits = tuple(range(k)), 3

    class Model:
        def __init__(self, k):
            self.truncated_mode, self.k = Mode(k), k

    said = []
    result, model = grow_mode(Model, lambda m: Result(m.k), Model(1), say=said.append)
    report = result.info["truncation"]
    assert report["levels"] == 8 and not report["converged"] and model.k == 3
    assert list(report["history"]) == ["2", "4", "8"] and len(said) == 2


def test_bare_cavity_estimate_is_grown_until_converged_seed_000_coherent():
    # One spin, f = 2: the bare cavity (Poisson, mean 3.2) suggests 16 levels, but with the
    # spin the top quarter of 16 levels holds 1.6e-2; the reference grows to 32 levels,
    # and those agree with 64 levels to 1e-9 (measured: 6.6e-12).
    assert build_model("spin-chain-cavity", **COHERENT).truncated_mode.levels == 16
    grown = exact_time_series("spin-chain-cavity", COHERENT, TIMES, refine=False)
    report = grown.info["truncation"]
    assert report["levels"] == 32 and report["converged"]
    assert report["history"]["16"] > 1e-3 and report["history"]["32"] < TAIL_TOL
    wide = time_series(build_model("spin-chain-cavity", cavity_qubits=6, **COHERENT), TIMES, refine=False)
    narrow = time_series(build_model("spin-chain-cavity", cavity_qubits=4, **COHERENT), TIMES, refine=False)
    def change(a, b):
        return max(np.max(np.abs(a.series[key] - b.series[key])) for key in ("energy", "ergotropy"))

    assert change(grown, wide) < 1e-9
    assert change(narrow, wide) > 1e-3  # the bare estimate was not enough (measured: 2.5e-3)


def test_a_fixed_truncation_is_kept_and_its_tail_reported():
    fixed = exact_time_series("spin-chain-cavity", {**COHERENT, "cavity_qubits": 3}, TIMES, refine=False)
    report = fixed.info["truncation"]
    assert report["levels"] == 8 and not report["converged"] and report["tail_population"] > 0.1


def test_cli_reports_the_grown_truncation_and_averages_disorder(capsys):
    code = main(["exact", "spin-chain-cavity", "-p", "N=1", "-p", "charging=coherent", "-p", "f=2",
                 "--t-final", "15", "--points", "31", "--json"])
    data = json.loads(capsys.readouterr()[0])
    assert code == 0 and data["truncation"]["levels"] == 32 and data["truncation"]["converged"]

    params = dict(N=2, J=0.5, W=0.6, n_B=2.0, cavity_qubits=1, realisations=5, seed=3)
    code = main(["exact", "spin-chain-cavity", *sum((["-p", f"{k}={v}"] for k, v in params.items()), []),
                 "--steady-state", "--json"])
    data = json.loads(capsys.readouterr()[0])
    each = [steady_state_figures(build_model("spin-chain-cavity", **{**params, "seed": s})).figures["ergotropy"]
            for s in range(3, 8)]
    assert code == 0 and data["realisations"] == 5
    assert data["ergotropy"] == pytest.approx(np.mean(each), abs=1e-12)
    assert data["ergotropy_stderr"] == pytest.approx(np.std(each, ddof=1) / np.sqrt(5), abs=1e-12)
    assert data["steady_state_unique"]  # disorder breaks the chain's reflection


def test_text_output_shows_errors_and_the_truncation(capsys):
    code = main(["exact", "spin-chain-cavity", "-p", "N=1", "-p", "W=0.6", "-p", "realisations=2", "--steady-state"])
    out = capsys.readouterr()[0]
    assert code == 0 and "mean over 2 realisations" in out and "+-" in out
    # n_B = 2: the bare geometric estimate (32 levels) already leaves the top empty
    assert "truncation: 32 levels" in out and "converged" in out and "NOT" not in out


def test_steady_state_ensemble_matches_the_closed_form_per_realisation():
    # Thermal charging with disorder: x^(excitations) on the whole chain, energy
    # x/(1+x) * sum_i omega_a (1 + delta_i) for each realisation (module docstring).
    x = 2 / 3
    params = dict(N=2, J=0.3, W=0.8, cavity_qubits=1, realisations=4)
    result = exact_steady_state("spin-chain-cavity", params)
    energies = [x / (1 + x) * (2 + build_model("spin-chain-cavity", **{**params, "seed": s}).extras["disorder"].sum())
                for s in range(4)]
    assert result.figures["battery_energy"] == pytest.approx(np.mean(energies), abs=1e-8)


def test_steady_state_without_the_spectrum_is_the_same_state():
    # Disorder: a unique kernel, so skipping the slow eigenvalues changes nothing but the
    # report (gap and degeneracy unknown).
    params = dict(N=3, J=0.8, W=0.5, charging="coherent", f=0.2, cavity_qubits=1, realisations=2)
    full = exact_steady_state("spin-chain-cavity", params)
    quick = exact_steady_state("spin-chain-cavity", params, spectrum=False)
    assert full.degeneracy == 1 and quick.degeneracy == -1 and np.isnan(quick.gap)
    for key in ("delta_E", "ergotropy", "photon_number"):
        assert quick.figures[key] == pytest.approx(full.figures[key], abs=1e-9)
    assert quick.residual < 1e-10
