"""Both detectors on generated data with known injected anomalies.

LSTMAnomalyDetector scores whole series of unequal length (a panel);
LSTMSeriesDetector finds the anomalous points of one long series (sktime's
detection API). What every estimator shares (errors, round trips, containers,
masking, verbosity, seeds, clone) is tested over all of them in the topic
files.
"""

import copy

import numpy as np
import pandas as pd
import pytest
from conftest import FailOnSecondFit, make_sines
from sklearn.base import clone
from sklearn.metrics import make_scorer, roc_auc_score
from sklearn.model_selection import GridSearchCV, PredefinedSplit
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.utils import get_tags

from sktime_varlstm.data import window_starts
from sktime_varlstm.detection import LSTMAnomalyDetector, LSTMSeriesDetector
from sktime_varlstm.detection._series_detector import trend_share

SPIKE_STEP = 17
TINY = {"units": (4,), "n_epochs": 2, "batch_size": 8, "random_state": 0}
TRAINED = {
    "units": (16,),
    "n_epochs": 40,
    "batch_size": 8,
    "learning_rate": 0.01,
    "random_state": 0,
}


def with_spike(series, step=SPIKE_STEP, height=3.0):
    spiked = series.copy()
    spiked[step] += height
    return spiked


def with_frequency_change(series, step=SPIKE_STEP):
    changed = series.copy()
    t = np.arange(len(series) - step)[:, None]
    changed[step:] = np.sin(2.0 * t + changed[step - 1])
    return changed


@pytest.fixture(scope="module")
def normal_train():
    return make_sines()


@pytest.fixture(scope="module")
def fitted_detector(normal_train):
    """One detector trained well enough to see the anomalies, shared read-only."""
    return LSTMAnomalyDetector(**TRAINED).fit(normal_train)


@pytest.fixture(scope="module")
def tiny_detector(normal_train):
    return LSTMAnomalyDetector(**TINY).fit(normal_train)


# --- LSTMAnomalyDetector: whole series of a panel -------------------------
def test_anomalous_series_score_lower_than_normal_ones(fitted_detector):
    normal = make_sines(n_series=20, seed=1)
    base = make_sines(n_series=10, seed=2)
    anomalous = [with_spike(s) for s in base[:5]]
    anomalous += [with_frequency_change(s) for s in base[5:]]
    scores = fitted_detector.score_samples(normal + anomalous)
    assert scores[20:].max() < scores[:20].min()
    assert np.all(fitted_detector.predict(anomalous) == -1)


def test_score_timepoints_is_lowest_at_the_injected_spike(fitted_detector):
    base = make_sines(n_series=6, seed=3)
    step_scores = fitted_detector.score_timepoints([with_spike(s) for s in base])
    for series, scores in zip(base, step_scores, strict=True):
        assert scores.shape == (len(series),)
        assert np.argmin(scores) == SPIKE_STEP


def test_series_scores_from_the_step_scores(fitted_detector):
    detector = copy.deepcopy(fitted_detector)
    X = make_sines(n_series=5, seed=4)
    step_scores = detector.score_timepoints(X)
    detector.series_score = "mean_error"
    np.testing.assert_allclose(
        detector.score_samples(X), [s.mean() for s in step_scores], rtol=1e-6
    )
    detector.series_score = "max_error"
    np.testing.assert_allclose(
        detector.score_samples(X), [s.min() for s in step_scores], rtol=1e-6
    )


def test_mahalanobis_error_with_identity_statistics_is_the_squared_error(
    fitted_detector,
):
    X = make_sines(n_series=5, seed=4)
    squared = copy.deepcopy(fitted_detector)
    squared.step_error = "squared"
    identity = copy.deepcopy(fitted_detector)
    identity.residual_mean_ = np.zeros(2)
    identity.residual_precision_ = np.eye(2) / 2  # averaged over the 2 channels
    for a, b in zip(
        squared.score_timepoints(X), identity.score_timepoints(X), strict=True
    ):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_mahalanobis_error_sees_a_fault_in_a_well_predicted_channel():
    """A sine beside a channel of pure noise; a small spike in the sine.

    The squared error is dominated by the unpredictable noise channel; the
    Mahalanobis error weighs each channel by how well the network predicts it.
    """

    def sine_and_noise(seed, n_series, fault=False):
        rng = np.random.default_rng(seed)
        series = []
        for sine in make_sines(n_series=n_series, n_channels=1, seed=seed):
            if fault:
                sine = with_spike(sine, height=1.0)
            noise = rng.normal(size=sine.shape).astype("float32")
            series.append(np.hstack([sine, noise]))
        return series

    X = sine_and_noise(5, 10) + sine_and_noise(6, 10, fault=True)
    is_anomaly = np.r_[np.zeros(10), np.ones(10)]
    auroc = {}
    for step_error in ("squared", "mahalanobis"):
        detector = LSTMAnomalyDetector(**TRAINED, step_error=step_error)
        detector.fit(sine_and_noise(7, 40))
        auroc[step_error] = roc_auc_score(is_anomaly, -detector.score_samples(X))
    assert auroc["mahalanobis"] > 0.9
    assert auroc["mahalanobis"] > auroc["squared"]


