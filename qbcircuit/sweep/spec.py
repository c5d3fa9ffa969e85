"""What a sweep visits: parameter specs, products and zips, and the list of points.

A parameter spec is one of
  ``start:stop:count``      count evenly spaced values, both ends included;
  ``start:stop:count:log``  count geometrically spaced values (start, stop > 0);
  ``a,b,c``                 a list (numbers or words, e.g. ``bath=local,collective``);
  ``value``                 one value: the parameter is fixed, not swept.
From Python a spec may also be a sequence of values or a single value.

The swept parameters form a product (the first one varies slowest, so a table reads
like nested loops in the order the parameters were given), except those zipped
together: a zip group varies as one axis, its members stepping together. Every value
is checked by the model's registry before anything runs, so a bad value is a one-line
error naming the parameter, not a failed point.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from qbcircuit.models import get_model_spec

#: The most points a sweep may have: each point is a file in DIR/points and a row of the
#: table (a million points: about a million files and a table of some hundred MB). A range
#: or a product beyond it is refused from its counts, before any value is made.
MAX_SWEEP_POINTS = 1_000_000


def _number(name: str, text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"parameter {name!r}: {what} must be a number, got {text!r}") from None
    if not np.isfinite(value):
        raise ValueError(f"parameter {name!r}: {what} must be finite, got {text!r}")
    return value


def parse_values(name: str, spec: Any) -> tuple:
    """The values a spec stands for (see the module docstring); not yet checked by the model."""
    if isinstance(spec, np.ndarray):
        spec = spec.tolist()
    if isinstance(spec, (list, tuple)):
        if not spec:
            raise ValueError(f"parameter {name!r}: the list of values is empty")
        if len(spec) > MAX_SWEEP_POINTS:
            raise ValueError(f"parameter {name!r}: a list of {len(spec)} values; a sweep holds at most "
                             f"{MAX_SWEEP_POINTS} points")
        return tuple(spec)
    if not isinstance(spec, str):
        return (spec,)
    text = spec.strip()
    if ":" in text:
        parts = [p.strip() for p in text.split(":")]
        if len(parts) not in (3, 4) or (len(parts) == 4 and parts[3] != "log"):
            raise ValueError(f"parameter {name!r}: a range is start:stop:count or start:stop:count:log, got {spec!r}")
        start = _number(name, parts[0], "start")
        stop = _number(name, parts[1], "stop")
        count = _number(name, parts[2], "count")
        if not count.is_integer() or count < 1:
            raise ValueError(f"parameter {name!r}: count must be an integer >= 1, got {parts[2]!r}")
        if count > MAX_SWEEP_POINTS:  # counted, never materialised
            raise ValueError(f"parameter {name!r}: a range of {count:.0f} values; a sweep holds at most "
                             f"{MAX_SWEEP_POINTS} points (one file and one table row each)")
        count = int(count)
        if len(parts) == 4:
            if start <= 0 or stop <= 0:
                raise ValueError(f"parameter {name!r}: a log range needs start > 0 and stop > 0, got {spec!r}")
            values = np.geomspace(start, stop, count)
        else:
            values = np.linspace(start, stop, count)
        return tuple(float(v) for v in values)
    if "," in text:
        values = tuple(v.strip() for v in text.split(","))
        if not any(values):
            raise ValueError(f"parameter {name!r}: the list of values is empty, got {spec!r}")
        if not all(values):
            raise ValueError(f"parameter {name!r}: the list {spec!r} has an empty item (two commas, or one at an end)")
        if len(values) > MAX_SWEEP_POINTS:
            raise ValueError(f"parameter {name!r}: a list of {len(values)} values; a sweep holds at most "
                             f"{MAX_SWEEP_POINTS} points")
        return values
    if not text:
        raise ValueError(f"parameter {name!r}: no value given")
    return (text,)


@dataclass(frozen=True)
class Axis:
    """One swept parameter and its values (already checked and converted by the model)."""

    name: str
    values: tuple


@dataclass(frozen=True)
class SweepPlan:
    """The points of a sweep: ``fixed`` parameters, and ``groups`` of zipped axes whose
    product is the grid (group 0 varies slowest). Point ``i`` sits at grid position
    ``np.unravel_index(i, shape)``."""

    model: str
    fixed: dict[str, Any]
    groups: tuple[tuple[Axis, ...], ...]

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(len(group[0].values) for group in self.groups)

    @property
    def swept(self) -> tuple[str, ...]:
        return tuple(axis.name for group in self.groups for axis in group)

    def __len__(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64)) if self.groups else 1

    def position(self, index: int) -> tuple[int, ...]:
        return tuple(int(k) for k in np.unravel_index(index, self.shape)) if self.groups else ()

    def point(self, index: int) -> dict[str, Any]:
        """Every parameter of point ``index``: the fixed ones and this point's swept values."""
        if not 0 <= index < len(self):
            raise IndexError(f"point {index} outside a sweep of {len(self)} points")
        params = dict(self.fixed)
        for group, k in zip(self.groups, self.position(index)):
            for axis in group:
                params[axis.name] = axis.values[k]
        return params

    def points(self) -> Iterator[tuple[int, dict[str, Any]]]:
        for index in range(len(self)):
            yield index, self.point(index)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "fixed": self.fixed,
            "groups": [[{"name": a.name, "values": list(a.values)} for a in group] for group in self.groups],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "SweepPlan":
        groups = tuple(tuple(Axis(a["name"], tuple(a["values"])) for a in group) for group in data["groups"])
        return cls(data["model"], dict(data["fixed"]), groups)


