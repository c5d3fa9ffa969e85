"""Choosing the truncation of a bosonic mode by a convergence check the user can see.

A cavity of 2^k levels lives in k qubits. ``converge_truncation`` builds the model for
k = k_min, k_min + 1, ... and computes the figures the user asked for (a curve or a few
numbers); it stops at the first k whose figures differ from those at k - 1 by less than
``tol`` (absolute, max over the figures), and returns that k with the whole history, so
that the choice can be printed and saved with the results.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np


@dataclass
class TruncationCheck:
    num_mode_qubits: int  # the chosen k (2^k levels)
    converged: bool
    tol: float
    changes: dict[int, float] = field(default_factory=dict)  # k -> max |f(k) - f(k-1)|

    def describe(self) -> str:
        steps = ", ".join(f"{2**k} levels: {d:.2e}" for k, d in self.changes.items())
        verdict = "converged" if self.converged else "NOT converged"
        return f"cavity truncated at {2**self.num_mode_qubits} levels ({verdict} to {self.tol:g}; change per doubling: {steps})"

    def to_dict(self) -> dict:
        return {"levels": 2**self.num_mode_qubits, "mode_qubits": self.num_mode_qubits, "converged": self.converged,
                "tol": self.tol, "changes": {str(2**k): v for k, v in self.changes.items()}}


def converge_truncation(
    figures: Callable[[int], np.ndarray], *, k_min: int = 1, k_max: int = 6, tol: float = 1e-6
) -> TruncationCheck:
    """Smallest k in [k_min + 1, k_max] with max|figures(k) - figures(k-1)| < tol.

    ``figures(k)`` returns an array (any shape, the same for every k). If no k converges,
    the result says so (``converged=False``) with k = k_max; the caller decides whether that
    is an error.
    """
    if not 1 <= k_min < k_max:
        raise ValueError(f"need 1 <= k_min < k_max, got k_min={k_min}, k_max={k_max}")
    if tol <= 0:
        raise ValueError(f"tol must be > 0, got {tol}")
    previous = np.asarray(figures(k_min), dtype=float)
    changes = {}
    for k in range(k_min + 1, k_max + 1):
        current = np.asarray(figures(k), dtype=float)
        changes[k] = float(np.max(np.abs(current - previous)))
        if changes[k] < tol:
            return TruncationCheck(k, True, tol, changes)
        previous = current
    return TruncationCheck(k_max, False, tol, changes)
