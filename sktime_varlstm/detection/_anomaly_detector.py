"""Unsupervised anomaly detection on series of unequal length with an LSTM."""

from __future__ import annotations

import numpy as np
from sktime.base import BaseEstimator

from ..base import (
    FRACTION,
    POSITIVE_SIZES,
    TEST_BATCH_SIZE,
    TRAINING_CONSTRAINTS,
    Interval,
    Options,
    VarLengthEstimatorMixin,
    document_shared_parameters,
    store_parameters,
)
from ..data import z_normalized
from ..networks import build_next_step_network
from ..training import predict_network
from ._scores import fit_residual_model, mahalanobis_errors, nonzero_std

__all__ = ["LSTMAnomalyDetector"]

SERIES_SCORES = ("typicality", "mean_error", "max_error")
STEP_ERRORS = ("mahalanobis", "squared")
_LOG_FLOOR = 1e-8  # keeps log(mean error) finite for a perfectly predicted series


@document_shared_parameters
class LSTMAnomalyDetector(VarLengthEstimatorMixin, BaseEstimator):
    """Flag abnormal series, and the abnormal steps in them, without labels.

    An LSTM learns to predict every time step of (mostly) normal series from
    the steps before it. A step it predicts badly is abnormal; a series is
    scored from its prediction errors over its true length (padding never
    counts, in training or in scoring). Series keep their own lengths, and
    scoring works on lengths never seen in ``fit``.

    Scores follow scikit-learn's outlier detectors: **lower is more
    abnormal**. ``score_timepoints`` returns, for every step, minus its
    prediction error (see ``step_error``);
    ``score_samples`` one score per series (see ``series_score``);
    ``decision_function`` is negative for outliers; ``predict`` returns ``-1``
    for outliers and ``+1`` for inliers.

    Parameters
    ----------
    units : tuple of int, default=(32,)
        Units of the stacked LSTM layers.
    dropout : float, default=0.0
        Dropout rate after each LSTM layer. A network that predicts normal
        series too closely also predicts abnormal ones from their own past:
        few units and some dropout often separate them better.
    contamination : float, default=0.1
        Expected fraction of outliers among the training series, in
        ``(0, 0.5]``. Sets the threshold ``offset_``: that fraction of the
        training series scores below it and is predicted ``-1``.
    step_error : {"mahalanobis", "squared"}, default="mahalanobis"
        How a step's prediction residual (a vector over channels) becomes
        its error. ``"mahalanobis"``: the squared Mahalanobis distance from
        the residuals of the training steps (mean and Ledoit-Wolf covariance
        fitted after training), so a channel the network predicts closely
        weighs more, and a residual that breaks the usual correlation between
        channels stands out. ``"squared"``: the squared residual averaged
        over channels, in standardized units. On a single channel the two
        differ only by a scale and a shift. Ledoit-Wolf stays well
        conditioned when there are only a few short training series.
    series_score : {"typicality", "mean_error", "max_error"}, default="typicality"
        How the step errors of a series become its score.
        ``"typicality"``: how far, in standard deviations, the log of its mean
        step error lies from that of the training series, on either side: a
        series predicted much *better* than normal ones (a flat line, a far
        simpler signal) is abnormal too (the typicality test of Nalisnick et
        al., 2019). ``"mean_error"``: minus the mean step error, which equals
        the mean of ``score_timepoints``. ``"max_error"``: minus the largest
        step error: one bad step flags the series. The docs' anomaly
        detection page compares the three.
    normalize_each_series : bool, default=False
        Rescale every series to mean 0 and standard deviation 1 (per channel)
        before anything else, so scores ignore each series' level and
        amplitude and only see its shape. Use it when level and amplitude
        vary widely among normal series (PLAID's appliances draw currents
        from milliamperes to hundreds of amperes).
    {shared parameters}

    Attributes
    ----------
    {trained attributes}
    n_channels_ : int
        Channels seen in ``fit``.
    channel_mean_, channel_std_ : numpy.ndarray
        Mean and standard deviation of each channel over all time steps of
        the training series, used to standardize every input (a constant
        channel gets a deviation of 1).
    residual_mean_, residual_precision_ : numpy.ndarray
        Mean and inverse covariance (Ledoit-Wolf) of the prediction
        residuals of the training steps, used by
        ``step_error="mahalanobis"``.
    typical_log_error_, log_error_spread_ : float
        Mean and standard deviation, over the training series, of the log of
        a series' mean step error (used by ``series_score="typicality"``).
    offset_ : float
        Threshold on ``score_samples``: ``decision_function`` is
        ``score_samples - offset_``.

    Examples
    --------
    >>> import numpy as np
    >>> from sktime_varlstm.detection._anomaly_detector import LSTMAnomalyDetector
    >>> rng = np.random.default_rng(0)
    >>> X = [np.sin(0.5 * np.arange(t)) for t in range(10, 30)]  # 1-D: univariate
    >>> detector = LSTMAnomalyDetector(units=(4,), n_epochs=2, random_state=0)
    >>> detector = detector.fit(X)
    >>> detector.predict([X[0], 5 * rng.normal(size=15)]).shape
    (2,)
    >>> [steps.shape for steps in detector.score_timepoints(X[:2])]
    [(10,), (11,)]
    """

    _sklearn_estimator_type = "outlier_detector"
    _hyperparameter_constraints = {
        **TRAINING_CONSTRAINTS,
        "units": [POSITIVE_SIZES],
        "dropout": [FRACTION],
        "contamination": [Interval(float, 0, 0.5, closed="right")],
        "step_error": [Options(STEP_ERRORS)],
        "series_score": [Options(SERIES_SCORES)],
        "normalize_each_series": [bool],
    }

    _tags = {
        "capability:multivariate": True,
        "capability:unequal_length": True,
    }

    def __init__(
        self,
        *,
        units=(32,),
        dropout=0.0,
        contamination=0.1,
        step_error="mahalanobis",
        series_score="typicality",
        normalize_each_series=False,
        n_epochs=50,
        batch_size=32,
        batching="bucket",
        max_timesteps_per_batch=None,
        optimizer="adam",
        learning_rate=0.001,
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

    # --- fitting ------------------------------------------------------------
    def fit(self, X, y=None):
        """Learn what normal series look like from ``X``; ``y`` is ignored."""
        self._validate_parameters()
        series = self._series_from(X, fitted=False)
        return self._keep_state_on_failure(self._fit_series, series)

    def fit_predict(self, X, y=None):
        """Fit to ``X``, then return ``+1`` (inlier) or ``-1`` for each series."""
        return self.fit(X).predict(X)

    def _fit_series(self, series):
        self.reset()
        self.n_channels_ = series[0].shape[1]
        if self.normalize_each_series:
            series = [z_normalized(s) for s in series]
        steps = np.concatenate(series)
        self.channel_mean_ = steps.mean(axis=0)
        self.channel_std_ = nonzero_std(steps.std(axis=0))
        scaled = [(s - self.channel_mean_) / self.channel_std_ for s in series]
        # each step is the target of the steps before it
        self._train(self._build_network, scaled, scaled, loss="mse")

        residuals = self._residuals(scaled)
        self.residual_mean_, self.residual_precision_ = fit_residual_model(
            np.concatenate(residuals)
        )
        step_errors = self._errors_from(residuals)
        log_errors = _log_mean_errors(step_errors)
        self.typical_log_error_ = float(log_errors.mean())
        self.log_error_spread_ = float(nonzero_std(log_errors.std()))
        training_scores = self._scores_from(step_errors)
        self.offset_ = float(np.percentile(training_scores, 100 * self.contamination))
        self._is_fitted = True
        return self

    def _build_network(self):
        return build_next_step_network(
            self.n_channels_, units=self.units, dropout=self.dropout
        )

    # --- scoring ------------------------------------------------------------
    def score_timepoints(self, X):
        """Score every time step of every series; lower is more abnormal.

        Returns
        -------
        list of numpy.ndarray
            One 1-D array per series, as long as the series: minus the
            error (``step_error``) of the step's prediction from the steps
            before it.
        """
        self.check_is_fitted("score_timepoints")
        return [-errors for errors in self._step_errors(self._standardize(X))]

    def score_samples(self, X):
        """Score every series; lower is more abnormal (see ``series_score``).

        Returns
        -------
        numpy.ndarray of shape (n_series,)
        """
        self.check_is_fitted("score_samples")
        return self._scores_from(self._step_errors(self._standardize(X)))

    def decision_function(self, X):
        """``score_samples(X) - offset_``: negative for outliers."""
        return self.score_samples(X) - self.offset_

    def predict(self, X):
        """Return ``-1`` for outliers and ``+1`` for inliers."""
        return np.where(self.decision_function(X) < 0, -1, 1)

    def _standardize(self, X):
        series = self._series_from(X, fitted=True)
        if self.normalize_each_series:
            series = [z_normalized(s) for s in series]
        return [(s - self.channel_mean_) / self.channel_std_ for s in series]

    def _step_errors(self, scaled):
        """The error of every step's prediction (see ``step_error``)."""
        return self._errors_from(self._residuals(scaled))

    def _residuals(self, scaled):
        """Prediction minus truth, one ``(T_i, n_channels)`` array per series."""
        predictions = predict_network(
            self.model_, scaled, batch_size=self.batch_size, per_step=True
        )
        return [
            (p - s).astype(np.float64) for p, s in zip(predictions, scaled, strict=True)
        ]

    def _errors_from(self, residuals):
        if self.step_error == "squared":
            return [np.mean(r**2, axis=1) for r in residuals]
        return [
            mahalanobis_errors(r, self.residual_mean_, self.residual_precision_)
            for r in residuals
        ]

    def _scores_from(self, step_errors):
        if self.series_score == "max_error":
            return -np.array([errors.max() for errors in step_errors])
        if self.series_score == "mean_error":
            return -np.array([errors.mean() for errors in step_errors])
        distance = np.abs(_log_mean_errors(step_errors) - self.typical_log_error_)
        return -distance / self.log_error_spread_

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Small, fast parameter sets for sktime's conformance suite."""
        tiny = {"units": (4,), "n_epochs": 2, "random_state": 0}
        tiny["batch_size"] = TEST_BATCH_SIZE
        return [
            tiny,
            {
                **tiny,
                "units": (3, 3),
                "series_score": "max_error",
                "step_error": "squared",
                "normalize_each_series": True,
            },
        ]


def _log_mean_errors(step_errors):
    return np.log(np.array([errors.mean() for errors in step_errors]) + _LOG_FLOOR)
