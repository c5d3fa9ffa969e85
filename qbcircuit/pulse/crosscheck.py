"""The same problem given to QuTiP: an independent check of :func:`simulate`.

The control coefficients of :func:`qbcircuit.pulse.simulate.control_series` become
step-function coefficients of a ``QobjEvo`` (QuTiP's ``order=0`` interpolation: the
value of step k holds on [t_k, t_{k+1})), and QuTiP's adaptive ODE solver (``sesolve``
or ``mesolve`` with the device's collapse operators) integrates it with tight
tolerances and a maximum step of one grid step, so it never steps over a jump.
Nothing is shared with the propagator except the problem's statement.
"""

from __future__ import annotations

import numpy as np
import qutip

from qbcircuit.pulse.device import TransmonDevice
from qbcircuit.pulse.schedule import Schedule
from qbcircuit.pulse.simulate import control_series, initial_device_state

OPTIONS = {"atol": 1e-12, "rtol": 1e-10, "nsteps": 10_000_000}


def qutip_states(
    schedule: Schedule,
    device: TransmonDevice,
    times_ns: np.ndarray,
    initial_state=None,
    open_system: bool = False,
    substeps: int = 1,
) -> np.ndarray:
    """States at ``times_ns`` (vectors, or density matrices when open), from QuTiP."""
    series = control_series(schedule, device, substeps)
    grid = np.arange(series.steps + 1) * series.step_ns
    parts: list = [qutip.Qobj(series.drift)]
    for m, op in enumerate(series.operators):
        values = np.append(series.coeffs[:, m], series.coeffs[-1, m])
        parts.append([qutip.Qobj(op), qutip.coefficient(values, tlist=grid, order=0)])
        parts.append([qutip.Qobj(op.conj().T), qutip.coefficient(values.conj(), tlist=grid, order=0)])
    hamiltonian = qutip.QobjEvo(parts)
    state = initial_device_state(device, initial_state)
    options = {**OPTIONS, "max_step": series.step_ns}
    if open_system:
        rho0 = qutip.Qobj(state if state.ndim == 2 else np.outer(state, state.conj()))
        c_ops = [qutip.Qobj(c) for c in device.collapse_operators()]
        result = qutip.mesolve(hamiltonian, rho0, times_ns, c_ops=c_ops, options=options)
        return np.array([s.full() for s in result.states])
    result = qutip.sesolve(hamiltonian, qutip.Qobj(state.reshape(-1, 1)), times_ns, options=options)
    return np.array([s.full().ravel() for s in result.states])
