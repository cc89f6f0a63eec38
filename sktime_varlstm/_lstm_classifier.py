"""LSTM classifier for time series of unequal length."""

from __future__ import annotations

from ._classifier_base import VarLengthClassifier
from ._conversion import to_series_list
from .networks import build_lstm_fcn_network, build_lstm_network

__all__ = ["LSTMClassifier"]

NETWORKS = ("lstm", "lstm_fcn")


class LSTMClassifier(VarLengthClassifier):
    """Recurrent classifier that trains on series of their true, unequal lengths.

    Series are never resampled. They are grouped into batches by length
    (``batching``), padded at most to the longest series of their batch, and
    the padding is masked, so a series gets the same prediction whatever batch
    it travels in. Works on univariate and multivariate panels; predicts on
    lengths never seen in ``fit``.

    Parameters
    ----------
    network : {"lstm", "lstm_fcn"}, default="lstm"
        ``"lstm"``: stacked LSTMs (``units``), dense layers (``dense_units``)
        and a softmax output, the article's network by default.
        ``"lstm_fcn"``: convolution blocks (``filters``, ``kernel_sizes``) with
        global pooling over the real steps (``pooling``) beside an LSTM
        branch (``units``).
    units : tuple of int, default=(32, 64, 32)
        Units of the stacked LSTM layers.
    dense_units : tuple of int or None, default=None
        Units of the dense layers before the output layer. ``None``: the
        network's own, ``(100,)`` for ``"lstm"`` (the article's Dense 100)
        and none for ``"lstm_fcn"``.
    dense_activation : str, default="relu"
        Activation of those dense layers; ``"linear"`` rebuilds the article's.
    filters : tuple of int, default=(128, 256, 128)
        Filters of the convolution blocks (``network="lstm_fcn"`` only).
    kernel_sizes : tuple of int, default=(8, 5, 3)
        Kernel widths of the convolution blocks (``network="lstm_fcn"`` only).
    normalization : {"batch", "none"}, default="batch"
        Batch normalization after each convolution, or none
        (``network="lstm_fcn"`` only). Length buckets put series of similar
        length together, and where length goes with class the batch
        statistics shift from batch to batch; ``"none"`` avoids that.
    pooling : tuple of {"average", "max"}, default=("average",)
        Global poolings of the last convolution block over the real time
        steps, concatenated (``network="lstm_fcn"`` only). ``"max"`` keeps
        the strongest response anywhere in the series, such as a peak.
    dropout : float, default=0.0
        Dropout rate after recurrent and dense layers.
    l2 : float, default=0.01
        L2 penalty on the output layer's kernel.
    n_epochs : int, default=100
        Largest number of passes over the training data.
    batch_size : int, default=32
        Largest number of series in a batch.
    batching : {"bucket", "per_sample", "pad"}, default="bucket"
        ``"bucket"``: batches of neighbouring lengths, padded to the batch's
        longest series and masked. ``"per_sample"``: batch size 1, no padding.
        ``"pad"``: every batch padded to the longest series, masked.
    max_timesteps_per_batch : int or None, default=None
        With ``"bucket"``, also cap ``series x time steps`` per batch: short
        series travel in large batches, long ones in small batches.
    random_crop : float or None, default=None
        Train on random windows: every time a series is batched, a contiguous
        stretch of it, between this fraction and all of it (drawn uniformly),
        is shown instead of the whole series. A regularizer for long series
        whose class shows anywhere in them; prediction always sees whole
        series. ``None`` trains on whole series.
    optimizer : str or keras.optimizers.Optimizer, default="adam"
        Optimizer name or instance (an instance is copied, never trained).
    learning_rate : float or None, default=0.001
        Learning rate; ``None`` keeps the optimizer's own.
    validation_split : float, default=0.0
        Fraction of the training series (stratified) held out to monitor
        ``val_loss`` for early stopping and learning-rate reduction.
    early_stopping_patience : int or None, default=None
        Stop after this many epochs without improvement, keep the best weights.
    reduce_lr_patience : int or None, default=None
        Halve the learning rate after this many epochs without improvement.
    callbacks : list of keras.callbacks.Callback or None, default=None
        Extra Keras callbacks.
    class_weight : dict, "balanced" or None, default=None
        Weights of the classes in the loss.
    random_state : int, RandomState or None, default=None
        Seed of weights, batch order and validation split. The same seed gives
        the same fitted network.
    verbose : int, default=0
        0 prints nothing, 1 shows Keras' progress bar per epoch, 2 one line
        per epoch.
    distribution_strategy : str, tf.distribute.Strategy or None, default=None
        Train one network on several devices (data parallel): ``"mirrored"``
        uses every GPU, or every logical CPU device when there is no GPU. A
        ``tf.distribute.Strategy`` object works too, but an estimator holding
        one cannot be pickled (e.g. sent to Dask workers): prefer the name.
        ``None`` trains on the default device.

    Attributes
    ----------
    model_ : keras.Model
        The trained network (inputs ``values`` and ``mask``).
    history_ : dict
        Keras' training history (``loss``, ``accuracy``, ``val_*`` …).
    epoch_seconds_ : numpy.ndarray
        Wall-clock seconds of every epoch.
    n_epochs_ : int
        Number of epochs actually run.
    classes_ : numpy.ndarray
        Class labels.
    n_channels_ : int
        Channels seen in ``fit``.

    Examples
    --------
    >>> import numpy as np
    >>> from sktime_varlstm import LSTMClassifier
    >>> rng = np.random.default_rng(0)
    >>> X = [rng.normal(size=(t, 2)) for t in rng.integers(5, 15, size=12)]
    >>> y = np.array(["a", "b"] * 6)
    >>> clf = LSTMClassifier(units=(4,), dense_units=(), n_epochs=2, random_state=0)
    >>> clf = clf.fit(X, y)
    >>> clf.predict([rng.normal(size=(30, 2))]).shape
    (1,)
    """

    def __init__(
        self,
        network="lstm",
        units=(32, 64, 32),
        dense_units=None,
        dense_activation="relu",
        filters=(128, 256, 128),
        kernel_sizes=(8, 5, 3),
        normalization="batch",
        pooling=("average",),
        dropout=0.0,
        l2=0.01,
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
        self.network = network
        self.units = units
        self.dense_units = dense_units
        self.dense_activation = dense_activation
        self.filters = filters
        self.kernel_sizes = kernel_sizes
        self.normalization = normalization
        self.pooling = pooling
        self.dropout = dropout
        self.l2 = l2
        self.n_epochs = n_epochs
        self.batch_size = batch_size
        self.batching = batching
        self.max_timesteps_per_batch = max_timesteps_per_batch
        self.random_crop = random_crop
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.validation_split = validation_split
        self.early_stopping_patience = early_stopping_patience
        self.reduce_lr_patience = reduce_lr_patience
        self.callbacks = callbacks
        self.class_weight = class_weight
        self.random_state = random_state
        self.verbose = verbose
        self.distribution_strategy = distribution_strategy
        super().__init__()

    def _inner_series(self, X):
        return to_series_list(X)

    def _record_step_shape(self, step_shape):
        self.n_channels_ = step_shape[0]

    def _build_network(self, n_classes):
        if self.network not in NETWORKS:
            raise ValueError(
                f"network must be one of {NETWORKS}; got {self.network!r}."
            )
        # dense_units=None leaves each builder its own default
        dense = {} if self.dense_units is None else {"dense_units": self.dense_units}
        if self.network == "lstm_fcn":
            return build_lstm_fcn_network(
                self.n_channels_,
                n_classes,
                units=self.units,
                filters=self.filters,
                kernel_sizes=self.kernel_sizes,
                dropout=self.dropout,
                l2=self.l2,
                normalization=self.normalization,
                pooling=self.pooling,
                dense_activation=self.dense_activation,
                **dense,
            )
        return build_lstm_network(
            self.n_channels_,
            n_classes,
            units=self.units,
            dense_activation=self.dense_activation,
            **dense,
            dropout=self.dropout,
            l2=self.l2,
        )

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Small, fast parameter sets for sktime's conformance suite."""
        tiny = {"n_epochs": 2, "batch_size": 4, "random_state": 0}
        return [
            {
                **tiny,
                "units": (4,),
                "dense_units": (4,),
                "validation_split": 0.25,
                "early_stopping_patience": 1,
                "class_weight": "balanced",
                "random_crop": 0.8,
            },
            {
                **tiny,
                "network": "lstm_fcn",
                "units": (3,),
                "filters": (4, 4),
                "kernel_sizes": (3, 3),
                "normalization": "none",
                "pooling": ("average", "max"),
                "batching": "pad",
            },
        ]
