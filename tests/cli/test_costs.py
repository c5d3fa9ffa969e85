"""Issue 19, item 2: every command estimates its cost before any work and refuses, in one
line and with exit status 2, what is beyond the machine's means; nothing is written then.

Each case would run for minutes to years (or allocate tens of GB) without the check: the
subprocess and in-process calls below return in seconds, and a timeout guards them.
"""

import subprocess
import sys
import time

from tests.cli.helpers import one_line_error, run


def test_a_billion_point_sweep_is_refused_from_its_count_not_its_values(tmp_path):
    """The range is counted, never materialised: a child process refuses with < 1 GB of memory
    (it grew to 17.8 GB in 35 s before)."""
    out = tmp_path / "sweep"
    # a wrapper process runs the command and reports the peak memory of its own child only
    wrapper = ("import resource, subprocess, sys; "
               "done = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
               "sys.stderr.write(done.stderr); "
               "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(done.returncode)")
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "qbcircuit.cli.main", "sweep",
                           "star-network", "-p", "T=1:2:1000000000", "--steady-state", "--out", str(out)],
                          capture_output=True, text=True, timeout=120)
    elapsed = time.monotonic() - start
    peak_kb = int(done.stdout.split()[-1])  # Linux: KB
    assert done.returncode == 2
    line = one_line_error(done.stderr)
    assert "1000000000 values" in line and "at most 1000000" in line
    assert peak_kb < 1_000_000
    assert not out.exists()
    print(f"refused in {elapsed:.2f} s, child peak RSS <= {peak_kb / 1e3:.0f} MB")


def test_a_product_of_axes_beyond_the_limit_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "sweep", "star-network", "-p", "T=1:2:2000", "-p", "mu=0:1:1000", "--steady-state",
                       "--out", str(tmp_path / "s"))
    assert code == 2 and "2000 x 1000 = 2000000 points" in one_line_error(err)
    assert not (tmp_path / "s").exists()


def test_a_drive_over_a_billion_time_units_is_refused_from_its_step_count(capsys):
    """3 points, but the integrator's steps scale with t_final x omega: ~5e8 steps (measured: 19 s
    for t_final = 1e3, 415 s for 1e4) is refused, not started."""
    code, _, err = run(capsys, "exact", "single-cell", "--t-final", "1e9", "--points", "3")
    line = one_line_error(err)
    assert code == 2 and "solver steps" in line and "more than the limit" in line


def test_a_feasible_window_of_the_same_model_passes_the_check():
    from qbcircuit import build_model
    from qbcircuit.reference import cost

    model = build_model("single-cell")
    estimate = cost.estimate_time_series(model, [0.0, 1.0, 100.0])
    assert cost.check(estimate) is estimate
    assert 50 <= estimate.steps <= 1000  # omega0 / 2 x 100 time units, with the drive's peak


def test_tavis_cummings_beyond_memory_is_refused_before_any_work(capsys):
    """The block of 20001 states builds in milliseconds; the figures of merit's dense 20001^2
    battery Hamiltonian would need ~26 GB: refused against an explicit --max-memory."""
    start = time.monotonic()
    code, _, err = run(capsys, "exact", "tavis-cummings", "-p", "n=20000", "-p", "M=20000", "--max-memory", "4")
    line = one_line_error(err)
    assert code == 2 and "would need" in line and "max_memory_gb=4" in line and "20001" in line
    assert time.monotonic() - start < 60


def test_tavis_cummings_at_the_issue_size_is_refused_not_allocated(capsys):
    code, _, err = run(capsys, "exact", "tavis-cummings", "-p", "n=100000", "-p", "M=100000", "--max-memory", "64")
    assert code == 2 and "GB" in one_line_error(err)


def test_spin_chain_cavity_at_six_spins_is_estimated_and_refused_below_its_needs(capsys):
    """N = 6 starts at 7 qubits (d^2 = 16384 unknowns): an explicit budget below the estimate
    refuses at once, naming the density matrices it would hold."""
    code, _, err = run(capsys, "exact", "spin-chain-cavity", "-p", "N=6", "--steady-state", "--max-memory", "0.001")
    line = one_line_error(err)
    assert code == 2 and "steady state of spin-chain-cavity on 7 qubits" in line and "dimension 128" in line


def test_a_long_feasible_solve_announces_its_estimate():
    from qbcircuit import build_model
    from qbcircuit.reference import cost

    said = []
    estimate = cost.estimate_steady_state(build_model("spin-chain-cavity", N=6))
    assert estimate.unknowns == 128**2
    cost.check(estimate, say=said.append)
    assert len(said) == 1 and said[0].startswith("estimate: steady state of spin-chain-cavity")


def test_a_billion_trotter_steps_are_refused_before_the_circuit_is_built(capsys):
    code, _, err = run(capsys, "compile", "spin-chain", "--t-final", "1", "--trotter-steps", "1000000000")
    line = one_line_error(err)
    assert code == 2 and "1000000000 Trotter steps" in line and "operations" in line


def test_a_tiny_dt_is_refused_before_anything_is_written(capsys, tmp_path):
    out = tmp_path / "run"
    code, _, err = run(capsys, "run", "spin-chain", "--t-final", "1", "--dt", "1e-7", "--out", str(out))
    assert code == 2 and "Trotter steps" in one_line_error(err)
    assert not out.exists()


def test_the_device_width_is_checked_before_the_circuit_is_compiled(capsys, monkeypatch):
    """compile spin-chain -p N=14 --backend fake_manila: the width answer comes without
    compiling the 14-qubit evolution (nor building any 2^14 object)."""
    import qbcircuit.compile as compile_package

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled before the width check")

    monkeypatch.setattr(compile_package, "compile_evolution", no_compiling)
    code, _, err = run(capsys, "compile", "spin-chain", "-p", "N=14", "--t-final", "1", "--trotter-steps", "2",
                       "--backend", "fake_manila")
    line = one_line_error(err)
    assert code == 2 and "needs 14 qubits" in line and "5" in line


def test_max_memory_must_be_positive(capsys):
    code, _, err = run(capsys, "exact", "star-network", "--steady-state", "--max-memory", "0")
    assert code == 2 and "--max-memory" in one_line_error(err)
