"""``qbc compile``: a model's charging protocol as Trotter circuits, with their statistics.

Prints the logical statistics (and the device's, with --backend), as a table or one JSON
object with ``num_qubits``, ``depth``, ``two_qubit_gates``, ``two_qubit_gates_per_step``;
writes OpenQASM 3 on request (the device circuit with --backend, else the logical one).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from qbcircuit.cli.common import UsageError, add_model_arguments, parse_params
from qbcircuit.io import dumps
from qbcircuit.models import build_model


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("compile", help="compile a model's charging to Trotter circuits")
    add_model_arguments(parser)
    parser.add_argument("--t-final", type=float, required=True, help="charging time (model's time unit)")
    steps = parser.add_mutually_exclusive_group(required=True)
    steps.add_argument("--trotter-steps", type=int, help="number of Trotter steps")
    steps.add_argument("--tolerance", type=float,
                       help="error budget: largest energy-curve error relative to its maximum; the steps are chosen")
    parser.add_argument("--order", type=int, default=2, help="product formula order: 1, 2 or 4 (default 2)")
    parser.add_argument("--backend", help="transpile to this fake IBM device (e.g. fake_torino, fake_manila)")
    parser.add_argument("--fractional-gates", action="store_true", help="let the device use RZZ(theta) and RX(theta)")
    parser.add_argument("--line", action="store_true",
                        help="lay the qubits on the device's best line of usable couplers, chosen from its calibration "
                             "(a nearest-neighbour chain)")
    parser.add_argument("--unitary-only", action="store_true", help="open model: compile its Hamiltonian part alone")
    parser.add_argument("--qasm", metavar="FILE", help="write OpenQASM 3 (one file per mixture component); FILE's folder must exist "
                        "(it is not created)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    parser.add_argument("--channels", choices=("ancilla", "exact"), default="ancilla",
                        help="open model: ancilla collisions (default) or exact Aer Kraus channels")
    parser.add_argument("--approximation", choices=("secular", "clipped"),
                        help="non-CP Redfield model: the completely positive approximation to compile")
    parser.add_argument("--share-ancillas", action="store_true", help="open model: one ancilla register for all channels")
    parser.set_defaults(func=run)


def _qasm_paths(path: str, count: int) -> list[Path]:
    p = Path(path)
    if count == 1:
        return [p]
    return [p.with_name(f"{p.stem}_{k}{p.suffix}") for k in range(count)]


def run(args: argparse.Namespace) -> int:
    from qiskit import qasm3

    from qbcircuit.compile import compile_evolution, transpile_evolution
    from qbcircuit.pipeline.plan import choose_steps
    from qbcircuit.io import write_atomic

    if args.order not in (1, 2, 4):
        raise UsageError(f"--order must be 1, 2 or 4, got {args.order}")
    if not args.t_final > 0:
        raise UsageError(f"--t-final must be > 0, got {args.t_final}")
    if args.qasm:  # before any work: a folder that is missing (not created), a file in the way
        target, parent = Path(args.qasm), Path(args.qasm).parent
        if not parent.is_dir():
            raise UsageError(f"--qasm {args.qasm}: the folder {parent} does not exist (it is not created): "
                             "create it or choose another path")
        if target.is_dir():
            raise UsageError(f"--qasm {args.qasm} is a folder: give a file name, e.g. {target / 'circuit.qasm'}")
    if args.trotter_steps is not None and args.trotter_steps < 1:
        raise UsageError(f"--trotter-steps must be >= 1, got {args.trotter_steps}")
    if args.tolerance is not None and not 0 < args.tolerance < 1:
        raise UsageError(f"--tolerance must be in (0, 1), got {args.tolerance}")
    if args.fractional_gates and not args.backend:
        raise UsageError("--fractional-gates needs --backend")
    if args.line and not args.backend:
        raise UsageError("--line needs --backend")
    model = build_model(args.model, **parse_params(args.param))
    if model.is_open and not args.unitary_only:
        from qbcircuit.compile.dissipation import compile_open_evolution

        if args.trotter_steps is None:
            raise UsageError("open models need --trotter-steps")
        if args.backend or args.qasm:
            raise UsageError("--backend and --qasm are not available for open models yet")
        compiled = compile_open_evolution(model, args.t_final, args.trotter_steps, args.order, args.channels,
                                          approximation=args.approximation, share_ancillas=args.share_ancillas)
        if args.json:
            print(dumps({"model": model.name, "parameters": dict(model.parameters), "t_final": args.t_final,
                              "time_unit": model.time_unit, **compiled.report()}))
        else:
            print("\n".join(compiled.report_lines()))
        return 0

    if args.backend:  # the device's width before anything is compiled (a dense 2^n object, minutes)
        from qbcircuit.compile.targeting import resolve_backend

        width = resolve_backend(args.backend).target.num_qubits
        if width is not None and model.num_qubits > width:
            raise UsageError(f"model {model.name!r} needs {model.num_qubits} qubits; backend {args.backend} has {width}")
    out: dict = {"model": model.name, "parameters": dict(model.parameters), "t_final": args.t_final,
                 "time_unit": model.time_unit, "order": args.order}
    steps = args.trotter_steps
    if steps is None:
        choice = choose_steps(model, args.t_final, args.order, args.tolerance, unitary_only=args.unitary_only)
        steps = choice.steps
        out["step_choice"] = {"method": choice.method, "tolerance": choice.tolerance, "error": choice.error,
                              "tried": {str(k): v for k, v in choice.tried.items()}, "summary": choice.describe(model.time_unit)}
        if not args.json:
            print(f"chosen: {choice.describe(model.time_unit)}")
    compiled = compile_evolution(model, args.t_final, steps, args.order, unitary_only=args.unitary_only)
    logical = compiled.stats().to_dict()
    out.update(logical)
    out["mixture_components"] = len(compiled.components)
    circuits = compiled.circuits
    if args.backend:
        targeted = transpile_evolution(compiled, args.backend, fractional_gates=args.fractional_gates,
                                       initial_layout="line" if args.line else None)
        device = targeted.stats.to_dict()
        out["logical"] = logical
        out.update({k: device[k] for k in ("num_qubits", "depth", "two_qubit_gates", "two_qubit_gates_per_step")})
        out["device"] = device
        circuits = targeted.circuits
    if args.qasm:
        paths = _qasm_paths(args.qasm, len(circuits))
        for path, circuit in zip(paths, circuits):
            write_atomic(path, qasm3.dumps(circuit).encode())
        out["qasm"] = [str(p) for p in paths]

    if args.json:
        print(dumps(out))
        return 0
    where = f"on {out['device']['backend']}" + (" (fractional gates)" if args.fractional_gates else "") if args.backend else "logical (before transpiling)"
    print(f"{model.name}: t = {args.t_final:g} {model.time_unit}, {steps} steps of order {args.order}, "
          f"dt = {args.t_final / steps:.4g} {model.time_unit}")
    print(f"  interaction graph: {logical['bonds']} bonds in {logical['two_qubit_layers']} commuting layers")
    print(f"  circuit {where}:")
    for key in ("num_qubits", "depth", "two_qubit_gates", "two_qubit_gates_per_step"):
        print(f"    {key:<26} {out[key]}")
    if args.backend:
        print(f"    {'physical qubits':<26} {list(out['device']['physical_qubits'])}")
        print(f"    {'operations':<26} {out['device']['operations']}")
    if len(compiled.components) > 1:
        print(f"  initial state: mixture of {len(compiled.components)} circuits, results averaged with weights "
              f"{[round(w, 6) for w in compiled.weights]}")
    for path in out.get("qasm", []):
        print(f"  wrote {path}")
    return 0
