"""Input scaling of a classifier: fitted in ``fit``, applied in ``predict``.

Pure functions on lists of ``(T_i, *step_shape)`` float arrays, no Keras:

``"series"``
    Every series minus its own mean, over its own deviation, per channel
    (the usual preparation of the UCR archive). Nothing is learnt from the
    training split; a constant channel becomes zeros.
``"channels"``
    Every channel z-scored with the mean and deviation of all training time
    steps, stored as ``mean`` and ``scale`` and applied to later series.
``"series_and_channels"``
    Both, side by side: ``2 * C`` channels, each series' own shape first,
    then the channels z-scored with the training statistics.
``None``
    Series as they are.

:func:`append_differences` adds, beside any of these, every series' first
differences z-normalized on their own (its slopes, whatever its scale).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "INPUT_SCALINGS",
    "append_differences",
    "apply_input_scaling",
    "fit_input_scaling",
    "scaled_channels",
    "z_normalized",
]

INPUT_SCALINGS = ("series", "channels", "series_and_channels")
_TINY = 1e-8  # a deviation below this counts as a constant channel


def fit_input_scaling(series, kind):
    """The statistics ``kind`` needs from the training ``series``.

    Examples
    --------
    >>> import numpy as np
    >>> train = [np.array([[1.0], [3.0]]), np.array([[5.0], [7.0]])]
    >>> stats = fit_input_scaling(train, "channels")
    >>> stats["mean"].tolist(), stats["scale"].round(3).tolist()
    ([4.0], [2.236])
    >>> fit_input_scaling(train, "series"), fit_input_scaling(train, None)
    ({}, {})
    """
    if kind not in ("channels", "series_and_channels"):
        return {}
    steps = np.concatenate([np.asarray(s, dtype="float64") for s in series])
    scale = steps.std(axis=0)
    return {"mean": steps.mean(axis=0), "scale": np.where(scale < _TINY, 1.0, scale)}


def apply_input_scaling(series, kind, stats):
    """``series`` scaled as ``kind`` says, ``stats`` from :func:`fit_input_scaling`.

    Returns new float32 arrays; the input is never modified.

    Examples
    --------
    >>> import numpy as np
    >>> x = [np.array([[1.0, 2.0], [3.0, 2.0]])]
    >>> apply_input_scaling(x, "series", {})[0].tolist()
    [[-1.0, 0.0], [1.0, 0.0]]
    >>> stats = {"mean": np.array([4.0, 0.0]), "scale": np.array([2.0, 1.0])}
    >>> apply_input_scaling(x, "channels", stats)[0].tolist()
    [[-1.5, 2.0], [-0.5, 2.0]]
    >>> apply_input_scaling(x, "series_and_channels", stats)[0].tolist()
    [[-1.0, 0.0, -1.5, 2.0], [1.0, 0.0, -0.5, 2.0]]
    """
    if kind is None:
        return series
    series = [np.asarray(s, dtype="float64") for s in series]
    own = [_own_z_scores(s) for s in series] if kind != "channels" else None
    if kind == "series":
        return own
    shared = [((s - stats["mean"]) / stats["scale"]).astype("float32") for s in series]
    if kind == "channels":
        return shared
    return [np.concatenate(pair, axis=-1) for pair in zip(own, shared, strict=True)]


def append_differences(series, scaled):
    """``scaled`` with the first differences of ``series`` after its channels.

    Step ``t`` gets ``series[t] - series[t - 1]`` (the first step 0), each
    series' differences z-normalized on their own, per channel. ``series`` are
    the series before scaling, ``scaled`` the same series after it; returns
    new float32 arrays of ``scaled``'s channels plus ``series``'.

    Examples
    --------
    >>> import numpy as np
    >>> x = [np.array([[0.0], [2.0], [2.0], [6.0]])]
    >>> append_differences(x, x)[0].astype(float).round(3).tolist()
    [[0.0, -0.905], [2.0, 0.302], [2.0, -0.905], [6.0, 1.508]]
    """
    slopes = [
        np.diff(np.asarray(s, dtype="float64"), axis=0, prepend=s[:1]) for s in series
    ]
    return [
        np.concatenate([np.asarray(own, "float32"), _own_z_scores(slope)], axis=-1)
        for own, slope in zip(scaled, slopes, strict=True)
    ]


def scaled_channels(kind, n_channels, differences=False):
    """Channels per time step after scaling ``n_channels`` as ``kind`` says.

    ``differences`` counts the channels :func:`append_differences` adds.

    Examples
    --------
    >>> scaled_channels("series_and_channels", 3), scaled_channels(None, 3)
    (6, 3)
    >>> scaled_channels("series_and_channels", 3, differences=True)
    9
    """
    scaled = 2 * n_channels if kind == "series_and_channels" else n_channels
    return scaled + n_channels if differences else scaled


def z_normalized(values, axis=0):
    """``values`` minus their mean, over their deviation, along ``axis``.

    The package's one z-normalization: per channel of a ``(T, C)`` series
    with ``axis=0``, per window of a stack of windows with ``axis=1``. A
    deviation below ``1e-8`` (a constant channel) counts as 1, so a
    constant channel becomes zeros instead of a division by zero.

    Examples
    --------
    >>> import numpy as np
    >>> z_normalized(np.array([[1.0, 5.0], [3.0, 5.0]])).tolist()
    [[-1.0, 0.0], [1.0, 0.0]]
    """
    values = np.asarray(values)
    scale = values.std(axis=axis, keepdims=True)
    centred = values - values.mean(axis=axis, keepdims=True)
    return centred / np.where(scale < _TINY, 1.0, scale)


def _own_z_scores(one):
    return z_normalized(one).astype("float32")
