"""Atomic writes of strict JSON: a result file is either complete or absent, never half-written,
and always valid JSON.

JSON has no NaN or Infinity. A non-finite number is written as ``null``, and a JSON object
at the top level gets a ``"non_finite"`` entry naming each such place and what it was
(``"power[0]": "nan"``: undefined there, as W(t)/t at t = 0), so that nothing is lost and
every reader (jq, JavaScript, pandas) reads the file.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path
from typing import Any

import numpy as np


NON_FINITE_KEY = "non_finite"


def json_safe(obj: Any, non_finite: dict[str, str] | None = None, where: str = "") -> Any:
    """``obj`` with numpy arrays and scalars as lists and numbers, results as their
    ``to_dict()``, and every non-finite float as None; each such place is recorded in
    ``non_finite`` (path -> "nan", "inf" or "-inf") when a dict is given."""
    if isinstance(obj, dict):
        return {str(k): json_safe(v, non_finite, f"{where}.{k}" if where else str(k)) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [json_safe(v, non_finite, f"{where}[{i}]") for i, v in enumerate(obj)]
    if isinstance(obj, np.ndarray):
        return json_safe(obj.tolist(), non_finite, where)
    if isinstance(obj, np.generic):
        return json_safe(obj.item(), non_finite, where)
    if isinstance(obj, float):
        if math.isfinite(obj):
            return obj
        if non_finite is not None:
            non_finite[where] = "nan" if obj != obj else ("inf" if obj > 0 else "-inf")
        return None
    if isinstance(obj, complex):
        return [json_safe(obj.real, non_finite, f"{where}.real"), json_safe(obj.imag, non_finite, f"{where}.imag")]
    if obj is None or isinstance(obj, (str, int, bool)):
        return obj
    if hasattr(obj, "to_dict"):
        return json_safe(obj.to_dict(), non_finite, where)
    if isinstance(obj, os.PathLike):
        return os.fspath(obj)
    raise TypeError(f"cannot write {type(obj).__name__} as JSON")


def dumps(obj: Any, indent: int | None = None) -> str:
    """Strict JSON text of ``obj`` (see the module docstring for non-finite numbers)."""
    non_finite: dict[str, str] = {}
    data = json_safe(obj, non_finite)
    if non_finite and isinstance(data, dict):
        data[NON_FINITE_KEY] = {**data.get(NON_FINITE_KEY, {}), **non_finite}
    return json.dumps(data, indent=indent, allow_nan=False)


def write_atomic(path: str | os.PathLike, data: bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_json(path: str | os.PathLike, obj: Any) -> Path:
    """Write ``obj`` atomically as strict JSON (module docstring) and return the path."""
    return write_atomic(path, dumps(obj, indent=2).encode())


def save_figure(fig, path: str | os.PathLike, dpi: int = 130) -> Path:
    import io

    buffer = io.BytesIO()
    fig.savefig(buffer, format=Path(path).suffix.lstrip(".") or "png", dpi=dpi, bbox_inches="tight")
    return write_atomic(path, buffer.getvalue())
