"""Bounds on the charging power and the quantum speed limit, along a time grid.

RMP 96, 031001 (2024) (seed 004), with the readings this project takes (each bound is a
theorem for the dynamics it names, and the tests check that no model exceeds it):

* instantaneous power P(t) = dW/dt (Eq. 10) is bounded by sqrt(Delta E_B^2(t) I_E(t))
  (Julia-Farre et al., Eq. 24), for any dynamics of the battery: :func:`instantaneous_bound`;
* the average power <P>_t = W(t)/t (Eq. 11) by sqrt(<Delta E_B^2>_t <I_E>_t) (the same
  authors' average bound, Sec. II.C.4): :func:`average_bound`;
* the loose average bound of Eq. (43) (Rossini et al.): for unitary charging P(t) =
  -i Tr[[H_B, H] rho] <= 2 Delta E_B Delta H by the Robertson uncertainty relation, so
  <P>_t <= 2 sqrt(<Delta E_B^2>_t <Delta H^2>_t). Reading taken: the factor 2 of Robertson's
  relation (hbar = 1), which the printed Eq. (43) does not show; without it the bound fails
  for one qubit rotated by H = Omega sigma_x / 2 (<P> = 0.318 omega Omega at t = pi/Omega
  against 0.177 omega Omega; tests/metrics/test_bounds.py): :func:`variance_bound`;
* the quantum speed limit of Eq. (12) for a pure state: t >= L(t) / <Delta H>_t with the
  Bures angle L(t) = arccos|<psi(0)|psi(t)>| (Mandelstam-Tamm, which holds for a
  time-dependent H too: Anandan and Aharonov). Reading taken: the Margolus-Levitin half of
  Eq. (12), L/<E>, is a bound only for orthogonal states (L = pi/2): for a qubit
  sqrt(1 - eps)|0> + sqrt(eps)|1> under H = E|1><1| it exceeds t at small t when
  eps < 1/2 (test). :func:`qsl_time` gives the Mandelstam-Tamm time;
* Binder's bound, Eq. (14): <P> <= 2 W E_max / pi for orthogonal states, E_max the norm of
  the generator (half its spectral width after the best shift by a constant). For any t,
  t >= L/Delta H >= L/E_max gives <P>_t <= W(t) E_max / L(t), which is Eq. (14) at
  L = pi/2: :func:`binder_bound`.

All functions take arrays along a grid that starts at t = 0 and return arrays of its shape;
time averages <f>_t = (1/t) int_0^t f are trapezoid sums on the grid (<f>_0 = f(0)).
"""

from __future__ import annotations

import numpy as np


def _grid(times, *arrays) -> tuple[np.ndarray, ...]:
    t = np.asarray(times, dtype=float)
    if t.ndim != 1 or t.size < 1 or t[0] != 0 or np.any(np.diff(t) <= 0):
        raise ValueError("times must be a strictly increasing 1-D grid starting at 0")
    out = [t]
    for a in arrays:
        a = np.asarray(a, dtype=float)
        if a.shape != t.shape:
            raise ValueError(f"every series must have the grid's shape {t.shape}, got {a.shape}")
        out.append(a)
    return tuple(out)


def time_average(times, values) -> np.ndarray:
    """<f>_t = (1/t) int_0^t f dt' along the grid (trapezoids; f(0) at t = 0).

    Parameters
    ----------
    times:
        Grid from 0, strictly increasing.
    values:
        f on the grid.

    Returns
    -------
    numpy.ndarray
    """
    t, f = _grid(times, values)
    integral = np.concatenate([[0.0], np.cumsum(np.diff(t) * (f[1:] + f[:-1]) / 2)])
    out = np.empty_like(f)
    out[0] = f[0]
    out[1:] = integral[1:] / t[1:]
    return out


