"""``qbc backends``: the backend profiles (and calibration snapshots) qbcircuit finds, and
where each comes from: shipped with the package, the user's folder, or ``QBCIRCUIT_PATH``
(see :mod:`qbcircuit.locations`; a user adds or overrides a profile by adding a TOML file)."""

from __future__ import annotations

import argparse
import logging

from qbcircuit import locations
from qbcircuit.io import dumps

log = logging.getLogger("qbcircuit")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("backends", help="list the backend profiles and where each comes from")
    parser.add_argument("--calibrations", action="store_true", help="list the calibration snapshots instead")
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from qbcircuit.run.profiles import load_profile

    kind = "calibration" if args.calibrations else "backends"
    found = locations.available(kind)
    if kind == "calibration":
        rows = [{"name": f.name, "source": f.source, "path": str(f.path)} for f in found.values()]
        if args.json:
            print(dumps(rows))
            return 0
        for row in rows:
            print(f"  {row['name']:<34} {row['source']:<15} {row['path']}")
        return 0
    profiles = []
    for item in found.values():
        try:
            profiles.append((load_profile(item.path), item))
        except Exception as exc:  # noqa: BLE001 - one bad file must not hide the others
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            log.warning(f"skipped {item.path}: {first}")
    if args.json:
        print(dumps([{**p.to_dict(), "source": item.source, "file": str(item.path)} for p, item in profiles]))
        return 0
    folders = ", ".join(f"{source}: {folder}" for folder, source in locations.search_dirs(kind))
    print(f"backend profiles (searched in order: {folders}; add one by adding a TOML file):")
    for p, item in profiles:
        where = f"{p.kind}/{p.method}" if p.kind == "aer" else "ibm runtime"
        print(f"  {p.name:<18} {where:<22} {p.noise_label:<34} shots {p.shots:<6} opt {p.optimization_level}  "
              f"[{item.source}] {p.description}")
    return 0
