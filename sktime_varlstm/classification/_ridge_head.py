"""A ridge classifier on a network's pooled features, as softmax-layer weights.

:func:`fit_ridge_output` fits scikit-learn's ``RidgeClassifierCV`` (the
head of MiniRocket and Rocket) on the features a trained network pools from
every training series, and returns the kernel and bias of a ``Dense``
softmax layer that computes it: the standardization is folded into the
weights, and the decision values are multiplied by a sharpness fitted on
out-of-fold decision values, so ``softmax`` turns them into probabilities
whose largest is the ridge's prediction.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.linear_model import Ridge, RidgeClassifierCV
from sklearn.model_selection import KFold
from sklearn.preprocessing import LabelBinarizer, StandardScaler
from sklearn.utils.class_weight import compute_sample_weight

__all__ = [
    "RIDGE_ALPHAS",
    "THRESHOLD_QUANTILES",
    "RidgeOutput",
    "evenly_spaced_steps",
    "fit_ridge_output",
    "quantile_thresholds",
]

RIDGE_ALPHAS = np.logspace(-3, 3, 10)
# where the threshold shares cut every channel: 0 and these quantiles of its
# training steps (chosen on the suite's training folds, the docs' benchmark page)
THRESHOLD_QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
STEPS_PER_SERIES = 50  # evenly spaced steps of every series the quantiles see
SHARPNESS_BOUNDS = (1e-2, 1e2)
SHARPNESS_FOLDS = 5


@dataclass(frozen=True)
class RidgeOutput:
    """Weights of a softmax layer that computes a ridge classifier."""

    kernel: np.ndarray  # (n_features, n_classes)
    bias: np.ndarray  # (n_classes,)
    alpha: float  # the penalty leave-one-out chose among RIDGE_ALPHAS
    sharpness: float  # the factor on the decision values


def fit_ridge_output(features, y, classes, *, class_weight=None, seed=0):
    """Fit the ridge on ``features`` and fold it into softmax-layer weights.

    Parameters
    ----------
    features : numpy.ndarray of shape (n_series, n_features)
        What the network feeds its output layer, one row per training series.
    y : numpy.ndarray of shape (n_series,)
        Labels, each one of ``classes``.
    classes : numpy.ndarray
        The sorted class labels; the columns of the layer follow them.
    class_weight : dict, "balanced" or None
        As the classifier's ``class_weight``: weights of the squared errors.
    seed : int
        Seed of the folds the sharpness is fitted on.

    Returns
    -------
    RidgeOutput
    """
    scaler = StandardScaler().fit(features)
    scaled = scaler.transform(features)
    ridge = RidgeClassifierCV(alphas=RIDGE_ALPHAS, class_weight=class_weight)
    ridge.fit(scaled, y)
    columns = np.searchsorted(ridge.classes_, classes)
    # decision = scaled @ coef.T + intercept, with scaled = (f - mean) / scale
    coef = ridge.coef_ / scaler.scale_
    intercept = ridge.intercept_ - coef @ scaler.mean_
    held_out = _out_of_fold_decisions(scaled, y, ridge, class_weight, seed)
    if len(ridge.classes_) == 2:  # one decision value d: scores (-d, d)
        coef, intercept = np.vstack([-coef, coef]), np.r_[-intercept, intercept]
        held_out = np.hstack([-held_out, held_out])
    sharpness = _fit_sharpness(held_out, np.searchsorted(ridge.classes_, y))
    return RidgeOutput(
        kernel=(sharpness * coef[columns].T).astype("float32"),
        bias=(sharpness * intercept[columns]).astype("float32"),
        alpha=float(ridge.alpha_),
        sharpness=sharpness,
    )


def quantile_thresholds(steps, quantiles=THRESHOLD_QUANTILES):
    """0 and the ``quantiles`` of every channel of ``steps``.

    Each quantile is moved to the midpoint between the two distinct step
    values around it: a threshold equal to a step's value (a tie, or a
    quantile that falls on a step) would make that step's share flip on
    rounding noise, as when a series is scaled.

    Parameters
    ----------
    steps : numpy.ndarray of shape (n_steps, C)
        Time steps of the training series, for example every series'
        :func:`evenly_spaced_steps` stacked, so long series do not outweigh
        short ones.
    quantiles : sequence of float
        Quantiles in (0, 1).

    Returns
    -------
    numpy.ndarray of shape (1 + len(quantiles), C), float32

    Examples
    --------
    >>> import numpy as np
    >>> steps = np.r_[np.arange(11.0), -np.arange(11.0)][:, None]
    >>> quantile_thresholds(steps, (0.5, 0.9)).ravel().tolist()
    [0.0, 0.5, 7.5]
    """
    cuts = np.quantile(steps, quantiles, axis=0).reshape(len(quantiles), -1)
    cuts = np.column_stack(
        [_between_values(steps[:, c], cuts[:, c]) for c in range(steps.shape[1])]
    )
    return np.vstack([np.zeros((1, steps.shape[1])), cuts]).astype("float32")


def _between_values(values, cuts):
    """Each cut moved to the midpoint of the distinct ``values`` around it."""
    distinct = np.unique(values)
    if len(distinct) == 1:
        return np.full(len(cuts), distinct[0] + 0.5)
    above = np.minimum(np.searchsorted(distinct, cuts, side="right"), len(distinct) - 1)
    above = np.maximum(above, 1)
    return (distinct[above - 1] + distinct[above]) / 2


def evenly_spaced_steps(values):
    """About :data:`STEPS_PER_SERIES` evenly spaced steps of one series' values."""
    return values[:: max(1, len(values) // STEPS_PER_SERIES)]


def _out_of_fold_decisions(scaled, y, ridge, class_weight, seed):
    """The ridge's decision values, each from a fit without its own series.

    ``RidgeClassifier`` is ``Ridge`` on targets coded -1 / 1 per class (one
    column for two classes), which also holds when a fold lacks a class.
    """
    targets = LabelBinarizer(neg_label=-1).fit(ridge.classes_).transform(y)
    weights = None if class_weight is None else compute_sample_weight(class_weight, y)
    decisions = np.zeros(targets.shape)
    n_splits = min(SHARPNESS_FOLDS, len(y))
    for train, test in KFold(n_splits, shuffle=True, random_state=seed).split(scaled):
        fold = Ridge(alpha=ridge.alpha_).fit(
            scaled[train],
            targets[train],
            sample_weight=None if weights is None else weights[train],
        )
        decisions[test] = fold.predict(scaled[test]).reshape(len(test), -1)
    return decisions


def _fit_sharpness(scores, labels):
    """The factor ``k`` of least log loss of ``softmax(k * scores)``."""

    def log_loss(log_k):
        logits = np.exp(log_k) * scores
        logits -= logits.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(logits).sum(axis=1))
        return float(np.mean(log_norm - logits[np.arange(len(labels)), labels]))

    low, high = np.log(SHARPNESS_BOUNDS)
    result = minimize_scalar(log_loss, bounds=(low, high), method="bounded")
    return float(np.exp(result.x))
