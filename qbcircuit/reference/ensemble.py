"""Ensembles: a model whose paper's figures are averages over realisations (e.g. disorder).

A model with ``realisations`` R > 1 is the first of R models, realisation r built with
``seed_parameter`` = seed + r (:func:`realisation_models`). The exact reference solves each
and averages: every figure comes with the standard error of its mean, ``<name>_stderr``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from qbcircuit.models.core import BatteryModel
from qbcircuit.reference.truncation import with_parameters


def realisation_models(model: BatteryModel, **fixed: Any) -> Iterator[BatteryModel]:
    """The ensemble of ``model``: ``model`` itself, then realisations 1 .. R - 1.

    Parameters
    ----------
    model:
        A registered model (built by ``build_model``), the first realisation.
    fixed:
        Parameters every other realisation is built with (e.g. the truncation the first
        one settled on).

    Returns
    -------
    iterator of BatteryModel
        R models; realisation r has ``seed_parameter`` = seed + r.
    """
    yield model
    if model.realisations == 1:
        return
    key = model.seed_parameter
    seed = int(model.parameters[key])
    for r in range(1, model.realisations):
        yield with_parameters(model, **fixed, **{key: seed + r})


def mean_and_error(values: Sequence) -> tuple[np.ndarray, np.ndarray]:
    """Mean and standard error (of the mean) over the first axis; error 0 for one value.

    Parameters
    ----------
    values:
        One row (a number or a curve) per realisation.

    Returns
    -------
    (mean, stderr)
        Arrays of the shape of one row.
    """
    v = np.asarray(values, dtype=float)
    err = v.std(axis=0, ddof=1) / np.sqrt(len(v)) if len(v) > 1 else np.zeros(v.shape[1:])
    return v.mean(axis=0), err
