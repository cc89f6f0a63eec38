"""The one training loop and the one prediction loop every estimator uses."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
import weakref

import keras
import numpy as np
from sklearn.model_selection import train_test_split
from sklearn.utils import check_random_state

from ._batching import LengthBatches, to_tf_dataset

__all__ = [
    "EpochTimer",
    "fit_network",
    "predict_network",
    "seed_from",
    "with_explicit_seeds",
]


def seed_from(random_state) -> int:
    """Draw an int seed from an int, ``RandomState`` or ``None``."""
    return int(check_random_state(random_state).randint(np.iinfo(np.int32).max))


def with_explicit_seeds(model: keras.Model, seed: int) -> keras.Model:
    """A new ``model`` of the same architecture whose randomness is all seeded.

    Keras gives every initialiser or layer created without a seed one drawn
    from Python's global ``random`` module. Other threads of the process draw
    from it too (a Dask worker's event loop does, every heartbeat), so
    ``keras.utils.set_random_seed`` just before building does not fix the
    initial weights there. The copy is rebuilt from the model's config with
    every missing ``seed`` drawn from ``seed``: same seed, same weights, in
    any process or thread.
    """
    rng = np.random.default_rng(seed)

    def seeded(config):
        if isinstance(config, list):
            return [seeded(item) for item in config]
        if not isinstance(config, dict):
            return config
        config = {key: seeded(value) for key, value in config.items()}
        if "seed" in config and config["seed"] is None:
            config["seed"] = int(rng.integers(1, np.iinfo(np.int32).max))
        return config

    return model.__class__.from_config(seeded(model.get_config()))


def make_optimizer(optimizer, learning_rate):
    """A fresh optimizer from a name or an optimizer instance (never reused).

    An instance passed as a hyper-parameter is only read, never trained with:
    Keras optimizers hold state tied to one model, so each fit gets a copy.
    """
    if isinstance(optimizer, keras.optimizers.Optimizer):
        config = optimizer.get_config()
        if learning_rate is not None:
            config["learning_rate"] = learning_rate
        return optimizer.__class__.from_config(config)
    config = {} if learning_rate is None else {"learning_rate": learning_rate}
    return keras.optimizers.get({"class_name": optimizer, "config": config})


class EpochTimer(keras.callbacks.Callback):
    """Record the wall-clock seconds of every epoch in ``seconds``."""

    def on_train_begin(self, logs=None):
        self.seconds = []

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._start)


def fit_network(
    model: keras.Model,
    series: list,
    targets,
    *,
    sample_weight=None,
    batching: str = "bucket",
    batch_size: int = 32,
    max_timesteps_per_batch=None,
    crop=None,
    n_epochs: int = 100,
    validation_split: float = 0.0,
    stratify=None,
    early_stopping_patience=None,
    reduce_lr_patience=None,
    callbacks=None,
    verbose: int = 0,
    seed: int = 0,
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
    sample_weight : numpy.ndarray or None
        One weight per series.
    batching, batch_size, max_timesteps_per_batch
        How series become batches, see :func:`~sktime_varlstm._batching.plan_batches`.
    crop : float or None
        Train on random windows of at least this fraction of each series
        (see :class:`~sktime_varlstm._batching.LengthBatches`); the
        validation series are shown whole.
    n_epochs : int
        Largest number of passes over the training series.
    validation_split : float
        Fraction of the training series held out to monitor ``val_loss``
        (stratified by ``stratify`` when given). ``0`` monitors ``loss``.
    early_stopping_patience : int or None
        Stop after this many epochs without improvement of the monitored
        loss and restore the best weights.
    reduce_lr_patience : int or None
        Halve the learning rate after this many epochs without improvement.
    callbacks : list of keras.callbacks.Callback or None
        Extra callbacks.
    verbose : int
        Keras' verbosity: 0 silent, 1 progress bar, 2 one line per epoch.
    seed : int
        Seed of the batch order and of the validation split.

    Returns
    -------
    history : dict
        Keras' ``History.history``.
    epoch_seconds : list of float
        Wall-clock duration of each epoch.
    """
    train_idx, val_idx = _split(len(series), validation_split, stratify, seed)
    subset = _subset_function(series, targets, sample_weight)
    train = LengthBatches(
        *subset(train_idx),
        batching=batching,
        batch_size=batch_size,
        max_timesteps_per_batch=max_timesteps_per_batch,
        seed=seed,
        crop=crop,
    )
    n_replicas = model.distribute_strategy.num_replicas_in_sync
    validation = None
    if len(val_idx):
        validation = _for_replicas(
            to_tf_dataset(
                LengthBatches(
                    *subset(val_idx), batching="bucket", batch_size=batch_size
                )
            ),
            n_replicas,
        )
    monitor = "val_loss" if validation is not None else "loss"
    timer = EpochTimer()
    all_callbacks = [timer, *(callbacks or [])]
    if early_stopping_patience:
        all_callbacks.append(
            keras.callbacks.EarlyStopping(
                monitor=monitor,
                patience=early_stopping_patience,
                restore_best_weights=True,
            )
        )
    if reduce_lr_patience:
        all_callbacks.append(
            keras.callbacks.ReduceLROnPlateau(
                monitor=monitor, factor=0.5, patience=reduce_lr_patience, min_lr=1e-5
            )
        )
    with releasing_traced_gradients(model), hidden_retracing_warnings(not verbose):
        history = model.fit(
            _for_replicas(to_tf_dataset(train), n_replicas),
            validation_data=validation,
            epochs=n_epochs,
            callbacks=all_callbacks,
            verbose=verbose,
            shuffle=False,  # LengthBatches shuffles; tf.data must not
        )
    return history.history, timer.seconds


@contextlib.contextmanager
def releasing_traced_gradients(model):
    """Drop the gradient functions that tracing ``model``'s train step registers.

    In graph mode ``tf.custom_gradient`` registers every gradient function in
    TensorFlow's process-wide gradient registry, under a new name, for good.
    Keras' optimizer goes through it (the all-reduce of the gradients) each
    time a train step is traced, and the registered function holds tensors of
    the traced step, so the whole graph stays: an LSTM's loop bodies and
    their gradients, some 20 MB per fit of a tiny network (TF 2.21, Keras
    3.15). The gradients are built while tracing, so after ``fit`` no one
    looks those entries up again. Only entries whose graph uses ``model``'s
    variables are removed: a fit traced meanwhile in another thread keeps
    its own.
    """
    from tensorflow.python.framework import ops

    registry = getattr(getattr(ops, "gradient_registry", None), "_registry", None)
    if not isinstance(registry, dict):  # another TensorFlow: leave it be
        yield
        return
    before = set(registry)
    try:
        yield
    finally:
        ours = {id(v) for v in _tf_variables(model)}
        for name in set(registry) - before:
            if _graph_variable_ids(registry[name]) & ours:
                registry.pop(name, None)


def _tf_variables(model):
    """The TensorFlow variables behind ``model``'s and its optimizer's."""
    variables = list(model.variables)
    if getattr(model, "optimizer", None) is not None:
        variables += list(model.optimizer.variables)
    for variable in variables:
        value = getattr(variable, "value", variable)
        yield value
        yield from getattr(value, "values", ())  # one per replica if mirrored


def _graph_variable_ids(entry) -> set:
    """Ids of the variables of the graph a registered gradient function holds."""
    function = entry.get("type") if isinstance(entry, dict) else None
    for tensor in _closure_tensors(function):
        return {id(v) for v in getattr(tensor.graph, "variables", ())}
    return set()


def _closure_tensors(function, depth=3):
    """Tensors found in ``function``'s closure, and in the closures it holds."""
    for cell in getattr(function, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if hasattr(item, "graph") and hasattr(item, "op"):
                yield item
            elif callable(item) and depth > 1:
                yield from _closure_tensors(item, depth - 1)


class _RetracingFilter(logging.Filter):
    """Drops TensorFlow's "N out of the last M calls ... retracing" warning."""

    def filter(self, record):
        return "triggered tf.function retracing" not in record.getMessage()


_RETRACING_FILTER = _RetracingFilter()
_hiding_lock = threading.Lock()
_hiding_depth = 0


@contextlib.contextmanager
def hidden_retracing_warnings(hide: bool = True):
    """Keep TensorFlow's retracing warning quiet inside the block.

    Every fit builds a new network, so its train step and forward pass are
    traced anew: TensorFlow counts that as retracing the same Python function
    and warns after a few fits, which no user of the estimators can act on.
    """
    global _hiding_depth
    if not hide:
        yield
        return
    logger = logging.getLogger("tensorflow")
    with _hiding_lock:
        _hiding_depth += 1
        logger.addFilter(_RETRACING_FILTER)
    try:
        yield
    finally:
        with _hiding_lock:
            _hiding_depth -= 1
            if not _hiding_depth:
                logger.removeFilter(_RETRACING_FILTER)


def _for_replicas(dataset, n_replicas):
    """Batches that a ``tf.distribute`` strategy can split over ``n_replicas``.

    Keras splits every batch over the replicas and, before training, averages
    the first split batch across them to build its state (Keras 3.15,
    ``_maybe_symbolic_build``). That fails on the boolean mask and on replicas
    holding different numbers of series, as the short last batches of length
    buckets do. So each batch is topped up to a multiple of ``n_replicas``
    with repeated series of weight zero (they add nothing to the loss; unweighted
    metrics in the history count them), and the mask travels as ``0.0``/``1.0``
    (the model casts it back to bool).
    """
    if n_replicas == 1:
        return dataset
    import tensorflow as tf

    def split_evenly(inputs, targets, weights):
        n_series = tf.shape(weights)[0]
        n_rows = -(-n_series // n_replicas) * n_replicas
        rows = tf.range(n_rows) % n_series
        real = tf.cast(tf.range(n_rows) < n_series, weights.dtype)
        real = tf.reshape(real, [-1] + [1] * (weights.shape.rank - 1))
        inputs = {
            "values": tf.gather(inputs["values"], rows),
            "mask": tf.cast(tf.gather(inputs["mask"], rows), tf.float32),
        }
        return inputs, tf.gather(targets, rows), tf.gather(weights, rows) * real

    return dataset.map(split_evenly)


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
    model: keras.Model, series: list, *, batch_size: int = 64, per_step=False
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
    """
    batches = LengthBatches(series, batching="bucket", batch_size=batch_size)
    forward = _traced_forward(model, batches.output_signature())
    results = [None] * len(series)
    with hidden_retracing_warnings():
        for i in range(len(batches)):
            inputs = batches[i]
            outputs = keras.ops.convert_to_numpy(forward(inputs))
            for row, index in enumerate(batches.batches[i]):
                result = outputs[row]
                results[index] = result[: len(series[index])] if per_step else result
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
