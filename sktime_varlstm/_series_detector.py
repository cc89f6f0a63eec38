"""Anomalies in one long series, sktime's detection API, with a next-step LSTM."""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd
from sklearn.covariance import LedoitWolf
from sktime.detection.base import BaseDetector

from ._anomaly_detector import _nonzero
from ._base import VarLengthEstimatorMixin
from ._training import fit_network, predict_network, seed_from
from ._windows import centred_moving_average, cut_windows
from .networks import build_next_step_network

__all__ = ["LSTMSeriesDetector", "trend_share"]

# ``difference="auto"`` threshold. On the generated series of
# ``benchmarks.detection`` the trending kind gives 0.12-0.13 and the others
# at most 0.002 on their training parts.
_TREND_SHARE = 0.05


class LSTMSeriesDetector(VarLengthEstimatorMixin, BaseDetector):
    """Find the anomalous time points of one long series with an LSTM.

    An LSTM learns to predict every step of a (mostly) normal series from
    the steps before it. It trains on overlapping windows cut from the
    series (``window_length`` steps every ``stride`` steps), so the cost of
    an epoch grows with the series' length, never with its square, and the
    windows of a long series batch well. A series is then scored in one
    masked pass of the network over the whole of it, of any length. A step's
    error is the squared Mahalanobis distance of its prediction residual
    from the residuals of the training series (Ledoit-Wolf covariance over
    channels); the score of a point is the mean error of the
    ``score_window`` steps centred on it. The first step, which has no past,
    gets the score of the second.

    Scores follow sktime's detectors: **higher is more anomalous**.
    ``transform_scores`` gives the score of every point; ``predict`` the
    ``ilocs`` of the points whose score exceeds ``threshold_``, the
    ``1 - contamination`` quantile of the training series' scores;
    ``transform`` the same as dense 0/1 labels; ``predict_scores`` the scores
    of the points ``predict`` returns.

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
    n_epochs : int, default=100
        Largest number of passes over the training windows (also the number
        of passes of ``update``).
    batch_size : int, default=32
        Windows per batch.
    optimizer : str or keras.optimizers.Optimizer, default="adam"
        Optimizer name or instance (an instance is copied, never trained).
    learning_rate : float or None, default=0.005
        Learning rate; ``None`` keeps the optimizer's own.
    validation_split : float, default=0.0
        Fraction of the training windows held out to monitor ``val_loss``.
    early_stopping_patience : int or None, default=None
        Stop after this many epochs without improvement, keep the best weights.
    callbacks : list of keras.callbacks.Callback or None, default=None
        Extra Keras callbacks.
    random_state : int, RandomState or None, default=None
        Seed of weights and window order. The same seed gives the same scores.
    verbose : int, default=0
        0 prints nothing, 1 shows Keras' progress bar per epoch, 2 one line
        per epoch.

    Attributes
    ----------
    model_ : keras.Model
        The trained next-step network (inputs ``values`` and ``mask``).
    history_ : dict
        Keras' training history (``loss``, ``val_loss`` …).
    epoch_seconds_ : numpy.ndarray
        Wall-clock seconds of every epoch.
    n_epochs_ : int
        Number of epochs actually run.
    n_windows_ : int
        Number of training windows.
    n_channels_ : int
        Channels seen in ``fit``.
    difference_ : bool
        Whether the network models step changes (``difference``, resolved).
    channel_mean_, channel_std_ : numpy.ndarray
        Mean and standard deviation of each channel of the training series
        (of its step changes with ``difference_``), used to standardise every
        input (a constant channel gets 1).
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
        "authors": ["sktime-varlstm developers"],
        "maintainers": ["sktime-varlstm developers"],
        "python_dependencies": "tensorflow",
        "task": "anomaly_detection",
        "learning_type": "unsupervised",
        "capability:multivariate": True,
        "capability:update": True,
        "capability:random_state": True,
        "property:randomness": "derandomized",
        "X_inner_mtype": "pd.DataFrame",
        "fit_is_empty": False,
    }

    _sklearn_estimator_type = "outlier_detector"
    # every training window has the same length: one batching fits them all
    batching = "bucket"
    max_timesteps_per_batch = None

    def __init__(
        self,
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
        callbacks=None,
        random_state=None,
        verbose=0,
    ):
        self.window_length = window_length
        self.stride = stride
        self.score_window = score_window
        self.difference = difference
        self.contamination = contamination
        self.units = units
        self.dropout = dropout
        self.n_epochs = n_epochs
        self.batch_size = batch_size
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.validation_split = validation_split
        self.early_stopping_patience = early_stopping_patience
        self.callbacks = callbacks
        self.random_state = random_state
        self.verbose = verbose
        super().__init__()

    # --- public methods that must leave a fitted detector as it was -----------
    def fit(self, X, y=None):
        """Learn what normal looks like from the series ``X``; ``y`` is ignored."""
        return self._keep_state_on_failure(super().fit, X, y)

    def update(self, X, y=None):
        """Train further on the series ``X``, then re-estimate the threshold.

        The network goes on from its trained weights for ``n_epochs`` passes
        over the windows of ``X``; the residual statistics and ``threshold_``
        are estimated anew on ``X``. ``y`` is ignored.
        """
        self.check_is_fitted("update")
        # BaseDetector.update would also merge X into the data seen in fit,
        # which fails when fit saw a numpy array; nothing here needs it.
        return self._keep_state_on_failure(self._update, self._check_X(X))

    # --- fitting -----------------------------------------------------------------
    def _fit(self, X, y=None):
        self._check_parameters()
        values = self._values_from(X, min_length=self.window_length, refit=True)
        self.n_channels_ = values.shape[1]
        self.difference_ = bool(
            trend_share(values) > _TREND_SHARE
            if self.difference == "auto"
            else self.difference
        )
        modelled = self._modelled(values)
        self.channel_mean_ = modelled.mean(axis=0)
        self.channel_std_ = _nonzero(modelled.std(axis=0))
        scaled = self._standardise(values)
        windows = self._windows(scaled)
        self.n_windows_ = len(windows)
        # each step is the target of the steps before it
        self._train(self._build_network, windows, windows, loss="mse")
        self._fit_error_model(scaled)
        return self

    def _update(self, X, y=None):
        values = self._values_from(X, min_length=self.window_length)
        scaled = self._standardise(values)
        windows = self._windows(scaled)
        seed = seed_from(self.random_state)
        history, epoch_seconds = fit_network(
            self.model_,
            windows,
            windows,
            batch_size=self.batch_size,
            n_epochs=self.n_epochs,
            validation_split=self.validation_split,
            early_stopping_patience=self.early_stopping_patience,
            callbacks=self.callbacks,
            verbose=self.verbose,
            seed=seed,
        )
        self.history_ = history
        self.epoch_seconds_ = np.concatenate([self.epoch_seconds_, epoch_seconds])
        self.n_epochs_ += len(epoch_seconds)
        self._fit_error_model(scaled)
        return self

    def _check_parameters(self):
        _check_int("window_length", self.window_length, minimum=2)
        _check_int("score_window", self.score_window, minimum=1)
        if self.difference not in (True, False, "auto"):
            raise ValueError(
                f'difference must be True, False or "auto"; got {self.difference!r}.'
            )
        if self.stride is not None:
            _check_int("stride", self.stride, minimum=1)
        contamination = self.contamination
        if not (
            isinstance(contamination, numbers.Real)
            and not isinstance(contamination, bool)
            and 0 < contamination <= 0.5
        ):
            raise ValueError(
                f"contamination must be a float in (0, 0.5]; got {contamination!r}."
            )

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
        covariance = LedoitWolf().fit(residuals)
        self.residual_mean_ = covariance.location_
        self.residual_precision_ = covariance.precision_
        scores = self._scores_from(residuals)
        self.threshold_ = float(np.quantile(scores, 1 - self.contamination))

    # --- scoring -------------------------------------------------------------------
    def _transform_scores(self, X):
        scores = self._point_scores(X)
        return pd.DataFrame({"scores": scores}, index=X.index)

    def _predict(self, X):
        anomalies = np.flatnonzero(self._point_scores(X) > self.threshold_)
        return pd.Series(anomalies, name="ilocs", dtype="int64")

    def _predict_scores(self, X):
        scores = self._point_scores(X)
        return pd.Series(scores[scores > self.threshold_], name="scores")

    def _point_scores(self, X):
        scaled = self._standardise(self._values_from(X))
        return self._scores_from(self._residuals(scaled))

    def _residuals(self, scaled):
        """Prediction minus truth at every step, in one masked pass."""
        (prediction,) = predict_network(self.model_, [scaled], per_step=True)
        return (prediction - scaled).astype(np.float64)

    def _scores_from(self, residuals):
        centred = residuals - self.residual_mean_
        errors = np.einsum("ti,ij,tj->t", centred, self.residual_precision_, centred)
        if len(errors) == 1:
            return errors
        # the first step has no past to be predicted from: its error would
        # flag the start of every series, so it gets the score of the next
        scores = centred_moving_average(errors[1:], self.score_window)
        return np.concatenate([scores[:1], scores])

    # --- input ---------------------------------------------------------------------
    def _values_from(self, X, *, min_length=1, refit=False):
        """The series as a float32 array ``(T, n_channels)``, checked.

        Unless ``refit``, it must have the channels seen in ``fit``.
        """
        values = np.asarray(X, dtype=np.float32)
        if values.ndim == 1:
            values = values[:, None]
        if not np.isfinite(values).all():
            raise ValueError(
                f"{type(self).__name__} does not accept missing or infinite "
                "values; the series has some."
            )
        if not refit and values.shape[1] != self.n_channels_:
            raise ValueError(
                f"The series has {values.shape[1]} channel(s); the detector was "
                f"fitted on {self.n_channels_}."
            )
        if len(values) < min_length:
            raise ValueError(
                f"The series has {len(values)} steps; {type(self).__name__} "
                f"needs at least {min_length} (window_length={self.window_length} "
                "for fit and update, 1 for scoring)."
            )
        return values

    def _standardise(self, values):
        return (self._modelled(values) - self.channel_mean_) / self.channel_std_

    def _modelled(self, values):
        """What the network predicts: the values, or their step changes."""
        if self.difference_:
            return np.diff(values, axis=0, prepend=values[:1])
        return values

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Small, fast parameter sets for sktime's conformance suite (it asks
        for two; each fit costs about a second of graph tracing)."""
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


def _check_int(name, value, *, minimum):
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ValueError(f"{name} must be an int; got {value!r}.")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}; got {value!r}.")
