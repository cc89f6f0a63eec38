"""The ridge head: a ridge classifier folded into the softmax output layer."""

import keras
import numpy as np
import pytest
from sklearn.linear_model import RidgeClassifierCV
from sklearn.preprocessing import StandardScaler

from sktime_varlstm import DilatedConvClassifier
from sktime_varlstm.classification._ridge_head import (
    RIDGE_ALPHAS,
    THRESHOLD_QUANTILES,
    evenly_spaced_steps,
    fit_ridge_output,
    quantile_thresholds,
)
from sktime_varlstm.networks._dilated import block_pre_activations
from sktime_varlstm.networks._layers import ThresholdShares, output_features_network
from sktime_varlstm.training import predict_network


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


def test_ridge_head_keeps_the_trained_layers_and_adds_threshold_shares():
    X, y = _panel()
    ridge = DilatedConvClassifier(**TINY, head="ridge").fit(X, y)
    softmax = DilatedConvClassifier(**TINY, head="softmax").fit(X, y)
    added = [
        layer
        for layer in ridge.model_.layers
        if isinstance(layer, ThresholdShares)
        or layer.name in ("ridge_features", "output")
    ]
    assert [layer.name for layer in added] == [
        "block0_shares",
        "block1_shares",
        "ridge_features",
        "output",
    ]
    trained = [layer for layer in ridge.model_.layers if layer not in added]
    assert len(trained) == len(softmax.model_.layers) - 1  # all but the output
    for ridge_layer, softmax_layer in zip(trained, softmax.model_.layers, strict=False):
        assert type(ridge_layer) is type(softmax_layer)
        for a, b in zip(
            ridge_layer.get_weights(), softmax_layer.get_weights(), strict=True
        ):
            np.testing.assert_array_equal(a, b)
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


def test_thresholds_are_quantiles_of_the_trained_blocks_pre_activations():
    X, y = _panel()
    clf = DilatedConvClassifier(**TINY).fit(X, y)
    softmax = DilatedConvClassifier(**TINY, head="softmax").fit(X, y)
    # the trained layers are the same, so their pre-activations too
    blocks = block_pre_activations(softmax.model_)
    per_step = keras.Model(softmax.model_.input, keras.layers.Concatenate()(blocks))
    values = predict_network(per_step, softmax._scaled(X), per_step=True, pool=None)
    steps = np.concatenate([evenly_spaced_steps(v) for v in values])
    expected = quantile_thresholds(steps, THRESHOLD_QUANTILES)
    fitted = np.hstack(
        [
            clf.model_.get_layer(f"block{i}_shares").get_weights()[0]
            for i in range(len(TINY["dilations"]))
        ]
    )
    assert fitted.shape == (1 + len(THRESHOLD_QUANTILES), 2 * 4)
    np.testing.assert_allclose(fitted, expected, rtol=1e-5, atol=1e-6)
    assert np.all(np.diff(fitted[1:], axis=0) >= 0)  # ordered quantiles


def test_threshold_shares_count_real_steps_only():
    layer = ThresholdShares(2)
    values = np.array([[[1.0, -1.0], [3.0, 2.0], [9.0, 9.0]]], dtype="float32")
    layer.build([values.shape, values.shape[:2]])
    layer.thresholds.assign(np.array([[0.0, 0.0], [2.0, 1.5]], dtype="float32"))
    mask = np.array([[True, True, False]])  # the third step is padding
    out = keras.ops.convert_to_numpy(layer([values, mask]))
    # shares above 0 per channel, above (2, 1.5), then mean positive value
    np.testing.assert_allclose(out[0], [1.0, 0.5, 0.5, 0.5, 2.0, 2.0])
    alone = keras.ops.convert_to_numpy(layer([values[:, :2], mask[:, :2]]))
    np.testing.assert_allclose(out, alone)
    nothing_positive = -np.abs(values)
    out = keras.ops.convert_to_numpy(layer([nothing_positive, mask]))
    np.testing.assert_allclose(out[0, -2:], [0.0, 0.0])


def test_thresholds_fall_between_step_values_even_with_ties():
    rng = np.random.default_rng(0)
    tied = [np.round(rng.normal(size=(40, 3)), 1) for _ in range(5)]  # many ties
    steps = np.concatenate(tied)
    thresholds = quantile_thresholds(steps, THRESHOLD_QUANTILES)
    for c in range(3):
        distinct = np.unique(steps[:, c])
        gaps = np.abs(thresholds[1:, c, None] - distinct[None, :]).min(axis=1)
        assert np.all(gaps > 0.04)  # half of the 0.1 between distinct values
        plain = np.quantile(steps[:, c], THRESHOLD_QUANTILES)
        assert np.all(np.abs(thresholds[1:, c] - plain) <= 0.05 + 1e-6)
