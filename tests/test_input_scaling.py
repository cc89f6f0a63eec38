"""Input scaling: the pure functions, and a classifier that fits and applies it."""

import numpy as np
import pytest

from sktime_varlstm import DilatedConvClassifier
from sktime_varlstm.data import (
    append_differences,
    apply_input_scaling,
    fit_input_scaling,
)

TINY = {"filters": 4, "dilations": (1, 2), "n_epochs": 2, "batch_size": 4}


def _series(seed=0, n=6):
    rng = np.random.default_rng(seed)
    return [rng.normal(3.0, 2.0, size=(t, 2)) for t in rng.integers(5, 12, size=n)]


def test_series_scaling_gives_each_series_zero_mean_unit_deviation():
    series = _series()
    original = [s.copy() for s in series]
    scaled = apply_input_scaling(series, "series", fit_input_scaling(series, "series"))
    for s in scaled:
        np.testing.assert_allclose(s.mean(axis=0), 0.0, atol=1e-5)
        np.testing.assert_allclose(s.std(axis=0), 1.0, atol=1e-5)
        assert s.dtype == np.float32
    for before, after in zip(original, series, strict=True):
        np.testing.assert_array_equal(before, after)  # input untouched


def test_constant_channels_become_zeros_not_nan():
    flat = [np.full((4, 1), 7.0), np.full((3, 1), 7.0)]
    for kind in ("series", "channels"):
        out = apply_input_scaling(flat, kind, fit_input_scaling(flat, kind))
        assert all(np.all(s == 0.0) for s in out)


def test_channel_scaling_uses_training_statistics_only():
    train, other = _series(0), _series(1, n=3)
    stats = fit_input_scaling(train, "channels")
    steps = np.concatenate(train)
    np.testing.assert_allclose(stats["mean"], steps.mean(axis=0))
    np.testing.assert_allclose(stats["scale"], steps.std(axis=0))
    scaled = apply_input_scaling(other, "channels", stats)
    np.testing.assert_allclose(
        scaled[0], (other[0] - stats["mean"]) / stats["scale"], rtol=1e-5
    )
    assert fit_input_scaling(other, "channels")["mean"][0] != stats["mean"][0]


def test_no_scaling_returns_the_series():
    series = _series()
    assert apply_input_scaling(series, None, {}) is series


def test_differences_are_each_series_own_z_scored_slopes_after_its_channels():
    series = _series()
    original = [s.copy() for s in series]
    scaled = apply_input_scaling(series, "series", {})
    out = append_differences(series, scaled)
    for raw, own, both in zip(series, scaled, out, strict=True):
        assert both.shape == (len(raw), 4) and both.dtype == np.float32
        np.testing.assert_array_equal(both[:, :2], own)
        slope = np.vstack([np.zeros((1, 2)), raw[1:] - raw[:-1]])
        expected = (slope - slope.mean(axis=0)) / slope.std(axis=0)
        np.testing.assert_allclose(both[:, 2:], expected, rtol=1e-5, atol=1e-6)
    for before, after in zip(original, series, strict=True):
        np.testing.assert_array_equal(before, after)  # input untouched
    one_step = append_differences([np.ones((1, 2))], [np.ones((1, 2))])
    assert np.all(one_step[0][:, 2:] == 0.0)  # no slope: zeros, not NaN


@pytest.mark.parametrize("differences", [False, True])
def test_series_scaling_makes_predictions_blind_to_offset_and_amplitude(
    tiny_panel, differences
):
    X, y = tiny_panel
    clf = DilatedConvClassifier(
        **TINY, input_scaling="series", differences=differences, random_state=0
    )
    clf.fit(X, y)
    channels = 4 if differences else 2
    assert tuple(clf.model_.input["values"].shape) == (None, None, channels)
    moved = [5.0 * s - 2.0 for s in X]
    np.testing.assert_allclose(
        clf.predict_proba(moved), clf.predict_proba(X), rtol=1e-4, atol=1e-5
    )
    assert clf.input_statistics_ == {}


def test_channel_scaling_is_fitted_in_fit_and_applied_in_predict(tiny_panel):
    X, y = tiny_panel
    clf = DilatedConvClassifier(**TINY, input_scaling="channels", random_state=0)
    clf.fit(X, y)
    steps = np.concatenate(X)
    np.testing.assert_allclose(
        clf.input_statistics_["mean"], steps.mean(axis=0, dtype="float64"), rtol=1e-6
    )
    unscaled = DilatedConvClassifier(**TINY, input_scaling=None, random_state=0)
    unscaled.fit(apply_input_scaling(X, "channels", clf.input_statistics_), y)
    np.testing.assert_allclose(
        clf.predict_proba(X),
        unscaled.predict_proba(
            apply_input_scaling(X, "channels", clf.input_statistics_)
        ),
        rtol=1e-4,
        atol=1e-5,
    )


@pytest.fixture
def tiny_panel():
    from conftest import make_unequal_panel

    return make_unequal_panel()


def test_series_and_channels_and_differences_triple_the_network_input(tiny_panel):
    X, y = tiny_panel
    clf = DilatedConvClassifier(**TINY, random_state=0).fit(X, y)
    assert clf.input_scaling == "series_and_channels"  # the defaults
    assert clf.differences is True
    assert clf.n_channels_ == 2
    assert tuple(clf.model_.input["values"].shape) == (None, None, 6)
    np.testing.assert_allclose(
        clf.input_statistics_["mean"], np.concatenate(X).mean(axis=0), rtol=1e-5
    )
