"""Seed 002: a driven charger and a battery qubit in boson or fermion reservoirs.

Wang, Yu, Wang (2023); F = 0.5 lam, omega_c = 5 lam, alpha = 0.1 lam, mean detuning 0.
  Fig. 2: Liouvillian gap against Delta (Redfield, bosons, Delta T = 0 and lam; Eq. 4);
  Fig. 3(b, d): steady-state concurrence against Delta from |eg> and (|eg> + |ge>)/sqrt 2;
  Fig. 5: P_ss over (theta, phi) at resonance, with Eq. (17) along phi = 0;
  Fig. 8/9: P_ss over (Delta, Delta T) for bosons (Redfield), T-bar = lam;
  Fig. 10: P_ss against Delta for fermions at mu = +-6 lam.
The Redfield equation is solved without secular cut (sec_cutoff = -1, the model's
``sec_cutoff``). Run: `.venv/bin/python examples/driven_dissipative.py [--out DIR]`;
writes PNGs and summary.json under results/driven_dissipative/.
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
from qbcircuit.models.driven_dissipative import resonant_efficiency, resonant_rate_ratio  # noqa: E402
from qbcircuit.reference import steady_state_figures  # noqa: E402


def solve(**params):
    model = build_model("driven-dissipative", **params)
    return steady_state_figures(model, sec_cutoff=model.sec_cutoff)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="results/driven_dissipative")
    args = parser.parse_args()
    start = time.time()
    summary: dict = {"units": "energies and rates in lam"}
    fig, axes = plt.subplots(2, 3, figsize=(15, 8.5))

    deltas = np.linspace(-2, 2, 41)
    ax = axes[0, 0]
    for label, kw in [("Redfield, dT = 0", dict(equation="redfield")),
                      ("Redfield, dT = lam", dict(equation="redfield", T1=1.5, T2=0.5)),
                      ("Eq. 4 (omega = 10 lam)", dict(equation="local"))]:
        # The paper's gap is Re of the second eigenvalue: zero where the kernel is degenerate.
        gaps = [r.gap if r.degeneracy == 1 else 0.0 for r in (solve(Delta=d, **kw) for d in deltas)]
        ax.plot(deltas, gaps, label=label)
    ax.set(title="Fig. 2(a): Liouvillian gap, bosons", xlabel="Delta [lam]", ylabel="gap [lam]")
    ax.legend(fontsize=8)

    ax = axes[0, 1]
    for label, theta in [("|eg>", 0.0), ("(|eg>+|ge>)/sqrt2", np.pi / 4)]:
        for dT, style in [(0.0, "-"), (1.0, "--"), (-1.0, ":")]:
            c = [solve(equation="redfield", Delta=d, theta=theta, T1=1 + dT / 2, T2=1 - dT / 2).figures["concurrence"]
                 for d in deltas[::2]]
            ax.plot(deltas[::2], c, style, label=f"{label}, dT={dT:g}")
    ax.set(title="Fig. 3(b, d): steady-state concurrence", xlabel="Delta [lam]", ylabel="C")
    ax.legend(fontsize=7)

    ax = axes[0, 2]
    thetas, phis = np.linspace(0, np.pi, 25), np.linspace(0, 2 * np.pi, 25)
    grid = np.array([[solve(theta=t, phi=p).figures["efficiency"] for t in thetas] for p in phis])
    mesh = ax.contourf(thetas, phis, grid, 20)
    fig.colorbar(mesh, ax=ax)
    model = build_model("driven-dissipative")
    r = resonant_rate_ratio(**model.parameters)
    eq17 = resonant_efficiency(0.5, 1.0, 1.0, r)
    summary["fig5_max_P_ss"] = float(grid.max())
    summary["fig5_eq17_at_theta_pi4_phi0"] = float(eq17)
    ax.set(title=f"Fig. 5: P_ss at resonance (max {grid.max():.3f}; Eq. 17: {eq17:.3f})", xlabel="theta", ylabel="phi")

    ax = axes[1, 0]
    dgrid, tgrid = np.linspace(-4, 4, 17), np.linspace(-1.8, 1.8, 10)
    p = np.array([[solve(equation="redfield", Delta=d, T1=1 + dt / 2, T2=1 - dt / 2).figures["efficiency"] for d in dgrid]
                  for dt in tgrid])
    mesh = ax.contourf(dgrid, tgrid, p, 20)
    fig.colorbar(mesh, ax=ax)
    summary["fig9_max_P_ss"] = float(p.max())
    ax.set(title=f"Fig. 9: P_ss, bosons, T-bar = lam (max {p.max():.3f})", xlabel="Delta [lam]", ylabel="Delta T [lam]")

    ax = axes[1, 1]
    for T in (0.5, 1.0, 2.0):
        ax.plot(dgrid, [solve(equation="redfield", Delta=d, T1=T, T2=T).figures["efficiency"] for d in dgrid], label=f"T = {T:g}")
    ax.set(title="Fig. 8 (F = 0.5 lam): P_ss, equilibrium bosons", xlabel="Delta [lam]", ylabel="P_ss")
    ax.legend(fontsize=8)

    ax = axes[1, 2]
    for mu in (-6.0, 6.0):
        ax.plot(dgrid, [solve(equation="redfield", reservoir="fermion", mu1=mu, mu2=mu, Delta=d).figures["efficiency"]
                        for d in dgrid], label=f"mu = {mu:g} lam")
    ax.set(title="Fig. 10: P_ss, equilibrium fermions, T = lam", xlabel="Delta [lam]", ylabel="P_ss")
    ax.legend(fontsize=8)

    fig.tight_layout()
    save_figure(fig, f"{args.out}/figures.png")
    summary["runtime_s"] = time.time() - start
    write_json(f"{args.out}/summary.json", summary)
    print(f"wrote {args.out}/figures.png and summary.json in {summary['runtime_s']:.0f} s")


if __name__ == "__main__":
    main()
