"""The classification data sets: sktime's shipped sets, unequal in length."""

from __future__ import annotations

import zlib

import numpy as np

from ..data import random_window, to_series_list

__all__ = [
    "MIN_FRACTION",
    "SUITE",
    "TRUNCATION_SEED",
    "load_unequal_length_panel",
    "truncation_windows",
]

# name -> (sktime.datasets loader, cut to random windows?)
_SOURCES = {
    "japanese_vowels": ("load_japanese_vowels", False),
    "plaid": ("load_plaid", False),
    "basic_motions": ("load_basic_motions", True),
    "gunpoint": ("load_gunpoint", True),
    "arrow_head": ("load_arrow_head", True),
    "osuleaf": ("load_osuleaf", True),
    "italy_power_demand": ("load_italy_power_demand", True),
    "acsf1": ("load_acsf1", True),
}
SUITE = tuple(_SOURCES)

# Shortest window, as a share of the series' length.
MIN_FRACTION = 0.4
# Base seed of the windows; each data set and split draws from its own stream.
TRUNCATION_SEED = 0


def truncation_windows(lengths, name: str, split: str, seed: int = TRUNCATION_SEED):
    """The window every series of ``name``'s ``split`` is cut to.

    One generator per data set and split, seeded with ``seed`` and a checksum
    of ``"name/split"`` (stable across runs and machines, unlike ``hash``),
    draws the windows in series order with
    :func:`~sktime_varlstm.data.random_window`.

    Examples
    --------
    >>> windows = truncation_windows([10, 10, 10], "gunpoint", "train")
    >>> [4 <= w.stop - w.start <= 10 for w in windows]
    [True, True, True]
    >>> windows == truncation_windows([10, 10, 10], "gunpoint", "train")
    True
    """
    stream = zlib.crc32(f"{name}/{split}".encode())
    rng = np.random.default_rng([seed, stream])
    return [random_window(int(n), MIN_FRACTION, rng) for n in lengths]


def load_unequal_length_panel(name: str, split: str):
    """Load data set ``name`` as ``(series, labels)``: lists of ``(T_i, C)`` arrays.

    Parameters
    ----------
    name : str
        One of :data:`SUITE`: ``"japanese_vowels"`` and ``"plaid"`` as
        shipped, the others cut to seeded random windows (sizes in the
        module docstring).
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
    >>> X, y = load_unequal_length_panel("italy_power_demand", "train")
    >>> len(X), X[0].shape[1], min(len(s) for s in X) < max(len(s) for s in X)
    (67, 1, True)
    """
    if name not in _SOURCES:
        raise ValueError(f"name must be one of {SUITE}; got {name!r}.")
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test'; got {split!r}.")
    import sktime.datasets

    loader, cut = _SOURCES[name]
    X, y = getattr(sktime.datasets, loader)(split=split, return_type="nested_univ")
    series = to_series_list(X)
    if cut:
        windows = truncation_windows([len(s) for s in series], name, split)
        series = [s[w] for s, w in zip(series, windows, strict=True)]
    return series, np.asarray(y)
