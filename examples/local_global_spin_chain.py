"""Seed 004, Secs. II.C.1 and III.C.1: local vs global charging, and spin-chain batteries.

Redraws, from the exact reference:
  * local (parallel) vs global charging of N cells with norm-matched generators (Binder 2015,
    Campaioli 2017): E(t) for N = 1..6, the charging times N pi/(2 E_max) and pi/(2 E_max),
    and the advantage Gamma = N (Eq. 18);
  * the spin-chain battery of Le et al. (2018): E(t) for alpha = -1, 0, 1 (nearest
    neighbours), the XXX chain charging exactly like independent spins, and the optimal
    power against N for nearest-neighbour and uniform (p = 0, symmetric sector) couplings.
Run: `.venv/bin/python examples/local_global_spin_chain.py [--out DIR]`.
Writes PNG figures and a JSON summary under results/local_global_spin_chain/.
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
from qbcircuit.models.local_global import charging_time  # noqa: E402
from qbcircuit.reference import time_series  # noqa: E402


def run(name, t_final=None, points=401, **params):
    model = build_model(name, **params)
    return time_series(model, np.linspace(0, t_final or model.default_t_final, points))


def local_global(axes) -> dict:
    out = {}
    ns = list(range(1, 7))
    gammas = []
    for N in ns:
        par = run("local-global", 2 * charging_time(N, "parallel"), N=N, protocol="parallel")
        glob = run("local-global", 2 * charging_time(N, "parallel"), N=N, protocol="global")
        if N in (2, 4, 6):
            axes[0].plot(par.times, par.series["energy"], "--", label=f"parallel, N = {N}")
            axes[0].plot(glob.times, glob.series["energy"], "-", label=f"global, N = {N}")
        gammas.append(glob.maxima["power"][1] / par.maxima["power"][1])
        out[f"N={N}"] = {"Gamma": gammas[-1], "t_full_parallel": par.maxima["energy"][0], "t_full_global": glob.maxima["energy"][0]}
    axes[0].set(xlabel="E_max t", ylabel="E(t) [omega0]", title="local vs global charging", xlim=(0, 2 * np.pi))
    axes[0].legend(fontsize=7)
    axes[1].plot(ns, gammas, "o", label="exact: P_global / P_parallel")
    axes[1].plot(ns, ns, "k:", label="Gamma = N (Eq. 18)")
    axes[1].set(xlabel="N", ylabel="Gamma")
    axes[1].legend(fontsize=8)
    return out


def spin_chain(axes) -> dict:
    out = {}
    for alpha in (-1.0, 0.0, 1.0):
        ts = run("spin-chain", 8, 201, N=6, B=1.0, g=1.0, alpha=alpha)
        axes[0].plot(ts.times, ts.series["energy"] / 6, label=f"alpha = {alpha}")
    omega = np.sqrt(2.0)
    t = np.linspace(0, 8, 401)
    axes[0].plot(t, 2 / omega**2 * np.sin(omega * t) ** 2, "k:", label="independent spins")
    axes[0].set(xlabel="omega t", ylabel="E(t) / N [omega]", title="spin chain, N = 6, B = g = omega, nearest")
    axes[0].legend(fontsize=8)
    for label, params, ns in (("nearest", dict(range="nearest"), [2, 3, 4, 5, 6]),
                              ("uniform p = 0", dict(range="long-range", p=0.0), [2, 4, 8, 16, 32, 64])):
        powers = [run("spin-chain", 3, 151, N=N, B=1.0, g=0.1, alpha=-1.0, **params).maxima["power"][1] for N in ns]
        axes[1].loglog(ns, powers, "-o", label=label)
        out[label] = {"N": ns, "P_max": powers, "exponent": float(np.polyfit(np.log(ns), np.log(powers), 1)[0])}
    axes[1].set(xlabel="N", ylabel="P_max [omega^2]", title="alpha = -1, g = 0.1 omega")
    axes[1].legend(fontsize=8)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="results/local_global_spin_chain")
    args = parser.parse_args()
    start = time.perf_counter()
    summary = {"units": {"local-global": "energy omega0, time 1/E_max", "spin-chain": "energy and 1/time in omega"}}
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    summary["local_global"] = local_global(axes)
    save_figure(fig, f"{args.out}/local_global.png")
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    summary["spin_chain"] = spin_chain(axes)
    save_figure(fig, f"{args.out}/spin_chain.png")
    summary["seconds"] = time.perf_counter() - start
    write_json(f"{args.out}/summary.json", summary)
    print(f"wrote {args.out}/ in {summary['seconds']:.0f} s")


if __name__ == "__main__":
    main()
