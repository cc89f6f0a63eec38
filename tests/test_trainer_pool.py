"""The trainer pool: traced train steps reused, the same numbers as without."""

import threading

import keras
import numpy as np
import pytest
from conftest import TINY, make_unequal_panel

from sktime_varlstm import LSTMClassifier, set_trainer_pool_size
from sktime_varlstm.networks import build_lstm_network
from sktime_varlstm.training import (
    TrainerPool,
    TrainingConfig,
    architecture_key,
    fit_network,
    make_optimizer,
    predict_network,
    with_explicit_seeds,
)
from sktime_varlstm.training._trainer_pool import TRAINERS


def compiled(seed=0, units=(4,), learning_rate=0.01, dropout=0.2, dense_units=(3,)):
    network = build_lstm_network(
        2, 2, units=units, dense_units=dense_units, dropout=dropout
    )
    model = with_explicit_seeds(network, seed)
    model.compile(
        optimizer=make_optimizer("adam", learning_rate),
        loss="categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


@pytest.fixture(scope="module")
def data():
    X, y = make_unequal_panel(n_series=16)
    return X, (y[:, None] == np.unique(y)[None, :]).astype("float32")


FIT = TrainingConfig(
    batch_size=4,
    n_epochs=3,
    validation_split=0.25,
    early_stopping_patience=2,
    reduce_lr_patience=1,
    crop=0.8,
    seed=5,
)


def variables(model):
    return [keras.ops.convert_to_numpy(v) for v in model.variables]


def optimizer_variables(model):
    return [keras.ops.convert_to_numpy(v) for v in model.optimizer.variables]


def test_one_key_per_architecture_whatever_the_names_and_seeds():
    first, second = compiled(seed=0), compiled(seed=1)
    names = [{layer.name for layer in model.layers} for model in (first, second)]
    assert names[0] != names[1]  # Keras numbers them
    assert architecture_key(first) == architecture_key(second)
    assert architecture_key(compiled(units=(5,))) != architecture_key(first)
    assert architecture_key(compiled(dense_units=())) != architecture_key(first)
    # the learning rate is optimizer state, copied into the trainer
    assert architecture_key(compiled(learning_rate=0.1)) == architecture_key(first)
    assert architecture_key(compiled(dropout=0.0)) != architecture_key(first)


def test_a_pooled_fit_gives_the_numbers_of_training_the_model_itself(data):
    X, targets = data
    pool = TrainerPool()
    results = {}
    for label, chosen_pool in [
        ("alone", None),
        ("new trainer", pool),
        ("reused", pool),
    ]:
        model = compiled(seed=3)
        history, _ = fit_network(model, X, targets, FIT, pool=chosen_pool)
        results[label] = (
            history,
            variables(model),
            optimizer_variables(model),
            predict_network(model, X, pool=chosen_pool),
        )
    assert len(pool) == 1
    alone = results["alone"]
    for label in ("new trainer", "reused"):
        history, weights, optimizer_state, predictions = results[label]
        assert history == alone[0], label
        for got, expected in zip(
            weights + optimizer_state, alone[1] + alone[2], strict=True
        ):
            np.testing.assert_array_equal(got, expected, err_msg=label)
        np.testing.assert_array_equal(predictions, alone[3], err_msg=label)


def test_the_second_fit_of_an_architecture_trains_the_pooled_trainer(data):
    X, targets = data
    pool = TrainerPool()
    fit_network(
        compiled(seed=0),
        X,
        targets,
        TrainingConfig(batch_size=4, n_epochs=1),
        pool=pool,
    )
    (trainer,) = pool._idle.values()
    train_function = trainer.model.train_function
    model = compiled(seed=1)
    fit_network(model, X, targets, TrainingConfig(batch_size=4, n_epochs=1), pool=pool)
    assert list(pool._idle.values()) == [trainer]
    assert trainer.model.train_function is train_function  # not traced again
    assert model.train_function is None  # the new model itself never trained
    # the trained weights are the model's own copy, not shared with the trainer
    trainer.model.variables[0].assign(np.zeros(trainer.model.variables[0].shape))
    assert np.abs(variables(model)[0]).sum() > 0


def test_a_trainer_made_for_another_learning_rate_trains_with_the_models(data):
    X, targets = data
    pool = TrainerPool()
    fit_network(
        compiled(learning_rate=0.5), X, targets, TrainingConfig(n_epochs=1), pool=pool
    )
    results = []
    for chosen_pool in (None, pool):
        model = compiled(learning_rate=0.01)
        fit_network(
            model,
            X,
            targets,
            TrainingConfig(batch_size=4, n_epochs=2),
            pool=chosen_pool,
        )
        results.append(variables(model) + optimizer_variables(model))
    assert len(pool) == 1
    for got, expected in zip(*results, strict=True):
        np.testing.assert_array_equal(got, expected)


def test_training_on_continues_from_the_models_optimizer_state(data):
    X, targets = data
    results = []
    for pool in (None, TrainerPool()):
        model = compiled(seed=2)
        fit_network(
            model, X, targets, TrainingConfig(batch_size=4, n_epochs=2), pool=pool
        )
        fit_network(
            model, X, targets, TrainingConfig(batch_size=4, n_epochs=2), pool=pool
        )
        results.append(variables(model) + optimizer_variables(model))
    iterations = int(results[0][len(variables(model))])
    assert iterations == 2 * 2 * 4  # 2 fits of 2 epochs of 4 batches
    for got, expected in zip(*results, strict=True):
        np.testing.assert_array_equal(got, expected)


def test_a_failed_fit_leaves_no_trainer_in_the_pool(data):
    X, targets = data
    pool = TrainerPool()
    wrong = targets[:, :1]  # one column for a two-unit output
    with pytest.raises(ValueError):
        fit_network(
            compiled(), X, wrong, TrainingConfig(batch_size=4, n_epochs=1), pool=pool
        )
    assert len(pool) == 0


def test_callbacks_see_the_model_they_train(data):
    X, targets = data

    class Seen(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            self.trained = self.model

    pool, seen, model = TrainerPool(), Seen(), compiled()
    fit_network(
        model, X, targets, TrainingConfig(n_epochs=1, callbacks=[seen]), pool=pool
    )
    assert seen.trained is model
    assert len(pool) == 0


def test_the_pool_keeps_at_most_max_size_architectures(data):
    X, targets = data
    pool = TrainerPool(max_size=2)
    for units in [(2,), (3,), (4,)]:
        model = compiled(units=units)
        fit_network(
            model, X, targets, TrainingConfig(batch_size=8, n_epochs=1), pool=pool
        )
    assert len(pool) == 2
    keys = list(pool._idle)
    assert keys == [architecture_key(compiled(units=u)) for u in [(3,), (4,)]]


def test_fits_in_threads_at_once_each_get_their_own_trainer():
    X, y = make_unequal_panel(n_series=16)
    expected = [
        LSTMClassifier(**{**TINY, "random_state": seed}).fit(X, y).predict_proba(X)
        for seed in range(4)
    ]
    results = [None] * 4

    def fit(seed):
        estimator = LSTMClassifier(**{**TINY, "random_state": seed})
        results[seed] = estimator.fit(X, y).predict_proba(X)

    threads = [threading.Thread(target=fit, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for got, wanted in zip(results, expected, strict=True):
        np.testing.assert_array_equal(got, wanted)


def test_the_pool_size_is_set_for_the_process_and_checked():
    X, y = make_unequal_panel(n_series=8)
    try:
        set_trainer_pool_size(0)
        assert len(TRAINERS) == 0
        LSTMClassifier(**{**TINY, "n_epochs": 1}).fit(X, y)
        assert len(TRAINERS) == 0  # nothing kept
        for bad in (-1, 1.5, True, "8"):
            with pytest.raises(ValueError, match="max_size"):
                set_trainer_pool_size(bad)
    finally:
        set_trainer_pool_size(8)
