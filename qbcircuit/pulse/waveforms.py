"""Pulse envelopes, sampled on the device's time step ``dt``.

A waveform is a complex envelope d(t) of ``duration`` samples (an integer: hardware plays
one sample per dt). Sample k is the value at the centre of the k-th step, t = (k + 1/2) dt,
and is held for the whole step (sample-and-hold, as an arbitrary waveform generator
plays it). Amplitudes are dimensionless, in units of the channel's full scale: |d| <= 1.
What a unit amplitude does to the device (a Rabi rate, an exchange rate) is the device
model's business (:mod:`qbcircuit.pulse.device`).

Shapes follow the usual pulse libraries (and OpenPulse's vocabulary): ``sigma``,
``width`` and DRAG's ``beta`` are in samples; Gaussian edges are *lifted* (shifted and
rescaled so the envelope is exactly zero just outside the pulse), so a pulse does not
start or end with a jump.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


def _check_duration(duration: int, what: str) -> int:
    if not isinstance(duration, (int, np.integer)) or duration < 1:
        raise ValueError(f"{what}: duration must be a whole number of samples >= 1, got {duration!r}")
    return int(duration)


def _check_amplitude(samples: np.ndarray, what: str) -> np.ndarray:
    peak = float(np.max(np.abs(samples), initial=0.0))
    if not np.all(np.isfinite(samples)) or peak > 1 + 1e-12:
        raise ValueError(f"{what}: |amplitude| must be <= 1 (the channel's full scale), got a peak of {peak:.4g}")
    return samples


def _centres(duration: int) -> np.ndarray:
    return np.arange(duration) + 0.5


def _lifted_gaussian(x: np.ndarray, centre: float, half_span: float, sigma: float) -> np.ndarray:
    """exp(-(x-c)^2 / 2 sigma^2), shifted and rescaled to 0 at c +- half_span and 1 at c."""
    edge = np.exp(-0.5 * (half_span / sigma) ** 2)
    return (np.exp(-0.5 * ((x - centre) / sigma) ** 2) - edge) / (1 - edge)


@dataclass(frozen=True)
class Waveform:
    """Base class: a named envelope with ``duration`` samples."""

    duration: int

    @property
    def shape(self) -> str:
        return type(self).__name__.lower()

    def samples(self) -> np.ndarray:  # pragma: no cover - every shape overrides it
        raise NotImplementedError

    def parameters(self) -> dict:
        """The shape's parameters, JSON-ready (complex amplitudes as [re, im])."""
        out = {}
        for key, value in self.__dict__.items():
            out[key] = [value.real, value.imag] if isinstance(value, complex) else value
        return out


@dataclass(frozen=True)
class Constant(Waveform):
    amp: complex = 1.0

    def samples(self) -> np.ndarray:
        n = _check_duration(self.duration, "constant")
        return _check_amplitude(np.full(n, complex(self.amp)), "constant")


@dataclass(frozen=True)
class Gaussian(Waveform):
    amp: complex = 1.0
    sigma: float = 1.0

    def samples(self) -> np.ndarray:
        n = _check_duration(self.duration, "gaussian")
        if not self.sigma > 0:
            raise ValueError(f"gaussian: sigma must be > 0 samples, got {self.sigma}")
        env = _lifted_gaussian(_centres(n), n / 2, n / 2, self.sigma)
        return _check_amplitude(complex(self.amp) * env, "gaussian")


