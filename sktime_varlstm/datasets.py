"""Data sets that ship with installed packages: nothing is downloaded.

``load_unequal_length_panel`` returns the sktime data sets used by the
command line and the benchmarks as plain lists of ``(T_i, C)`` arrays;
``make_moving_digits`` generates image sequences for ``ConvLSTMClassifier``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["DATASETS", "load_unequal_length_panel", "make_moving_digits"]  # noqa: F822

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

    from ._conversion import to_series_list

    loaders = {"japanese_vowels": load_japanese_vowels, "plaid": load_plaid}
    if name not in loaders:
        # the benchmarks' suite: shipped sets cut to unequal lengths
        from .benchmarks.suite import SUITE, load_suite_panel

        if name in SUITE:
            return load_suite_panel(name, split)
        raise ValueError(f"name must be one of {SUITE}; got {name!r}.")
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test'; got {split!r}.")
    X, y = loaders[name](split=split, return_type="nested_univ")
    return to_series_list(X), np.asarray(y)


def __getattr__(name):
    # imported on first use, so the command line's parser stays light
    if name == "make_moving_digits":
        from ._moving_digits import make_moving_digits

        return make_moving_digits
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
