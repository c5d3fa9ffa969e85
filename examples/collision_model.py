"""Collision model: seed 003's star network charged by ancilla collisions, on Aer.

Kamin, Salimi, Arjmandi, PRA 109, 022226 (2024): a battery qubit (qubit 0) at the centre
of a star of N = 3 qubits, omega0 = 10 gamma, omega = J = gamma. Its fermion reservoirs
become collisions: every step dt, each bath's ancilla is prepared thermal (|1> with the
bath's occupation n, through a purifying qubit: a true mixture, not a superposition),
exchanges an excitation with its qubit through an XX+YY gate of angle
sin^2(theta/2) = 1 - exp(-gamma dt), and is reset for the next step. Hamiltonian Trotter
steps go in between (symmetric: U(dt/2) collisions U(dt/2)).

The script
  * compiles the local-bath model (delta_mu = 2 gamma) and the collective one (mu = 3
    gamma, one shared ancilla for S^- and S^+), prints the circuit statistics;
  * runs the circuits on Aer's density-matrix method (resets exact) and draws the
    battery's W(t) = ergotropy / max ergotropy against the exact Lindblad evolution, out
    to the steady state (the circuit's one-step map, measured on Aer, composed; checked
    against direct runs of the full circuit);
  * measures the convergence order: error at t = 1/gamma against dt, for the plain
    (order 1) and symmetric (order 2) sequences, and for the collective bath with the
    symmetric and forward gate orders of its shared-ancilla collision.
Run: `.venv/bin/python examples/collision_model.py [--out DIR]` (about a minute or two).
Writes collision_model.png and summary.json under results/collision_model/.
"""

from __future__ import annotations

import argparse
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import scipy.linalg as la  # noqa: E402

from qbcircuit.compile.dissipation import (  # noqa: E402
    compile_open_evolution,
    step_superoperator,
    system_density_matrices,
)
from qbcircuit.compile.dissipation.superoperators import apply_superop  # noqa: E402
from qbcircuit.io import save_figure, write_json  # noqa: E402
from qbcircuit.metrics import partial_trace  # noqa: E402
from qbcircuit.models import build_model  # noqa: E402
from qbcircuit.models.master_equation import lindblad_generator  # noqa: E402
from qbcircuit.reference import steady_state_figures  # noqa: E402
from qbcircuit.superoperators import unvec, vec  # noqa: E402

BASE = dict(N=3, omega0=10.0, J=1.0, omega=1.0, gamma=1.0)
CASES = {
    "local baths (mu = 1, delta_mu = 2)": dict(bath="local", mu=1.0, delta_mu=2.0),
    "collective bath (mu = 3)": dict(bath="collective", mu=3.0),
}
# one shared ancilla register (ancilla + purifier), reused by every bath in turn
OPTIONS = dict(share_ancillas=True)


def ratio(model, rho) -> float:
    return model.figures(model, partial_trace(rho, model.battery_qubits, model.num_qubits), None)["ergotropy_ratio"]


def trace_distance(a, b) -> float:
    return 0.5 * float(np.abs(la.eigvalsh(a - b)).sum())


