"""Data sets that ship with installed packages: nothing is downloaded.

``load_unequal_length_panel`` returns the sktime data sets used in the
package's command line and benchmarks as plain lists of ``(T_i, C)`` arrays.
"""

from __future__ import annotations

import numpy as np

from ._conversion import to_series_list

__all__ = ["DATASETS", "channel_scale", "load_unequal_length_panel"]

DATASETS = ("japanese_vowels", "plaid")


def load_unequal_length_panel(name: str, split: str):
    """Load a data set that ships with sktime as ``(series, labels)``.

    Parameters
    ----------
    name : {"japanese_vowels", "plaid"}
        JapaneseVowels: 270 train / 370 test series, 12 channels, lengths
        7-29, 9 speakers. PLAID: 537 / 537 series, 1 channel, lengths
        100-1344, 11 appliance types.
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

    loaders = {"japanese_vowels": load_japanese_vowels, "plaid": load_plaid}
    if name not in loaders:
        raise ValueError(f"name must be one of {DATASETS}; got {name!r}.")
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test'; got {split!r}.")
    X, y = loaders[name](split=split, return_type="nested_univ")
    return to_series_list(X), np.asarray(y)


def channel_scale(series) -> np.ndarray:
    """Standard deviation of each channel over all time steps of ``series``.

    The command line and the benchmark divide every series by the scale of
    the *training* series: amplitudes stay comparable across series (PLAID's
    appliances differ by orders of magnitude), and no test data is looked at.

    Examples
    --------
    >>> channel_scale([np.array([[1.0], [-1.0]]), np.array([[1.0], [-1.0]])])
    array([1.])
    """
    return np.concatenate(series).std(axis=0) + 1e-8
