"""The library's data sets: generated moving digits."""

import numpy as np

from sktime_varlstm.datasets import make_moving_digits


def test_moving_digits_are_seeded_and_shaped_as_promised():
    X, y = make_moving_digits(n_clips=20, random_state=3)
    again, y_again = make_moving_digits(n_clips=20, random_state=3)
    other, _ = make_moving_digits(n_clips=20, random_state=4)
    assert all(np.array_equal(a, b) for a, b in zip(X, again, strict=True))
    np.testing.assert_array_equal(y, y_again)
    assert not all(
        len(a) == len(b) and np.array_equal(a, b) for a, b in zip(X, other, strict=True)
    )
    assert all(clip.shape[1:] == (1, 16, 16) and 5 <= len(clip) <= 20 for clip in X)
    assert all(clip.dtype == np.float32 for clip in X)
    assert 0.0 <= min(c.min() for c in X) and max(c.max() for c in X) <= 1.0
    assert sorted(set(y)) == ["down", "left", "right", "up"]
    assert len({len(clip) for clip in X}) > 3
    for clip, direction in zip(X, y, strict=True):
        row_motion, col_motion = _centre_of_mass(clip[-1]) - _centre_of_mass(clip[0])
        expected = {
            "left": col_motion < -3,
            "right": col_motion > 3,
            "up": row_motion < -3,
            "down": row_motion > 3,
        }
        assert expected[direction]
    channels_last, _ = make_moving_digits(
        n_clips=2, frame_size=12, data_format="channels_last", random_state=0
    )
    assert channels_last[0].shape[1:] == (12, 12, 1)


def _centre_of_mass(frame):
    rows, cols = np.indices(frame.shape[1:])
    image = frame[0]
    return np.array([(rows * image).sum(), (cols * image).sum()]) / image.sum()
