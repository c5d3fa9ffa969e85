"""The checks of a run's options, in one place, before anything is compiled or run.

``qbcircuit.pipeline.run``, ``qbc run``, ``qbc resume`` and the circuit points of a sweep
all call :func:`check_options`. A value out of range raises :class:`OptionError`: a
``ValueError`` of one line that names the parameter and its range (``shots must be >= 1,
got 0``); the command line rewrites the parameter as its flag (``--shots``) and exits
with status 2.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

ORDERS = (1, 2, 4)
APPROXIMATIONS = ("secular", "clipped")


class OptionError(ValueError):
    """A run option out of its range: ``parameter`` names it, ``requirement`` says what it must be."""

    def __init__(self, parameter: str, requirement: str):
        self.parameter = parameter
        self.requirement = requirement
        super().__init__(f"{parameter} {requirement}")


def _positive(name: str, value: Any) -> None:
    if value is None:
        return
    try:
        ok = math.isfinite(float(value)) and float(value) > 0
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise OptionError(name, f"must be > 0, got {value}")


def _integer_at_least(name: str, value: Any, low: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, (int, np.integer, float, np.floating)) or int(value) != value \
            or value < low:
        raise OptionError(name, f"must be >= {low}, got {value}")


def _check_times(times: Sequence[float]) -> None:
    try:
        t = np.asarray(times, dtype=float)
    except (TypeError, ValueError):
        raise OptionError("times", f"must be a sequence of numbers, got {times!r}") from None
    if t.ndim != 1 or t.size < 2 or not np.all(np.isfinite(t)) or t[0] != 0 or np.any(np.diff(t) <= 0):
        raise OptionError("times", f"must start at 0, increase and hold at least two points, got {np.atleast_1d(t).tolist()}")


def _check_zne(zne: Sequence[float]) -> None:
    try:
        factors = [float(f) for f in zne]
    except (TypeError, ValueError):
        raise OptionError("zne", f"must be odd noise factors >= 1, e.g. (1, 3, 5), got {zne!r}") from None
    odd = all(f >= 1 and abs((f - 1) / 2 - round((f - 1) / 2)) <= 1e-9 for f in factors)
    if not factors or not odd or len(set(factors)) != len(factors):
        raise OptionError("zne", f"must be distinct odd noise factors >= 1 (gate folding), e.g. (1, 3, 5), got {factors}")


def load_backend(backend):
    """A backend profile, its IBM account checked (a missing account fails here, not after compiling).

    Parameters
    ----------
    backend:
        A profile name (``qbc backends``) or a :class:`~qbcircuit.run.BackendProfile`.

    Returns
    -------
    BackendProfile
    """
    from qbcircuit.run import BackendProfile, load_profile

    profile = backend if isinstance(backend, BackendProfile) else load_profile(str(backend))
    if profile.kind == "ibm" and not profile.local_testing:
        from qbcircuit.run.ibm import check_account

        check_account(profile)
    return profile


def check_options(model=None, *, backend=None, steady_state: bool = False, times: Sequence[float] | None = None,
                  t_final: float | None = None, points: int | None = None, shots: int | None = None,
                  dt: float | None = None, order: int = 2, t_relax: float | None = None, steps: int | None = None,
                  zne: Sequence[float] | None = None, approximation: str | None = None, route: str | None = None,
                  resilience_level: int | None = None, twirling: str | None = None,
                  dynamical_decoupling: str | None = None, fractional_gates: bool | None = None,
                  pec: bool | None = None, readout_mitigation: bool | None = None, seed: int | None = None):
    """Check a run's options; raise one-line errors naming the parameter and its range.

    Parameters
    ----------
    model:
        The battery model (checks that a steady state has dissipation and that the battery
        can be measured); None to check the numbers alone.
    backend:
        A profile name or profile: loaded, and an IBM account checked; None to skip.
    steady_state:
        A steady-state run (needs an open model; takes ``t_relax`` and ``steps``, no times).
    times:
        A time series' grid: starts at 0, increases, at least two points.
    t_final, points:
        The grid as the command line gives it: t_final > 0, points >= 2.
    shots:
        Shots per circuit, >= 1 (None: the profile's).
    dt:
        Largest Trotter step, > 0.
    order:
        Product-formula order, 1, 2 or 4.
    t_relax:
        Steady state: evolution time, > 0 (None: 8 relaxation times).
    steps:
        Steady state: steps to t_relax, an integer >= 1.
    zne:
        Zero-noise extrapolation factors: distinct odd integers >= 1. On the estimator route
        they become the runtime's ZNE (``zne_mitigation`` with these ``zne_noise_factors``) at
        every level above 0.
    readout_mitigation:
        On the estimator route: the runtime's TREX (``measure_mitigation``) at every level
        above 0 (the sampler route applies it itself).
    approximation:
        None, ``secular`` or ``clipped``.
    seed:
        The sampling seed: an integer >= 0 (None: the profile's).
    route, resilience_level, twirling, dynamical_decoupling, fractional_gates, pec:
        Override the profile's (see :mod:`qbcircuit.run.profiles`): ``sampler`` or
        ``estimator``; 0, 1 or 2; auto, none, measure or gates+measure; none, XX, XpXm or
        XY4; fractional RZZ/RX gates (Heron); probabilistic error cancellation (estimator
        route, levels above 0). The profile then checks the combination (fractional gates
        with PEA or PEC, PEC with ZNE: refused in one line).

    Returns
    -------
    BackendProfile or None
        The loaded profile when ``backend`` is given, with the overrides.
    """
    from qbcircuit.run.profiles import DD_SEQUENCES, ROUTES, TWIRLING

    if route is not None and route not in ROUTES:
        raise OptionError("route", f"must be {' or '.join(ROUTES)}, got {route!r}")
    if resilience_level is not None and (isinstance(resilience_level, bool) or resilience_level not in (0, 1, 2)):
        raise OptionError("resilience_level", f"must be 0, 1 or 2, got {resilience_level!r}")
    if twirling is not None and twirling not in TWIRLING:
        raise OptionError("twirling", f"must be one of {', '.join(TWIRLING)}, got {twirling!r}")
    if dynamical_decoupling is not None and dynamical_decoupling not in DD_SEQUENCES:
        raise OptionError("dynamical_decoupling", f"must be one of {', '.join(DD_SEQUENCES)}, got {dynamical_decoupling!r}")
    _integer_at_least("shots", shots, 1)
    _integer_at_least("seed", seed, 0)
    _positive("dt", dt)
    _positive("t_final", t_final)
    _integer_at_least("points", points, 2)
    if order not in ORDERS:
        raise OptionError("order", f"must be 1, 2 or 4, got {order!r}")
    if approximation is not None and approximation not in APPROXIMATIONS:
        raise OptionError("approximation", f"must be None, secular or clipped, got {approximation!r}")
    if zne is not None:
        _check_zne(zne)
    if steady_state:
        if times is not None:
            raise OptionError("times", "go with a time series, not with steady_state=True")
        if model is not None and not model.is_open:
            raise OptionError("steady_state", f"needs an open model; {model.name!r} has no dissipation, so it has no "
                              "steady state to relax to")
        _positive("t_relax", t_relax)
        _integer_at_least("steps", steps, 1)
    else:
        if times is not None:
            _check_times(times)
        if t_relax is not None:
            raise OptionError("t_relax", "goes with steady_state=True (a time series runs to the last of its times)")
    if model is not None:
        from qbcircuit.pipeline.plan import check_measurable

        check_measurable(model)
    if backend is None:
        return None
    profile = load_backend(backend)
    overrides = {"route": route, "resilience_level": resilience_level, "twirling": twirling,
                 "dynamical_decoupling": dynamical_decoupling, "fractional_gates": fractional_gates,
                 "pec_mitigation": pec}
    estimator = (route or profile.route) == "estimator"
    if pec and not estimator:
        raise OptionError("pec", "goes with route = 'estimator' (the runtime Estimator cancels the errors of H_B's "
                          "expectation value)")
    if estimator and zne is not None:  # the sampler's folding factors as the runtime Estimator's ZNE
        if pec or (pec is None and profile.pec_mitigation):
            raise OptionError("zne", "cannot go with PEC on the estimator route (the runtime refuses the pair)")
        overrides.update(zne_mitigation=True, zne_noise_factors=tuple(float(f) for f in zne))
    if estimator and readout_mitigation:
        overrides["measure_mitigation"] = True
    return profile.replace(**overrides) if any(v is not None for v in overrides.values()) else profile


__all__ = ["APPROXIMATIONS", "ORDERS", "OptionError", "check_options", "load_backend"]
