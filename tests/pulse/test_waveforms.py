import numpy as np
import pytest

from qbcircuit.pulse.waveforms import Constant, Drag, Gaussian, GaussianSquare, Samples, SineSquared, envelope


def test_gaussian_is_lifted_symmetric_and_peaks_at_amp():
    s = Gaussian(40, 0.5, 10).samples()
    assert np.allclose(s, s[::-1])
    assert s.real.max() == pytest.approx(0.5 * (np.exp(-0.5 * (0.5 / 10) ** 2) - np.exp(-2)) / (1 - np.exp(-2)))
    assert abs(s[0]) < 0.01  # lifted: ~0 at the edge (exactly 0 half a sample outside)


def test_drag_quadrature_is_beta_times_the_derivative():
    g = Gaussian(64, 0.3, 16).samples().real
    d = Drag(64, 0.3, 16, 2.0).samples()
    assert np.allclose(d.real, g)
    numeric = np.gradient(g)  # per sample
    assert np.allclose(d.imag[5:-5], 2.0 * numeric[5:-5], atol=2e-4)


def test_sine_squared_area_is_half_the_square():
    assert SineSquared(1000, 1.0).samples().real.sum() == pytest.approx(500, rel=1e-9)
    assert Constant(10, 0.2j).samples() == pytest.approx(np.full(10, 0.2j))


def test_gaussian_square_has_a_flat_top_of_width():
    s = GaussianSquare(100, 0.4, 5, 60).samples().real
    assert np.allclose(s[20:80], 0.4) and s[0] < 0.05 and s[-1] < 0.05


@pytest.mark.parametrize("make, match", [
    (lambda: Constant(10, 1.5), r"\|amplitude\| must be <= 1"),
    (lambda: Gaussian(0, 0.1, 2), "duration must be a whole number"),
    (lambda: GaussianSquare(10, 0.1, 2, 3), "width must be"),
    (lambda: Samples(3, (0.1, 0.2)), "does not match"),
    (lambda: envelope("triangle", 10, 0.1), "envelope must be one of"),
])
def test_bad_waveforms_are_refused_in_one_line(make, match):
    with pytest.raises(ValueError, match=match):
        make().samples()


def test_single_cell_model_names_the_pulse_envelopes():
    # The single-cell model (qbcircuit.models) lists its envelopes without importing the
    # pulse layer; the names must be the ones the pulse layer samples.
    from qbcircuit.models import single_cell
    from qbcircuit.pulse.waveforms import ENVELOPES

    assert single_cell.ENVELOPES == ENVELOPES
