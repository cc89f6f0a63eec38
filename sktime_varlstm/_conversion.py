"""Turn any supported panel container into a list of ``(T_i, C)`` float arrays.

Every estimator in the package works on the same internal form: a Python list
with one ``float32`` array of shape ``(n_timepoints, n_channels)`` per series.
The functions here are pure: they never touch an estimator.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np
import pandas as pd
from sklearn.exceptions import DataConversionWarning

__all__ = [
    "DATA_FORMATS",
    "as_dense_container",
    "as_sktime_panel",
    "check_data_format",
    "check_label_type",
    "check_series_list",
    "check_targets",
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


def check_series_list(
    series: list[np.ndarray], *, step_shape: tuple | None = None
) -> tuple:
    """Validate converted series and return the shape of one time step.

    Parameters
    ----------
    series : list of numpy.ndarray
        Output of :func:`to_series_list`.
    step_shape : tuple or None
        Shape of one time step seen in ``fit`` (``(C,)`` or a frame shape);
        ``None`` while fitting.

    Returns
    -------
    tuple
        The shape of one time step, shared by all series.

    Raises
    ------
    ValueError
        No series, an empty series, NaN or infinite values, or series whose
        channels (or frame shape) differ from each other or from ``step_shape``.
    """
    if len(series) == 0:
        raise ValueError("X holds no series; at least one series is required.")
    found = series[0].shape[1:]
    for i, s in enumerate(series):
        if s.shape[0] == 0:
            raise ValueError(f"series {i} is empty (0 time points).")
        if s.shape[1:] != found:
            raise ValueError(
                f"series {i} has time steps of shape {s.shape[1:]} but series 0 "
                f"has {found}; all series need the same number of channels."
            )
        if not np.isfinite(s).all():
            raise ValueError(
                f"series {i} contains NaN or infinite values; impute or drop them "
                "before fitting or predicting."
            )
    if step_shape is not None and tuple(found) != tuple(step_shape):
        what = "channels" if len(found) == 1 else "frame shape"
        raise ValueError(
            f"X has {what} {_describe(found)} but the estimator was fitted on "
            f"{_describe(step_shape)}."
        )
    return tuple(found)


def _describe(step_shape) -> str:
    return str(step_shape[0]) if len(step_shape) == 1 else str(tuple(step_shape))


def check_targets(y, n_series: int):
    """Check that ``y`` holds one class label (row) per series, none missing.

    A list or array-like becomes a 1-D array, and a column vector (an
    ``(n, 1)`` array) a 1-D array with a ``DataConversionWarning``; a
    ``pandas`` Series or DataFrame passes unchanged (sktime fits one
    classifier per column of a 2-D ``y``).

    Raises
    ------
    ValueError
        If ``y`` is ``None`` or not one- or two-dimensional, holds missing or
        infinite labels, continuous values or labels of mixed types, or its
        length differs from the number of series.

    Examples
    --------
    >>> check_targets(["a", "b", "a"], 3)
    array(['a', 'b', 'a'], dtype='<U1')
    >>> check_targets([0.5, 1.7], 2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: Unknown label type: 'continuous'. y holds continuous values; ...
    """
    if y is None:
        # scikit-learn's wording, which its estimator checks look for
        raise ValueError(
            "This classifier requires y to be passed, but the target y is None."
        )
    if not isinstance(y, (pd.Series, pd.DataFrame, np.ndarray)):
        y = np.asarray(y)
    if y.ndim not in (1, 2):
        raise ValueError(f"y must be one- or two-dimensional; got shape {y.shape}.")
    if isinstance(y, np.ndarray) and y.ndim == 2 and y.shape[1] == 1:
        warnings.warn(
            "A column-vector y was passed when a 1d array was expected; it is "
            "used as y.ravel().",
            DataConversionWarning,
            stacklevel=3,
        )
        y = y.ravel()
    if len(y) != n_series:
        raise ValueError(
            f"X has {n_series} series but y has {len(y)} labels; they must match."
        )
    values = np.asarray(y)
    if pd.isna(values).any():
        raise ValueError("y contains missing labels (NaN or None).")
    if values.dtype.kind == "f" and not np.isfinite(values).all():
        raise ValueError("y contains infinite values; every label must be finite.")
    check_label_type(values)
    return y


def check_label_type(y: np.ndarray) -> None:
    """Raise unless ``y`` holds class labels: not continuous, one type for all.

    The message begins with scikit-learn's ``Unknown label type``.
    """
    from sklearn.utils.multiclass import type_of_target

    kind = type_of_target(y)
    if kind.startswith("continuous"):
        raise ValueError(
            f"Unknown label type: {kind!r}. y holds continuous values; a "
            "classifier needs class labels (strings, integers, or floats with "
            "integral values)."
        )
    if kind == "unknown":
        types = sorted({type(label).__name__ for label in y.ravel()})
        raise ValueError(
            f"Unknown label type: {kind!r}. y holds labels of mixed types "
            f"({', '.join(types)}); give every label the same type."
        )


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


def is_integer(value) -> bool:
    """Whether ``value`` is an integer (and not a bool)."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)
