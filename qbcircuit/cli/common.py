"""Pieces shared by the ``qbc`` subcommands."""

from __future__ import annotations

import argparse
from collections.abc import Sequence


class UsageError(ValueError):
    """A mistake on the command line: reported in one line, exit status 2."""


def checked_options(model=None, **options):
    """The pipeline's option checks (:func:`qbcircuit.pipeline.check_options`), their errors
    in the words of the command line (``shots must be >= 1`` -> ``--shots must be >= 1``)."""
    from qbcircuit.pipeline.options import OptionError, check_options

    try:
        return check_options(model, **options)
    except OptionError as error:
        raise UsageError(f"--{error.parameter.replace('_', '-')} {error.requirement}") from None


def parse_params(pairs: Sequence[str] | None) -> dict[str, str]:
    """``-p NAME=VALUE`` pairs to a dict (values stay strings: the registry converts them)."""
    params = {}
    for pair in pairs or ():
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"-p takes NAME=VALUE, got {pair!r}")
        params[name.strip()] = value.strip()
    return params


def add_model_arguments(parser: argparse.ArgumentParser) -> None:
    """MODEL and repeatable -p NAME=VALUE, as every model-driven subcommand takes them."""
    parser.add_argument("model", help="a registered model (see `qbc models`)")
    parser.add_argument("-p", "--param", action="append", metavar="NAME=VALUE", help="a model parameter (repeatable)")
