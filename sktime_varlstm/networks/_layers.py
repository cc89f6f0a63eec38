"""Small layer pieces every network builder uses.

The ``values`` and ``mask`` inputs, the output layer, and custom layers
(registered, so saved and pickled models load again).
"""

from __future__ import annotations

import keras
from keras import layers, ops, regularizers


@keras.saving.register_keras_serializable(package="sktime_varlstm")
class ZeroPaddedSteps(keras.layers.Layer):
    """Multiply ``[values, mask]`` so padded time steps hold zeros.

    Convolutions have no notion of a mask; zeroing their output on padded
    steps makes the next convolution see exactly what it would see on the
    series alone (``padding="same"`` pads with zeros too).
    """

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.supports_masking = True  # consumes the mask it is given explicitly

    def compute_mask(self, inputs, mask=None):
        return None

    def call(self, inputs):
        values, mask = inputs
        weights = ops.cast(mask, values.dtype)
        extra_axes = len(values.shape) - len(mask.shape)
        for _ in range(extra_axes):
            weights = ops.expand_dims(weights, -1)
        return values * weights

    def compute_output_shape(self, input_shape):
        return input_shape[0]


@keras.saving.register_keras_serializable(package="sktime_varlstm")
class ThresholdShares(keras.layers.Layer):
    """Pool ``[values, mask]`` into shares of real steps above thresholds.

    For every channel ``c`` and threshold ``k``: the share of the real time
    steps whose value exceeds ``thresholds[k, c]``; then, per channel, the
    mean of the positive values (0 when none is positive). The thresholds
    are a non-trainable weight of shape ``(n_thresholds, channels)``, set
    after training (zeros until then). Output: ``(batch, (n_thresholds + 1)
    * channels)``, threshold-major. Padded steps never count.
    """

    def __init__(self, n_thresholds, **kwargs):
        super().__init__(**kwargs)
        self.n_thresholds = int(n_thresholds)
        self.supports_masking = True  # consumes the mask it is given explicitly

    def build(self, input_shape):
        channels = input_shape[0][-1]
        self.thresholds = self.add_weight(
            shape=(self.n_thresholds, channels),
            initializer="zeros",
            trainable=False,
            name="thresholds",
        )

    def compute_mask(self, inputs, mask=None):
        return None

    def call(self, inputs):
        values, mask = inputs
        weights = ops.expand_dims(ops.cast(mask, values.dtype), -1)  # (B, T, 1)
        n_steps = ops.maximum(ops.sum(weights, axis=1), 1.0)  # (B, 1)
        above = ops.cast(
            ops.expand_dims(values, 2) > self.thresholds, values.dtype
        )  # (B, T, K, C)
        shares = ops.sum(above * ops.expand_dims(weights, -1), axis=1)
        shares = shares / ops.expand_dims(n_steps, -1)  # (B, K, C)
        positive = ops.cast(values > 0, values.dtype) * weights
        n_positive = ops.sum(positive, axis=1)
        mean_positive = ops.sum(values * positive, axis=1) / ops.maximum(
            n_positive, 1.0
        )
        flat = ops.reshape(shares, (-1, self.n_thresholds * values.shape[-1]))
        return ops.concatenate([flat, mean_positive], axis=-1)

    def compute_output_shape(self, input_shape):
        channels = input_shape[0][-1]
        return (input_shape[0][0], (self.n_thresholds + 1) * channels)

    def get_config(self):
        return {**super().get_config(), "n_thresholds": self.n_thresholds}


def sequence_inputs(step_shape):
    """The ``values`` and ``mask`` inputs for time steps of ``step_shape``."""
    values = keras.Input((None, *step_shape), name="values")
    mask = keras.Input((None,), dtype="bool", name="mask")
    return values, mask


def output_layer(n_outputs, activation, l2):
    """The ``Dense`` output layer, L2-penalised when ``l2`` is not 0."""
    return layers.Dense(
        n_outputs,
        activation=activation,
        kernel_regularizer=regularizers.l2(l2) if l2 else None,
        name="output",
    )


def output_features_network(model):
    """The part of ``model`` before its output layer: what that layer sees."""
    return keras.Model(
        model.input, model.get_layer("output").input, name="output_features"
    )
