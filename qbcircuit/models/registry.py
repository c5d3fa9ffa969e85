"""Models by name: the CLI and the tests list and build models through this registry.

A model family registers a builder with its parameters (the paper's names, defaults,
units and allowed ranges). ``build_model(name, **params)`` checks every parameter and
calls the builder with the full set, so a builder never sees an unchecked value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from qbcircuit.models.core import BatteryModel

#: The largest magnitude of a real parameter (in the model's units): beyond it the
#: scales of one model differ by more than double precision resolves in a solve (a
#: frequency of 1e200 against rates of 1 gives a steady state with a residual of order 1
#: and an energy of -1e200). A parameter with its own bounds keeps them as well.
MAX_MAGNITUDE = 1e6


@dataclass(frozen=True)
class Parameter:
    """One model parameter, as the paper names it.

    ``low``/``high`` bound numeric values (``None``: unbounded); ``low_open`` and
    ``high_open`` make a bound strict (e.g. a temperature that a formula divides by).
    """

    name: str
    default: Any
    unit: str = ""
    description: str = ""
    kind: type = float
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple[str, ...] | None = None

    def allowed(self) -> str:
        """The allowed values, in words, for messages and `qbc models`."""
        if self.choices:
            return "one of " + ", ".join(self.choices)
        if self.kind is bool:
            return "true or false"
        low, high = self.bounds()
        lo = "-inf" if low is None else f"{low:g}"
        hi = "inf" if high is None else f"{high:g}"
        left = "(" if low is None or (self.low_open and low == self.low) else "["
        right = ")" if high is None or (self.high_open and high == self.high) else "]"
        what = "an integer" if self.kind is int else "a number"
        return f"{what} in {left}{lo}, {hi}{right}"

    def bounds(self) -> tuple[float | None, float | None]:
        """The effective (low, high): a real parameter's own bounds within +-MAX_MAGNITUDE."""
        if self.kind is not float:
            return self.low, self.high
        low = -MAX_MAGNITUDE if self.low is None else max(self.low, -MAX_MAGNITUDE)
        high = MAX_MAGNITUDE if self.high is None else min(self.high, MAX_MAGNITUDE)
        return low, high

    def coerce(self, value: Any) -> Any:
        """Convert (from a CLI string too) and check ``value``; raise a one-line ValueError."""
        bad = ValueError(f"parameter {self.name!r} must be {self.allowed()}, got {value!r}")
        if self.choices:
            if str(value) not in self.choices:
                raise bad
            return str(value)
        if self.kind is bool:
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off"):
                return False
            raise bad
        try:
            if self.kind is int:
                number = float(value)
                if not number.is_integer():
                    raise bad
                number = int(number)
            else:
                number = float(value)
        except (TypeError, ValueError):
            raise bad from None
        if not math.isfinite(number):
            raise bad
        if self.kind is float and abs(number) > MAX_MAGNITUDE:
            raise ValueError(f"parameter {self.name!r} must have magnitude <= {MAX_MAGNITUDE:g} (in the model's "
                             f"units; beyond, one solve cannot resolve the model's other scales), got {value!r}")
        if self.low is not None and (number < self.low or (self.low_open and number == self.low)):
            raise bad
        if self.high is not None and (number > self.high or (self.high_open and number == self.high)):
            raise bad
        return number


@dataclass(frozen=True)
class ModelSpec:
    name: str
    builder: Callable[..., BatteryModel]
    parameters: tuple[Parameter, ...]
    summary: str
    reference: str
    energy_unit: str
    time_unit: str
    limits: Callable[[dict[str, Any]], None] | None = None

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        names = ", ".join(p.name for p in self.parameters)
        raise ValueError(f"model {self.name!r} has no parameter {name!r}; its parameters are: {names}")

    def resolve(self, params: dict[str, Any]) -> dict[str, Any]:
        """Defaults filled in and every value checked."""
        values = {p.name: p.default for p in self.parameters}
        for key, value in params.items():
            values[key] = self.parameter(key).coerce(value)
        if self.limits is not None:  # the combinations the builder cannot hold (sizes), before it runs
            self.limits(values)
        return values


_REGISTRY: dict[str, ModelSpec] = {}


def register_model(
    name: str,
    parameters: Sequence[Parameter],
    summary: str,
    reference: str = "",
    energy_unit: str = "1",
    time_unit: str = "1",
    limits: Callable[[dict[str, Any]], None] | None = None,
) -> Callable[[Callable[..., BatteryModel]], Callable[..., BatteryModel]]:
    """Decorator registering a builder ``f(**params) -> BatteryModel`` under ``name``.

    ``limits(values)``, when given, sees the full set of checked parameters before the
    builder and raises a one-line ValueError for a combination the model cannot hold (a
    space too large to build), with the real limit; it must be cheap (no operators).
    """

    def wrap(builder: Callable[..., BatteryModel]) -> Callable[..., BatteryModel]:
        if name in _REGISTRY:
            raise RuntimeError(f"model {name!r} registered twice")
        _REGISTRY[name] = ModelSpec(name, builder, tuple(parameters), summary, reference, energy_unit, time_unit,
                                    limits)
        return builder

    return wrap


def list_models() -> list[ModelSpec]:
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def parameters_text(name: str, parameters: dict[str, Any]) -> str:
    """The parameters that differ from the model's defaults, as ``{M=2, g=1.0}`` (for reprs).

    Parameters
    ----------
    name:
        A registered model name (an unknown one shows every parameter).
    parameters:
        The model's parameters.

    Returns
    -------
    str
        ``{}`` when every parameter has its default.
    """
    defaults = {p.name: p.default for p in _REGISTRY[name].parameters} if name in _REGISTRY else {}
    shown = {k: v for k, v in parameters.items() if k not in defaults or defaults[k] != v}
    return "{" + ", ".join(f"{k}={v!r}" for k, v in shown.items()) + "}"


def get_model_spec(name: str) -> ModelSpec:
    if name not in _REGISTRY:
        known = ", ".join(sorted(_REGISTRY)) or "(none)"
        raise ValueError(f"unknown model {name!r}; known models: {known}")
    return _REGISTRY[name]


def build_model(name: str, **params: Any) -> BatteryModel:
    """Build a registered model; parameters not given take the paper's defaults."""
    spec = get_model_spec(name)
    values = spec.resolve(params)
    model = spec.builder(**values)
    model.parameters = values
    return model
