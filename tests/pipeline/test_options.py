"""The run options are checked once, in the pipeline: one-line errors that name the
parameter and its range, before anything is compiled; the command line says them with
its flags and exits with status 2."""

import numpy as np
import pytest

from qbcircuit import pipeline
from qbcircuit.cli.main import main
from qbcircuit.models import build_model
from qbcircuit.pipeline import OptionError, check_options


@pytest.fixture(scope="module")
def closed():
    return build_model("spin-charger", M=1, N=1)


@pytest.fixture(scope="module")
def open_model():
    return build_model("star-network", N=1, bath="local")


@pytest.mark.parametrize("options, parameter, message", [
    ({"shots": 0}, "shots", "shots must be >= 1, got 0"),
    ({"shots": 2.5}, "shots", "shots must be >= 1, got 2.5"),
    ({"dt": 0.0}, "dt", "dt must be > 0, got 0.0"),
    ({"dt": float("nan")}, "dt", "dt must be > 0, got nan"),
    ({"t_final": -1.0}, "t_final", "t_final must be > 0, got -1.0"),
    ({"points": 1}, "points", "points must be >= 2, got 1"),
    ({"order": 3}, "order", "order must be 1, 2 or 4, got 3"),
    ({"zne": (1, 2)}, "zne", "zne must be distinct odd noise factors >= 1"),
    ({"zne": (1, 1)}, "zne", "zne must be distinct odd noise factors >= 1"),
    ({"approximation": "magic"}, "approximation", "approximation must be None, secular or clipped"),
    ({"times": [0.5, 1.0]}, "times", "times must start at 0, increase and hold at least two points"),
    ({"times": [0.0]}, "times", "times must start at 0"),
    ({"times": [0.0, 1.0, 1.0]}, "times", "times must start at 0"),
    ({"t_relax": 3.0}, "t_relax", "t_relax goes with steady_state=True"),
    ({"steady_state": True, "t_relax": 0.0}, "t_relax", "t_relax must be > 0, got 0.0"),
    ({"steady_state": True, "steps": 0}, "steps", "steps must be >= 1, got 0"),
    ({"steady_state": True, "times": [0.0, 1.0]}, "times", "times go with a time series"),
])
def test_each_option_out_of_range_is_one_line_naming_it(options, parameter, message):
    with pytest.raises(OptionError) as info:
        check_options(**options)
    assert info.value.parameter == parameter and str(info.value).startswith(message)
    assert "\n" not in str(info.value) and isinstance(info.value, ValueError)


def test_steady_state_needs_an_open_model(closed, open_model):
    with pytest.raises(OptionError, match="steady_state needs an open model; 'spin-charger' has no dissipation"):
        check_options(closed, steady_state=True)
    check_options(open_model, steady_state=True, t_relax=2.0, steps=10)  # fine
    assert check_options(closed, backend="aer-ideal", times=[0, 1], shots=10).name == "aer-ideal"


def test_run_refuses_before_compiling(closed, monkeypatch):
    import qbcircuit.pipeline.chain as chain

    def no_planning(*args, **kwargs):
        raise AssertionError("planned despite a bad option")

    monkeypatch.setattr(chain, "plan_time_series", no_planning)
    with pytest.raises(OptionError, match="^shots must be >= 1"):
        pipeline.run(closed, "aer-ideal", np.linspace(0, 1, 3), shots=0)
    with pytest.raises(OptionError, match="^times are needed for a time series"):
        pipeline.run(closed, "aer-ideal")
    with pytest.raises(ValueError, match="no-such-profile"):
        pipeline.run(closed, "no-such-profile", [0, 1])


@pytest.mark.parametrize("argv, message", [
    (["--t-final", "1", "--shots", "0"], "--shots must be >= 1, got 0"),
    (["--t-final", "1", "--dt", "-1"], "--dt must be > 0, got -1.0"),
    (["--t-final", "0"], "--t-final must be > 0, got 0.0"),
    (["--t-final", "1", "--points", "1"], "--points must be >= 2, got 1"),
    (["--t-final", "1", "--zne", "1,2"], "--zne must be distinct odd noise factors >= 1"),
    (["--t-final", "1", "--zne", "a"], "--zne takes odd factors separated by commas"),
    (["--steady-state"], "--steady-state needs an open model"),
])
def test_cli_says_them_with_its_flags_and_exits_2(argv, message, tmp_path, capsys):
    out = tmp_path / "r"
    assert main(["run", "spin-charger", "-p", "M=1", "-p", "N=1", *argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err
    assert not out.exists()


def test_cli_steady_state_checks(tmp_path, capsys):
    base = ["run", "star-network", "-p", "N=1", "-p", "bath=local", "--steady-state", "--out", str(tmp_path / "r")]
    assert main([*base, "--t-relax", "0"]) == 2
    assert main([*base, "--steps", "0"]) == 2
    err = capsys.readouterr().err
    assert "--t-relax must be > 0, got 0.0" in err and "--steps must be >= 1, got 0" in err


def test_zne_and_readout_mitigation_on_the_estimator_route_become_the_runtimes_options():
    """--zne and --readout-mitigation are the sampler's; on the estimator route they ask the
    runtime's Estimator for the same (ZNE with those factors, TREX) at the levels above 0,
    instead of being ignored."""
    profile = check_options(backend="ibm-local-manila", route="estimator", zne=(1, 3, 5), readout_mitigation=True)
    assert profile.zne_mitigation is True and profile.zne_noise_factors == (1.0, 3.0, 5.0)
    assert profile.measure_mitigation is True
    sampler = check_options(backend="ibm-local-manila", zne=(1, 3, 5))  # the sampler route folds by itself
    assert sampler.zne_mitigation is None and sampler.route == "sampler"
    with pytest.raises(OptionError, match="zne.*cannot go with PEC"):
        check_options(backend="ibm-local-manila", route="estimator", zne=(1, 3, 5), pec=True)
    with pytest.raises(ValueError, match="'exponential' needs at least 3 zne_noise_factors"):
        check_options(backend="ibm-local-manila", route="estimator", zne=(1, 3))
