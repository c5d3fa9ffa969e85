"""Backend profiles: one TOML file each in ``backends/`` (a user adds a backend by adding a file).

A profile names where circuits run and how: ``kind`` (``aer`` locally, ``ibm`` through
qiskit-ibm-runtime), the Aer ``method``, the ``noise`` source (``none``, ``calibration``:
a snapshot in ``calibration/``, ``device``: a fake IBM device's calibration data), shots,
seed, transpiler optimisation level, the batch size, and simulator ``[options]``.
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

PROFILE_DIR = Path(__file__).resolve().parent.parent.parent / "backends"

KINDS = ("aer", "ibm")
METHODS = ("automatic", "statevector", "density_matrix", "matrix_product_state", "stabilizer")
NOISE_SOURCES = ("none", "calibration", "device")
ZNE_EXTRAPOLATIONS = ("linear", "richardson")


@dataclass(frozen=True)
class BackendProfile:
    name: str
    kind: str = "aer"
    description: str = ""
    method: str = "automatic"
    noise: str = "none"
    calibration: str | None = None
    device: str | None = None
    shots: int = 4000
    seed: int | None = 1234
    optimization_level: int = 1
    max_circuits_per_batch: int = 50
    local_testing: bool = False
    account: str | None = None
    channel: str | None = None
    instance: str | None = None
    readout_mitigation: bool = False
    zne_factors: tuple[float, ...] = (1.0,)
    zne_extrapolation: str = "linear"
    options: dict[str, Any] = field(default_factory=dict)
    path: str | None = None

    def __post_init__(self) -> None:
        where = f"backend profile {self.name!r}"
        _one_of(where, "kind", self.kind, KINDS)
        _one_of(where, "method", self.method, METHODS)
        _one_of(where, "noise", self.noise, NOISE_SOURCES)
        _one_of(where, "zne_extrapolation", self.zne_extrapolation, ZNE_EXTRAPOLATIONS)
        if self.noise == "calibration" and not self.calibration:
            raise ValueError(f"{where}: noise = 'calibration' needs calibration = '<snapshot in calibration/>'")
        if (self.noise == "device" or self.kind == "ibm") and not self.device:
            raise ValueError(f"{where}: needs device = '<name>' (e.g. 'fake_manila' or 'ibm_torino')")
        if self.kind == "ibm" and self.noise != "none":
            raise ValueError(f"{where}: an ibm profile takes its noise from the device; remove noise = {self.noise!r}")
        if not (isinstance(self.shots, int) and self.shots >= 1):
            raise ValueError(f"{where}: shots must be an integer >= 1, got {self.shots!r}")
        if self.seed is not None and not (isinstance(self.seed, int) and self.seed >= 0):
            raise ValueError(f"{where}: seed must be an integer >= 0, got {self.seed!r}")
        if self.optimization_level not in (0, 1, 2, 3):
            raise ValueError(f"{where}: optimization_level must be 0, 1, 2 or 3, got {self.optimization_level!r}")
        if not (isinstance(self.max_circuits_per_batch, int) and self.max_circuits_per_batch >= 1):
            raise ValueError(f"{where}: max_circuits_per_batch must be an integer >= 1, got {self.max_circuits_per_batch!r}")
        check_zne_factors(self.zne_factors, where)

    def replace(self, **changes: Any) -> "BackendProfile":
        data = {**asdict(self), **{k: v for k, v in changes.items() if v is not None}}
        data["zne_factors"] = tuple(float(x) for x in data["zne_factors"])
        return BackendProfile(**data)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def noise_label(self) -> str:
        if self.kind == "ibm":
            return f"device {self.device}" + (" (local testing mode)" if self.local_testing else "")
        return {"none": "noiseless", "calibration": f"calibration {self.calibration}", "device": f"device {self.device}"}[self.noise]


def check_zne_factors(factors, where: str = "zne") -> None:
    factors = tuple(factors)
    if not factors or any(f < 1 or abs((f - 1) / 2 - round((f - 1) / 2)) > 1e-9 for f in factors):
        raise ValueError(f"{where}: zne_factors must be odd integers >= 1 (gate folding), got {list(factors)}")
    if len(set(factors)) != len(factors):
        raise ValueError(f"{where}: zne_factors must be distinct, got {list(factors)}")


def _one_of(where: str, key: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{where}: {key} must be one of {', '.join(allowed)}; got {value!r}")


def available_profiles(directory: Path = PROFILE_DIR) -> list[str]:
    return sorted(p.stem for p in Path(directory).glob("*.toml"))


def profile_from_dict(data: dict[str, Any], name: str, path: str | None = None) -> BackendProfile:
    data = dict(data)
    mitigation = data.pop("mitigation", {}) or {}
    for key in ("readout", "zne_factors", "zne_extrapolation"):
        if key in mitigation:
            data["readout_mitigation" if key == "readout" else key] = mitigation[key]
    if "zne_factors" in data:
        data["zne_factors"] = tuple(float(x) for x in data["zne_factors"])
    known = set(BackendProfile.__dataclass_fields__) - {"name", "path"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"backend profile {name!r}: unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return BackendProfile(name=name, path=path, **data)


def load_profile(name_or_path: str | Path, directory: Path = PROFILE_DIR) -> BackendProfile:
    """A profile by name (``backends/<name>.toml``) or by path to a TOML file."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = Path(directory) / f"{name_or_path}.toml"
    if not path.is_file():
        raise ValueError(
            f"unknown backend profile {str(name_or_path)!r}; available: {', '.join(available_profiles(directory)) or '(none)'}"
        )
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"backend profile {path}: not valid TOML: {exc}") from None
    return profile_from_dict(data, path.stem, str(path))
