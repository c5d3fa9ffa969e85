"""Where data files are found: QBCIRCUIT_PATH first, then the user's folder, then the package."""

import pytest

from qbcircuit import locations
from qbcircuit.calibration import load_calibration
from qbcircuit.run.profiles import load_profile

PROFILE = 'kind = "aer"\nmethod = "statevector"\nnoise = "none"\nshots = {shots}\n'


def test_search_order_and_override(tmp_path, monkeypatch):
    user, extra = tmp_path / "user", tmp_path / "extra"
    for folder, shots in ((user, 11), (extra, 22)):
        (folder / "backends").mkdir(parents=True)
        (folder / "backends" / "aer-ideal.toml").write_text(PROFILE.format(shots=shots))
    (user / "backends" / "mine.toml").write_text(PROFILE.format(shots=33))
    monkeypatch.setenv("QBCIRCUIT_CONFIG_DIR", str(user))
    monkeypatch.delenv("QBCIRCUIT_PATH", raising=False)
    found = locations.available("backends")
    assert found["aer-ideal"].source == "user" and found["mine"].source == "user"
    assert found["aer-noisy"].source == "shipped"  # not overridden
    assert load_profile("aer-ideal").shots == 11
    monkeypatch.setenv("QBCIRCUIT_PATH", str(extra))
    assert locations.find("backends", "aer-ideal").source == "QBCIRCUIT_PATH" and load_profile("aer-ideal").shots == 22


def test_user_dir_follows_the_platform_convention(monkeypatch, tmp_path):
    monkeypatch.delenv("QBCIRCUIT_CONFIG_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setattr(locations.sys, "platform", "linux")
    assert locations.user_dir() == tmp_path / "qbcircuit"
    assert locations.writable_dir("calibration") == tmp_path / "qbcircuit" / "calibration"


def test_shipped_snapshot_loads_and_unknown_names_are_one_line(monkeypatch, tmp_path):
    monkeypatch.setenv("QBCIRCUIT_CONFIG_DIR", str(tmp_path))
    assert load_calibration("transmon-4q-example").num_qubits == 4
    with pytest.raises(ValueError, match="unknown backend profile 'nope'; available: .*aer-ideal"):
        load_profile("nope")
    with pytest.raises(ValueError, match="kind must be one of backends, calibration"):
        locations.available("pulses")
