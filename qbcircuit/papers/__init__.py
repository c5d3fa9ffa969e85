"""The papers' numbers, complete and checkable.

:data:`ENTRIES` holds every number (or claim) of seeds 000-004 the project computes, each
with the printed value, the tolerance its digits allow, how the project computes it and a
status (reproduced, or not reproducible with the reading taken and the evidence):
:mod:`qbcircuit.papers.registry`. ``qbc papers [--paper ID] [--check] [--json]`` lists and
checks them.

This package sits at the top of the layers (with ``sweep`` and ``cli``): it calls the exact
reference. Importing it computes nothing; an entry computes when it is checked.
"""

from __future__ import annotations

from qbcircuit.papers.registry import (
    NOT_REPRODUCIBLE,
    PAPERS,
    REPRODUCED,
    Check,
    Entry,
    check,
    printed_tolerance,
    select,
    table,
)


def entries() -> list:
    """Every registry entry, paper by paper (the seed modules are imported on first use)."""
    from qbcircuit.papers import seed000, seed001, seed002, seed003, seed004

    out = []
    for module in (seed000, seed001, seed002, seed003, seed004):
        out.extend(module.ENTRIES)
    ids = [e.id for e in out]
    if len(set(ids)) != len(ids):
        raise RuntimeError("registry entries must have distinct ids")
    return out


__all__ = ["NOT_REPRODUCIBLE", "PAPERS", "REPRODUCED", "Check", "Entry", "check", "entries", "printed_tolerance",
           "select", "table"]
