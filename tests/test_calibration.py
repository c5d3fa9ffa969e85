import pytest

from qbcircuit.calibration import available, load_calibration, save_calibration


def test_shipped_snapshot_loads_and_round_trips(tmp_path):
    assert "transmon-4q-example" in available()
    cal = load_calibration("transmon-4q-example")
    assert cal.num_qubits == 4 and cal.dt_ns == pytest.approx(2 / 9)
    assert all(q.t2_us <= 2 * q.t1_us for q in cal.qubits)
    path = save_calibration(cal, tmp_path / "copy.json")
    assert load_calibration(path) == cal


def test_bad_snapshots_are_refused(tmp_path):
    with pytest.raises(ValueError, match="no calibration snapshot 'nope'"):
        load_calibration("nope")
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "dt_ns": 0.2, "qubits": [{"index": 0}]}')
    with pytest.raises(ValueError, match="missing or has a bad field"):
        load_calibration(bad)
