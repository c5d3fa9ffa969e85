"""Time evolution: the JAX solver (dynamiqs; a GPU when JAX sees one) against QuTiP on the
CPU, one model and a 16-point sweep, measured in one run, with the devices printed.

Model: seed 000 (spin-chain-cavity), coherent charging f = 2, J = 1, N = 3, 31 times to
t = 15 (as in issue 17). ``--cavity-qubits K`` sets 2^K cavity levels (d = 8 2^K; default 5,
d = 256, on a GPU; 2, d = 32, without one). Printed:

* one solve: QuTiP (``reference.evolve``: vern7, rtol 1e-10, atol 1e-12) and JAX
  (``reference.evolve_jax``: Dopri8, rtol 1e-12, atol 1e-14), JAX's first call (compilation
  included) and its next; the ratio QuTiP / JAX; the largest difference of the battery
  energy along the curve;
* a sweep of 16 values of J: one batched JAX call (``evolve_batch``), 16 single JAX calls,
  and QuTiP per point (``--qutip-points`` of them timed, default 2, the rest extrapolated);
  the time per point of each;
* with ``--qutip-jax`` (if installed), qutip-jax's diffrax integrator on the same model.

BLAS is held to one thread for QuTiP (set before numpy loads). Run:

    .venv/bin/python benchmarks/jax_vs_qutip.py [--cavity-qubits K] [--points 16] [--qutip-jax]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import platform  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from qbcircuit.models import build_model  # noqa: E402
from qbcircuit.reference import evolve_jax  # noqa: E402
from qbcircuit.reference.evolve import evolve  # noqa: E402


def timed(f):
    start = time.perf_counter()
    out = f()
    return out, time.perf_counter() - start


def cpu() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            names = [line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")]
        return f"{names[0] if names else platform.machine()}, {os.cpu_count()} cores"
    except OSError:
        return f"{platform.machine()}, {os.cpu_count()} cores"


def energies(model, evolution) -> np.ndarray:
    figs = evolution.figure_states if evolution.figure_states is not None else [None] * len(evolution.battery_states)
    return np.array([model.battery_figures(rho, f)["energy"] for rho, f in zip(evolution.battery_states, figs)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cavity-qubits", type=int, default=None, help="2^K cavity levels (default 5 on a GPU, 2 without)")
    parser.add_argument("--points", type=int, default=16, help="sweep points (default 16)")
    parser.add_argument("--qutip-points", type=int, default=2, help="sweep points QuTiP solves (the rest extrapolated)")
    parser.add_argument("--qutip-jax", action="store_true", help="also time qutip-jax (if installed)")
    args = parser.parse_args()

    gpu = evolve_jax.has_gpu()
    k = args.cavity_qubits if args.cavity_qubits is not None else (5 if gpu else 2)
    times = np.linspace(0.0, 15.0, 31)
    params = dict(N=3, charging="coherent", f=2.0, J=1.0, cavity_qubits=k)
    model = build_model("spin-chain-cavity", **params)
    import jax
    import qutip

    print(f"CPU (QuTiP): {cpu()}; load average {os.getloadavg()[0]:.2f}")
    print(f"JAX device: {evolve_jax.device()} (all: {', '.join(str(d) for d in jax.devices())}); "
          f"JAX {jax.__version__}, dynamiqs {evolve_jax.describe()['dynamiqs']}, QuTiP {qutip.__version__}")
    print(f"model: seed 000 coherent f=2, J=1, N=3, {2**k} cavity levels (d = {model.dimension}), "
          f"{times.size} times to t = {times[-1]:g}")

    ref, t_qutip = timed(lambda: evolve(model, times))
    first, t_first = timed(lambda: evolve_jax.evolve(model, times))
    again, t_jax = timed(lambda: evolve_jax.evolve(model, times))
    diff = float(np.max(np.abs(energies(model, again) - energies(model, ref))))
    print(f"one solve: QuTiP {t_qutip:.3f} s; JAX {t_jax:.3f} s ({t_first:.2f} s the first call, compilation "
          f"included); QuTiP / JAX = {t_qutip / t_jax:.2f}; energies agree to {diff:.1e}", flush=True)

    js = np.linspace(0.0, 1.5, args.points)
    models = [build_model("spin-chain-cavity", **{**params, "J": float(j)}) for j in js]
    evolve_jax.evolve_batch(models, times)  # compile the batch's shape
    batch, t_batch = timed(lambda: evolve_jax.evolve_batch(models, times))
    _, t_singles = timed(lambda: [evolve_jax.evolve(m, times) for m in models])
    count = max(1, min(args.qutip_points, len(models)))
    refs, t_q = timed(lambda: [evolve(m, times) for m in models[:count]])
    worst = max(float(np.max(np.abs(energies(m, b) - energies(m, r)))) for m, b, r in zip(models, batch, refs))
    per = {"batch": t_batch / len(models), "single": t_singles / len(models), "qutip": t_q / count}
    print(f"sweep of {len(models)} points (J = 0..1.5), per point: JAX batched {per['batch']:.3f} s, JAX single "
          f"{per['single']:.3f} s, QuTiP {per['qutip']:.3f} s ({count} timed); QuTiP / batched = "
          f"{per['qutip'] / per['batch']:.2f}, single / batched = {per['single'] / per['batch']:.2f}; "
          f"energies agree to {worst:.1e}", flush=True)

    if args.qutip_jax:
        try:
            import diffrax
            import qutip_jax  # noqa: F401
        except ImportError:
            print("qutip-jax: not installed (pip install qutip-jax)")
        else:
            from qbcircuit.reference.evolve import qutip_collapse_operators, qutip_hamiltonian

            h, c_ops = qutip_hamiltonian(model), qutip_collapse_operators(model)
            rho0 = qutip.Qobj(model.initial_state.density_matrix(), dims=h.dims)
            opts = {"method": "diffrax", "solver": diffrax.Tsit5(), "max_steps": 10**7,
                    "stepsize_controller": diffrax.PIDController(rtol=1e-10, atol=1e-12)}
            with qutip.CoreOptions(default_dtype="jax"):
                hx, cx, rx = h.to("jax"), [c.to("jax") for c in c_ops], rho0.to("jax")
                _, t1 = timed(lambda: qutip.mesolve(hx, rx, times, c_ops=cx, options=opts))
                _, t2 = timed(lambda: qutip.mesolve(hx, rx, times, c_ops=cx, options=opts))
            print(f"qutip-jax (diffrax Tsit5, rtol 1e-10): {t2:.3f} s ({t1:.2f} s the first call)")
    print(f"(load average at the end {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
