"""Batch normalization statistics of whole series: the function and the option."""

import keras
import numpy as np

from sktime_varlstm import DilatedConvClassifier
from sktime_varlstm._batch_norm import batch_norm_sample, recompute_batch_norm
from sktime_varlstm._batching import pad_series
from sktime_varlstm.networks import build_dilated_conv_network


def _series(seed=0, n=12, channels=2):
    rng = np.random.default_rng(seed)
    lengths = rng.integers(5, 30, size=n)
    return [
        (3.0 * rng.normal(size=(t, channels)) + 1.0).astype("float32") for t in lengths
    ]


def _norms(model):
    return [
        layer
        for layer in model.layers
        if isinstance(layer, keras.layers.BatchNormalization)
    ]


def _layer_input_steps(model, layer, series):
    """The real steps that reach ``layer`` when the model predicts ``series``."""
    inputs = layer.input
    inputs = inputs[0] if isinstance(inputs, (list, tuple)) else inputs
    values, mask = pad_series(series)
    hidden = keras.Model(model.input, inputs)({"values": values, "mask": mask})
    return np.asarray(hidden)[mask]


def test_statistics_are_those_prediction_feeds_every_layer():
    series = _series()
    model = build_dilated_conv_network(2, 3, filters=4, dilations=(1, 2, 4))
    assert recompute_batch_norm(model, series) == 3
    for layer in _norms(model):
        steps = _layer_input_steps(model, layer, series)  # padding excluded
        np.testing.assert_allclose(layer.moving_mean, steps.mean(0), atol=1e-4)
        np.testing.assert_allclose(layer.moving_variance, steps.var(0), rtol=1e-3)
        assert layer.momentum == 0.9  # restored


def test_only_the_statistics_change():
    series = _series()
    model = build_dilated_conv_network(2, 3, filters=4, dilations=(1, 2))
    trainable = [w.numpy().copy() for w in model.trainable_weights]
    stats = [w.numpy().copy() for w in model.non_trainable_weights]
    recompute_batch_norm(model, series)
    for before, weight in zip(trainable, model.trainable_weights, strict=True):
        np.testing.assert_array_equal(before, weight.numpy())
    changed = [
        not np.allclose(before, weight.numpy())
        for before, weight in zip(stats, model.non_trainable_weights, strict=True)
    ]
    assert all(changed)


def test_a_network_without_batch_norm_is_left_alone():
    inputs = keras.Input((None, 2))
    model = keras.Model(inputs, keras.layers.GlobalAveragePooling1D()(inputs))
    assert recompute_batch_norm(model, _series()) == 0


def test_sample_takes_every_series_that_fits_else_a_seeded_subset():
    np.testing.assert_array_equal(batch_norm_sample([4, 9, 2], seed=0), [0, 1, 2])
    lengths = np.arange(1, 101)
    chosen = batch_norm_sample(lengths, seed=3, max_steps=1000)
    assert len(chosen) == 10  # 1000 padded steps hold 10 series of 100
    assert len(set(chosen.tolist())) == 10 and np.all(np.diff(chosen) > 0)
    np.testing.assert_array_equal(
        chosen, batch_norm_sample(lengths, seed=3, max_steps=1000)
    )
    assert not np.array_equal(
        chosen, batch_norm_sample(lengths, seed=4, max_steps=1000)
    )
    assert len(batch_norm_sample([50, 60], seed=0, max_steps=10)) == 1


def test_the_option_sets_whole_series_statistics_and_nothing_else():
    rng = np.random.default_rng(1)
    X = [rng.normal(size=(t, 2)) + i % 2 for i, t in enumerate(rng.integers(8, 30, 16))]
    y = np.array(["a", "b"] * 8)
    params = {"filters": 4, "dilations": (1, 2), "n_epochs": 2, "random_state": 0}
    plain = DilatedConvClassifier(**params).fit(X, y)
    whole = DilatedConvClassifier(**params, whole_series_batch_norm=True).fit(X, y)
    weights = plain.model_.trainable_weights, whole.model_.trainable_weights
    for a, b in zip(*weights, strict=True):
        np.testing.assert_array_equal(a.numpy(), b.numpy())
    first = _norms(whole.model_)[0]
    steps = _layer_input_steps(whole.model_, first, whole._scaled(X))
    np.testing.assert_allclose(first.moving_mean, steps.mean(0), atol=1e-4)
    assert not np.allclose(_norms(plain.model_)[0].moving_mean, steps.mean(0))
