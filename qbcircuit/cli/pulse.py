"""``qbc pulse``: a model's charging protocol compiled to pulses on a transmon device,
simulated, and shown beside the exact model."""

from __future__ import annotations

import argparse

from qbcircuit.cli.common import UsageError, add_model_arguments, checked_options, merge_option, parse_params
from qbcircuit.io import dumps


def register(sub: argparse._SubParsersAction) -> None:
    import qbcircuit.pulse  # noqa: F401  (registers the pulse package's model)
    from qbcircuit.pulse.waveforms import ENVELOPES

    parser = sub.add_parser("pulse", help="compile a model to pulses on a transmon device and simulate it")
    add_model_arguments(parser)
    parser.add_argument("--device", default="transmon-4q-example", help="calibration snapshot (a name from `qbc backends --calibrations`, or a path)")
    parser.add_argument("--t-final", type=float, help="charging time in the model's time unit (default: the model's own, where it has one)")
    parser.add_argument("--envelope", choices=ENVELOPES, help="drive envelope (models with an `envelope` parameter)")
    parser.add_argument("--layout", help="transmons for the register qubits, comma separated (default 0,1,...)")
    parser.add_argument("--open", action="store_true", help="with T1 and T2 (Lindblad)")
    parser.add_argument("--points", type=int, default=101, help="time points (default 101)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--plot", metavar="FILE", help="write the schedule as a PNG")
    parser.add_argument("--qasm", metavar="FILE", help="write the schedule as OpenQASM 3 with OpenPulse")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from qbcircuit.calibration import load_calibration
    from qbcircuit.models import build_model
    from qbcircuit.models import single_cell
    from qbcircuit.pipeline.pulse import run_gate_level, run_pulse_battery
    from qbcircuit.pulse.export import write_openqasm
    from qbcircuit.pulse.plot import plot_schedule

    params = merge_option(parse_params(args.param), "envelope", args.envelope, "--envelope")
    model = build_model(args.model, **params)
    if args.t_final is None:
        if model.name != single_cell.NAME:
            raise UsageError(f"--t-final is needed for model {model.name!r}")
        args.t_final = single_cell.charging_time(model)
    checked_options(t_final=args.t_final, points=args.points)
    layout = None
    if args.layout:
        try:
            layout = tuple(int(x) for x in args.layout.split(","))
        except ValueError:
            raise UsageError(f"--layout takes transmon numbers separated by commas, got {args.layout!r}") from None
    cal = load_calibration(args.device)
    run_ = run_pulse_battery(model, cal, args.t_final, open_system=args.open, points=args.points, layout=layout)
    if args.plot:
        plot_schedule(run_.program.schedule, args.plot)
    if args.qasm:
        write_openqasm(run_.program.schedule, args.qasm)
    data = run_.to_dict()
    try:
        data["gate_level"] = run_gate_level(model, cal, args.t_final, layout=layout).to_dict()
    except ValueError as exc:  # a model the gate route does not cover: say why, keep the rest
        data["gate_level"] = {"not_available": str(exc)}
    if args.json:
        print(dumps(data))
        return 0
    f, unit = data["final"], model.energy_unit
    print(f"{model.name} on {cal.name} ({'T1, T2' if args.open else 'closed'}), transmons {list(run_.program.layout)}")
    print(f"  duration            {f['duration_ns']:.4g} ns ({run_.program.schedule.duration} samples)")
    print(f"  stored energy       {f['energy']:.6g} {unit} (pulse)   {f['exact_energy']:.6g} {unit} (exact)")
    print(f"  ergotropy           {f['ergotropy']:.6g} {unit}")
    print(f"  leakage             {f['leakage']:.3g} (final), {f['max_leakage']:.3g} (peak)")
    print(f"  max |E - E_exact|   {f['max_deviation']:.3g} {unit}; budget {f['leakage_budget'] + f['decoherence_budget']:.3g} {unit} "
          f"(leakage {f['leakage_budget']:.3g} + decoherence {f['decoherence_budget']:.3g}): "
          f"{'within' if f['within_budget'] else 'OUTSIDE'}")
    gate = data["gate_level"]
    if "not_available" in gate:
        print(f"  gate level          not shown: {gate['not_available']}")
    else:
        print(f"  gate level          stored energy {gate['energy']:.6g} {unit}, ergotropy {gate['ergotropy']:.6g} {unit}, "
              f"leakage {gate['leakage']:.3g}, duration {gate['duration_ns']:.4g} ns (closed device; {gate['step_choice']})")
    return 0
