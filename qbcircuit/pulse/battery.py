"""Reading a battery on the transmons, and the error budget of a pulse-level run.

The battery is read in the qubit subspace: the stored energy W(t) = Tr[H_B rho_B(t)] -
Tr[H_B rho_B(0)] with rho_B the battery's reduced state of the qubit block of the device
state (its trace is 1 - leakage: leaked population carries no qubit energy), and the
ergotropy of rho_B renormalised (:func:`battery_readout`).

The error budget (:func:`error_budget`), pointwise in time, in the model's energy unit:

* leakage: (spread of H_B's spectrum) x the peak leakage of the run. The leaked
  population is missing from the qubit block, and the coherent error that the second
  level causes (a residual Stark shift, the non-adiabatic transients of a sudden pulse
  edge) is of the same order, (Omega / alpha)^2; it can exceed the leakage *reached so
  far* early in a square pulse (by up to ~20 % of the peak on the shipped device), so
  the budget takes the run's peak. That the peak bounds the coherent error too is a
  reading checked by the tests on the shipped device for every envelope, not a theorem.
* decoherence (open runs): the Duhamel bound. The Hamiltonian part preserves the trace
  norm, so || rho_open(t) - rho_closed(t) ||_1 <= t * sum_k gamma_k 2 ||L_k||^2, and an
  observable with spectral spread s moves by at most s/2 times that.

The chain that compiles a model to pulses, simulates it and sets it beside the exact model
is :func:`qbcircuit.pipeline.pulse.run_pulse_battery`.
"""

from __future__ import annotations

import numpy as np

from qbcircuit.metrics import ergotropy
from qbcircuit.models.core import BatteryModel
from qbcircuit.pulse.device import TransmonDevice
from qbcircuit.pulse.simulate import PulseResult


def reduced_block(block: np.ndarray, keep, num_qubits: int) -> np.ndarray:
    """Partial trace of an unnormalised qubit-register matrix (little-endian).

    Parameters
    ----------
    block:
        A 2^n x 2^n matrix (the qubit block of a device state; trace 1 - leakage).
    keep:
        The qubits to keep (the result's qubit j is ``keep[j]``).
    num_qubits:
        n.

    Returns
    -------
    numpy.ndarray
        The reduced (unnormalised) matrix.
    """
    n = num_qubits
    axes = [n - 1 - q for q in reversed(list(keep))]
    traced = [a for a in range(n) if a not in axes]
    t = block.reshape((2,) * (2 * n)).transpose(axes + traced + [n + a for a in axes] + [n + a for a in traced])
    m = len(axes)
    return np.einsum("ajbj->ab", t.reshape(2**m, 2 ** (n - m), 2**m, 2 ** (n - m)))


def decoherence_bound(device: TransmonDevice, t_ns: np.ndarray) -> np.ndarray:
    """Upper bound on the trace distance (half the trace norm) between the open and
    closed evolutions after t_ns: t * sum_k ||L_k||^2 with L_k = sqrt(rate) x jump.

    Parameters
    ----------
    device:
        The transmon device (its collapse operators).
    t_ns:
        Times in ns.

    Returns
    -------
    numpy.ndarray
        The bound at each time.
    """
    total = sum(np.linalg.norm(c, 2) ** 2 for c in device.collapse_operators())
    return np.asarray(t_ns) * total


def energy_spread(model: BatteryModel) -> float:
    """The spread of H_B's spectrum.

    Parameters
    ----------
    model:
        The battery model.

    Returns
    -------
    float
        E_max - E_min of H_B (the model's energy unit).
    """
    return float(np.ptp(np.linalg.eigvalsh(model.battery_hamiltonian.to_matrix())))


def battery_readout(model: BatteryModel, result: PulseResult) -> tuple[np.ndarray, np.ndarray]:
    """The battery's energy and ergotropy at every stored time of a pulse simulation.

    Parameters
    ----------
    model:
        The battery model the device register encodes (qubit q = register qubit q).
    result:
        The pulse simulation.

    Returns
    -------
    tuple
        (battery energy Tr[H_B rho_B], ergotropy) per stored time: rho_B from the qubit
        block (trace 1 - leakage), the ergotropy of the renormalised state times that trace.
    """
    n = model.num_qubits
    h_b = model.battery_hamiltonian.to_matrix()
    battery = list(model.battery_qubits)
    energies, ergos = [], []
    for k in range(len(result.times_ns)):
        rho_b = reduced_block(result.qubit_density(k), battery, n)
        energies.append(float(np.real(np.trace(h_b @ rho_b))))
        trace = float(np.real(np.trace(rho_b)))
        ergos.append(ergotropy((rho_b + rho_b.conj().T) / (2 * trace), h_b) * trace)
    return np.array(energies), np.array(ergos)


def error_budget(model: BatteryModel, device: TransmonDevice, result: PulseResult) -> tuple[np.ndarray, np.ndarray]:
    """The run's error budget on the stored energy (module docstring), per stored time.

    Parameters
    ----------
    model:
        The battery model.
    device:
        The device simulated.
    result:
        The simulation (open or closed).

    Returns
    -------
    tuple
        (leakage budget, decoherence budget), in the model's energy unit.
    """
    spread = energy_spread(model)
    times = result.times_ns
    leakage = result.leakage()
    leak_budget = np.full(times.shape, spread * float(leakage.max()))
    deco_budget = spread * decoherence_bound(device, times) if result.open_system else np.zeros(times.shape)
    return leak_budget, deco_budget
