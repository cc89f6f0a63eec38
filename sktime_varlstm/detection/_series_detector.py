"""Anomalies in one long series, sktime's detection API, with a next-step LSTM."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sktime.detection.base import BaseDetector

from ..base import (
    FRACTION,
    POSITIVE_INT,
    POSITIVE_SIZES,
    Interval,
    Options,
    VarLengthEstimatorMixin,
    document_shared_parameters,
    store_parameters,
    training_constraints,
)
from ..data import check_one_series, cut_windows
from ..networks import build_next_step_network
from ..training import check_detector_input, predict_network
from ._scores import (
    fit_residual_model,
    mahalanobis_errors,
    nonzero_std,
    point_scores,
    trend_share,
)

__all__ = ["FIXED_TRAINING_PARAMETERS", "LSTMSeriesDetector"]

# Shared training parameters this detector fixes: its windows are equal.
FIXED_TRAINING_PARAMETERS = ("batching", "max_timesteps_per_batch")

# ``difference="auto"``: above this share of a channel's variance explained by
# a straight line, a series trends (trending ones sit far above, level far below).
_TREND_SHARE = 0.05


@document_shared_parameters
class LSTMSeriesDetector(VarLengthEstimatorMixin, BaseDetector):
    """Find the anomalous time points of one long series with an LSTM.

    An LSTM learns to predict every step of a (mostly) normal series from
    the steps before it, trained on overlapping windows of the series
    (``window_length`` steps every ``stride``), so an epoch costs in
    proportion to the series' length. A series of any length is scored in one
    masked pass. A step's error is the squared Mahalanobis distance of its
    prediction residual from the training residuals; a point's score is the
    mean error of the ``score_window`` steps centred on it.

    Scores follow sktime's detectors: **higher is more anomalous**.
    ``transform_scores`` gives every point's score; ``predict`` the ``ilocs``
    of the points scoring above ``threshold_`` (the ``1 - contamination``
    quantile of the training scores); ``transform`` dense 0/1 labels;
    ``predict_scores`` the scores of the points ``predict`` returns. The
    windows are the "series" of the shared training parameters (all of one
    length: no batching choice); ``update`` trains ``n_epochs`` more passes.

    Parameters
    ----------
    window_length : int, default=100
        Steps of every training window. ``fit`` and ``update`` need a series
        of at least that many steps; scoring takes any length.
    stride : int or None, default=None
        Steps between the starts of consecutive training windows; ``None``
        is a quarter window (every step is seen in about four windows).
    score_window : int, default=10
        Steps over which step errors are averaged into a point's score; 1
        scores every step by its own error.
    difference : bool or "auto", default="auto"
        Model the change of the series from one step to the next instead of
        its values (the first step's change is 0), so a trend or a level
        never seen in ``fit`` does not look anomalous; a spike then shows in
        the change into it and out of it. ``"auto"`` differences when a
        straight line explains more than 5 % of the variance of a channel of
        the training series (see ``difference_``).
    contamination : float, default=0.001
        Fraction of the training series' points scoring above ``threshold_``,
        in ``(0, 0.5]``.
    units : tuple of int, default=(32,)
        Units of the stacked LSTM layers.
    dropout : float, default=0.0
        Dropout rate after each LSTM layer.
    {shared parameters}

    Attributes
    ----------
    {trained attributes}
    n_windows_ : int
        Number of training windows.
    n_channels_ : int
        Channels seen in ``fit``.
    difference_ : bool
        Whether the network models step changes (``difference``, resolved).
    channel_mean_, channel_std_ : numpy.ndarray
        Mean and deviation of each training channel (of its step changes with
        ``difference_``) that standardize every input (a constant one gets 1).
    residual_mean_, residual_precision_ : numpy.ndarray
        Mean and inverse covariance (Ledoit-Wolf) of the prediction residuals
        of the training series.
    threshold_ : float
        Points scoring above it are anomalies.

    Examples
    --------
    >>> import numpy as np
    >>> from sktime_varlstm import LSTMSeriesDetector
    >>> series = np.sin(0.3 * np.arange(400))
    >>> series[300] += 3.0
    >>> detector = LSTMSeriesDetector(
    ...     window_length=40, units=(8,), n_epochs=20, learning_rate=0.01,
    ...     random_state=0,
    ... )
    >>> detector = detector.fit(series[:250])
    >>> scores = detector.transform_scores(series)
    >>> scores.shape
    (400, 1)
    >>> abs(int(scores["scores"].to_numpy().argmax()) - 300) <= 5
    True
    """

    _tags = {
        "task": "anomaly_detection",
        "learning_type": "unsupervised",
        "capability:multivariate": True,
        "capability:update": True,
        "X_inner_mtype": "pd.DataFrame",
        "fit_is_empty": False,
    }

    _sklearn_estimator_type = "outlier_detector"
    # every training window has the same length: one batching fits them all
    batching = "bucket"
    max_timesteps_per_batch = None
    _hyperparameter_constraints = {
        **training_constraints(without=FIXED_TRAINING_PARAMETERS),
        "window_length": [Interval(int, 2, None)],
        "stride": [None, POSITIVE_INT],
        "score_window": [POSITIVE_INT],
        "difference": [bool, Options(("auto",))],
        "contamination": [Interval(float, 0, 0.5, closed="right")],
        "units": [POSITIVE_SIZES],
        "dropout": [FRACTION],
    }

    def __init__(
        self,
        *,
        window_length=100,
        stride=None,
        score_window=10,
        difference="auto",
        contamination=0.001,
        units=(32,),
        dropout=0.0,
        n_epochs=100,
        batch_size=32,
        optimizer="adam",
        learning_rate=0.005,
        validation_split=0.0,
        early_stopping_patience=None,
        reduce_lr_patience=None,
        callbacks=None,
        random_state=None,
        verbose=0,
        distribution_strategy=None,
    ):
        store_parameters(self, locals())
        super().__init__()

    def fit(self, X, y=None):
        """Learn what normal looks like from the series ``X``; ``y`` is ignored."""
        self._validate_parameters()
        return self._keep_state_on_failure(super().fit, X, y)

    def update(self, X, y=None):
        """Train further on the series ``X``, then re-estimate the threshold.

        The network goes on from its trained weights for ``n_epochs`` passes
        over the windows of ``X``; the residual statistics and ``threshold_``
        are estimated anew on ``X``. ``y`` is ignored.
        """
        self.check_is_fitted("update")
        self._validate_parameters()
        # not BaseDetector.update: it merges X into fit's data (fails on numpy)
        return self._keep_state_on_failure(self._update, check_detector_input(self, X))

    def _fit(self, X, y=None):
        values = self._values_from(X, min_length=self.window_length, refit=True)
        self.n_channels_ = values.shape[1]
        self.difference_ = bool(
            trend_share(values) > _TREND_SHARE
            if self.difference == "auto"
            else self.difference
        )
        modelled = self._modelled(values)
        self.channel_mean_ = modelled.mean(axis=0)
        self.channel_std_ = nonzero_std(modelled.std(axis=0))
        scaled = self._standardize(values)
        windows = self._windows(scaled)
        self.n_windows_ = len(windows)
        # each step is the target of the steps before it
        self._train(self._build_network, windows, windows, loss="mse")
        self._fit_error_model(scaled)
        return self

    def _update(self, X, y=None):
        values = self._values_from(X, min_length=self.window_length)
        scaled = self._standardize(values)
        windows = self._windows(scaled)
        self._train_further(windows, windows)
        self._fit_error_model(scaled)
        return self

    def _windows(self, scaled):
        stride = self.stride or max(1, self.window_length // 4)
        return cut_windows(scaled, self.window_length, stride)

    def _build_network(self):
        return build_next_step_network(
            self.n_channels_, units=self.units, dropout=self.dropout
        )

    def _fit_error_model(self, scaled):
        """Residual statistics and the threshold, from one pass over ``scaled``."""
        residuals = self._residuals(scaled)
        self.residual_mean_, self.residual_precision_ = fit_residual_model(residuals)
        scores = self._scores_from(residuals)
        self.threshold_ = float(np.quantile(scores, 1 - self.contamination))

    def _transform_scores(self, X):
        return pd.DataFrame({"scores": self._point_scores(X)}, index=X.index)

    def _predict(self, X):
        anomalies = np.flatnonzero(self._point_scores(X) > self.threshold_)
        return pd.Series(anomalies, name="ilocs", dtype="int64")

    def _predict_scores(self, X):
        scores = self._point_scores(X)
        return pd.Series(scores[scores > self.threshold_], name="scores")

    def _point_scores(self, X):
        scaled = self._standardize(self._values_from(X))
        return self._scores_from(self._residuals(scaled))

    def _residuals(self, scaled):
        """Prediction minus truth at every step, in one masked pass."""
        (prediction,) = predict_network(self.model_, [scaled], per_step=True)
        return (prediction - scaled).astype(np.float64)

    def _scores_from(self, residuals):
        mean, precision = self.residual_mean_, self.residual_precision_
        errors = mahalanobis_errors(residuals, mean, precision)
        return point_scores(errors, self.score_window)

    def _values_from(self, X, *, min_length=1, refit=False):
        """The series, checked (unless ``refit``, against the channels of fit)."""
        why = f"fit and update take windows of window_length={self.window_length}"
        why = why if min_length > 1 else ""
        channels = None if refit else self.n_channels_
        return check_one_series(
            X, n_channels=channels, min_length=min_length, why_length=why
        )

    def _standardize(self, values):
        return (self._modelled(values) - self.channel_mean_) / self.channel_std_

    def _modelled(self, values):
        """What the network predicts: the values, or their step changes."""
        if self.difference_:
            return np.diff(values, axis=0, prepend=values[:1])
        return values

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Small, fast parameter sets for sktime's conformance suite."""
        tiny = {
            "window_length": 8,
            "units": (4,),
            "n_epochs": 1,
            "batch_size": 16,
            "random_state": 0,
        }
        return [
            tiny,
            {
                **tiny,
                "stride": 8,
                "score_window": 1,
                "difference": True,
                "contamination": 0.1,
            },
        ]
