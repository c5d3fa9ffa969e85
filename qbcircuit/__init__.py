"""qbcircuit: quantum batteries from the literature, compiled to circuits and pulses,
run on simulators or IBM devices, and checked against the exact master equation.

The Python API (see :mod:`qbcircuit.api`)::

    import qbcircuit as qbc
    model = qbc.build_model("spin-charger", M=2, N=2, g=1.0)
    ex = qbc.exact(model, times)                # exact charging curve (TimeSeries)
    ss = qbc.steady_state(open_model)           # exact steady state (SteadyStateFigures)
    prog = qbc.compile(model, times, order=2)   # Trotter circuits (CompiledProgram)
    res = qbc.run(model, "aer-noisy", times, shots=4000, seed=1)   # measured vs exact (RunResult)
    qbc.list_models(), qbc.list_backends(), qbc.load(path)

``import qbcircuit`` loads neither QuTiP nor Aer: each function imports its stage when it
is called.

Conventions used throughout:

* hbar = k_B = 1; every model states its energy unit.
* Qubit |1> is the excited (charged) state of a cell, |0> the ground state. The papers'
  sigma_z (+1 on the excited state) is therefore -Z in Qiskit's notation, and the
  raising operator sigma_+ = |1><0| is (X - iY)/2.
* Qiskit is little-endian: qubit 0 is the least significant bit of a basis index.
  Every model says which qubit is which.
"""

import importlib as _importlib
import sys as _sys
from types import ModuleType as _ModuleType

from qbcircuit import api as _api
from qbcircuit.api import build_model, exact, list_backends, list_models, load, steady_state

__version__ = "0.1.0"

# ``qbc.compile`` and ``qbc.run`` are API functions, and ``qbcircuit.compile`` and
# ``qbcircuit.run`` are the stages' sub-packages: importing a sub-package binds its module
# to the package attribute of the same name. So the module itself is made callable (its
# call is the API function), and both readings hold: ``qbc.run(model, ...)`` runs, and
# ``from qbcircuit.run import load_profile`` imports.
_CALLABLE_STAGES = ("compile", "run")


class _CallableStage(_ModuleType):
    """A stage's sub-package that is also the API function of the same name."""

    def __call__(self, *args, **kwargs):
        return getattr(_api, self.__name__.rpartition(".")[2])(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<sub-package {self.__name__}, callable as qbcircuit.api.{self.__name__.rpartition('.')[2]}>"


class _Package(_ModuleType):
    def __setattr__(self, name, value):
        if name in _CALLABLE_STAGES and type(value) is _ModuleType:
            value.__class__ = _CallableStage
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package

_LAZY = {
    "BatteryModel": "qbcircuit.models",
    "get_model_spec": "qbcircuit.models",
    "Result": "qbcircuit.results",
}


def __getattr__(name: str):
    if name in _CALLABLE_STAGES:  # first use before the sub-package was imported
        return _importlib.import_module(f"{__name__}.{name}")
    if name in _LAZY:
        return getattr(_importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BatteryModel",
    "build_model",
    "compile",
    "exact",
    "get_model_spec",
    "list_backends",
    "list_models",
    "load",
    "run",
    "steady_state",
]