def test_typicality_also_flags_series_predicted_too_well(fitted_detector):
    normal = make_sines(n_series=20, seed=1)
    flat = [np.zeros((30, 2), "float32")]
    scores = fitted_detector.score_samples(normal + flat)
    assert scores[-1] < scores[:-1].min()
    assert fitted_detector.predict(flat)[0] == -1


def test_contamination_sets_the_fraction_flagged_in_training(
    normal_train, tiny_detector
):
    detector = LSTMAnomalyDetector(**TINY, contamination=0.25)
    for fitted, labels in (
        (detector, detector.fit_predict(normal_train)),
        (tiny_detector, tiny_detector.predict(normal_train)),  # default 0.1
    ):
        assert set(labels) == {-1, 1}
        flagged = np.mean(labels == -1)
        assert abs(flagged - fitted.contamination) <= 1 / len(normal_train)
        np.testing.assert_allclose(
            fitted.decision_function(normal_train),
            fitted.score_samples(normal_train) - fitted.offset_,
        )


def test_fitted_attributes(tiny_detector):
    assert tiny_detector.n_channels_ == 2
    assert tiny_detector.channel_mean_.shape == tiny_detector.channel_std_.shape == (2,)
    assert tiny_detector.n_epochs_ == len(tiny_detector.history_["loss"]) == 2
    assert np.isfinite(tiny_detector.offset_)
    assert tiny_detector.residual_mean_.shape == (2,)
    assert tiny_detector.residual_precision_.shape == (2, 2)
    assert tuple(tiny_detector.model_.output.shape) == (None, None, 2)


def test_channels_are_standardized_with_training_statistics():
    rng = np.random.default_rng(0)
    large = [1000 + 50 * rng.normal(size=(t, 1)) for t in (20, 30, 40)]
    X = [np.hstack([s, np.full_like(s, 7.0)]) for s in large]  # channel 1 constant
    detector = LSTMAnomalyDetector(**TINY).fit(X)
    np.testing.assert_allclose(detector.channel_mean_, [1000, 7], rtol=1e-2)
    np.testing.assert_allclose(detector.channel_std_[0], 50, rtol=0.2)
    assert detector.channel_std_[1] == 1  # a constant channel: no division by zero
    assert np.all(np.isfinite(detector.score_samples(X)))


def test_normalize_each_series_ignores_level_and_amplitude(normal_train):
    detector = LSTMAnomalyDetector(**TINY, normalize_each_series=True)
    detector.fit(normal_train)
    rescaled = [100 + 7 * s for s in normal_train]
    np.testing.assert_allclose(
        detector.score_samples(rescaled),
        detector.score_samples(normal_train),
        atol=1e-3,
    )
    np.testing.assert_allclose(detector.channel_mean_, 0, atol=1e-5)


# --- scikit-learn and sktime protocols ---------------------------------------
def test_is_an_unfitted_sklearn_outlier_detector_after_clone(tiny_detector):
    assert get_tags(tiny_detector).estimator_type == "outlier_detector"
    assert not get_tags(tiny_detector).target_tags.required
    for copy_of in (clone(tiny_detector), tiny_detector.clone()):
        assert not copy_of.is_fitted
        assert copy_of.get_params() == tiny_detector.get_params()
    fresh = copy.deepcopy(tiny_detector).reset()
    assert not fresh.is_fitted and not hasattr(fresh, "model_")


def _tenfold(X):
    return [10 * s for s in X]


