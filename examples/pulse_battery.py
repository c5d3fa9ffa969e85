# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A single-cell battery charged by a calibrated drive on a transmon
#
# Gemme, Grossi, Ferraro, Vallecorsa and Sassetti, *Batteries* **8**, 43 (2022) charged
# single IBM qubits with resonant pulses. This tutorial charges the same battery on a
# simulated transmon, at the pulse level, and sets it beside the exact model.
#
# **The model** (`single-cell`): one qubit, $H_B = (\omega_0/2)\sigma_z$ (the paper's
# $\sigma_z = -Z$ in Qiskit, so $|1\rangle$ is the charged state), driven by a field rotating
# at $\omega_d = \omega_0 + \delta$ with Rabi frequency $\Omega f(t)$:
#
# $$H(t) = \frac{\omega_0}{2}\sigma_z + \frac{\Omega f(t)}{2}\left[e^{-i\omega_d t}\sigma_+ + \mathrm{h.c.}\right].$$
#
# On resonance with a square envelope $E(t) = \omega_0 \sin^2(\Omega t/2)$: a pulse of area
# $\pi$ charges the cell fully. The `envelope` parameter shapes $f(t)$ (peak 1), and the
# charging time is chosen so that the area stays $\pi$ whatever the envelope. Energies are
# in $\omega_0$ (the transmon's quantum), times in ns on the device.
#
# **The device**: transmon 0 of the shipped calibration snapshot `transmon-4q-example`, a
# Duffing oscillator with its second excited level (where a fast pulse *leaks*), $T_1$ and
# $T_2$. The steps:
#
# 1. calibrate the transmon on the simulator as an experimentalist would (Ramsey, Rabi,
#    DRAG, Stark detuning);
# 2. charge the cell with the analog drive for each envelope: stored energy, leakage to
#    the second excited level, and the run's error budget (leakage + decoherence) around
#    the exact curve;
# 3. charge it with the calibrated DRAG $\pi$ pulse (a gate) and compare the final charge;
# 4. export the schedule as OpenQASM 3 with OpenPulse calibrations.

# %%
import os
import time
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

import qbcircuit as qbc
from qbcircuit.io import write_json
from qbcircuit.models import single_cell
from qbcircuit.pipeline.pulse import run_pulse_battery
from qbcircuit.pulse.calibrate import calibrate, pi_pulse_outcome
from qbcircuit.pulse.device import TransmonDevice
from qbcircuit.pulse.export import write_openqasm
from qbcircuit.pulse.plot import plot_schedule

QUICK = os.environ.get("QBC_QUICK", "0") not in ("", "0")  # small sizes, few points
OUT = Path(os.environ.get("QBC_RESULTS", "results")) / "pulse_battery"
OUT.mkdir(parents=True, exist_ok=True)
start = time.time()
ENVELOPES = ("square", "gaussian", "sine_squared")
POINTS = 41 if QUICK else 121

# %% [markdown]
# ## 1. Calibration
#
# The device model is the truth; the snapshot holds the *controls* (frame frequency, $\pi$
# amplitude, DRAG $\beta$, Stark detuning), which start from the snapshot's values and are
# refined by simulated experiments. DRAG adds a derivative quadrature to the Gaussian that
# cancels the transition to the second level; the Stark detuning compensates the shift of
# the qubit's frequency that the drive itself causes.

# %%
device = TransmonDevice.from_snapshot("transmon-4q-example", qubits=(0,))
controls, detunings, (report,) = calibrate(device, progress=lambda m: print(" ", m))
print(f"calibrated: pi amplitude {report.pi_amplitude:.5f}, DRAG beta {report.drag_beta_ns:.4f} ns, "
      f"P1 = {report.pi_population:.6f}, leakage {report.leakage:.1e} (Gaussian: {report.gaussian_leakage:.1e})")
summary = {"calibration": report.to_dict(), "stark_detuning_mhz": detunings[0], "envelopes": {}}

# %% [markdown]
# ## 2. Charging with the analog drive
#
# `run_pulse_battery` compiles the model's drive to a pulse schedule on the transmon's
# drive port, simulates it with decoherence (`open_system=True`), reads the battery in the
# qubit subspace and solves the exact model at the same times. The error budget is
# pointwise: leakage (spread of $H_B$ times the run's peak leakage) plus the decoherence
# bound ($t \sum_k \gamma_k 2\lVert L_k\rVert^2$ on the trace distance). The measured
# deviation must stay inside it.

# %%
fig, (ax_e, ax_l) = plt.subplots(2, 1, figsize=(7, 6.5), sharex=True)
runs = {}
for envelope in ENVELOPES:
    model = qbc.build_model("single-cell", envelope=envelope)
    run = run_pulse_battery(model, controls, single_cell.charging_time(model), open_system=True, points=POINTS)
    runs[envelope] = run
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
ax_e.set_ylabel("stored energy [omega0]")
ax_e.set_title("single cell on transmon 0: pulse level (solid), exact (dashed), budget (band)")
ax_e.legend(fontsize=8)
ax_l.set_ylabel("leakage (levels >= 2)")
ax_l.set_xlabel("time [ns]")
ax_l.legend(fontsize=8)
fig.tight_layout()
fig.savefig(OUT / "charging.png", dpi=130, bbox_inches="tight")

# %% [markdown]
# The square pulse is the fastest (about 20 ns) and leaks most: its sharp edges have
# spectral weight at the $1 \to 2$ transition, $|\alpha| \approx 334$ MHz away. The smooth
# envelopes take twice as long and end closer to a full charge.
#
# ## 3. The calibrated gate as a charge
#
# A DRAG $\pi$ pulse is an X gate: it should leave the cell full with almost no leakage.

# %%
p1, leak = pi_pulse_outcome(device, controls, 0, stark_mhz=detunings[0])
summary["drag_pi_pulse"] = {"energy_omega0": p1, "leakage": leak, "duration_ns": controls.qubits[0].single_qubit_duration_ns}
print(f"calibrated DRAG pi pulse as a charge: E = {p1:.6f} omega0, leakage {leak:.1e} (closed system)")

# %% [markdown]
# ## 4. The schedule and its OpenQASM 3 export
#
# The sine-squared charge as a schedule (OpenPulse vocabulary: frames, ports, waveforms,
# play / delay / shift-phase), drawn to `schedule.png` and exported to `cell.qasm` as
# OpenQASM 3 with OpenPulse calibration blocks.

# %%
backend = matplotlib.get_backend()
schedule = runs["sine_squared"].program.schedule
plot_schedule(schedule, OUT / "schedule.png")
matplotlib.use(backend)  # plot_schedule selects the Agg backend; give the notebook its own back
write_openqasm(schedule, OUT / "cell.qasm")
for line in (OUT / "cell.qasm").read_text().splitlines()[:20]:
    print(line if len(line) <= 100 else line[:100] + " ...")
summary["runtime_s"] = time.time() - start
write_json(OUT / "summary.json", summary)
print(f"wrote {OUT}/charging.png, schedule.png, cell.qasm, summary.json ({summary['runtime_s']:.0f} s)")

# %% [markdown]
# From the command line: `qbc calibrate transmon-4q-example` and
# `qbc pulse single-cell --envelope gaussian --device transmon-4q-example --plot schedule.png --qasm cell.qasm`.
