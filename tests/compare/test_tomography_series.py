"""Ergotropy measured by tomography of the battery in a `qbc run` time series.

Spin charger (seed 001), M = N = 1: one battery cell and one charger under the exchange
g (XX + YY)/2, which the compiler realises exactly (one two-qubit block, no Trotter
error), so the only difference between circuit and exact ergotropy is shot noise, and the
bootstrap standard errors must cover it: every point within 3 standard errors. The
charger starts excited, so the battery's reduced state is mixed and passive (ergotropy 0)
at some times and nearly pure and charged (ergotropy ~ omega0) at others.
"""

import json

import numpy as np

from qbcircuit.cli.main import main


def test_tomography_ergotropy_agrees_with_exact_within_three_standard_errors(tmp_path, capsys):
    argv = ["run", "spin-charger", "-p", "M=1", "-p", "N=1", "--t-final", "3", "--points", "7", "--dt", "0.05",
            "--backend", "aer-ideal", "--shots", "8000", "--json", "--out", str(tmp_path / "r")]
    assert main(argv) == 0
    report = json.loads(capsys.readouterr().out)
    measured, exact, ideal = report["measured"], report["exact"], report["ideal_circuit"]
    assert np.allclose(ideal["ergotropy"], exact["ergotropy"], atol=1e-9)  # exact compilation
    value, stderr, truth = (np.array(x, float) for x in (measured["ergotropy"], measured["ergotropy_stderr"], exact["ergotropy"]))
    assert truth.max() > 0.9 and truth.min() < 1e-6  # charged and passive points both present
    assert np.all(stderr > 0)
    assert np.all(np.abs(value - truth) <= 3 * stderr)
    # the energy comes from the same tomography (linear inversion, unbiased)
    e, e_se, e_true = (np.array(x, float) for x in (measured["energy"], measured["energy_stderr"], exact["energy"]))
    assert np.all(np.abs(e - e_true) <= 3 * e_se + 1e-12)
    assert "ergotropy" in report["mitigation"]["raw"]["deviation"]
