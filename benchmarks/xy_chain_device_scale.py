"""Device-scale targets of issue 18 (the xy-chain battery), each measured next to a baseline
from the same run on this machine:

  1. exact: `qbc exact xy-chain -p N=1000` (101 times, maxima located) under 10 s; baseline:
     the register solver (QuTiP) at N = 10 on the same grid, and the free-fermion solver there;
  2. circuits: statistics at N = 20, 50, 100, 127 on fake Heron devices, each chain laid on
     the device's calibrated line of usable couplers (compile.targeting.device_line), with
     CZ and with fractional RZZ gates;
  3. matrix-product states: `qbc run xy-chain -p N=100 --backend aer-mps` (steps chosen by the
     compiler's exact check) within the Trotter error the compiler reports, plus shot noise,
     in minutes; baseline: the same pipeline at N = 20;
  4. noisy prediction by light cones at N = 100 on fake_aachen's noise model under 10 min;
     baseline: the density matrix of the whole noisy circuit at N = 10 (the largest it holds
     here in seconds), against which the light cones are also compared.

Run: .venv/bin/python benchmarks/xy_chain_device_scale.py [--skip exact,circuits,mps,noisy]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from qbcircuit.models import build_model
from qbcircuit.reference import time_series


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def exact_part() -> None:
    model = build_model("xy-chain", N=1000)
    grid = np.linspace(0, model.default_t_final, 101)
    t_big, big = timed(lambda: time_series(build_model("xy-chain", N=1000), grid))
    small = build_model("xy-chain", N=10)
    t_full, full = timed(lambda: time_series(small, grid, solver="full", refine=False))
    t_ff, ff = timed(lambda: time_series(small, grid, solver="gaussian", refine=False))
    agree = max(float(np.max(np.abs(full.series[k] - ff.series[k])[1:])) for k in full.series)
    print(f"1. exact, N = 1000, 101 times to t = {grid[-1]:.4g} with maxima: {t_big:.2f} s (target 10 s: "
          f"{'met' if t_big < 10 else 'MISSED'}); E_max = {big.maxima['energy'][1]:.6g} omega0 at t = "
          f"{big.maxima['energy'][0]:.5g}, P_max = {big.maxima['power'][1]:.6g}; correlation band "
          f"{big.info['correlation_band']} sites")
    print(f"   baseline N = 10 on the same grid (no maxima): register solver {t_full:.2f} s, free fermions "
          f"{t_ff:.3f} s; N = 1000 free fermions / N = 10 register = {t_big / t_full:.2f}; "
          f"max difference of every figure at N = 10: {agree:.1e}")


def circuits_part() -> None:
    from qbcircuit.compile import compile_evolution, transpile_evolution
    from qbcircuit.compile.targeting import device_line, resolve_backend

    print("2. circuits: 8 second-order steps to t = 2 (dt = 0.25), 2 layers of bond gates per step")
    for device in ("fake_torino", "fake_aachen"):
        backend = resolve_backend(device)
        for N in (20, 50, 100, 127):
            model = build_model("xy-chain", N=N)
            compiled = compile_evolution(model, 2.0, 8, 2)
            logical = compiled.stats()
            try:
                t_line, line = timed(lambda: device_line(backend, N))
                where = "usable line"
            except ValueError as err:
                try:
                    line = device_line(backend, N, usable_only=False)
                    broken = sum(e >= 1 for e in line.bond_errors)
                    where = f"line through {broken} broken couplers (statistics only; {err})"
                except ValueError as err2:
                    print(f"   {device} N = {N}: {err2}")
                    continue
                t_line = float("nan")
            parts = []
            for fractional in (False, True):
                t_tr, targeted = timed(lambda: transpile_evolution(compiled, backend, fractional_gates=fractional,
                                                                   initial_layout=line.qubits))
                s = targeted.stats
                gate = "rzz" if fractional else "cz"
                parts.append(f"{gate}: depth {s.depth}, {s.two_qubit_gates} two-qubit ({s.two_qubit_gates_per_step}/step), "
                             f"{s.operations.get('sx', 0) + s.operations.get('rx', 0)} sx/rx [{t_tr:.1f} s]")
            print(f"   {device} N = {N}: logical depth {logical.depth}, {logical.two_qubit_gates} bond gates "
                  f"({logical.two_qubit_gates_per_step}/step); {where}, cost {line.cost:.3f}, mean 2q error "
                  f"{np.mean(line.bond_errors):.2e} [{t_line:.1f} s]; " + "; ".join(parts))


def mps_part() -> None:
    import qbcircuit.pipeline as pipeline
    from qbcircuit.pipeline.gaussian_circuits import circuit_figures
    from qbcircuit.pipeline.plan import choose_steps

    t_final, tolerance = 2.0, 0.01
    rows = {}
    for N in (20, 100):
        model = build_model("xy-chain", N=N)
        t_choice, choice = timed(lambda: choose_steps(model, t_final, 2, tolerance))
        dt = t_final / choice.steps
        times = np.linspace(0, t_final, choice.steps + 1)
        t_run, res = timed(lambda: pipeline.run(model, "aer-mps", times, dt=dt, shots=4000, seed=11))
        scale = float(np.max(np.abs(res.exact["energy"])))
        budget = choice.error * scale
        dev = np.abs(res.measured["energy"] - res.exact["energy"])
        stderr = res.measured["energy_stderr"]
        within = bool(np.all(dev <= budget + 4 * stderr))
        gauss = circuit_figures(model, times, dt)["energy"]
        rows[N] = t_run
        print(f"3. aer-mps N = {N}: {choice.describe(model.time_unit)} [{t_choice:.1f} s]")
        print(f"   run of {times.size} circuits x 4000 shots: {t_run:.1f} s; max |measured - exact| = {dev.max():.4f} "
              f"omega0 vs Trotter budget {budget:.4f} + 4 x stderr (max {stderr.max():.4f}): "
              f"{'within' if within else 'OUTSIDE'}; Trotter error of the ideal circuit "
              f"{np.max(np.abs(res.ideal['energy'] - res.exact['energy'])):.4f}; MPS ideal vs free-fermion circuit "
              f"{np.max(np.abs(res.ideal['energy'] - gauss)):.1e}; bond dimension {res.circuit.get('mps_max_bond_dimension')}, "
              f"discarded weight {res.circuit.get('mps_discarded_weight')}")
    print(f"   N = 100 / N = 20 run time: {rows[100] / rows[20]:.2f}")


def noisy_part() -> None:
    from qiskit_aer import AerSimulator

    from qbcircuit.compile.targeting import device_line, resolve_backend
    from qbcircuit.metrics import partial_trace
    from qbcircuit.pipeline import light_cone as lc
    from qbcircuit.run.noise import device_noise

    device, dt, window = "fake_aachen", 0.25, 8
    times = np.arange(1, 9) * dt
    backend = resolve_backend(device)
    # baseline: the whole noisy circuit as a density matrix at N = 10
    small = build_model("xy-chain", N=10)
    line10 = device_line(backend, 10).qubits
    t_noise, noise_model = timed(lambda: device_noise(device))
    t_chan, _ = timed(lambda: lc.device_channels(device))
    sim = AerSimulator(method="density_matrix", noise_model=noise_model)
    whole, t_whole = [], 0.0
    for t in times:
        circuit, _ = lc.device_circuit(small, t, round(t / dt), 2, backend, line10)
        circuit = circuit.copy()
        circuit.save_density_matrix(qubits=list(line10), label="rho")
        seconds, result = timed(lambda: sim.run(circuit).result())
        t_whole += seconds
        rho = np.asarray(result.data(0)["rho"])
        rho = rho / np.trace(rho)
        pairs = np.array([partial_trace(rho, [j, j + 1], 10) for j in range(9)])
        whole.append(lc._figures(small, lc.with_readout(pairs, lc.device_channels(device)[1][list(line10)]), 0.0,
                                 tomography=True))
    t_small, pred10 = timed(lambda: lc.predict(small, times, dt=dt, backend=device, line=line10, window=window))
    print(f"4. noisy prediction, {device} noise (built in {t_noise:.1f} s for Aer, {t_chan:.1f} s as channels)")
    for key in ("energy_per_cell", "pair_ergotropy"):
        ref = np.array([w[key] for w in whole])
        print(f"   N = 10 {key}: |light cones ({window}-qubit cut, corrected) - whole circuit| max "
              f"{np.max(np.abs(pred10.noisy[key] - ref)):.1e}, raw cut {np.max(np.abs(pred10.noisy_cut[key] - ref)):.1e}, "
              f"cut uncertainty reported {np.max(pred10.info['cut_uncertainty'][key]):.1e}; the noise's effect "
              f"{np.max(np.abs(ref - pred10.ideal[key])):.1e}")
    print(f"   N = 10: whole-circuit density matrix {t_whole:.1f} s for {times.size} times, light cones {t_small:.1f} s")
    big = build_model("xy-chain", N=100)
    t_big, pred = timed(lambda: lc.predict(big, times, dt=dt, backend=device, window=window))
    print(f"   N = 100, {times.size} times to t = {times[-1]:g}: {t_big:.1f} s (target 600 s: "
          f"{'met' if t_big < 600 else 'MISSED'}); N = 100 light cones / N = 10 whole circuit = {t_big / t_whole:.2f}")
    for row in pred.info["per_time"]:
        print(f"     t = {row['t']:g}: {row['steps']} steps, {row['two_qubit_gates']} CZ, widest cone {row['widest_cone']} "
              f"qubits, {row['cut_cones']} cones cut to {window}, {row['seconds']:.1f} s")
    for key in ("energy_per_cell", "pair_ergotropy"):
        print(f"   {key}: Trotter error max {np.max(np.abs(pred.trotter_error[key])):.2e}, noise error max "
              f"{np.max(np.abs(pred.noise_error[key])):.2e}, noiseless cut loss max {np.max(np.abs(pred.truncation_error[key])):.2e}, "
              f"cut uncertainty max {np.max(pred.info['cut_uncertainty'][key]):.2e}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip", default="", help="comma-separated parts to skip: exact, circuits, mps, noisy")
    skip = set(parser.parse_args().skip.split(","))
    for name, part in (("exact", exact_part), ("circuits", circuits_part), ("mps", mps_part), ("noisy", noisy_part)):
        if name not in skip:
            part()


if __name__ == "__main__":
    main()
