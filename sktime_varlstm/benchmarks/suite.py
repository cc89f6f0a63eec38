"""The development suite: eight unequal-length classification data sets.

Everything ships inside sktime (nothing is downloaded). JapaneseVowels and
PLAID are unequal-length as they come. The other six are sktime's shipped
equal-length sets made unequal by one seeded rule, the same for train and
test: every series is cut to a random contiguous window of 40-100% of its
length (the window's share drawn uniformly from ``[0.4, 1]``, its start
uniformly from the positions where it fits; :func:`truncation_windows`).

==================  =====  ====  ========  =======  ================  ================
name                train  test  channels  classes  lengths, train    lengths, test
==================  =====  ====  ========  =======  ================  ================
japanese_vowels       270   370        12        9  7-26              7-29
plaid                 537   537         1       11  100-1344          134-1000
basic_motions          40    40         6        4  41-97 (100)       42-100
gunpoint               50   150         1        2  60-149 (150)      61-150
arrow_head             36   175         1        3  108-245 (251)     101-250
osuleaf               200   242         1        6  171-427 (427)     171-427
italy_power_demand     67  1029         1        2  10-24 (24)        10-24
acsf1                 100   100         1       10  588-1407 (1460)   589-1460
==================  =====  ====  ========  =======  ================  ================

(In brackets: the equal length the series had before they were cut.)
"""

from __future__ import annotations

import zlib

import numpy as np

from .._batching import random_window
from .._conversion import to_series_list

__all__ = [
    "MIN_FRACTION",
    "SUITE",
    "TRUNCATION_SEED",
    "load_suite_panel",
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
    :func:`~sktime_varlstm._batching.random_window`.

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


def load_suite_panel(name: str, split: str):
    """Load suite data set ``name`` as ``(series, labels)``.

    Parameters
    ----------
    name : str
        One of :data:`SUITE` (see the module docstring for sizes).
    split : {"train", "test"}

    Returns
    -------
    series, labels
        A list of ``(T_i, C)`` float32 arrays and an array of their labels,
        as :func:`sktime_varlstm.datasets.load_unequal_length_panel` gives.

    Examples
    --------
    >>> X, y = load_suite_panel("italy_power_demand", "train")
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
