"""Batch normalization statistics of whole series, set after training.

During training, batch normalization scales every batch by that batch's own
mean and variance and keeps moving averages of them for prediction. With
small batches of random windows, those averages describe windows of a few
series, not the whole series that ``predict`` sees. :func:`recompute_batch_norm`
replaces them, after training, by the statistics of the whole training
series, layer after layer (what later layers see depends on the earlier
layers' new statistics), in one forward pass.
"""

from __future__ import annotations

import keras
import numpy as np

from ._batching import pad_series

__all__ = ["batch_norm_sample", "recompute_batch_norm"]

#: Padded time steps of the one batch the statistics are computed on.
MAX_STEPS = 2**18


def batch_norm_sample(lengths, seed, max_steps=MAX_STEPS) -> np.ndarray:
    """Indices of the series whose statistics are taken: all, if they fit.

    The batch is padded to its longest series, so it holds at most
    ``max_steps // longest`` series; beyond that, a seeded random choice
    of that many (at least one), in their original order.

    Examples
    --------
    >>> batch_norm_sample([3, 5, 4], seed=0).tolist()
    [0, 1, 2]
    >>> len(batch_norm_sample([10] * 8, seed=0, max_steps=30))
    3
    """
    lengths = np.asarray(lengths)
    fits = max(1, int(max_steps // lengths.max()))
    if fits >= len(lengths):
        return np.arange(len(lengths))
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(len(lengths), size=fits, replace=False))


def recompute_batch_norm(model: keras.Model, series, *, seed=0) -> int:
    """Set every batch normalization's moving statistics from ``series``.

    One forward pass in training mode over a single batch of (a seeded
    sample of at most :data:`MAX_STEPS` padded steps of) ``series``, whole,
    with every ``BatchNormalization``'s momentum set to 0: each layer
    normalizes with the batch's statistics over the real steps and stores
    them, so the layers after it see exactly what prediction will give
    them. Weights are not changed; dropout draws do not matter (no
    statistics follow them). Returns the number of layers updated.

    Examples
    --------
    >>> import numpy as np
    >>> from sktime_varlstm.networks import build_dilated_conv_network
    >>> model = build_dilated_conv_network(1, 2, filters=2, dilations=(1,))
    >>> recompute_batch_norm(model, [np.full((5, 1), 3.0), np.full((4, 1), 5.0)])
    1
    """
    norms = [
        layer
        for layer in model._flatten_layers()
        if isinstance(layer, keras.layers.BatchNormalization)
    ]
    if not norms:
        return 0
    chosen = batch_norm_sample([len(s) for s in series], seed)
    values, mask = pad_series([series[i] for i in chosen])
    momenta = [layer.momentum for layer in norms]
    try:
        for layer in norms:
            layer.momentum = 0.0
        model({"values": values, "mask": mask}, training=True)
    finally:
        for layer, momentum in zip(norms, momenta, strict=True):
            layer.momentum = momentum
    return len(norms)
