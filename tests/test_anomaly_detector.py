"""LSTMAnomalyDetector on sine waves of unequal length with known anomalies."""

import copy
import io
import pickle

import joblib
import numpy as np
import pytest
from conftest import panel_formats
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.metrics import make_scorer, roc_auc_score
from sklearn.model_selection import GridSearchCV, PredefinedSplit
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.utils import get_tags
from sktime.base import load

from sktime_varlstm._anomaly_detector import LSTMAnomalyDetector

SPIKE_STEP = 17
TINY = {"units": (4,), "n_epochs": 2, "batch_size": 8, "random_state": 0}
TRAINED = {
    "units": (16,),
    "n_epochs": 40,
    "batch_size": 8,
    "learning_rate": 0.01,
    "random_state": 0,
}


def make_sines(n_series=40, n_channels=2, min_len=25, max_len=45, seed=0):
    """Noisy sines of one frequency, random phase, lengths in a range."""
    rng = np.random.default_rng(seed)
    series = []
    for _ in range(n_series):
        length = int(rng.integers(min_len, max_len + 1))
        t = np.arange(length)[:, None]
        phase = rng.uniform(0, 2 * np.pi, size=n_channels)
        noise = 0.05 * rng.normal(size=(length, n_channels))
        series.append((np.sin(0.6 * t + phase) + noise).astype("float32"))
    return series


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


# --- detection ---------------------------------------------------------------
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


# --- input formats -----------------------------------------------------------


@pytest.mark.parametrize("fmt", ["df-list", "nested_univ", "pd-multiindex"])
def test_every_format_scores_the_same(normal_train, tiny_detector, fmt):
    X = panel_formats(normal_train)[fmt]
    reference = tiny_detector.score_samples(normal_train)
    np.testing.assert_allclose(tiny_detector.score_samples(X), reference, rtol=1e-6)
    step_scores = tiny_detector.score_timepoints(X)
    assert [len(s) for s in step_scores] == [len(s) for s in normal_train]


@pytest.mark.parametrize("fmt", ["nested_univ", "pd-multiindex"])
def test_fitting_on_a_dataframe_format_gives_the_same_detector(
    normal_train, tiny_detector, fmt
):
    detector = LSTMAnomalyDetector(**TINY).fit(panel_formats(normal_train)[fmt])
    np.testing.assert_allclose(
        detector.score_samples(normal_train),
        tiny_detector.score_samples(normal_train),
        atol=1e-4,
    )


def test_numpy3d_and_univariate_one_dimensional_series():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(10, 1, 12))  # sktime numpy3D: (n, C, T)
    detector = LSTMAnomalyDetector(**TINY).fit(X)
    assert detector.n_channels_ == 1
    assert detector.score_samples(X).shape == (10,)
    one_dimensional = [rng.normal(size=3), rng.normal(size=40)]
    step_scores = detector.score_timepoints(one_dimensional)
    assert [s.shape for s in step_scores] == [(3,), (40,)]


def test_batching_never_changes_the_scores(normal_train, tiny_detector):
    together = tiny_detector.score_samples(normal_train)
    alone = [tiny_detector.score_samples([s])[0] for s in normal_train[:5]]
    np.testing.assert_allclose(together[:5], alone, atol=1e-4)


# --- errors ------------------------------------------------------------------
def test_unfitted_detector_raises_not_fitted(normal_train):
    detector = LSTMAnomalyDetector()
    for method in (
        detector.predict,
        detector.score_samples,
        detector.decision_function,
        detector.score_timepoints,
    ):
        with pytest.raises(NotFittedError, match="has not been fitted"):
            method(normal_train)


def _with_nan(X):
    X = [s.copy() for s in X]
    X[3][2, 1] = np.nan
    return X


