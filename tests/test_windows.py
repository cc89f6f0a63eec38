"""Windows of a long series and the centred moving average of step errors."""

import numpy as np
import pytest

from sktime_varlstm.data import cut_windows, window_starts
from sktime_varlstm.detection._scores import centred_moving_average


@pytest.mark.parametrize(
    ("length", "window", "stride"), [(10, 4, 3), (11, 4, 3), (4, 4, 1), (100, 7, 5)]
)
def test_windows_cover_every_step_and_keep_their_length(length, window, stride):
    starts = window_starts(length, window, stride)
    covered = np.zeros(length, dtype=int)
    for start in starts:
        covered[start : start + window] += 1
    assert covered.min() >= 1
    assert starts[0] == 0 and starts[-1] + window == length
    assert np.all(np.diff(starts) <= stride) and np.all(np.diff(starts) > 0)


def test_a_stride_longer_than_the_window_skips_steps():
    np.testing.assert_array_equal(window_starts(100, 7, 50), [0, 50, 93])


def test_cut_windows_are_views_of_the_series():
    values = np.arange(20.0).reshape(10, 2)
    windows = cut_windows(values, 4, 3)
    assert [w.shape for w in windows] == [(4, 2)] * 3
    np.testing.assert_array_equal(windows[1], values[3:7])
    assert all(np.shares_memory(w, values) for w in windows)


def test_a_series_shorter_than_a_window_is_named():
    with pytest.raises(ValueError, match="fewer than one window"):
        window_starts(3, 4, 1)


@pytest.mark.parametrize("width", [1, 2, 5, 10])
def test_moving_average_matches_the_mean_of_each_centred_window(width):
    values = np.random.default_rng(0).normal(size=23)
    before, after = (width - 1) // 2, width // 2
    expected = [
        values[max(0, t - before) : t + after + 1].mean() for t in range(len(values))
    ]
    np.testing.assert_allclose(centred_moving_average(values, width), expected)


def test_moving_average_keeps_an_isolated_peak_in_place():
    values = np.zeros(50)
    values[20] = 1.0
    smoothed = centred_moving_average(values, 9)
    assert smoothed.shape == (50,)
    assert smoothed[16:25].min() == smoothed.max() > 0
    assert smoothed[:16].max() == smoothed[25:].max() == 0
