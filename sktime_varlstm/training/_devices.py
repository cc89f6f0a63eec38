"""One fit on several devices: the estimators' ``distribution_strategy``.

:func:`resolve_distribution_strategy` turns the parameter into a
``tf.distribute.Strategy``; :func:`for_replicas` makes batches that the
strategy can split over its replicas.
"""

from __future__ import annotations

import functools

__all__ = ["for_replicas", "resolve_distribution_strategy", "undistributed"]


def resolve_distribution_strategy(strategy):
    """The ``tf.distribute.Strategy`` that an estimator's parameter names.

    Parameters
    ----------
    strategy : str, tf.distribute.Strategy or None
        A value the estimators' parameter constraints allow (checked in
        ``fit``). ``None``: train on the default device, no strategy. ``"mirrored"``: a
        ``MirroredStrategy`` over every GPU, or over every logical CPU device
        when there is no GPU (one replica per device, gradients averaged);
        the same object for every fit of the process, because two of them
        over the same devices number their collective operations alike, and
        a second network of other shapes then fails ("Shape mismatch in the
        collective instance"). A strategy object is returned as it is.

    Returns
    -------
    tf.distribute.Strategy or None

    Examples
    --------
    >>> resolve_distribution_strategy(None) is None
    True
    >>> resolve_distribution_strategy("mirrored").num_replicas_in_sync >= 1
    True
    """
    if strategy is None:
        return None
    import tensorflow as tf

    if isinstance(strategy, tf.distribute.Strategy):
        return strategy
    devices = tf.config.list_logical_devices("GPU")
    devices = devices or tf.config.list_logical_devices("CPU")
    return _mirrored_strategy(tuple(device.name for device in devices))


@functools.cache
def _mirrored_strategy(device_names):
    import tensorflow as tf

    return tf.distribute.MirroredStrategy(list(device_names))


def for_replicas(dataset, n_replicas):
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


def undistributed(model) -> bool:
    """Whether ``model`` lives outside any distribution strategy."""
    import tensorflow as tf

    return not tf.distribute.has_strategy() and (
        model.distribute_strategy is tf.distribute.get_strategy()
    )
