"""The part of every classifier of the package that is not its network."""

from __future__ import annotations

import numpy as np
from sktime.classification.base import BaseClassifier

from ..base import (
    CLASSIFIER_CONSTRAINTS,
    TRAINING_CONSTRAINTS,
    PanelNetworkMixin,
    class_sample_weight,
)
from ..data import (
    check_targets,
    fit_input_scaling,
)
from ..networks._layers import output_features_network
from ..training import predict_network, seed_from
from ._ridge_head import fit_ridge_output

__all__ = ["VarLengthClassifier"]


class VarLengthClassifier(PanelNetworkMixin, BaseClassifier):
    """sktime classifier that trains a Keras network on unequal-length input.

    Subclasses provide ``_build_network(n_classes)`` and extend
    ``_hyperparameter_constraints``; see :class:`PanelNetworkMixin` for
    series whose time steps are not channel vectors.
    """

    _hyperparameter_constraints = {**TRAINING_CONSTRAINTS, **CLASSIFIER_CONSTRAINTS}

    _output_activation = "softmax"
    head = "softmax"

    _tags = {
        "X_inner_mtype": ["df-list", "numpy3D"],
        "y_inner_mtype": "numpy1D",
        "capability:multivariate": True,
        "capability:unequal_length": True,
        "capability:predict_proba": True,
        "capability:class_weight": True,
    }

    # Public methods validate first: sktime resets the estimator at the start
    # of fit, so a bad call must fail before that to keep the fitted state.
    def fit(self, X, y):
        """Fit to ``X`` (any supported container, see the class docstring) and ``y``."""
        self._validate_parameters()
        series = self._series_from(X, fitted=False)
        y = check_targets(y, len(series))
        X = self._to_framework_input(X, series)
        self._keep_state_on_failure(super().fit, X, y)
        # recorded here too: sktime skips _fit for one class or a 2-D y
        self._record_step_shape(series[0].shape[1:])
        return self

    def predict(self, X):
        """Predict a label for each series of ``X``."""
        self.check_is_fitted("predict")
        series = self._series_from(X, fitted=True)
        return super().predict(self._to_framework_input(X, series))

    def predict_proba(self, X):
        """Predict class probabilities, columns ordered as ``classes_``."""
        self.check_is_fitted("predict_proba")
        series = self._series_from(X, fitted=True)
        return super().predict_proba(self._to_framework_input(X, series))

    def _fit(self, X, y):
        series = self._inner_series(X)
        self._record_step_shape(series[0].shape[1:])
        self.input_statistics_ = fit_input_scaling(series, self.input_scaling)
        series = self._scaled(series)
        one_hot = (y[:, None] == self.classes_[None, :]).astype("float32")
        sample_weight = class_sample_weight(self.class_weight, y)
        self._train(
            lambda: self._build_network(len(self.classes_)),
            series,
            one_hot,
            loss="categorical_crossentropy",
            metrics=["accuracy"],
            sample_weight=sample_weight,
            stratify=y,
            **self._fit_options(),
        )
        if self.head == "ridge":
            self._fit_ridge_head(series, y)
        return self

    def _fit_ridge_head(self, series, y):
        """Replace the trained output layer's weights with a ridge classifier's.

        The ridge is fitted on what the output layer of
        :meth:`_ridge_head_network` sees of every whole training series;
        that network becomes ``model_``, and ``predict`` and ``predict_proba``
        run it as before.
        """
        network = self._ridge_head_network(series)
        features = predict_network(
            output_features_network(network),
            series,
            batch_size=self.batch_size,
        )
        ridge = fit_ridge_output(
            features,
            y,
            self.classes_,
            class_weight=self.class_weight,
            seed=seed_from(self.random_state),
        )
        network.get_layer("output").set_weights([ridge.kernel, ridge.bias])
        self.model_ = network
        self.ridge_alpha_ = ridge.alpha

    def _ridge_head_network(self, series):
        """The network whose ``"output"`` layer the ridge replaces.

        ``model_`` itself here; a subclass may return a network that pools
        more features from the trained layers (fitted on ``series``).
        """
        return self.model_

    def _predict_proba(self, X):
        series = self._scaled(self._inner_series(X))
        return predict_network(self.model_, series, batch_size=self.batch_size)

    def _predict(self, X):
        return self.classes_[np.argmax(self._predict_proba(X), axis=1)]
