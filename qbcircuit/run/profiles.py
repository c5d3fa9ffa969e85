"""Backend profiles: one TOML file each, shipped in ``qbcircuit/data/backends/``; a user adds
or overrides a backend by putting a file in their own folder (:mod:`qbcircuit.locations`).

A profile names where circuits run and how: ``kind`` (``aer`` locally, ``ibm`` through
qiskit-ibm-runtime), the Aer ``method``, the ``noise`` source (``none``, ``calibration``:
a calibration snapshot (:mod:`qbcircuit.locations`), ``device``: a fake IBM device's calibration data), shots,
seed, transpiler optimisation level, the batch size, and simulator ``[options]``.

Error mitigation (top level or in a ``[mitigation]`` table): the sampler route (counts) has
the project's readout mitigation (``readout``) and gate-folding ZNE (``zne_factors``,
``zne_extrapolation``) with the runtime's ``twirling`` (``auto``: gates and measurements
when ZNE is used), ``twirl_randomizations`` and ``twirl_shots_per_randomization``; the
estimator route (``route = "estimator"``, energy-type observables) takes the runtime
Estimator's ``resilience_level`` (0, 1, 2) and individual options (``measure_mitigation``:
TREX, ``zne_mitigation``, ``zne_noise_factors``, ``zne_extrapolator``, ``zne_amplifier``,
``dynamical_decoupling``: none, XX, XpXm or XY4; ``pec_mitigation``: probabilistic error
cancellation with the gate layers' noise learned first by the runtime's NoiseLearnerV3,
``learning_randomizations`` and ``learning_depths`` its cost; the ``pec`` extra installs
the learner). ``fractional_gates`` (Heron) turns gate
twirling into measurement-only twirling and refuses PEA and PEC (see
:func:`check_mitigation`).
"""

from __future__ import annotations

import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from qbcircuit import locations

#: The profiles shipped with the package (a user's own folders come first: qbcircuit.locations).
PROFILE_DIR = locations.shipped_dir("backends")

KINDS = ("aer", "ibm")
METHODS = ("automatic", "statevector", "density_matrix", "matrix_product_state", "stabilizer")
NOISE_SOURCES = ("none", "calibration", "device")
ZNE_EXTRAPOLATIONS = ("linear", "richardson")
ROUTES = ("sampler", "estimator")
#: Sampler-route twirling: ``auto`` (gates and measurements when ZNE is used, else none).
TWIRLING = ("auto", "none", "measure", "gates+measure")
DD_SEQUENCES = ("none", "XX", "XpXm", "XY4")
ZNE_AMPLIFIERS = ("gate_folding", "gate_folding_front", "gate_folding_back", "pea")
#: Noise factors an extrapolator of the runtime's ZNE needs for a finite standard error: one
#: more than its parameters (measured: with exactly as many as parameters the runtime accepts
#: the fit and reports stds = inf).
ZNE_FACTORS_NEEDED = {"linear": 3, "exponential": 3, "double_exponential": 5, "fallback": 2} | {
    f"polynomial_degree_{k}": k + 2 for k in range(1, 8)}
