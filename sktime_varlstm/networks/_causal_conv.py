"""Causal dilated convolutions that classify every prefix, and their stream.

:func:`build_per_step_dilated_conv_network` gives class probabilities after
every step from causal dilated convolutions and running (cumulative)
poolings over the real steps read so far. :func:`conv_stream` runs the
trained network's own layers on a piece of each series, from what the steps
before left: each block's last input steps (its receptive field's tail) and
the running sums, counts and maxima. No step is read twice.
"""

from __future__ import annotations

import keras
import tensorflow as tf
from keras import layers

from ._layers import ZeroPaddedSteps, output_layer, sequence_inputs

__all__ = ["RunningPooling", "build_per_step_dilated_conv_network", "conv_stream"]


def _cumulative_max(x):
    """Maximum over steps ``0 .. t`` at every ``t`` of ``(batch, T, F)`` values >= 0.

    ``ceil(log2 T)`` maxima with shifted copies (zeros shifted in), so a long
    series costs a few vectorised operations, not a loop over its steps.
    """
    steps = tf.shape(x)[1]

    def body(shift, y):
        shifted = tf.pad(y, [[0, 0], [shift, 0], [0, 0]])[:, :steps]
        return shift * 2, tf.maximum(y, shifted)

    _, result = tf.while_loop(lambda shift, y: shift < steps, body, [1, x])
    return result


def running_pools(hidden, mask, total, count, peak):
    """Running mean and max of ``hidden`` over real steps, from earlier totals.

    ``hidden`` ``(batch, t, F)`` is >= 0 (after a ReLU) and ``mask``
    ``(batch, t)`` marks real steps. ``total``, ``count`` and ``peak`` are
    the sums, numbers and maxima of the steps before (zeros at the start).
    Returns the pooled rows ``(batch, t, 2F + 1)`` (the means, the maxima
    and ``log(1 + steps read)``) and the totals after the piece (padded
    steps add nothing).
    """
    weights = tf.cast(mask, hidden.dtype)[..., None]
    masked = hidden * weights
    sums = total[:, None] + tf.cumsum(masked, axis=1)
    counts = count[:, None] + tf.cumsum(weights, axis=1)
    peaks = tf.maximum(peak[:, None], _cumulative_max(masked))
    # log(1 + steps read): lets the head be less sure of a short prefix
    pooled = tf.concat(
        [sums / tf.maximum(counts, 1.0), peaks, tf.math.log1p(counts)], axis=-1
    )
    return pooled, sums[:, -1], counts[:, -1], peaks[:, -1]


@keras.saving.register_keras_serializable("sktime_varlstm")
class RunningPooling(layers.Layer):
    """Mean and max of every step's features over the real steps up to it.

    Inputs ``[hidden, mask]``: ``(batch, T, F)`` values >= 0 and the real
    steps. Output ``(batch, T, 2F + 1)``: row ``t`` pools steps ``0 .. t``
    (the means, the maxima, and ``log(1 + t)`` so a head can tell a short
    prefix from a long one).
    """

    def call(self, inputs):
        hidden, mask = inputs
        zeros = tf.zeros_like(hidden[:, 0])
        pooled, *_ = running_pools(hidden, mask, zeros, zeros[:, :1], zeros)
        return pooled

    def compute_mask(self, inputs, mask=None):
        return None

    def compute_output_shape(self, input_shape):
        batch, steps, features = input_shape[0]
        return (batch, steps, 2 * features + 1)


def build_per_step_dilated_conv_network(
    n_channels: int,
    n_classes: int,
    *,
    filters: int = 32,
    kernel_size: int = 7,
    dilations=(1, 2, 4, 8, 16, 32),
    dropout: float = 0.2,
    l2: float = 0.0,
    batch_norm_momentum: float = 0.9,
) -> keras.Model:
    """Causal dilated convolutions with a class-probability row after every step.

    The blocks of :func:`build_dilated_conv_network` made causal: one per
    entry of ``dilations``, ``Conv1D(filters, kernel_size, dilation_rate=d,
    padding="causal")`` -> batch normalization over the real steps -> (plus
    the block's input, from the second block on) -> ReLU. Every block's
    output is pooled as the series goes: the mean and the max over the real
    steps read so far, and ``log(1 + steps read)`` (:class:`RunningPooling`).
    The pooled rows of all
    blocks, concatenated, go through dropout and the output layer at every
    step, so row ``t`` depends on steps ``0 .. t`` only and padding never
    changes a real step's row.

    Examples
    --------
    >>> model = build_per_step_dilated_conv_network(2, 3, filters=4, dilations=(1, 2))
    >>> tuple(model.output.shape)
    (None, None, 3)
    """
    values, mask = sequence_inputs((n_channels,))
    hidden, pooled = values, []
    for block, rate in enumerate(dilations):
        conv = layers.Conv1D(
            filters,
            kernel_size,
            padding="causal",
            dilation_rate=rate,
            use_bias=False,
            name=f"block{block}_conv",
        )(hidden)
        conv = layers.BatchNormalization(
            momentum=batch_norm_momentum, name=f"block{block}_norm"
        )(conv, mask=mask)
        if block:
            conv = layers.Add()([conv, hidden])
        conv = layers.Activation("relu", name=f"block{block}_relu")(conv)
        hidden = ZeroPaddedSteps()([conv, mask])
        pooled.append(RunningPooling(name=f"block{block}_pooling")([hidden, mask]))
    features = layers.Concatenate()(pooled) if len(pooled) > 1 else pooled[0]
    if dropout:
        features = layers.Dropout(dropout)(features)
    outputs = output_layer(n_classes, "softmax", l2)(features)
    return keras.Model(
        {"values": values, "mask": mask}, outputs, name="per_step_dilated_conv"
    )


