"""Battery models from the literature, one module per model family, and their registry."""

from qbcircuit.models.core import (
    BatteryModel,
    DriveTerm,
    InitialState,
    JumpOperator,
    RedfieldCoupling,
    TruncatedMode,
)
from qbcircuit.models.registry import (
    ModelSpec,
    Parameter,
    build_model,
    get_model_spec,
    list_models,
    register_model,
)

# Importing a model module registers its models: every module of this package other
# than the core ones (the description, the registry, the reduced spaces, the free-fermion forms, the master equation
# as matrices) is a model family, so adding a family is adding a file.
import importlib as _importlib  # noqa: E402
import pkgutil as _pkgutil  # noqa: E402

_CORE_MODULES = {"core", "registry", "sectors", "fermions", "master_equation"}
for _module in _pkgutil.iter_modules(__path__):
    if _module.name not in _CORE_MODULES and not _module.name.startswith("_"):
        _importlib.import_module(f"{__name__}.{_module.name}")

__all__ = [
    "BatteryModel",
    "DriveTerm",
    "InitialState",
    "JumpOperator",
    "RedfieldCoupling",
    "TruncatedMode",
    "ModelSpec",
    "Parameter",
    "build_model",
    "get_model_spec",
    "list_models",
    "register_model",
]
