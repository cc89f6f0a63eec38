"""LSTM-FCN classifier for time series of unequal length."""

from __future__ import annotations

from ..base import (
    POSITIVE_SIZES,
    RECURRENT_CONSTRAINTS,
    TEST_BATCH_SIZE,
    Options,
    Sequence,
    document_shared_parameters,
    store_parameters,
)
from ..networks import build_lstm_fcn_network
from ..networks._recurrent import NORMALIZATIONS, POOLINGS
from ._base import VarLengthClassifier

__all__ = ["LSTMFCNClassifier"]


@document_shared_parameters
class LSTMFCNClassifier(VarLengthClassifier):
    """LSTM-FCN that trains on series of their true, unequal lengths.

    Convolution blocks (``filters``, ``kernel_sizes``) with global pooling
    over the real time steps (``pooling``) beside an LSTM branch (``units``),
    concatenated, then optional dense layers and a softmax output. Series are
    batched by length and padded only to their batch's longest, and padding
    is masked in every layer that looks across time, so a series gets the
    same prediction whatever batch it travels in.
    Its defaults are not tuned to generalise: with no arguments, prefer
    :class:`~sktime_varlstm.DilatedConvClassifier` (the docs' benchmark page).

    Parameters
    ----------
    units : tuple of int, default=(64,)
        Units of the stacked LSTM layers of the recurrent branch.
    filters : tuple of int, default=(128, 256, 128)
        Filters of the convolution blocks.
    kernel_sizes : tuple of int, default=(8, 5, 3)
        Kernel widths of the convolution blocks, one per entry of ``filters``.
    normalization : {"batch", "none"}, default="batch"
        Batch normalization after each convolution, or none. Length buckets
        put series of similar length together, and where length goes with
        class the batch statistics shift from batch to batch; ``"none"``
        avoids that.
    pooling : tuple of {"average", "max"}, default=("average",)
        Global poolings of the last convolution block over the real time
        steps, concatenated. ``"max"`` keeps the strongest response anywhere
        in the series, such as a peak.
    dense_units : tuple of int, default=()
        Units of the dense layers between the concatenated branches and the
        output layer.
    dense_activation : str, default="relu"
        Activation of those dense layers.
    dropout : float, default=0.2
        Dropout rate after the recurrent branch and each dense layer.
    l2 : float, default=0.0
        L2 penalty on the output layer's kernel.
    {shared parameters}

    Attributes
    ----------
    {trained attributes}
    classes_ : numpy.ndarray
        Class labels.
    n_channels_ : int
        Channels seen in ``fit``.

    Examples
    --------
    >>> import numpy as np
    >>> from sktime_varlstm import LSTMFCNClassifier
    >>> rng = np.random.default_rng(0)
    >>> X = [rng.normal(size=(t, 2)) for t in rng.integers(5, 15, size=12)]
    >>> y = np.array(["a", "b"] * 6)
    >>> clf = LSTMFCNClassifier(
    ...     units=(4,), filters=(4, 4), kernel_sizes=(3, 3), n_epochs=2, random_state=0
    ... ).fit(X, y)
    >>> clf.predict([rng.normal(size=(30, 2))]).shape
    (1,)
    """

    _hyperparameter_constraints = {
        **VarLengthClassifier._hyperparameter_constraints,
        **RECURRENT_CONSTRAINTS,
        "filters": [POSITIVE_SIZES],
        "kernel_sizes": [POSITIVE_SIZES],
        "normalization": [Options(NORMALIZATIONS)],
        "pooling": [Options(POOLINGS), Sequence(Options(POOLINGS), allow_empty=False)],
    }

    def __init__(
        self,
        *,
        units=(64,),
        filters=(128, 256, 128),
        kernel_sizes=(8, 5, 3),
        normalization="batch",
        pooling=("average",),
        dense_units=(),
        dense_activation="relu",
        dropout=0.2,
        l2=0.0,
        n_epochs=100,
        batch_size=32,
        batching="bucket",
        max_timesteps_per_batch=None,
        random_crop=None,
        optimizer="adam",
        learning_rate=0.001,
        validation_split=0.0,
        early_stopping_patience=None,
        reduce_lr_patience=None,
        callbacks=None,
        class_weight=None,
        random_state=None,
        verbose=0,
        distribution_strategy=None,
    ):
        store_parameters(self, locals())
        super().__init__()

    def _validate_parameters(self):
        super()._validate_parameters()
        if len(self.filters) != len(self.kernel_sizes):
            raise ValueError(
                "filters and kernel_sizes must have one entry per convolution "
                f"block; got {len(self.filters)} filters and "
                f"{len(self.kernel_sizes)} kernel sizes."
            )

    def _fit_options(self):
        return {"crop": self.random_crop}

    def _build_network(self, n_classes):
        return build_lstm_fcn_network(
            self.n_channels_,
            n_classes,
            units=self.units,
            filters=self.filters,
            kernel_sizes=self.kernel_sizes,
            normalization=self.normalization,
            pooling=self.pooling,
            dense_units=self.dense_units,
            dense_activation=self.dense_activation,
            dropout=self.dropout,
            l2=self.l2,
        )

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Small, fast parameter sets for sktime's conformance suite."""
        tiny = {
            "units": (3,),
            "filters": (4, 4),
            "kernel_sizes": (3, 3),
            "n_epochs": 2,
            "batch_size": TEST_BATCH_SIZE,
            "random_state": 0,
        }
        # the shared training loop's options (validation split, early
        # stopping, random windows) run in LSTMClassifier's sets; these vary
        # what is this network's own
        return [
            {**tiny, "normalization": "none", "pooling": ("average", "max")},
            {
                **tiny,
                "batching": "pad",
                "dense_units": (4,),
                "class_weight": "balanced",
            },
        ]
