"""Seed 000: a chain of spins charged through a damped cavity, coherently or thermally.

Zhao, Dou, Zhao, PRA 103, 033715 (2021); omega_a = omega_c = g = kappa = 1, N = 3.
  Fig. 2: Delta E(t), ergotropy and R_B(t) for coherent (f = 0.2, 2) and thermal
          (n_B = 0.2, 2) charging, J = 0;
  Fig. 6: steady-state Delta E, ergotropy and R_B against J (thermal, n_B = 2), with the
          level crossing J = 1/sqrt 2 marked;
  Fig. 9: the same, averaged over disorder realisations, for several W.
The cavity truncation is the model's automatic choice for Fig. 2, checked against one
more cavity qubit on the full model where that stays below 8 qubits (reported in summary.json). The thermal steady state
of the chain does not depend on the truncation (module docstring and tests), so Figs. 6
and 9 use one cavity qubit. Run: `.venv/bin/python examples/spin_chain_cavity.py
[--out DIR] [--realisations R]`; writes PNGs and summary.json under results/spin_chain_cavity/.
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
from qbcircuit.models.spin_chain_cavity import crossing_coupling, disorder_average  # noqa: E402
from qbcircuit.reference import steady_state_figures, time_series  # noqa: E402

CASES = [("coherent", dict(charging="coherent", f=0.2)), ("coherent", dict(charging="coherent", f=2.0)),
         ("thermal", dict(charging="thermal", n_B=0.2)), ("thermal", dict(charging="thermal", n_B=2.0))]


def steady(model) -> list[float]:
    f = steady_state_figures(model).figures
    return [f["delta_E"], f["ergotropy"], f["efficiency"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="results/spin_chain_cavity")
    parser.add_argument("--realisations", type=int, default=100, help="disorder realisations (the paper: 100)")
    args = parser.parse_args()
    start = time.time()
    summary: dict = {"units": "energies in omega_a, times in 1/omega_a", "truncation": {}}
    times = np.linspace(0, 15, 61)

    fig, axes = plt.subplots(1, 3, figsize=(15, 4))
    for kind, params in CASES:
        model = build_model("spin-chain-cavity", N=3, **params)
        k = model.num_qubits - 3
        series = time_series(model, times, refine=False).series
        label = ", ".join(f"{a}={b}" for a, b in params.items())
        summary["truncation"][label] = {"levels": 2**k, "description": model.description}
        if model.num_qubits < 8:  # one more cavity qubit, while the check stays affordable
            check = time_series(build_model("spin-chain-cavity", N=3, cavity_qubits=k + 1, **params), times,
                                refine=False).series
            summary["truncation"][label]["max_change_with_one_more_qubit"] = {
                key: float(np.nanmax(np.abs(series[key] - check[key]))) for key in ("energy", "ergotropy")}
        for ax, key in zip(axes, ("energy", "ergotropy", "efficiency")):
            ax.plot(times, series[key], "-" if kind == "coherent" else "--", label=label)
    for ax, name in zip(axes, ("Delta E [omega_a]", "ergotropy [omega_a]", "R_B")):
        ax.set(xlabel="g t", ylabel=name)
    axes[0].legend(fontsize=8)
    axes[0].set_title("Fig. 2: N = 3, J = 0")
    fig.tight_layout()
    save_figure(fig, f"{args.out}/fig2_charging.png")

    js = np.linspace(0.0, 2.0, 41)
    jc = crossing_coupling(3)
    fig, axes = plt.subplots(1, 3, figsize=(15, 4))
    clean = np.array([steady(build_model("spin-chain-cavity", N=3, J=J, n_B=2.0, cavity_qubits=1)) for J in js])
    summary["fig6"] = {"J": js.tolist(), "delta_E": clean[:, 0].tolist(), "ergotropy": clean[:, 1].tolist(), "crossing_J": jc}
    for ax, col, name in zip(axes, range(3), ("Delta E(inf)", "ergotropy(inf)", "R_B(inf)")):
        ax.plot(js, clean[:, col], label="W = 0")
        ax.axvline(jc, color="k", ls=":", lw=1)
        ax.set(xlabel="J [omega_a]", ylabel=name)
    summary["fig9"] = {}
    js_dis = js[::4]
    for W in (0.5, 1.0):
        rows = [disorder_average(steady, N=3, J=J, n_B=2.0, W=W, realisations=args.realisations, cavity_qubits=1)
                for J in js_dis]
        mean = np.array([r[0] for r in rows])
        summary["fig9"][f"W={W:g}"] = {"J": js_dis.tolist(), "delta_E": mean[:, 0].tolist(), "ergotropy": mean[:, 1].tolist(),
                                      "realisations": args.realisations}
        for ax, col in zip(axes, range(3)):
            ax.errorbar(js_dis, mean[:, col], yerr=[r[1][col] for r in rows], fmt="o", ms=3, label=f"W = {W:g}")
    axes[0].legend(fontsize=8)
    axes[0].set_title("Figs. 6 and 9: thermal, n_B = 2 (dotted: level crossing)")
    fig.tight_layout()
    save_figure(fig, f"{args.out}/fig6_fig9_steady_state.png")

    summary["runtime_s"] = time.time() - start
    write_json(f"{args.out}/summary.json", summary)
    print(f"wrote {args.out}/*.png and summary.json in {summary['runtime_s']:.0f} s")


if __name__ == "__main__":
    main()
