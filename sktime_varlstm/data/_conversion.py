"""Turn any supported panel container into a list of ``(T_i, C)`` float arrays.

Every estimator in the package works on the same internal form: a Python list
with one ``float32`` array of shape ``(n_timepoints, n_channels)`` per series.
The functions here are pure: they never touch an estimator.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = [
    "DATA_FORMATS",
    "as_dense_container",
    "as_sktime_panel",
    "check_data_format",
    "is_wide_table",
    "to_series_list",
]

DATA_FORMATS = ("channels_first", "channels_last")


def check_data_format(data_format) -> None:
    """Raise unless ``data_format`` names a frame layout in :data:`DATA_FORMATS`.

    Examples
    --------
    >>> check_data_format("channels_last")
    >>> check_data_format("NCHW")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: data_format must be one of (...); got 'NCHW'.
    """
    if data_format not in DATA_FORMATS:
        raise ValueError(
            f"data_format must be one of {DATA_FORMATS}; got {data_format!r}."
        )


def to_series_list(X, *, frame_ndim: int = 1) -> list[np.ndarray]:
    """Convert a panel of time series to a list of float32 arrays.

    Parameters
    ----------
    X : list, numpy.ndarray or pandas.DataFrame
        One of

        * a list (or tuple) of arrays, one per series, each ``(T_i,)`` (one
          channel) or ``(T_i, C)``; for ``frame_ndim > 1`` each series is
          ``(T_i, *frame_shape)``;
        * a list of ``pandas.DataFrame`` (sktime ``df-list``), time in rows;
        * a 3-D array in sktime's ``numpy3D`` layout ``(n_series, C, T)``, or a
          2-D array ``(n_series, T)`` of univariate series;
        * a ``pandas.DataFrame`` in sktime's ``nested_univ`` or
          ``pd-multiindex`` layout, or a table of numbers read like a 2-D
          array (sktime's ``pd-wide``);
        * an array-like (with ``__array__``), read as the array it gives.

        Sparse matrices and complex values are refused.
    frame_ndim : int, default=1
        Number of axes of one time step: 1 for a vector of channels, 3 for an
        image frame ``(C, H, W)``.

    Returns
    -------
    list of numpy.ndarray
        One ``float32`` array per series, time on axis 0.

    Raises
    ------
    TypeError
        If ``X`` is not one of the containers above or holds non-numeric values.

    Examples
    --------
    >>> import numpy as np
    >>> series = to_series_list([np.arange(3.0), np.ones((5, 1))])
    >>> [s.shape for s in series]
    [(3, 1), (5, 1)]
    >>> to_series_list(np.zeros((2, 4, 7)))[0].shape
    (7, 4)
    """
    X = as_dense_container(X)
    if isinstance(X, pd.DataFrame):
        return _dataframe_panel_to_list(X)
    if isinstance(X, np.ndarray) and X.dtype != object:
        return _array_panel_to_list(X, frame_ndim)
    if isinstance(X, (list, tuple)) or (isinstance(X, np.ndarray) and X.ndim == 1):
        return [_one_series(s, i, frame_ndim) for i, s in enumerate(X)]
    raise TypeError(
        "X must be a list of arrays (one (n_timepoints, n_channels) array per "
        "series), a numpy array, or an sktime panel DataFrame (nested_univ or "
        f"pd-multiindex); got {type(X).__name__}."
    )


def as_dense_container(X):
    """``X`` as a container :func:`to_series_list` reads, or a named error.

    Array-likes that are not arrays (anything with ``__array__``) become
    arrays, and so do arrays of numbers stored as Python objects; sparse
    matrices are refused.

    Examples
    --------
    >>> import numpy as np
    >>> as_dense_container(np.ones((2, 3), dtype=object)).dtype
    dtype('float32')
    >>> import scipy.sparse
    >>> as_dense_container(scipy.sparse.csr_array(np.eye(2)))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    TypeError: X is a sparse ...; sparse input is not supported: ...
    """
    import scipy.sparse

    if scipy.sparse.issparse(X):
        raise TypeError(
            f"X is a sparse {type(X).__name__}; sparse input is not supported: "
            "pass a dense array (X.toarray()) or a list of series."
        )
    if isinstance(X, (pd.DataFrame, list, tuple)):
        return X
    if not isinstance(X, np.ndarray) and hasattr(X, "__array__"):
        X = np.asarray(X)
    if isinstance(X, np.ndarray) and X.dtype == object and X.ndim > 1:
        X = _as_float(X, "X")  # numbers stored as objects; a 1-D one lists series
    return X


def _array_panel_to_list(X: np.ndarray, frame_ndim: int) -> list[np.ndarray]:
    X = _as_float(X, "X")
    _check_has_time_points(X, frame_ndim)
    if frame_ndim == 1:
        if X.ndim == 2:  # (n_series, T): univariate, equal length
            return [row[:, None] for row in X]
        if X.ndim == 3:  # sktime numpy3D: (n_series, C, T)
            return [np.ascontiguousarray(x.T) for x in X]
    elif X.ndim == frame_ndim + 2:  # (n_series, T, *frame)
        return list(X)
    expected = "2-D or 3-D" if frame_ndim == 1 else f"{frame_ndim + 2}-D"
    raise ValueError(
        f"X as an array must be {expected}; got shape {X.shape}. Reshape your "
        "data: a 2-D array holds one univariate series per row."
    )


def _check_has_time_points(X: np.ndarray, frame_ndim: int) -> None:
    """Raise if the series of an array panel have no time points."""
    time_axis = -1 if frame_ndim == 1 else 1  # numpy3D (n, C, T); (n, T, *frame)
    if X.ndim >= 2 and len(X) and X.shape[time_axis] == 0:
        # the wording after the colon is scikit-learn's for an empty table
        raise ValueError(
            f"X holds series of 0 time points: 0 feature(s) (shape={X.shape}) "
            "while a minimum of 1 is required."
        )


def _dataframe_panel_to_list(X: pd.DataFrame) -> list[np.ndarray]:
    from sktime.datatypes import convert_to

    if isinstance(X.index, pd.MultiIndex):
        if X.index.nlevels != 2:
            raise ValueError(
                "A pd-multiindex panel must have two index levels (series, time); "
                f"got {X.index.nlevels}."
            )
        frames = [frame for _, frame in X.groupby(level=0, sort=False)]
        return [_one_series(f, i, 1) for i, f in enumerate(frames)]
    if is_wide_table(X):
        return _array_panel_to_list(X.to_numpy(), 1)
    if len(X) == 0:
        return []
    if len(X.columns) and all(isinstance(v, pd.Series) for v in X.iloc[0]):
        frames = convert_to(X, to_type="df-list")
        return [_one_series(f, i, 1) for i, f in enumerate(frames)]
    raise TypeError(
        "A DataFrame X must be an sktime nested_univ panel (one pd.Series per "
        "cell), a pd-multiindex panel (index levels: series, time) or a table "
        "of numbers (one univariate series per row, like a 2-D array)."
    )


def is_wide_table(X) -> bool:
    """Whether ``X`` is a flat DataFrame of numbers: a series per row.

    That is a 2-D array with labels (sktime's ``pd-wide``), as scikit-learn
    users pass tables.
    """
    return (
        isinstance(X, pd.DataFrame)
        and not isinstance(X.index, pd.MultiIndex)
        and len(X.columns) > 0
        and all(pd.api.types.is_numeric_dtype(t) for t in X.dtypes)
    )


def _one_series(series, position: int, frame_ndim: int) -> np.ndarray:
    if isinstance(series, (pd.DataFrame, pd.Series)):
        series = series.to_numpy()
    if not isinstance(series, (np.ndarray, list, tuple)):
        raise TypeError(
            f"series {position} is a {type(series).__name__}; expected an array "
            "of shape (n_timepoints, n_channels)."
        )
    array = _as_float(np.asarray(series), f"series {position}")
    if frame_ndim == 1 and array.ndim == 1:
        array = array[:, None]
    if array.ndim != frame_ndim + 1:
        expected = "(n_timepoints,) or (n_timepoints, n_channels)"
        if frame_ndim > 1:
            expected = f"(n_timepoints, {', '.join(['...'] * frame_ndim)})"
        raise ValueError(
            f"series {position} has shape {array.shape}; expected {expected}."
        )
    return array


def _as_float(array: np.ndarray, what: str) -> np.ndarray:
    if array.dtype.kind in "biuf":
        return np.asarray(array, dtype=np.float32)
    if array.dtype.kind == "c" or any(isinstance(v, complex) for v in array.flat):
        raise ValueError(
            f"{what} holds complex values. Complex data not supported: pass "
            "the real and imaginary parts as two channels."
        )
    try:
        return np.asarray(array, dtype=np.float32)
    except (TypeError, ValueError) as error:
        raise TypeError(
            f"{what} holds non-numeric values (dtype {array.dtype}); every value "
            f"must be a number ({error})."
        ) from None


def as_sktime_panel(X, series=None):
    """Return ``X`` in a form sktime's input checks accept.

    sktime has no mtype for a plain list of numpy arrays, an array of Python
    objects, an array-like or a table of numbers; those become ``df-list``
    (one DataFrame per series, built from ``series`` when the converted
    series are at hand). Panel DataFrames, lists of DataFrames and numeric
    arrays pass unchanged.
    """
    if isinstance(X, pd.DataFrame) and not is_wide_table(X):
        return X
    if isinstance(X, np.ndarray) and X.dtype.kind in "biuf":
        return X
    if isinstance(X, (list, tuple)) and all(isinstance(s, pd.DataFrame) for s in X):
        return X
    series = to_series_list(X) if series is None else series
    return [pd.DataFrame(s) for s in series]
