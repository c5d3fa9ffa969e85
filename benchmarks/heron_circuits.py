"""What the seed models' circuits cost on an IBM Heron device (fake_torino's calibration).

For one evolution of each seed model (a few Trotter / collision steps), transpiled at
optimisation level 2 for fake_torino: two-qubit gates, depth and the estimated circuit
fidelity from the device's calibration (product of 1 - error over every gate, reset and
measurement executed; ``qbcircuit.pipeline.preflight.circuit_fidelity``), on CZ alone and
with fractional RZZ/RX gates. The open models are also compiled with every channel through
the general dilation, with the gadget now (``best``: Qiskit's Isometry or the completed
unitary, whichever needs fewer CNOTs), with the Isometry alone, and with the isometry
completed to a unitary (the old gadget).
All columns are measured in this run; ratios are new / old.
Run: `.venv/bin/python benchmarks/heron_circuits.py [--device fake_torino] [--steps 3]`.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402

from qiskit import transpile  # noqa: E402

from qbcircuit.calibration import with_fractional_gates  # noqa: E402
from qbcircuit.compile import compile_open_evolution, compile_times  # noqa: E402
from qbcircuit.compile.targeting import resolve_backend  # noqa: E402
from qbcircuit.models import build_model  # noqa: E402
from qbcircuit.pipeline.preflight import circuit_fidelity  # noqa: E402

#: (label, model name, parameters, evolution time): one model of each seed paper.
SEED_MODELS = [
    ("seed 000 spin chain + cavity", "spin-chain-cavity", {"N": 2}, 1.0),
    ("seed 001 spin charger", "spin-charger", {"M": 2, "N": 2, "g": 1.0}, 1.0),
    ("seed 002 driven-dissipative", "driven-dissipative", {}, 1.0),
    ("seed 003 star network", "star-network", {"N": 2}, 1.0),
    ("seed 004 Dicke", "dicke", {"N": 2, "mode_qubits": 2}, 1.0),
]


def _evolution(model, t, steps, dilation=None):
    if model.is_open:
        options = {} if dilation is None else {"dilate_all": True, "share_ancillas": True, "dilation": dilation}
        return compile_open_evolution(model, t, steps, 2, **options).circuits[0]
    return compile_times(model, [t], t / steps, 2)[0].circuits[0]


def _measure(circuit, target):
    isa = transpile(circuit, target=target, optimization_level=2, seed_transpiler=1)
    two = sum(1 for inst in isa.data if inst.operation.num_qubits == 2 and inst.operation.name != "barrier")
    return two, isa.depth(), circuit_fidelity(isa, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="fake_torino")
    parser.add_argument("--steps", type=int, default=3)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    target = resolve_backend(args.device).target
    fractional = with_fractional_gates(target)
    start = time.perf_counter()
    print(f"{args.device}: one evolution of {args.steps} steps per model, optimisation level 2")
    print(f"{'model':32s} {'gates':>10s} {'2q':>5s} {'depth':>6s} {'fidelity':>9s}")
    for label, name, params, t in SEED_MODELS:
        try:
            model = build_model(name, **params)
        except ValueError as exc:
            print(f"{label:32s} skipped: {exc}")
            continue
        circuit = _evolution(model, t, args.steps)
        rows = [("CZ", _measure(circuit, target)), ("CZ+RZZ/RX", _measure(circuit, fractional))]
        for gates, (two, depth, fid) in rows:
            print(f"{label:32s} {gates:>10s} {two:5d} {depth:6d} {fid:9.3f}")
        print(f"{'':32s} {'ratio':>10s} {rows[1][1][0] / max(rows[0][1][0], 1):5.2f} "
              f"{rows[1][1][1] / max(rows[0][1][1], 1):6.2f} {rows[1][1][2] / rows[0][1][2]:9.3f}  (fractional / CZ)")
        if model.is_open:
            new = _measure(_evolution(model, t, args.steps, "best"), target)
            iso = _measure(_evolution(model, t, args.steps, "isometry"), target)
            old = _measure(_evolution(model, t, args.steps, "unitary"), target)
            print(f"{'  every channel dilated':32s} {'new':>10s} {new[0]:5d} {new[1]:6d} {new[2]:9.3f}")
            print(f"{'':32s} {'Isometry':>10s} {iso[0]:5d} {iso[1]:6d} {iso[2]:9.3f}")
            print(f"{'':32s} {'old':>10s} {old[0]:5d} {old[1]:6d} {old[2]:9.3f}")
            print(f"{'':32s} {'ratio':>10s} {new[0] / max(old[0], 1):5.2f} {new[1] / max(old[1], 1):6.2f} "
                  f"{new[2] / old[2]:9.3f}  (new / old)")
    print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
