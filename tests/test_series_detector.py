"""LSTMSeriesDetector on generated long series with known injected anomalies."""

import copy
import pickle

import numpy as np
import pandas as pd
import pytest
from conftest import FailOnSecondFit
from sktime.base import load

from sktime_varlstm import LSTMSeriesDetector
from sktime_varlstm.data import window_starts
from sktime_varlstm.detection._series_detector import trend_share

SPIKE = 450
TRAINED = {
    "window_length": 40,
    "units": (8,),
    "n_epochs": 20,
    "learning_rate": 0.01,
    "random_state": 0,
}
TINY = {"window_length": 10, "units": (4,), "n_epochs": 1, "random_state": 0}


def noisy_sine(length=600, n_channels=1, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(length)[:, None]
    phase = np.arange(n_channels)[None, :]
    return np.sin(0.3 * t + phase) + 0.05 * rng.normal(size=(length, n_channels))


@pytest.fixture(scope="module")
def series():
    """One channel: normal for 300 steps of training, a spike at SPIKE later."""
    values = noisy_sine()[:, 0]
    with_spike = values.copy()
    with_spike[SPIKE] += 3.0
    return values[:300], with_spike


@pytest.fixture(scope="module")
def fitted(series):
    train, _ = series
    return LSTMSeriesDetector(**TRAINED).fit(train)


@pytest.fixture(scope="module")
def tiny(series):
    return LSTMSeriesDetector(**TINY).fit(series[0])


def scores_of(detector, X):
    return detector.transform_scores(X)["scores"].to_numpy()


def test_the_injected_spike_scores_highest_and_is_predicted(fitted, series):
    _, test = series
    scores = scores_of(fitted, test)
    assert abs(int(np.argmax(scores)) - SPIKE) <= 5
    ilocs = fitted.predict(test)["ilocs"].to_numpy()
    assert np.any(np.abs(ilocs - SPIKE) <= 5)
    assert np.all(np.abs(ilocs - SPIKE) <= 10)
    assert scores[0] == scores[1]  # the first step, with no past, is not flagged
    # the threshold is the 1 - contamination quantile of the training scores
    train_scores = scores_of(fitted, series[0])
    n_above = np.sum(train_scores > fitted.threshold_)
    assert n_above <= max(1, fitted.contamination * len(train_scores))


def test_a_broken_correlation_between_channels_is_found():
    values = noisy_sine(n_channels=2, seed=1)
    broken = values.copy()
    broken[400:420, 1] = values[400:420, 0]  # each channel alone still looks normal
    detector = LSTMSeriesDetector(**TRAINED).fit(pd.DataFrame(values[:300]))
    top = int(np.argmax(scores_of(detector, pd.DataFrame(broken))))
    assert 395 <= top <= 425
    assert detector.n_channels_ == 2
    # a multivariate frame and a 2-D array are the same series
    np.testing.assert_allclose(
        scores_of(detector, broken), scores_of(detector, pd.DataFrame(broken))
    )
    assert detector.transform_scores(broken).shape == (600, 1)


def test_score_and_label_outputs_keep_the_index_and_length(fitted, series):
    _, test = series
    index = pd.date_range("2024-01-01", periods=len(test), freq="min")
    X = pd.DataFrame({"sensor": test}, index=index)
    scores = fitted.transform_scores(X)
    assert list(scores.columns) == ["scores"]
    assert scores.index.equals(index)
    labels = fitted.transform(X)
    assert len(labels) == len(test) and set(np.unique(labels["labels"])) <= {0, 1}
    sparse = fitted.predict(X)
    assert list(sparse.columns) == ["ilocs"]
    np.testing.assert_array_equal(
        np.flatnonzero(labels["labels"].to_numpy()), sparse["ilocs"]
    )
    np.testing.assert_array_equal(
        fitted.predict_scores(X).to_numpy().ravel(),
        scores["scores"].to_numpy()[sparse["ilocs"]],
    )


def test_every_single_series_format_gives_the_same_scores(fitted, series):
    _, test = series
    formats = {
        "pd.Series": pd.Series(test),
        "pd.DataFrame": pd.DataFrame({"x": test}),
        "1-D ndarray": test,
        "2-D ndarray": test[:, None],
    }
    expected = scores_of(fitted, formats.pop("pd.Series"))
    for name, X in formats.items():
        np.testing.assert_allclose(scores_of(fitted, X), expected, err_msg=name)


def test_a_trending_series_is_differenced_unless_told_otherwise(series, tiny):
    train, _ = series
    trending = train + np.linspace(0, 3, len(train))
    assert trend_share(train) < 0.05 < trend_share(trending)
    detector = LSTMSeriesDetector(**TINY).fit(trending)
    assert detector.difference_
    # the network sees step changes: their mean, not the series' level
    np.testing.assert_allclose(
        detector.channel_mean_, np.diff(trending).mean(), atol=1e-3
    )
    assert not tiny.difference_


def test_training_windows_are_counted_and_scoring_takes_any_length(fitted, series):
    train, test = series
    assert fitted.n_windows_ == len(window_starts(len(train), 40, 10))
    assert scores_of(fitted, test[:3]).shape == (3,)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("nan", "missing or infinite"),
        ("channels", "2 channel\\(s\\); the detector was fitted on 1"),
    ],
)
def test_bad_series_to_score_are_named_and_change_nothing(fitted, series, bad, message):
    _, test = series
    before = scores_of(fitted, test)
    X = test.copy()
    if bad == "nan":
        X[10] = np.nan
    else:
        X = np.stack([test, test], axis=1)
    for method in (fitted.predict, fitted.transform_scores, fitted.update):
        with pytest.raises(ValueError, match=message):
            method(X)
    np.testing.assert_array_equal(scores_of(fitted, test), before)