def instantaneous_bound(variance, fisher) -> np.ndarray:
    """sqrt(Delta E_B^2 I_E) (Eq. 24), bounding |P(t)| (nan where it is 0 x infinity).

    Parameters
    ----------
    variance:
        Delta E_B^2 along the grid.
    fisher:
        I_E along the grid (may be infinite where a pumped level is empty).

    Returns
    -------
    numpy.ndarray
    """
    v = np.clip(np.asarray(variance, dtype=float), 0.0, None)
    with np.errstate(invalid="ignore"):
        return np.sqrt(v * np.clip(np.asarray(fisher, dtype=float), 0.0, None))


def average_bound(times, variance, fisher) -> np.ndarray:
    """sqrt(<Delta E_B^2>_t <I_E>_t), bounding <P>_t = W(t)/t (nan at t = 0).

    Parameters
    ----------
    times:
        The grid, from 0.
    variance, fisher:
        Delta E_B^2 and I_E on the grid.

    Returns
    -------
    numpy.ndarray
    """
    t, v, f = _grid(times, variance, fisher)
    with np.errstate(invalid="ignore"):
        out = np.sqrt(np.clip(time_average(t, v), 0, None) * np.clip(time_average(t, f), 0, None))
    out[0] = np.nan
    return out


def variance_bound(times, variance_battery, variance_generator) -> np.ndarray:
    """2 sqrt(<Delta E_B^2>_t <Delta H^2>_t) (Eq. 43 with Robertson's factor 2), bounding the
    average power of unitary charging (nan at t = 0).

    Parameters
    ----------
    times:
        The grid, from 0.
    variance_battery:
        Delta E_B^2 on the grid.
    variance_generator:
        Delta H^2 of the generator H(t) on the grid.

    Returns
    -------
    numpy.ndarray
    """
    t, vb, vh = _grid(times, variance_battery, variance_generator)
    out = 2 * np.sqrt(np.clip(time_average(t, vb), 0, None) * np.clip(time_average(t, vh), 0, None))
    out[0] = np.nan
    return out


def bures_angle(overlap) -> np.ndarray:
    """L = arccos|<psi(0)|psi(t)>| in [0, pi/2].

    Parameters
    ----------
    overlap:
        <psi(0)|psi(t)> (complex) or its modulus, any shape.

    Returns
    -------
    numpy.ndarray
    """
    return np.arccos(np.clip(np.abs(np.asarray(overlap)), 0.0, 1.0))


def qsl_time(times, overlap, variance_generator) -> np.ndarray:
    """The Mandelstam-Tamm time L(t) / <Delta H>_t, never above t (0 at t = 0).

    Parameters
    ----------
    times:
        The grid, from 0.
    overlap:
        <psi(0)|psi(t)> on the grid.
    variance_generator:
        Delta H^2 on the grid.

    Returns
    -------
    numpy.ndarray
    """
    t, vh = _grid(times, variance_generator)
    angle = bures_angle(overlap)
    mean_std = time_average(t, np.sqrt(np.clip(vh, 0, None)))
    out = np.zeros_like(t)
    np.divide(angle, mean_std, out=out, where=mean_std > 0)
    out[0] = 0.0
    return out


def binder_bound(stored_energy, overlap, norm: float) -> np.ndarray:
    """W(t) E_max / L(t): Binder's Eq. (14) for any t (nan where L < 1e-6, e.g. t = 0).

    Parameters
    ----------
    stored_energy:
        W(t) along the grid.
    overlap:
        <psi(0)|psi(t)> (or its modulus).
    norm:
        E_max: half the spectral width of the generator (the largest over the grid when it
        depends on time).

    Returns
    -------
    numpy.ndarray
    """
    w = np.asarray(stored_energy, dtype=float)
    angle = bures_angle(overlap)
    out = np.full(w.shape, np.nan)
    # arccos resolves angles near 0 only to ~1e-8: below 1e-6 the ratio is left undefined
    np.divide(w * float(norm), angle, out=out, where=angle > 1e-6)
    return out


def generator_norm(eigenvalues) -> float:
    """E_max = (largest - smallest eigenvalue)/2: the operator norm of H after the best shift.

    Parameters
    ----------
    eigenvalues:
        The spectrum of H (or its extremes).

    Returns
    -------
    float
    """
    e = np.asarray(eigenvalues, dtype=float)
    return float((e.max() - e.min()) / 2)
