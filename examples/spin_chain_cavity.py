"""Seed 000: a chain of spins charged through a damped cavity, coherently or thermally.

Zhao, Dou, Zhao, PRA 103, 033715 (2021); omega_a = omega_c = g = kappa = 1, N = 3.
  Fig. 2: Delta E(t), ergotropy and R_B(t) for coherent (f = 0.2, 2) and thermal
          (n_B = 0.2, 2) charging, J = 0;
  Fig. 6: steady-state Delta E, ergotropy and R_B against J, with the level crossing
          J = 1/sqrt 2 marked;
  Fig. 9: the same averaged over disorder realisations, W = 0.5 and 1.

The cavity truncation is automatic: a cheap start (the bare driven cavity's estimate for
coherent charging, one qubit for thermal charging), grown by the exact reference one qubit
at a time until one more qubit moves the chain's curves by less than its tolerance
(qbcircuit/reference/truncation.py). For f = 2 that is 32 levels, checked against 64; the
levels and the last changes go to summary.json. Thermal steady states do not depend on the
truncation (module docstring of qbcircuit/models/spin_chain_cavity.py and its tests), so
the automatic truncation settles on 2 levels for them at once; the weak coherent steady
states use a fixed 4 levels (how far 8 levels move them is not checked here), and f = 2
the automatic truncation, only with --strong-coherent (32 levels checked against 64, 9
qubits: steady-state problems that the matrix-free solver of
qbcircuit/reference/steady_iterative.py takes many minutes over).

Run: `.venv/bin/python examples/spin_chain_cavity.py [--out DIR] [--realisations R]`
(the paper averages 100 realisations; the default 20 keeps the run to a few minutes).
Writes fig2_charging.png, fig6_fig9_steady_state.png and summary.json under
results/spin_chain_cavity/. The same numbers come from the command line, e.g.
`qbc exact spin-chain-cavity -p charging=coherent -p f=2 --t-final 15` and
`qbc exact spin-chain-cavity -p J=1 -p W=0.5 -p realisations=100 --steady-state`.
"""

from __future__ import annotations

import argparse
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from qbcircuit.io import save_figure, write_json  # noqa: E402
from qbcircuit.models import build_model  # noqa: E402
from qbcircuit.models.spin_chain_cavity import crossing_coupling  # noqa: E402
from qbcircuit.reference import steady_state_figures, time_series  # noqa: E402

FIG2_CASES = [dict(charging="coherent", f=0.2), dict(charging="coherent", f=2.0),
              dict(charging="thermal", n_B=0.2), dict(charging="thermal", n_B=2.0)]
STEADY_KEYS = ("delta_E", "ergotropy", "efficiency")


def label(params: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in params.items() if k in ("f", "n_B"))


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def steady_cases(strong_coherent: bool) -> list[dict]:
    thermal = [dict(charging="thermal", n_B=n) for n in (0.2, 2.0)]  # automatic: 2 levels, checked against 4
    # f = 0.2: a fixed 4 levels; f = 2: automatic (32 levels, checked against 64)
    coherent = [dict(charging="coherent", f=0.2, cavity_qubits=2)] + ([dict(charging="coherent", f=2.0)] if strong_coherent else [])
    return coherent + thermal


def fig2(out: str, summary: dict) -> None:
    times = np.linspace(0, 15, 61)
    fig, axes = plt.subplots(1, 3, figsize=(15, 4))
    for params in FIG2_CASES:
        t0 = time.time()
        result = time_series(build_model("spin-chain-cavity", N=3, **params), times, refine=False, say=say)
        summary["fig2"][label(params)] = {
            "truncation": result.info["truncation"], "seconds": time.time() - t0,
            **{k: result.series[k].tolist() for k in ("energy", "ergotropy")}}
        say(f"Fig. 2, {label(params)}: {result.info['truncation']['levels']} cavity levels, {time.time() - t0:.0f} s")
        style = "-" if params["charging"] == "coherent" else "--"
        for ax, key in zip(axes, ("energy", "ergotropy", "efficiency")):
            ax.plot(times, result.series[key], style, label=label(params))
    for ax, name in zip(axes, ("Delta E [omega_a]", "ergotropy [omega_a]", "R_B")):
        ax.set(xlabel="g t", ylabel=name)
    axes[0].legend(fontsize=8)
    axes[0].set_title("Fig. 2: N = 3, J = 0 (solid: coherent, dashed: thermal)")
    fig.tight_layout()
    save_figure(fig, f"{out}/fig2_charging.png")
    summary["fig2"]["times"] = times.tolist()