def model_units(model: str) -> dict[str, str]:
    """The model's energy and time units, and each parameter's unit (for labels and the table)."""
    spec = get_model_spec(model)
    return {"energy": spec.energy_unit, "time": spec.time_unit, **{p.name: p.unit for p in spec.parameters if p.unit}}


def make_plan(model: str, specs: Mapping[str, Any], zips: Sequence[Sequence[str]] = ()) -> SweepPlan:
    """A checked plan for ``model``: ``specs`` maps parameter names to specs (in order),
    ``zips`` lists groups of swept parameters that step together."""
    spec = get_model_spec(model)
    fixed: dict[str, Any] = {}
    axes: dict[str, Axis] = {}
    zipped = {name for group in zips for name in group}
    for name, raw in specs.items():
        parameter = spec.parameter(name)  # unknown names: one line listing the known ones
        values = tuple(parameter.coerce(v) for v in parse_values(name, raw))
        if len(values) == 1 and name not in zipped:
            fixed[name] = values[0]
        else:
            axes[name] = Axis(name, values)

    seen: set[str] = set()
    for group in zips:
        if len(group) < 2:
            raise ValueError(f"a zip needs two or more parameters, got {','.join(group)!r}")
        for name in group:
            if name not in axes:
                raise ValueError(f"zipped parameter {name!r} is not swept: give it a list or a range with -p")
            if name in seen:
                raise ValueError(f"parameter {name!r} appears in two zips")
            seen.add(name)
        lengths = {name: len(axes[name].values) for name in group}
        if len(set(lengths.values())) > 1:
            counts = ", ".join(f"{n} ({k} values)" for n, k in lengths.items())
            raise ValueError(f"zipped parameters must have the same number of values: {counts}")

    # A zip group takes the place of its first member in the order the specs were given.
    group_of = {name: tuple(group) for group in zips for name in group}
    groups: list[tuple[Axis, ...]] = []
    placed: set[str] = set()
    for name in axes:
        if name in placed:
            continue
        members = group_of.get(name, (name,))
        groups.append(tuple(axes[m] for m in members))
        placed.update(members)
    total = 1
    for group in groups:
        total *= len(group[0].values)
    if total > MAX_SWEEP_POINTS:
        sizes = " x ".join(str(len(group[0].values)) for group in groups)
        raise ValueError(f"a sweep of {sizes} = {total} points; at most {MAX_SWEEP_POINTS} "
                         "(one file and one table row each): sweep fewer values")
    defaults = spec.resolve({})
    full_fixed = {k: v for k, v in defaults.items() if k not in axes}
    full_fixed.update(fixed)
    return SweepPlan(model, full_fixed, tuple(groups))
