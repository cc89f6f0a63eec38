"""The dilated-convolution network's parameters.

Shared by the classifier and the regressor that use the network.
"""

from __future__ import annotations

from ..data import INPUT_SCALINGS, scaled_channels
from ..networks import build_dilated_conv_network
from ..networks._dilated import DILATED_POOLINGS, POOLED_BLOCKS
from ._params import (
    FRACTION,
    NON_NEGATIVE,
    POSITIVE_INT,
    POSITIVE_SIZES,
    Interval,
    Options,
    Sequence,
)

__all__ = ["DILATED_CONSTRAINTS", "SCHEDULES", "DilatedConvMixin"]

SCHEDULES = ("warmup_cosine",)

DILATED_CONSTRAINTS = {
    "filters": [POSITIVE_INT],
    "kernel_size": [POSITIVE_INT],
    "dilations": [POSITIVE_SIZES],
    "pooling": [
        Options(DILATED_POOLINGS),
        Sequence(Options(DILATED_POOLINGS), allow_empty=False),
    ],
    "pool_blocks": [Options(POOLED_BLOCKS)],
    "dropout": [FRACTION],
    "l2": [NON_NEGATIVE],
    "input_scaling": [None, Options(INPUT_SCALINGS)],
    "differences": [bool],
    "random_crop": [None, Interval(float, 0, 1, closed="right")],
    "learning_rate_schedule": [None, Options(SCHEDULES)],
}


class DilatedConvMixin:
    """The dilated-convolution network built from the estimator's parameters.

    :func:`~sktime_varlstm.networks.build_dilated_conv_network`, trained on
    random crops with the estimator's schedule. The estimator's task base
    sets ``_output_activation`` (``"softmax"``, ``"linear"``).
    """

    def _fit_options(self):
        return {
            "crop": self.random_crop,
            "learning_rate_schedule": self.learning_rate_schedule,
        }

    def _build_network(self, n_outputs):
        return build_dilated_conv_network(
            scaled_channels(self.input_scaling, self.n_channels_, self.differences),
            n_outputs,
            filters=self.filters,
            kernel_size=self.kernel_size,
            dilations=self.dilations,
            pooling=self.pooling,
            pool_blocks=self.pool_blocks,
            dropout=self.dropout,
            l2=self.l2,
            output_activation=self._output_activation,
        )
