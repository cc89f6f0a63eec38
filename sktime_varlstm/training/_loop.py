"""The one training loop and the one prediction loop every estimator uses."""

from __future__ import annotations

import time
import weakref

import keras
import numpy as np
from sklearn.model_selection import train_test_split

from ._config import TrainingConfig
from ._dataset import LengthBatches, to_tf_dataset
from ._devices import for_replicas, undistributed
from ._graph_memory import (
    bound_kernel_cache,
    hidden_retracing_warnings,
    releasing_traced_gradients,
)
from ._internals import build_training_state
from ._schedule import WarmupCosineLearningRate
from ._trainer_pool import TRAINERS, TrainerPool

__all__ = [
    "EpochTimer",
    "fit_network",
    "predict_network",
    "steady_epoch_seconds",
]

_NO_POOL = TrainerPool(max_size=0)  # lends every model to itself


class EpochTimer(keras.callbacks.Callback):
    """Record the wall-clock seconds of every epoch in ``seconds``."""

    def on_train_begin(self, logs=None):
        self.seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._start)


def steady_epoch_seconds(epoch_seconds) -> float:
    """Median seconds of the epochs after the first (the first traces graphs).

    ``nan`` when no epoch times were recorded (sktime's peer records none).
    """
    if epoch_seconds is None or len(epoch_seconds) == 0:
        return float("nan")
    epoch_seconds = np.asarray(epoch_seconds)
    later = epoch_seconds[1:] if len(epoch_seconds) > 1 else epoch_seconds
    return float(np.median(later))


def fit_network(
    model: keras.Model,
    series: list,
    targets,
    config: TrainingConfig | None = None,
    *,
    sample_weight=None,
    stratify=None,
    pool=TRAINERS,
):
    """Train a compiled ``model`` on unequal-length ``series``.

    Parameters
    ----------
    model : keras.Model
        Compiled model with ``values`` and ``mask`` inputs.
    series : list of numpy.ndarray
        Training series, ``(T_i, *step_shape)`` each.
    targets : numpy.ndarray or list of numpy.ndarray
        One row per series, or one ``(T_i, ...)`` array per series.
    config : TrainingConfig or None
        How to train; ``None``: :class:`TrainingConfig`'s defaults.
    sample_weight : numpy.ndarray or None
        One weight per series.
    stratify : numpy.ndarray or None
        Labels to stratify the validation split by.
    pool : TrainerPool or None
        Trainers of ``model``'s architecture, train step traced: one trains
        from ``model``'s state and the result is copied into ``model``.
        The default is the process's pool (:func:`trainer_pool`); ``None``
        trains ``model`` itself. Not with ``callbacks`` (they get the model
        they train) or a distribution strategy.

    Returns
    -------
    history : dict
        Keras' ``History.history``.
    epoch_seconds : list of float
        Wall-clock duration of each epoch.
    """
    c = config if config is not None else TrainingConfig()
    train_idx, val_idx = _split(len(series), c.validation_split, stratify, c.seed)
    subset = _subset_function(series, targets, sample_weight)
    train = LengthBatches(
        *subset(train_idx),
        batching=c.batching,
        batch_size=c.batch_size,
        max_timesteps_per_batch=c.max_timesteps_per_batch,
        seed=c.seed,
        crop=c.crop,
    )
    n_replicas = model.distribute_strategy.num_replicas_in_sync
    validation = None
    if len(val_idx):
        validation = for_replicas(
            to_tf_dataset(
                LengthBatches(
                    *subset(val_idx), batching="bucket", batch_size=c.batch_size
                )
            ),
            n_replicas,
        )
    monitor = "val_loss" if validation is not None else "loss"
    timer = EpochTimer()
    all_callbacks = [timer, *(c.callbacks or [])]
    if c.early_stopping_patience:
        all_callbacks.append(
            keras.callbacks.EarlyStopping(
                monitor=monitor,
                patience=c.early_stopping_patience,
                restore_best_weights=True,
            )
        )
    if c.learning_rate_schedule == "warmup_cosine":
        # convert_to_numpy: float() of a variable needs keras >= 3.5
        rate = keras.ops.convert_to_numpy(model.optimizer.learning_rate)
        peak = c.learning_rate or float(rate)
        all_callbacks.append(WarmupCosineLearningRate(peak, c.n_epochs))
    if c.reduce_lr_patience:
        all_callbacks.append(
            keras.callbacks.ReduceLROnPlateau(
                monitor=monitor, factor=0.5, patience=c.reduce_lr_patience, min_lr=1e-5
            )
        )
    lender = pool if pool is not None and not c.callbacks else _NO_POOL
    with lender.lend(model, training=True) as trained:
        build_training_state(trained, train[0])
        with (
            releasing_traced_gradients(trained),
            hidden_retracing_warnings(not c.verbose),
        ):
            endless = undistributed(trained)  # a strategy's run: as before
            history = trained.fit(
                for_replicas(to_tf_dataset(train, repeat=endless), n_replicas),
                steps_per_epoch=len(train) if endless else None,
                validation_data=validation,
                epochs=c.n_epochs,
                callbacks=all_callbacks,
                verbose=c.verbose,
                shuffle=False,  # LengthBatches shuffles; tf.data must not
            )
    bound_kernel_cache()
    return history.history, timer.seconds


