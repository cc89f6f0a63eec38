"""Classifier-specific behaviour: LSTMClassifier, LSTM-FCN, the dilated network.

Learning an easy task above chance, masking with every network variant, the
default architectures, class weights, validation and early stopping, seeds
under every batching strategy and random crops. What every estimator shares
(errors, round trips, containers, verbosity, seeds) is in the topic files;
ConvLSTMClassifier's clips are in ``test_clips.py``.
"""

import numpy as np
import pytest
from conftest import make_unequal_panel

from sktime_varlstm import DilatedConvClassifier, LSTMClassifier, LSTMFCNClassifier
from sktime_varlstm.training import predict_network

FCN = {"filters": (4, 4), "kernel_sizes": (3, 5)}
NETWORK_VARIANTS = {
    "lstm": (LSTMClassifier, {}),
    "lstm_fcn": (LSTMFCNClassifier, FCN),
    # max pooling sees the zeroed padded steps: they must never win
    "lstm_fcn, no norm, max pooling": (
        LSTMFCNClassifier,
        {**FCN, "normalization": "none", "pooling": ("average", "max")},
    ),
}


@pytest.mark.parametrize("variant", NETWORK_VARIANTS)
def test_batched_prediction_equals_one_series_at_a_time(panel, tiny_params, variant):
    X, y = panel
    estimator, params = NETWORK_VARIANTS[variant]
    clf = estimator(**tiny_params, **params).fit(X, y)
    together = clf.predict_proba(X)
    alone = np.concatenate([clf.predict_proba([s]) for s in X])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    # and in one big padded batch: padding never changes the result
    padded = predict_network(clf.model_, X, batch_size=len(X))
    np.testing.assert_allclose(padded, alone, atol=1e-5)


@pytest.mark.parametrize("batching", ["per_sample", "bucket", "pad"])
def test_every_batching_strategy_learns_an_easy_task(batching):
    X, y = make_unequal_panel(n_series=40)
    clf = LSTMClassifier(
        units=(8,),
        dense_units=(),
        n_epochs=15 if batching == "per_sample" else 40,
        batch_size=8,
        batching=batching,
        learning_rate=0.01,
        random_state=1,
    ).fit(X, y)
    X_test, y_test = make_unequal_panel(n_series=20, seed=7)
    assert clf.score(X_test, y_test) >= 0.85
    assert clf.n_epochs_ == len(clf.history_["loss"]) == len(clf.epoch_seconds_)


# small networks that learn slow vs fast sines in a few epochs (chance: 0.5)
LEARNERS = {
    "LSTMFCNClassifier": LSTMFCNClassifier(
        units=(4,), filters=(4, 4), kernel_sizes=(3, 5), n_epochs=5, batch_size=8,
        learning_rate=0.05, random_state=0,
    ),
    "DilatedConvClassifier": DilatedConvClassifier(
        filters=4, dilations=(1, 2), n_epochs=5, batch_size=8, random_state=0
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", LEARNERS)
def test_convolutional_classifiers_learn_an_easy_task(name):
    X, y = make_unequal_panel()
    clf = LEARNERS[name].clone().fit(X, y)
    X_test, y_test = make_unequal_panel(n_series=20, seed=7)
    assert clf.score(X_test, y_test) >= 0.85


def test_validation_split_and_early_stopping(panel, tiny_params):
    X, y = panel
    clf = LSTMClassifier(
        **dict(tiny_params, n_epochs=30, learning_rate=0.0),
        validation_split=0.25,
        early_stopping_patience=2,
    ).fit(X, y)
    assert "val_loss" in clf.history_
    assert clf.n_epochs_ == 3  # no improvement at rate 0: stop after patience


def test_class_weight_changes_training(panel, tiny_params):
    X, y = panel
    plain = LSTMClassifier(**tiny_params).fit(X, y)
    weighted = LSTMClassifier(**tiny_params, class_weight={"slow": 5.0, "fast": 1.0})
    weighted.fit(X, y)
    assert not np.allclose(plain.predict_proba(X), weighted.predict_proba(X))


def test_optimizer_instance_is_copied_not_trained(panel, tiny_params):
    import keras

    X, y = panel
    optimizer = keras.optimizers.SGD(learning_rate=0.05)
    clf = LSTMClassifier(**tiny_params, optimizer=optimizer, learning_rate=None)
    clf.fit(X, y).fit(X, y)  # a second fit must not reuse a built optimizer
    assert clf.optimizer is optimizer
    assert not optimizer.built
    assert clf.model_.optimizer.learning_rate.numpy() == pytest.approx(0.05)


def test_article_network_is_the_default(panel):
    X, y = panel
    clf = LSTMClassifier(n_epochs=1, random_state=0).fit(X, y)
    layers = clf.model_.layers
    lstm_units = [x.units for x in layers if x.__class__.__name__ == "LSTM"]
    dense = [x for x in layers if x.__class__.__name__ == "Dense"]
    assert lstm_units == [32, 64, 32]
    assert [d.units for d in dense] == [100, 2]
    assert dense[-1].activation.__name__ == "softmax"
    assert float(dense[-1].kernel_regularizer.l2) == pytest.approx(0.01)
    assert tuple(clf.model_.input["values"].shape) == (None, None, 2)


@pytest.mark.parametrize("dense_units, widths", [(None, [2]), ((6, 5), [6, 5, 2])])
def test_lstm_fcn_dense_head(panel, tiny_params, dense_units, widths):
    X, y = panel
    params = dict(tiny_params, filters=(3,), kernel_sizes=(3,))
    if dense_units is None:  # the default: no dense layer before the output
        del params["dense_units"]
    else:
        params["dense_units"] = dense_units
    clf = LSTMFCNClassifier(**params).fit(X, y)
    dense = [x for x in clf.model_.layers if x.__class__.__name__ == "Dense"]
    assert [d.units for d in dense] == widths


@pytest.mark.parametrize("batching", ["per_sample", "bucket", "pad"])
def test_same_random_state_with_every_batching(panel, tiny_params, batching):
    X, y = panel
    params = dict(tiny_params, batching=batching, validation_split=0.25)
    first = LSTMClassifier(**params).fit(X, y).predict_proba(X)
    second = LSTMClassifier(**params).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(first, second)


@pytest.mark.parametrize("estimator", [LSTMClassifier, LSTMFCNClassifier])
def test_random_crop_is_reproducible_and_changes_training(
    panel, tiny_params, estimator
):
    X, y = panel
    params = dict(tiny_params, random_crop=0.6)
    if estimator is LSTMFCNClassifier:
        params.update(filters=(4,), kernel_sizes=(3,))
    first = estimator(**params).fit(X, y).predict_proba(X)
    second = estimator(**params).fit(X, y).predict_proba(X)
    np.testing.assert_array_equal(first, second)
    params["random_crop"] = None
    whole = estimator(**params).fit(X, y).predict_proba(X)
    assert not np.allclose(first, whole)
