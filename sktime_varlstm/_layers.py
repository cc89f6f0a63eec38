"""Small layer pieces every network builder uses: the ``values`` and ``mask``
inputs, the output layer, and custom layers (registered, so saved and pickled
models load again)."""

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
