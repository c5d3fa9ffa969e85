"""Measured battery figures from a run's distributions: the recipe kept in the run folder
and the estimators that read it.

Two recipes, chosen when the run is planned (``recipe_for``):

* ``tomography`` (a battery of 1 to 3 qubits): Pauli tomography of the battery qubits
  (the compiler's ``tomography_plan``: 3^k settings per mixture component), linear
  inversion (``TomographyPlan.state``), then the reference's own ``battery_figures`` on
  the reconstructed state, so measured and exact figures are the same functions of a
  state. Energy and battery energy are linear in the state and are taken from the
  unbiased linear-inversion estimate; the ergotropy and the model's figures need a state,
  so they use the closest physical state (Smolin, Gambetta, Smith 2012). Standard errors:
  a bootstrap over the counts (each setting resampled multinomially, the run's mitigation
  applied to every resample), so readout-mitigated and extrapolated runs get their own
  error bars.
* ``energy`` (larger batteries; H_B diagonal): Z-basis counts of the battery, the stored
  energy only, with the analytic shot-noise error.

Mitigated distributions are quasi-probabilities (linear in the counts); the tomography
estimator is linear in its inputs, so it takes them as fractional "counts" unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from qbcircuit.compile.measurement import MAX_TOMOGRAPHY_QUBITS, TomographyPlan, physical_state, tomography_plan
from qbcircuit.run.distribution import Distribution

BOOTSTRAP_SAMPLES = 200
Figures = dict[str, tuple[float, float]]  # key -> (value, standard error)


def recipe_for(model) -> str:
    return "tomography" if len(model.battery_qubits) <= MAX_TOMOGRAPHY_QUBITS else "energy"


def tomography_point(compiled, first_index: int) -> tuple[list, dict]:
    """The tomography circuits of one compiled evolution and the point's recipe (indices
    into the run's circuit list start at ``first_index``)."""
    plan = tomography_plan(compiled)
    point = {"circuits": list(range(first_index, first_index + len(plan.circuits))),
             "settings": [[int(c), b] for c, b in plan.settings], "weights": [float(w) for w in plan.weights]}
    return plan.circuits, point


def _counts_like(q: np.ndarray, width: int) -> dict[str, float]:
    """A quasi-probability vector (index bit i = clbit i) as a counts dictionary."""
    return {format(x, f"0{width}b"): float(v) for x, v in enumerate(q) if v != 0.0}


def _battery_figures(model, rho_linear: np.ndarray, initial_energy: float) -> dict[str, float]:
    h = model.battery_hamiltonian.to_matrix()
    out = model.battery_figures(physical_state(rho_linear))
    e = float(np.real(np.trace(h @ rho_linear)))
    out.update(energy=e - initial_energy, battery_energy=e)
    return out


def tomography_figures(
    model, analysis: dict, point: dict, distribution_of: Callable[[int], Distribution],
    *, bootstrap: int = BOOTSTRAP_SAMPLES, seed: int = 0,
) -> Figures:
    """Battery figures at one point, with bootstrap standard errors (0 for exact inputs)."""
    qubits = tuple(analysis["qubits"])
    plan = TomographyPlan(qubits, tuple(point["weights"]), [], [tuple(s) for s in point["settings"]], None,
                          analysis["initial_energy"])
    dists = [distribution_of(i) for i in point["circuits"]]
    k = len(qubits)

    def figures(quasi: Sequence[np.ndarray]) -> dict[str, float]:
        return _battery_figures(model, plan.state([_counts_like(q, k) for q in quasi]), analysis["initial_energy"])

    values = figures([d.quasi_probabilities() for d in dists])
    if bootstrap and any(d.shots > 0 for d in dists):
        rng = np.random.default_rng(seed)
        samples = [figures([d.resampled(rng).quasi_probabilities() for d in dists]) for _ in range(bootstrap)]
        errors = {key: float(np.std([s[key] for s in samples], ddof=1)) for key in values}
    else:
        errors = {key: 0.0 for key in values}
    return {key: (float(values[key]), errors[key]) for key in values}


def energy_figures(analysis: dict, point: dict, distribution_of: Callable[[int], Distribution]) -> Figures:
    """Stored energy from Z-basis counts of the battery (diagonal H_B)."""
    diag = np.asarray(analysis["energy_diagonal"])
    mean, var = 0.0, 0.0
    for index, weight in zip(point["circuits"], point["weights"]):
        m, s = distribution_of(index).expectation(diag)
        mean += weight * m
        var += (weight * s) ** 2
    return {"energy": (mean - analysis["initial_energy"], float(np.sqrt(var)))}


def point_figures(model, analysis: dict, point: dict, distribution_of, *, exact_inputs: bool = False) -> Figures:
    if analysis.get("method", "energy") == "tomography":
        return tomography_figures(model, analysis, point, distribution_of, bootstrap=0 if exact_inputs else BOOTSTRAP_SAMPLES)
    return energy_figures(analysis, point, distribution_of)
