"""``qbc models``: the registered models, their parameters, defaults, units and ranges."""

from __future__ import annotations

import argparse

from qbcircuit.io import dumps
from qbcircuit.models import get_model_spec, list_models


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("models", help="list the registered models, their parameters, defaults and units")
    parser.add_argument("model", nargs="?", help="show one model only")
    parser.add_argument("--json", action="store_true", help="print a JSON list of the models and their parameters")
    parser.set_defaults(func=run)


def spec_dict(spec) -> dict:
    """A model's registry entry as JSON-ready data."""
    return {"name": spec.name, "summary": spec.summary, "reference": spec.reference,
            "units": {"energy": spec.energy_unit, "time": spec.time_unit},
            "parameters": [{"name": p.name, "default": p.default, "unit": p.unit, "description": p.description,
                            "type": p.kind.__name__, "allowed": p.allowed(),
                            **({"choices": list(p.choices)} if p.choices else dict(zip(("low", "high"), p.bounds())))}
                           for p in spec.parameters]}


def run(args: argparse.Namespace) -> int:
    specs = list_models() if not args.model else [get_model_spec(args.model)]
    if args.json:
        print(dumps([spec_dict(spec) for spec in specs]))
        return 0
    for spec in specs:
        print(f"{spec.name}: {spec.summary}")
        if spec.reference:
            print(f"  reference: {spec.reference}")
        print(f"  units: energy {spec.energy_unit}, time {spec.time_unit}")
        for p in spec.parameters:
            unit = f" [{p.unit}]" if p.unit else ""
            print(f"  {p.name:<10} = {p.default!s:<10}{unit:<12} {p.description} ({p.allowed()})")
        print()
    return 0
