"""Dilated residual convolution classifier for time series of unequal length."""

from __future__ import annotations

import keras
import numpy as np

from ..base import (
    DILATED_CONSTRAINTS,
    TEST_BATCH_SIZE,
    DilatedConvMixin,
    Options,
    document_shared_parameters,
    store_parameters,
)
from ..networks._dilated import block_pre_activations, with_threshold_shares
from ..training import predict_network
from ._base import VarLengthClassifier
from ._ridge_head import THRESHOLD_QUANTILES, evenly_spaced_steps, quantile_thresholds

__all__ = ["DilatedConvClassifier"]

HEADS = ("ridge", "softmax")
_THRESHOLD_CHUNK = 64  # series whose per-step values are held at once


@document_shared_parameters
class DilatedConvClassifier(DilatedConvMixin, VarLengthClassifier):
    """Dilated residual convolutions on series of their true, unequal lengths.

    The package's recommended classifier for ordinary panels: its defaults
    were chosen on training folds of eight data sets and are meant to be
    used as they are (how, and what they score: the docs' benchmark page).
    The network sees each
    series z-normalized on its own and its channels z-scored with training
    statistics (``input_scaling``), and its first differences
    (``differences``). The network
    (:func:`~sktime_varlstm.networks.build_dilated_conv_network`) stacks
    ``len(dilations)`` convolution blocks with doubling dilations and
    residual connections, pools average and maximum of every block's
    output over the real time steps, and trains on random windows of the
    series (``random_crop``) with a warm-up and cosine learning rate for a
    number of epochs that follows the size of the data
    (``n_epochs="auto"``). Series are batched by length and padding is
    masked, so a series gets the same prediction whatever batch it travels
    in.

    Parameters
    ----------
    filters : int, default=32
        Filters of every convolution block.
    kernel_size : int, default=7
        Kernel width of every convolution block.
    dilations : tuple of int, default=(1, 2, 4, 8, 16, 32)
        Dilation rate of each block: the network sees ``1 + (kernel_size - 1)
        * sum(dilations)`` steps (379 by default).
    pooling : tuple of {"average", "max"}, default=("average", "max")
        Global poolings over the real time steps, concatenated.
    pool_blocks : {"all", "last"}, default="all"
        Pool the output of every block (features of every scale, from
        ``kernel_size`` steps to the whole receptive field) or of the last
        one only. ``"all"``: features of every scale did better on the
        suite's training folds.
    dropout : float, default=0.2
        Dropout rate before the output layer.
    l2 : float, default=0.0
        L2 penalty on the output layer's kernel.
    head : {"ridge", "softmax"}, default="ridge"
        ``"softmax"``: the output layer as trained with the network.
        ``"ridge"``: after training, every pooled block's output before its
        ReLU is also pooled into threshold shares (per channel, the share of
        real steps above 0 and above its 10, 25, 50, 75 and 90 % quantiles
        over the training steps, and the mean positive value), and a new
        output layer on those beside the trained poolings computes
        scikit-learn's ``RidgeClassifierCV`` (penalty chosen by
        leave-one-out among ``numpy.logspace(-3, 3, 10)``, ``class_weight``
        applied) fitted on the standardized features of every whole training
        series; ``predict_proba`` is a softmax of its decision values times
        a sharpness fitted on 5-fold out-of-fold decision values, so
        ``predict`` is its most probable class. The trained layers are kept
        as they are. ``"ridge"``: a linear model fitted in closed form on
        every training series does better than the layer trained by
        gradient steps on the suite's training folds, mostly on the sets
        with few series per class.
    input_scaling : {"series_and_channels", "series", "channels"} or None, \
default="series_and_channels"
        ``"series"``: every series minus its own mean, over its own
        deviation, per channel (its shape; offset and amplitude dropped).
        ``"channels"``: every channel z-scored with the mean and deviation of
        the training time steps, kept in ``input_statistics_`` (offsets and
        amplitudes stay comparable between series).
        ``"series_and_channels"``: both side by side, ``2 * C`` channels, so
        the network sees the shape and the level, which matters where the
        level tells classes apart (spoken vowels, daily demand); the default
        for that reason. ``None``: series as given.
    differences : bool, default=True
        Also give the network every series' first differences (step minus
        the step before), z-normalized on their own per channel: ``C`` more
        input channels, whatever ``input_scaling`` is. On by default: the
        changes of a series carry its local shape, which helped the
        suite's shape-defined sets on their training folds.
    random_crop : float or None, default=0.5
        Train on random windows of between this fraction and all of each
        series, drawn anew every epoch; prediction sees whole series.
        ``None`` trains on whole series.
    learning_rate_schedule : {"warmup_cosine"} or None, default="warmup_cosine"
        ``"warmup_cosine"``: from a tenth of ``learning_rate`` up to it over
        the first 5% of the weight updates, then down along half a cosine to
        a hundredth of it at the last update. ``None``: constant (or as
        ``reduce_lr_patience`` says).
    {shared parameters}

    Attributes
    ----------
    {trained attributes}
    classes_ : numpy.ndarray
        Class labels.
    n_channels_ : int
        Channels seen in ``fit``.
    input_statistics_ : dict
        What ``input_scaling`` learnt in ``fit``: ``mean`` and ``scale`` per
        channel for ``"channels"``, empty otherwise.
    ridge_alpha_ : float
        The ridge's penalty, with ``head="ridge"`` only.

    Examples
    --------
    >>> import numpy as np
    >>> from sktime_varlstm import DilatedConvClassifier
    >>> rng = np.random.default_rng(0)
    >>> X = [rng.normal(size=(t, 2)) for t in rng.integers(5, 15, size=12)]
    >>> y = np.array(["a", "b"] * 6)
    >>> clf = DilatedConvClassifier(
    ...     filters=4, dilations=(1, 2), n_epochs=2, random_state=0
    ... ).fit(X, y)
    >>> clf.predict([rng.normal(size=(30, 2))]).shape
    (1,)
    """

    _hyperparameter_constraints = {
        **VarLengthClassifier._hyperparameter_constraints,
        **DILATED_CONSTRAINTS,
        "head": [Options(HEADS)],
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
        class_weight=None,
        random_state=None,
        verbose=0,
        distribution_strategy=None,
    ):
        store_parameters(self, locals())
        super().__init__()

    def _ridge_head_network(self, series):
        """The trained network with threshold shares beside its pooled features."""
        thresholds = self._block_thresholds(series)
        with self._strategy_scope():
            network = with_threshold_shares(self.model_, thresholds, self.pool_blocks)
            network.compile_from_config(self.model_.get_compile_config())
        return network

    def _block_thresholds(self, series):
        """0 and quantiles of each pooled block's pre-activation, on ``series``."""
        blocks = block_pre_activations(self.model_, self.pool_blocks)
        outputs = keras.layers.Concatenate()(blocks) if len(blocks) > 1 else blocks[0]
        per_step = keras.Model(self.model_.input, outputs)
        sample = []
        for start in range(0, len(series), _THRESHOLD_CHUNK):
            values = predict_network(
                per_step,
                series[start : start + _THRESHOLD_CHUNK],
                batch_size=self.batch_size,
                per_step=True,
            )
            sample.extend(evenly_spaced_steps(v) for v in values)
        thresholds = quantile_thresholds(np.concatenate(sample), THRESHOLD_QUANTILES)
        widths = [block.shape[-1] for block in blocks]
        return np.split(thresholds, np.cumsum(widths)[:-1], axis=1)

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
                "kernel_size": 3,
                "pooling": "max",
                "pool_blocks": "last",
                "input_scaling": "channels",
                "differences": False,
                "random_crop": None,
                "learning_rate_schedule": None,
                "batching": "pad",
                "class_weight": "balanced",
                "head": "softmax",
            },
        ]
