"""Issue 19, items 6 and 7: conflicting input is refused in one line (exit 2), and every
check that can run before work starts runs before anything is written."""

import pytest

from qbcircuit.cli.common import UsageError, merge_option, parse_params
from qbcircuit.sweep import make_plan, parse_values
from tests.cli.helpers import one_line_error, run


# --- item 6: conflicts -------------------------------------------------------------------------
def test_a_parameter_given_twice_is_refused_not_the_last_kept(capsys):
    code, _, err = run(capsys, "exact", "spin-chain", "-p", "N=3", "-p", "N=4", "--t-final", "1", "--points", "3")
    line = one_line_error(err)
    assert code == 2 and "'N' is given twice" in line and "N=3" in line and "N=4" in line


def test_parse_params_keeps_distinct_names_and_refuses_repeats():
    assert parse_params(["N=3", " g = 0.5"]) == {"N": "3", "g": "0.5"}
    with pytest.raises(UsageError, match="given twice"):
        parse_params(["g=1", "g=1"])  # even with the same value: one spelling, once


def test_a_sweep_axis_given_twice_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "sweep", "star-network", "-p", "T=1:2:2", "-p", "T=3:4:2", "--steady-state",
                       "--out", str(tmp_path / "s"))
    assert code == 2 and "'T' is given twice" in one_line_error(err)
    assert not (tmp_path / "s").exists()


@pytest.mark.parametrize("spec", ["1,,2", ",1,2", "1,2,"])
def test_an_empty_list_item_is_refused(spec):
    with pytest.raises(ValueError, match="empty item"):
        parse_values("T", spec)


def test_an_empty_list_item_on_the_command_line(capsys, tmp_path):
    code, _, err = run(capsys, "sweep", "star-network", "-p", "T=1,,2", "--steady-state", "--out", str(tmp_path / "s"))
    assert code == 2 and "empty item" in one_line_error(err)
    assert not (tmp_path / "s").exists()


def test_lists_without_empty_items_still_work():
    assert parse_values("T", "1, 2 ,3") == ("1", "2", "3")
    plan = make_plan("star-network", {"T": "1,2", "mu": "0:1:3"})
    assert len(plan) == 6


def test_an_option_and_the_same_parameter_in_two_spellings_are_refused(capsys):
    code, _, err = run(capsys, "pulse", "single-cell", "--envelope", "gaussian", "-p", "envelope=square")
    line = one_line_error(err)
    assert code == 2 and "--envelope gaussian" in line and "envelope=square" in line


def test_merge_option_sets_the_parameter_when_given_once():
    assert merge_option({"theta": "1"}, "envelope", "gaussian", "--envelope") == {"theta": "1", "envelope": "gaussian"}
    assert merge_option({"envelope": "square"}, "envelope", None, "--envelope") == {"envelope": "square"}


# --- item 7: checks before anything is written ----------------------------------------------------
@pytest.mark.parametrize("extra, words", [
    (["--zne", "0,1"], "--zne"),
    (["--seed", "-1"], "--seed must be >= 0"),
    (["--shots", "0"], "--shots"),
])
def test_bad_run_options_leave_no_folder(capsys, tmp_path, extra, words):
    out = tmp_path / "run"
    code, _, err = run(capsys, "run", "spin-charger", "-p", "M=1", "-p", "N=1", "--t-final", "1", "--points", "3",
                       "--out", str(out), *extra)
    assert code == 2 and words in one_line_error(err)
    assert not out.exists()


def test_a_circuit_too_wide_for_the_device_leaves_no_folder(capsys, tmp_path):
    out = tmp_path / "run"
    code, _, err = run(capsys, "run", "spin-chain", "-p", "N=8", "--t-final", "1", "--points", "3",
                       "--backend", "fake-manila", "--out", str(out))
    line = one_line_error(err)
    assert code == 2 and "5 qubits" in line and "needs 8" in line
    assert not out.exists()


def test_pipeline_run_checks_the_seed_before_writing(tmp_path):
    import qbcircuit as qbc

    out = tmp_path / "run"
    with pytest.raises(ValueError, match="seed must be >= 0"):
        qbc.run(qbc.build_model("spin-charger", M=1, N=1), "aer-ideal", [0.0, 0.5, 1.0], seed=-1, out=out)
    assert not out.exists()


def test_a_sweep_with_a_negative_seed_fails_at_once_not_per_point(capsys, tmp_path):
    out = tmp_path / "s"
    code, _, err = run(capsys, "sweep", "spin-charger", "-p", "M=1", "-p", "N=1,2", "--t-final", "1", "--points", "3",
                       "--backend", "aer-ideal", "--seed", "-3", "--out", str(out))
    assert code == 2 and "--seed must be >= 0" in one_line_error(err)
    assert not out.exists()


def test_a_circuit_sweep_too_wide_for_the_device_fails_once(tmp_path):
    from qbcircuit.sweep import create_sweep

    with pytest.raises(ValueError, match="has 5 qubits; model 'spin-chain' needs 8"):
        create_sweep("spin-chain", {"N": 8, "g": "0.1,0.2"}, tmp_path / "s", kind="circuit-time-series",
                     options={"backend": "fake-manila", "t_final": 1.0, "points": 3, "dt": 0.1})
    assert not (tmp_path / "s").exists()
