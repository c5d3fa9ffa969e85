"""Small hand-built circuits with closed forms, for the runner's tests.

The Rabi battery: one cell, H_B = (1 - Z)/2 (energy 1 in |1>), charged by RX(2 theta)
from |0>: the stored energy is sin^2(theta) exactly.
"""

import numpy as np
from qiskit import QuantumCircuit

from qbcircuit.run import z_diagonal


def rabi_circuits(thetas):
    out = []
    for th in thetas:
        qc = QuantumCircuit(1, name=f"rabi-{th:.3f}")
        qc.rx(2 * th, 0)
        qc.measure_all()
        out.append(qc)
    return out


def rabi_energy(distribution):
    """<(1 - Z)/2> with its standard error."""
    mean, se = distribution.expectation((1 - z_diagonal(1, [0])) / 2)
    return mean, se


def rabi_exact(thetas):
    return np.sin(np.asarray(thetas)) ** 2