def test_a_failed_refit_or_update_leaves_the_fitted_detector_as_it_was(series):
    train, test = series
    detector = LSTMSeriesDetector(**TINY, callbacks=[FailOnSecondFit()]).fit(train)
    before, threshold = scores_of(detector, test), detector.threshold_
    with pytest.raises(ValueError, match="at least 10 are needed"):
        detector.fit(train[:5])
    with pytest.raises(ValueError, match="at least 10 are needed"):
        detector.update(train[:5])
    with pytest.raises(RuntimeError, match="training failed"):
        detector.fit(test)
    assert detector.is_fitted and detector.threshold_ == threshold
    np.testing.assert_array_equal(scores_of(detector, test), before)


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"window_length": 1}, "window_length"),
        ({"stride": 0}, "stride"),
        ({"score_window": 2.5}, "score_window"),
        ({"difference": "yes"}, "difference"),
    ],
)
def test_bad_parameters_are_named(series, params, name):
    with pytest.raises(ValueError, match=f"The '{name}' parameter of"):
        LSTMSeriesDetector(**{**TINY, **params}).fit(series[0])


def test_update_trains_on_and_rethresholds_to_the_new_series(tiny, series):
    _, test = series
    detector = copy.deepcopy(tiny)
    before = scores_of(detector, test)
    detector.update(test[300:])
    assert detector.n_epochs_ == 2 and len(detector.epoch_seconds_) == 2
    assert not np.allclose(scores_of(detector, test), before)
    np.testing.assert_array_equal(scores_of(tiny, test), before)


@pytest.mark.parametrize(
    "trip",
    {
        "pickle": lambda d: pickle.loads(pickle.dumps(d)),
        "deepcopy": copy.deepcopy,
        "sktime save/load": lambda d: load(d.save()),
    }.items(),
    ids=lambda trip: trip[0],
)
def test_round_trips_keep_the_trained_network(fitted, series, trip):
    _, test = series
    restored = trip[1](fitted)
    assert restored.model_ is not fitted.model_
    np.testing.assert_array_equal(scores_of(restored, test), scores_of(fitted, test))
    assert restored.threshold_ == fitted.threshold_


def test_the_same_seed_gives_the_same_scores(tiny, series):
    train, test = series
    again = LSTMSeriesDetector(**TINY).fit(train)
    np.testing.assert_array_equal(scores_of(again, test), scores_of(tiny, test))
    other = LSTMSeriesDetector(**{**TINY, "random_state": 1}).fit(train)
    assert not np.allclose(scores_of(other, test), scores_of(tiny, test))
