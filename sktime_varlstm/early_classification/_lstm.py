"""An LSTM that names a series' class while the series arrives."""

from __future__ import annotations

from ..base import (
    CLASSIFIER_CONSTRAINTS,
    FRACTION,
    NON_NEGATIVE,
    POSITIVE_INT,
    POSITIVE_SIZES,
    TEST_BATCH_SIZE,
    Sequence,
    document_shared_parameters,
    store_parameters,
    training_constraints,
)
from ..networks import build_per_step_lstm_network
from ._base import DECISION_CONSTRAINTS, VarLengthEarlyClassifier

__all__ = ["LSTMEarlyClassifier"]


@document_shared_parameters
class LSTMEarlyClassifier(VarLengthEarlyClassifier):
    """Classify series of unequal length while they arrive, from one causal LSTM.

    A forward LSTM gives class probabilities after every step of a series,
    trained with the cross-entropy of every step against the series' class,
    so every prefix is classified. A decision rule reads those
    probabilities: by default, decide at the first step where the top class
    has been at least ``threshold`` likely for ``consecutive`` steps and at
    least ``min_length`` steps have been read. ``predict`` returns each
    series' label and whether it is decided; ``update_predict`` takes longer
    prefixes of the undecided series and reads only their new steps, from
    the LSTM states kept in ``state_info``. ``score`` takes complete series
    (each decided at its end if not before) and returns sktime's harmonic
    mean of accuracy and ``1 - earliness``, the accuracy and the earliness,
    the decision step over each series' own length.

    Parameters
    ----------
    units : tuple of int, default=(64,)
        Units of each forward LSTM layer.
    dense_units : tuple of int, default=()
        Dense layers applied to every step after the last LSTM.
    dropout : float, default=0.0
        Dropout after each layer in training.
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
        ``None``: :class:`~sktime_varlstm.early_classification.ConfidenceRule`
        with ``threshold``, ``consecutive`` and ``min_length``. Otherwise a
        rule such as
        :class:`~sktime_varlstm.early_classification.FallingThresholdRule`,
        used as given; a dataclass rule with a ``threshold`` field (as those
        two) gets its threshold from ``threshold`` (``"auto"``: chosen as
        above), any other callable is used as it is.
    input_scaling : {"channels"} or None, default="channels"
        ``"channels"``: every channel z-scored with training statistics, step
        by step (a prefix needs nothing from later steps). ``None``: series
        as given.
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
        the steps read, their probabilities and the LSTM states.

    Examples
    --------
    >>> import numpy as np
    >>> from sktime_varlstm.early_classification import LSTMEarlyClassifier
    >>> rng = np.random.default_rng(0)
    >>> y = np.array([0, 1] * 8)
    >>> X = [rng.normal(c, 1, size=(n, 1)) for c, n in zip(y, range(8, 24))]
    >>> clf = LSTMEarlyClassifier(units=(4,), n_epochs=2, random_state=0).fit(X, y)
    >>> labels, decided = clf.predict([s[:5] for s in X[:3]])
    >>> labels.shape, decided.dtype
    ((3,), dtype('bool'))
    >>> [p.shape for p in clf.predict_proba_per_step(X[:2])] == [
    ...     (len(X[0]), 2), (len(X[1]), 2)
    ... ]
    True
    """

    _hyperparameter_constraints = {
        **training_constraints(),
        **CLASSIFIER_CONSTRAINTS,
        "units": [POSITIVE_SIZES],
        "dense_units": [Sequence(POSITIVE_INT)],
        "dropout": [FRACTION],
        "l2": [NON_NEGATIVE],
        **DECISION_CONSTRAINTS,
    }

    def __init__(
        self,
        *,
        units=(64,),
        dense_units=(),
        dropout=0.0,
        l2=0.0,
        threshold="auto",
        consecutive=1,
        min_length=1,
        rule=None,
        input_scaling="channels",
        n_epochs="auto",
        batch_size=16,
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
        return build_per_step_lstm_network(
            self.n_channels_,
            len(self.classes_),
            units=self.units,
            dense_units=self.dense_units,
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
            tiny,
            {**tiny, "threshold": 0.8, "consecutive": 2, "input_scaling": None},
        ]