def _split(n_series, validation_split, stratify, seed):
    everything = np.arange(n_series)
    if not validation_split:
        return everything, everything[:0]
    n_val = int(round(validation_split * n_series))
    if n_val < 1 or n_val >= n_series:
        raise ValueError(
            f"validation_split={validation_split} leaves no series for training "
            f"or validation out of {n_series}."
        )
    try:
        return train_test_split(
            everything, test_size=n_val, random_state=seed, stratify=stratify
        )
    except ValueError:  # too few series of some class to stratify
        return train_test_split(everything, test_size=n_val, random_state=seed)


def _subset_function(series, targets, sample_weight):
    def subset(idx):
        if isinstance(targets, np.ndarray):
            chosen_targets = targets[idx]
        else:
            chosen_targets = [targets[i] for i in idx]
        weights = None if sample_weight is None else sample_weight[idx]
        return [series[i] for i in idx], chosen_targets, weights

    return subset


_PREDICT_FUNCTIONS = weakref.WeakKeyDictionary()


def predict_network(
    model: keras.Model,
    series: list,
    *,
    batch_size: int = 64,
    per_step=False,
    pool=TRAINERS,
):
    """Run ``model`` on every series, batched by length, in the input order.

    Parameters
    ----------
    model : keras.Model
        Model with ``values`` and ``mask`` inputs.
    series : list of numpy.ndarray
        Series to predict, any lengths.
    batch_size : int
        Largest number of series per batch.
    per_step : bool
        ``False``: the model returns one row per series, and the result is an
        array ``(n_series, ...)``. ``True``: it returns one row per time step,
        and the result is a list with one ``(T_i, ...)`` array per series,
        padded steps dropped.
    pool : TrainerPool or None
        Where a trainer of ``model``'s architecture, its forward pass already
        traced, may be found: it is given ``model``'s weights and runs in its
        place. ``None`` (or a distribution strategy) runs ``model`` itself.
    """
    batches = LengthBatches(series, batching="bucket", batch_size=batch_size)
    results = [None] * len(series)
    lender = pool if pool is not None else _NO_POOL
    with lender.lend(model, training=False) as runner:
        forward = _traced_forward(runner, batches.output_signature())
        with hidden_retracing_warnings():
            for i in range(len(batches)):
                outputs = keras.ops.convert_to_numpy(forward(batches[i]))
                for row, index in enumerate(batches.batches[i]):
                    result = outputs[row]
                    results[index] = (
                        result[: len(series[index])] if per_step else result
                    )
    return results if per_step else np.stack(results)


def _traced_forward(model, signature):
    """One ``tf.function`` per model, traced once for every batch shape.

    The function reaches the model through a weak reference: a strong one
    would keep the model, its key in the weak dictionary, alive for ever.
    """
    import tensorflow as tf

    forward = _PREDICT_FUNCTIONS.get(model)
    if forward is None:
        weak_model = weakref.ref(model)
        # autograph=False: the Keras call needs no conversion, and autograph
        # cannot read a lambda's source (it would print a warning).
        forward = tf.function(
            lambda inputs: weak_model()(inputs, training=False),
            input_signature=[signature],
            autograph=False,
        )
        _PREDICT_FUNCTIONS[model] = forward
    return forward
