"""Classifiers from other packages that the benchmarks compare against.

:class:`MiniRocketRidge` is what a user with sktime installed would pick today
for unequal-length panels: ``MiniRocketMultivariateVariable`` features, scaled,
into a ridge classifier with built-in cross-validation of its penalty.
:func:`padded_lstm_fcn` is sktime's own LSTM-FCN on series padded to one
length; it takes :func:`to_nested` panels.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

__all__ = ["MiniRocketRidge", "padded_lstm_fcn", "to_nested", "warm_up_minirocket"]

# MiniRocket's kernels have length 9: shorter series (JapaneseVowels has
# series of 7 steps) are padded to 9 steps with this value.
_SHORT_SERIES_PAD = 0.0


class MiniRocketRidge:
    """``MiniRocketMultivariateVariable`` -> ``StandardScaler`` -> ridge.

    The three steps are chained by hand, not with ``sklearn.pipeline.Pipeline``:
    with scikit-learn 1.9 a ``Pipeline`` sets ``_parent_callback_ctx`` on
    each step, sktime's ``reset`` (run at the start of ``fit``) drops it, and
    the pipeline then fails with ``AttributeError: ... '_parent_callback_ctx'``.

    Parameters
    ----------
    num_kernels : int, default=10000
        MiniRocket kernels (rounded down to a multiple of 84).
    random_state : int or None, default=None
        Seed of MiniRocket's biases.

    Attributes
    ----------
    classes_ : numpy.ndarray
        Class labels.

    Examples
    --------
    Not run as a doctest: numba compiles MiniRocket on its first use in an
    installation (about 50 s on 2 cores; cached on disk afterwards).

    >>> rng = np.random.default_rng(0)
    >>> X = [rng.normal(size=(int(t), 2)) for t in rng.integers(10, 30, size=8)]
    >>> y = np.array(["a", "b"] * 4)
    >>> peer = MiniRocketRidge(num_kernels=84, random_state=0)
    >>> peer.fit(X, y).predict(X[:3]).shape  # doctest: +SKIP
    (3,)
    """

    def __init__(self, num_kernels=10000, random_state=None):
        self.num_kernels = num_kernels
        self.random_state = random_state

    def fit(self, X, y):
        """Fit on a list of ``(T_i, C)`` arrays and their labels."""
        from sklearn.linear_model import RidgeClassifierCV
        from sklearn.preprocessing import StandardScaler
        from sktime.transformations.panel.rocket import (
            MiniRocketMultivariateVariable,
        )

        self.rocket_ = MiniRocketMultivariateVariable(
            num_kernels=self.num_kernels,
            pad_value_short_series=_SHORT_SERIES_PAD,
            random_state=self.random_state,
        )
        with warnings.catch_warnings():
            # it suggests the univariate MiniRocket, which needs equal lengths
            warnings.filterwarnings("ignore", "X is univariate", UserWarning)
            features = self.rocket_.fit_transform(_to_df_list(X))
        self.scaler_ = StandardScaler(with_mean=False)
        features = self.scaler_.fit_transform(features)
        self.ridge_ = RidgeClassifierCV(alphas=np.logspace(-3, 3, 10))
        self.ridge_.fit(features, np.asarray(y))
        self.classes_ = self.ridge_.classes_
        return self

    def predict(self, X):
        """Predict a label for each series of ``X``."""
        features = self.scaler_.transform(self.rocket_.transform(_to_df_list(X)))
        return self.ridge_.predict(features)


def _to_df_list(series):
    """sktime's ``df-list``: one frame per series, time in rows."""
    return [pd.DataFrame(np.asarray(s, dtype="float64")) for s in series]


def padded_lstm_fcn(longest, random_state, **params):
    """sktime's ``LSTMFCNClassifier`` after a ``PaddingTransformer`` to ``longest``.

    ``longest``: the longest series it will see, training or test (a length
    only); ``params`` go to the classifier (batches of 32).
    """
    from sktime.classification.deep_learning import LSTMFCNClassifier
    from sktime.transformations.panel.padder import PaddingTransformer

    return PaddingTransformer(pad_length=longest) * LSTMFCNClassifier(
        batch_size=32, random_state=random_state, **params
    )


def to_nested(series):
    """sktime's ``nested_univ`` panel of a list of ``(T_i, C)`` arrays."""
    from sktime.datatypes import convert_to

    return convert_to([pd.DataFrame(s) for s in series], to_type="nested_univ")


def warm_up_minirocket(runs) -> None:
    """Compile MiniRocket's numba functions before any timed run of it.

    They compile once per installation (cached on disk), about 50 s on 2
    cores: a user pays that once, so no timed run does.
    """
    from ._record import in_fresh_process

    if any(run.method == "minirocket" for run in runs):
        in_fresh_process(_compile_minirocket)


def _compile_minirocket():
    from sktime.transformations.panel.rocket import MiniRocketMultivariateVariable

    rng = np.random.default_rng(0)
    X = _to_df_list([rng.normal(size=(int(t), 2)) for t in (18, 20, 22, 24)])
    MiniRocketMultivariateVariable(num_kernels=84, random_state=0).fit_transform(X)
