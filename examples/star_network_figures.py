"""Seed 003, Figs. 2-6: steady-state ergotropy of a battery qubit in a star network.

Kamin, Salimi, Arjmandi, PRA 109, 022226 (2024); omega0 = 10 gamma, omega = J = gamma,
N = 3 unless a figure varies it. W = ergotropy / maximal ergotropy of the battery qubit.
  Fig. 2: W against mu, collective (equilibrium) bath, several T, with the closed form
          max(0, tanh((mu - omega)/(2T)));
  Fig. 3: W against delta_mu, local baths, several mu (T = gamma);
  Fig. 4: W against J (mu = gamma, delta_mu = 2 gamma, T = gamma);
  Fig. 5: W against T (J = gamma);
  Fig. 6: W against delta_mu for N = 1..5 (mu = 0, T = gamma);
and the dark states of the collective bath: the battery's steady state from different
initial states, for N = 2..5 (it depends on the initial state only for even N).
Run: `.venv/bin/python examples/star_network_figures.py [--out DIR]`; writes PNGs and
summary.json under results/star_network/.
"""

from __future__ import annotations

import argparse
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from qbcircuit.io import save_figure, write_json  # noqa: E402
from qbcircuit.models import InitialState, build_model  # noqa: E402
from qbcircuit.reference import steady_state, steady_state_figures  # noqa: E402

BASE = dict(N=3, omega0=10.0, J=1.0, omega=1.0, gamma=1.0)


def ratio(**params) -> float:
    return steady_state_figures(build_model("star-network", **{**BASE, **params})).figures["ergotropy_ratio"]


def curve(ax, xs, label, **fixed_and_axis):
    name = fixed_and_axis.pop("axis")
    ys = [ratio(**{**fixed_and_axis, name: x}) for x in xs]
    ax.plot(xs, ys, label=label)
    return ys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="results/star_network")
    args = parser.parse_args()
    start = time.time()
    summary: dict = {"units": "energies in gamma; W dimensionless"}
    fig, axes = plt.subplots(2, 3, figsize=(14, 8))
    ax = axes[0, 0]
    mus = np.linspace(0, 10, 41)
    for T in (0.5, 1.0, 2.0):
        ys = curve(ax, mus, f"T = {T:g} gamma", bath="collective", T=T, axis="mu")
        ax.plot(mus, np.maximum(0, np.tanh((mus - 1.0) / (2 * T))), "k:", lw=1)
        summary[f"fig2_T{T:g}_max_error_vs_tanh"] = float(np.max(np.abs(ys - np.maximum(0, np.tanh((mus - 1) / (2 * T))))))
    ax.set(title="Fig. 2: collective bath (dotted: tanh)", xlabel="mu [gamma]", ylabel="W")
    ax = axes[0, 1]
    deltas = np.linspace(0, 10, 21)
    for mu in (1.0, 3.0, 8.0):
        curve(ax, deltas, f"mu = {mu:g} gamma", bath="local", mu=mu, T=1.0, axis="delta_mu")
    ax.set(title="Fig. 3: local baths, T = gamma", xlabel="delta_mu [gamma]", ylabel="W")
    ax = axes[0, 2]
    js = np.linspace(0.05, 5, 30)
    summary["fig4_W_at_J"] = dict(zip(map(float, js[::6]), curve(ax, js, "", mu=1.0, delta_mu=2.0, T=1.0, axis="J")[::6]))
    ax.set(title="Fig. 4: mu = gamma, delta_mu = 2 gamma", xlabel="J [gamma]", ylabel="W")
    ax = axes[1, 0]
    temps = np.linspace(0.1, 10, 30)
    curve(ax, temps, "", mu=1.0, delta_mu=2.0, J=1.0, axis="T")
    ax.set(title="Fig. 5: J = gamma", xlabel="T [gamma]", ylabel="W")
    ax = axes[1, 1]
    deltas = np.linspace(0, 10, 11)
    for N in (1, 2, 3, 4, 5):
        ys = curve(ax, deltas, f"N = {N}", N=N, mu=0.0, T=1.0, axis="delta_mu")
        summary[f"fig6_N{N}_W_at_delta_mu_10"] = ys[-1]
    ax.set(title="Fig. 6: mu = 0, T = gamma", xlabel="delta_mu [gamma]", ylabel="W")
    ax = axes[1, 2]
    dark = {}
    for N in (2, 3, 4, 5):
        model = build_model("star-network", **{**BASE, "N": N, "bath": "collective", "mu": 3.0})
        starts = {"empty": "0" * N, "battery excited": "0" * (N - 1) + "1", "ancilla excited": "1" + "0" * (N - 1)}
        dark[N] = {}
        for name, bits in starts.items():
            ss = steady_state(model, initial_state=InitialState.from_bitstring(bits))
            dark[N][name] = {"battery_excited_population": float(ss.battery_state[1, 1].real), "degeneracy": ss.degeneracy}
        ax.plot([N] * 3, [v["battery_excited_population"] for v in dark[N].values()], "o")
    ax.axhline(1 / (1 + np.exp(-2.0)), color="k", ls=":", label="n(omega)")
    ax.set(title="collective bath, mu = 3 gamma: dark states", xlabel="N", ylabel="battery p_e from 3 initial states")
    summary["collective_dark_states"] = dark
    for a in axes.flat:
        if a.get_legend_handles_labels()[0]:
            a.legend(fontsize=8)
    fig.tight_layout()
    save_figure(fig, f"{args.out}/figures_2_to_6.png")
    summary["runtime_s"] = time.time() - start
    write_json(f"{args.out}/summary.json", summary)
    print(f"wrote {args.out}/figures_2_to_6.png and summary.json in {summary['runtime_s']:.0f} s")


if __name__ == "__main__":
    main()
