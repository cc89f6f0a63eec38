"""Windows of a series: overlapping windows of one long series, random crops."""

from __future__ import annotations

import numpy as np

__all__ = [
    "cut_windows",
    "random_window",
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
