"""Steady states: qbcircuit's reference against `qutip.steadystate(H, c_ops)` on the same
operators, measured in one run.

For each case the model's own H and collapse operators (`reference.evolve.qutip_hamiltonian`,
`qutip_collapse_operators`) go to `qutip.steadystate` (its default: one sparse LU of L with
the trace condition in its first row), and the model to
`reference.steady_state(model, spectrum=False)` (the projection of the initial state onto
the kernel: the right answer also when the kernel is degenerate, which QuTiP's is not).
Both are timed in the order A B B A (the machine's load drifts), best of each; the ratio is
ours / QuTiP's (target: <= 1.0). Also printed: the path taken (`SteadyState.info`), the
residual ||L rho|| of both states, and how far apart they are (large where the kernel is
degenerate: QuTiP's state is then one of many, not the one reached from the initial state).

Cases: seed 000 coherent, f = 2, N = 3, J = 0, 8 and 16 cavity levels (d = 64, 128); seed
003's star network N = 5 (d = 32), local and collective baths; `--large` adds seed 000 at
32 levels (d = 256; QuTiP's LU is not attempted there unless `--qutip-large`).
`--gap` also times `steady_state(model)` with the spectrum (gap and kernel dimension).
`--crossover` times both of qbcircuit's paths (method="direct", "iterative") on models
around DIRECT_MAX_UNKNOWNS.

BLAS is held to one thread (set before numpy loads), as the project's Makefile does. Run:

    .venv/bin/python benchmarks/steady_state_vs_qutip.py [--repeats 2] [--gap] [--large] [--crossover]
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import platform  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402

from qbcircuit.models import build_model  # noqa: E402
from qbcircuit.reference.steady import steady_state  # noqa: E402

CASES = [
    ("seed 000 coherent N=3, 8 levels", "spin-chain-cavity", dict(N=3, charging="coherent", f=2.0, cavity_qubits=3)),
    ("seed 000 coherent N=3, 16 levels", "spin-chain-cavity", dict(N=3, charging="coherent", f=2.0, cavity_qubits=4)),
    ("star network N=5, local baths", "star-network", dict(N=5)),
    ("star network N=5, collective bath", "star-network", dict(N=5, bath="collective")),
]
LARGE = ("seed 000 coherent N=3, 32 levels", "spin-chain-cavity", dict(N=3, charging="coherent", f=2.0, cavity_qubits=5))
CROSSOVER = [
    ("star network N=5 (252 of 1024)", "star-network", dict(N=5)),
    ("star network N=6 (924 of 4096)", "star-network", dict(N=6)),
    ("seed 000 thermal N=3, 4 levels", "spin-chain-cavity", dict(N=3, charging="thermal", cavity_qubits=2)),
    ("seed 000 coherent N=3, 2 levels (256)", "spin-chain-cavity", dict(N=3, charging="coherent", f=2.0, J=0.5, cavity_qubits=1)),
    ("seed 000 coherent N=3, 4 levels (1024)", "spin-chain-cavity", dict(N=3, charging="coherent", f=2.0, J=0.5, cavity_qubits=2)),
    ("seed 000 thermal N=3, 8 levels (2048)", "spin-chain-cavity", dict(N=3, charging="thermal", cavity_qubits=3)),
]


def timed(f):
    start = time.perf_counter()
    out = f()
    return out, time.perf_counter() - start


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as fh:
            names = [line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")]
        cpu = names[0] if names else cpu
    except OSError:
        pass
    return (f"CPU: {cpu}, {os.cpu_count()} cores, BLAS threads {os.environ.get('OPENBLAS_NUM_THREADS')}; "
            f"load average {os.getloadavg()[0]:.2f}")


def qutip_operators(model):
    from qbcircuit.reference.evolve import qutip_collapse_operators, qutip_hamiltonian

    return qutip_hamiltonian(model), qutip_collapse_operators(model)


def compare(label: str, model, repeats: int, with_qutip: bool = True) -> float | None:
    import qutip

    h, c_ops = qutip_operators(model) if with_qutip else (None, None)
    ours_t, theirs_t, ours, theirs = [], [], None, None
    order = ["qutip", "ours", "ours", "qutip"] * repeats if with_qutip else ["ours"] * repeats
    for which in order:
        if which == "qutip":
            theirs, t = timed(lambda: qutip.steadystate(h, c_ops))
            theirs_t.append(t)
        else:
            ours, t = timed(lambda: steady_state(model, spectrum=False))
            ours_t.append(t)
    info = ours.info
    path = f"{info['path']} on {info['unknowns']}/{info['dimension']} unknowns"
    if info.get("blocks", 1) > 1:
        path += f" ({info['blocks']} blocks)"
    path += f", {info['steps']} steps"
    if "gmres_iterations" in info:
        path += f", {info['gmres_iterations']} GMRES iterations"
    line = f"{label:<38} d={model.dimension:<4} ours {min(ours_t):8.3f} s"
    ratio = None
    if with_qutip:
        ratio = min(ours_t) / min(theirs_t)
        rho_q = theirs.full()
        from qbcircuit.models.master_equation import generator
        from qbcircuit.superoperators import vec

        lv = generator(model)
        res_q = float(np.linalg.norm(lv @ vec(rho_q)))
        line += (f"  qutip {min(theirs_t):8.3f} s  ratio {ratio:5.2f}  | ||L rho|| ours {ours.residual:.1e} "
                 f"qutip {res_q:.1e}; max|rho - rho_qutip| {np.max(np.abs(ours.state - rho_q)):.1e}")
    else:
        line += f"  (qutip not run) ||L rho|| {ours.residual:.1e}"
    print(line, flush=True)
    print(f"{'':<38} path: {path}", flush=True)
    return ratio


def gap(label: str, model) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ss, t = timed(lambda: steady_state(model))
    info = getattr(ss, "info", {})
    print(f"{label:<38} d={model.dimension:<4} with spectrum {t:8.2f} s  gap {ss.gap:.6g}  kernel {ss.degeneracy}  "
          f"path {info.get('path', '?')}", flush=True)


def crossover(repeats: int) -> None:
    print("\nqbcircuit's two paths, spectrum=False (best of", repeats, "each):")
    for label, name, params in CROSSOVER:
        model = build_model(name, **params)
        best = {}
        for method in ("direct", "iterative"):
            results = [timed(lambda: steady_state(model, method=method, spectrum=False)) for _ in range(repeats)]
            best[method] = min(t for _, t in results)
            state = results[0][0]
        auto = steady_state(model, spectrum=False).info
        reachable = auto.get("reachable", auto["unknowns"])
        print(f"{label:<40} reachable {reachable:>5} of {auto['dimension']:>5}: direct {best['direct']:7.3f} s  "
              f"matrix-free {best['iterative']:7.3f} s  -> auto takes {auto['path']}", flush=True)
        del state


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=1, help="A B B A rounds (default 1: each timed twice)")
    parser.add_argument("--gap", action="store_true", help="also time the steady state with its spectrum")
    parser.add_argument("--large", action="store_true", help="add seed 000 at 32 cavity levels (d = 256)")
    parser.add_argument("--qutip-large", action="store_true", help="with --large, run QuTiP's LU there too")
    parser.add_argument("--crossover", action="store_true", help="time both paths around DIRECT_MAX_UNKNOWNS")
    args = parser.parse_args()
    import qutip
    import scipy

    print(machine())
    print(f"qutip {qutip.__version__}, scipy {scipy.__version__}, numpy {np.__version__}")
    print("steady state, spectrum=False, against qutip.steadystate(H, c_ops) (best of the A B B A timings):")
    ratios = []
    for label, name, params in CASES:
        ratios.append(compare(label, build_model(name, **params), max(1, args.repeats)))
    if args.large:
        label, name, params = LARGE
        compare(label, build_model(name, **params), 1, with_qutip=args.qutip_large)
    worst = max(r for r in ratios if r is not None)
    print(f"largest ratio ours/qutip: {worst:.2f} (target <= 1.0: {'met' if worst <= 1.0 else 'NOT met'})")
    if args.gap:
        print("\nwith the spectrum (Liouvillian gap and kernel dimension):")
        for label, name, params in CASES + ([LARGE] if args.large else []):
            gap(label, build_model(name, **params))
    if args.crossover:
        crossover(max(1, args.repeats))
    print(f"(load average at the end {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
