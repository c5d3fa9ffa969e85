"""Seed 004, Sec. III.B: the Dicke quantum battery against N parallel Rabi batteries (Ferraro et al. 2018).

Redraws the colloquium's Fig. 5(c): the optimal average power <P>_tau divided by N sqrt(N),
collective (one cavity with n = N photons) and parallel (N cells, each with its own
one-photon cavity), at g/omega0 = 0.05 and 0.5 (fixed g, resonance). The collective curve
saturates (P ~ N^(3/2)) while the parallel one falls as 1/sqrt(N) (P ~ N): their ratio
grows as sqrt(N). The cavity of every run is truncated by a convergence check, printed
and saved. Also draws E(t) of the collective battery for a few N.
Run: `.venv/bin/python examples/dicke_battery.py [--out DIR] [--max-n N]`.
Writes PNG figures and a JSON summary under results/dicke_battery/.
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
from qbcircuit.reference import time_series  # noqa: E402


def run(points=201, **params):
    model = build_model("dicke", **params)
    return time_series(model, np.linspace(0, model.default_t_final, points))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="results/dicke_battery")
    parser.add_argument("--max-n", type=int, default=32, help="largest number of cells (default 32)")
    args = parser.parse_args()
    start = time.perf_counter()
    ns = [n for n in (2, 4, 8, 16, 32, 64) if n <= args.max_n]
    summary = {"paper": "Ferraro et al., PRL 120, 117702 (2018); RMP 96, 031001, Fig. 5(c)",
               "units": {"energy": "omega0", "time": "1/omega0", "power": "omega0^2"}, "runs": {}}
    fig, (ax_p, ax_r) = plt.subplots(1, 2, figsize=(11, 4))
    for g, color in ((0.05, "tab:red"), (0.5, "tab:blue")):
        coll, par = [], []
        for N in ns:
            c = run(N=N, g=g)
            p = run(N=N, g=g, protocol="parallel")
            coll.append(c.maxima["power"][1])
            par.append(p.maxima["power"][1])
            trunc = c.info["truncation"]
            summary["runs"][f"g={g},N={N}"] = {"P_collective": coll[-1], "P_parallel": par[-1], "truncation": trunc}
            print(f"g = {g}, N = {N}: P_coll = {coll[-1]:.5g}, P_par = {par[-1]:.5g}; {trunc['levels']} Fock levels "
                  f"(converged {trunc['converged']}: one more qubit moved the curves by {trunc['change']:.1e})")
        scale = np.array(ns) ** 1.5
        ax_p.plot(ns, np.array(coll) / scale, "-o", color=color, label=f"collective, g = {g}")
        ax_p.plot(ns, np.array(par) / scale, "--s", color=color, label=f"parallel, g = {g}")
        ratio = np.array(coll) / np.array(par)
        slope = np.polyfit(np.log(ns), np.log(ratio), 1)[0]
        summary[f"exponent g={g}"] = slope
        ax_r.loglog(ns, ratio, "-o", color=color, label=f"g = {g}: fit N^{slope:.3f}")
    ax_r.loglog(ns, np.sqrt(ns) * ratio[0] / np.sqrt(ns[0]), "k:", label="N^(1/2)")
    ax_p.set(xlabel="N", ylabel="P_max / (N sqrt(N)) [omega0^2]", xscale="log", title="Fig. 5(c): Dicke vs parallel Rabi")
    ax_r.set(xlabel="N", ylabel="P_collective / P_parallel")
    ax_p.legend(fontsize=7)
    ax_r.legend(fontsize=8)
    save_figure(fig, f"{args.out}/fig5c_power_scaling.png")
    fig, ax = plt.subplots(figsize=(6, 4))
    for N in ns[:4]:
        ts = run(points=401, N=N, g=0.05, t_max=60)
        ax.plot(ts.times, ts.series["energy"] / N, label=f"N = {N}")
    ax.set(xlabel="omega0 t", ylabel="E(t) / N [omega0]", title="Dicke battery, g = 0.05 omega0, n = N")
    ax.legend(fontsize=8)
    save_figure(fig, f"{args.out}/energy_per_cell.png")
    summary["seconds"] = time.perf_counter() - start
    write_json(f"{args.out}/summary.json", summary)
    print(f"wrote {args.out}/ in {summary['seconds']:.0f} s")


if __name__ == "__main__":
    main()
