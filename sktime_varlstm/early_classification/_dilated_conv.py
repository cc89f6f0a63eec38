"""Causal dilated convolutions that name a series' class while it arrives."""

from __future__ import annotations

from ..base import (
    CLASSIFIER_CONSTRAINTS,
    FRACTION,
    NON_NEGATIVE,
    POSITIVE_INT,
    POSITIVE_SIZES,
    TEST_BATCH_SIZE,
    document_shared_parameters,
    store_parameters,
    training_constraints,
)
from ..networks import build_per_step_dilated_conv_network
from ._base import DECISION_CONSTRAINTS, VarLengthEarlyClassifier

__all__ = ["DilatedConvEarlyClassifier"]


@document_shared_parameters
class DilatedConvEarlyClassifier(VarLengthEarlyClassifier):
    """Classify series of unequal length while they arrive, from causal convolutions.

    The early twin of :class:`~sktime_varlstm.DilatedConvClassifier`:
    dilated residual convolutions made causal, whose every block is pooled
    as the series goes (the mean and the max over the real steps read so
    far), give class probabilities after every step
    (:func:`~sktime_varlstm.networks.build_per_step_dilated_conv_network`).
    It is trained with the cross-entropy of every step against the series'
    class. A decision rule reads those probabilities, as in
    :class:`LSTMEarlyClassifier`; ``update_predict`` reads only the new
    steps, from each block's receptive-field tail and running pools kept in
    ``state_info``. ``score`` takes complete series and returns sktime's
    harmonic mean of accuracy and ``1 - earliness``, the accuracy and the
    earliness (the decision step over each series' own length).

    Parameters
    ----------
    filters : int, default=32
        Filters of every convolution block (as ``DilatedConvClassifier``).
    kernel_size : int, default=7
        Kernel width of every convolution block.
    dilations : tuple of int, default=(1, 2, 4, 8, 16, 32)
        Dilation rate of each block; a step's row sees every step before it
        through the running pools, and the last ``1 + (kernel_size - 1) *
        sum(dilations)`` steps through the convolutions.
    dropout : float, default=0.2
        Dropout before the output layer in training.
    l2 : float, default=0.0
        L2 penalty on the output layer's kernel.
    threshold : float or "auto", default="auto"
        The top class probability that decides. ``"auto"``: chosen in
        ``fit`` to maximise the harmonic mean on a held-out quarter of the
        training series (a network trained on the other three quarters);
        the final network is then trained on every series.
    consecutive : int, default=1
        Steps in a row the threshold must hold.
    min_length : int, default=1
        Steps read before any decision.
    rule : callable or None, default=None
        ``None``: :class:`ConfidenceRule` with ``threshold``, ``consecutive``
        and ``min_length``; otherwise used as in :class:`LSTMEarlyClassifier`.
    input_scaling : {"channels"} or None, default="channels"
        ``"channels"``: every channel z-scored with training statistics, step
        by step (a prefix needs nothing from later steps; a series'
        own z-normalisation would). ``None``: series as given.
    {shared parameters}

    Attributes
    ----------
    {trained attributes}
    classes_ : numpy.ndarray
        Class labels, in the order of the probability columns.
    rule_ : callable
        The decision rule used, with its threshold.
    threshold_scores_ : dict
        With ``threshold="auto"``: ``threshold -> (harmonic mean, accuracy,
        earliness)`` on the held-out series.
    state_info : numpy.ndarray or None
        After ``predict`` or ``update_predict``: one record per series given,
        the steps read, their probabilities and the kept tails and pools.

    Examples
    --------
    >>> import numpy as np
    >>> from sktime_varlstm.early_classification import DilatedConvEarlyClassifier
    >>> rng = np.random.default_rng(0)
    >>> y = np.array([0, 1] * 8)
    >>> X = [rng.normal(c, 1, size=(n, 1)) for c, n in zip(y, range(8, 24))]
    >>> clf = DilatedConvEarlyClassifier(
    ...     filters=4, dilations=(1, 2), n_epochs=2, random_state=0
    ... ).fit(X, y)
    >>> labels, decided = clf.predict([s[:5] for s in X[:3]])
    >>> labels.shape, decided.dtype
    ((3,), dtype('bool'))
    """

    _hyperparameter_constraints = {
        **training_constraints(),
        **CLASSIFIER_CONSTRAINTS,
        "filters": [POSITIVE_INT],
        "kernel_size": [POSITIVE_INT],
        "dilations": [POSITIVE_SIZES],
        "dropout": [FRACTION],
        "l2": [NON_NEGATIVE],
        **DECISION_CONSTRAINTS,
    }

    def __init__(
        self,
        *,
        filters=32,
        kernel_size=7,
        dilations=(1, 2, 4, 8, 16, 32),
        dropout=0.2,
        l2=0.0,
        threshold="auto",
        consecutive=1,
        min_length=1,
        rule=None,
        input_scaling="channels",
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

    def _build_network(self):
        return build_per_step_dilated_conv_network(
            self.n_channels_,
            len(self.classes_),
            filters=self.filters,
            kernel_size=self.kernel_size,
            dilations=self.dilations,
            dropout=self.dropout,
            l2=self.l2,
        )

    @classmethod
    def get_test_params(cls, parameter_set="default"):
        """Small, fast parameter sets for sktime's conformance suite."""
        tiny = {
            "filters": 4,
            "kernel_size": 3,
            "dilations": (1, 2),
            "n_epochs": 2,
            "batch_size": TEST_BATCH_SIZE,
            "random_state": 0,
        }
        return [
            tiny,
            {**tiny, "threshold": 0.8, "consecutive": 2, "input_scaling": None},
        ]