def fig6_fig9(out: str, summary: dict, realisations: int, strong_coherent: bool) -> None:
    js = np.linspace(0.0, 2.0, 21)
    js_disorder = js[::4]
    jc = crossing_coupling(3)
    cases = steady_cases(strong_coherent)
    fig, axes = plt.subplots(len(cases), 3, figsize=(15, 3.2 * len(cases)), squeeze=False)
    summary["fig6"] = {"J": js.tolist(), "crossing_J": jc}
    summary["fig9"] = {"J": js_disorder.tolist(), "realisations": realisations}
    for row, params in zip(axes, cases):
        t0 = time.time()
        clean = [steady_state_figures(build_model("spin-chain-cavity", N=3, J=J, **params), say=say) for J in js]
        values = np.array([[r.figures[k] for k in STEADY_KEYS] for r in clean])
        summary["fig6"][label(params)] = {k: values[:, i].tolist() for i, k in enumerate(STEADY_KEYS)}
        summary["fig6"][label(params)]["truncation"] = {
            "levels": sorted({r.info["truncation"]["levels"] for r in clean}),
            "largest_last_change": max((r.info["truncation"].get("change") or 0.0) for r in clean)}
        for ax, i in zip(row, range(3)):
            ax.plot(js, values[:, i], "k-", label="W = 0")
        for W in (0.5, 1.0):
            # Disorder makes the steady state unique (tested), so the gap is not needed here.
            averaged = [steady_state_figures(build_model("spin-chain-cavity", N=3, J=J, W=W, realisations=realisations,
                                                         **params), spectrum=False) for J in js_disorder]
            mean = np.array([[r.figures[k] for k in STEADY_KEYS] for r in averaged])
            error = np.array([[r.figures[f"{k}_stderr"] for k in STEADY_KEYS] for r in averaged])
            summary["fig9"][f"{label(params)}, W={W:g}"] = {
                **{k: mean[:, i].tolist() for i, k in enumerate(STEADY_KEYS)},
                **{f"{k}_stderr": error[:, i].tolist() for i, k in enumerate(STEADY_KEYS)}}
            for ax, i in zip(row, range(3)):
                ax.errorbar(js_disorder, mean[:, i], yerr=error[:, i], fmt="o", ms=3, label=f"W = {W:g}")
        say(f"Figs. 6 and 9, {label(params)}: {time.time() - t0:.0f} s")
        for ax, name in zip(row, ("Delta E(inf) [omega_a]", "ergotropy(inf) [omega_a]", "R_B(inf)")):
            ax.axvline(jc, color="k", ls=":", lw=1)
            ax.set(xlabel="J [omega_a]", ylabel=name)
        row[0].set_title(f"{params['charging']}, {label(params)}")
    axes[0][0].legend(fontsize=8)
    fig.suptitle(f"Figs. 6 and 9: N = 3; dots: mean over {realisations} disorder realisations; dotted: level crossing")
    fig.tight_layout()
    save_figure(fig, f"{out}/fig6_fig9_steady_state.png")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="results/spin_chain_cavity")
    parser.add_argument("--realisations", type=int, default=20, help="disorder realisations (the paper: 100; default 20)")
    parser.add_argument("--strong-coherent", action="store_true",
                        help="also the coherent f = 2 steady states (32 cavity levels checked against 64: slow)")
    args = parser.parse_args()
    if args.realisations < 2:
        parser.error(f"--realisations must be >= 2 (a mean and its error), got {args.realisations}")
    start = time.time()
    summary: dict = {"units": "energies in omega_a, times in 1/omega_a", "fig2": {}}
    fig2(args.out, summary)
    fig6_fig9(args.out, summary, args.realisations, args.strong_coherent)
    summary["runtime_s"] = time.time() - start
    write_json(f"{args.out}/summary.json", summary)
    print(f"wrote {args.out}/fig2_charging.png, fig6_fig9_steady_state.png and summary.json in {summary['runtime_s']:.0f} s")


if __name__ == "__main__":
    main()
