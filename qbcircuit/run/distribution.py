"""Measured bit distributions and the linear estimators built on them, with error bars.

Every mitigation used here is linear in the measured probabilities: readout mitigation
applies the inverse of each bit's assignment matrix, zero-noise extrapolation takes a
fixed linear combination of the distributions measured at several noise factors. So a
mitigated result is itself a (quasi-)probability vector, q = sum_k c_k M p_k, and
anything computed downstream from counts (an energy from Z counts, a density matrix from
tomography counts) works unchanged on it.

Error bars: for a diagonal observable o, <o> = sum_k c_k p_k . (M^T o), and the shot-noise
variance is sum_k c_k^2 Var_{p_k}(M^T o) / S_k (multinomial sampling, independent runs).
For anything nonlinear, ``resampled`` redraws the raw counts (the bootstrap that uses it,
and every estimator of a figure, is in :mod:`qbcircuit.pipeline.estimate`). The shot noise of the
readout calibration itself is not propagated (it uses as many shots as the circuits).

When all S shots agree the sample variance is 0, which claims a certainty S shots cannot
give. Each run's variance therefore has a floor: that of an outcome at the other end of
the observable's range seen with the Agresti-Coull probability p = 2/(S + 4) (an event
never observed in S shots, at about 95 % confidence), range^2 p (1 - p) / (S + 4). With
any spread in the counts the floor is far below the sample variance (for S = 4000 and a
range of 2 it is 5e-7 against ~1e-4) and changes nothing. The bootstrap (``resampled``)
does the same: a run whose shots all agree is redrawn with probability 2/(S + 4) shared
among the outcomes it never saw.

Bit order: index x = sum_i b_i 2^i, b_i the value of clbit i (Qiskit's bitstring read
right to left).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

MAX_BITS = 20


def probabilities(counts: Mapping[str, int], num_bits: int) -> tuple[np.ndarray, int]:
    """Counts to a dense probability vector over 2^num_bits outcomes, and the shot count."""
    if num_bits > MAX_BITS:
        raise ValueError(f"a distribution over {num_bits} bits is too large to hold densely (at most {MAX_BITS})")
    p = np.zeros(2**num_bits)
    for key, n in counts.items():
        p[int(key.replace(" ", ""), 2)] += n
    shots = int(p.sum())
    if shots == 0:
        raise ValueError("empty counts")
    return p / shots, shots


def apply_per_bit(vector: np.ndarray, matrices: Sequence[np.ndarray | None]) -> np.ndarray:
    """Apply one 2x2 matrix per bit (bit i = axis n-1-i of the reshaped vector)."""
    n = len(matrices)
    tensor = vector.reshape((2,) * n) if n else vector
    for i, m in enumerate(matrices):
        if m is None:
            continue
        tensor = np.moveaxis(np.tensordot(m, tensor, axes=([1], [n - 1 - i])), 0, n - 1 - i)
    return tensor.reshape(-1)


@dataclass
class Distribution:
    """A linear estimator: terms (c_k, p_k, S_k) and per-bit matrices M (None: identity)."""

    num_bits: int
    terms: list[tuple[float, np.ndarray, int]]
    bit_matrices: list[np.ndarray | None] = field(default_factory=list)
    label: str = "raw"

    @classmethod
    def from_counts(cls, counts: Mapping[str, int], num_bits: int) -> "Distribution":
        p, shots = probabilities(counts, num_bits)
        return cls(num_bits, [(1.0, p, shots)], [None] * num_bits)

    @classmethod
    def exact(cls, probs: np.ndarray) -> "Distribution":
        """A distribution known exactly (from a simulator's probabilities): no shot noise."""
        probs = np.asarray(probs, dtype=float)
        return cls(int(np.log2(probs.size)), [(1.0, probs, 0)], [None] * int(np.log2(probs.size)), "exact")

    @property
    def shots(self) -> int:
        return sum(s for _, _, s in self.terms)

    def quasi_probabilities(self) -> np.ndarray:
        total = sum(c * p for c, p, _ in self.terms)
        return apply_per_bit(total, self.bit_matrices)

    def expectation(self, diagonal: np.ndarray) -> tuple[float, float]:
        """Mean and standard error of a diagonal observable given by its values on outcomes."""
        o = apply_per_bit(np.asarray(diagonal, dtype=float), [None if m is None else m.T for m in self.bit_matrices])
        mean, var = 0.0, 0.0
        for c, p, shots in self.terms:
            m = float(p @ o)
            mean += c * m
            if shots > 0:  # shots = 0 marks an exact (simulated) distribution
                var += c * c * max(float(p @ (o * o)) - m * m, 0.0, _unseen_floor(o, shots) * shots) / shots
        return mean, float(np.sqrt(var))

    def with_bit_matrices(self, matrices: Sequence[np.ndarray | None], label: str) -> "Distribution":
        return Distribution(self.num_bits, list(self.terms), list(matrices), label)

    def resampled(self, rng: np.random.Generator) -> "Distribution":
        """The counts redrawn multinomially (the bootstrap); exact terms are kept. A run whose
        shots all agree is redrawn from its Agresti-Coull neighbourhood instead (module
        docstring): resampling it as it is would claim a certainty its shots cannot give."""
        terms = [(c, rng.multinomial(s, _resampling_probabilities(p, s)) / s if s > 0 else p, s) for c, p, s in self.terms]
        return Distribution(self.num_bits, terms, list(self.bit_matrices), self.label)


def _resampling_probabilities(p: np.ndarray, shots: int) -> np.ndarray:
    """p normalised; when all shots fell on one outcome, the Agresti-Coull probability
    2/(S + 4) of an unseen outcome is shared among the others (the floor of ``expectation``)."""
    p = p / p.sum()
    seen = np.flatnonzero(p > 0)
    if seen.size == 1 and p.size > 1:
        unseen = 2.0 / (shots + 4)
        p = np.full(p.size, unseen / (p.size - 1))
        p[seen[0]] = 1.0 - unseen
    return p


def _unseen_floor(values: np.ndarray, shots: int) -> float:
    """Variance of the mean for an outcome never seen in ``shots`` (module docstring)."""
    p = 2.0 / (shots + 4)
    spread = float(np.max(values) - np.min(values))
    return spread**2 * p * (1 - p) / (shots + 4)


#: The floor of a mean's variance when every shot agreed (module docstring), for estimators of
#: per-shot statistics that do not go through a dense Distribution (registers of more than
#: MAX_BITS bits): ``unseen_floor(values, shots)``, values spanning the statistic's range.
unseen_floor = _unseen_floor


def combine(distributions: Sequence[Distribution], coefficients: Sequence[float], label: str) -> Distribution:
    """sum_k c_k D_k for distributions that share bits and bit matrices (zero-noise extrapolation)."""
    first = distributions[0]
    terms = [(c * ck, p, s) for d, c in zip(distributions, coefficients) for ck, p, s in d.terms]
    return Distribution(first.num_bits, terms, list(first.bit_matrices), label)


def z_diagonal(num_bits: int, bits: Sequence[int]) -> np.ndarray:
    """Values of prod_{i in bits} Z_i on every outcome (+1 for even parity of those bits)."""
    x = np.arange(2**num_bits)
    parity = np.zeros_like(x)
    for b in bits:
        parity ^= (x >> b) & 1
    return 1.0 - 2.0 * parity
