"""Quickstart: the exact reference on seed 003, and a battery run as circuits on a noisy device.

Kamin, Salimi, Arjmandi, PRA 109, 022226 (2024): a battery qubit at the centre of a star
of N = 3 qubits, omega0 = 10 gamma, omega = J = gamma. This script redraws
  * Fig. 2: steady-state W = ergotropy / max ergotropy against mu, collective bath, for
    several T, with the closed form max(0, tanh((mu - omega)/(2T))) drawn through it;
  * Fig. 3: W against delta_mu (local baths) for several mu at T = gamma;
  * the charging itself: W(t) and the stored energy from the empty battery to the
    steady state.
Then the whole chain on a circuit: seed 001's spin charger (M = 2 battery spins, N = 2
charger spins) compiled to second-order Trotter circuits, run on the `aer-noisy` profile
(noise from calibration/transmon-4q-example.json) with readout mitigation, and compared
with the exact curve, the deviation split into Trotter error and noise.
Run: `make demo` (or `.venv/bin/python examples/quickstart.py [--out DIR]`).
Writes PNG figures and JSON summaries under results/quickstart/.
"""

from __future__ import annotations

import argparse
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from qbcircuit.io import save_figure, write_json  # noqa: E402
from qbcircuit.models import build_model  # noqa: E402
from qbcircuit.reference import steady_state_figures, time_series  # noqa: E402

BASE = dict(N=3, omega0=10.0, J=1.0, omega=1.0, gamma=1.0)


def ratio(**params) -> float:
    return steady_state_figures(build_model("star-network", **{**BASE, **params})).figures["ergotropy_ratio"]


def figure2(ax) -> dict:
    mus = np.linspace(0, 10, 41)
    out = {}
    for T in (0.5, 1.0, 2.0, 4.0):
        exact = np.array([ratio(bath="collective", mu=mu, T=T) for mu in mus])
        closed = np.maximum(0, np.tanh((mus - BASE["omega"]) / (2 * T)))
        ax.plot(mus, closed, "-", lw=1, label=f"T = {T:g} gamma (closed form)")
        ax.plot(mus[::4], exact[::4], "o", ms=4, color=ax.lines[-1].get_color())
        out[f"T={T:g}"] = {"mu": mus, "W": exact, "max_abs_error_vs_closed_form": float(np.max(np.abs(exact - closed)))}
    ax.set(xlabel="mu [gamma]", ylabel="W = ergotropy / max ergotropy", title="Fig. 2: collective bath (dots: exact solver)")
    ax.legend(fontsize=7)
    return out


def figure3(ax) -> dict:
    deltas = np.linspace(0, 10, 26)
    out = {}
    for mu in (0.0, 1.0, 3.0, 8.0):
        w = np.array([ratio(bath="local", mu=mu, delta_mu=d, T=1.0) for d in deltas])
        ax.plot(deltas, w, "-", label=f"mu = {mu:g} gamma")
        out[f"mu={mu:g}"] = {"delta_mu": deltas, "W": w}
    ax.set(xlabel="delta_mu [gamma]", ylabel="W", title="Fig. 3: local baths, T = gamma")
    ax.legend(fontsize=7)
    return out


def charging(ax) -> dict:
    model = build_model("star-network", **BASE, bath="local", mu=1.0, delta_mu=2.0, T=1.0)
    ts = time_series(model, np.linspace(0, 20, 201))
    ss = steady_state_figures(model)
    ax.plot(ts.times, ts.series["ergotropy_ratio"], label="W(t)")
    ax.plot(ts.times, ts.series["energy"] / (2 * BASE["omega0"]), label="stored energy / (2 omega0)")
    ax.axhline(ss.figures["ergotropy_ratio"], ls=":", color="k", label="steady state")
    ax.set(xlabel="t [1/gamma]", ylabel="fraction of a full charge", title="Charging from empty (local baths)")
    ax.legend(fontsize=7)
    return {"time_series": ts.to_dict(), "steady_state": ss.to_dict()}


def circuit_run(out: str):
    """Seed 001's spin charger as circuits on a noisy simulated device, beside the exact curve."""
    import shutil

    from qbcircuit.pipeline import run

    model = build_model("spin-charger", M=2, N=2)
    run_dir = f"{out}/spin_charger_aer_noisy"
    shutil.rmtree(run_dir, ignore_errors=True)  # a demo re-run starts afresh
    times = np.linspace(0, 2.0, 9)  # in 1/g
    return run(model, "aer-noisy", times, dt=0.25, shots=4000, readout_mitigation=True, out=run_dir)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="results/quickstart", help="output folder (default results/quickstart)")
    args = parser.parse_args()
    start = time.monotonic()
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.2))
    summary = {"parameters": BASE}
    print("Fig. 2 (collective bath) ...", flush=True)
    summary["fig2"] = figure2(axes[0])
    print("Fig. 3 (local baths) ...", flush=True)
    summary["fig3"] = figure3(axes[1])
    print("charging dynamics ...", flush=True)
    summary["charging"] = charging(axes[2])
    fig.suptitle("Seed 003: steady-state charging via dissipative ancillas (exact reference)")
    png = save_figure(fig, f"{args.out}/star_network.png")
    js = write_json(f"{args.out}/summary.json", summary)
    worst = max(v["max_abs_error_vs_closed_form"] for v in summary["fig2"].values())
    print(f"Fig. 2: exact solver vs closed form, worst |error| = {worst:.2e}")
    ss = summary["charging"]["steady_state"]
    print(f"steady state (mu = gamma, delta_mu = 2 gamma, T = gamma): W = {ss['ergotropy_ratio']:.4f}, "
          f"ergotropy = {ss['ergotropy']:.4f} gamma, Liouvillian gap = {ss['liouvillian_gap']:.4f} gamma")
    print("spin charger M = N = 2 as circuits on aer-noisy ...", flush=True)
    res = circuit_run(args.out)
    unit = res.units["energy"]
    print(f"spin charger on aer-noisy ({res.variant}): energy deviation from exact "
          f"max {res.deviation['max']:.3f} {unit} = Trotter error {res.trotter_error['max']:.4f} {unit} "
          f"+ noise {res.noise_error['max']:.3f} {unit} (mean standard error {res.report['stderr_mean']['energy']:.3f} {unit})")
    print(f"run folder: {res.run_dir} (compare.png, report.txt, report.json)")
    print(f"wrote {png} and {js} in {time.monotonic() - start:.1f} s")


if __name__ == "__main__":
    main()
