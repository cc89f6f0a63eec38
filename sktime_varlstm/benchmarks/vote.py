"""A network and extra trees voting together: the PLAID accuracy configuration.

On PLAID the appliances differ first by how much current they draw, and a
forest on a dozen amplitude statistics per series errs on other series than
the LSTM-FCN does. :func:`network_and_trees` averages the two models'
class probabilities (scikit-learn's soft ``VotingClassifier``). On five
folds of PLAID's training split the vote is 3-5 points more accurate than
the network alone (``docs/benchmarks.md``).
"""

from __future__ import annotations

import numpy as np

from ..data import check_series_list, to_series_list

__all__ = ["log_amplitude_summary", "network_and_trees"]

# |x| below this counts as zero (on PLAID the quietest class's median
# deviation is about 0.005, fifty times more).
_AMPLITUDE_FLOOR = 1e-4
# Steps averaged at each end of a series (how it starts and how it ends).
_END_STEPS = 20
_PERCENTILES = (0, 5, 25, 50, 75, 95, 100)


def log_amplitude_summary(X) -> np.ndarray:
    """Twelve amplitude statistics of each channel of each series.

    Per channel, in this order: the 0, 5, 25, 50, 75, 95 and 100th
    percentiles of ``log(|x| + 1e-4)``; the log of the series' length; the
    log of the mean absolute step-to-step change; the log of the standard
    deviation; and the mean of ``log(|x| + 1e-4)`` over the first and over
    the last 20 steps. Series of any length give rows of the same width, so
    any scikit-learn model can learn from them.

    Parameters
    ----------
    X : panel
        Any input the package's estimators accept: a list of ``(T_i, C)``
        arrays, sktime ``numpy3D``, ``nested_univ``, ``pd-multiindex`` or
        ``df-list``.

    Returns
    -------
    numpy.ndarray
        ``(n_series, 12 * C)``, channel 0's twelve statistics first.

    Raises
    ------
    ValueError
        No series, an empty series, NaN or infinite values, or series with
        different numbers of channels.

    Examples
    --------
    >>> import numpy as np
    >>> summary = log_amplitude_summary([np.full(50, 2.0), np.ones((30, 1))])
    >>> summary.shape
    (2, 12)
    >>> summary[:, 7].round(3).tolist()  # log length
    [3.912, 3.401]
    """
    series = to_series_list(X)
    check_series_list(series)
    return np.array(
        [np.concatenate([_channel_summary(channel) for channel in s.T]) for s in series]
    )


def _channel_summary(x: np.ndarray) -> np.ndarray:
    log_amplitude = np.log(np.abs(x) + _AMPLITUDE_FLOOR)
    mean_change = np.abs(np.diff(x)).mean() if len(x) > 1 else 0.0
    return np.r_[
        np.percentile(log_amplitude, _PERCENTILES),
        np.log(len(x)),
        np.log(mean_change + 1e-5),
        np.log(x.std() + 1e-5),
        log_amplitude[:_END_STEPS].mean(),
        log_amplitude[-_END_STEPS:].mean(),
    ]


def network_and_trees(
    network, *, network_preprocessing=None, n_trees: int = 300, random_state=None
):
    """Average a network's class probabilities with those of extra trees.

    The trees (``ExtraTreesClassifier``) learn from
    :func:`log_amplitude_summary` of the raw series; the network sees them
    through ``network_preprocessing``. The result is a plain scikit-learn
    ``VotingClassifier`` with ``voting="soft"``: it fits, predicts, clones,
    pickles and grid searches like any scikit-learn classifier (parameters
    such as ``network__lstmclassifier__n_epochs``).

    Parameters
    ----------
    network : classifier
        A classifier with ``predict_proba`` that takes a panel, typically an
        :class:`~sktime_varlstm.LSTMClassifier`.
    network_preprocessing : callable or None
        A function in the style of
        :func:`~sktime_varlstm.benchmarks.preprocessing.shape_and_log_amplitude`
        (lists of series in, one list out per list in) applied to every panel the
        network sees. It must treat each series on its own: it is applied to
        the test panel alone.
    n_trees : int, default=300
        Trees in the forest.
    random_state : int or None
        Seed of the forest (the network keeps its own).

    Returns
    -------
    sklearn.ensemble.VotingClassifier
        Unfitted; its estimators are named ``"network"`` (a pipeline with the
        preprocessing and ``network``) and ``"trees"``.

    Examples
    --------
    >>> import numpy as np
    >>> from sktime_varlstm import LSTMClassifier
    >>> from sktime_varlstm.benchmarks.preprocessing import shape_and_log_amplitude
    >>> rng = np.random.default_rng(0)
    >>> X = [rng.normal(size=(int(t), 1)) * (1 + i % 2)
    ...      for i, t in enumerate(rng.integers(8, 20, size=12))]
    >>> y = np.array(["quiet", "loud"] * 6)
    >>> vote = network_and_trees(
    ...     LSTMClassifier(units=(4,), dense_units=(4,), n_epochs=1),
    ...     network_preprocessing=shape_and_log_amplitude,
    ...     n_trees=10,
    ...     random_state=0,
    ... )
    >>> vote.fit(X, y).predict_proba(X).shape
    (12, 2)
    """
    from sklearn.ensemble import ExtraTreesClassifier, VotingClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer

    prepare = FunctionTransformer(
        _prepare_panel, kw_args={"preprocessing": network_preprocessing}
    )
    trees = make_pipeline(
        FunctionTransformer(log_amplitude_summary),
        ExtraTreesClassifier(n_trees, random_state=random_state),
    )
    return VotingClassifier(
        [("network", make_pipeline(prepare, network)), ("trees", trees)],
        voting="soft",
    )


def _prepare_panel(X, preprocessing):
    if preprocessing is None:
        return X
    (prepared,) = preprocessing(to_series_list(X))
    return prepared
