"""How prediction residuals become step errors: pure functions both detectors use."""

from __future__ import annotations

import numpy as np

__all__ = ["fit_residual_model", "mahalanobis_errors", "nonzero_std"]


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
