"""Preprocessing functions of the benchmarks: pure, per series."""

import numpy as np

from sktime_varlstm.benchmarks.preprocessing import (
    shape_and_log_amplitude,
    z_normalize_each,
)


def test_shape_and_log_amplitude_keeps_shape_and_amplitude_apart():
    rng = np.random.default_rng(0)
    quiet = rng.normal(size=(30, 2))
    loud = 1000 * quiet  # the same shape, 1000 times the amplitude
    (quiet_out, loud_out), (other,) = shape_and_log_amplitude([quiet, loud], [quiet])
    assert quiet_out.shape == (30, 4) and quiet_out.dtype == np.float32
    # channels 0 and 2: the shapes of input channels 0 and 1, equal for both
    (shape,) = z_normalize_each([quiet])[0]
    np.testing.assert_allclose(quiet_out[:, [0, 2]], shape, atol=1e-5)
    np.testing.assert_allclose(loud_out[:, [0, 2]], shape, atol=1e-5)
    # channels 1 and 3: amplitudes, larger for the loud series, signs kept
    assert np.all(np.abs(loud_out[:, [1, 3]]) > np.abs(quiet_out[:, [1, 3]]))
    np.testing.assert_array_equal(np.sign(loud_out[:, [1, 3]]), np.sign(quiet))
    # each series on its own: the same series gives the same output in any part
    np.testing.assert_array_equal(other, quiet_out)


def test_shape_and_log_amplitude_is_logarithmic_above_the_floor():
    series = np.array([[1.0], [10.0], [100.0]])
    out = shape_and_log_amplitude([series], floor=0.01)[0][0]
    # each tenfold step of the amplitude adds about log(10) / 5
    np.testing.assert_allclose(np.diff(out[:, 1]), np.log(10) / 5, rtol=1e-2)
