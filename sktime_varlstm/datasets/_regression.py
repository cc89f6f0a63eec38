"""The regression data sets: a number to predict from series of unequal length.

:func:`load_regression_panel` loads four data sets (:data:`REGRESSION_SETS`)
as lists of ``(T_i, C)`` float32 arrays and float64 targets. Two ship with
sktime (nothing is downloaded), two are generated with a known answer.

``covid_3month``
    sktime's Covid3Month: 201 countries' daily confirmed cases over 84 days,
    target the country's death rate over the following month. Every series
    is cut to its **last** 40-100 % of days (the share drawn uniformly from
    ``[0.4, 1]``, at least one day kept; one seeded stream per split, the
    same rule for train and test): countries' records start on different
    days, and the last days are the ones before the target's month.
``tecator``
    sktime's Tecator **as shipped**: near-infrared absorbance spectra of
    meat samples (100 wavelengths, one channel), target the fat content
    (%). Equal length: a window would cut away wavelengths.
``sine_frequency``
    ``a sin(2 pi f t + phi) + noise``, ``t = 0 .. T-1``; target ``f``, in
    cycles per step, uniform in ``[0.02, 0.25]`` (a period of 4 to 50
    steps). Amplitude ``a`` uniform in ``[0.5, 2]``, phase ``phi`` uniform
    in ``[0, 2 pi)``, Gaussian noise of standard deviation 0.3.
``damped_decay``
    ``a exp(-lambda t) cos(2 pi f t + phi) + noise``; target the decay rate
    ``lambda``, uniform in ``[0.005, 0.1]`` per step (the envelope falls to
    ``exp(-0.1) = 0.90`` to ``exp(-2) = 0.14`` of its start within the
    shortest series, 20 steps). Amplitude ``a`` uniform in ``[1, 2]``,
    frequency ``f`` uniform in ``[0.02, 0.1]`` cycles per step, phase
    uniform in ``[0, 2 pi)``, Gaussian noise of standard deviation 0.1.

The generated sets hold 200 training and 200 test series, one channel each,
lengths uniform in ``20..500`` (integers, both ends included). Each split is
drawn from its own generator, seeded with ``TRUNCATION_SEED`` and a
checksum of ``"name/split"`` (the suite's rule,
:func:`~sktime_varlstm.datasets.truncation_windows`), so train and test
differ and every call returns the same data.

==============  =====  ====  ========  ===============  ===============  ===============
name            train  test  channels  lengths, train   lengths, test    target
==============  =====  ====  ========  ===============  ===============  ===============
covid_3month      140    61         1  34-84 (84)       35-84 (84)       0-0.18
tecator           172    43         1  100              100              0.9-49.1
sine_frequency    200   200         1  20-500           20-500           0.02-0.25
damped_decay      200   200         1  20-500           20-500           0.005-0.1
==============  =====  ====  ========  ===============  ===============  ===============

(In brackets: the equal length the series had before they were cut. The
target column gives the range of the data: the shipped sets' observed
ranges over both splits, rounded; the generated sets' ranges they are
drawn from.)

Examples
--------
>>> X, y = load_regression_panel("sine_frequency", "train")
>>> len(X), X[0].dtype, X[0].shape[1], y.dtype
(200, dtype('float32'), 1, dtype('float64'))
>>> 20 <= min(len(s) for s in X) and max(len(s) for s in X) <= 500
True
>>> bool(0.02 <= y.min() and y.max() <= 0.25)
True
>>> X_test, y_test = load_regression_panel("sine_frequency", "test")
>>> bool(y_test[0] != y[0])  # the test split is drawn from its own stream
True
"""

from __future__ import annotations

import zlib

import numpy as np

from ..data import to_series_list
from ._suite import MIN_FRACTION, TRUNCATION_SEED

__all__ = ["REGRESSION_SETS", "load_regression_panel"]

REGRESSION_SETS = ("covid_3month", "tecator", "sine_frequency", "damped_decay")

