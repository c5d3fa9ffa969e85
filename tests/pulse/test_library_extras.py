"""The pulse extras beside a calibration snapshot (AC-Stark detunings): checked when written
and when read, so a failed fit never reaches a schedule."""

import math

import pytest

from qbcircuit.calibration import load_calibration
from qbcircuit.pulse.library import load_stark_detunings, save_stark_detunings

SNAPSHOT = "transmon-4q-example"


@pytest.mark.parametrize("detunings, message", [
    ({0: math.nan}, "stark_detuning_mhz of qubit 0 must be finite"),
    ({1: math.inf}, "stark_detuning_mhz of qubit 1 must be finite"),
    ({2: 5000.0}, "within +-1000 MHz"),
    ({9: 0.1}, "qubit 9 is not in snapshot"),
])
def test_a_detuning_that_is_no_calibration_is_refused_and_nothing_is_written(detunings, message, tmp_path):
    calibration = load_calibration(SNAPSHOT)
    with pytest.raises(ValueError) as info:
        save_stark_detunings(calibration, detunings, tmp_path)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert not list(tmp_path.iterdir())


def test_written_detunings_are_read_back_and_missing_qubits_are_zero(tmp_path):
    calibration = load_calibration(SNAPSHOT)
    save_stark_detunings(calibration, {0: -0.42, 2: 1.5}, tmp_path)
    read = load_stark_detunings(calibration, tmp_path)
    assert read[0] == -0.42 and read[2] == 1.5 and read[1] == 0.0 and len(read) == len(calibration.qubits)


@pytest.mark.parametrize("stored", ['{"stark_detuning_mhz": {"0": NaN}}', '{"stark_detuning_mhz": {"0": "x"}}',
                                    '{"stark_detuning_mhz": [1, 2]}'])
def test_a_hand_edited_extras_file_with_a_bad_value_is_named_in_one_line(stored, tmp_path):
    calibration = load_calibration(SNAPSHOT)
    path = tmp_path / f"{calibration.name}.json"
    path.write_text(stored)
    with pytest.raises(ValueError) as info:
        load_stark_detunings(calibration, tmp_path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)
