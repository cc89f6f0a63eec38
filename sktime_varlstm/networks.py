"""Network builders: plain functions of the data's shape and hyper-parameters.

Each builder returns an uncompiled ``keras.Model`` with two inputs:

``values``
    ``(batch, time, *step_shape)`` float32, time axis ``None``;
``mask``
    ``(batch, time)`` bool, ``True`` on real time steps.

Every layer that looks across time honours the mask (recurrent layers,
batch normalisation, pooling), and convolution outputs are zeroed on padded
steps, so a series gets the same output whatever padding its batch adds.
The builders never see an estimator; estimators pick one and compile it.
"""

from __future__ import annotations

import keras
from keras import layers, regularizers

from ._layers import ZeroPaddedSteps

__all__ = ["build_lstm_fcn_network", "build_lstm_network", "sequence_inputs"]


def sequence_inputs(step_shape):
    """The ``values`` and ``mask`` inputs for time steps of ``step_shape``."""
    values = keras.Input((None, *step_shape), name="values")
    mask = keras.Input((None,), dtype="bool", name="mask")
    return values, mask


def _output_layer(n_outputs, activation, l2):
    return layers.Dense(
        n_outputs,
        activation=activation,
        kernel_regularizer=regularizers.l2(l2) if l2 else None,
        name="output",
    )


def build_lstm_network(
    n_channels: int,
    n_outputs: int,
    *,
    units=(32, 64, 32),
    dense_units=(100,),
    dense_activation="relu",
    dropout: float = 0.0,
    l2: float = 0.01,
    output_activation="softmax",
) -> keras.Model:
    """Stacked LSTMs, dense layers and an output layer.

    The defaults are the network of the article this package started from:
    LSTM 32, 64, 32, Dense 100, and an L2-regularised output layer.

    Parameters
    ----------
    n_channels : int
        Channels per time step.
    n_outputs : int
        Width of the output layer (number of classes).
    units : tuple of int
        Units of each LSTM layer; every layer but the last returns sequences.
    dense_units : tuple of int
        Units of the dense layers after the last LSTM.
    dense_activation : str or None
        Activation of those dense layers (the article's had none: use
        ``"linear"`` to rebuild it exactly).
    dropout : float
        Dropout rate after each LSTM and dense layer.
    l2 : float
        L2 penalty on the output layer's kernel.
    output_activation : str
        Activation of the output layer.

    Examples
    --------
    >>> model = build_lstm_network(3, 2, units=(4,), dense_units=())
    >>> [tuple(t.shape) for t in model.inputs]
    [(None, None, 3), (None, None)]
    >>> tuple(model.output.shape)
    (None, 2)
    """
    values, mask = sequence_inputs((n_channels,))
    hidden = values
    for depth, n_units in enumerate(units):
        last = depth == len(units) - 1
        hidden = layers.LSTM(n_units, return_sequences=not last)(hidden, mask=mask)
        if dropout:
            hidden = layers.Dropout(dropout)(hidden)
    hidden = _dense_stack(hidden, dense_units, dense_activation, dropout)
    outputs = _output_layer(n_outputs, output_activation, l2)(hidden)
    return keras.Model({"values": values, "mask": mask}, outputs, name="lstm")


def _dense_stack(hidden, dense_units, activation, dropout):
    for n_units in dense_units:
        hidden = layers.Dense(n_units, activation=activation)(hidden)
        if dropout:
            hidden = layers.Dropout(dropout)(hidden)
    return hidden


def build_lstm_fcn_network(
    n_channels: int,
    n_outputs: int,
    *,
    units=(64,),
    filters=(128, 256, 128),
    kernel_sizes=(8, 5, 3),
    dropout: float = 0.2,
    l2: float = 0.0,
    output_activation="softmax",
) -> keras.Model:
    """LSTM-FCN for unequal lengths: a convolution branch beside an LSTM branch.

    The convolution branch is a stack of ``Conv1D -> BatchNorm -> ReLU``
    blocks followed by global average pooling over the *real* time steps only
    (masked batch statistics, padded steps zeroed after every block). The LSTM
    branch reads the series in time order. Both are concatenated before the
    output layer.

    Examples
    --------
    >>> model = build_lstm_fcn_network(
    ...     2, 3, units=(4,), filters=(4,), kernel_sizes=(3,)
    ... )
    >>> tuple(model.output.shape)
    (None, 3)
    """
    values, mask = sequence_inputs((n_channels,))
    conv = values
    for n_filters, width in zip(filters, kernel_sizes, strict=True):
        conv = layers.Conv1D(n_filters, width, padding="same")(conv)
        conv = layers.BatchNormalization()(conv, mask=mask)
        conv = layers.Activation("relu")(conv)
        conv = ZeroPaddedSteps()([conv, mask])
    conv = layers.GlobalAveragePooling1D()(conv, mask=mask)

    recurrent = values
    for depth, n_units in enumerate(units):
        last = depth == len(units) - 1
        recurrent = layers.LSTM(n_units, return_sequences=not last)(
            recurrent, mask=mask
        )
    if dropout:
        recurrent = layers.Dropout(dropout)(recurrent)

    merged = layers.Concatenate()([conv, recurrent])
    outputs = _output_layer(n_outputs, output_activation, l2)(merged)
    return keras.Model({"values": values, "mask": mask}, outputs, name="lstm_fcn")
