"""The qbc command: JSON answers hold the physics; mistakes get one line and exit 2."""

import json
import subprocess
import sys

import numpy as np
import pytest

from tests.cli.helpers import run


def test_models_lists_parameters_with_units(capsys):
    code, out, _ = run(capsys, "models")
    assert code == 0
    assert "star-network" in out and "delta_mu" in out and "[gamma]" in out


def test_exact_steady_state_json_matches_closed_form(capsys):
    code, out, _ = run(capsys, "exact", "star-network", "-p", "bath=collective", "-p", "mu=3", "-p", "T=0.5",
                       "--steady-state", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["model"] == "star-network" and data["parameters"]["mu"] == 3.0
    assert data["ergotropy_ratio"] == pytest.approx(np.tanh((3 - 1) / (2 * 0.5)), abs=1e-9)
    assert {"energy", "ergotropy", "liouvillian_gap"} <= data.keys()


def test_exact_steady_state_without_the_spectrum_gives_the_same_state_and_says_the_gap_is_unknown(capsys):
    args = ("exact", "star-network", "-p", "bath=collective", "-p", "mu=3", "-p", "T=0.5", "--steady-state")
    code, out, _ = run(capsys, *args, "--no-spectrum", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["ergotropy_ratio"] == pytest.approx(np.tanh((3 - 1) / (2 * 0.5)), abs=1e-9)
    assert data["liouvillian_gap"] is None and data["steady_state_degeneracy"] == -1
    assert data["steady_state_unique"] is None  # not computed: neither unique nor degenerate
    code, out, _ = run(capsys, *args, "--no-spectrum")
    assert code == 0 and "liouvillian_gap    not computed (--no-spectrum)" in out
    code, _, err = run(capsys, "exact", "star-network", "--t-final", "1", "--no-spectrum")
    assert code == 2 and "--no-spectrum goes with --steady-state" in err


def test_exact_time_series_json(capsys):
    code, out, _ = run(capsys, "exact", "star-network", "-p", "N=2", "--t-final", "5", "--points", "11", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["times"]) == len(data["energy"]) == len(data["ergotropy"]) == len(data["power"]) == 11
    # the refined maximum is at least the grid maximum
    assert data["power_max"] >= max(p for p in data["power"] if p is not None) - 1e-12


def test_table_output_has_units(capsys):
    code, out, _ = run(capsys, "exact", "star-network", "--steady-state")
    assert code == 0 and "ergotropy_ratio" in out and "gamma" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["exact", "nope", "--steady-state"], "unknown model 'nope'"),
        (["exact", "star-network", "-p", "T=0", "--steady-state"], "'T' must be a number in (0, 1e+06], got '0'"),
        (["exact", "star-network", "-p", "gamma=-1", "--steady-state"], "'gamma' must be"),
        (["exact", "star-network", "-p", "Q=1", "--steady-state"], "no parameter 'Q'"),
        (["exact", "star-network", "-p", "mu", "--steady-state"], "-p takes NAME=VALUE"),
        (["exact", "star-network", "--t-final", "-1"], "--t-final must be > 0"),
    ],
)
def test_bad_input_one_line_nonzero_exit(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_installed_command_exits_nonzero_without_traceback():
    proc = subprocess.run([sys.executable, "-m", "qbcircuit.cli.main", "exact", "star-network", "-p", "N=0",
                           "--steady-state"], capture_output=True, text=True)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "qbc: error: parameter 'N' must be an integer in [1, 10], got '0'"
