"""The regression data sets: sizes, lengths, the cut to the last days, seeding."""

import numpy as np
import pytest
import sktime.datasets

from sktime_varlstm.data import to_series_list
from sktime_varlstm.datasets import REGRESSION_SETS, load_regression_panel

GENERATED = {
    "sine_frequency": (0.02, 0.25),
    "damped_decay": (0.005, 0.1),
}


@pytest.fixture(scope="module")
def panels():
    """Every set and split, loaded once."""
    return {
        (name, split): load_regression_panel(name, split)
        for name in REGRESSION_SETS
        for split in ("train", "test")
    }


def test_every_set_is_listed():
    assert REGRESSION_SETS == (
        "covid_3month",
        "tecator",
        "sine_frequency",
        "damped_decay",
    )


@pytest.mark.parametrize(
    ("name", "sizes", "lengths"),
    [
        ("covid_3month", (140, 61), (34, 84)),
        ("tecator", (172, 43), (100, 100)),
        ("sine_frequency", (200, 200), (20, 500)),
        ("damped_decay", (200, 200), (20, 500)),
    ],
)
def test_sizes_lengths_and_types(panels, name, sizes, lengths):
    for split, size in zip(("train", "test"), sizes, strict=True):
        X, y = panels[name, split]
        assert len(X) == len(y) == size
        assert all(s.dtype == np.float32 and s.ndim == 2 for s in X)
        assert {s.shape[1] for s in X} == {1}
        assert all(lengths[0] <= len(s) <= lengths[1] for s in X)
        assert y.dtype == np.float64 and y.shape == (size,)
        assert np.isfinite(y).all()
        assert all(np.isfinite(s).all() for s in X)


def test_generated_sets_are_unequal_and_their_targets_in_range(panels):
    for name, (low, high) in GENERATED.items():
        for split in ("train", "test"):
            X, y = panels[name, split]
            lengths = [len(s) for s in X]
            assert min(lengths) < 60 and max(lengths) > 440  # spread over 20-500
            assert low <= y.min() and y.max() <= high
            assert y.std() > (high - low) / 5  # spread, not one value


def test_covid_keeps_the_last_days_of_the_shipped_series(panels):
    for split in ("train", "test"):
        shipped, y_shipped = sktime.datasets.load_covid_3month(split=split)
        shipped = to_series_list(shipped)
        X, y = panels["covid_3month", split]
        np.testing.assert_array_equal(y, y_shipped.astype("float64"))
        for cut, whole in zip(X, shipped, strict=True):
            np.testing.assert_array_equal(cut, whole[len(whole) - len(cut) :])
        shares = np.array([len(c) / len(w) for c, w in zip(X, shipped, strict=True)])
        assert shares.min() >= 0.4 - 1 / 84 and shares.max() <= 1.0
        assert shares.min() < 0.5 and shares.max() > 0.9  # drawn over [0.4, 1]


def test_tecator_is_as_shipped(panels):
    shipped, y = sktime.datasets.load_tecator(split="test")
    X, targets = panels["tecator", "test"]
    np.testing.assert_array_equal(np.stack(X), np.stack(to_series_list(shipped)))
    np.testing.assert_array_equal(targets, np.asarray(y, dtype="float64"))


@pytest.mark.parametrize("name", ["covid_3month", "sine_frequency", "damped_decay"])
def test_every_call_gives_the_same_data_and_splits_differ(panels, name):
    X, y = load_regression_panel(name, "train")
    X_first, y_first = panels[name, "train"]
    np.testing.assert_array_equal(y, y_first)
    for a, b in zip(X, X_first, strict=True):
        np.testing.assert_array_equal(a, b)
    X_test, _ = panels[name, "test"]
    assert [len(s) for s in X_test] != [len(s) for s in X]


def test_generated_series_carry_their_target():
    """A sine's dominant frequency is its target: the data say what they claim."""
    X, y = load_regression_panel("sine_frequency", "train")
    for series, frequency in list(zip(X, y, strict=True))[:40]:
        if len(series) < 200:
            continue
        spectrum = np.abs(np.fft.rfft(series[:, 0]))
        peak = np.fft.rfftfreq(len(series))[spectrum.argmax()]
        assert abs(peak - frequency) <= 1.5 / len(series)


@pytest.mark.parametrize(
    ("name", "split", "message"),
    [
        ("covid", "train", "name must be one of"),
        ("Tecator", "train", "name must be one of"),
        ("tecator", "validation", "split must be 'train' or 'test'"),
        ("sine_frequency", None, "split must be 'train' or 'test'"),
    ],
)
def test_bad_name_or_split_is_refused(name, split, message):
    with pytest.raises(ValueError, match=message):
        load_regression_panel(name, split)
