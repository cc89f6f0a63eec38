"""How the benchmarks prepare series before training: pure functions.

The preparations take lists of ``(T_i, C)`` series (the training split
first) and return them transformed; none looks at a test split's
statistics. :func:`subsample` picks the few series of a ``--quick`` run.
"""

from __future__ import annotations

import numpy as np

from ..data import z_normalized

__all__ = [
    "PREPROCESSING",
    "resample",
    "standardize",
    "subsample",
    "z_normalize_each",
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
    return [[z_normalized(s, axis=0).astype("float32") for s in p] for p in parts]


# How the classification benchmark prepares each data set for the article's
# network: JapaneseVowels' channels are z-scored with training statistics;
# PLAID's series, whose amplitudes span orders of magnitude, are z-normalized
# one by one.
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


def subsample(series, labels, per_class):
    """At most ``per_class`` series of every class, evenly spaced, in order.

    What a ``--quick`` run keeps of a split: every class, a few series each
    (the files are often sorted by class, so the first few would be one).

    Examples
    --------
    >>> X = [np.full((2, 1), i) for i in range(6)]
    >>> kept, y = subsample(X, np.array(list("aaaabb")), per_class=2)
    >>> [int(s[0, 0]) for s in kept], y.tolist()
    ([0, 3, 4, 5], ['a', 'a', 'b', 'b'])
    """
    labels = np.asarray(labels)
    keep = []
    for label in np.unique(labels):
        members = np.flatnonzero(labels == label)
        n = min(per_class, len(members))
        keep += members[np.linspace(0, len(members) - 1, n).astype(int)].tolist()
    keep = np.sort(keep)
    return [series[i] for i in keep], labels[keep]
