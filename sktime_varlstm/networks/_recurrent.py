"""The recurrent builders.

Stacked LSTMs, LSTM-FCN, the next-step LSTM of the detectors and ConvLSTM2D
for clips.
"""

from __future__ import annotations

import keras
from keras import layers, regularizers

from ..data import check_data_format
from ._layers import ZeroPaddedSteps, output_layer, sequence_inputs

__all__ = [
    "NORMALIZATIONS",
    "POOLINGS",
    "build_convlstm_network",
    "build_lstm_fcn_network",
    "build_lstm_network",
    "build_next_step_network",
]


# choices of build_lstm_fcn_network (checked by the estimators, in fit)
NORMALIZATIONS = ("batch", "none")
POOLINGS = ("average", "max")


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
    >>> tuple(model.input["values"].shape), tuple(model.input["mask"].shape)
    ((None, None, 3), (None, None))
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
    outputs = output_layer(n_outputs, output_activation, l2)(hidden)
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
    batch_norm_momentum: float = 0.9,
    normalization: str = "batch",
    pooling=("average",),
    dense_units=(),
    dense_activation="relu",
) -> keras.Model:
    """LSTM-FCN for unequal lengths: a convolution branch beside an LSTM branch.

    The convolution branch is a stack of ``Conv1D -> BatchNorm -> ReLU``
    blocks followed by global pooling over the *real* time steps only
    (masked batch statistics, padded steps zeroed after every block). The LSTM
    branch reads the series in time order. Both are concatenated before the
    output layer.

    ``normalization="none"`` drops the batch normalization (where length and
    class go together, length buckets shift the batch statistics).
    ``pooling`` names the global poolings whose outputs are concatenated:
    ``"average"`` (mean over real steps) and ``"max"`` (largest value over
    real steps; padded steps hold zeros after the ReLU, so they never win).
    ``dense_units`` adds dense layers (``dense_activation``, then
    ``dropout``) between the concatenated branches and the output layer.

    ``batch_norm_momentum`` is 0.9 rather than Keras' 0.99: length buckets
    make few batches per epoch, and the moving statistics should follow the
    training ones within a few epochs (the docs' benchmark page).

    Examples
    --------
    >>> model = build_lstm_fcn_network(
    ...     2, 3, units=(4,), filters=(4,), kernel_sizes=(3,)
    ... )
    >>> tuple(model.output.shape)
    (None, 3)
    """
    pooling = (pooling,) if isinstance(pooling, str) else tuple(pooling)
    values, mask = sequence_inputs((n_channels,))
    conv = values
    for n_filters, width in zip(filters, kernel_sizes, strict=True):
        conv = layers.Conv1D(n_filters, width, padding="same")(conv)
        if normalization == "batch":
            conv = layers.BatchNormalization(momentum=batch_norm_momentum)(
                conv, mask=mask
            )
        conv = layers.Activation("relu")(conv)
        conv = ZeroPaddedSteps()([conv, mask])
    global_pooling = {
        "average": lambda: layers.GlobalAveragePooling1D()(conv, mask=mask),
        "max": lambda: layers.GlobalMaxPooling1D()(conv),
    }
    features = [global_pooling[name]() for name in pooling]

    recurrent = values
    for depth, n_units in enumerate(units):
        last = depth == len(units) - 1
        recurrent = layers.LSTM(n_units, return_sequences=not last)(
            recurrent, mask=mask
        )
    if dropout:
        recurrent = layers.Dropout(dropout)(recurrent)

    merged = layers.Concatenate()([*features, recurrent])
    merged = _dense_stack(merged, dense_units, dense_activation, dropout)
    outputs = output_layer(n_outputs, output_activation, l2)(merged)
    return keras.Model({"values": values, "mask": mask}, outputs, name="lstm_fcn")


