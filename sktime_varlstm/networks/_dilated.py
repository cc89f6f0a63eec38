"""The dilated residual convolution network (``DilatedConvClassifier``'s)."""

from __future__ import annotations

import keras
from keras import layers

from ._layers import ThresholdShares, ZeroPaddedSteps, output_layer, sequence_inputs

__all__ = [
    "DILATED_POOLINGS",
    "POOLED_BLOCKS",
    "block_pre_activations",
    "build_dilated_conv_network",
    "with_threshold_shares",
]

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
        conv = layers.Activation("relu", name=f"block{block}_relu")(conv)
        hidden = ZeroPaddedSteps()([conv, mask])
        block_outputs.append(hidden)
    pooled = {
        "average": lambda h: layers.GlobalAveragePooling1D()(h, mask=mask),
        "max": lambda h: layers.GlobalMaxPooling1D()(h),  # padding is 0 after ReLU
    }
    pooled_blocks = _pooled(block_outputs, pool_blocks)
    features = [pooled[name](h) for h in pooled_blocks for name in pooling]
    merged = layers.Concatenate()(features) if len(features) > 1 else features[0]
    if dropout:
        merged = layers.Dropout(dropout)(merged)
    outputs = output_layer(n_outputs, output_activation, l2)(merged)
    return keras.Model({"values": values, "mask": mask}, outputs, name="dilated_conv")


def block_pre_activations(model: keras.Model, pool_blocks: str = "all"):
    """The pooled blocks' outputs before their ReLU, tensors of ``model``'s graph.

    ``model`` is one :func:`build_dilated_conv_network` built; the result
    follows ``pool_blocks`` as the network's pooling does.
    """
    return [relu.input for relu in _pooled_relus(model, pool_blocks)]


def _pooled_relus(model, pool_blocks):
    relus = [
        layer
        for layer in model.layers
        if layer.name.startswith("block") and layer.name.endswith("_relu")
    ]
    return _pooled(relus, pool_blocks)


def _pooled(blocks, pool_blocks):
    """The entries of ``blocks`` (one per block, in order) ``pool_blocks`` pools.

    The network's poolings and its threshold shares both select with it, so
    the shares always see the blocks the output layer sees.
    """
    return blocks if pool_blocks == "all" else blocks[-1:]


def with_threshold_shares(
    model: keras.Model, thresholds, pool_blocks: str = "all"
) -> keras.Model:
    """``model`` with threshold shares beside its pooled features, for a ridge head.

    Every pooled block's output before its ReLU also goes through
    :class:`~sktime_varlstm.networks._layers.ThresholdShares` (the share of real
    steps above each threshold per channel, and the mean positive value),
    with that block's entry of ``thresholds``, one ``(n_thresholds,
    filters)`` array per pooled block. The shares are concatenated with what
    ``model``'s output layer sees and feed a new, untrained ``"output"``
    layer. The trained layers are shared with ``model``, so their weights
    are the same objects.

    Examples
    --------
    >>> import numpy as np
    >>> model = build_dilated_conv_network(2, 3, filters=4, dilations=(1, 2))
    >>> ridge = with_threshold_shares(model, [np.zeros((3, 4))] * 2)
    >>> tuple(ridge.get_layer("output").input.shape)  # 16 pooled, 2 x 16 shares
    (None, 48)
    """
    mask = model.input["mask"]
    relus = _pooled_relus(model, pool_blocks)
    share_layers = [
        ThresholdShares(len(cuts), name=relu.name.replace("_relu", "_shares"))
        for relu, cuts in zip(relus, thresholds, strict=True)
    ]
    shares = [
        layer([relu.input, mask])
        for layer, relu in zip(share_layers, relus, strict=True)
    ]
    for layer, cuts in zip(share_layers, thresholds, strict=True):
        layer.thresholds.assign(cuts)
    features = layers.Concatenate(name="ridge_features")(
        [model.get_layer("output").input, *shares]
    )
    outputs = output_layer(model.get_layer("output").units, "softmax", 0.0)(features)
    return keras.Model(model.input, outputs, name=f"{model.name}_ridge")