def test_pipeline_with_a_panel_transformer(normal_train, tiny_detector):
    pipeline = Pipeline(
        [
            ("scale", FunctionTransformer(_tenfold)),
            ("detector", LSTMAnomalyDetector(**TINY)),
        ]
    ).fit(normal_train)
    # standardisation makes the detector blind to the overall scale
    np.testing.assert_allclose(
        pipeline.score_samples(normal_train),
        tiny_detector.score_samples(normal_train),
        atol=1e-4,
    )
    assert set(pipeline.predict(normal_train)) <= {-1, 1}
    assert pipeline.decision_function(normal_train).shape == (len(normal_train),)


def test_grid_search_with_roc_auc_on_labelled_validation_series(normal_train):
    base = make_sines(n_series=8, seed=7)
    validation = make_sines(n_series=8, seed=8) + [with_spike(s) for s in base]
    X = normal_train + validation
    y = np.array([1] * (len(normal_train) + 8) + [-1] * 8)  # 1 normal, -1 anomalous
    # fold -1: always trained on (normal only); fold 0: the labelled validation set
    folds = PredefinedSplit([-1] * len(normal_train) + [0] * len(validation))
    scoring = make_scorer(roc_auc_score, response_method="decision_function")
    # "squared" error is first: on a tie it would win
    search = GridSearchCV(
        LSTMAnomalyDetector(**TINY),
        {"step_error": ["squared", "mahalanobis"]},
        scoring=scoring,
        cv=folds,
    ).fit(X, y)
    # the spikes are plain; a sign slip in decision_function gives an AUC near 0
    assert search.best_score_ >= 0.9
    assert search.best_estimator_.is_fitted
    # refitted on all of X: the anomalous validation series are flagged
    anomalous = search.decision_function(validation[8:])
    assert np.mean(anomalous < 0) >= 0.75


# --- LSTMSeriesDetector: the points of one long series ---------------------
SPIKE = 450
SERIES_TRAINED = {
    "window_length": 40,
    "units": (8,),
    "n_epochs": 20,
    "learning_rate": 0.01,
    "random_state": 0,
}
SERIES_TINY = {"window_length": 10, "units": (4,), "n_epochs": 1, "random_state": 0}


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
    return LSTMSeriesDetector(**SERIES_TRAINED).fit(train)


@pytest.fixture(scope="module")
def tiny(series):
    return LSTMSeriesDetector(**SERIES_TINY).fit(series[0])


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
    detector = LSTMSeriesDetector(**SERIES_TRAINED).fit(pd.DataFrame(values[:300]))
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


def test_a_trending_series_is_differenced_unless_told_otherwise(series, tiny):
    train, _ = series
    trending = train + np.linspace(0, 3, len(train))
    assert trend_share(train) < 0.05 < trend_share(trending)
    detector = LSTMSeriesDetector(**SERIES_TINY).fit(trending)
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
def test_bad_series_to_update_on_are_named_and_change_nothing(
    fitted, series, bad, message
):
    """The scoring methods are checked with every estimator's in test_errors.py."""
    _, test = series
    before = scores_of(fitted, test)
    X = test.copy()
    if bad == "nan":
        X[10] = np.nan
    else:
        X = np.stack([test, test], axis=1)
    with pytest.raises(ValueError, match=message):
        fitted.update(X)
    np.testing.assert_array_equal(scores_of(fitted, test), before)


def test_a_failed_refit_or_update_leaves_the_fitted_detector_as_it_was(series):
    train, test = series
    detector = LSTMSeriesDetector(**SERIES_TINY, callbacks=[FailOnSecondFit()]).fit(
        train
    )
    before, threshold = scores_of(detector, test), detector.threshold_
    with pytest.raises(ValueError, match="at least 10 are needed"):
        detector.fit(train[:5])
    with pytest.raises(ValueError, match="at least 10 are needed"):
        detector.update(train[:5])
    with pytest.raises(RuntimeError, match="training failed"):
        detector.fit(test)
    assert detector.is_fitted and detector.threshold_ == threshold
    np.testing.assert_array_equal(scores_of(detector, test), before)


def test_update_trains_on_and_rethresholds_to_the_new_series(tiny, series):
    _, test = series
    detector = copy.deepcopy(tiny)
    before = scores_of(detector, test)
    detector.update(test[300:])
    assert detector.n_epochs_ == 2 and len(detector.epoch_seconds_) == 2
    assert not np.allclose(scores_of(detector, test), before)
    np.testing.assert_array_equal(scores_of(tiny, test), before)
