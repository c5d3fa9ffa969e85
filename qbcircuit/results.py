"""Result objects: what every public function of the library returns.

A result is a plain object with attributes (the numbers, as numpy arrays where they are
curves), a readable ``repr``, ``to_dict()`` (JSON-ready: lists, floats, strings; a value
that is not finite becomes ``None``, so the file is valid JSON), ``save(path)`` (an atomic
write of that dictionary, tagged with the result's kind) and :func:`load`, which gives back
an object of the same class. As QuTiP's ``Result``: the object is the answer, the file is
the same answer on disk.

A result class says its ``kind`` (the tag in the file) and how to build itself from its
dictionary (``from_dict``); :data:`KINDS` names the class of each kind, so ``load`` imports
only the module it needs.
"""

from __future__ import annotations

import importlib
import json
import math
import os
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from qbcircuit.io import NON_FINITE_KEY, write_json

#: kind -> "module:Class" of the result classes, for :func:`load`.
KINDS = {
    "time_series": "qbcircuit.reference.figures:TimeSeries",
    "steady_state": "qbcircuit.reference.figures:SteadyStateFigures",
    "compiled_program": "qbcircuit.compile.program:CompiledProgram",
    "run": "qbcircuit.pipeline.result:RunResult",
    "light_cone_prediction": "qbcircuit.pipeline.light_cone:LightConePrediction",
}
TAG = "qbcircuit_result"
FORMAT_VERSION = 1


def write_result_json(path: str | os.PathLike, data: dict[str, Any]) -> Path:
    """Write ``data`` atomically as strict JSON (non-finite numbers become null)."""
    return write_json(path, data)


def as_array(values) -> np.ndarray:
    """A list read from JSON (None for a missing value) as a float array (nan there)."""
    return np.array([np.nan if v is None else v for v in values], dtype=float)


class Result:
    """Base of the result objects (see the module docstring).

    Subclasses set ``kind``, implement ``to_dict()`` and ``from_dict(data)``, and give
    ``_summary()``: the (name, text) pairs of their repr.
    """

    kind: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Result":  # pragma: no cover
        raise NotImplementedError

    def save(self, path: str | os.PathLike) -> Path:
        """Write the result to ``path`` (JSON, atomically) and return the path.

        Parameters
        ----------
        path:
            The file to write; its folder is created if missing.

        Returns
        -------
        pathlib.Path
            ``path``; :func:`qbcircuit.load` reads it back.
        """
        return write_result_json(path, {TAG: self.kind, "format_version": FORMAT_VERSION, **self.to_dict(),
                                        **self._saved_extras()})

    def _saved_extras(self) -> dict[str, Any]:
        """What the file holds beyond ``to_dict()`` for ``from_dict`` to read (default: nothing)."""
        return {}

    def _summary(self) -> list[tuple[str, str]]:
        return []

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={text}" for name, text in self._summary())
        return f"{type(self).__name__}({fields})"


def format_value(value: Any, unit: str = "") -> str:
    """A number as a repr shows it: 6 significant digits and its unit."""
    if isinstance(value, (float, np.floating)):
        text = "nan" if not math.isfinite(value) else f"{value:.6g}"
    else:
        text = repr(value)
    return f"{text} {unit}".rstrip() if unit and unit != "1" else text


def load(path: str | os.PathLike) -> Result:
    """Read a result written by ``save``: a JSON file, or a run folder.

    Parameters
    ----------
    path:
        A file written by a result's ``save``, or a run folder (``qbc run --out``, or
        ``RunResult.save``).

    Returns
    -------
    Result
        An object of the class that wrote it.
    """
    path = Path(path)
    if path.is_dir():
        if not (path / "run.json").is_file():
            raise ValueError(f"path: {path} is a folder but not a run folder (no run.json)")
        cls = _class("run")
        return cls.load(path)
    if not path.is_file():
        raise ValueError(f"path: {path} does not exist")
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise ValueError(f"path: {path} is not a JSON file ({err})") from None
    kind = data.get(TAG) if isinstance(data, dict) else None
    if kind not in KINDS:
        raise ValueError(f"path: {path} is not a saved qbcircuit result (no {TAG!r} tag of a known kind)")
    # what the file adds around the result's own dictionary
    data = {k: v for k, v in data.items() if k not in (TAG, "format_version", NON_FINITE_KEY)}
    return _class(kind).from_dict(data)


def _class(kind: str) -> type:
    module, name = KINDS[kind].split(":")
    return getattr(importlib.import_module(module), name)
