import numpy as np
import pandas as pd
import pytest
from sktime.datatypes import convert_to

from sktime_varlstm._conversion import (
    as_sktime_panel,
    check_series_list,
    check_targets,
    to_series_list,
)


@pytest.fixture
def arrays():
    rng = np.random.default_rng(1)
    return [rng.normal(size=(t, 3)) for t in (4, 7, 5)]


@pytest.mark.parametrize("mtype", ["nested_univ", "pd-multiindex", "df-list"])
def test_sktime_panels_round_trip(arrays, mtype):
    frames = [pd.DataFrame(a) for a in arrays]
    panel = convert_to(frames, to_type=mtype)
    series = to_series_list(panel)
    assert [s.shape for s in series] == [(4, 3), (7, 3), (5, 3)]
    for got, expected in zip(series, arrays, strict=True):
        np.testing.assert_allclose(got, expected, rtol=1e-6)
        assert got.dtype == np.float32


def test_numpy3d_is_sktime_layout():
    X = np.arange(2 * 3 * 5, dtype=float).reshape(2, 3, 5)  # (n, C, T)
    series = to_series_list(X)
    assert series[0].shape == (5, 3)
    np.testing.assert_array_equal(series[1], X[1].T)


def test_one_dimensional_series_mean_one_channel():
    series = to_series_list([np.arange(4), [1.0, 2.0]])
    assert [s.shape for s in series] == [(4, 1), (2, 1)]


def test_two_d_array_is_univariate_panel():
    assert to_series_list(np.zeros((3, 6)))[2].shape == (6, 1)


def test_frames_of_images():
    clips = [np.zeros((t, 3, 4, 4)) for t in (2, 5)]
    assert [s.shape for s in to_series_list(clips, frame_ndim=3)] == [
        (2, 3, 4, 4),
        (5, 3, 4, 4),
    ]
    with pytest.raises(ValueError, match="series 0 has shape"):
        to_series_list([np.zeros((2, 4, 4))], frame_ndim=3)


@pytest.mark.parametrize("bad", ["abc", 3, {"a": 1}, None])
def test_wrong_container_type(bad):
    with pytest.raises(TypeError, match="X must be"):
        to_series_list(bad)


def test_non_numeric_values():
    with pytest.raises(TypeError, match="series 1 holds non-numeric"):
        to_series_list([np.zeros((3, 1)), np.array([["a"], ["b"]])])


def test_wrong_series_rank():
    with pytest.raises(ValueError, match=r"series 0 has shape \(2, 2, 2\)"):
        to_series_list([np.zeros((2, 2, 2))])


def test_check_series_list_problems():
    good = np.zeros((3, 2), "float32")
    with pytest.raises(ValueError, match="no series"):
        check_series_list([])
    with pytest.raises(ValueError, match="series 1 is empty"):
        check_series_list([good, np.zeros((0, 2), "float32")])
    nan = good.copy()
    nan[1, 0] = np.nan
    with pytest.raises(ValueError, match="series 1 contains NaN"):
        check_series_list([good, nan])
    with pytest.raises(ValueError, match="all series need the same number"):
        check_series_list([good, np.zeros((3, 4), "float32")])
    with pytest.raises(ValueError, match="X has channels 2 but the estimator"):
        check_series_list([good], step_shape=(5,))
    assert check_series_list([good, good]) == (2,)


def test_check_targets():
    assert check_targets(["a", "b"], 2).tolist() == ["a", "b"]
    with pytest.raises(ValueError, match="one- or two-dimensional"):
        check_targets(np.zeros((2, 1, 1)), 2)
    with pytest.raises(ValueError, match="X has 3 series but y has 2 labels"):
        check_targets(["a", "b"], 3)
    with pytest.raises(ValueError, match="missing labels"):
        check_targets(np.array([1.0, np.nan]), 2)


def test_as_sktime_panel_turns_arrays_into_df_list(arrays):
    panel = as_sktime_panel(arrays)
    assert all(isinstance(f, pd.DataFrame) for f in panel)
    nested = convert_to([pd.DataFrame(a) for a in arrays], to_type="nested_univ")
    assert as_sktime_panel(nested) is nested