BAD_INPUT = {
    "nan": (_with_nan, ValueError, "series 3 contains NaN"),
    "empty series": (lambda X: [np.zeros((0, 2))], ValueError, "series 0 is empty"),
    "wrong type": (lambda X: "not a panel", TypeError, "X must be"),
    "no series": (lambda X: [], ValueError, "no series"),
    "non-numeric": (
        lambda X: [np.array([["x", "y"]] * 4)],
        TypeError,
        "series 0 holds non-numeric",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_is_named_and_fitted_state_survives(
    normal_train, tiny_detector, case
):
    detector = copy.deepcopy(tiny_detector)
    change, error, message = BAD_INPUT[case]
    before, model = detector.score_samples(normal_train), detector.model_
    with pytest.raises(error, match=message):
        detector.fit(change(normal_train))
    for method in (detector.predict, detector.score_timepoints):
        with pytest.raises(error, match=message):
            method(change(normal_train))
    assert detector.is_fitted and detector.model_ is model
    np.testing.assert_array_equal(detector.score_samples(normal_train), before)


def test_wrong_channel_count_at_predict(tiny_detector):
    for method in (tiny_detector.predict, tiny_detector.score_timepoints):
        with pytest.raises(ValueError, match="channels 3 but .* fitted on 2"):
            method([np.zeros((5, 3))])


@pytest.mark.parametrize("contamination", [0, 0.6, -0.1, "auto", None, True])
def test_invalid_contamination_is_named(normal_train, tiny_detector, contamination):
    detector = copy.deepcopy(tiny_detector)
    detector.contamination = contamination  # set_params would reset the detector
    message = r"'contamination' parameter .* range \(0, 0.5\]"
    with pytest.raises(ValueError, match=message):
        detector.fit(normal_train)
    assert detector.is_fitted


def test_invalid_series_score_is_named(normal_train):
    detector = LSTMAnomalyDetector(**TINY, series_score="median_error")
    with pytest.raises(ValueError, match="'series_score' parameter .* must be one of"):
        detector.fit(normal_train)
    assert not detector.is_fitted


def test_invalid_step_error_is_named(normal_train):
    detector = LSTMAnomalyDetector(**TINY, step_error="absolute")
    with pytest.raises(ValueError, match="'step_error' parameter .* must be one of"):
        detector.fit(normal_train)
    assert not detector.is_fitted


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


# --- persistence, reproducibility --------------------------------------------
def _joblib_round_trip(detector):
    buffer = io.BytesIO()
    joblib.dump(detector, buffer)
    buffer.seek(0)
    return joblib.load(buffer)


ROUND_TRIPS = {
    "pickle": lambda d: pickle.loads(pickle.dumps(d)),
    "deepcopy": copy.deepcopy,
    "joblib": _joblib_round_trip,
    "sktime save": lambda d: load(d.save()),
}


@pytest.mark.parametrize("round_trip", ROUND_TRIPS)
def test_persistence_keeps_the_trained_network(tiny_detector, round_trip):
    X = make_sines(n_series=6, seed=5)
    restored = ROUND_TRIPS[round_trip](tiny_detector)
    assert restored.is_fitted and restored.offset_ == tiny_detector.offset_
    np.testing.assert_array_equal(
        restored.score_samples(X), tiny_detector.score_samples(X)
    )
    np.testing.assert_array_equal(restored.predict(X), tiny_detector.predict(X))


def test_sktime_save_to_a_zip_file(tiny_detector, tmp_path):
    X = make_sines(n_series=4, seed=6)
    tiny_detector.save(tmp_path / "detector")
    restored = load(tmp_path / "detector.zip")
    np.testing.assert_array_equal(
        restored.score_samples(X), tiny_detector.score_samples(X)
    )


def test_same_random_state_gives_the_same_scores(normal_train, tiny_detector):
    again = LSTMAnomalyDetector(**TINY).fit(normal_train)
    np.testing.assert_array_equal(
        again.score_samples(normal_train), tiny_detector.score_samples(normal_train)
    )
    other_seed = LSTMAnomalyDetector(**{**TINY, "random_state": 1}).fit(normal_train)
    assert not np.allclose(
        other_seed.score_samples(normal_train),
        tiny_detector.score_samples(normal_train),
    )


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
    search = GridSearchCV(
        LSTMAnomalyDetector(**TINY),
        {"units": [(2,), (4,)]},
        scoring=scoring,
        cv=folds,
    ).fit(X, y)
    assert search.best_params_["units"] in [(2,), (4,)]
    assert 0 <= search.best_score_ <= 1
    assert search.best_estimator_.is_fitted


def test_verbose_zero_prints_nothing(normal_train, capfd):
    capfd.readouterr()
    detector = LSTMAnomalyDetector(**TINY, verbose=0).fit(normal_train)
    detector.score_timepoints(normal_train)
    detector.predict(normal_train)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_verbose_two_prints_one_line_per_epoch(normal_train, capfd):
    capfd.readouterr()
    LSTMAnomalyDetector(**TINY, verbose=2).fit(normal_train)
    out, _ = capfd.readouterr()
    assert out.count("loss") == TINY["n_epochs"]


def test_sktime_object_conformance():
    from sktime.utils.estimator_checks import check_estimator

    check_estimator(LSTMAnomalyDetector, raise_exceptions=True)