ZNE_EXTRAPOLATORS = ("linear", "exponential", "double_exponential", "fallback") + tuple(
    f"polynomial_degree_{k}" for k in range(1, 8))


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
    # IBM Heron: fractional RZZ(0 < theta <= pi/2) and RX(theta) gates
    fractional_gates: bool = False
    # sampler route (counts): twirling of the runtime's executor Sampler
    route: str = "sampler"
    twirling: str = "auto"
    twirl_randomizations: int | str = "auto"
    twirl_shots_per_randomization: int | str = "auto"
    # estimator route (expectation values): the runtime's executor Estimator
    resilience_level: int = 1
    measure_mitigation: bool | None = None
    zne_mitigation: bool | None = None
    zne_noise_factors: tuple[float, ...] = (1.0, 3.0, 5.0)
    zne_extrapolator: tuple[str, ...] = ("exponential", "linear")
    zne_amplifier: str = "gate_folding"
    pec_mitigation: bool = False
    # PEC's noise learning (NoiseLearnerV3): randomisations per layer and depth, and the
    # layer-pair depths ("auto": the runtime's 32 and [0, 1, 2, 4, 16, 32])
    learning_randomizations: int | str = "auto"
    learning_depths: tuple[int, ...] | str = "auto"
    dynamical_decoupling: str = "none"
    options: dict[str, Any] = field(default_factory=dict)
    path: str | None = None

    def __post_init__(self) -> None:
        where = f"backend profile {self.name!r}"
        _one_of(where, "kind", self.kind, KINDS)
        _one_of(where, "method", self.method, METHODS)
        _one_of(where, "noise", self.noise, NOISE_SOURCES)
        _one_of(where, "zne_extrapolation", self.zne_extrapolation, ZNE_EXTRAPOLATIONS)
        if self.noise == "calibration" and not self.calibration:
            raise ValueError(f"{where}: noise = 'calibration' needs calibration = '<snapshot name: qbc backends --calibrations>'")
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
        check_mitigation(self, where)

    def replace(self, **changes: Any) -> "BackendProfile":
        data = {**asdict(self), **{k: v for k, v in changes.items() if v is not None}}
        data["zne_factors"] = tuple(float(x) for x in data["zne_factors"])
        data["zne_noise_factors"] = tuple(float(x) for x in data["zne_noise_factors"])
        data["zne_extrapolator"] = _names(data["zne_extrapolator"])
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


