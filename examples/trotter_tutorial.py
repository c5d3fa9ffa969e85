"""Tutorial: a spin-charger battery (seed 001) compiled to Trotter circuits, against the exact curve.

Huangfu and Jing (2021): M = 2 battery spins charged by N = 2 charger spins through an
isotropic XY coupling (qubits 0, 1: battery; 2, 3: chargers). This script
  1. compiles the charging to circuits (one XX+YY gate per battery-charger bond, in
     2 commuting layers: the edge colouring of K_{2,2}) and prints their statistics,
     logical and on a fake IBM Heron device (with and without fractional RZZ gates);
  2. plots the stored energy W(t) of the circuits (statevector simulation) for orders
     1, 2, 4 at a coarse step against the exact reference (QuTiP);
  3. plots the error of the energy curve against dt on log-log axes, with the fitted
     slopes (the order of each formula);
  4. lets the error budget choose the steps for a tolerance of 1e-3 and prints the choice.
Run: `.venv/bin/python examples/trotter_tutorial.py [--out DIR]` (about a minute).
Writes results/trotter_tutorial/trotter.png and summary.json.
"""

from __future__ import annotations

import argparse
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from qbcircuit.compile import choose_steps, compile_evolution, transpile_evolution  # noqa: E402
from qbcircuit.compile.error_control import trotter_energy_curve  # noqa: E402
from qbcircuit.io import save_figure, write_json  # noqa: E402
from qbcircuit.metrics import stored_energy  # noqa: E402
from qbcircuit.models import build_model  # noqa: E402
from qbcircuit.reference import evolve  # noqa: E402

T_FINAL = 6.0


def exact_stored_energy(model):
    """times -> the exact stored energy W(t) (QuTiP), the curve the step choice checks against."""
    h_b = model.battery_hamiltonian.to_matrix()
    return lambda times: stored_energy(evolve(model, times).battery_states, h_b)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="results/trotter_tutorial")
    args = parser.parse_args()
    start = time.time()
    model = build_model("spin-charger", M=2, N=2, g=0.5)
    unit, tunit = model.energy_unit, model.time_unit
    summary: dict = {"model": model.summary()}

    compiled = compile_evolution(model, T_FINAL, 12, order=2)
    logical = compiled.stats().to_dict()
    print(f"{model.name} M=2 N=2, t = {T_FINAL} {tunit}, 12 second-order steps")
    print(f"  logical: {logical}")
    summary["logical"] = logical
    for fractional in (False, True):
        stats = transpile_evolution(compiled, "fake_torino", fractional_gates=fractional).stats.to_dict()
        key = "fake_torino" + (" fractional" if fractional else "")
        print(f"  {key}: depth {stats['depth']}, two-qubit gates {stats['two_qubit_gates']} "
              f"({stats['two_qubit_gates_per_step']} per step), {stats['operations']}")
        summary[key] = stats

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
    exact_energy = exact_stored_energy(model)
    fine = np.linspace(0, T_FINAL, 241)
    ax1.plot(fine, exact_energy(fine), "k-", lw=2, label="exact (QuTiP)")
    coarse = 12
    grid = np.linspace(0, T_FINAL, coarse + 1)
    for order, marker in ((1, "o"), (2, "s"), (4, "^")):
        curve = trotter_energy_curve(model, T_FINAL, coarse, order)
        ax1.plot(grid, curve - curve[0], marker + "--", ms=4, label=f"order {order}, dt = {T_FINAL / coarse:g} {tunit}")
    ax1.set(xlabel=f"t [{tunit}]", ylabel=f"stored energy W [{unit}]", title="Trotter circuits vs exact")
    ax1.legend(fontsize=7)

    summary["convergence"] = {}
    for order, steps in ((1, (12, 24, 48, 96)), (2, (12, 24, 48, 96)), (4, (6, 12, 24, 48))):
        errors = []
        for k in steps:
            times = np.linspace(0, T_FINAL, k + 1)
            exact = exact_energy(times)
            curve = trotter_energy_curve(model, T_FINAL, k, order)
            err = np.max(np.abs(curve - curve[0] - exact))
            errors.append(err / np.max(np.abs(exact)))
        dts = T_FINAL / np.array(steps)
        slope = float(np.polyfit(np.log(dts), np.log(errors), 1)[0])
        ax2.loglog(dts, errors, "o-", label=f"order {order}: slope {slope:.2f}")
        summary["convergence"][f"order {order}"] = {"dt": dts, "relative_error": errors, "slope": slope}
        print(f"  order {order}: relative energy-curve error {['%.2e' % e for e in errors]} for dt {[round(float(d), 4) for d in dts]}; slope {slope:.2f}")
    ax2.axhline(1e-3, color="grey", lw=0.8, ls=":")
    ax2.set(xlabel=f"dt [{tunit}]", ylabel="max |W_circuit - W_exact| / max W", title="error of the energy curve")
    ax2.legend(fontsize=7)
    save_figure(fig, f"{args.out}/trotter.png")

    summary["step_choice"] = {}
    for order in (1, 2, 4):
        choice = choose_steps(model, T_FINAL, order, 1e-3, exact_energy=exact_energy)
        print(f"  tolerance 1e-3: {choice.describe(tunit)}")
        summary["step_choice"][f"order {order}"] = {"steps": choice.steps, "error": choice.error, "method": choice.method}
    summary["note"] = ("from the paper's basis initial state the first-order energy error falls as dt^2 "
                       "(the state error as dt): see tests/compile/test_product_formulas.py")
    write_json(f"{args.out}/summary.json", summary)
    print(f"wrote {args.out}/trotter.png and summary.json in {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
