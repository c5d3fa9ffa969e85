"""The symmetry-reduced descriptions (models/sectors.py) against the full qubit register."""

import numpy as np
import pytest

from qbcircuit import operators as ops
from qbcircuit.models import sectors


def dicke_isometry(cells):
    return np.column_stack([sectors.dicke_state(cells, k) for k in range(cells + 1)])


def full_number(cells):
    return sum(ops.number(q, cells) for q in range(cells)).to_matrix()


@pytest.mark.parametrize("cells", [1, 3, 5])
def test_ladder_is_the_collective_operator_on_dicke_states(cells):
    p = dicke_isometry(cells)
    j_plus = sum(ops.sigma_plus(q, cells) for q in range(cells)).to_matrix()
    np.testing.assert_allclose(p.conj().T @ j_plus @ p, sectors.ladder_raise(cells).toarray(), atol=1e-12)
    # the symmetric sector is invariant: J_+ P = P ladder
    np.testing.assert_allclose(j_plus @ p, p @ sectors.ladder_raise(cells).toarray(), atol=1e-12)


def test_identical_cell_levels_are_the_full_spectrum_from_below():
    cells = 5
    full = np.sort(np.linalg.eigvalsh(full_number(cells) - 2.5 * np.eye(2**cells)))
    np.testing.assert_allclose(sectors.identical_cell_levels(cells, 1.0, -2.5, 12), full[:12])