def _names(value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def gate_twirling_allowed(profile: "BackendProfile") -> bool:
    """Fractional RZZ gates cannot be gate-twirled (a Pauli twirl of RZZ(theta) is not an
    RZZ(theta) again unless theta = pi/2): with them twirling is measurement-only."""
    return not profile.fractional_gates


def sampler_twirling(profile: "BackendProfile") -> tuple[bool, bool]:
    """(gates, measurements) twirled on the sampler route. ``auto``: both when zero-noise
    extrapolation is used (folding assumes stochastic, not coherent, gate errors), else
    neither; gate twirling is dropped with fractional gates."""
    mode = profile.twirling
    if mode == "auto":
        mode = "gates+measure" if len(profile.zne_factors) > 1 else "none"
    gates = mode == "gates+measure" and gate_twirling_allowed(profile)
    return gates, mode in ("measure", "gates+measure")


def check_mitigation(profile: "BackendProfile", where: str) -> None:
    """One-line errors for mitigation options out of range or combinations the runtime refuses."""
    _one_of(where, "route", profile.route, ROUTES)
    _one_of(where, "twirling", profile.twirling, TWIRLING)
    _one_of(where, "dynamical_decoupling", profile.dynamical_decoupling, DD_SEQUENCES)
    _one_of(where, "zne_amplifier", profile.zne_amplifier, ZNE_AMPLIFIERS)
    if profile.resilience_level not in (0, 1, 2) or isinstance(profile.resilience_level, bool):
        raise ValueError(f"{where}: resilience_level must be 0, 1 or 2, got {profile.resilience_level!r}")
    for name in _names(profile.zne_extrapolator):
        _one_of(where, "zne_extrapolator", name, ZNE_EXTRAPOLATORS)
    factors = tuple(profile.zne_noise_factors)
    if len(factors) < 2 or any(not float(f) >= 1 for f in factors):
        raise ValueError(f"{where}: zne_noise_factors must be at least two factors >= 1, got {list(factors)}")
    for name in _names(profile.zne_extrapolator):
        needed = ZNE_FACTORS_NEEDED.get(name, 2)
        if len(factors) < needed:
            raise ValueError(f"{where}: zne_extrapolator {name!r} needs at least {needed} zne_noise_factors (fewer fit "
                             f"it exactly, with an infinite standard error), got {list(factors)}")
    for key in ("twirl_randomizations", "twirl_shots_per_randomization"):
        value = getattr(profile, key)
        if value != "auto" and not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
            raise ValueError(f"{where}: {key} must be 'auto' or an integer >= 1, got {value!r}")
    if profile.pec_mitigation and profile.zne_mitigation:
        raise ValueError(f"{where}: pec_mitigation and zne_mitigation cannot be combined (the runtime refuses it)")
    if profile.fractional_gates and profile.pec_mitigation:
        raise ValueError(f"{where}: fractional_gates cannot go with pec_mitigation (PEC twirls every gate layer; "
                         "fractional RZZ gates cannot be twirled)")
    if profile.fractional_gates and profile.zne_amplifier == "pea":
        raise ValueError(f"{where}: fractional_gates cannot go with zne_amplifier = 'pea' (PEA twirls every gate "
                         "layer; fractional RZZ gates cannot be twirled)")
    value = profile.learning_randomizations
    if value != "auto" and not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        raise ValueError(f"{where}: learning_randomizations must be 'auto' or an integer >= 1, got {value!r}")
    depths = profile.learning_depths
    if depths != "auto" and not (isinstance(depths, (list, tuple)) and len(depths) >= 2 and all(
            isinstance(d, int) and not isinstance(d, bool) and d >= 0 for d in depths) and len(set(depths)) == len(depths)):
        raise ValueError(f"{where}: learning_depths must be 'auto' or at least two distinct integers >= 0, got {depths!r}")
    if profile.fractional_gates and profile.kind == "aer" and profile.noise != "device":
        raise ValueError(f"{where}: fractional_gates needs a device (kind = 'ibm', or noise = 'device')")


def _one_of(where: str, key: str, value: Any, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{where}: {key} must be one of {', '.join(allowed)}; got {value!r}")


def available_profiles(directory: Path | None = None) -> list[str]:
    """The profile names: in ``directory``, or (None) in every folder qbcircuit searches."""
    if directory is not None:
        return sorted(p.stem for p in Path(directory).glob("*.toml"))
    return list(locations.available("backends"))


def profile_sources() -> dict[str, locations.Found]:
    """Each profile's file and where it comes from (``QBCIRCUIT_PATH``, ``user`` or ``shipped``)."""
    return locations.available("backends")


def profile_from_dict(data: dict[str, Any], name: str, path: str | None = None) -> BackendProfile:
    data = dict(data)
    mitigation = data.pop("mitigation", {}) or {}
    if not isinstance(mitigation, dict):
        raise ValueError(f"backend profile {name!r}: mitigation must be a table ([mitigation]), got {mitigation!r}")
    for key, value in mitigation.items():
        data["readout_mitigation" if key == "readout" else key] = value
    for key in ("zne_factors", "zne_noise_factors"):
        if key in data:
            try:
                data[key] = tuple(float(x) for x in data[key])
            except (TypeError, ValueError):
                raise ValueError(f"backend profile {name!r}: {key} must be a list of numbers, got {data[key]!r}") from None
    if "zne_extrapolator" in data:
        data["zne_extrapolator"] = _names(data["zne_extrapolator"])
    if not isinstance(data.get("options", {}), dict):
        raise ValueError(f"backend profile {name!r}: options must be a table ([options]), got {data['options']!r}")
    known = set(BackendProfile.__dataclass_fields__) - {"name", "path"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"backend profile {name!r}: unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return BackendProfile(name=name, path=path, **data)


def load_profile(name_or_path: str | Path, directory: Path | None = None) -> BackendProfile:
    """A profile by name (searched as :mod:`qbcircuit.locations` says, or in ``directory``)
    or by path to a TOML file."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        if directory is not None:
            path = Path(directory) / f"{name_or_path}.toml"
        else:
            found = locations.find("backends", str(name_or_path))
            path = found.path if found else Path(f"{name_or_path}.toml")
    if not path.is_file():
        raise ValueError(
            f"unknown backend profile {str(name_or_path)!r}; available: {', '.join(available_profiles(directory)) or '(none)'}"
        )
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"backend profile {path}: not valid TOML: {exc}") from None
    return profile_from_dict(data, path.stem, str(path))
