"""LSTM classifier for time series of unequal length."""

from __future__ import annotations

from ..base import (
    RECURRENT_CONSTRAINTS,
    TEST_BATCH_SIZE,
    document_shared_parameters,
    store_parameters,
)
from ..networks import build_lstm_network
from ._base import VarLengthClassifier

__all__ = ["LSTMClassifier"]


@document_shared_parameters
class LSTMClassifier(VarLengthClassifier):
    """Recurrent classifier that trains on series of their true, unequal lengths.

    Series are never resampled. They are grouped into batches by length
    (``batching``), padded at most to the longest series of their batch, and
    the padding is masked, so a series gets the same prediction whatever batch
    it travels in. Works on univariate and multivariate panels; predicts on
    lengths never seen in ``fit``. The network is stacked LSTMs, dense layers
    and a softmax output; by default the article's (LSTM 32-64-32, Dense 100).
    Its defaults are not tuned to generalise: with no arguments, prefer
    :class:`~sktime_varlstm.DilatedConvClassifier` (the docs' benchmark page).

    Parameters
    ----------
    units : tuple of int, default=(32, 64, 32)
        Units of the stacked LSTM layers.
    dense_units : tuple of int, default=(100,)
        Units of the dense layers between the last LSTM and the output layer.
    dense_activation : str, default="relu"
        Activation of those dense layers; ``"linear"`` rebuilds the article's.
    dropout : float, default=0.0
        Dropout rate after recurrent and dense layers.
    l2 : float, default=0.01
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
    >>> from sktime_varlstm import LSTMClassifier
    >>> rng = np.random.default_rng(0)
    >>> X = [rng.normal(size=(t, 2)) for t in rng.integers(5, 15, size=12)]
    >>> y = np.array(["a", "b"] * 6)
    >>> clf = LSTMClassifier(units=(4,), dense_units=(), n_epochs=2, random_state=0)
    >>> clf = clf.fit(X, y)
    >>> clf.predict([rng.normal(size=(30, 2))]).shape
    (1,)
    """

    _hyperparameter_constraints = {
        **VarLengthClassifier._hyperparameter_constraints,
        **RECURRENT_CONSTRAINTS,
    }

    def __init__(
        self,
        *,
        units=(32, 64, 32),
        dense_units=(100,),
        dense_activation="relu",
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
        store_parameters(self, locals())
        super().__init__()

    def _fit_options(self):
        return {"crop": self.random_crop}

    def _build_network(self, n_classes):
        return build_lstm_network(
            self.n_channels_,
            n_classes,
            units=self.units,
            dense_units=self.dense_units,
            dense_activation=self.dense_activation,
            dropout=self.dropout,
            l2=self.l2,
        )

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Small, fast parameter sets for sktime's conformance suite."""
        tiny = {
            "units": (4,),
            "n_epochs": 2,
            "batch_size": TEST_BATCH_SIZE,
            "random_state": 0,
        }
        return [
            {
                **tiny,
                "dense_units": (4,),
                "validation_split": 0.25,
                "early_stopping_patience": 1,
                "class_weight": "balanced",
                "random_crop": 0.8,
            },
            {**tiny, "units": (3, 3), "dense_units": (), "batching": "pad"},
        ]
