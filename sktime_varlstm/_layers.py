"""Small custom layers, registered so saved and pickled models load again."""

from __future__ import annotations

import keras
from keras import ops


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
