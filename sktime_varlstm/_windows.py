"""Windows of one long series: where to cut it for training, and score smoothing."""

from __future__ import annotations

import numpy as np

__all__ = ["centred_moving_average", "cut_windows", "window_starts"]


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
