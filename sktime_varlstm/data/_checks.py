"""Checks of converted input: series (values, shapes, channels) and labels.

They run before anything changes in an estimator, and their errors name the
problem in scikit-learn's wording where its checks look for it.
"""

from __future__ import annotations

import numbers
import warnings

import numpy as np
import pandas as pd
from sklearn.exceptions import DataConversionWarning

__all__ = [
    "check_regression_targets",
    "check_label_type",
    "check_one_series",
    "check_series_list",
    "check_targets",
]


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
        if 0 in s.shape[1:]:
            raise ValueError(
                f"series {i} has time steps of shape {s.shape[1:]}: no channels "
                "(0 features); at least one is required."
            )
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


def check_one_series(X, *, n_channels=None, min_length=1, why_length=""):
    """One series (``(T,)`` or ``(T, C)``) as a float32 ``(T, C)`` array, checked.

    Raises
    ------
    TypeError
        Values that are not numbers (strings, objects).
    ValueError
        Complex values, NaN or infinite
        values, no channels, a channel count other than ``n_channels`` (when
        given), or fewer than ``min_length`` steps (``why_length`` says why
        that many are needed).

    Examples
    --------
    >>> check_one_series([1.0, 2.0, 3.0]).shape
    (3, 1)
    >>> check_one_series(np.zeros((3, 2)), min_length=5, why_length="a window")
    Traceback (most recent call last):
    ...
    ValueError: The series has 3 steps; at least 5 are needed (a window).
    """
    raw = np.asarray(X)
    if raw.dtype.kind == "c":
        raise ValueError(
            "Complex data not supported: the series holds complex numbers; it "
            "must hold real ones."
        )
    if raw.dtype.kind not in "biuf":
        try:
            raw = raw.astype(np.float64)
        except (TypeError, ValueError) as error:
            # a TypeError, as NumPy's and scikit-learn's for non-numbers
            raise TypeError(
                f"The series must hold numbers; got values of dtype {raw.dtype} "
                f"({error})."
            ) from None
    values = raw.astype(np.float32)
    if values.ndim == 1:
        values = values[:, None]
    if values.ndim != 2:
        raise ValueError(
            "The series must be (n_timepoints,) or (n_timepoints, n_channels); "
            f"got shape {values.shape}."
        )
    if values.shape[1] == 0:
        raise ValueError(
            f"Found array with 0 feature(s) (shape={values.shape}) while a "
            "minimum of 1 is required: the series has no channels."
        )
    if not np.isfinite(values).all():
        raise ValueError("The series contains missing or infinite values.")
    if n_channels is not None and values.shape[1] != n_channels:
        raise ValueError(
            f"The series has {values.shape[1]} channel(s); the detector was "
            f"fitted on {n_channels}."
        )
    if len(values) < min_length:
        why = f" ({why_length})" if why_length else ""
        raise ValueError(
            f"The series has {len(values)} steps; at least {min_length} are "
            f"needed{why}."
        )
    return values


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


def check_regression_targets(y, n_series: int) -> np.ndarray:
    """Check that ``y`` holds one finite number (or row of numbers) per series.

    Returns ``y`` as a float64 array, 1-D for one target, 2-D for several.

    Raises
    ------
    ValueError
        If ``y`` is ``None`` or not one- or two-dimensional, is not numeric
        (strings, booleans, complex numbers), holds missing or infinite
        values, or its length differs from the number of series.

    Examples
    --------
    >>> check_regression_targets([0.5, 1.7], 2)
    array([0.5, 1.7])
    >>> check_regression_targets([0.5, float("nan")], 2)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: y contains missing (NaN) or infinite values; ...
    """
    if y is None:
        raise ValueError(
            "This regressor requires y to be passed, but the target y is None."
        )
    values = np.asarray(y.to_numpy() if hasattr(y, "to_numpy") else y)
    if values.ndim not in (1, 2):
        shape = values.shape
        raise ValueError(f"y must be one- or two-dimensional; got shape {shape}.")
    if len(values) != n_series:
        raise ValueError(
            f"X has {n_series} series but y has {len(values)} targets; they must match."
        )
    if values.dtype.kind == "O" and all(
        isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))
        for v in values.ravel()
    ):
        values = values.astype(np.float64)  # numbers in an object array
    if values.dtype.kind == "c":
        raise ValueError("y holds complex numbers; a regressor needs real targets.")
    if values.dtype.kind not in "iuf":
        raise ValueError(
            f"y must hold numbers (int or float); got dtype {values.dtype}. "
            "A regressor predicts numbers; for class labels use a classifier."
        )
    values = values.astype(np.float64)
    if not np.isfinite(values).all():
        raise ValueError(
            "y contains missing (NaN) or infinite values; every target must be finite."
        )
    return values


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
