"""Conversion of every container to series, and the checks of series and labels."""

import numpy as np
import pandas as pd
import pytest
import scipy.sparse
from sktime.datatypes import convert_to

from sktime_varlstm.data import (
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


class _ArrayLike:
    """Not an array, but converts to one (like scikit-learn's ``_NotAnArray``)."""

    def __init__(self, data):
        self.data = data

    def __array__(self, dtype=None, copy=None):
        return np.asarray(self.data, dtype=dtype)


def test_array_likes_and_numbers_as_objects_are_panels():
    X = np.arange(6.0).reshape(2, 3)
    for given in (_ArrayLike(X), X.astype(object)):
        series = to_series_list(given)
        assert [s.shape for s in series] == [(3, 1), (3, 1)]
        np.testing.assert_array_equal(series[1][:, 0], X[1])
        assert isinstance(as_sktime_panel(given, series)[0], pd.DataFrame)


BAD_X = {
    "sparse": (
        lambda: scipy.sparse.csr_array(np.eye(3)),
        TypeError,
        "sparse input is not supported",
    ),
    "complex": (lambda: np.ones((2, 3)) * 1j, ValueError, "Complex data not"),
    "complex series": (
        lambda: [np.ones(3), np.array([1 + 2j, 3])],
        ValueError,
        "series 1 holds complex values",
    ),
    "object non-number": (
        lambda: np.array([[1.0, {"a": 1}]], dtype=object),
        TypeError,
        "argument must be a string.* number",
    ),
    "no time points": (
        lambda: np.empty((4, 0)),
        ValueError,
        r"0 feature\(s\) \(shape=\(4, 0\)\) while a minimum of 1 is required",
    ),
    "1-D": (lambda: np.ones(3), ValueError, "Reshape your data"),
}


@pytest.mark.parametrize("case", BAD_X)
def test_unsupported_x_is_named(case):
    make, error, message = BAD_X[case]
    with pytest.raises(error, match=message):
        to_series_list(make())


BAD_Y = {
    "None": (None, "requires y to be passed, but the target y is None"),
    "inf": ([0.0, np.inf, 1.0], "y contains infinite values"),
    "continuous": ([0.5, 1.25, 2.0], "Unknown label type: 'continuous'"),
    "mixed types": (np.array([0, "a", 1], dtype=object), r"mixed types \(int, str\)"),
}


@pytest.mark.parametrize("case", BAD_Y)
def test_bad_targets_are_named(case):
    y, message = BAD_Y[case]
    with pytest.raises(ValueError, match=message):
        check_targets(y, 3)


def test_column_vector_y_becomes_1d_with_a_warning():
    from sklearn.exceptions import DataConversionWarning

    with pytest.warns(DataConversionWarning, match="column-vector y"):
        y = check_targets(np.array([[0], [1], [0]]), 3)
    assert y.shape == (3,)
    assert check_targets(_ArrayLike([1.0, 2.0, 1.0]), 3).tolist() == [1, 2, 1]
