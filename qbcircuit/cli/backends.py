"""``qbc backends``: the backend profiles in ``backends/`` (a user adds one by adding a TOML file)."""

from __future__ import annotations

import argparse

from qbcircuit.io import dumps
from qbcircuit.run.profiles import PROFILE_DIR, available_profiles, load_profile


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("backends", help="list the backend profiles (backends/*.toml)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per profile, in a list")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    profiles = [load_profile(name) for name in available_profiles()]
    if args.json:
        print(dumps([p.to_dict() for p in profiles]))
        return 0
    print(f"backend profiles in {PROFILE_DIR} (add one by adding a TOML file):")
    for p in profiles:
        where = f"{p.kind}/{p.method}" if p.kind == "aer" else "ibm runtime"
        print(f"  {p.name:<18} {where:<22} {p.noise_label:<34} shots {p.shots:<6} opt {p.optimization_level}  {p.description}")
    return 0