# the shipped sets: name -> (sktime.datasets loader, cut to the last days?)
_SHIPPED = {
    "covid_3month": ("load_covid_3month", True),
    "tecator": ("load_tecator", False),
}
# the generated sets: series per split, shortest and longest length
_GENERATED_SIZE = 200
_LENGTHS = (20, 500)


def _stream(name: str, split: str) -> np.random.Generator:
    """The generator of ``name``'s ``split``: the suite's seeding rule."""
    return np.random.default_rng(
        [TRUNCATION_SEED, zlib.crc32(f"{name}/{split}".encode())]
    )


def _tail_lengths(lengths, name: str, split: str) -> list[int]:
    """How many of its last steps each series of ``name``'s ``split`` keeps.

    The kept share is drawn uniformly from ``[MIN_FRACTION, 1]`` (at least
    one step), like the suite's windows, but the window always ends where
    the series ends.
    """
    rng = _stream(name, split)
    return [
        max(1, int(round(int(n) * rng.uniform(MIN_FRACTION, 1.0)))) for n in lengths
    ]


def _sine_frequency(rng, length):
    frequency = rng.uniform(0.02, 0.25)
    amplitude, phase = rng.uniform(0.5, 2.0), rng.uniform(0.0, 2 * np.pi)
    t = np.arange(length)
    signal = amplitude * np.sin(2 * np.pi * frequency * t + phase)
    return signal + rng.normal(0.0, 0.3, size=length), frequency


def _damped_decay(rng, length):
    decay, frequency = rng.uniform(0.005, 0.1), rng.uniform(0.02, 0.1)
    amplitude, phase = rng.uniform(1.0, 2.0), rng.uniform(0.0, 2 * np.pi)
    t = np.arange(length)
    signal = amplitude * np.exp(-decay * t) * np.cos(2 * np.pi * frequency * t + phase)
    return signal + rng.normal(0.0, 0.1, size=length), decay


_GENERATORS = {"sine_frequency": _sine_frequency, "damped_decay": _damped_decay}


def _generate(name: str, split: str):
    rng = _stream(name, split)
    lengths = rng.integers(_LENGTHS[0], _LENGTHS[1] + 1, size=_GENERATED_SIZE)
    series, targets = [], []
    for length in lengths:
        values, target = _GENERATORS[name](rng, int(length))
        series.append(values.astype("float32")[:, None])
        targets.append(target)
    return series, np.asarray(targets, dtype="float64")


def load_regression_panel(name: str, split: str):
    """Load regression data set ``name`` as ``(series, targets)``.

    Parameters
    ----------
    name : str
        One of :data:`REGRESSION_SETS`: ``"covid_3month"`` (each series cut
        to its last 40-100 % of days), ``"tecator"`` (as shipped),
        ``"sine_frequency"`` and ``"damped_decay"`` (generated; sizes, lengths
        and target ranges in the module docstring).
    split : {"train", "test"}

    Returns
    -------
    series : list of numpy.ndarray
        One ``(T_i, C)`` float32 array per series.
    targets : numpy.ndarray
        The float64 target of each series.

    Examples
    --------
    >>> X, y = load_regression_panel("damped_decay", "test")
    >>> len(X), X[0].shape[1], bool(0.005 <= y.min() and y.max() <= 0.1)
    (200, 1, True)
    >>> X, y = load_regression_panel("covid_3month", "train")
    >>> len(X), min(len(s) for s in X) < max(len(s) for s in X) <= 84
    (140, True)
    """
    if name not in REGRESSION_SETS:
        raise ValueError(f"name must be one of {REGRESSION_SETS}; got {name!r}.")
    if split not in ("train", "test"):
        raise ValueError(f"split must be 'train' or 'test'; got {split!r}.")
    if name in _GENERATORS:
        return _generate(name, split)
    import sktime.datasets

    loader, cut = _SHIPPED[name]
    X, y = getattr(sktime.datasets, loader)(split=split)
    series = to_series_list(X)
    if cut:
        kept = _tail_lengths([len(s) for s in series], name, split)
        series = [s[len(s) - n :] for s, n in zip(series, kept, strict=True)]
    return series, np.asarray(y, dtype="float64")
