"""The single-cell battery charged by a classical drive, as run on IBM's single-qubit
devices by Gemme, Grossi, Ferraro, Vallecorsa and Sassetti, Batteries 8, 43 (2022).

One qubit (qubit 0, the cell), H_B = (omega0 / 2) sigma_z (paper's sigma_z = -Z, |1>
charged), charged by a field rotating at omega_d = omega0 + delta with Rabi frequency
Omega f(t):

    H(t) = (omega0/2) sigma_z + (Omega f(t) / 2) [cos(omega_d t) X - sin(omega_d t) Y]
         = (omega0/2) sigma_z + (Omega f(t) / 2) [e^{-i omega_d t} sigma_+ + h.c.].

Reading taken: the field is circularly polarised, so this H is exact with no
rotating-wave approximation (a linearly polarised field would add counter-rotating terms
of relative size Omega / omega0 ~ 1e-2 that no transmon drive reproduces either, since
the transmon's drive is itself described in the rotating-wave approximation). On
resonance with a square envelope, E(t) = omega0 sin^2(Omega t / 2): a pulse of area pi
charges the cell fully. ``envelope`` shapes f(t) (peak 1) over the charging time
``tau`` = theta pi / (Omega * mean f), so that the pulse area is theta pi whatever the
envelope. Energies in omega0, times in 1/omega0.

The pulse layer (``qbcircuit.pulse``) realises this drive on a simulated transmon; its
sampled envelopes (``qbcircuit.pulse.waveforms.envelope``) have the same names and
shapes as ``envelope_shape`` here (tests/pulse checks that the names agree).
"""

from __future__ import annotations

import numpy as np

from qbcircuit import operators as ops
from qbcircuit.models.core import BatteryModel, DriveTerm, InitialState
from qbcircuit.models.registry import Parameter, register_model

# Models know nothing of pulses: the envelope names are listed here, and the pulse layer's
# sampled waveforms use the same names.
ENVELOPES = ("square", "gaussian", "sine_squared", "gaussian_square")

NAME = "single-cell"

PARAMETERS = (
    Parameter("omega0", 1.0, "omega0", "cell frequency, H_B = (omega0/2) sigma_z; the energy unit", float, 0.0, None, low_open=True),
    Parameter("Omega", 0.005, "omega0", "Rabi frequency at the envelope's peak", float, 0.0, 0.1, low_open=True),
    Parameter("delta", 0.0, "omega0", "detuning of the drive from the cell, omega_d - omega0", float, -0.1, 0.1),
    Parameter("theta", 1.0, "pi", "pulse area in units of pi (1: a full charge on resonance)", float, 0.0, 4.0, low_open=True),
    Parameter("envelope", "square", "", "shape f(t) of the drive", str, choices=ENVELOPES),
)


def envelope_shape(name: str, x: np.ndarray | float) -> np.ndarray:
    """f at x = t / tau in [0, 1] (peak 1; 0 outside), the continuous forms of the
    sampled envelopes of :func:`qbcircuit.pulse.waveforms.envelope`."""
    x = np.asarray(x, dtype=float)
    inside = (x >= 0) & (x <= 1)
    if name == "square":
        f = np.ones_like(x)
    elif name == "sine_squared":
        f = np.sin(np.pi * x) ** 2
    elif name == "gaussian":  # sigma = tau / 4, lifted to 0 at the ends
        edge = np.exp(-0.5 * 4.0)
        f = (np.exp(-0.5 * ((x - 0.5) / 0.25) ** 2) - edge) / (1 - edge)
    elif name == "gaussian_square":  # rise and fall of 2 sigma, sigma = tau / 16
        s, rise = 1 / 16, 2 / 16
        edge = np.exp(-0.5 * (rise / s) ** 2)

        def lifted(u):
            return (np.exp(-0.5 * (u / s) ** 2) - edge) / (1 - edge)

        f = np.where(x < rise, lifted(x - rise), np.where(x > 1 - rise, lifted(x - 1 + rise), 1.0))
    else:
        raise ValueError(f"envelope must be one of {', '.join(ENVELOPES)}, got {name!r}")
    return np.where(inside, f, 0.0)


def mean_envelope(name: str) -> float:
    x = (np.arange(200_000) + 0.5) / 200_000
    return float(envelope_shape(name, x).mean())


def charging_time(model: BatteryModel) -> float:
    """tau, in 1/omega0."""
    p = model.parameters
    return p["theta"] * np.pi / (p["Omega"] * mean_envelope(p["envelope"]))


@register_model(
    NAME,
    PARAMETERS,
    summary="one cell charged by a classical drive, as on IBM's single-qubit devices",
    reference="Gemme, Grossi, Ferraro, Vallecorsa, Sassetti, Batteries 8, 43 (2022)",
    energy_unit="omega0",
    time_unit="1/omega0",
)
def build_single_cell(omega0, Omega, delta, theta, envelope) -> BatteryModel:
    tau = theta * np.pi / (Omega * mean_envelope(envelope))
    omega_d = omega0 + delta

    def fx(t: float) -> float:
        return 0.5 * Omega * float(envelope_shape(envelope, t / tau)) * np.cos(omega_d * t)

    def fy(t: float) -> float:
        return -0.5 * Omega * float(envelope_shape(envelope, t / tau)) * np.sin(omega_d * t)

    h_b = 0.5 * omega0 * ops.sigma_z(0, 1)
    return BatteryModel(
        name=NAME,
        num_qubits=1,
        qubit_labels=("cell",),
        battery_qubits=(0,),
        battery_hamiltonian=h_b,
        hamiltonian=h_b,
        initial_state=InitialState.from_bitstring("0", label="empty cell |0>"),
        drives=(DriveTerm(ops.pauli("X", 0, 1), fx, "drive X"), DriveTerm(ops.pauli("Y", 0, 1), fy, "drive Y")),
        parameters={"omega0": omega0, "Omega": Omega, "delta": delta, "theta": theta, "envelope": envelope},
        energy_unit="omega0",
        time_unit="1/omega0",
        description="one cell charged by a resonant classical drive",
        reference="Gemme et al., Batteries 8, 43 (2022)",
    )
