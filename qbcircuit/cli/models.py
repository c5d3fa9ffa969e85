"""``qbc models``: the registered models, their parameters, defaults, units and ranges."""

from __future__ import annotations

import argparse

from qbcircuit.models import get_model_spec, list_models


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("models", help="list the registered models, their parameters, defaults and units")
    parser.add_argument("model", nargs="?", help="show one model only")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    specs = list_models() if not args.model else [get_model_spec(args.model)]
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
