"""How the benchmarks prepare series before training: pure functions, per part.

Each function takes lists of ``(T_i, C)`` series (the training split first)
and returns them transformed; none looks at a test split's statistics.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "PREPROCESSING",
    "resample",
    "shape_and_log_amplitude",
    "standardize",
    "z_normalize_each",
    "z_normalized",
]


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
    return [[z_normalized(s).astype("float32") for s in p] for p in parts]


def z_normalized(series):
    """One ``(T, C)`` series minus its mean, over its deviation, per channel."""
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
    shape = z_normalized(series)
    amplitude = np.sign(series) * np.log1p(np.abs(series) / floor) / 5.0
    channels = np.stack([shape, amplitude], axis=2).reshape(len(series), -1)
    return channels.astype("float32")


# How the benchmark prepares each data set for the article's network (its
# strategy rows): JapaneseVowels' channels are z-scored with training
# statistics; PLAID's series, whose amplitudes span orders of magnitude, are
# z-normalized one by one. The accuracy configurations have their own:
# ``classification.BEST_PREPROCESSING``.
PREPROCESSING = {"japanese_vowels": standardize, "plaid": z_normalize_each}


def resample(series, length):
    """Linearly interpolate a ``(T, C)`` series to ``length`` time steps.

    Examples
    --------
    >>> resample(np.array([[0.0], [2.0]]), 3).ravel().tolist()
    [0.0, 1.0, 2.0]
    """
    old = np.linspace(0, 1, len(series))
    new = np.linspace(0, 1, length)
    columns = [np.interp(new, old, series[:, c]) for c in range(series.shape[1])]
    return np.stack(columns, axis=1).astype("float32")
