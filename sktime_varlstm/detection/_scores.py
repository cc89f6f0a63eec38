"""Residuals to step errors, step errors to point scores.

Pure functions both detectors use.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "centred_moving_average",
    "fit_residual_model",
    "mahalanobis_errors",
    "nonzero_std",
    "point_scores",
    "trend_share",
]


def nonzero_std(std):
    """A standard deviation safe to divide by: 0 becomes 1.

    Examples
    --------
    >>> nonzero_std(np.array([0.0, 2.0])).tolist()
    [1.0, 2.0]
    """
    return np.where(std > 0, std, 1.0).astype(np.float32)


def fit_residual_model(residuals: np.ndarray):
    """Mean and inverse covariance (Ledoit-Wolf) of ``(n_steps, C)`` residuals.

    Ledoit-Wolf shrinkage keeps the covariance well conditioned when there
    are few steps for many channels.
    """
    from sklearn.covariance import LedoitWolf

    covariance = LedoitWolf().fit(residuals)
    return covariance.location_, covariance.precision_


def mahalanobis_errors(residuals: np.ndarray, mean, precision) -> np.ndarray:
    """Squared Mahalanobis distance of every step's residual, ``(T,)``.

    Examples
    --------
    >>> mahalanobis_errors(np.array([[1.0, 2.0]]), np.zeros(2), np.eye(2)).tolist()
    [5.0]
    """
    centred = residuals - mean
    return np.einsum("ti,ij,tj->t", centred, precision, centred)


def centred_moving_average(values: np.ndarray, width: int) -> np.ndarray:
    """Mean of ``values`` over ``width`` steps centred on each step.

    Near the ends the window is cut to the steps that exist, so the result
    is as long as ``values`` and an isolated peak stays at its step.

    Examples
    --------
    >>> import numpy as np
    >>> centred_moving_average(np.array([0.0, 0.0, 3.0, 0.0]), 3).tolist()
    [0.0, 1.0, 1.0, 1.5]
    """
    values = np.asarray(values, dtype=np.float64)
    if width <= 1:
        return values.copy()
    before, after = (width - 1) // 2, width // 2
    sums = np.concatenate([[0.0], np.cumsum(values)])
    steps = np.arange(len(values))
    lo = np.maximum(steps - before, 0)
    hi = np.minimum(steps + after + 1, len(values))
    return (sums[hi] - sums[lo]) / (hi - lo)


def point_scores(errors: np.ndarray, width: int) -> np.ndarray:
    """Every point's score: the mean step error of the ``width`` steps around it.

    The first step has no past to be predicted from; its error would flag
    the start of every series, so it gets the score of the second.

    Examples
    --------
    >>> point_scores(np.array([9.0, 1.0, 3.0]), 1).tolist()
    [1.0, 1.0, 3.0]
    """
    if len(errors) == 1:
        return errors
    scores = centred_moving_average(errors[1:], width)
    return np.concatenate([scores[:1], scores])


def trend_share(values) -> float:
    """The largest share of a channel's variance that a straight line explains.

    Examples
    --------
    >>> import numpy as np
    >>> round(trend_share(np.arange(10.0)), 6), trend_share(np.ones(5))
    (1.0, 0.0)
    """
    values = np.asarray(values, dtype=np.float64).reshape(len(values), -1)
    steps = np.arange(len(values)) - (len(values) - 1) / 2
    centred = values - values.mean(axis=0)
    slope = steps @ centred / (steps @ steps)
    explained = slope**2 * (steps @ steps)
    total = (centred**2).sum(axis=0)
    return float(
        np.max(np.where(total > 0, explained / np.where(total > 0, total, 1), 0))
    )