def charging_curves(ax, name, model, dt, t_final, summary) -> None:
    lv = lindblad_generator(model).toarray()
    rho0 = model.initial_state.density_matrix()
    times = np.arange(0, t_final + 1e-9, dt)
    step_exact = la.expm(dt * lv)
    exact, state = [], vec(rho0)
    for _ in times:
        exact.append(ratio(model, unvec(state, model.dimension)))
        state = step_exact @ state
    line, = ax.plot(times, exact, lw=1.5, label=f"{name}: exact")

    step = step_superoperator(compile_open_evolution(model, dt, 1, 2, **OPTIONS))
    circuit, rho = [], rho0
    for _ in times:
        circuit.append(ratio(model, rho))
        rho = apply_superop(step, rho)
    ax.plot(times, circuit, "--", color=line.get_color(), label=f"{name}: circuit, dt = {dt:g}/gamma")

    # direct runs of the full circuits at a few times: the composed map is the circuit
    checks = [1.0, 2.0, 4.0]
    compiled = [compile_open_evolution(model, t, int(round(t / dt)), 2, **OPTIONS) for t in checks]
    direct = system_density_matrices(compiled)
    ax.plot(checks, [ratio(model, r) for r in direct], "o", color=line.get_color(), mfc="none")
    composed = [apply_superop(np.linalg.matrix_power(step, int(round(t / dt))), rho0) for t in checks]
    steady = steady_state_figures(model).figures["ergotropy_ratio"]
    stats = compiled[-1].stats().to_dict()
    summary[name] = {
        "dt": dt,
        "steady_ergotropy_ratio_exact": steady,
        "ergotropy_ratio_circuit_at_t_final": circuit[-1],
        "t_final": t_final,
        "direct_vs_composed_max_difference": float(max(np.abs(a - b).max() for a, b in zip(direct, composed))),
        "circuit_stats_t4": stats,
        "channels": compiled[-1].describe_channels(),
    }
    print(f"{name}: steady W exact {steady:.4f}, circuit (dt = {dt:g}/gamma, t = {t_final:g}/gamma) "
          f"{circuit[-1]:.4f}; circuit at t = 4/gamma: {stats['num_qubits']} qubits "
          f"({stats['ancillas']} ancilla), depth {stats['depth']}, {stats['two_qubit_gates_per_step']} two-qubit "
          f"gates and {stats['resets_per_step']} resets per step")


def convergence(ax, summary) -> None:
    t = 1.0
    steps_list = [4, 8, 16, 32]
    dts = np.array([t / s for s in steps_list])
    runs = [
        ("local, order 1", CASES["local baths (mu = 1, delta_mu = 2)"], dict(order=1)),
        ("local, order 2", CASES["local baths (mu = 1, delta_mu = 2)"], dict(order=2)),
        ("collective, symmetric collision", CASES["collective bath (mu = 3)"], dict(order=2)),
        ("collective, forward collision", CASES["collective bath (mu = 3)"], dict(order=2, ordering="forward")),
    ]
    out = {}
    for label, params, opts in runs:
        model = build_model("star-network", **{**BASE, **params})
        order = opts.pop("order")
        compiled = [compile_open_evolution(model, t, s, order, **OPTIONS, **opts) for s in steps_list]
        exact = unvec(la.expm(t * lindblad_generator(model).toarray()) @ vec(model.initial_state.density_matrix()),
                      model.dimension)
        errors = np.array([trace_distance(r, exact) for r in system_density_matrices(compiled)])
        slope = float(np.polyfit(np.log(dts), np.log(errors), 1)[0])
        ax.loglog(dts, errors, "o-", label=f"{label}: slope {slope:.2f}")
        out[label] = {"dt": dts.tolist(), "trace_distance": errors.tolist(), "fitted_order": slope}
        print(f"convergence {label}: trace distance at t = 1/gamma {np.array2string(errors, precision=3)}, "
              f"fitted order {slope:.2f}")
    summary["convergence_t1"] = out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="results/collision_model", help="output folder")
    args = parser.parse_args()
    start = time.time()
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(12, 4.5))
    summary: dict = {"model": "star-network", "parameters": BASE, "energy_unit": "gamma", "time_unit": "1/gamma"}
    for name, params in CASES.items():
        model = build_model("star-network", **{**BASE, **params})
        charging_curves(ax1, name, model, 0.25, 40.0, summary)
    ax1.set_xlabel("t (1/gamma)")
    ax1.set_ylabel("W = ergotropy / max ergotropy")
    ax1.set_title("charging by collisions (circles: full circuits on Aer)")
    ax1.legend(fontsize=7)
    convergence(ax2, summary)
    ax2.set_xlabel("dt (1/gamma)")
    ax2.set_ylabel("trace distance to exp(tL) rho0 at t = 1/gamma")
    ax2.set_title("convergence of the collision circuits")
    ax2.legend(fontsize=7)
    fig.tight_layout()
    png = save_figure(fig, f"{args.out}/collision_model.png")
    summary["seconds"] = time.time() - start
    write_json(f"{args.out}/summary.json", summary)
    print(f"wrote {png} and {args.out}/summary.json ({summary['seconds']:.0f} s)")


if __name__ == "__main__":
    main()
