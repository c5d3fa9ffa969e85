"""The package as a user installs it: a wheel (not an editable install) that holds its backend
profiles and calibration snapshots, works from any directory, and lets a user override a
shipped profile from their own folder."""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import qbcircuit

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """The wheel built from the repository and installed (no dependencies: the test's own
    environment has them) into a folder of its own."""
    root = tmp_path_factory.mktemp("install")
    wheels = root / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(wheels), str(REPO)],
                   check=True, capture_output=True, text=True)
    wheel = next(wheels.glob("qbcircuit-*.whl"))
    site = root / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True, text=True)
    return wheel, site, root


def qbc(installed, *argv, config=None):
    """``python -m qbcircuit ARGV`` with the installed copy, from a directory outside the repository."""
    _, site, root = installed
    cwd = root / "elsewhere"
    cwd.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(site), "QBCIRCUIT_CONFIG_DIR": str(config or root / "no-config"),
           "MPLBACKEND": "Agg"}
    env.pop("QBCIRCUIT_PATH", None)
    return subprocess.run([sys.executable, "-m", "qbcircuit", *argv], cwd=cwd, env=env, capture_output=True, text=True)


def test_the_wheel_holds_the_data_files_license_and_one_version(installed):
    wheel, _, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {p.name for p in (REPO / "qbcircuit" / "data" / "backends").glob("*.toml")}
    assert shipped and {f"qbcircuit/data/backends/{n}" for n in shipped} <= set(names)
    assert "qbcircuit/data/calibration/transmon-4q-example.json" in names
    assert any(n.endswith("licenses/LICENSE") for n in names)
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert f"Version: {qbcircuit.__version__}" in metadata and "License-Expression: Apache-2.0" in metadata


def test_installed_copy_lists_its_shipped_profiles_from_another_directory(installed):
    _, site, _ = installed
    proc = qbc(installed, "backends", "--json")
    assert proc.returncode == 0, proc.stderr
    profiles = {p["name"]: p for p in json.loads(proc.stdout)}
    assert {"aer-ideal", "aer-noisy", "fake-torino"} <= set(profiles)
    assert all(p["source"] == "shipped" and p["file"].startswith(str(site)) for p in profiles.values())


def test_a_user_profile_overrides_the_shipped_one(installed, tmp_path):
    (tmp_path / "backends").mkdir()
    (tmp_path / "backends" / "aer-noisy.toml").write_text('kind = "aer"\nmethod = "statevector"\nnoise = "none"\n'
                                                          'shots = 123\ndescription = "mine"\n')
    proc = qbc(installed, "backends", "--json", config=tmp_path)
    mine = {p["name"]: p for p in json.loads(proc.stdout)}["aer-noisy"]
    assert proc.returncode == 0 and mine["source"] == "user" and mine["shots"] == 123


def test_installed_copy_runs_on_aer_noisy_and_pulses_on_the_shipped_snapshot(installed):
    proc = qbc(installed, "run", "spin-charger", "-p", "M=2", "-p", "N=2", "--backend", "aer-noisy",
               "--t-final", "1", "--points", "3", "--shots", "500", "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["backend"] == "aer-noisy" and len(report["measured"]["energy"]) == 3
    proc = qbc(installed, "pulse", "single-cell", "--device", "transmon-4q-example", "--points", "5", "--json")
    assert proc.returncode == 0, proc.stderr
