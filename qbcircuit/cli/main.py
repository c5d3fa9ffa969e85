"""``qbc``: the command line of qbcircuit.

Each subcommand is a module of this package with a ``register(subparsers)`` function,
found at start-up, so adding a subcommand is adding a file.

Exit status: 0 on success; 2 for a usage mistake (an unknown model or parameter, a value
out of range, a conflicting option: one line on stderr, no traceback); 1 for a failure at
run time (a solver that does not converge, a network or IBM service error, a damaged
file, a run or sweep folder that another process holds: one line on stderr, the traceback
with ``--verbose``); 130 when interrupted (Ctrl-C, or SIGTERM, which is handled the same way:
running points are stopped, pool workers and Dask workers are ended, files stay complete).
Diagnostics go through the ``logging`` module (logger ``qbcircuit``): ``--quiet`` keeps
warnings only and no progress, ``--verbose`` adds debug messages and tracebacks.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import logging
import pkgutil
import signal
import sys
import traceback
from collections.abc import Sequence

import qbcircuit.cli as _cli_package
from qbcircuit import __version__
from qbcircuit.cli import progress
from qbcircuit.io import DamagedFile, FolderBusy

_NOT_COMMANDS = {"main", "common", "progress"}
EXIT_OK, EXIT_FAILURE, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EPILOG = ("exit status: 0 success, 2 usage mistake (bad model, parameter or option), "
          "1 failure at run time (solver, network, IBM service, damaged file, folder in use by another process), "
          "130 interrupted (Ctrl-C or SIGTERM)")

log = logging.getLogger("qbcircuit")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="qbc", description="quantum batteries: models, circuits and the exact reference",
                                     epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"qbc (qbcircuit) {__version__}")
    _verbosity(parser, "_top")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(_cli_package.__path__), key=lambda m: m.name):
        if info.name in _NOT_COMMANDS or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{_cli_package.__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    for command in sub.choices.values():
        command.epilog = command.epilog or EPILOG
        _verbosity(command, "")
    return parser


def _verbosity(parser: argparse.ArgumentParser, suffix: str) -> None:
    """-q/--quiet and -v/--verbose, before or after the subcommand (``qbc -q run`` or
    ``qbc run -q``); the top-level ones get their own names, since a subcommand's
    defaults would overwrite them."""
    group = parser.add_mutually_exclusive_group()
    for flags, name, text in ((("-q", "--quiet"), "quiet", "warnings only, no progress"),
                              (("-v", "--verbose"), "verbose", "debug messages, and tracebacks of failures")):
        if any(f in parser._option_string_actions for f in flags):
            continue  # the subcommand has its own (qbc sweep --quiet)
        group.add_argument(*flags, dest=name + suffix, action="store_true", help=text)


def _flag(args: argparse.Namespace, name: str) -> bool:
    return bool(getattr(args, name, False) or getattr(args, name + "_top", False))


def _configure(args: argparse.Namespace) -> None:
    """Logging to stderr as ``qbc: message`` at the chosen verbosity; progress on or off."""
    args.quiet, args.verbose = _flag(args, "quiet"), _flag(args, "verbose")
    level = logging.WARNING if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("qbc: %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False
    progress.configure(enabled=not args.quiet)


@contextlib.contextmanager
def _terminate_as_interrupt():
    """SIGTERM (``kill PID``, a batch system's stop) handled as Ctrl-C: a KeyboardInterrupt in
    the main thread, so the same clean-up runs (pool workers ended, folders released)."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (qbc called from a thread): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``qbc`` with ``argv`` (default: the process's arguments) and return the exit status."""
    args = build_parser().parse_args(argv)
    _configure(args)
    try:
        with _terminate_as_interrupt():
            return args.func(args)
    except (DamagedFile, FolderBusy) as exc:  # a damaged file; a folder another process holds: run time
        print(f"qbc: failed: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except json.JSONDecodeError as exc:  # a damaged file (a ValueError, but not the user's input)
        print(f"qbc: failed: a damaged JSON file ({exc})", file=sys.stderr)
        return EXIT_FAILURE
    except ValueError as exc:  # bad input (UsageError is one): one line, exit 2
        print(f"qbc: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("qbc: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into `head` and closed: not an error
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - a failure at run time: one line, exit 1
        if args.verbose:
            traceback.print_exc()
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        print(f"qbc: failed: {type(exc).__name__}{': ' + message if message else ''}"
              + ("" if args.verbose else " (--verbose for the traceback)"), file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
