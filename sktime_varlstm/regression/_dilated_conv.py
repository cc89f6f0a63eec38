"""Dilated residual convolution regressor for time series of unequal length."""

from __future__ import annotations

from ..base import (
    DILATED_CONSTRAINTS,
    TEST_BATCH_SIZE,
    DilatedConvMixin,
    document_shared_parameters,
    store_parameters,
)
from ._base import VarLengthRegressor

__all__ = ["DilatedConvRegressor"]


@document_shared_parameters
class DilatedConvRegressor(DilatedConvMixin, VarLengthRegressor):
    """Dilated residual convolutions that predict numbers from unequal-length series.

    The network of :class:`~sktime_varlstm.DilatedConvClassifier`
    (:func:`~sktime_varlstm.networks.build_dilated_conv_network`) with a
    linear output per target, trained with the mean squared error on
    standardized targets: blocks of dilated convolutions with residual
    connections, average and maximum of every block pooled over the real
    time steps, random windows of the series in training, a warm-up and
    cosine learning rate, and a number of epochs that follows the size of
    the data. Series are batched by length and padding is masked, so a
    series gets the same prediction whatever batch it travels in. The
    network's parameters and defaults are the classifier's, chosen there on
    training folds of eight classification data sets; the ridge head was
    compared with the trained linear output on held-out parts of the
    training splits of the four regression data sets (the benchmark page of
    the docs) and kept.

    Parameters
    ----------
    filters : int, default=32
        Filters of every convolution block.
    kernel_size : int, default=7
        Kernel width of every convolution block.
    dilations : tuple of int, default=(1, 2, 4, 8, 16, 32)
        Dilation rate of each block: the network sees ``1 + (kernel_size - 1)
        * sum(dilations)`` steps.
    pooling : tuple of {"average", "max"}, default=("average", "max")
        Global poolings over the real time steps, concatenated.
    pool_blocks : {"all", "last"}, default="all"
        Pool the output of every block (features of every scale) or of the
        last one only.
    dropout : float, default=0.2
        Dropout rate before the output layer.
    l2 : float, default=0.0
        L2 penalty on the output layer's kernel.
    head : {"ridge", "linear"}, default="ridge"
        ``"linear"``: the output layer as trained with the network.
        ``"ridge"``: after training, scikit-learn's ``RidgeCV`` (penalty by
        leave-one-out) fitted on the standardized pooled features of every
        whole training series replaces the output layer's weights: a linear
        model fitted in closed form on all of the training data. The default
        because it predicted better on every held-out part it was tried on.
    input_scaling : {"series_and_channels", "series", "channels"} or None, \
default="series_and_channels"
        ``"series"``: every series z-normalized on its own, per channel (its
        shape). ``"channels"``: every channel z-scored with training
        statistics (levels stay comparable). ``"series_and_channels"``: both,
        ``2 * C`` channels, so the network sees shape and level. ``None``:
        series as given.
    differences : bool, default=True
        Also give the network every series' first differences, z-normalized
        on their own.
    random_crop : float or None, default=0.5
        Train on random windows of between this fraction and all of each
        series, drawn anew every epoch; ``None`` trains on whole series.
    learning_rate_schedule : {"warmup_cosine"} or None, default="warmup_cosine"
        ``"warmup_cosine"``: a tenth of ``learning_rate`` up to it over the
        first 5% of the updates, then half a cosine down to a hundredth.
    {shared parameters}

    Attributes
    ----------
    {trained attributes}
    n_channels_ : int
        Channels seen in ``fit``.
    target_mean_, target_scale_ : numpy.ndarray
        Mean and deviation of every target column in ``fit`` (a constant
        one gets 1).
    input_statistics_ : dict
        What ``input_scaling`` learnt in ``fit``.
    ridge_alpha_ : float
        The ridge's penalty, with ``head="ridge"`` only.

    Examples
    --------
    >>> import numpy as np
    >>> from sktime_varlstm import DilatedConvRegressor
    >>> rng = np.random.default_rng(0)
    >>> X = [rng.normal(size=(t, 2)) for t in rng.integers(5, 15, size=12)]
    >>> y = np.array([float(s.mean()) for s in X])
    >>> reg = DilatedConvRegressor(
    ...     filters=4, dilations=(1, 2), n_epochs=2, random_state=0
    ... ).fit(X, y)
    >>> reg.predict([rng.normal(size=(30, 2))]).shape
    (1,)
    """

    _hyperparameter_constraints = {
        **VarLengthRegressor._hyperparameter_constraints,
        **DILATED_CONSTRAINTS,
    }

    def __init__(
        self,
        *,
        filters=32,
        kernel_size=7,
        dilations=(1, 2, 4, 8, 16, 32),
        pooling=("average", "max"),
        pool_blocks="all",
        dropout=0.2,
        l2=0.0,
        head="ridge",
        input_scaling="series_and_channels",
        differences=True,
        random_crop=0.5,
        learning_rate_schedule="warmup_cosine",
        n_epochs="auto",
        batch_size=8,
        batching="bucket",
        max_timesteps_per_batch=None,
        optimizer="adam",
        learning_rate=0.003,
        validation_split=0.0,
        early_stopping_patience=None,
        reduce_lr_patience=None,
        callbacks=None,
        random_state=None,
        verbose=0,
        distribution_strategy=None,
    ):
        store_parameters(self, locals())
        super().__init__()

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Small, fast parameter sets for sktime's conformance suite."""
        tiny = {
            "filters": 4,
            "dilations": (1, 2),
            "n_epochs": 2,
            "batch_size": TEST_BATCH_SIZE,
            "random_state": 0,
        }
        return [
            tiny,
            {
                **tiny,
                "pool_blocks": "last",
                "input_scaling": "channels",
                "differences": False,
                "random_crop": None,
                "learning_rate_schedule": None,
                "batching": "pad",
                "head": "linear",
            },
        ]
