"""Tutorial: a single-cell quantum battery charged by a calibrated drive on a transmon.

Gemme et al., Batteries 8, 43 (2022) charged single IBM qubits with resonant pulses. Here
the same battery (the ``single-cell`` model: H_B = (omega0/2) sigma_z, a resonant drive of
Rabi frequency Omega) is compiled to pulses on transmon 0 of the shipped calibration
snapshot, simulated with its third level and its T1 and T2, and shown beside the exact
model:

1. calibrate the transmon on the simulator (Ramsey, Rabi, DRAG, Stark detuning);
2. charge the cell with the analog drive, for each envelope: stored energy (in omega0,
   the transmon's quantum), leakage to the second excited level, and the run's error
   budget (leakage + decoherence) around the exact curve;
3. charge it with the calibrated DRAG pi pulse, a gate, and compare the final charge.

Run: ``.venv/bin/python examples/pulse_battery.py [--out DIR]`` (about a minute).
Writes results/pulse_battery/charging.png, schedule.png, cell.qasm and summary.json.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from qbcircuit.io import save_figure, write_json  # noqa: E402
from qbcircuit.models import build_model  # noqa: E402
from qbcircuit.models import single_cell  # noqa: E402
from qbcircuit.pipeline.pulse import run_pulse_battery  # noqa: E402
from qbcircuit.pulse.calibrate import calibrate, pi_pulse_outcome  # noqa: E402
from qbcircuit.pulse.device import TransmonDevice  # noqa: E402
from qbcircuit.pulse.export import write_openqasm  # noqa: E402
from qbcircuit.pulse.plot import plot_schedule  # noqa: E402

ENVELOPES = ("square", "gaussian", "sine_squared")


def main() -> None:
    parser = argparse.ArgumentParser(description="single-cell battery at the pulse level")
    parser.add_argument("--out", default="results/pulse_battery", help="output folder")
    out = Path(parser.parse_args().out)
    start = time.time()

    device = TransmonDevice.from_snapshot("transmon-4q-example", qubits=(0,))
    controls, detunings, (report,) = calibrate(device, progress=lambda m: print(" ", m))
    print(f"calibrated: pi amplitude {report.pi_amplitude:.5f}, DRAG beta {report.drag_beta_ns:.4f} ns, "
          f"P1 = {report.pi_population:.6f}, leakage {report.leakage:.1e} (Gaussian: {report.gaussian_leakage:.1e})")

    fig, (ax_e, ax_l) = plt.subplots(2, 1, figsize=(7, 6.5), sharex=True)
    summary = {"calibration": report.to_dict(), "stark_detuning_mhz": detunings[0], "envelopes": {}}
    for envelope in ENVELOPES:
        model = build_model("single-cell", envelope=envelope)
        run = run_pulse_battery(model, controls, single_cell.charging_time(model), open_system=True, points=121)
        t = run.result.times_ns
        line, = ax_e.plot(t, run.energy, label=f"{envelope} (pulse)")
        ax_e.plot(t, run.exact_energy, ls="--", color=line.get_color(), lw=0.8)
        ax_e.fill_between(t, run.exact_energy - run.budget, run.exact_energy + run.budget, color=line.get_color(), alpha=0.15)
        ax_l.semilogy(t, np.maximum(run.leakage, 1e-12), color=line.get_color(), label=envelope)
        final = run.to_dict()["final"]
        summary["envelopes"][envelope] = final
        print(f"{envelope:>13}: {final['duration_ns']:.1f} ns, E = {final['energy']:.5f} omega0 (exact {final['exact_energy']:.5f}), "
              f"peak leakage {final['max_leakage']:.1e}, max deviation {final['max_deviation']:.1e} "
              f"<= budget {final['leakage_budget'] + final['decoherence_budget']:.1e}: {final['within_budget']}")
        if envelope == "sine_squared":
            plot_schedule(run.program.schedule, out / "schedule.png")
            write_openqasm(run.program.schedule, out / "cell.qasm")

    p1, leak = pi_pulse_outcome(device, controls, 0, stark_mhz=detunings[0])
    summary["drag_pi_pulse"] = {"energy_omega0": p1, "leakage": leak, "duration_ns": controls.qubits[0].single_qubit_duration_ns}
    print(f"calibrated DRAG pi pulse as a charge: E = {p1:.6f} omega0, leakage {leak:.1e} (closed system)")

    ax_e.set_ylabel("stored energy [omega0]")
    ax_e.set_title("single cell on transmon 0: pulse level (solid), exact (dashed), budget (band)")
    ax_e.legend(fontsize=8)
    ax_l.set_ylabel("leakage (levels >= 2)")
    ax_l.set_xlabel("time [ns]")
    ax_l.legend(fontsize=8)
    fig.tight_layout()
    save_figure(fig, out / "charging.png")
    summary["runtime_s"] = time.time() - start
    write_json(out / "summary.json", summary)
    print(f"wrote {out}/charging.png, schedule.png, cell.qasm, summary.json ({summary['runtime_s']:.0f} s)")


if __name__ == "__main__":
    main()
