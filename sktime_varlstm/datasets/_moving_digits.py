"""Moving digits: a small video data set of unequal-length clips, made locally.

Each clip shows one 8x8 handwritten digit from scikit-learn's ``load_digits``
(shipped with scikit-learn, nothing is downloaded) gliding in a straight line
across a larger, otherwise black frame. The label is the direction of motion.
"""

from __future__ import annotations

import numpy as np
from sklearn.utils import check_random_state

from ..data import check_data_format

__all__ = ["DIRECTIONS", "make_moving_digits"]

DIRECTIONS = ("left", "right", "up", "down")
_DIGIT_SIZE = 8
_STEP = {"left": (0, -1), "right": (0, 1), "up": (-1, 0), "down": (1, 0)}


def make_moving_digits(
    n_clips=200,
    min_frames=5,
    max_frames=20,
    frame_size=16,
    data_format="channels_first",
    random_state=None,
):
    """Clips of a digit moving left, right, up or down, of random lengths.

    Every clip draws a digit image, a length between ``min_frames`` and
    ``max_frames``, a direction, and a travel of half to all of the free room
    (``frame_size - 8`` pixels) along that direction, covered at constant
    speed with sub-pixel (bilinear) positions. The start is random within
    the room that travel leaves, and so is the position across the motion.
    Pixel values lie in ``[0, 1]``.

    Parameters
    ----------
    n_clips : int, default=200
        Number of clips; the four directions are equally frequent (up to one
        clip).
    min_frames, max_frames : int, default=5, 20
        Shortest and longest clip, in frames (both included).
    frame_size : int, default=16
        Height and width of a frame; at least 9, so the digit can move.
    data_format : {"channels_first", "channels_last"}, default="channels_first"
        Frame layout: ``(1, H, W)`` or ``(H, W, 1)``.
    random_state : int, RandomState or None, default=None
        Seed: the same value gives the same clips.

    Returns
    -------
    clips : list of numpy.ndarray
        One float32 array per clip, ``(T_i, 1, frame_size, frame_size)`` for
        ``"channels_first"``, ``(T_i, frame_size, frame_size, 1)`` otherwise.
    labels : numpy.ndarray
        Direction of each clip: ``"left"``, ``"right"``, ``"up"`` or ``"down"``.

    Examples
    --------
    >>> clips, labels = make_moving_digits(n_clips=8, random_state=0)
    >>> len(clips), clips[0].shape[1:], clips[0].dtype
    (8, (1, 16, 16), dtype('float32'))
    >>> sorted(set(labels.tolist()))
    ['down', 'left', 'right', 'up']
    >>> all(5 <= len(clip) <= 20 for clip in clips)
    True
    """
    from sklearn.datasets import load_digits

    check_data_format(data_format)
    if frame_size <= _DIGIT_SIZE:
        raise ValueError(f"frame_size must be at least 9; got {frame_size}.")
    if not 1 <= min_frames <= max_frames:
        raise ValueError(
            "min_frames and max_frames need 1 <= min_frames <= max_frames; got "
            f"{min_frames} and {max_frames}."
        )
    rng = check_random_state(random_state)
    digits = load_digits().images.astype("float32") / 16.0
    directions = rng.permutation(np.arange(n_clips) % len(DIRECTIONS))
    clips = []
    for direction in directions:
        digit = digits[rng.randint(len(digits))]
        n_frames = rng.randint(min_frames, max_frames + 1)
        path = _straight_path(DIRECTIONS[direction], n_frames, frame_size, rng)
        clip = np.stack([_draw(digit, row, col, frame_size) for row, col in path])
        axis = 1 if data_format == "channels_first" else 3
        clips.append(np.expand_dims(clip, axis))
    return clips, np.array([DIRECTIONS[d] for d in directions])


def _straight_path(direction, n_frames, frame_size, rng):
    """Top-left corners ``(row, col)`` of the digit, one per frame."""
    room = frame_size - _DIGIT_SIZE
    travel = rng.uniform(room / 2, room)
    along = rng.uniform(0, room - travel) + np.linspace(0, travel, n_frames)
    across = np.full(n_frames, rng.uniform(0, room))
    row_step, col_step = _STEP[direction]
    if row_step + col_step < 0:  # left and up run the path backwards
        along = room - along
    return zip(*((along, across) if row_step else (across, along)), strict=True)


def _draw(digit, row, col, frame_size):
    """A black frame with ``digit`` at a sub-pixel position (bilinear)."""
    frame = np.zeros((frame_size + 1, frame_size + 1), "float32")
    top, left = int(row), int(col)
    down, right = row - top, col - left
    weights = {
        (0, 0): (1 - down) * (1 - right),
        (0, 1): (1 - down) * right,
        (1, 0): down * (1 - right),
        (1, 1): down * right,
    }
    for (d_row, d_col), weight in weights.items():
        r, c = top + d_row, left + d_col
        frame[r : r + _DIGIT_SIZE, c : c + _DIGIT_SIZE] += weight * digit
    return frame[:frame_size, :frame_size]