def build_next_step_network(
    n_channels: int, *, units=(32,), dropout: float = 0.0
) -> keras.Model:
    """Stacked LSTMs that predict every time step from the steps before it.

    The values are shifted one step to the right inside the network (a zero
    first step), so output ``t`` sees steps ``0 .. t-1`` only and estimates
    step ``t``: one output per real step, trained with the series itself as
    target. Recurrent layers honour the mask, so padding never changes the
    output on real steps.

    Parameters
    ----------
    n_channels : int
        Channels per time step, predicted all at once.
    units : tuple of int
        Units of each LSTM layer; all return sequences.
    dropout : float
        Dropout rate after each LSTM layer.

    Examples
    --------
    >>> model = build_next_step_network(3, units=(4,))
    >>> tuple(model.output.shape)
    (None, None, 3)
    """
    values, mask = sequence_inputs((n_channels,))
    previous_steps = layers.ZeroPadding1D((1, 0))(values)
    previous_steps = layers.Cropping1D((0, 1))(previous_steps)
    hidden = previous_steps
    for n_units in units:
        hidden = layers.LSTM(n_units, return_sequences=True)(hidden, mask=mask)
        if dropout:
            hidden = layers.Dropout(dropout)(hidden)
    outputs = layers.Dense(n_channels, name="next_step")(hidden)
    return keras.Model({"values": values, "mask": mask}, outputs, name="next_step")


def build_convlstm_network(
    frame_shape,
    n_outputs: int,
    *,
    filters=(32, 32),
    kernel_size=(3, 3),
    dense_units=(12,),
    dropout: float = 0.5,
    l2: float = 0.01,
    data_format: str = "channels_first",
    output_activation="softmax",
) -> keras.Model:
    """Stacked ConvLSTM2D layers on image frames, dense layers and an output.

    The defaults are the article's video network: ConvLSTM2D 32 (3x3,
    ``padding="same"``, L2 0.01, returns sequences), Dropout 0.5, ConvLSTM2D
    32, Dropout 0.5, Flatten, Dense 12 (linear, as in the article) and an
    L2-regularised output layer. Every ConvLSTM2D layer gets the mask, so a
    padded step keeps the state of the last real one and padding never
    changes the output. ``"channels_first"`` frames are transposed to
    channels-last inside the network: TensorFlow's CPU kernels train a
    channels-first ConvLSTM2D only where oneDNN is on (it is off by default
    on CPUs without AVX-512, where the filter gradient fails with
    "Conv2DCustomBackpropFilterOp only supports NHWC").

    Parameters
    ----------
    frame_shape : tuple of int
        Shape of one frame: ``(C, H, W)`` for ``"channels_first"``,
        ``(H, W, C)`` for ``"channels_last"``.
    n_outputs : int
        Width of the output layer (number of classes).
    filters : tuple of int
        Filters of each ConvLSTM2D layer; every layer but the last returns
        sequences.
    kernel_size : tuple of int
        Height and width of the convolution kernels.
    dense_units : tuple of int
        Units of the linear dense layers after the flattened last state.
    dropout : float
        Dropout rate after each ConvLSTM2D layer.
    l2 : float
        L2 penalty on the ConvLSTM2D kernels and the output layer's kernel.
    data_format : {"channels_first", "channels_last"}
        Where the channel axis of a frame is.
    output_activation : str
        Activation of the output layer.

    Examples
    --------
    >>> model = build_convlstm_network((1, 8, 8), 4, filters=(2,), dense_units=())
    >>> tuple(model.input["values"].shape), tuple(model.input["mask"].shape)
    ((None, None, 1, 8, 8), (None, None))
    >>> tuple(model.output.shape)
    (None, 4)
    """
    check_data_format(data_format)
    values, mask = sequence_inputs(frame_shape)
    hidden = values
    if data_format == "channels_first":  # (T, C, H, W) -> (T, H, W, C)
        hidden = layers.Permute((1, 3, 4, 2))(hidden)
    for depth, n_filters in enumerate(filters):
        last = depth == len(filters) - 1
        hidden = layers.ConvLSTM2D(
            n_filters,
            kernel_size,
            padding="same",
            data_format="channels_last",
            return_sequences=not last,
            kernel_regularizer=regularizers.l2(l2) if l2 else None,
        )(hidden, mask=mask)
        if dropout:
            hidden = layers.Dropout(dropout)(hidden)
    hidden = layers.Flatten()(hidden)
    hidden = _dense_stack(hidden, dense_units, activation=None, dropout=0.0)
    outputs = output_layer(n_outputs, output_activation, l2)(hidden)
    return keras.Model({"values": values, "mask": mask}, outputs, name="convlstm")
