"""The dilated residual convolution network (``DilatedConvClassifier``'s)."""

from __future__ import annotations

import keras
from keras import layers

from ._layers import ZeroPaddedSteps, output_layer, sequence_inputs

__all__ = ["DILATED_POOLINGS", "POOLED_BLOCKS", "build_dilated_conv_network"]

DILATED_POOLINGS = ("average", "max")
POOLED_BLOCKS = ("all", "last")


def build_dilated_conv_network(
    n_channels: int,
    n_outputs: int,
    *,
    filters: int = 32,
    kernel_size: int = 7,
    dilations=(1, 2, 4, 8, 16, 32),
    pooling=("average", "max"),
    pool_blocks: str = "all",
    dropout: float = 0.2,
    l2: float = 0.0,
    batch_norm_momentum: float = 0.9,
    output_activation="softmax",
) -> keras.Model:
    """Dilated 1-D convolutions with residual connections, pooled over real steps.

    One block per entry of ``dilations``: ``Conv1D(filters, kernel_size,
    dilation_rate=d)`` -> batch normalization over the real steps -> (plus
    the block's input, from the second block on) -> ReLU, with padded steps
    zeroed after every block. The dilations double, so six blocks of width 7
    see 379 steps while costing as much per step as six plain convolutions.
    Global poolings over the real steps (``"average"``, ``"max"``) of every
    block's output (``pool_blocks="all"``: features of every scale, from
    ``kernel_size`` steps to the receptive field) or of the last (``"last"``)
    are concatenated, then dropout and the output layer. Inputs and outputs as
    every builder of :mod:`~sktime_varlstm.networks`: a series gets the same
    output whatever padding its batch adds.

    Examples
    --------
    >>> model = build_dilated_conv_network(2, 3, filters=4, dilations=(1, 2))
    >>> tuple(model.input["values"].shape), tuple(model.output.shape)
    ((None, None, 2), (None, 3))
    """
    pooling = (pooling,) if isinstance(pooling, str) else tuple(pooling)
    values, mask = sequence_inputs((n_channels,))
    hidden = values
    block_outputs = []
    for block, rate in enumerate(dilations):
        conv = layers.Conv1D(
            filters, kernel_size, padding="same", dilation_rate=rate, use_bias=False
        )(hidden)
        conv = layers.BatchNormalization(momentum=batch_norm_momentum)(conv, mask=mask)
        if block:
            conv = layers.Add()([conv, hidden])
        conv = layers.Activation("relu")(conv)
        hidden = ZeroPaddedSteps()([conv, mask])
        block_outputs.append(hidden)
    pooled = {
        "average": lambda h: layers.GlobalAveragePooling1D()(h, mask=mask),
        "max": lambda h: layers.GlobalMaxPooling1D()(h),  # padding is 0 after ReLU
    }
    pooled_blocks = block_outputs if pool_blocks == "all" else block_outputs[-1:]
    features = [pooled[name](h) for h in pooled_blocks for name in pooling]
    merged = layers.Concatenate()(features) if len(features) > 1 else features[0]
    if dropout:
        merged = layers.Dropout(dropout)(merged)
    outputs = output_layer(n_outputs, output_activation, l2)(merged)
    return keras.Model({"values": values, "mask": mask}, outputs, name="dilated_conv")
