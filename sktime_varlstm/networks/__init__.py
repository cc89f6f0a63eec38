"""Network builders: plain functions of the data's shape and hyper-parameters.

Each builder returns an uncompiled ``keras.Model`` with two inputs: ``values``,
``(batch, time, *step_shape)`` float32 with a ``None`` time axis, and ``mask``,
``(batch, time)`` bool, ``True`` on real time steps.

Every layer that looks across time honours the mask (recurrent layers,
batch normalization, pooling), and convolution outputs are zeroed on padded
steps, so a series gets the same output whatever padding its batch adds.
The builders never see an estimator; estimators pick one and compile it.
"""

from ._causal import build_per_step_lstm_network, streaming_network
from ._causal_conv import build_per_step_dilated_conv_network, conv_stream
from ._dilated import build_dilated_conv_network
from ._layers import sequence_inputs
from ._recurrent import (
    NORMALIZATIONS,
    POOLINGS,
    build_convlstm_network,
    build_lstm_fcn_network,
    build_lstm_network,
    build_next_step_network,
)

__all__ = [
    "NORMALIZATIONS",
    "POOLINGS",
    "build_convlstm_network",
    "build_dilated_conv_network",
    "build_lstm_fcn_network",
    "build_lstm_network",
    "build_next_step_network",
    "build_per_step_dilated_conv_network",
    "build_per_step_lstm_network",
    "conv_stream",
    "sequence_inputs",
    "streaming_network",
]