def conv_stream(model: keras.Model):
    """``(forward, state_shapes)``: ``model`` reading pieces of series.

    ``forward`` takes ``values`` and ``mask`` of the new steps and, per block
    ``i``, ``tail_i`` (the block's last ``(kernel_size - 1) * dilation``
    input steps before the piece, zeros at the start, as the causal padding),
    ``sum_i``, ``count_i`` and ``max_i`` (the running pools' totals). It
    returns ``probabilities`` of the new steps and those states after the
    last real new step. It calls ``model``'s own trained layers (inference
    mode), so it gives the numbers of one pass over the whole series.
    ``state_shapes`` maps each state's name to its shape for one series.

    Examples
    --------
    >>> import numpy as np
    >>> model = build_per_step_dilated_conv_network(1, 2, filters=3, dilations=(1, 2))
    >>> forward, shapes = conv_stream(model)
    >>> x = np.random.default_rng(0).normal(size=(1, 9, 1)).astype("float32")
    >>> mask = np.ones((1, 9), bool)
    >>> whole = np.asarray(model({"values": x, "mask": mask}))
    >>> states = {name: np.zeros((1, *s), "float32") for name, s in shapes.items()}
    >>> pieces = []
    >>> for start, end in [(0, 2), (2, 3), (3, 9)]:
    ...     piece = {"values": x[:, start:end], "mask": mask[:, start:end]}
    ...     out = forward({**piece, **states})
    ...     states = {name: np.asarray(out[name]) for name in states}
    ...     pieces.append(np.asarray(out["probabilities"]))
    >>> bool(np.allclose(np.concatenate(pieces, axis=1), whole, atol=1e-5))
    True
    """
    blocks = []
    for layer in model.layers:
        if layer.name.endswith("_conv") and isinstance(layer, layers.Conv1D):
            block = layer.name.removesuffix("_conv")
            blocks.append((layer, model.get_layer(f"{block}_norm")))
    head = model.get_layer("output")
    n_channels = model.input["values"].shape[-1]
    shapes = {}
    widths = [n_channels] + [conv.filters for conv, _ in blocks[:-1]]
    for i, ((conv, _), width) in enumerate(zip(blocks, widths, strict=True)):
        reach = (conv.kernel_size[0] - 1) * conv.dilation_rate[0]
        shapes[f"tail_{i}"] = (reach, width)
        shapes[f"sum_{i}"] = (conv.filters,)
        shapes[f"count_{i}"] = (1,)
        shapes[f"max_{i}"] = (conv.filters,)

    def forward(inputs):
        mask = inputs["mask"]
        lengths = tf.reduce_sum(tf.cast(mask, tf.int32), axis=1)
        hidden, pooled, outputs = inputs["values"], [], {}
        for i, (conv, norm) in enumerate(blocks):
            tail = inputs[f"tail_{i}"]
            reach = tf.shape(tail)[1]
            joined = tf.concat([tail, hidden], axis=1)
            # the last `reach` real steps: positions n_i .. n_i + reach - 1
            positions = lengths[:, None] + tf.range(reach)[None]
            outputs[f"tail_{i}"] = tf.gather(joined, positions, batch_dims=1)
            new = conv(joined)[:, reach:]
            new = norm(new, training=False)
            if i:
                new = new + hidden
            new = tf.nn.relu(new) * tf.cast(mask, new.dtype)[..., None]
            rows, *totals = running_pools(
                new,
                mask,
                inputs[f"sum_{i}"],
                inputs[f"count_{i}"],
                inputs[f"max_{i}"],
            )
            for name, value in zip(("sum", "count", "max"), totals, strict=True):
                outputs[f"{name}_{i}"] = value
            pooled.append(rows)
            hidden = new
        outputs["probabilities"] = head(tf.concat(pooled, axis=-1))
        return outputs

    return forward, shapes