@dataclass(frozen=True)
class Drag(Waveform):
    """Gaussian plus i beta times its derivative (Motzoi et al., PRL 103, 110501 (2009)):
    the quadrature component cancels, to first order, the transition to the second
    excited level of a weakly anharmonic qubit. ``beta`` is in samples.

    ``detuning`` (cycles per sample) plays the pulse off the frame's frequency by that
    much, phase-referenced to the pulse's centre, without touching the frame: it
    compensates the AC Stark shift that the second excited level causes during the pulse
    (the detuning of "DRAG with detuning", Motzoi and Wilhelm, PRA 88, 062318 (2013))."""

    amp: complex = 1.0
    sigma: float = 1.0
    beta: float = 0.0
    detuning: float = 0.0

    def samples(self) -> np.ndarray:
        n = _check_duration(self.duration, "drag")
        if not self.sigma > 0:
            raise ValueError(f"drag: sigma must be > 0 samples, got {self.sigma}")
        x = _centres(n)
        env = _lifted_gaussian(x, n / 2, n / 2, self.sigma)
        edge = np.exp(-0.5 * (n / 2 / self.sigma) ** 2)
        # derivative of the lifted Gaussian with respect to x (in samples)
        slope = -(x - n / 2) / self.sigma**2 * np.exp(-0.5 * ((x - n / 2) / self.sigma) ** 2) / (1 - edge)
        ramp = np.exp(-2j * np.pi * self.detuning * (x - n / 2))
        return _check_amplitude(complex(self.amp) * (env + 1j * self.beta * slope) * ramp, "drag")


@dataclass(frozen=True)
class GaussianSquare(Waveform):
    """A flat top of ``width`` samples with lifted-Gaussian rise and fall."""

    amp: complex = 1.0
    sigma: float = 1.0
    width: int = 0

    def samples(self) -> np.ndarray:
        n = _check_duration(self.duration, "gaussian_square")
        if not self.sigma > 0:
            raise ValueError(f"gaussian_square: sigma must be > 0 samples, got {self.sigma}")
        if not 0 <= self.width <= n or (n - self.width) % 2:
            raise ValueError(
                f"gaussian_square: width must be in [0, {n}] with duration - width even, got {self.width}"
            )
        rise = (n - self.width) // 2
        x = _centres(n)
        env = np.ones(n)
        if rise:
            left, right = x < rise, x > n - rise
            env[left] = _lifted_gaussian(x[left], rise, rise, self.sigma)
            env[right] = _lifted_gaussian(x[right], n - rise, rise, self.sigma)
        return _check_amplitude(complex(self.amp) * env, "gaussian_square")


@dataclass(frozen=True)
class SineSquared(Waveform):
    """amp sin^2(pi t / T): smooth, compact, half the area of the square pulse."""

    amp: complex = 1.0

    def samples(self) -> np.ndarray:
        n = _check_duration(self.duration, "sine_squared")
        return _check_amplitude(complex(self.amp) * np.sin(np.pi * _centres(n) / n) ** 2, "sine_squared")


@dataclass(frozen=True)
class Samples(Waveform):
    """Arbitrary samples (``duration`` is their number)."""

    values: tuple = field(default=())

    @classmethod
    def of(cls, values) -> "Samples":
        arr = np.asarray(values, dtype=complex).ravel()
        return cls(int(arr.size), tuple(complex(v) for v in arr))

    def samples(self) -> np.ndarray:
        arr = np.asarray(self.values, dtype=complex)
        _check_duration(self.duration, "samples")
        if arr.size != self.duration:
            raise ValueError(f"samples: duration {self.duration} does not match the {arr.size} values")
        return _check_amplitude(arr, "samples")

    def parameters(self) -> dict:
        return {"duration": self.duration, "values": [[v.real, v.imag] for v in self.values]}


ENVELOPES = ("square", "gaussian", "sine_squared", "gaussian_square")


def envelope(name: str, duration: int, amp: complex, sigma: float | None = None) -> Waveform:
    """A charging envelope by name (the ``--envelope`` choices), with area-preserving
    defaults: sigma = duration/4 for Gaussians, rise and fall of 2 sigma with sigma =
    duration/16 for the Gaussian-square."""
    if name == "square":
        return Constant(duration, amp)
    if name == "gaussian":
        return Gaussian(duration, amp, sigma or duration / 4)
    if name == "sine_squared":
        return SineSquared(duration, amp)
    if name == "gaussian_square":
        s = sigma or max(duration / 16, 1.0)
        rise = min(int(round(2 * s)), duration // 2)
        width = duration - 2 * rise
        return GaussianSquare(duration, amp, s, width)
    raise ValueError(f"envelope must be one of {', '.join(ENVELOPES)}, got {name!r}")
