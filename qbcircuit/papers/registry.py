"""The registry of the papers' numbers: what each paper prints, what the project computes,
and whether they agree.

An :class:`Entry` names the paper (its seed number), where the number is (figure, equation,
line of text), the quantity, the value as printed, the parameters, how the project computes
it (``method`` in words, ``compute`` in code), the tolerance that matches the printed digits,
and a status:

* ``reproduced``: the computed value agrees with the printed one within the tolerance;
* ``not reproducible``: it does not, and ``reading`` / ``evidence`` say which reading of the
  paper was taken and what was measured (the project's own value is ``value``).

Every entry also records ``value``, the number the project computed when the entry was
written: the listing (``qbc papers``) shows it without computing anything, and a check
(``qbc papers --check``) recomputes it and fails when it moved by more than
``value_tolerance`` (a drift of the code), when a reproduced entry no longer agrees with
the paper, or when a documented disagreement has silently gone away (then its status must
be updated).

How a computed value is compared with the printed one (``comparison``):

* ``"abs"``: ``|value - target| <= tolerance`` (a number rounded to its printed digits:
  :func:`printed_tolerance` gives half a unit of the last digit);
* ``"truncated"``: ``target <= value < target + tolerance`` (a number printed with its
  digits cut, not rounded: 9.24 for 9.246);
* ``"above"`` / ``"below"``: ``value > target + tolerance`` / ``value < target - tolerance``
  (a claim of the text: a trend, a sign, "nearly full", written as a number that is
  positive when the claim holds, the tolerance a margin against round-off).

Entries that take more than a few seconds are ``slow``: the default tests check the fast
ones, ``make test-slow`` all of them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

REPRODUCED = "reproduced"
NOT_REPRODUCIBLE = "not reproducible"
STATUSES = (REPRODUCED, NOT_REPRODUCIBLE)
COMPARISONS = ("abs", "truncated", "above", "below")

#: The papers by seed number (/work/shared/seeds/README.md).
PAPERS = {
    "000": "Zhao, Dou, Zhao, PRA 103, 033715 (2021): spin chain charged through a cavity",
    "001": "Huangfu, Jing (2021): spin chargers",
    "002": "Wang, Yu, Wang (2023): driven-dissipative battery, nonequilibrium reservoirs",
    "003": "Kamin, Salimi, Arjmandi, PRA 109, 022226 (2024): star network, fermion reservoirs",
    "004": "Campaioli et al., RMP 96, 031001 (2024): Colloquium on quantum batteries",
}


def printed_tolerance(printed: str) -> float:
    """Half a unit of the last printed digit: ``"0.23"`` -> 0.005, ``"1.002"`` -> 0.0005.

    Parameters
    ----------
    printed:
        A number as the paper prints it (digits, a sign and a decimal point only).

    Returns
    -------
    float
    """
    try:
        exponent = Decimal(printed.strip()).as_tuple().exponent
    except Exception:  # noqa: BLE001 - decimal's own error classes
        raise ValueError(f"printed must be a plain decimal number, got {printed!r}") from None
    return 0.5 * 10.0 ** int(exponent)


@dataclass(frozen=True)
class Entry:
    """One number (or claim) of a paper; see the module docstring."""

    id: str
    paper: str
    where: str
    quantity: str
    printed: str
    target: float
    tolerance: float
    compute: Callable[[], float]
    value: float
    method: str
    parameters: dict[str, Any] = field(default_factory=dict)
    comparison: str = "abs"
    status: str = REPRODUCED
    reading: str = ""
    evidence: str = ""
    value_tolerance: float | None = None
    slow: bool = False

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValueError(f"entry {self.id}: paper must be one of {', '.join(PAPERS)}, got {self.paper!r}")
        if self.status not in STATUSES:
            raise ValueError(f"entry {self.id}: status must be one of {', '.join(STATUSES)}, got {self.status!r}")
        if self.comparison not in COMPARISONS:
            raise ValueError(f"entry {self.id}: comparison must be one of {', '.join(COMPARISONS)}, got {self.comparison!r}")
        if not self.tolerance >= 0:
            raise ValueError(f"entry {self.id}: tolerance must be >= 0, got {self.tolerance}")
        if self.status == NOT_REPRODUCIBLE and not (self.reading and self.evidence):
            raise ValueError(f"entry {self.id}: a 'not reproducible' entry needs its reading and its evidence")
        if self.agrees(self.value) != (self.status == REPRODUCED):
            raise ValueError(f"entry {self.id}: the recorded value {self.value:.6g} does not fit the status {self.status!r}")

    @property
    def drift_tolerance(self) -> float:
        """How far a recomputed value may move from the recorded ``value``."""
        if self.value_tolerance is not None:
            return self.value_tolerance
        return 1e-6 * max(1.0, abs(self.value))

    def agrees(self, value: float) -> bool:
        """Whether ``value`` agrees with the printed one (see ``comparison``)."""
        if not math.isfinite(value):
            return False
        if self.comparison == "abs":
            return abs(value - self.target) <= self.tolerance
        if self.comparison == "truncated":
            return self.target <= value < self.target + self.tolerance
        if self.comparison == "above":
            return value > self.target + self.tolerance
        return value < self.target - self.tolerance

    def summary(self) -> dict[str, Any]:
        """The entry without its code, as JSON-ready data."""
        return {"id": self.id, "paper": self.paper, "where": self.where, "quantity": self.quantity,
                "printed": self.printed, "target": self.target, "tolerance": self.tolerance,
                "comparison": self.comparison, "value": self.value, "status": self.status,
                "parameters": dict(self.parameters), "method": self.method, "reading": self.reading,
                "evidence": self.evidence, "slow": self.slow}


def entry_maker(paper: str) -> Callable[..., Entry]:
    """A short constructor of one paper's entries, as each seed module writes them.

    ``make(id, where, quantity, printed, compute, value, method, target=None, tol=None, **fields)``
    prefixes ``id`` with the paper, reads the target from the printed digits unless ``target`` is
    given, and takes the tolerance of the printed digits (:func:`printed_tolerance`) unless
    ``tol`` is given; further keywords are :class:`Entry` fields.

    Parameters
    ----------
    paper:
        The paper's id (one of ``PAPERS``).

    Returns
    -------
    callable
        The constructor, returning an :class:`Entry`.
    """

    def make(id: str, where: str, quantity: str, printed: str, compute: Callable[[], float], value: float,
             method: str, *, target: float | None = None, tol: float | None = None, **fields: Any) -> Entry:
        return Entry(id=f"{paper}-{id}", paper=paper, where=where, quantity=quantity, printed=printed,
                     target=float(printed) if target is None else target,
                     tolerance=printed_tolerance(printed) if tol is None else tol,
                     compute=compute, value=value, method=method, **fields)

    return make


@dataclass(frozen=True)
class Check:
    """The outcome of recomputing one entry.

    ``ok`` is False when a reproduced entry no longer agrees with the paper, when a documented
    disagreement agrees now (update its status), or when the value drifted from the recorded
    one; ``problem`` says which.
    """

    entry: Entry
    computed: float
    seconds: float
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    def to_dict(self) -> dict[str, Any]:
        return {**self.entry.summary(), "computed": self.computed, "seconds": self.seconds, "ok": self.ok,
                "problem": self.problem}


def check(entry: Entry) -> Check:
    """Recompute ``entry`` and compare it with the paper and with its recorded value.

    Parameters
    ----------
    entry:
        A registry entry.

    Returns
    -------
    Check
    """
    start = time.perf_counter()
    try:
        computed = float(entry.compute())
    except Exception as exc:  # noqa: BLE001 - a failure is a finding of the check, not a crash
        return Check(entry, float("nan"), time.perf_counter() - start, f"failed: {type(exc).__name__}: {exc}")
    seconds = time.perf_counter() - start
    problems = []
    agrees = entry.agrees(computed)
    if entry.status == REPRODUCED and not agrees:
        problems.append(f"no longer agrees with the printed {entry.printed}")
    if entry.status == NOT_REPRODUCIBLE and agrees:
        problems.append(f"now agrees with the printed {entry.printed}: update the status")
    if not (abs(computed - entry.value) <= entry.drift_tolerance):
        problems.append(f"drifted from the recorded {entry.value:.10g} by {computed - entry.value:.3g}")
    return Check(entry, computed, seconds, "; ".join(problems))


def select(entries: Iterable[Entry], paper: str | None = None, fast_only: bool = False) -> list[Entry]:
    """The entries of one paper (all when None), optionally without the slow ones.

    Parameters
    ----------
    entries:
        Registry entries.
    paper:
        A seed number as ``"001"`` or ``"1"``; None for all.
    fast_only:
        Leave the slow entries out.

    Returns
    -------
    list of Entry
    """
    if paper is not None:
        key = paper.zfill(3)
        if key not in PAPERS:
            raise ValueError(f"paper must be one of {', '.join(PAPERS)}, got {paper!r}")
    else:
        key = None
    return [e for e in entries if (key is None or e.paper == key) and not (fast_only and e.slow)]


def _short(x: float) -> str:
    return "nan" if not math.isfinite(x) else f"{x:.4g}"


def table(entries: Sequence[Entry], checks: dict[str, Check] | None = None, markdown: bool = False) -> str:
    """The registry as a text (or Markdown) table: id, where, quantity, printed, the project's
    value, status (and the recomputed value with its verdict when ``checks`` is given).

    Parameters
    ----------
    entries:
        The entries to list.
    checks:
        id -> Check, from :func:`check`.
    markdown:
        A Markdown table (for the documentation).

    Returns
    -------
    str
    """
    head = ["id", "where", "quantity", "printed", "project", "status"]
    if checks:
        head += ["check"]
    rows = []
    for e in entries:
        printed = e.printed if e.comparison in ("abs", "truncated") else f"{e.printed} ({e.comparison} {e.target:g})"
        row = [e.id, e.where, e.quantity, printed, _short(e.value), e.status]
        if checks:
            c = checks.get(e.id)
            row.append("-" if c is None else ("ok" if c.ok else "FAIL: " + c.problem))
        rows.append(row)
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [min(max(len(str(r[k])) for r in [head, *rows]), 48) for k in range(len(head))]
    out = []
    for r in [head, *rows]:
        cells = [str(c) if len(str(c)) <= w else str(c)[: w - 1] + "~" for c, w in zip(r, widths)]
        out.append("  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip())
    return "\n".join(out)
