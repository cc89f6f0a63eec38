"""The part of every regressor of the package that is not its network."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.linear_model import RidgeCV
from sklearn.preprocessing import StandardScaler
from sktime.regression.base import BaseRegressor

from ..base import TRAINING_CONSTRAINTS, Options, PanelNetworkMixin
from ..data import check_regression_targets, fit_input_scaling
from ..networks._layers import output_features_network
from ..training import predict_network

__all__ = ["HEADS", "RIDGE_ALPHAS", "VarLengthRegressor"]

HEADS = ("ridge", "linear")
# the ridge head's penalties, chosen by leave-one-out (as the classifier's)
RIDGE_ALPHAS = np.logspace(-3, 3, 10)


class VarLengthRegressor(PanelNetworkMixin, BaseRegressor):
    """sktime regressor that trains a Keras network on unequal-length input.

    The targets are standardized in ``fit`` (every column to mean 0 and
    deviation 1, kept in ``target_mean_`` and ``target_scale_``) and mapped
    back in ``predict``, so the scale of ``y`` does not matter. A 2-D ``y``
    trains one network with an output per column. Subclasses provide
    ``_build_network(n_outputs)`` (a linear output layer) and extend
    ``_hyperparameter_constraints``.
    """

    _sklearn_estimator_type = "regressor"
    _hyperparameter_constraints = {
        **TRAINING_CONSTRAINTS,
        "head": [Options(HEADS)],
    }
    _output_activation = "linear"
    head = "linear"

    _tags = {
        "X_inner_mtype": ["df-list", "numpy3D"],
        "y_inner_mtype": ["numpy2D", "numpy1D"],  # a 2-D y stays 2-D
        "capability:multioutput": True,
        "capability:multivariate": True,
        "capability:unequal_length": True,
    }

    # Public methods validate first: sktime resets the estimator at the start
    # of fit, so a bad call must fail before that to keep the fitted state.
    def fit(self, X, y):
        """Fit to ``X`` (any supported container) and numeric targets ``y``."""
        self._validate_parameters()
        series = self._series_from(X, fitted=False)
        checked = check_regression_targets(y, len(series))
        # a pandas y goes on as it is: sktime returns predictions of its type
        y = y if isinstance(y, (pd.Series, pd.DataFrame)) else checked
        X = self._to_framework_input(X, series)
        return self._keep_state_on_failure(super().fit, X, y)

    def predict(self, X):
        """Predict the target(s) of each series of ``X``."""
        self.check_is_fitted("predict")
        series = self._series_from(X, fitted=True)
        return super().predict(self._to_framework_input(X, series))

    def _fit(self, X, y):
        series = self._inner_series(X)
        self._record_step_shape(series[0].shape[1:])
        self.input_statistics_ = fit_input_scaling(series, self.input_scaling)
        series = self._scaled(series)
        self._one_target = np.ndim(y) == 1
        targets = np.asarray(y, dtype=np.float64).reshape(len(series), -1)
        self.target_mean_ = targets.mean(axis=0)
        scale = targets.std(axis=0)
        self.target_scale_ = np.where(scale > 0, scale, 1.0)
        standardized = ((targets - self.target_mean_) / self.target_scale_).astype(
            "float32"
        )
        self._train(
            lambda: self._build_network(targets.shape[1]),
            series,
            standardized,
            loss="mse",
            **self._fit_options(),
        )
        if self.head == "ridge":
            self._fit_ridge_head(series, standardized)
        return self

    def _fit_ridge_head(self, series, targets):
        """Replace the trained output layer's weights with a ridge regression's.

        scikit-learn's ``RidgeCV`` (penalty by leave-one-out among
        :data:`RIDGE_ALPHAS`) is fitted on the standardized features the
        output layer sees of every whole training series, and folded into
        that layer's kernel and bias.
        """
        features = predict_network(
            output_features_network(self.model_),
            series,
            batch_size=self.batch_size,
        )
        scaler = StandardScaler().fit(features)
        ridge = RidgeCV(alphas=RIDGE_ALPHAS).fit(scaler.transform(features), targets)
        # prediction = scaled @ coef.T + intercept, scaled = (f - mean) / scale
        coef = np.atleast_2d(ridge.coef_) / scaler.scale_
        intercept = np.atleast_1d(ridge.intercept_) - coef @ scaler.mean_
        self.model_.get_layer("output").set_weights(
            [coef.T.astype("float32"), intercept.astype("float32")]
        )
        self.ridge_alpha_ = float(ridge.alpha_)

    def _predict(self, X):
        series = self._scaled(self._inner_series(X))
        outputs = predict_network(self.model_, series, batch_size=self.batch_size)
        predictions = outputs * self.target_scale_ + self.target_mean_
        return predictions[:, 0] if self._one_target else predictions
