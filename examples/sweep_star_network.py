"""Papers' figures as parameter sweeps: each figure is one `qbc sweep` command.

* Seed 003 (Kamin, Salimi, Arjmandi, PRA 109, 022226 (2024)), Fig. 3: steady-state
  W = ergotropy / max ergotropy of the battery qubit against delta_mu, one curve per mu,
  local fermion reservoirs at T = gamma (N = 3, omega0 = 10 gamma, omega = J = gamma):

    qbc sweep star-network -p bath=local -p T=1 -p delta_mu=0:10:41 -p mu=0,1,3,8 \\
        --steady-state --plot ergotropy_ratio --out DIR/fig3

* Seed 002 (Wang, Yu, Wang, 2023), Fig. 7(a): steady-state efficiency P = ergotropy /
  energy against T_1 = T_2 = T (a zip: the two temperatures step together), equilibrium
  boson reservoirs, initial state (|eg> + |ge>)/sqrt(2) (theta = pi/4), F = 0.5 lambda:

    qbc sweep driven-dissipative -p T1=0.1:5:50 -p T2=0.1:5:50 --zip T1,T2 \\
        -p theta=0.7853981633974483 --steady-state --plot efficiency --out DIR/fig7a

  and Fig. 7(b), fermion reservoirs, P against mu_1 = mu_2 = mu for T = 1, 2, 3 lambda.

Each command writes DIR/NAME/table.csv (one row a point), the PNG beside it, and one file
per point (rerun with `qbc sweep --resume DIR/NAME` after an interruption). The script
then checks the tables against what the papers say: Fig. 3's trends, and Eq. (17) of seed
002, which at resonance with equal reservoirs is P = (F/M) |tanh((M - mu)/(2T))|,
M = sqrt(F^2 + lambda^2) (mu = 0 for bosons), and writes DIR/summary.json.
Run: `.venv/bin/python examples/sweep_star_network.py [--out DIR] [--executor SPEC]`.
"""

from __future__ import annotations

import argparse
import math
import shlex
import shutil
import time
from pathlib import Path

import numpy as np

from qbcircuit.cli.main import main as qbc
from qbcircuit.io import write_json
from qbcircuit.sweep import read_table

THETA = repr(math.pi / 4)


def commands(out: Path) -> dict[str, list[str]]:
    return {
        "fig3": ["sweep", "star-network", "-p", "bath=local", "-p", "T=1", "-p", "delta_mu=0:10:41",
                 "-p", "mu=0,1,3,8", "--steady-state", "--plot", "ergotropy_ratio", "--out", str(out / "fig3")],
        "fig7a": ["sweep", "driven-dissipative", "-p", "T1=0.1:5:50", "-p", "T2=0.1:5:50", "--zip", "T1,T2",
                  "-p", f"theta={THETA}", "--steady-state", "--plot", "efficiency", "--out", str(out / "fig7a")],
        "fig7b": ["sweep", "driven-dissipative", "-p", "reservoir=fermion", "-p", "mu1=-6:6:49", "-p", "mu2=-6:6:49",
                  "-p", "T1=1,2,3", "-p", "T2=1,2,3", "--zip", "mu1,mu2", "--zip", "T1,T2",
                  "-p", f"theta={THETA}", "--steady-state", "--plot", "efficiency", "--out", str(out / "fig7b")],
    }


def eq17_efficiency(mu, T, F=0.5, lam=1.0):
    m = math.hypot(F, lam)
    return F / m * np.abs(np.tanh((m - np.asarray(mu)) / (2 * np.asarray(T))))


def check_fig3(rows) -> dict:
    out = {}
    previous = None
    for mu in (0.0, 1.0, 3.0, 8.0):
        curve = [r for r in rows if r["mu"] == mu]
        w = np.array([r["ergotropy_ratio"] for r in curve])
        out[f"mu={mu:g}"] = {
            "W(delta_mu=0)": float(w[0]), "W(delta_mu=10)": float(w[-1]),
            "non_decreasing_in_delta_mu": bool(np.all(np.diff(w) >= -1e-12)),
            "above_the_curve_of_smaller_mu": None if previous is None else bool(np.all(w >= previous - 1e-12)),
        }
        previous = w
    out["mu=8_nearly_full_for_every_delta_mu"] = bool(previous.min() > 0.99)
    return out


def check_eq17(rows, reservoir: str) -> dict:
    mu = [r.get("mu1", 0.0) if reservoir == "fermion" else 0.0 for r in rows]
    expected = eq17_efficiency(mu, [r["T1"] for r in rows])
    got = np.array([r["efficiency"] for r in rows])
    return {"points": len(rows), "max_abs_deviation_from_eq17": float(np.max(np.abs(got - expected)))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="results/sweeps/papers", help="output folder (default results/sweeps/papers)")
    parser.add_argument("--executor", default="local", help="local (default), serial, dask-local or dask://HOST:PORT")
    args = parser.parse_args()
    out = Path(args.out)
    summary: dict = {"commands": {}}
    start = time.monotonic()
    for name, argv in commands(out).items():
        if (out / name).exists():
            shutil.rmtree(out / name)  # the example always redraws from scratch
        argv = [*argv, "--executor", args.executor]
        print("$ qbc " + shlex.join(argv))
        if qbc(argv) != 0:
            raise SystemExit(f"qbc sweep for {name} failed")
        summary["commands"][name] = "qbc " + shlex.join(argv)
    summary["fig3"] = check_fig3(read_table(out / "fig3"))
    summary["fig7a"] = check_eq17(read_table(out / "fig7a"), "boson")
    summary["fig7b"] = check_eq17(read_table(out / "fig7b"), "fermion")
    summary["seconds"] = round(time.monotonic() - start, 1)
    write_json(out / "summary.json", summary)
    print(f"Fig. 3: mu = 8 nearly full whatever delta_mu: {summary['fig3']['mu=8_nearly_full_for_every_delta_mu']}")
    print(f"Fig. 7(a): largest deviation from Eq. (17): {summary['fig7a']['max_abs_deviation_from_eq17']:.2e}")
    print(f"Fig. 7(b): largest deviation from Eq. (17): {summary['fig7b']['max_abs_deviation_from_eq17']:.2e}")
    print(f"wrote {out}/summary.json ({summary['seconds']} s)")


if __name__ == "__main__":
    main()
