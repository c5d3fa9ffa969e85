"""The figures of merit of a battery state, in one place for every stage.

Every stage (the exact reference, the circuit estimators, the pulse simulator) turns a
battery state into figures with these functions, so measured and exact figures are the
same functions of a state:

* ``energy``: the stored energy W = Tr[H_B rho_B] - Tr[H_B rho_B(0)] (relative to the
  initial state),
* ``battery_energy``: Tr[H_B rho_B] itself,
* ``ergotropy``: the work extractable by a unitary on the battery (Allahverdyan,
  Balian, Nieuwenhuizen 2004), from the passive state,
* the average power W(t)/t (:func:`qbcircuit.metrics.average_power`) along a time series.

Units: energies in the Hamiltonian's unit; :func:`figure_units` names the unit of each
figure from a model's energy and time units.
"""

from __future__ import annotations

from .energy import _energy
from .ergotropy import ergotropy
from .states import _state_and_hamiltonian

#: The figures :func:`battery_figures` returns; every stage reports at least these.
BATTERY_FIGURES = ("energy", "battery_energy", "ergotropy")


def battery_figures(rho_battery, battery_hamiltonian, initial_energy: float) -> dict[str, float]:
    """Stored energy, battery energy and ergotropy of one battery state.

    Parameters
    ----------
    rho_battery:
        The battery's reduced state (density matrix or state vector, Qiskit order).
    battery_hamiltonian:
        H_B on the battery (matrix or ``SparsePauliOp``).
    initial_energy:
        Tr[H_B rho_B(0)], the zero of the stored energy.

    Returns
    -------
    dict
        ``{"energy": W, "battery_energy": Tr[H_B rho_B], "ergotropy": E}``.
    """
    rho, h = _state_and_hamiltonian(rho_battery, battery_hamiltonian)
    e = _energy(rho, h)
    return {"energy": e - float(initial_energy), "battery_energy": e, "ergotropy": ergotropy(rho, h)}


def power_unit(energy_unit: str, time_unit: str) -> str:
    """energy/time in words: omega0 and 1/g give 'g omega0', gamma and 1/gamma 'gamma^2'."""
    if time_unit.startswith("1/"):
        rate = time_unit[2:]
        return f"{energy_unit}^2" if rate == energy_unit else f"{rate} {energy_unit}"
    return f"{energy_unit}/({time_unit})"


def figure_units(energy_unit: str, time_unit: str) -> dict[str, str]:
    """The unit of each standard figure (and of time) for a model's energy and time units."""
    return {"energy": energy_unit, "battery_energy": energy_unit, "ergotropy": energy_unit,
            "power": power_unit(energy_unit, time_unit), "time": time_unit}

