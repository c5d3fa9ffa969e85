"""Speed of the pulse simulator against QuTiP's solver on the same problem.

Two transmons (3 levels each) of the shipped snapshot, a 1 us schedule: DRAG pulses on
both drive lines, a parametric exchange on the coupler, delays. Both solvers are timed
in this run, on the same machine, and their states compared; the script prints the
ratio (QuTiP time / pulse simulator time) and the largest difference of the states.

    .venv/bin/python benchmarks/pulse_vs_qutip.py [--open] [--residual 0.5]

``--residual`` keeps a fraction of the coupling always on: a term rotating at f0 - f1,
which makes every step's Hamiltonian different (no propagator reuse): the worst case.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from qbcircuit.pulse.crosscheck import qutip_states
from qbcircuit.pulse.device import TransmonDevice
from qbcircuit.pulse.library import coupler_frame, drive_frame, rotation_pulse
from qbcircuit.pulse.schedule import Schedule
from qbcircuit.pulse.simulate import simulate
from qbcircuit.pulse.waveforms import GaussianSquare


def one_microsecond(device: TransmonDevice) -> Schedule:
    cal = device.calibration
    s = Schedule(cal.dt_ns, [drive_frame(cal, 0), drive_frame(cal, 1), coupler_frame(cal, 0, 1)])
    total = int(round(1000 / cal.dt_ns))
    while s.duration < total - 700:
        s.play("q0_drive", rotation_pulse(cal, 0, 0.5, amp=0.2)).play("q1_drive", rotation_pulse(cal, 1, 1.0, amp=0.2))
        s.barrier().play("c01_exchange", GaussianSquare(400, 0.7, 16, 336)).barrier()
        s.shift_phase("q0_drive", 0.3).delay("q0_drive", 100).delay("q1_drive", 100)
    s.barrier().delay("q0_drive", total - s.duration)
    return s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--open", action="store_true", help="with T1 and T2")
    parser.add_argument("--residual", type=float, default=0.0, help="always-on coupling fraction (default 0)")
    args = parser.parse_args()
    device = TransmonDevice.from_snapshot("transmon-4q-example", qubits=(0, 1), residual_coupling=args.residual)
    sched = one_microsecond(device)
    start = time.perf_counter()
    ours = simulate(sched, device, "00", open_system=args.open, store_every=450)
    t_ours = time.perf_counter() - start
    start = time.perf_counter()
    theirs = qutip_states(sched, device, ours.times_ns, "00", open_system=args.open)
    t_qutip = time.perf_counter() - start
    print(f"two transmons x 3 levels, {sched.duration_ns:.0f} ns ({sched.duration} samples), "
          f"{'open (T1, T2)' if args.open else 'closed'}, residual coupling {args.residual}")
    print(f"  pulse simulator: {t_ours:.3f} s ({ours.propagators} propagators for {ours.steps} steps)")
    print(f"  QuTiP:           {t_qutip:.3f} s")
    print(f"  speed ratio (QuTiP / pulse simulator): {t_qutip / t_ours:.1f}")
    print(f"  max |state difference|: {np.max(np.abs(ours.states - theirs)):.2e}")


if __name__ == "__main__":
    main()
