import pytest

from qbcircuit.pulse.calibrate import calibrate
from qbcircuit.pulse.device import TransmonDevice


@pytest.fixture(scope="session")
def calibrated_pair(tmp_path_factory):
    """Transmons 0 and 1 of the shipped snapshot, calibrated once for the whole run:
    (device, calibrated snapshot, Stark detunings, reports)."""
    device = TransmonDevice.from_snapshot("transmon-4q-example", qubits=(0, 1))
    controls, detunings, reports = calibrate(device)
    return device, controls, detunings, reports
