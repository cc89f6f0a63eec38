"""Windows of one long series: where to cut it for training, and score smoothing."""

from __future__ import annotations

import numpy as np

__all__ = [
    "centred_moving_average",
    "cut_windows",
    "point_scores",
    "random_window",
    "trend_share",
    "window_starts",
]


def window_starts(length: int, window_length: int, stride: int) -> np.ndarray:
    """First steps of windows of ``window_length`` every ``stride`` steps.

    The windows cover the whole series: when the stride does not divide the
    series evenly, one more window ends on its last step.

    Examples
    --------
    >>> window_starts(10, 4, 3).tolist()
    [0, 3, 6]
    >>> window_starts(11, 4, 3).tolist()
    [0, 3, 6, 7]
    """
    if length < window_length:
        raise ValueError(
            f"The series has {length} steps, fewer than one window "
            f"(window_length={window_length})."
        )
    starts = np.arange(0, length - window_length + 1, stride)
    if starts[-1] + window_length < length:
        starts = np.append(starts, length - window_length)
    return starts


def cut_windows(values: np.ndarray, window_length: int, stride: int) -> list:
    """Overlapping windows ``(window_length, ...)`` of ``values``, as views.

    Examples
    --------
    >>> import numpy as np
    >>> [w.tolist() for w in cut_windows(np.arange(5), 3, 2)]
    [[0, 1, 2], [2, 3, 4]]
    """
    starts = window_starts(len(values), window_length, stride)
    return [values[start : start + window_length] for start in starts]


def centred_moving_average(values: np.ndarray, width: int) -> np.ndarray:
    """Mean of ``values`` over ``width`` steps centred on each step.

    Near the ends the window is cut to the steps that exist, so the result
    is as long as ``values`` and an isolated peak stays at its step.

    Examples
    --------
    >>> import numpy as np
    >>> centred_moving_average(np.array([0.0, 0.0, 3.0, 0.0]), 3).tolist()
    [0.0, 1.0, 1.0, 1.5]
    """
    values = np.asarray(values, dtype=np.float64)
    if width <= 1:
        return values.copy()
    before, after = (width - 1) // 2, width // 2
    sums = np.concatenate([[0.0], np.cumsum(values)])
    steps = np.arange(len(values))
    lo = np.maximum(steps - before, 0)
    hi = np.minimum(steps + after + 1, len(values))
    return (sums[hi] - sums[lo]) / (hi - lo)


def point_scores(errors: np.ndarray, width: int) -> np.ndarray:
    """Every point's score: the mean step error of the ``width`` steps around it.

    The first step has no past to be predicted from; its error would flag
    the start of every series, so it gets the score of the second.

    Examples
    --------
    >>> point_scores(np.array([9.0, 1.0, 3.0]), 1).tolist()
    [1.0, 1.0, 3.0]
    """
    if len(errors) == 1:
        return errors
    scores = centred_moving_average(errors[1:], width)
    return np.concatenate([scores[:1], scores])


def trend_share(values) -> float:
    """The largest share of a channel's variance that a straight line explains.

    Examples
    --------
    >>> import numpy as np
    >>> round(trend_share(np.arange(10.0)), 6), trend_share(np.ones(5))
    (1.0, 0.0)
    """
    values = np.asarray(values, dtype=np.float64).reshape(len(values), -1)
    steps = np.arange(len(values)) - (len(values) - 1) / 2
    centred = values - values.mean(axis=0)
    slope = steps @ centred / (steps @ steps)
    explained = slope**2 * (steps @ steps)
    total = (centred**2).sum(axis=0)
    return float(
        np.max(np.where(total > 0, explained / np.where(total > 0, total, 1), 0))
    )


def random_window(length: int, min_fraction: float, rng: np.random.Generator):
    """A random contiguous window of a series, at least ``min_fraction`` of it.

    The window's share of the series is drawn uniformly from
    ``[min_fraction, 1]`` (at least one step), its start uniformly from the
    positions where it fits.

    Examples
    --------
    >>> import numpy as np
    >>> window = random_window(10, 0.5, np.random.default_rng(0))
    >>> 5 <= window.stop - window.start <= 10, 0 <= window.start, window.stop <= 10
    (True, True, True)
    """
    size = max(1, int(round(length * rng.uniform(min_fraction, 1.0))))
    start = int(rng.integers(0, length - size + 1))
    return slice(start, start + size)
