"""The ridge head: a ridge classifier folded into the softmax output layer."""

import numpy as np
import pytest
from sklearn.linear_model import RidgeClassifierCV
from sklearn.preprocessing import StandardScaler

from sktime_varlstm import DilatedConvClassifier
from sktime_varlstm._layers import output_features_network
from sktime_varlstm._ridge_head import RIDGE_ALPHAS, fit_ridge_output
from sktime_varlstm._training import predict_network


def _features(n_classes, n_series=60, n_features=12, signal=1.0, seed=0):
    rng = np.random.default_rng(seed)
    labels = np.array(list("cab"[:n_classes]))  # classes not in sorted order
    y = labels[rng.integers(n_classes, size=n_series)]
    centres = rng.normal(size=(n_classes, n_features)) * signal
    features = centres[np.searchsorted(np.sort(labels), y)]
    features = features * 3.0 + 5.0 + rng.normal(size=(n_series, n_features))
    return features, y


def _ridge(features, y, class_weight=None):
    scaler = StandardScaler().fit(features)
    ridge = RidgeClassifierCV(alphas=RIDGE_ALPHAS, class_weight=class_weight)
    return scaler, ridge.fit(scaler.transform(features), y)


@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("class_weight", [None, "balanced"])
def test_layer_computes_the_standardized_ridge(n_classes, class_weight):
    features, y = _features(n_classes)
    y[: len(y) // 3] = "a"  # unbalanced, so the weights matter
    classes = np.unique(y)
    output = fit_ridge_output(features, y, classes, class_weight=class_weight)
    scaler, ridge = _ridge(features, y, class_weight)
    logits = features @ output.kernel + output.bias
    decisions = ridge.decision_function(scaler.transform(features))
    if n_classes == 2:
        np.testing.assert_allclose(
            logits[:, 1] - logits[:, 0], 2 * output.sharpness * decisions, rtol=1e-4
        )
    else:
        np.testing.assert_allclose(
            logits, output.sharpness * decisions, rtol=1e-4, atol=1e-5
        )
    predicted = classes[np.argmax(logits, axis=1)]
    np.testing.assert_array_equal(predicted, ridge.predict(scaler.transform(features)))
    assert output.alpha == ridge.alpha_


def test_sharpness_follows_how_well_held_out_series_are_told_apart():
    separable, y = _features(3, signal=3.0)
    noise = np.random.default_rng(1).normal(size=separable.shape)
    classes = np.unique(y)
    sharp = fit_ridge_output(separable, y, classes)
    blunt = fit_ridge_output(noise, y, classes)
    assert sharp.sharpness > 10 * blunt.sharpness

    def largest_probability(output, features):
        logits = features @ output.kernel + output.bias
        probabilities = np.exp(logits - logits.max(axis=1, keepdims=True))
        return (probabilities / probabilities.sum(axis=1, keepdims=True)).max(axis=1)

    assert largest_probability(sharp, separable).mean() > 0.9
    assert largest_probability(blunt, noise).mean() < 0.6


def _panel(n_series=24, seed=0):
    rng = np.random.default_rng(seed)
    y = np.array(["a", "b", "c"] * (n_series // 3))
    X = [
        rng.normal(size=(t, 2)) + (y[i] == "b") - (y[i] == "c")
        for i, t in enumerate(rng.integers(6, 20, size=n_series))
    ]
    return X, y


TINY = {"filters": 4, "dilations": (1, 2), "n_epochs": 2, "random_state": 0}


def test_ridge_head_replaces_only_the_output_layer():
    X, y = _panel()
    ridge = DilatedConvClassifier(**TINY, head="ridge").fit(X, y)
    softmax = DilatedConvClassifier(**TINY, head="softmax").fit(X, y)
    for ridge_layer, softmax_layer in zip(
        ridge.model_.layers, softmax.model_.layers, strict=True
    ):
        same = all(
            np.array_equal(a, b)
            for a, b in zip(
                ridge_layer.get_weights(), softmax_layer.get_weights(), strict=True
            )
        )
        assert same == (ridge_layer.name != "output"), ridge_layer.name
    assert not hasattr(softmax, "ridge_alpha_")

    features = predict_network(
        output_features_network(ridge.model_), ridge._scaled(X), pool=None
    )
    scaler, expected = _ridge(features, y)
    np.testing.assert_array_equal(
        ridge.predict(X), expected.predict(scaler.transform(features))
    )
    assert ridge.ridge_alpha_ == expected.alpha_
    probabilities = ridge.predict_proba(X)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(
        ridge.classes_[np.argmax(probabilities, axis=1)], ridge.predict(X)
    )
