"""Pieces shared by the ``qbc`` subcommands."""

from __future__ import annotations

import argparse
from collections.abc import Sequence


class UsageError(ValueError):
    """A mistake on the command line: reported in one line, exit status 2."""


def with_job_hint(body, args: argparse.Namespace) -> int:
    """``body(args)``; a failed job or lost connection: one line on stderr that says the run
    folder keeps the job ids, exit status 1 (``qbc run`` and ``qbc resume``)."""
    import sys

    from qbcircuit.run.executor import ExecutionError

    try:
        return body(args)
    except ExecutionError as exc:
        print(f"qbc: error: {exc} (the run folder keeps the job ids: `qbc resume RUN_DIR` collects what finished)",
              file=sys.stderr)
        return 1


def checked_options(model=None, **options):
    """The pipeline's option checks (:func:`qbcircuit.pipeline.check_options`), their errors
    in the words of the command line (``shots must be >= 1`` -> ``--shots must be >= 1``)."""
    from qbcircuit.pipeline.options import OptionError, check_options

    try:
        return check_options(model, **options)
    except OptionError as error:
        raise UsageError(f"--{error.parameter.replace('_', '-')} {error.requirement}") from None


def parse_params(pairs: Sequence[str] | None) -> dict[str, str]:
    """``-p NAME=VALUE`` pairs to a dict (values stay strings: the registry converts them).

    Parameters
    ----------
    pairs:
        The ``-p`` arguments, in the order given.

    Returns
    -------
    dict
        name -> value text; a name given twice (``-p N=3 -p N=4``, or a sweep's two ranges
        for one parameter) is a :class:`UsageError`, not a silent choice of the last one.
    """
    params: dict[str, str] = {}
    for pair in pairs or ():
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(f"-p takes NAME=VALUE, got {pair!r}")
        if name in params:
            raise UsageError(f"parameter {name!r} is given twice (-p {name}={params[name]} and -p {pair.strip()}): "
                             "give it once (a sweep takes a list a,b,c or a range start:stop:count)")
        params[name] = value.strip()
    return params


def merge_option(params: dict[str, str], name: str, value, flag: str) -> dict[str, str]:
    """Put an option that is also a model parameter (``--envelope`` for ``-p envelope=``)
    into ``params``; both given is a :class:`UsageError` (one value, one spelling).

    Parameters
    ----------
    params:
        The ``-p`` parameters (:func:`parse_params`).
    name:
        The model parameter the option sets.
    value:
        The option's value (None: not given).
    flag:
        The option as typed (``--envelope``), for the message.

    Returns
    -------
    dict
        ``params`` with ``name`` set when the option was given.
    """
    if value is None:
        return params
    if name in params:
        raise UsageError(f"{flag} {value} and -p {name}={params[name]} set the same parameter: give one of them")
    return {**params, name: str(value)}


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """MODEL and repeatable -p NAME=VALUE, as every model-driven subcommand takes them."""
    parser.add_argument("model", help="a registered model (see `qbc models`)")
    parser.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="a model parameter (repeatable)")
