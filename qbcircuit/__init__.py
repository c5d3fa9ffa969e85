"""qbcircuit: quantum batteries from the literature, compiled to circuits and pulses,
run on simulators or IBM devices, and checked against the exact master equation.

Conventions used throughout (see DESIGN.md):

* hbar = k_B = 1; every model states its energy unit.
* Qubit |1> is the excited (charged) state of a cell, |0> the ground state. The papers'
  sigma_z (+1 on the excited state) is therefore -Z in Qiskit's notation, and the
  raising operator sigma_+ = |1><0| is (X - iY)/2.
* Qiskit is little-endian: qubit 0 is the least significant bit of a basis index.
  Every model says which qubit is which.
"""

from qbcircuit.models import BatteryModel, build_model, list_models, get_model_spec

__all__ = ["BatteryModel", "build_model", "list_models", "get_model_spec"]
__version__ = "0.1.0"
