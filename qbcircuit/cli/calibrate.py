"""``qbc calibrate DEVICE``: Ramsey, Rabi, DRAG and Stark detuning on the simulated
device; writes the calibrated snapshot (and the Stark detunings beside it)."""

from __future__ import annotations

import argparse
import sys

from qbcircuit.io import dumps


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("calibrate", help="calibrate single-qubit pulses on the simulated device")
    parser.add_argument("device", help="calibration snapshot (a name from `qbc backends --calibrations`, or a path)")
    parser.add_argument("--qubits", help="transmons to calibrate, comma separated (default all)")
    parser.add_argument("--output", help="snapshot to write (default: <name>-calibrated.json in your calibration folder)")
    parser.add_argument("--json", action="store_true", help="print the reports as JSON")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from qbcircuit import locations
    from qbcircuit.calibration import load_calibration, save_calibration
    from qbcircuit.cli.common import UsageError
    from qbcircuit.pulse.calibrate import calibrate
    from qbcircuit.pulse.device import TransmonDevice
    from qbcircuit.pulse.library import save_stark_detunings

    cal = load_calibration(args.device)
    qubits = None
    if args.qubits:
        try:
            qubits = [int(x) for x in args.qubits.split(",")]
        except ValueError:
            raise UsageError(f"--qubits takes transmon numbers separated by commas, got {args.qubits!r}") from None
        bad = [q for q in qubits if not 0 <= q < cal.num_qubits]
        if bad:
            raise UsageError(f"--qubits must be in [0, {cal.num_qubits - 1}], got {bad}")
    device = TransmonDevice(cal)
    new, detunings, reports = calibrate(device, qubits=qubits, progress=lambda m: print(m, file=sys.stderr, flush=True))
    new.name = cal.name if args.output else f"{cal.name}-calibrated"
    note = (" Single-qubit controls (frequency_ghz by Ramsey, pi_amplitude by Rabi, drag_beta in ns by"
            " leakage minimisation) recalibrated by `qbc calibrate` on the simulated transmons (qbcircuit.pulse).")
    new.source = cal.source if note in cal.source else cal.source + note
    path = save_calibration(new, args.output or locations.writable_dir("calibration") / f"{new.name}.json")
    extras = save_stark_detunings(new, detunings, None if not args.output else path.parent / "pulse")
    if args.json:
        print(dumps({"snapshot": str(path), "extras": str(extras), "qubits": [r.to_dict() for r in reports]}))
        return 0
    print(f"wrote {path} (Stark detunings in {extras})")
    for r in reports:
        print(
            f"  qubit {r.qubit}: f = {r.frequency_ghz:.9f} GHz, pi amplitude {r.pi_amplitude:.6f}, "
            f"DRAG beta {r.drag_beta_ns:.4f} ns, Stark detuning {r.stark_detuning_mhz:.4f} MHz: "
            f"P1 = {r.pi_population:.6f}, leakage {r.leakage:.2e} (plain Gaussian: {r.gaussian_leakage:.2e})"
        )
    return 0
