"""``qbc``: the command line of qbcircuit.

Each subcommand is a module of this package with a ``register(subparsers)`` function,
found at start-up, so adding a subcommand is adding a file. User mistakes (unknown
model or parameter, values out of range) end with a one-line message on stderr and exit
status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

import qbcircuit.cli as _cli_package

_NOT_COMMANDS = {"main", "common", "progress"}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qbc", description="quantum batteries: models, circuits and the exact reference")
    sub = parser.add_subparsers(dest="command", required=True)
    for info in sorted(pkgutil.iter_modules(_cli_package.__path__), key=lambda m: m.name):
        if info.name in _NOT_COMMANDS or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_cli_package.__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:  # a user's mistake: one line, non-zero exit
        print(f"qbc: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("qbc: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
