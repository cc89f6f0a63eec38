"""Data sets that ship with installed packages: nothing is downloaded.

``load_unequal_length_panel`` returns the sktime data sets used in the
package's command line and benchmarks as plain lists of ``(T_i, C)`` arrays.
"""

from __future__ import annotations

import numpy as np

from ._conversion import to_series_list
from ._moving_digits import make_moving_digits

__all__ = [
    "DATASETS",
    "load_unequal_length_panel",
    "make_moving_digits",
    "shape_and_log_amplitude",
    "standardize",
    "z_normalize_each",
]

DATASETS = ("japanese_vowels", "plaid")


def load_unequal_length_panel(name: str, split: str):
    """Load a data set that ships with sktime as ``(series, labels)``.

    Parameters
    ----------
    name : str
        ``"japanese_vowels"`` (270 train / 370 test series, 12 channels,
        lengths 7-29, 9 speakers), ``"plaid"`` (537 / 537 series, 1 channel,
        lengths 100-1344, 11 appliance types), or any other name of the
        development suite, :data:`sktime_varlstm.benchmarks.suite.SUITE`:
        sktime's equal-length sets cut to seeded random windows (sizes in
        :mod:`sktime_varlstm.benchmarks.suite`).
    split : {"train", "test"}

    Returns
    -------
    series : list of numpy.ndarray
        One ``(T_i, C)`` float32 array per series.
    labels : numpy.ndarray
        Class label of each series.

    Examples
    --------
    >>> X, y = load_unequal_length_panel("japanese_vowels", "train")
    >>> len(X), X[0].shape[1], min(len(s) for s in X), max(len(s) for s in X)
    (270, 12, 7, 26)
    """
    from sktime.datasets import load_japanese_vowels, load_plaid

    from .benchmarks.suite import SUITE, load_suite_panel

    loaders = {"japanese_vowels": load_japanese_vowels, "plaid": load_plaid}
    if name not in loaders:
        if name in SUITE:
            return load_suite_panel(name, split)
        raise ValueError(f"name must be one of {SUITE}; got {name!r}.")
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test'; got {split!r}.")
    X, y = loaders[name](split=split, return_type="nested_univ")
    return to_series_list(X), np.asarray(y)


def standardize(train, *others):
    """Z-score every channel with the mean and deviation of ``train``.

    Statistics are taken over all time steps of the *training* series only,
    then applied to ``train`` and to every list in ``others`` (test data is
    never looked at). Amplitudes stay comparable across series, which matters
    on PLAID, whose appliances differ by orders of magnitude.

    Returns
    -------
    list of list of numpy.ndarray
        ``[train, *others]``, standardized.

    Examples
    --------
    >>> train = [np.array([[1.0], [3.0]]), np.array([[1.0], [3.0]])]
    >>> standardize(train, [np.array([[2.0]])])[1][0].tolist()
    [[0.0]]
    """
    steps = np.concatenate(train)
    mean, scale = steps.mean(axis=0), steps.std(axis=0) + 1e-8
    return [
        [((s - mean) / scale).astype("float32") for s in part]
        for part in (train, *others)
    ]


def z_normalize_each(*parts):
    """Z-normalize every series by its own mean and deviation, per channel.

    The usual preprocessing of the UCR archive: it removes each series'
    offset and amplitude, keeping its shape. Needs no statistics from the
    training split, so train and test are treated alike.

    Examples
    --------
    >>> z_normalize_each([np.array([[1.0], [3.0]])])[0][0].ravel().tolist()
    [-1.0, 1.0]
    """
    return [[_z_normalized(s).astype("float32") for s in p] for p in parts]


def _z_normalized(series):
    return (series - series.mean(axis=0)) / (series.std(axis=0) + 1e-8)


def shape_and_log_amplitude(*parts, floor: float = 0.01):
    """Two channels per input channel: the series' shape and its log amplitude.

    Channel ``2c`` is channel ``c`` z-normalized by its own mean and deviation
    (its shape, as in :func:`z_normalize_each`); channel ``2c + 1`` is
    ``sign(x) * log(1 + |x| / floor) / 5``, which keeps the amplitude that
    z-normalization removes, compressed so values from ``floor`` to
    ``10**4 * floor`` span about 0.1 to 2. Each series is transformed on its
    own, so no statistics of the training split are needed and train and test
    are treated alike.

    On PLAID the amplitude tells appliances apart (median deviation from 0.005
    to 39 between classes) and the shape tells apart those of a similar
    amplitude; z-normalization alone throws the amplitude away.

    Parameters
    ----------
    *parts : list of numpy.ndarray
        Lists of ``(T_i, C)`` series.
    floor : float
        Amplitudes well below ``floor`` are treated as noise around zero
        (compressed linearly, not logarithmically).

    Returns
    -------
    list of list of numpy.ndarray
        One list per part, of ``(T_i, 2 * C)`` float32 series.

    Examples
    --------
    >>> (train,) = shape_and_log_amplitude([np.array([[0.0], [0.99]])])
    >>> train[0].astype(float).round(3).tolist()
    [[-1.0, 0.0], [1.0, 0.921]]
    """
    return [
        [_shape_and_log_amplitude(np.asarray(s, dtype="float64"), floor) for s in p]
        for p in parts
    ]


def _shape_and_log_amplitude(series, floor):
    shape = _z_normalized(series)
    amplitude = np.sign(series) * np.log1p(np.abs(series) / floor) / 5.0
    channels = np.stack([shape, amplitude], axis=2).reshape(len(series), -1)
    return channels.astype("float32")


# How the benchmark prepares each data set for the article's network (its
# strategy rows): JapaneseVowels' channels are z-scored with training
# statistics; PLAID's series, whose amplitudes span orders of magnitude, are
# z-normalized one by one. The accuracy configurations, also used by
# ``varlstm demo``, have their own: ``benchmark.BEST_PREPROCESSING``.
PREPROCESSING = {"japanese_vowels": standardize, "plaid": z_normalize_each}
