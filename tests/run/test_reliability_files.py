"""Damaged inputs and debris (issue 19, items 7 and 8): damaged files are named and recovered,
stale temporaries removed, calibration values finite, result files get the user's mode,
and paths that cannot be written are refused in one line before any work."""

import json
import math
import os
import stat
from pathlib import Path

import pytest

from qbcircuit.calibration import load_calibration, save_calibration
from qbcircuit.cli.main import main
from qbcircuit.io import write_json

RUN = ["run", "spin-charger", "-p", "M=1", "-p", "N=1", "--backend", "aer-ideal", "--t-final", "1", "--points", "3",
       "--shots", "200", "--seed", "4", "-q"]


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """One finished run folder (copied by the tests that damage it)."""
    out = tmp_path_factory.mktemp("runs") / "whole"
    assert main([*RUN, "--out", str(out)]) == 0
    return out


def _copy(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst)
    return dst


def test_a_damaged_run_file_is_named_and_exits_1(finished, tmp_path, capsys):
    run_dir = _copy(finished, tmp_path / "r")
    text = (run_dir / "run.json").read_text()
    (run_dir / "run.json").write_text(text[: len(text) // 2])  # truncated
    capsys.readouterr()
    assert main(["resume", str(run_dir)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(run_dir / "run.json") in err and "damaged" in err


def test_a_damaged_counts_batch_is_run_again_by_resume(finished, tmp_path, capsys):
    run_dir = _copy(finished, tmp_path / "r")
    batch = run_dir / "counts" / "batch-0000.json"
    before = json.loads(batch.read_text())
    batch.write_text('{"job_id": null, "counts": [{"0": 3')
    capsys.readouterr()
    assert main(["resume", str(run_dir)]) == 0
    captured = capsys.readouterr()
    assert f"{batch} is damaged" in captured.err and "run complete" in captured.out
    assert json.loads(batch.read_text()) == before  # the batch's own seed: the same counts again
    assert (run_dir / "report.json").read_text() == (finished / "report.json").read_text().replace(
        str(finished), str(run_dir))


def test_a_damaged_exact_reference_is_computed_again_by_resume(finished, tmp_path, capsys):
    run_dir = _copy(finished, tmp_path / "r")
    (run_dir / "exact.json").write_text("{not json")
    capsys.readouterr()
    assert main(["resume", str(run_dir)]) == 0
    captured = capsys.readouterr()
    assert "exact.json is damaged: computing the exact reference again" in captured.err
    assert "run complete" in captured.out
    assert json.loads((run_dir / "exact.json").read_text()) == json.loads((finished / "exact.json").read_text())


@pytest.mark.parametrize("damage", ["{not json", "[1, 2]", None])
def test_damaged_or_missing_noiseless_circuit_figures_are_computed_again_by_resume(finished, tmp_path, capsys, damage):
    run_dir = _copy(finished, tmp_path / "r")
    ideal = run_dir / "ideal.json"
    if damage is None:
        ideal.unlink()
    else:
        ideal.write_text(damage)
    capsys.readouterr()
    assert main(["resume", str(run_dir)]) == 0
    captured = capsys.readouterr()
    assert "ideal.json is" in captured.err and "computing the noiseless circuits' figures again" in captured.err
    assert "exact.json" not in captured.err  # the exact reference was sound: kept
    assert json.loads(ideal.read_text()) == json.loads((finished / "ideal.json").read_text())
    assert (run_dir / "report.json").read_text() == (finished / "report.json").read_text().replace(
        str(finished), str(run_dir))


def test_stale_temporaries_of_a_killed_write_are_removed_by_resume(finished, tmp_path):
    run_dir = _copy(finished, tmp_path / "r")
    debris = [run_dir / ".circuits.qpy.abc123.tmp", run_dir / "counts" / ".batch-0000.json.x1y2.tmp"]
    for path in debris:
        path.write_bytes(b"\0" * 1000)
    assert main(["resume", str(run_dir)]) == 0
    assert not any(p.exists() for p in debris)
    assert not list(run_dir.rglob(".*.tmp"))


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_result_files_get_the_users_normal_permissions(tmp_path, umask):
    old = os.umask(umask)
    try:
        path = write_json(tmp_path / "x.json", {"a": 1})
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600


def _snapshot_with(tmp_path, field, value) -> Path:
    data = load_calibration("transmon-4q-example").to_dict()
    data["qubits"][1][field] = value
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))  # Python's json writes NaN as a bare NaN, as a hand edit might
    return path


def test_a_calibration_value_that_is_not_finite_is_refused_naming_the_file_and_field(tmp_path, capsys):
    path = _snapshot_with(tmp_path, "t1_us", math.nan)
    with pytest.raises(ValueError, match=r"bad\.json.*qubit 1: t1_us must be > 0, got nan"):
        load_calibration(path)
    assert main(["calibrate", str(path), "--output", str(tmp_path / "out.json")]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "t1_us" in err and not (tmp_path / "out.json").exists()
    with pytest.raises(ValueError, match=r"single_qubit_error must be in \[0, 1\]"):
        load_calibration(_snapshot_with(tmp_path, "single_qubit_error", 1.5))


def test_a_calibration_that_turned_non_finite_is_not_written(tmp_path):
    cal = load_calibration("transmon-4q-example")
    cal.qubits[0].pi_amplitude = math.nan  # as a failed fit would leave it
    with pytest.raises(ValueError, match="not writing .*pi_amplitude must be a finite number, got nan"):
        save_calibration(cal, tmp_path / "new.json")
    assert not (tmp_path / "new.json").exists()


def test_a_malformed_profile_is_skipped_and_the_others_listed(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "config" / "backends"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('kind = "aer"\nmitigation = 3\n')
    (folder / "garbled.toml").write_bytes(b"\xff\xfe[")
    monkeypatch.setenv("QBCIRCUIT_CONFIG_DIR", str(tmp_path / "config"))
    assert main(["backends"]) == 0
    out, err = capsys.readouterr()
    assert "skipped" in err and "broken.toml" in err and "garbled.toml" in err
    assert "aer-ideal" in out and "ibm-local-manila" in out and "broken" not in out


def test_an_out_that_is_a_file_or_under_one_is_refused_in_one_line(tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("mine")
    for out in (blocker, blocker / "sub"):
        assert main([*RUN, "--out", str(out)]) == 2
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and f"{blocker} is a file" in err
        assert main(["sweep", "star-network", "-p", "T=1,2", "--steady-state", "--out", str(out), "--quiet"]) == 2
        assert f"{blocker} is a file" in capsys.readouterr().err
    assert blocker.read_text() == "mine"


def test_qasm_into_a_missing_folder_is_refused_and_nothing_is_created(tmp_path, capsys):
    target = tmp_path / "missing" / "c.qasm"
    assert main(["compile", "spin-charger", "-p", "M=1", "-p", "N=1", "--t-final", "1", "--trotter-steps", "2",
                 "--qasm", str(target)]) == 2
    assert "does not exist (it is not created)" in capsys.readouterr().err
    assert not target.parent.exists()
    target.parent.mkdir()
    assert main(["compile", "spin-charger", "-p", "M=1", "-p", "N=1", "--t-final", "1", "--trotter-steps", "2",
                 "--qasm", str(target)]) == 0
    assert target.read_text().startswith("OPENQASM 3")


def test_a_kill_during_a_write_leaves_a_temporary_that_resume_removes(tmp_path, capsys):
    """A real SIGKILL between writing a batch's counts and renaming them into place."""
    import signal
    import subprocess
    import sys
    import textwrap

    from qbcircuit.run import RunPlan, load_profile, load_run, start_run
    from tests.run.helpers import rabi_circuits

    run_dir = tmp_path / "killed"
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {os.getcwd()!r})
        real = os.replace
        def replace(src, dst):
            if str(dst).endswith("counts/batch-0001.json"):
                os.kill(os.getpid(), signal.SIGKILL)  # the temporary is written, not yet renamed
            real(src, dst)
        os.replace = replace
        from qbcircuit.run import RunPlan, load_profile, start_run
        from tests.run.helpers import rabi_circuits
        profile = load_profile("aer-ideal").replace(max_circuits_per_batch=1, shots=300, seed=5)
        start_run(RunPlan(rabi_circuits([0.2, 0.9, 1.4])), profile, {str(run_dir)!r})
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    debris = list(run_dir.rglob(".*.tmp"))
    assert [p.parent.name for p in debris] == ["counts"] and debris[0].name.startswith(".batch-0001.json.")
    assert main(["resume", str(run_dir)]) == 0
    assert not list(run_dir.rglob(".*.tmp"))
    profile = load_profile("aer-ideal").replace(max_circuits_per_batch=1, shots=300, seed=5)
    whole = start_run(RunPlan(rabi_circuits([0.2, 0.9, 1.4])), profile, tmp_path / "whole")
    assert load_run(run_dir).counts == whole.counts
