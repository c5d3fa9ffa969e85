"""Battery models from the literature, one module per model family, and their registry."""

from qbcircuit.models.core import (
    BatteryModel,
    DriveTerm,
    InitialState,
    JumpOperator,
    RedfieldCoupling,
)
from qbcircuit.models.registry import (
    ModelSpec,
    Parameter,
    build_model,
    get_model_spec,
    list_models,
    register_model,
)

# Importing a model module registers its models.
from qbcircuit.models import star_network  # noqa: E402,F401

__all__ = [
    "BatteryModel",
    "DriveTerm",
    "InitialState",
    "JumpOperator",
    "RedfieldCoupling",
    "ModelSpec",
    "Parameter",
    "build_model",
    "get_model_spec",
    "list_models",
    "register_model",
]
